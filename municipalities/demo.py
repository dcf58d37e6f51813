"""Demo data (domain.md §7): areas, agencies, people, roles and the SLT bodies.

Every person is fictional (Faker no_NO, seeded per person); places and
institutions are real. Other apps add their part in ``<app>/demo.py`` with a
``seed(ctx)`` function; all of it is idempotent (natural keys and get_or_create).
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from municipalities import roles
from municipalities.models import (
    Agency,
    Area,
    Group,
    GroupMember,
    Membership,
    PoliceDistrict,
    User,
)

DEMO_PASSWORD = "slt-demo-2026"
DEMO_DOMAIN = "demo.slt-portal.no"

POLICE_DISTRICTS = [
    ("Oslo politidistrikt", "oslo"),
    ("Øst politidistrikt", "ost"),
    ("Innlandet politidistrikt", "innlandet"),
    ("Sør-Øst politidistrikt", "sor-ost"),
    ("Agder politidistrikt", "agder"),
    ("Sør-Vest politidistrikt", "sor-vest"),
    ("Vest politidistrikt", "vest"),
    ("Møre og Romsdal politidistrikt", "more-og-romsdal"),
    ("Trøndelag politidistrikt", "trondelag"),
    ("Nordland politidistrikt", "nordland"),
    ("Troms politidistrikt", "troms"),
    ("Finnmark politidistrikt", "finnmark"),
]

# SSB numbers 030101–030115, in that order.
OSLO_DISTRICTS = [
    ("Gamle Oslo", "gamle-oslo"),
    ("Grünerløkka", "grunerlokka"),
    ("Sagene", "sagene"),
    ("St. Hanshaugen", "st-hanshaugen"),
    ("Frogner", "frogner"),
    ("Ullern", "ullern"),
    ("Vestre Aker", "vestre-aker"),
    ("Nordre Aker", "nordre-aker"),
    ("Bjerke", "bjerke"),
    ("Grorud", "grorud"),
    ("Stovner", "stovner"),
    ("Alna", "alna"),
    ("Østensjø", "ostensjo"),
    ("Nordstrand", "nordstrand"),
    ("Søndre Nordstrand", "sondre-nordstrand"),
]
# One politikontakt covers Alna, Grorud and Stovner (domain.md §7).
EAST_POLICE_CONTACT_DISTRICTS = ("alna", "grorud", "stovner")


@dataclass
class DemoContext:
    """Shared state for every app's demo seed."""

    year: int
    today: dt.date
    areas: dict[str, Area] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    agencies: dict[tuple[str, str], Agency] = field(default_factory=dict)
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)

    # --- people ------------------------------------------------------------------

    def person(
        self,
        key: str,
        *,
        login: bool = False,
        title: str = "",
        agency: Agency | None = None,
        describe: str = "",
    ) -> User:
        """The fictional person ``key``; with ``login`` they can log in."""
        if key in self.users:
            return self.users[key]
        email = f"{key}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            fake = Faker("no_NO")
            fake.seed_instance(zlib.crc32(key.encode()))
            user = User.objects.create_user(
                email=email,
                full_name=f"{fake.first_name()} {fake.last_name()}",
                title=title,
                agency=agency,
                phone=f"9{zlib.crc32(email.encode()) % 10_000_000:07d}",
            )
        if login and not user.has_usable_password():
            # One hash for every demo login: hashing is deliberately slow. A person
            # who gained a login in a later version of the demo gets it on reseed.
            user.password = _demo_password_hash()
            user.save(update_fields=["password"])
        self.users[key] = user
        if login and describe:
            self.logins.append((email, describe))
        return user

    def membership(
        self, user: User, area: Area, role: str, agency: Agency | None = None
    ) -> Membership:
        membership, _ = Membership.objects.get_or_create(
            user=user,
            area=area,
            role=role,
            end_date=None,
            defaults={"agency": agency, "start_date": dt.date(self.year - 2, 1, 1)},
        )
        return membership

    # --- organisation ------------------------------------------------------------

    def agency(self, area: Area, name: str, kind: str, **extra) -> Agency:
        key = (area.slug, name)
        if key not in self.agencies:
            self.agencies[key], _ = Agency.objects.get_or_create(
                area=area, name=name, defaults={"kind": kind, **extra}
            )
        return self.agencies[key]

    def group(self, area: Area, name: str, **fields) -> Group:
        key = (area.slug, name)
        if key not in self.groups:
            covered = fields.pop("covered_areas", None)
            group, created = Group.objects.get_or_create(
                area=area, name=name, defaults=fields
            )
            if created:
                group.full_clean()
                group.covered_areas.set(covered or [area])
            self.groups[key] = group
        return self.groups[key]

    def member(
        self,
        group: Group,
        user: User,
        agency: Agency,
        role: str = GroupMember.Role.MEMBER,
        position_title: str = "",
        start_date: dt.date | None = None,
    ) -> GroupMember:
        member, _ = GroupMember.objects.get_or_create(
            group=group,
            user=user,
            end_date=None,
            defaults={
                "area": group.area,
                "agency": agency,
                "role": role,
                "position_title": position_title,
                "start_date": start_date or dt.date(self.year - 2, 1, 1),
            },
        )
        return member


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def new_context() -> DemoContext:
    today = timezone.localdate()
    return DemoContext(year=today.year, today=today)


