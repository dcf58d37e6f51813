"""Demo problem picture (utfordringsbilde) and indicators, with the real figures
from the seeds and fictional later values that say so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from actionplans import services
from actionplans.models import Indicator
from municipalities.demo import DemoContext
from municipalities.models import Area
from reports import services as report_services
from reports.models import StatusReport

FICTIONAL = "Verdier etter {year} er fiktive demotall."


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


def seed_problem_picture(ctx: DemoContext) -> dict[str, StatusReport]:
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


def seed_indicators(ctx: DemoContext) -> dict[str, Indicator]:
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
