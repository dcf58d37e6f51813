"""Demo data for plans, indicators, the problem picture and the årshjul (domain.md §7).

Plans go through the real services (draft → submitted → approved by a decision in
a held steering-body meeting), so the demo shows the rules at work. Idempotent:
each part is skipped when its natural key (area + title or name) exists. Real
figures are cited from the seeds; later values are fictional and say so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from actionplans import services
from actionplans.models import ActionPlan, CycleTask, CycleTemplate, Indicator
from meetings import services as meeting_services
from meetings.models import Meeting
from municipalities.demo import DemoContext
from municipalities.models import Area, Group, User
from reports import services as report_services
from reports.models import StatusReport

FICTIONAL = "Verdier etter {year} er fiktive demotall."
CYCLE_DISTRICTS = ("alna", "grorud", "sagene")


def seed(ctx: DemoContext) -> None:
    _cycles(ctx)
    pictures = _problem_picture(ctx)
    indicators = _indicators(ctx)
    programme = _oslo_programme(ctx)
    _alna_plan(ctx, programme, pictures, indicators)
    _baerum_plan(ctx, pictures, indicators)
    _region_plan(ctx)


# --- helpers ------------------------------------------------------------------------


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _held_meeting(group: Group, day: dt.date, title: str, purpose: str) -> Meeting:
    """A held meeting of ``group`` near ``day``: the meetings demo's, or a new one."""
    existing = (
        Meeting.objects.filter(
            group=group,
            starts_at__date__gte=day - dt.timedelta(days=20),
            starts_at__date__lte=day + dt.timedelta(days=20),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if existing is not None:
        return existing
    return meeting_services.meeting_create(
        group=group,
        title=title,
        starts_at=_aware(day),
        ends_at=_aware(day, 12),
        purpose=purpose,
        created_by=None,
    )


def _approve(plan: ActionPlan, group: Group, day: dt.date, user: User | None, text):
    services.plan_submit(plan=plan)
    meeting = _held_meeting(
        group,
        day,
        f"{group.name} {day:%d.%m.%Y}",
        "Behandling av handlingsplan.",
    )
    services.plan_approve(plan=plan, meeting=meeting, text=text, approved_by=user)


def _focus_area(plan, title, description="", reports=(), indicators=()):
    return services.focus_area_create(
        plan=plan,
        title=title,
        description=description,
        created_by=plan.created_by,
        evidence_reports=reports,
        evidence_indicators=indicators,
    )


def _measure(focus_area, *, start=None, evaluation=True, **fields):
    """A measure; with ``start`` it is started with its evaluation plan (P3)."""
    measure = services.measure_create(
        focus_area=focus_area,
        created_by=focus_area.plan.created_by,
        contributors=fields.pop("contributors", ()),
        **fields,
    )
    return measure


def _start(measure, user, start: dt.date, due: dt.date, plan_text: str, kind):
    services.measure_start(
        measure=measure,
        started_by=user,
        start_date=start,
        evaluation_type=kind,
        evaluator="internal" if kind != "effect" else "external",
        evaluation_plan=plan_text,
        evaluation_due=due,
    )


def _progress(measure, author, when: dt.date, text, **extra):
    services.progress_update_create(
        measure=measure, author=author, text=text, date=when, **extra
    )


def _past(ctx: DemoContext, month: int, day: int) -> dt.date:
    """This year's date, or today when it is still ahead (a demo run in spring)."""
    return min(dt.date(ctx.year, month, day), ctx.today)


# --- Årshjul ------------------------------------------------------------------------


def _cycles(ctx: DemoContext) -> None:
    """Both templates in use: Oslo's SaLTo copy (published by the secretariat) for
    the city and three districts; the generic SLT template for Bærum and the
    region. This year's tasks are made; the past ones are marked done."""
    defaults = {t.variant: t for t in CycleTemplate.published.filter(area__isnull=True)}
    oslo = ctx.areas["oslo"]
    oslo_copy = services.area_template(oslo)
    if oslo_copy is None:
        oslo_copy = services.cycle_template_clone(
            area=oslo,
            source=defaults["oslo_salto"],
            created_by=ctx.users["sekretariat1"],
        )
        services.cycle_template_publish(template=oslo_copy, published=True)
    plan = [(oslo, oslo_copy)]
    plan += [(ctx.areas[slug], oslo_copy) for slug in CYCLE_DISTRICTS]
    plan += [(ctx.areas[s], defaults["generic_slt"]) for s in ("baerum", "indre-sogn")]
    for area, source in plan:
        if services.area_template(area) is None:
            services.cycle_template_clone(area=area, source=source, created_by=None)
        services.cycle_year_generate(area=area, year=ctx.year)
    recent = ctx.today - dt.timedelta(days=14)
    CycleTask.objects.filter(
        area__in=[a for a, _s in plan],
        year=ctx.year,
        due_date__lt=recent,
        status=CycleTask.Status.OPEN,
    ).update(status=CycleTask.Status.DONE, completed_at=timezone.now())


# --- Problem picture ----------------------------------------------------------------


BAERUM_PICTURE = "\n\n".join(
    [
        (
            "Rus: Politiet ser ingen store endringer i rusutfordringene blant unge. "
            "Russen, og særlig russebussene, fungerer fortsatt som rollemodeller "
            "for festing. Alkoholbruken øker når ungdom begynner på videregående "
            "skole, og «hjemme-alene-fester» avdekkes tilfeldig."
        ),
        (
            "Illegal rus: Cannabis er fortsatt det mest brukte illegale rusmiddelet."
            " Hjelpeapparatet har en vei å gå for å samordne et oppdatert og "
            "faktabasert budskap."
        ),
        (
            "Kriminalitet: Økning i internettrelatert kriminalitet, særlig deling av"
            " bilder som seksualiserer barn. Mange unge mangler «digital "
            "folkeskikk» og kunnskap om hvor grensene går. Mindre tyverier står for"
            " en stor andel av anmeldt kriminalitet blant unge under 18 år; "
            "Sandvika storsenter peker seg ut som gjerningssted."
        ),
        (
            "Ekstremisme: Høyreekstreme miljøer er i fremvekst i distriktet, synlig "
            "gjennom propaganda med flyveblader og plakater. Området bør ha ekstra "
            "oppmerksomhet i året som kommer."
        ),
    ]
)

ALNA_PICTURE = "\n\n".join(
    [
        (
            "Trygghetsundersøkelsen 2023 viser at Furuset-området skiller seg "
            "negativt ut i enhet øst: 15 % føler seg svært eller ganske utrygge i "
            "nærmiljøet, mens 68 % føler seg trygge. Årsaker som oppgis er truende "
            "ungdomsgrupper, åpenlyst narkotikasalg og lite synlig politi. 12 % har"
            " lav og 60 % høy tillit til lokalt politi."
        ),
        (
            "Politiet ser en områdekonflikt mellom ungdomsgrupper fra Furuset og "
            "Trosterud/Haugerud, og deling av hatvideoer i sosiale medier. Cannabis"
            " og lystgass er de rusmidlene som oftest nevnes."
        ),
    ]
)

TERTIAL = "\n\n".join(
    [
        (
            "Politiets rapport for bydel Alna, {period}. Antall anmeldelser mot "
            "unge under 18 år er {trend}. Innsatsen i prioriterte områder rundt "
            "Furuset senter fortsetter. Politiet ser fortsatt konflikter mellom "
            "grupper på tvers av bydelsgrensene, og ber om at saken settes på neste"
            " møte i koordineringsgruppen."
        ),
    ]
)


def _problem_picture(ctx: DemoContext) -> dict[str, StatusReport]:
    baerum, alna, region = (
        ctx.areas["baerum"],
        ctx.areas["alna"],
        ctx.areas["indre-sogn"],
    )
    police_alna = ctx.agencies[("alna", "Nærpolitiet Alna")]
    entries = {
        "baerum": (
            baerum,
            "challenge_picture",
            f"Politiets utfordringsbilde {ctx.year - 1}",
            dt.date(ctx.year - 1, 1, 1),
            dt.date(ctx.year - 1, 12, 31),
            BAERUM_PICTURE,
            ctx.users["stasjonssjef.baerum"],
            ctx.agencies[("baerum", "Bærum politistasjon")],
            ["substances", "sexual_behaviour", "property_crime", "extremism"],
        ),
        "alna": (
            alna,
            "challenge_picture",
            f"Utfordringsbilde Alna {ctx.year - 1}",
            dt.date(ctx.year - 1, 1, 1),
            dt.date(ctx.year - 1, 12, 31),
            ALNA_PICTURE,
            ctx.users["politikontakt.ost"],
            police_alna,
            ["area_conflict", "substances", "online"],
        ),
        "alna_t1": (
            alna,
            "police_tertial",
            f"Tertialrapport 1 {ctx.year}",
            dt.date(ctx.year, 1, 1),
            dt.date(ctx.year, 4, 30),
            TERTIAL.format(
                period=f"1. tertial {ctx.year}", trend="litt lavere enn i fjor"
            ),
            ctx.users["politikontakt.ost"],
            police_alna,
            ["violence", "area_conflict"],
        ),
        "region": (
            region,
            "mapping_report",
            f"Kartlegging av oppvekstmiljøet i Indre Sogn {ctx.year - 1}",
            dt.date(ctx.year - 1, 1, 1),
            dt.date(ctx.year - 1, 12, 31),
            "Kartlegginga byggjer på Ungdata og innspel frå skulane, "
            "helsestasjonen og lensmannen. Føreslegne prioriteringar for første år: "
            "rus, psykisk helse og utanforskap, digital dømmekraft og "
            "foreldresamarbeid.",
            ctx.users["koordinator.indre-sogn"],
            None,
            ["substances", "mental_health", "online", "family"],
        ),
    }
    found = {}
    for key, (
        area,
        kind,
        title,
        start,
        end,
        body,
        author,
        agency,
        topics,
    ) in entries.items():
        report = StatusReport.objects.filter(area=area, title=title).first()
        if report is None:
            report = report_services.status_report_create(
                area=area,
                kind=kind,
                title=title,
                period_start=start,
                period_end=end,
                body=body,
                author=author,
                author_agency=agency,
                categories=topics,
            )
            report_services.status_report_submit(report=report, submitted_by=author)
        found[key] = report
    return found


# --- Indicators ---------------------------------------------------------------------


def _indicator(area: Area, name: str, values, **fields) -> Indicator:
    indicator = Indicator.objects.filter(area=area, name=name).first()
    if indicator is not None:
        return indicator
    indicator = services.indicator_create(
        area=area, name=name, created_by=None, **fields
    )
    for start, end, value, n, comparison, note in values:
        services.indicator_value_set(
            indicator=indicator,
            period_start=start,
            period_end=end,
            value=Decimal(str(value)),
            n=n,
            comparison_value=None if comparison is None else Decimal(str(comparison)),
            note=note,
            created_by=None,
        )
    return indicator


def _year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _indicators(ctx: DemoContext) -> dict[str, Indicator]:
    baerum, alna, region = (
        ctx.areas["baerum"],
        ctx.areas["alna"],
        ctx.areas["indre-sogn"],
    )
    y = ctx.year
    found = {}
    found["acceptance"] = _indicator(
        baerum,
        "Opplever aksept for alkoholbruk fra foreldrene",
        [
            (*_year(2014), 13, 1150, 11, "Ungdata 2014 (Bærum L336-337)"),
            (*_year(2017), 12, 1210, 11, ""),
            (*_year(2020), 10, 1185, 10, ""),
            (*_year(2023), 9, 1190, 10, ""),
        ],
        source="ungdata",
        unit="percent",
        cohort="10. trinn",
        comparison_label="Landet",
        higher_is_better=False,
        description=FICTIONAL.format(year=2014),
    )
    found["rules"] = _indicator(
        baerum,
        "Vet ikke om foreldrene har regler for alkoholbruk",
        [
            (*_year(2014), 21, 1150, None, "Ungdata 2014 (Bærum L336-337)"),
            (*_year(2017), 19, 1210, None, ""),
            (*_year(2020), 17, 1185, None, ""),
            (*_year(2023), 16, 1190, None, ""),
        ],
        source="ungdata",
        unit="percent",
        cohort="10. trinn",
        higher_is_better=False,
        description=FICTIONAL.format(year=2014),
    )
    found["thefts"] = _indicator(
        baerum,
        "Anmeldte mindre tyverier, gjerningsperson under 18 år",
        [
            (*_year(y - k), v, None, None, "")
            for k, v in ((4, 96), (3, 88), (2, 91), (1, 74))
        ],
        source="police",
        unit="count",
        higher_is_better=False,
        description="Fiktive demotall.",
    )
    found["core_group"] = _indicator(
        baerum,
        "Bekymringer om radikalisering drøftet i kjernegruppen",
        [(*_year(y - k), v, None, None, "") for k, v in ((3, 6), (2, 3), (1, 7))],
        source="municipal",
        unit="count",
        description="Fiktive demotall. Tall under 5 vises som «<5».",
    )
    survey = dict(
        source="safety_survey",
        unit="percent",
        cohort="Beboere Furuset",
        comparison_label="Oslo politidistrikt",
    )
    for key, name, first, later, better in (
        ("unsafe", "Føler seg utrygge i nærmiljøet", 15, 13, False),
        ("safe", "Føler seg trygge i nærmiljøet", 68, 70, True),
        ("low_trust", "Lav tillit til lokalt politi", 12, 11, False),
        ("high_trust", "Høy tillit til lokalt politi", 60, 63, True),
    ):
        found[key] = _indicator(
            alna,
            name,
            [
                (*_year(2023), first, 820, None, "Trygghetsundersøkelsen 2023"),
                (*_year(2025), later, 790, None, ""),
            ],
            higher_is_better=better,
            description="Trygghetsundersøkelsen 2023 (Alna L443-461). "
            + FICTIONAL.format(year=2023),
            **survey,
        )
    found["drunk"] = _indicator(
        region,
        "Har vore tydeleg rusa på alkohol siste år",
        [(*_year(y - k), v, 240, 13, "") for k, v in ((6, 17), (3, 15), (1, 14))],
        source="ungdata",
        unit="percent",
        cohort="10. trinn",
        comparison_label="Landet",
        higher_is_better=False,
        description="Fiktive demotall.",
    )
    return found


# --- Plans --------------------------------------------------------------------------


def _oslo_programme(ctx: DemoContext) -> ActionPlan:
    oslo = ctx.areas["oslo"]
    title = f"SaLTo handlingsprogram {ctx.year}–{ctx.year + 3}"
    existing = ActionPlan.objects.filter(area=oslo, title=title).first()
    if existing is not None:
        return existing
    secretariat = ctx.users["sekretariat1"]
    programme = services.plan_create(
        area=oslo,
        title=title,
        kind=ActionPlan.Kind.PROGRAMME,
        period_start=dt.date(ctx.year, 1, 1),
        period_end=dt.date(ctx.year + 3, 12, 31),
        summary="SaLTos handlingsprogram for rus- og kriminalitetsforebyggende arbeid "
        "blant barn og unge gir føringer for de viktigste overordnede satsingene.",
        created_by=secretariat,
    )
    for title_ in (
        "Felles innsats i utsatte områder",
        "Utfordringer knyttet til rus",
        "Vold blant jevnaldrende",
        "Kriminalitetsforebygging på nett",
    ):
        _focus_area(programme, title_)
    # A programme has focus areas only; its measures are in the districts' plans.
    services.plan_submit(plan=programme)
    council = ctx.groups[("oslo", "Politirådet i Oslo")]
    meeting = _held_meeting(
        council,
        dt.date(ctx.year - 1, 12, 8),
        "Politirådet i Oslo",
        "Behandling av SaLTo handlingsprogram.",
    )
    services.plan_approve(
        plan=programme,
        meeting=meeting,
        text="Politirådet vedtar SaLTo handlingsprogram for perioden.",
        approved_by=secretariat,
    )
    return programme


def _alna_plan(ctx, programme, pictures, indicators) -> None:
    alna = ctx.areas["alna"]
    title = f"Handlingsplan SaLTo Alna {ctx.year}–{ctx.year + 1}"
    if ActionPlan.objects.filter(area=alna, title=title).exists():
        return
    coordinator = ctx.users["koordinator.alna"]
    police_user = ctx.users["politikontakt.ost"]
    operative = ctx.users["fleksiteam.alna"]
    barnevern = ctx.users["kg.barnevern.alna"]
    a = {
        name: agency for (slug, name), agency in ctx.agencies.items() if slug == "alna"
    }
    police = a["Nærpolitiet Alna"]
    plan = services.plan_create(
        area=alna,
        title=title,
        period_start=dt.date(ctx.year, 1, 1),
        period_end=dt.date(ctx.year + 1, 12, 31),
        parent_programme=programme,
        summary="Bydel, skole og politi står sammen om planen. Den bygger på "
        "SaLTo handlingsprogram og på utfordringsbildet for Furuset.",
        contributors=[
            a["Bydelsdirektøren, bydel Alna"],
            a["Granstangen skole"],
            a["Ellingsrud skole"],
            police,
        ],
        linked_plans=[{"title": "Områdesatsingen i Groruddalen", "period": ""}],
        created_by=coordinator,
    )
    exposed = _focus_area(
        plan,
        "Felles innsats i utsatte områder",
        "Furuset og områdene rundt senteret.",
        reports=[pictures["alna"]],
        indicators=[indicators["unsafe"], indicators["high_trust"]],
    )
    drugs = _focus_area(
        plan, "Utfordringer knyttet til rus", reports=[pictures["alna_t1"]]
    )
    violence = _focus_area(
        plan, "Vold blant jevnaldrende", reports=[pictures["alna_t1"]]
    )
    online = _focus_area(plan, "Kriminalitetsforebygging på nett")
    os_team = _measure(
        exposed,
        title="OS-team og fleksiteam",
        description="Oppsøkende team og ukentlig fleksiteam med bydelens tjenester, "
        "skole og nærpolitiet for ungdom i risiko.",
        prevention_level="indicated",
        target_group="Ungdom 13–18 år i risiko",
        age_from=13,
        age_to=18,
        target_type="individual",
        evidence_basis="experience",
        responsible_agency=a["Forebyggende ungdomsavdeling"],
        owner=operative,
        contributors=[police, a["Nav Alna"]],
        topics=["area_conflict", "violence"],
    )
    forum = _measure(
        exposed,
        title="Ung i Forum med Furuset IF",
        description="Åpent fritidstilbud i Forum på kveldstid, drevet sammen med "
        "Furuset IF.",
        prevention_level="universal",
        target_group="Alle unge 13–18 år på Furuset",
        responsible_agency=a["Kultur, miljø og fritid (KMF)"],
        owner=coordinator,
        contributors=[a["Furuset IF"]],
        funding_source="state_grant",
        funding_note="Tilskudd fra Bufdir.",
    )
    # No evaluation plan yet (rule P3): it cannot start until one is decided.
    _measure(
        drugs,
        title="Søskensjekk-rutine",
        description="Når en ungdom følges opp, vurderes også yngre søsken.",
        prevention_level="indicated",
        target_group="Yngre søsken av ungdom som følges opp",
        responsible_agency=a["Barneverntjenesten Alna"],
        owner=barnevern,
        evaluation_flags=["new_trial"],
        topics=["family"],
    )
    mediation = _measure(
        violence,
        title="Medborgerne – konfliktmekling",
        description="Mekling mellom grupper av unge i konflikt.",
        prevention_level="selective",
        target_group="Ungdomsgrupper i konflikt",
        responsible_agency=a["Forebyggende ungdomsavdeling"],
        owner=coordinator,
        contributors=[police],
        topics=["violence", "area_conflict"],
    )
    agents = _measure(
        online,
        title="Sosialagentene for 5.–6. trinn",
        description="Sosialagenter i skolen: digital dømmekraft og konfliktforståelse.",
        prevention_level="universal",
        target_group="Elever på 5.–6. trinn",
        responsible_agency=a["Barneverntjenesten Alna"],
        owner=barnevern,
        contributors=[a["Granstangen skole"]],
        topics=["online"],
    )
    steering = ctx.groups[("alna", "Styringsgruppe")]
    _approve(
        plan,
        steering,
        dt.date(ctx.year - 1, 12, 12),
        coordinator,
        "Styringsgruppen vedtar handlingsplanen og ber om status i hvert møte.",
    )
    begin = dt.date(ctx.year, 1, 15)
    _start(
        os_team,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 10, 1),
        "Følgeevaluering: antall ungdom fulgt opp, og oppfølging av planene.",
        "formative",
    )
    _start(
        forum,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Oppmøtetall og en enkel brukerundersøkelse hvert halvår.",
        "process",
    )
    _start(
        mediation,
        coordinator,
        begin,
        # Due and not evaluated: the measure shows as overdue.
        max(begin, ctx.today - dt.timedelta(days=30)),
        "Prosessevaluering sammen med Konfliktrådet etter ett år.",
        "process",
    )
    _start(
        agents,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Evalueres av skolene og bydelen ved skoleårets slutt.",
        "process",
    )
    _progress(
        os_team,
        police_user,
        _past(ctx, 3, 20),
        "Felles patrulje med OS-teamet på Furuset senter fredag kveld. Rolig.",
        rating="on_track",
    )
    _progress(
        os_team,
        operative,
        _past(ctx, 6, 10),
        "Fleksiteamet har fulgt opp ungdom ukentlig hele våren.",
        rating="on_track",
        figure=Decimal("14"),
        figure_label="ungdommer fulgt opp",
        is_highlight=True,
    )
    _progress(
        forum,
        coordinator,
        _past(ctx, 9, 5),
        "Godt oppmøte etter sommeren, flere jenter enn før.",
        rating="on_track",
        figure=Decimal("65"),
        figure_label="besøkende per kveld",
    )
    _progress(
        mediation,
        police_user,
        _past(ctx, 8, 28),
        "Ny konflikt mellom grupper fra Furuset og Trosterud. Mekling avtalt.",
        rating="at_risk",
    )


def _baerum_plan(ctx, pictures, indicators) -> None:
    baerum = ctx.areas["baerum"]
    title = f"SLT-handlingsplan Bærum {ctx.year}–{ctx.year + 1}"
    if ActionPlan.objects.filter(area=baerum, title=title).exists():
        return
    b = {n: agency for (slug, n), agency in ctx.agencies.items() if slug == "baerum"}
    coordinator, second = (
        ctx.users["koordinator1.baerum"],
        ctx.users["koordinator2.baerum"],
    )
    plan = services.plan_create(
        area=baerum,
        title=title,
        period_start=dt.date(ctx.year, 1, 1),
        period_end=dt.date(ctx.year + 1, 12, 31),
        summary="SLT-styret har på grunnlag av politiets utfordringsbilde valgt tre "
        "innsatsområder: rus; ungdom, seksualitet og grenser sammen med vold i nære "
        "relasjoner; og utenforskap, radikalisering og ekstremisme.",
        contributors=[b["SLT-koordinatorene"], b["Bærum politistasjon"]],
        linked_plans=[
            {"title": "Rusmiddelpolitisk handlingsplan", "period": ""},
            {
                "title": "Handlingsplan mot vold i nære relasjoner",
                "period": "2015–2019",
            },
            {"title": "Handlingsprogram (kommunens økonomiplan)", "period": ""},
            {"title": "Lokal handlingsplan mot ekstremisme", "period": "2014"},
        ],
        created_by=coordinator,
    )
    drugs = _focus_area(
        plan,
        "Forebygge rus",
        "Flere unge i Bærum drikker og bruker cannabis enn ellers i landet.",
        reports=[pictures["baerum"]],
        indicators=[indicators["acceptance"], indicators["rules"]],
    )
    boundaries = _focus_area(
        plan,
        "Ungdom, seksualitet og grenser, og vold i nære relasjoner",
        "Deling av bilder som seksualiserer jevnaldrende, og overgrep mellom unge.",
        reports=[pictures["baerum"]],
    )
    exclusion = _focus_area(
        plan,
        "Forebygge utenforskap, radikalisering og ekstremisme",
        reports=[pictures["baerum"]],
        indicators=[indicators["core_group"]],
    )
    goal = services.goal_create(
        focus_area=drugs,
        text="Rusbruk blant barn og unge er redusert.",
        created_by=coordinator,
        indicators=[indicators["acceptance"]],
    )
    postpone = _measure(
        drugs,
        title="Utsett!",
        goal=goal,
        description="Foreldrerettet program på alle ungdomsskoler og trinn, med "
        "KoRus Øst.",
        prevention_level="universal",
        target_group="Foreldre til elever på 8.–10. trinn",
        responsible_agency=b["Ungdomsskoler"],
        owner=coordinator,
        evidence_basis="documented",
    )
    hap = _measure(
        drugs,
        title="HAP og CPU – samtaletilbud om cannabis",
        goal=goal,
        description="Hasjavvenningsprogram og cannabisprogram for unge.",
        prevention_level="indicated",
        target_group="Unge som bruker cannabis",
        responsible_agency=b["Helsetjenester barn og unge"],
        owner=ctx.users["kg3.baerum"],
    )
    contract = _measure(
        drugs,
        title="Ungdomskontrakt",
        prevention_level="indicated",
        target_group="Unge 15–18 år som har begått lovbrudd",
        age_from=15,
        age_to=18,
        responsible_agency=b["Forebyggende koordinator i politiet"],
        owner=second,
    )
    russ = _measure(
        boundaries,
        title="Workshop om russetid",
        description="Fylkeskommunen, politiet, kommunen og Statens vegvesen.",
        prevention_level="universal",
        target_group="Elever på 1. og 2. trinn i videregående",
        responsible_agency=b["Ungdom og fritid"],
        owner=ctx.users["ungdomsteam.baerum"],
    )
    mentor = _measure(
        exclusion,
        title="Mentorordning",
        description="Tettere oppfølging av unge og familier i risiko for utenforskap.",
        prevention_level="selective",
        target_group="Unge og familier i risiko for utenforskap",
        responsible_agency=b["SLT-koordinatorene"],
        owner=second,
        funding_source="state_grant",
        funding_note="Tilskudd fra Justis- og beredskapsdepartementet.",
        evaluation_flags=["new_trial"],
    )
    _approve(
        plan,
        ctx.groups[("baerum", "SLT-styret")],
        dt.date(ctx.year - 1, 11, 20),
        coordinator,
        "SLT-styret vedtar innsatsområdene og handlingsplanen.",
    )
    begin = dt.date(ctx.year, 1, 10)
    _start(
        postpone,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Effekt måles med Ungdata (aksept for alkohol) og KoRus' evaluering.",
        "effect",
    )
    _start(
        hap,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 3, 1),
        "Antall gjennomførte samtaleforløp og erfaringer fra tjenestene.",
        "process",
    )
    _start(
        russ,
        coordinator,
        begin,
        max(begin, _past(ctx, 6, 30)),
        "Evalueringsrunde med deltakerne etter russetiden.",
        "process",
    )
    _start(
        mentor,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 12, 1),
        "Følgeevaluering i kjernegruppen, rapport til SLT-styret.",
        "formative",
    )
    _progress(
        postpone,
        coordinator,
        _past(ctx, 4, 15),
        "Foreldremøter på alle ungdomsskoler gjennomført.",
        rating="on_track",
        figure=Decimal("1850"),
        figure_label="foreldre nådd",
        is_highlight=True,
    )
    _progress(
        russ,
        ctx.users["ungdomsteam.baerum"],
        _past(ctx, 5, 30),
        "Workshop gjennomført; arbeidsgruppen følger opp resultatene.",
        rating="on_track",
        status_to="completed",
    )
    _progress(
        hap,
        ctx.users["kg3.baerum"],
        _past(ctx, 9, 1),
        "Opplæringsdager holdt, men få henvisninger så langt.",
        rating="at_risk",
    )
    del contract  # planned; waits for an evaluation plan before it starts (P3)