def seed(ctx: DemoContext) -> None:
    """Areas, agencies, people, roles and bodies for the demo."""
    districts = _police_districts()
    _areas(ctx, districts)
    _oslo_city(ctx)
    for _name, slug in OSLO_DISTRICTS:
        _oslo_district(ctx, ctx.areas[slug])
    _alna_extras(ctx)
    _grorud_extras(ctx)
    _sagene_extras(ctx)
    _baerum(ctx)
    _region(ctx)
    admin = ctx.person(
        "admin", login=True, describe="Plattformadministrator (admin-siden)"
    )
    if not admin.is_staff:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])


def _police_districts() -> dict[str, PoliceDistrict]:
    return {
        code: PoliceDistrict.objects.get_or_create(code=code, defaults={"name": name})[
            0
        ]
        for name, code in POLICE_DISTRICTS
    }


def _area(ctx: DemoContext, slug: str, **fields) -> Area:
    area, created = Area.objects.get_or_create(slug=slug, defaults=fields)
    if created:
        area.full_clean()
    ctx.areas[slug] = area
    return area


def _areas(ctx: DemoContext, districts: dict[str, PoliceDistrict]) -> None:
    oslo_pd, vest_pd = districts["oslo"], districts["vest"]
    oslo = _area(
        ctx,
        "oslo",
        name="Oslo",
        kind=Area.Kind.KOMMUNE,
        kommunenummer="0301",
        police_district=oslo_pd,
        population=717_710,
        agreement_title="Politirådsavtalen for Oslo",
        agreement_start=dt.date(ctx.year - 2, 1, 1),
        agreement_end=dt.date(ctx.year, 12, 31),
        coordinator_placement="SaLTo-sekretariatet, Velferdsetaten",
    )
    for number, (name, slug) in enumerate(OSLO_DISTRICTS, start=1):
        _area(
            ctx,
            slug,
            name=f"Bydel {name}",
            kind=Area.Kind.BYDEL,
            parent=oslo,
            bydelsnummer=f"0301{number:02d}",
            police_district=oslo_pd,
            police_unit="Enhet øst" if slug == "alna" else "",
            coordinator_fte=1,
            coordinator_permanent=True,
            coordinator_placement="Bydelsdirektørens stab",
        )
    _area(
        ctx,
        "baerum",
        name="Bærum",
        kind=Area.Kind.KOMMUNE,
        kommunenummer="3201",
        police_district=oslo_pd,
        police_unit="Bærum politistasjon",
        population=131_000,
        slt_decision_date=dt.date(2013, 6, 19),
        target_age_from=12,
        target_age_to=23,
        coordinator_fte=2,
        coordinator_permanent=True,
        coordinator_placement="Kommunedirektørens stab, Barn og unge",
    )
    region = _area(
        ctx,
        "indre-sogn",
        name="SLT Indre Sogn (demo)",
        kind=Area.Kind.REGION,
        police_district=vest_pd,
        coordinator_fte=1,
        coordinator_permanent=False,
    )
    _area(
        ctx,
        "luster",
        name="Luster",
        kind=Area.Kind.KOMMUNE,
        parent=region,
        kommunenummer="4644",
        police_district=vest_pd,
    )
    _area(
        ctx,
        "sogndal",
        name="Sogndal",
        kind=Area.Kind.KOMMUNE,
        parent=region,
        kommunenummer="4640",
        police_district=vest_pd,
    )


