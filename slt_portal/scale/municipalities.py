"""Scale data for the municipalities app: areas, agencies, people, roles and the
three SLT levels (styringsgruppe, koordineringsgruppe, two operative teams)."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

from django.utils.text import slugify
from faker import Faker

from actionplans.models import CycleItem, CycleTemplate
from municipalities import roles
from municipalities.demo import OSLO_DISTRICTS, POLICE_DISTRICTS
from municipalities.models import (
    Agency,
    Area,
    Group,
    GroupMember,
    Membership,
    PoliceDistrict,
    User,
)
from slt_portal.scale.common import (
    SCALE_DOMAIN,
    AreaSetup,
    Run,
    at,
    insert,
    password_hash,
    rng_for,
)

# Faker's Norwegian (bokmål) locale is named no_NO.
FAKER_LOCALE = "no_NO"
AGENCIES = [
    ("Kommunedirektøren", Agency.Kind.MUNICIPAL_LEADERSHIP),
    ("SLT-koordinator", Agency.Kind.SLT_FUNCTION),
    ("Politiet", Agency.Kind.POLICE),
    ("Barnevernstjenesten", Agency.Kind.CHILD_WELFARE),
    ("Helsestasjon og skolehelsetjeneste", Agency.Kind.HEALTH_CLINIC),
    ("NAV", Agency.Kind.NAV),
    ("Oppvekst og utdanning", Agency.Kind.EDUCATION_AUTHORITY),
    ("Utekontakten", Agency.Kind.OUTREACH),
    ("Kultur og fritid", Agency.Kind.LEISURE),
    ("Rus og psykisk helse", Agency.Kind.SUBSTANCE_MENTAL_HEALTH),
]
# (key, name, level, kind, cadence, member role, size, membership role)
BODIES = [
    (
        "sg",
        "Styringsgruppe for SLT",
        Group.Level.STEERING,
        Group.Kind.STEERING_GROUP,
        Group.Cadence.QUARTERLY,
        roles.STEERING_MEMBER,
        6,
    ),
    (
        "kg",
        "Koordineringsgruppe for SLT",
        Group.Level.COORDINATING,
        Group.Kind.COORDINATION_GROUP,
        Group.Cadence.MONTHLY,
        roles.COORDINATION_MEMBER,
        10,
    ),
    (
        "team1",
        "Ungdomsteam",
        Group.Level.OPERATIONAL,
        Group.Kind.OPERATIONAL_TEAM,
        Group.Cadence.EVERY_2_WEEKS,
        roles.OPERATIVE,
        5,
    ),
    (
        "team2",
        "Skoleteam",
        Group.Level.OPERATIONAL,
        Group.Kind.OPERATIONAL_TEAM,
        Group.Cadence.EVERY_2_WEEKS,
        roles.OPERATIVE,
        5,
    ),
]


@dataclass(frozen=True)
class AreaSpec:
    index: int
    slug: str
    name: str
    kind: str
    kommunenummer: str
    bydelsnummer: str
    parent_slug: str | None


def area_specs(count: int, seed: int) -> list[AreaSpec]:
    """Oslo first, its 15 bydeler next, then kommuner: 371 = 356 + 15 by default."""
    specs = [AreaSpec(0, "oslo", "Oslo", Area.Kind.KOMMUNE, "0301", "", None)]
    for n, (name, slug) in enumerate(OSLO_DISTRICTS, start=1):
        specs.append(
            AreaSpec(
                n, slug, f"Bydel {name}", Area.Kind.BYDEL, "", f"0301{n:02d}", "oslo"
            )
        )
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(seed)
    index = len(specs)
    while len(specs) < count:
        number = f"{1001 + index:04d}"
        name = fake.city()
        specs.append(
            AreaSpec(
                index,
                f"{slugify(name)}-{number}",
                name,
                Area.Kind.KOMMUNE,
                number,
                "",
                None,
            )
        )
        index += 1
    return specs[:count]


def police_districts() -> list[PoliceDistrict]:
    return [
        PoliceDistrict.objects.get_or_create(code=code, defaults={"name": name})[0]
        for name, code in POLICE_DISTRICTS
    ]


def ensure_areas(specs: list[AreaSpec], *, run: Run) -> dict[str, Area]:
    """Create the areas that do not exist yet (parents first); return all by slug."""
    districts = police_districts()
    existing = {
        a.slug: a for a in Area.objects.filter(slug__in=[s.slug for s in specs])
    }
    when = at(dt.date(run.years[0], 1, 1))
    for parents_pass in (True, False):
        new = [
            Area(
                slug=s.slug,
                name=s.name,
                kind=s.kind,
                kommunenummer=s.kommunenummer,
                bydelsnummer=s.bydelsnummer,
                parent=existing.get(s.parent_slug) if s.parent_slug else None,
                police_district=districts[0 if s.index < 16 else s.index % 12],
                population=rng_for(run.seed, s.slug, "pop").randint(900, 110_000),
                slt_decision_date=dt.date(run.years[0] - 1, 6, 1),
                coordinator_fte=1,
                created_at=when,
                updated_at=when,
            )
            for s in specs
            if s.slug not in existing and (s.parent_slug is None) == parents_pass
        ]
        for area in insert(Area, new, when=when):
            existing[area.slug] = area
    return existing


def _email(local: str, slug: str) -> str:
    return f"{local}.{slug}@{SCALE_DOMAIN}"


def _person(fake: Faker, email: str, title: str, agency: Agency | None, when) -> User:
    return User(
        email=email,
        full_name=f"{fake.first_name()} {fake.last_name()}",
        title=title,
        agency=agency,
        password=password_hash(),
        date_joined=when,
        phone=f"9{zlib.crc32(email.encode()) % 10_000_000:07d}",
    )


def area_setup_create(area: Area, index: int, *, run: Run) -> None:
    """Agencies, people, roles, bodies, the årshjul copy and indicators of one area."""
    when = at(dt.date(run.years[0], 1, 2))
    start = dt.date(run.years[0], 1, 1)
    agencies = insert(
        Agency,
        [Agency(area=area, name=name, kind=kind) for name, kind in AGENCIES],
        when=when,
    )
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(zlib.crc32(f"{run.seed}:{area.slug}".encode()))
    rng = rng_for(run.seed, area.slug, "setup")
    people = [
        _person(fake, _email("koordinator", area.slug), "SLT-koordinator", None, when),
        _person(fake, _email("politikontakt", area.slug), "Politikontakt", None, when),
    ]
    body_people: dict[str, list[User]] = {}
    for key, *_rest, size in BODIES:
        body_people[key] = [
            _person(fake, _email(f"{key}{n}", area.slug), "", None, when)
            for n in range(1, size + 1)
        ]
        people.extend(body_people[key])
    if index == 0:
        people.append(
            _person(fake, _email("sekretariat", area.slug), "Sekretariat", None, when)
        )
    people = insert(User, people, when=when)
    coordinator, police = people[0], people[1]
    memberships = [
        Membership(area=area, user=coordinator, role=roles.COORDINATOR),
        Membership(area=area, user=police, role=roles.POLICE_CONTACT),
    ]
    if index == 0:
        memberships.append(
            Membership(area=area, user=people[-1], role=roles.SECRETARIAT)
        )
    groups = {}
    for key, name, level, kind, cadence, role, _size in BODIES:
        memberships += [
            Membership(area=area, user=u, role=role) for u in body_people[key]
        ]
        groups[key] = Group(
            area=area,
            name=f"{name} {area.name}",
            level=level,
            kind=kind,
            cadence=cadence,
            established_on=start,
            confidentiality_mode=(
                Group.ConfidentialityMode.NAMED
                if level == Group.Level.OPERATIONAL
                else Group.ConfidentialityMode.SYSTEM_ONLY
            ),
        )
    for m in memberships:
        m.start_date = start
    insert(Membership, memberships, when=when)
    insert(Group, list(groups.values()), when=when)
    groups["team1"].reports_to = groups["team2"].reports_to = groups["kg"]
    groups["kg"].reports_to = groups["sg"]
    Group.objects.bulk_update(
        [groups["team1"], groups["team2"], groups["kg"]], ["reports_to"]
    )
    Group.covered_areas.through.objects.bulk_create(
        [
            Group.covered_areas.through(group_id=g.pk, area_id=area.pk)
            for g in groups.values()
        ]
    )
    insert(
        GroupMember,
        _group_members(groups, body_people, coordinator, police, agencies, rng, start),
        when=when,
    )
    _cycle_template(area, when)


def _group_members(groups, body_people, coordinator, police, agencies, rng, start):
    members = []
    for key, group in groups.items():
        people = body_people[key]
        for n, user in enumerate(people):
            members.append(
                GroupMember(
                    area=group.area,
                    group=group,
                    user=user,
                    role=GroupMember.Role.CHAIR if n == 0 else GroupMember.Role.MEMBER,
                    agency=rng.choice(agencies),
                    start_date=start,
                )
            )
        members.append(
            GroupMember(
                area=group.area,
                group=group,
                user=coordinator,
                role=GroupMember.Role.SECRETARY,
                agency=agencies[1],
                start_date=start,
            )
        )
        if key != "sg":
            members.append(
                GroupMember(
                    area=group.area,
                    group=group,
                    user=police,
                    agency=agencies[2],
                    start_date=start,
                )
            )
    return members


def _cycle_template(area: Area, when) -> None:
    """The area's own copy of the published generic template, as the service does."""
    source = CycleTemplate.published.filter(
        area__isnull=True, variant=CycleTemplate.Variant.GENERIC_SLT
    ).first()
    if source is None:
        return
    copy = insert(
        CycleTemplate,
        [
            CycleTemplate(
                area=area,
                name=f"Årshjul for {area.name}",
                variant=source.variant,
                based_on=source,
            )
        ],
        when=when,
    )[0]
    items = list(source.items.all())
    for item in items:
        item.pk, item.template = None, copy
    CycleItem.objects.bulk_create(items)
    Area.objects.filter(pk=area.pk).update(cycle_template=copy)