def _region_plan(ctx: DemoContext) -> None:
    region = ctx.areas["indre-sogn"]
    title = f"Strategiplan {ctx.year}–{ctx.year + 3}"
    if ActionPlan.objects.filter(area=region, title=title).exists():
        return
    coordinator = ctx.users["koordinator.indre-sogn"]
    slt = ctx.agencies[("indre-sogn", "SLT-koordinator Indre Sogn")]
    police = ctx.agencies[("indre-sogn", "Sogn lensmannsdistrikt")]
    plan = services.plan_create(
        area=region,
        title=title,
        kind=ActionPlan.Kind.STRATEGY_PLAN,
        period_start=dt.date(ctx.year, 1, 1),
        period_end=dt.date(ctx.year + 3, 12, 31),
        summary="Felles strategiplan for SLT i Luster og Sogndal (fiktive "
        "innsatsområde for demo).",
        contributors=[slt, police],
        created_by=coordinator,
    )
    for focus, measure in (
        ("Rus", "Foreldremøte om rus på 8. trinn"),
        ("Psykisk helse og utanforskap", "Lågterskel samtaletilbod"),
        ("Digital dømmekraft", "Undervisningsopplegg om deling av bilete"),
        ("Foreldresamarbeid", "Foreldrenettverk i kvar kommune"),
    ):
        focus_area = _focus_area(plan, focus)
        _measure(
            focus_area,
            title=measure,
            prevention_level="universal",
            target_group="Ungdom 13–16 år og foreldre",
            responsible_agency=slt,
            owner=coordinator,
        )
    services.plan_submit(plan=plan)
    # The regional police council has met; the coordinator records the approval.
    _held_meeting(
        ctx.groups[("indre-sogn", "Regionalt politiråd")],
        ctx.today - dt.timedelta(days=10),
        "Regionalt politiråd",
        "Behandling av strategiplanen.",
    )