def _oslo_city(ctx: DemoContext) -> None:
    oslo = ctx.areas["oslo"]
    vel = ctx.agency(oslo, "Velferdsetaten", Agency.Kind.MUNICIPAL_LEADERSHIP)
    secretariat = ctx.agency(
        oslo, "SaLTo-sekretariatet", Agency.Kind.SLT_FUNCTION, parent=vel
    )
    ute = ctx.agency(oslo, "Uteseksjonen", Agency.Kind.OUTREACH, parent=vel)
    ctx.agency(oslo, "SaLTo-sentrum", Agency.Kind.SLT_FUNCTION, parent=ute)
    ude = ctx.agency(oslo, "Utdanningsetaten", Agency.Kind.EDUCATION_AUTHORITY)
    ctx.agency(
        oslo, "SaLTo-team i Utdanningsetaten", Agency.Kind.SLT_FUNCTION, parent=ude
    )
    ctx.agency(oslo, "Barne- og familieetaten", Agency.Kind.CHILD_WELFARE)
    police = ctx.agency(
        oslo, "Oslo politidistrikt", Agency.Kind.POLICE, sector=Agency.Sector.STATE
    )
    for unit in (
        "Felles forebyggende enhet (FF)",
        "Driftsenhet vest",
        "Driftsenhet sentrum",
        "Driftsenhet øst",
    ):
        ctx.agency(
            oslo, unit, Agency.Kind.POLICE, sector=Agency.Sector.STATE, parent=police
        )

    for n in (1, 2):
        user = ctx.person(
            f"sekretariat{n}",
            login=True,
            title="Rådgiver, SaLTo-sekretariatet",
            agency=secretariat,
            describe="SaLTo-sekretariatet (Oslo, alle bydeler aggregert)",
        )
        ctx.membership(user, oslo, roles.SECRETARIAT, secretariat)

    council = ctx.group(
        oslo,
        "Politirådet i Oslo",
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        cadence=Group.Cadence.AD_HOC,
        min_meetings_per_year=2,
        mandate=(
            "Politirådet er det øverste styringsnivået for SaLTo. Rådet vedtar "
            "SaLTo handlingsprogram og mottar rapporter fra bydelene og sekretariatet."
        ),
    )
    ctx.member(
        council, ctx.users["sekretariat1"], secretariat, GroupMember.Role.SECRETARY
    )
    ctx.group(
        oslo,
        "SaLTo koordinatornettverk",
        level=Group.Level.COORDINATING,
        kind=Group.Kind.NETWORK,
        cadence=Group.Cadence.MONTHLY,
        skip_months=[7],
        mandate=(
            "Fast møtearena for SaLTo-koordinatorene i bydelene, "
            "ledet av sekretariatet."
        ),
    )
    ctx.group(
        oslo,
        "Konsultasjonsteamet",
        level=Group.Level.OPERATIONAL,
        kind=Group.Kind.CONSULTATION_TEAM,
        cadence=Group.Cadence.AD_HOC,
        confidentiality_mode=Group.ConfidentialityMode.ANONYMISED,
        mandate=(
            "Anonym drøfting av ikke-akutte bekymringer knyttet til radikalisering."
        ),
    )
    ctx.group(
        oslo,
        "SaLTo-sentrum samarbeidsmøte",
        level=Group.Level.OPERATIONAL,
        kind=Group.Kind.NETWORK,
        cadence=Group.Cadence.MONTHLY,
        mandate="Samarbeid mellom sentrumsbydelene, politiet og frivillige om sentrum.",
    )


def _district_agencies(ctx: DemoContext, area: Area) -> dict[str, Agency]:
    short = area.name.removeprefix("Bydel ")
    return {
        "leadership": ctx.agency(
            area, f"Bydelsdirektøren, bydel {short}", Agency.Kind.MUNICIPAL_LEADERSHIP
        ),
        "salto": ctx.agency(
            area, f"SaLTo-koordinator, bydel {short}", Agency.Kind.SLT_FUNCTION
        ),
        "child_welfare": ctx.agency(
            area, f"Barneverntjenesten {short}", Agency.Kind.CHILD_WELFARE
        ),
        "health": ctx.agency(
            area, f"Helsestasjon for ungdom {short}", Agency.Kind.HEALTH_CLINIC
        ),
        "leisure": ctx.agency(area, f"Fritid og kultur {short}", Agency.Kind.LEISURE),
        "nav": ctx.agency(
            area, f"Nav {short}", Agency.Kind.NAV, sector=Agency.Sector.STATE
        ),
        "police": ctx.agency(
            area, f"Nærpolitiet {short}", Agency.Kind.POLICE, sector=Agency.Sector.STATE
        ),
        "school": ctx.agency(
            area,
            f"Ungdomsskolene i bydel {short}",
            Agency.Kind.SCHOOL,
            school_level=Agency.SchoolLevel.LOWER_SECONDARY,
            located_in=area,
        ),
    }


