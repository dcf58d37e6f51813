"""Demo plans, made through the real lifecycle: the Oslo programme, the Alna and
Bærum plans (approved) and the region's strategy plan (awaiting approval)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from actionplans import services
from actionplans.demo import helpers as h
from actionplans.models import ActionPlan
from municipalities.demo import DemoContext


def seed_programme(ctx: DemoContext) -> ActionPlan:
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
        h.focus_area(programme, title_)
    # A programme has focus areas only; its measures are in the districts' plans.
    services.plan_submit(plan=programme)
    council = ctx.groups[("oslo", "Politirådet i Oslo")]
    meeting, created = h.held_meeting(
        council,
        dt.date(ctx.year - 1, 12, 8),
        "Politirådet i Oslo",
        "Behandling av SaLTo handlingsprogram.",
    )
    text = "Politirådet vedtar SaLTo handlingsprogram for perioden."
    services.plan_approve(
        plan=programme, meeting=meeting, text=text, approved_by=secretariat
    )
    if created:
        h.lock_minutes(meeting, text)
    return programme


def seed_alna_plan(ctx, programme, pictures, indicators) -> None:
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
    exposed = h.focus_area(
        plan,
        "Felles innsats i utsatte områder",
        "Furuset og områdene rundt senteret.",
        reports=[pictures["alna"]],
        indicators=[indicators["unsafe"], indicators["high_trust"]],
    )
    drugs = h.focus_area(
        plan, "Utfordringer knyttet til rus", reports=[pictures["alna_t1"]]
    )
    violence = h.focus_area(
        plan, "Vold blant jevnaldrende", reports=[pictures["alna_t1"]]
    )
    online = h.focus_area(plan, "Kriminalitetsforebygging på nett")
    os_team = h.measure(
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
    forum = h.measure(
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
    h.measure(
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
    mediation = h.measure(
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
    agents = h.measure(
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
    h.approve(
        plan,
        steering,
        dt.date(ctx.year - 1, 12, 12),
        coordinator,
        "Styringsgruppen vedtar handlingsplanen og ber om status i hvert møte.",
    )
    begin = dt.date(ctx.year, 1, 15)
    h.start(
        os_team,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 10, 1),
        "Følgeevaluering: antall ungdom fulgt opp, og oppfølging av planene.",
        "formative",
    )
    h.start(
        forum,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Oppmøtetall og en enkel brukerundersøkelse hvert halvår.",
        "process",
    )
    h.start(
        mediation,
        coordinator,
        begin,
        # Due and not evaluated: the measure shows as overdue.
        max(begin, ctx.today - dt.timedelta(days=30)),
        "Prosessevaluering sammen med Konfliktrådet etter ett år.",
        "process",
    )
    h.start(
        agents,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Evalueres av skolene og bydelen ved skoleårets slutt.",
        "process",
    )
    h.progress(
        os_team,
        police_user,
        h.past(ctx, 3, 20),
        "Felles patrulje med OS-teamet på Furuset senter fredag kveld. Rolig.",
        rating="on_track",
    )
    h.progress(
        os_team,
        operative,
        h.past(ctx, 6, 10),
        "Fleksiteamet har fulgt opp ungdom ukentlig hele våren.",
        rating="on_track",
        figure=Decimal("14"),
        figure_label="ungdommer fulgt opp",
        is_highlight=True,
    )
    h.progress(
        forum,
        coordinator,
        h.past(ctx, 9, 5),
        "Godt oppmøte etter sommeren, flere jenter enn før.",
        rating="on_track",
        figure=Decimal("65"),
        figure_label="besøkende per kveld",
    )
    h.progress(
        mediation,
        police_user,
        h.past(ctx, 8, 28),
        "Ny konflikt mellom grupper fra Furuset og Trosterud. Mekling avtalt.",
        rating="at_risk",
    )


def seed_baerum_plan(ctx, pictures, indicators) -> None:
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
    drugs = h.focus_area(
        plan,
        "Forebygge rus",
        "Flere unge i Bærum drikker og bruker cannabis enn ellers i landet.",
        reports=[pictures["baerum"]],
        indicators=[indicators["acceptance"], indicators["rules"]],
    )
    boundaries = h.focus_area(
        plan,
        "Ungdom, seksualitet og grenser, og vold i nære relasjoner",
        "Deling av bilder som seksualiserer jevnaldrende, og overgrep mellom unge.",
        reports=[pictures["baerum"]],
    )
    exclusion = h.focus_area(
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
    postpone = h.measure(
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
    hap = h.measure(
        drugs,
        title="HAP og CPU – samtaletilbud om cannabis",
        goal=goal,
        description="Hasjavvenningsprogram og cannabisprogram for unge.",
        prevention_level="indicated",
        target_group="Unge som bruker cannabis",
        responsible_agency=b["Helsetjenester barn og unge"],
        owner=ctx.users["kg3.baerum"],
    )
    contract = h.measure(
        drugs,
        title="Ungdomskontrakt",
        prevention_level="indicated",
        target_group="Unge 15–18 år som har begått lovbrudd",
        age_from=15,
        age_to=18,
        responsible_agency=b["Forebyggende koordinator i politiet"],
        owner=second,
    )
    russ = h.measure(
        boundaries,
        title="Workshop om russetid",
        description="Fylkeskommunen, politiet, kommunen og Statens vegvesen.",
        prevention_level="universal",
        target_group="Elever på 1. og 2. trinn i videregående",
        responsible_agency=b["Ungdom og fritid"],
        owner=ctx.users["ungdomsteam.baerum"],
    )
    mentor = h.measure(
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
    h.approve(
        plan,
        ctx.groups[("baerum", "SLT-styret")],
        dt.date(ctx.year - 1, 11, 20),
        coordinator,
        "SLT-styret vedtar innsatsområdene og handlingsplanen.",
    )
    begin = dt.date(ctx.year, 1, 10)
    h.start(
        postpone,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 6, 1),
        "Effekt måles med Ungdata (aksept for alkohol) og KoRus' evaluering.",
        "effect",
    )
    h.start(
        hap,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 3, 1),
        "Antall gjennomførte samtaleforløp og erfaringer fra tjenestene.",
        "process",
    )
    h.start(
        russ,
        coordinator,
        begin,
        max(begin, h.past(ctx, 6, 30)),
        "Evalueringsrunde med deltakerne etter russetiden.",
        "process",
    )
    h.start(
        mentor,
        coordinator,
        begin,
        dt.date(ctx.year + 1, 12, 1),
        "Følgeevaluering i kjernegruppen, rapport til SLT-styret.",
        "formative",
    )
    h.progress(
        postpone,
        coordinator,
        h.past(ctx, 4, 15),
        "Foreldremøter på alle ungdomsskoler gjennomført.",
        rating="on_track",
        figure=Decimal("1850"),
        figure_label="foreldre nådd",
        is_highlight=True,
    )
    h.progress(
        russ,
        ctx.users["ungdomsteam.baerum"],
        h.past(ctx, 5, 30),
        "Workshop gjennomført; arbeidsgruppen følger opp resultatene.",
        rating="on_track",
        status_to="completed",
    )
    h.progress(
        hap,
        ctx.users["kg3.baerum"],
        h.past(ctx, 9, 1),
        "Opplæringsdager holdt, men få henvisninger så langt.",
        rating="at_risk",
    )
    del contract  # planned; waits for an evaluation plan before it starts (P3)


def seed_region_plan(ctx: DemoContext) -> None:
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
        focus_area = h.focus_area(plan, focus)
        h.measure(
            focus_area,
            title=measure,
            prevention_level="universal",
            target_group="Ungdom 13–16 år og foreldre",
            responsible_agency=slt,
            owner=coordinator,
        )
    services.plan_submit(plan=plan)
    # The regional police council has met; the coordinator records the approval.
    h.held_meeting(
        ctx.groups[("indre-sogn", "Regionalt politiråd")],
        ctx.today - dt.timedelta(days=10),
        "Regionalt politiråd",
        "Behandling av strategiplanen.",
    )