def area_setup_load(area: Area, index: int) -> AreaSetup:
    """Read back what ``area_setup_create`` made (also after a resumed run)."""
    from actionplans.models import Indicator

    groups = {
        key: g
        for g in Group.objects.filter(area=area)
        for key, name, *_rest in BODIES
        if g.name == f"{name} {area.name}"
    }
    members: dict[str, list[GroupMember]] = {key: [] for key in groups}
    by_pk = {g.pk: key for key, g in groups.items()}
    for member in GroupMember.objects.filter(area=area).order_by("pk"):
        members[by_pk[member.group_id]].append(member)
    memberships = {
        m.role: m.user_id
        for m in Membership.objects.filter(
            area=area, role__in=[roles.COORDINATOR, roles.POLICE_CONTACT]
        )
    }
    users = User.objects.in_bulk(memberships.values())
    return AreaSetup(
        area=area,
        index=index,
        coordinator=users[memberships[roles.COORDINATOR]],
        police=users[memberships[roles.POLICE_CONTACT]],
        agencies=list(Agency.objects.filter(area=area).order_by("pk")),
        groups=groups,
        members=members,
        indicators=list(Indicator.objects.filter(area=area).order_by("pk")),
        cycle_items=list(
            CycleItem.objects.filter(template__area=area).order_by("order", "pk")
        ),
        is_city=index == 0,
    )