def _oslo_district(ctx: DemoContext, area: Area) -> None:
    slug = area.slug
    agencies = _district_agencies(ctx, area)
    coordinator = ctx.person(
        f"koordinator.{slug}",
        login=True,
        title="SaLTo-koordinator",
        agency=agencies["salto"],
        describe=f"SaLTo-koordinator, {area.name}",
    )
    ctx.membership(coordinator, area, roles.COORDINATOR, agencies["salto"])
    director = ctx.person(
        f"direktor.{slug}",
        login=True,
        title="Bydelsdirektør",
        agency=agencies["leadership"],
        describe=f"Bydelsdirektør, leder av styringsgruppen, {area.name}",
    )
    ctx.membership(director, area, roles.STEERING_MEMBER, agencies["leadership"])
    police_key = (
        "politikontakt.ost"
        if slug in EAST_POLICE_CONTACT_DISTRICTS
        else f"politikontakt.{slug}"
    )
    police_contact = ctx.person(
        police_key,
        login=True,
        title="Politikontakt",
        agency=agencies["police"],
        describe=(
            "Politikontakt for Alna, Grorud og Stovner"
            if police_key == "politikontakt.ost"
            else f"Politikontakt, {area.name}"
        ),
    )
    ctx.membership(police_contact, area, roles.POLICE_CONTACT, agencies["police"])
    ude_director = ctx.person(
        "ude.prosjektdirektor", title="Prosjektdirektør, Utdanningsetaten"
    )
    police_leader = ctx.person(
        f"politileder.{slug}", title="Leder forebyggende avsnitt"
    )
    ude = ctx.agencies[("oslo", "SaLTo-team i Utdanningsetaten")]

    steering = ctx.group(
        area,
        "Styringsgruppe",
        level=Group.Level.STEERING,
        kind=Group.Kind.STEERING_GROUP,
        cadence=Group.Cadence.QUARTERLY,
        reports_to=ctx.groups[("oslo", "Politirådet i Oslo")],
        mandate=(
            f"Styringsgruppen for SaLTo i {area.name} setter mål og prioriteringer, "
            "vedtar lokal handlingsplan og sørger for rapportering til Politirådet. "
            "Gruppen behandler kun saker på systemnivå."
        ),
    )
    ctx.member(
        steering,
        director,
        agencies["leadership"],
        GroupMember.Role.CHAIR,
        "Bydelsdirektør",
    )
    ctx.member(steering, ude_director, ude, position_title="Prosjektdirektør UDE")
    ctx.member(
        steering, police_leader, agencies["police"], position_title="Politileder"
    )
    ctx.member(
        steering,
        coordinator,
        agencies["salto"],
        GroupMember.Role.SECRETARY,
        "SaLTo-koordinator",
    )

    coordination = ctx.group(
        area,
        "Koordineringsgruppe",
        level=Group.Level.COORDINATING,
        kind=Group.Kind.COORDINATION_GROUP,
        cadence=Group.Cadence.MONTHLY,
        skip_months=[7],
        reports_to=steering,
        confidentiality_mode=Group.ConfidentialityMode.ANONYMISED,
        mandate=(
            "Koordineringsgruppen avdekker utfordringer, beslutter og samordner "
            "tiltak, sørger for at de evalueres og rapporterer til styringsgruppen."
        ),
    )
    ctx.member(
        coordination,
        coordinator,
        agencies["salto"],
        GroupMember.Role.SECRETARY,
        "SaLTo-koordinator",
    )
    ctx.member(
        coordination, police_contact, agencies["police"], position_title="Politikontakt"
    )
    for key, agency_key, title in (
        ("barnevern", "child_welfare", "Barnevernleder"),
        ("helse", "health", "Ledende helsesykepleier"),
        ("fritid", "leisure", "Leder fritid"),
        ("nav", "nav", "Leder ungdomsteam Nav"),
        ("skole", "school", "Rektor"),
    ):
        member = ctx.person(
            f"kg.{key}.{slug}",
            login=key == "barnevern" and slug == "alna",
            title=title,
            agency=agencies[agency_key],
            describe=f"Medlem av koordineringsgruppen, {area.name}",
        )
        if key == "barnevern":
            ctx.membership(
                member, area, roles.COORDINATION_MEMBER, agencies[agency_key]
            )
        ctx.member(coordination, member, agencies[agency_key], position_title=title)


def _alna_extras(ctx: DemoContext) -> None:
    alna = ctx.areas["alna"]
    for name, kind, extra in (
        ("Forebyggende ungdomsavdeling", Agency.Kind.OUTREACH, {}),
        ("Miljøarbeidertjenesten", Agency.Kind.OUTREACH, {}),
        ("Fagsenter for barn og unge", Agency.Kind.FAMILY_CENTRE, {}),
        ("Kultur, miljø og fritid (KMF)", Agency.Kind.LEISURE, {}),
        (
            "Granstangen skole",
            Agency.Kind.SCHOOL,
            {"school_level": Agency.SchoolLevel.LOWER_SECONDARY, "located_in": alna},
        ),
        (
            "Ellingsrud skole",
            Agency.Kind.SCHOOL,
            {"school_level": Agency.SchoolLevel.LOWER_SECONDARY, "located_in": alna},
        ),
        (
            "Hellerud videregående skole",
            Agency.Kind.SCHOOL,
            {
                "school_level": Agency.SchoolLevel.UPPER_SECONDARY,
                "located_in": alna,
                "sector": Agency.Sector.COUNTY,
            },
        ),
        ("Oppfølgingstjenesten (OT) Ulven", Agency.Kind.FOLLOW_UP_SERVICE, {}),
        (
            "Furuset IF",
            Agency.Kind.VOLUNTARY,
            {"sector": Agency.Sector.VOLUNTARY, "is_external_partner": True},
        ),
        ("BUP Groruddalen", Agency.Kind.BUP, {"sector": Agency.Sector.STATE}),
        ("PPT Alna", Agency.Kind.PPT, {}),
    ):
        ctx.agency(alna, name, kind, **extra)
    coordinator = ctx.users["koordinator.alna"]
    salto = ctx.agencies[("alna", "SaLTo-koordinator, bydel Alna")]
    outreach = ctx.agencies[("alna", "Forebyggende ungdomsavdeling")]
    operative = ctx.person(
        "fleksiteam.alna",
        login=True,
        title="Miljøarbeider, OS-teamet",
        agency=outreach,
        describe="Utførende nivå (Fleksiteam Operativt SaLTo), Alna",
    )
    ctx.membership(operative, alna, roles.OPERATIVE, outreach)
    ctx.membership(ctx.users["kg.barnevern.alna"], alna, roles.OPERATIVE)
    kg = ctx.groups[("alna", "Koordineringsgruppe")]
    for name, kind, mode, cadence, mandate in (
        (
            "Furusetalliansen",
            Group.Kind.NETWORK,
            Group.ConfidentialityMode.SYSTEM_ONLY,
            Group.Cadence.MONTHLY,
            "SaLTo-nettverk for delbydel Furuset: skole, fritid, politi og frivillige.",
        ),
        (
            "Fleksiteam Operativt SaLTo",
            Group.Kind.OPERATIONAL_TEAM,
            Group.ConfidentialityMode.NAMED,
            Group.Cadence.WEEKLY,
            "Operativ oppfølging av ungdom i risiko, med samtykke eller annen hjemmel.",
        ),
        (
            "Innsatsteam Granstangen",
            Group.Kind.OPERATIONAL_TEAM,
            Group.ConfidentialityMode.NAMED,
            Group.Cadence.EVERY_2_WEEKS,
            "Tverrfaglig innsatsteam ved Granstangen skole.",
        ),
    ):
        group = ctx.group(
            alna,
            name,
            level=Group.Level.OPERATIONAL,
            kind=kind,
            confidentiality_mode=mode,
            cadence=cadence,
            reports_to=kg,
            mandate=mandate,
        )
        ctx.member(
            group, coordinator, salto, GroupMember.Role.CHAIR, "SaLTo-koordinator"
        )
        ctx.member(group, operative, outreach, position_title="Miljøarbeider")
        ctx.member(
            group,
            ctx.users["politikontakt.ost"],
            ctx.agencies[("alna", "Nærpolitiet Alna")],
        )


def _operational_teams(ctx: DemoContext, slug: str, teams, cadence, mode) -> None:
    area = ctx.areas[slug]
    kg = ctx.groups[(slug, "Koordineringsgruppe")]
    coordinator = ctx.users[f"koordinator.{slug}"]
    salto = ctx.agencies[
        (slug, f"SaLTo-koordinator, bydel {area.name.removeprefix('Bydel ')}")
    ]
    for name, coverage in teams:
        group = ctx.group(
            area,
            name,
            level=Group.Level.OPERATIONAL,
            kind=Group.Kind.OPERATIONAL_TEAM,
            cadence=cadence,
            confidentiality_mode=mode,
            coverage=coverage,
            reports_to=kg,
            mandate=f"{name}: tverrfaglig samarbeid på utførende nivå ({coverage}).",
        )
        ctx.member(
            group, coordinator, salto, GroupMember.Role.CHAIR, "SaLTo-koordinator"
        )


def _grorud_extras(ctx: DemoContext) -> None:
    grorud = ctx.areas["grorud"]
    ctx.agency(
        grorud,
        "Apalløkka skole",
        Agency.Kind.SCHOOL,
        school_level=Agency.SchoolLevel.PRIMARY,
        located_in=grorud,
    )
    ctx.agency(
        grorud,
        "Bjøråsen skole",
        Agency.Kind.SCHOOL,
        school_level=Agency.SchoolLevel.LOWER_SECONDARY,
        located_in=grorud,
    )
    _operational_teams(
        ctx,
        "grorud",
        [
            ("SLT-team Apalløkka", "Apalløkka skolekrets"),
            ("SLT-team Bjøråsen", "Bjøråsen skolekrets"),
        ],
        Group.Cadence.EVERY_4_WEEKS,
        Group.ConfidentialityMode.ANONYMISED,
    )


def _sagene_extras(ctx: DemoContext) -> None:
    sagene = ctx.areas["sagene"]
    ctx.agency(
        sagene,
        "Sandaker videregående skole",
        Agency.Kind.SCHOOL,
        school_level=Agency.SchoolLevel.UPPER_SECONDARY,
        located_in=sagene,
        sector=Agency.Sector.COUNTY,
    )
    _operational_teams(
        ctx,
        "sagene",
        [
            ("Innsatsteam ungdom 13–18", "13–18 år"),
            ("Innsatsteam barn 6–12", "6–12 år"),
        ],
        Group.Cadence.EVERY_2_WEEKS,
        Group.ConfidentialityMode.NAMED,
    )


BAERUM_SERVICES = [
    ("Flyktningkontoret", Agency.Kind.REFUGEE_SERVICE, "Tjenesteleder"),
    ("Ungdom og fritid", Agency.Kind.LEISURE, "Tjenesteleder"),
    ("Barneverntjenesten", Agency.Kind.CHILD_WELFARE, "Tjenesteleder"),
    ("Helsetjenester barn og unge", Agency.Kind.HEALTH_CLINIC, "Tjenesteleder"),
    ("Ungdomsskoler", Agency.Kind.SCHOOL, "Seksjonsleder"),
    ("Veiledningssenter Asker og Bærum", Agency.Kind.COMPETENCE_CENTRE, "Leder"),
    ("Oppfølgingstjenesten", Agency.Kind.FOLLOW_UP_SERVICE, "Rådgiver"),
    ("Nav ungdomsteam", Agency.Kind.NAV, "Leder"),
    (
        "Forebyggende koordinator i politiet",
        Agency.Kind.POLICE,
        "Forebyggende koordinator",
    ),
]

BAERUM_PARTNERS = [
    "Sammen for barn og unge",
    "Konfliktrådet i Oslo og Akershus",
    "Kompetansesenter rus – region øst (KoRus Øst)",
    "RVTS Øst",
    "Bærum idrettsråd",
    "Kirkens bymisjon",
]


def _baerum(ctx: DemoContext) -> None:
    baerum = ctx.areas["baerum"]
    slt = ctx.agency(baerum, "SLT-koordinatorene", Agency.Kind.SLT_FUNCTION)
    mayor = ctx.agency(baerum, "Ordførerens kontor", Agency.Kind.POLITICAL_BODY)
    cao = ctx.agency(baerum, "Kommunedirektøren", Agency.Kind.MUNICIPAL_LEADERSHIP)
    police = ctx.agency(
        baerum, "Bærum politistasjon", Agency.Kind.POLICE, sector=Agency.Sector.STATE
    )
    county = ctx.agency(
        baerum,
        "Akershus fylkeskommune",
        Agency.Kind.COUNTY,
        sector=Agency.Sector.COUNTY,
    )
    services = {
        name: ctx.agency(
            baerum,
            name,
            kind,
            sector=Agency.Sector.STATE
            if kind in (Agency.Kind.NAV, Agency.Kind.POLICE)
            else Agency.Sector.MUNICIPAL,
        )
        for name, kind, _title in BAERUM_SERVICES
    }
    for partner in BAERUM_PARTNERS:
        ctx.agency(
            baerum,
            partner,
            Agency.Kind.OTHER,
            is_external_partner=True,
            sector=Agency.Sector.VOLUNTARY,
        )

    coordinators = [
        ctx.person(
            f"koordinator{n}.baerum",
            login=True,
            title="SLT-koordinator",
            agency=slt,
            describe="SLT-koordinator, Bærum",
        )
        for n in (1, 2)
    ]
    for user in coordinators:
        ctx.membership(user, baerum, roles.COORDINATOR, slt)
    steering_people = [
        (
            "styreleder.baerum",
            mayor,
            GroupMember.Role.CHAIR,
            "Representant for ordfører",
            True,
        ),
        (
            "visepolitimester.baerum",
            police,
            GroupMember.Role.VICE_CHAIR,
            "Visepolitimester",
            True,
        ),
        (
            "kommunedirektor.baerum",
            cao,
            GroupMember.Role.MEMBER,
            "Representant for kommunedirektøren",
            False,
        ),
        ("stasjonssjef.baerum", police, GroupMember.Role.MEMBER, "Stasjonssjef", True),
        (
            "regionsdirektor.baerum",
            county,
            GroupMember.Role.MEMBER,
            "Regionsdirektør",
            False,
        ),
    ]
    steering = ctx.group(
        baerum,
        "SLT-styret",
        level=Group.Level.STEERING,
        kind=Group.Kind.STEERING_GROUP,
        cadence=Group.Cadence.QUARTERLY,
        established_on=dt.date(2013, 11, 8),
        age_from=12,
        age_to=23,
        mandate=(
            "SLT-styret definerer årlige innsatsområder, målgruppe og mandat, "
            "sørger for kunnskapsinnhenting og har det avgjørende ordet i "
            "SLT-arbeidet i Bærum. Målgruppen er ungdom 12–18/23 år; arbeidet "
            "mot ekstremisme favner alle aldre."
        ),
    )
    for key, agency, role, title, login in steering_people:
        user = ctx.person(
            key,
            login=login,
            title=title,
            agency=agency,
            describe=f"{title}, SLT-styret i Bærum",
        )
        if login:
            ctx.membership(user, baerum, roles.STEERING_MEMBER, agency)
        ctx.member(
            steering,
            user,
            agency,
            role,
            title,
            start_date=dt.date(ctx.year - 1, 8, 30)
            if key == "regionsdirektor.baerum"
            else None,
        )
    for user in coordinators:
        ctx.member(steering, user, slt, GroupMember.Role.SECRETARY, "SLT-koordinator")
    ctx.group(
        baerum,
        "Politirådet i Bærum",
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        cadence=Group.Cadence.AD_HOC,
        acts_as_steering_group=False,
        mandate="Strategisk samarbeidsforum mellom kommunens toppledelse og politiet.",
    )
    coordination = ctx.group(
        baerum,
        "SLT-koordineringsgruppen",
        level=Group.Level.COORDINATING,
        kind=Group.Kind.COORDINATION_GROUP,
        cadence=Group.Cadence.MONTHLY,
        skip_months=[7],
        established_on=dt.date(2014, 4, 2),
        reports_to=steering,
        mandate=(
            "Koordineringsgruppen avdekker utfordringer i ungdomsmiljøet, samordner "
            "tiltak på tvers av tjenestene og rapporterer til SLT-styret."
        ),
    )
    for index, (name, _kind, title) in enumerate(BAERUM_SERVICES):
        user = ctx.person(
            f"kg{index + 1}.baerum",
            login=index == 2,
            title=title,
            agency=services[name],
            describe="Medlem av koordineringsgruppen (barnevern), Bærum",
        )
        if index == 2:
            ctx.membership(user, baerum, roles.COORDINATION_MEMBER, services[name])
        ctx.member(coordination, user, services[name], position_title=title)
    for user in coordinators:
        ctx.member(
            coordination, user, slt, GroupMember.Role.SECRETARY, "SLT-koordinator"
        )

    youth = services["Ungdom og fritid"]
    team_member = ctx.person(
        "ungdomsteam.baerum",
        login=True,
        title="Miljøterapeut",
        agency=youth,
        describe="Utførende nivå (ungdomsteam), Bærum",
    )
    ctx.membership(team_member, baerum, roles.OPERATIVE, youth)
    for side in ("vestre", "østre"):
        for ages in ("13–16", "16–23"):
            team = ctx.group(
                baerum,
                f"Ungdomsteam {side} Bærum {ages}",
                level=Group.Level.OPERATIONAL,
                kind=Group.Kind.OPERATIONAL_TEAM,
                cadence=Group.Cadence.EVERY_4_WEEKS,
                skip_months=[7],
                coverage=f"{side} Bærum",
                age_from=int(ages.split("–")[0]),
                age_to=int(ages.split("–")[1]),
                established_on=dt.date(ctx.year - 1, 9, 7),
                reports_to=coordination,
                mandate=(
                    "Teamet drøfter trender og utviklingstrekk i ungdomsmiljøet, ikke "
                    "enkeltsaker, og løfter saker til koordineringsgruppen."
                ),
            )
            ctx.member(
                team, coordinators[0], slt, GroupMember.Role.CHAIR, "SLT-koordinator"
            )
            ctx.member(team, team_member, youth, position_title="Miljøterapeut")
    core = ctx.group(
        baerum,
        "Kjernegruppen",
        level=Group.Level.OPERATIONAL,
        kind=Group.Kind.CORE_GROUP,
        cadence=Group.Cadence.AD_HOC,
        confidentiality_mode=Group.ConfidentialityMode.NAMED,
        anchored_in=coordination,
        mandate="Drøfting av enkeltsaker om bekymring for radikalisering, med hjemmel.",
    )
    ctx.member(core, coordinators[1], slt, GroupMember.Role.CHAIR, "SLT-koordinator")
    viewer = ctx.person(
        "leser.baerum",
        login=True,
        title="Rådgiver",
        agency=cao,
        describe="Lesetilgang (godkjente planer og rapporter), Bærum",
    )
    ctx.membership(viewer, baerum, roles.VIEWER, cao)


def _region(ctx: DemoContext) -> None:
    region = ctx.areas["indre-sogn"]
    coordinator_agency = ctx.agency(
        region, "SLT-koordinator Indre Sogn", Agency.Kind.SLT_FUNCTION
    )
    coordinator = ctx.person(
        "koordinator.indre-sogn",
        login=True,
        title="SLT-koordinator",
        agency=coordinator_agency,
        describe="Interkommunal SLT-koordinator (regionen, Luster og Sogndal)",
    )
    ctx.membership(coordinator, region, roles.COORDINATOR, coordinator_agency)
    police = ctx.agency(
        region, "Sogn lensmannsdistrikt", Agency.Kind.POLICE, sector=Agency.Sector.STATE
    )
    council = ctx.group(
        region,
        "Regionalt politiråd",
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        acts_as_steering_group=True,
        cadence=Group.Cadence.QUARTERLY,
        covered_areas=[region, ctx.areas["luster"], ctx.areas["sogndal"]],
        mandate=(
            "Det regionale politirådet er styringsgruppe for SLT i Luster og Sogndal: "
            "setter mål, vedtar strategiplanen og følger opp arbeidet."
        ),
    )
    ctx.member(
        council,
        coordinator,
        coordinator_agency,
        GroupMember.Role.SECRETARY,
        "SLT-koordinator",
    )
    for slug in ("luster", "sogndal"):
        area = ctx.areas[slug]
        ctx.membership(coordinator, area, roles.COORDINATOR)
        services = {
            kind: ctx.agency(area, f"{label} {area.name}", kind)
            for kind, label in (
                (Agency.Kind.CHILD_WELFARE, "Barnevernet"),
                (Agency.Kind.HEALTH_CLINIC, "Helsestasjon og skulehelseteneste"),
                (Agency.Kind.SCHOOL, "Ungdomsskulen"),
                (Agency.Kind.LEISURE, "Kultur og fritid"),
            )
        }
        group = ctx.group(
            area,
            f"Koordineringsgruppe {area.name}",
            level=Group.Level.COORDINATING,
            kind=Group.Kind.COORDINATION_GROUP,
            cadence=Group.Cadence.MONTHLY,
            skip_months=[7],
            reports_to=council,
            mandate=(
                f"Samordning av førebyggjande tiltak for barn og unge i {area.name}."
            ),
        )
        ctx.member(
            group,
            coordinator,
            coordinator_agency,
            GroupMember.Role.SECRETARY,
            "SLT-koordinator",
        )
        ctx.member(group, ctx.person(f"lensmann.{slug}", title="Politikontakt"), police)
        for kind, agency in services.items():
            ctx.member(
                group, ctx.person(f"kg.{kind}.{slug}", title="Tenesteleiar"), agency
            )
