"""Demo meetings (domain.md §7): last year and this year for every bydel and Bærum.

* Every bydel: a styringsgruppe meeting four times a year (March, June, September,
  December) and a koordineringsgruppe monthly except July, each with the standing
  items (police update; report from the operational level, rule M10), decisions,
  follow-ups and attendance. Past meetings have their minutes sent.
* Grorud's koordineringsgruppe met only twice last year, so the M2 warning shows.
* Alna, Grorud, Sagene and Bærum get their own topics from the seeds; their
  operational teams meet too; Alna has a held meeting whose minutes are late (M6),
  items waiting to be screened, and matters on their way up (one to the city).
* Bærum: a matter from an ungdomsteam lifted to the koordineringsgruppe, on to
  SLT-styret, answered by decision and closed, with the whole trail.

Rows are written with bulk inserts (no e-mails, no services: this is history), and
the seed is skipped when demo meetings already exist, so running it again is safe.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
)
from meetings.recurrence import OSLO
from municipalities.demo import OSLO_DISTRICTS, DemoContext
from municipalities.models import Group, GroupMember, Topic

T = Topic
DEFAULT_TOPICS = [
    ("Trygghet i nærmiljøet og på skoleveien", T.STRUCTURE),
    ("Rusforebygging: cannabis blant ungdomsskoleelever", T.SUBSTANCES),
    ("Vold og trusler blant unge i helgene", T.VIOLENCE),
    ("Overgangen fra ungdomsskole til videregående", T.TRANSITIONS),
    ("Samarbeid med frivillige om fritidstilbud", T.EXCLUSION),
    ("Nettvett og deling av bilder", T.ONLINE),
]
AREA_TOPICS = {
    "alna": [
        ("Tertialrapport fra politiet", T.STRUCTURE),
        ("Områdekonflikt Furuset – Trosterud/Haugerud", T.AREA_CONFLICT),
        ("Søskensjekk: rutine for å fange opp yngre søsken", T.FAMILY),
        ("Hurtigspor U18 i Enhet øst", T.PROPERTY_CRIME),
        ("Overgang ved 18 år: hvem følger opp?", T.TRANSITIONS),
        ("Cannabis og lystgass blant unge", T.SUBSTANCES),
        ("Hatvideoer og sosiale medier", T.ONLINE),
        ("Samtykkerutine i Operativt SaLTo", T.STRUCTURE),
    ],
    "grorud": [
        (
            "Konflikter på tvers av bydelsgrensene mot Stovner og Romsås",
            T.AREA_CONFLICT,
        ),
        ("Brobyggerprosjektet for 12–15-åringer", T.EXCLUSION),
        ("Oppfølging av unge som er utsatt for vold", T.VIOLENCE),
    ],
    "sagene": [
        ("Uro ved Sandaker videregående skole", T.VIOLENCE),
        ("Barns oppvekst i kommunale boliger", T.EXCLUSION),
        ("Overganger fra barnehage til videregående", T.TRANSITIONS),
    ],
    "baerum": [
        ("Bildedeling blant ungdom", T.ONLINE),
        ("Beefing og avtalte slåsskamper", T.VIOLENCE),
        ("Kvelningsleken (choking game)", T.MENTAL_HEALTH),
        ("Ungdom på Sandvika storsenter", T.STRUCTURE),
        ("Hvilke rusmidler er «inne» nå?", T.SUBSTANCES),
        ("Russetiden", T.SUBSTANCES),
        ("Bekymringssamtaler med foresatte", T.FAMILY),
        ("Doping blant unge i treningsmiljøer", T.SUBSTANCES),
        ("Overgangen til videregående skole", T.TRANSITIONS),
        ("Høyreekstreme løpesedler i nærmiljøet", T.EXTREMISM),
        ("Vold i nære relasjoner (VINR)", T.DOMESTIC_VIOLENCE),
    ],
}
OSLO_SG_MONTHS = (3, 6, 9, 12)
BAERUM_SG_MONTHS = (2, 5, 9, 11)
KG_MONTHS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=OSLO)


@dataclass
class Planned:
    meeting: Meeting
    topics: list[tuple[str, str]]
    late_minutes: bool = False
    items: list[AgendaItem] = field(default_factory=list)


class Seeder:
    """Builds the demo rows in memory, then writes them with a few bulk inserts."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.today = ctx.today
        self.now = timezone.now()
        self.planned: list[Planned] = []
        self.members: dict[int, list[GroupMember]] = defaultdict(list)
        for member in GroupMember.objects.select_related("user", "agency").filter(
            end_date__isnull=True
        ):
            self.members[member.group_id].append(member)

    def rng(self, *parts) -> random.Random:
        return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))

    # --- planning -------------------------------------------------------------------

    def add(self, group: Group, day: dt.date, hour: int, topics, title=None, **kw):
        start = _at(day, hour)
        meeting = Meeting(
            area_id=group.area_id,
            group=group,
            title=title or group.name,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location=kw.get("location", "Møterom 1, bydelsadministrasjonen"),
            purpose=kw.get(
                "purpose",
                "Fast møte etter mandatet: gjensidig orientering, samordning av "
                "tiltak og oppfølging av tidligere vedtak.",
            ),
        )
        self.planned.append(
            Planned(meeting, topics, late_minutes=kw.get("late_minutes", False))
        )

    def topics_for(self, slug: str, group: Group, n: int) -> list[tuple[str, str]]:
        pool = AREA_TOPICS.get(slug, DEFAULT_TOPICS)
        rng = self.rng(group.pk, n)
        return rng.sample(pool, k=min(len(pool), 1 + (n % 2)))

    def steering_and_coordination(
        self, slug: str, sg_months, kg_months_by_year: dict[int, tuple]
    ) -> None:
        area_name = self.ctx.areas[slug].name
        sg = next(
            g
            for (s, _n), g in self.ctx.groups.items()
            if s == slug and g.kind == Group.Kind.STEERING_GROUP
        )
        kg = next(
            g
            for (s, _n), g in self.ctx.groups.items()
            if s == slug and g.kind == Group.Kind.COORDINATION_GROUP
        )
        for year in (self.ctx.year - 1, self.ctx.year):
            for n, month in enumerate(sg_months):
                day = _nth_weekday(year, month, 3, 2)  # second Thursday
                self.add(
                    sg,
                    day,
                    9,
                    self.topics_for(slug, sg, n + year),
                    title=f"Styringsgruppemøte {n + 1}/{year}",
                    location=f"Møterom Direktørens kontor, {area_name}",
                )
            for n, month in enumerate(kg_months_by_year[year]):
                day = _nth_weekday(year, month, 1, 2)  # second Tuesday
                late = (
                    slug == "alna"
                    and 8 <= (self.today - day).days <= 30
                    and year == self.ctx.year
                )
                self.add(
                    kg,
                    day,
                    13,
                    self.topics_for(slug, kg, n + year),
                    title=f"Koordineringsgruppemøte {month:02d}/{year}",
                    late_minutes=late,
                )

    def teams(self, slug: str, names: list[str], every_days: int, years) -> None:
        for name in names:
            group = self.ctx.groups[(slug, name)]
            for year in years:
                day = _nth_weekday(year, 1, 0, 2)
                while day.year == year:
                    if day.month != 7 and not (year < self.ctx.year and day.month < 8):
                        self.add(
                            group,
                            day,
                            14,
                            self.topics_for(slug, group, day.toordinal()),
                            title=f"{name} – teammøte",
                            location="Ungdomsklubben",
                        )
                    day += dt.timedelta(days=every_days)

    # --- writing --------------------------------------------------------------------

    def status_of(self, plan: Planned) -> str:
        day = timezone.localdate(plan.meeting.starts_at)
        if plan.late_minutes:
            return Meeting.Status.HELD
        if day < self.today - dt.timedelta(days=7):
            return Meeting.Status.MINUTES_SENT
        if day < self.today:
            return Meeting.Status.HELD
        if day <= self.today + dt.timedelta(days=21):
            return Meeting.Status.INVITED
        return Meeting.Status.PLANNED

    def write(self) -> None:
        for plan in self.planned:
            self.finish_meeting(plan)
        Meeting.objects.bulk_create([p.meeting for p in self.planned], batch_size=500)
        for plan in self.planned:
            plan.items = self.agenda(plan)
        AgendaItem.objects.bulk_create(
            [i for p in self.planned for i in p.items], batch_size=1000
        )
        Attendance.objects.bulk_create(
            [a for p in self.planned for a in self.attendance(p)], batch_size=2000
        )
        decisions = [d for p in self.planned for d in self.decisions(p)]
        Decision.objects.bulk_create(decisions, batch_size=1000)
        FollowUp.objects.bulk_create(
            [f for d in decisions for f in self.follow_ups(d)], batch_size=1000
        )

    def secretary(self, group: Group):
        members = self.members[group.pk]
        chosen = next(
            (m for m in members if m.role == GroupMember.Role.SECRETARY),
            next(iter(members), None),
        )
        return chosen.user if chosen else None

    def finish_meeting(self, plan: Planned) -> None:
        meeting = plan.meeting
        meeting.status = self.status_of(plan)
        if meeting.status != Meeting.Status.PLANNED:
            meeting.invited_at = meeting.starts_at - dt.timedelta(days=7)
        if meeting.status == Meeting.Status.MINUTES_SENT:
            names = ", ".join(title for title, _topic in plan.topics)
            meeting.minutes = (
                "Møtet ble gjennomført etter innkallingen. Politiet orienterte om "
                f"kriminalitetsbildet siste periode. Drøftet: {names}. Ingen "
                "enkeltsaker ble drøftet. Oppgaver er ført som oppfølgingspunkter."
            )
            meeting.minutes_approved_at = meeting.starts_at + dt.timedelta(days=2)
            meeting.minutes_sent_at = meeting.minutes_approved_at
            meeting.minutes_approved_by = self.secretary(meeting.group)

    def agenda(self, plan: Planned) -> list[AgendaItem]:
        meeting, group = plan.meeting, plan.meeting.group
        author = self.secretary(group)
        if author is None:
            return []
        status = (
            AgendaItem.Status.HANDLED
            if meeting.status == Meeting.Status.MINUTES_SENT
            else AgendaItem.Status.ACCEPTED
        )
        rows: list[tuple[str, str, str, bool, str]] = []
        if group.kind in (Group.Kind.STEERING_GROUP, Group.Kind.COORDINATION_GROUP):
            rows.append(
                (
                    "Politiets orientering om kriminalitetsbildet blant unge",
                    AgendaItem.Kind.POLICE_UPDATE,
                    T.STRUCTURE,
                    True,
                    "Politiet orienterte om utviklingen siste periode, på systemnivå.",
                )
            )
        if group.kind == Group.Kind.COORDINATION_GROUP:
            rows.append(
                (
                    "Rapport fra utførende nivå",
                    AgendaItem.Kind.LEVEL_REPORT,
                    T.STRUCTURE,
                    True,
                    "Koordinator orienterte fra ungdomsteamene og nettverkene.",
                )
            )
        for title, topic in plan.topics:
            rows.append(
                (
                    title,
                    AgendaItem.Kind.DISCUSSION,
                    topic,
                    False,
                    f"Drøftet: {title.lower()}. Tiltak og ansvar ble avklart.",
                )
            )
        return [
            AgendaItem(
                area_id=meeting.area_id,
                group=group,
                meeting=meeting,
                title=title,
                kind=kind,
                topics=[topic],
                is_standing=standing,
                order=(n + 1) * 10,
                submitted_by=author,
                status=status,
                screened_by=author,
                screened_at=meeting.starts_at - dt.timedelta(days=10),
                confidentiality=group.confidentiality_mode,
                notes=notes if meeting.status == Meeting.Status.MINUTES_SENT else "",
            )
            for n, (title, kind, topic, standing, notes) in enumerate(rows)
        ]

    def attendance(self, plan: Planned) -> list[Attendance]:
        meeting = plan.meeting
        if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT):
            return []
        rng = self.rng("attendance", meeting.pk)
        rows = []
        for member in self.members[meeting.group_id]:
            roll = rng.random()
            police_absent = member.agency.kind == "police" and roll < 0.25
            status = (
                Attendance.Status.ABSENT
                if police_absent or roll > 0.95
                else Attendance.Status.EXCUSED
                if roll > 0.85
                else Attendance.Status.PRESENT
            )
            rows.append(
                Attendance(
                    area_id=meeting.area_id,
                    meeting=meeting,
                    group_member=member,
                    agency=member.agency,
                    status=status,
                )
            )
        return rows

    def decisions(self, plan: Planned) -> list[Decision]:
        meeting = plan.meeting
        if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT):
            return []
        rows = []
        for item in plan.items:
            if item.is_standing:
                continue
            rows.append(
                Decision(
                    area_id=meeting.area_id,
                    meeting=meeting,
                    agenda_item=item,
                    text=(
                        f"{meeting.group.name} tok orienteringen om «{item.title}» til "
                        "etterretning og ber de berørte tjenestene samordne "
                        "tiltakene og melde tilbake på neste møte."
                    ),
                    decided_at=meeting.starts_at + dt.timedelta(hours=1),
                    kind=Decision.Kind.RESOLUTION,
                )
            )
        return rows

    def follow_ups(self, decision: Decision) -> list[FollowUp]:
        meeting = decision.meeting
        members = [m for m in self.members[meeting.group_id] if m.user.is_active]
        if not members:
            return []
        rng = self.rng("follow-up", decision.pk)
        owner = rng.choice(members)
        due = timezone.localdate(meeting.starts_at) + dt.timedelta(days=28)
        status, completed = FollowUp.Status.OPEN, None
        if due < self.today - dt.timedelta(days=14) and rng.random() > 0.04:
            status = FollowUp.Status.DONE
            completed = _at(due - dt.timedelta(days=rng.randint(1, 10)), 12)
        elif due < self.today + dt.timedelta(days=14) and rng.random() > 0.5:
            status = FollowUp.Status.IN_PROGRESS
        return [
            FollowUp(
                area_id=meeting.area_id,
                meeting=meeting,
                decision=decision,
                title=f"Følge opp: {decision.agenda_item.title}",
                owner=owner.user,
                owner_agency=owner.agency,
                due_date=due,
                status=status,
                completed_at=completed,
                completion_note="Gjennomført og meldt tilbake i møtet."
                if completed
                else "",
            )
        ]


def seed(ctx: DemoContext) -> None:
    """Meetings, minutes, follow-ups and matters for the demo (skips if present)."""
    if Meeting.objects.filter(area_id=ctx.areas["alna"].pk).exists():
        return
    seeder = Seeder(ctx)
    full_year = {ctx.year - 1: KG_MONTHS, ctx.year: KG_MONTHS}
    for _name, slug in OSLO_DISTRICTS:
        months = full_year
        if slug == "grorud":  # withered: only twice last year (NIBR L952-972)
            months = {ctx.year - 1: (3, 10), ctx.year: (2, 12)}
        elif slug == "sagene":  # meets 5–6 times a year (NIBR §5)
            months = {ctx.year - 1: (1, 3, 5, 9, 11), ctx.year: (1, 3, 5, 9, 11, 12)}
        seeder.steering_and_coordination(slug, OSLO_SG_MONTHS, months)
    seeder.steering_and_coordination("baerum", BAERUM_SG_MONTHS, full_year)
    seeder.teams(
        "baerum",
        [n for (s, n) in ctx.groups if s == "baerum" and n.startswith("Ungdomsteam")],
        28,
        (ctx.year - 1, ctx.year),
    )
    seeder.teams("alna", ["Fleksiteam Operativt SaLTo"], 14, (ctx.year,))
    seeder.teams("grorud", ["SLT-team Apalløkka", "SLT-team Bjøråsen"], 28, (ctx.year,))
    seeder.teams("sagene", ["Innsatsteam ungdom 13–18"], 21, (ctx.year,))
    seeder.write()
    _submitted_items(ctx)
    _baerum_matter(ctx)
    _alna_matters(ctx)


def _meeting_in(group: Group, year: int, month: int) -> Meeting:
    return (
        Meeting.objects.filter(
            group=group, starts_at__year=year, starts_at__month=month
        )
        .order_by("starts_at")
        .first()
    )


def _submitted_items(ctx: DemoContext) -> None:
    """Items waiting in Alna's screening queue, and one returned with a reason."""
    kg = ctx.groups[("alna", "Koordineringsgruppe")]
    author = ctx.users["kg.barnevern.alna"]
    agency = ctx.agencies[("alna", "Barneverntjenesten Alna")]
    now = timezone.now()
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                area_id=kg.area_id,
                group=kg,
                title="Økende skolefravær på 9. trinn",
                description="Skolene melder om økende fravær etter høstferien. "
                "Ønsker en felles drøfting av tiltak på systemnivå.",
                kind=AgendaItem.Kind.DISCUSSION,
                topics=[T.EXCLUSION],
                submitted_by=author,
                submitted_by_agency=agency,
                confidentiality=kg.confidentiality_mode,
            ),
            AgendaItem(
                area_id=kg.area_id,
                group=kg,
                title="Ny rutine for bekymringssamtaler",
                description="Forslag om felles mal for bekymringssamtaler.",
                kind=AgendaItem.Kind.DECISION,
                topics=[T.FAMILY],
                submitted_by=author,
                submitted_by_agency=agency,
                status=AgendaItem.Status.RETURNED,
                screened_by=ctx.users["koordinator.alna"],
                screened_at=now,
                screening_note="Hører hjemme i politiets egne rutiner; tas opp med "
                "politikontakten i stedet.",
                confidentiality=kg.confidentiality_mode,
            ),
        ]
    )


def _event(matter, when, to_status, group, by, from_status="", note=""):
    event = MatterEvent.objects.create(
        area_id=matter.area_id,
        matter=matter,
        from_status=from_status,
        to_status=to_status,
        group=group,
        note=note,
        created_by=by,
    )
    MatterEvent.objects.filter(pk=event.pk).update(created_at=when)


def _matter_item(matter, meeting, by) -> AgendaItem:
    return AgendaItem.objects.create(
        area_id=meeting.area_id,
        group=meeting.group,
        meeting=meeting,
        title=matter.title,
        description=matter.description,
        kind=AgendaItem.Kind.MATTER,
        matter=matter,
        topics=matter.topics,
        submitted_by=by,
        status=AgendaItem.Status.HANDLED
        if meeting.status == Meeting.Status.MINUTES_SENT
        else AgendaItem.Status.ACCEPTED,
        screened_by=by,
        screened_at=meeting.starts_at - dt.timedelta(days=7),
        confidentiality=meeting.group.confidentiality_mode,
        order=5,
    )


def _baerum_matter(ctx: DemoContext) -> None:
    """Ungdomsteam → koordineringsgruppe → SLT-styret, answered back down."""
    year = ctx.year - 1
    team = ctx.groups[("baerum", "Ungdomsteam østre Bærum 16–23")]
    kg = ctx.groups[("baerum", "SLT-koordineringsgruppen")]
    sg = ctx.groups[("baerum", "SLT-styret")]
    coordinator = ctx.users["koordinator1.baerum"]
    kg_meeting, sg_meeting = _meeting_in(kg, year, 10), _meeting_in(sg, year, 11)
    team_meeting = _meeting_in(team, year, 9)
    if not (kg_meeting and sg_meeting and team_meeting):
        return
    raised = team_meeting.starts_at + dt.timedelta(days=1)
    description = (
        "Teamet ser at deling av krenkende bilder og filmer av jevnaldrende øker i "
        "aldersgruppen 16–19 år, særlig i lukkede grupper. Skolene og "
        "fritidsklubbene håndterer dette ulikt. Teamet ber om en felles linje for "
        "forebygging og oppfølging i kommunen."
    )
    down = Matter.objects.create(
        area_id=team.area_id,
        from_group=team,
        to_group=kg,
        kind=Matter.Kind.ESCALATION,
        title="Økende deling av krenkende bilder blant ungdom",
        description=description,
        topics=[T.ONLINE, T.SEXUAL_BEHAVIOUR],
        origin_agenda_item=team_meeting.agenda_items.first(),
        created_by=coordinator,
    )
    _event(down, raised, Matter.Status.RAISED, team, coordinator)
    _matter_item(down, kg_meeting, coordinator)
    _event(
        down,
        kg_meeting.starts_at - dt.timedelta(days=7),
        Matter.Status.RECEIVED,
        kg,
        coordinator,
        Matter.Status.RAISED,
        f"På dagsorden for {kg_meeting.title}.",
    )
    lifted = kg_meeting.starts_at + dt.timedelta(days=1)
    _event(
        down,
        lifted,
        Matter.Status.RECEIVED,
        kg,
        coordinator,
        Matter.Status.RECEIVED,
        "Løftet videre til SLT-styret.",
    )
    up = Matter.objects.create(
        area_id=kg.area_id,
        from_group=kg,
        to_group=sg,
        kind=Matter.Kind.ESCALATION,
        title=down.title,
        description=description
        + " Koordineringsgruppen anbefaler en felles workshop på alle "
        "ungdomsskoler og videregående skoler, og ber styret prioritere dette.",
        topics=down.topics,
        parent_matter=down,
        created_by=coordinator,
    )
    _event(up, lifted, Matter.Status.RAISED, kg, coordinator)
    _matter_item(up, sg_meeting, coordinator)
    _event(
        up,
        sg_meeting.starts_at - dt.timedelta(days=21),
        Matter.Status.RECEIVED,
        sg,
        coordinator,
        Matter.Status.RAISED,
        f"På dagsorden for {sg_meeting.title}.",
    )
    answer = (
        "SLT-styret ber Ungdom og fritid og ungdomsskolene om å gjennomføre en "
        "workshop om bildedeling og grenser på alle skoler innen utgangen av "
        "skoleåret, med politiet som bidragsyter. Koordinatorene rapporterer "
        "status til styret i mai."
    )
    decision = Decision.objects.create(
        area_id=sg.area_id,
        meeting=sg_meeting,
        agenda_item=sg_meeting.agenda_items.filter(matter=up).first(),
        text=answer,
        decided_at=sg_meeting.starts_at + dt.timedelta(hours=1),
    )
    answered = sg_meeting.starts_at + dt.timedelta(days=1)
    for matter, group, note in (
        (up, sg, answer),
        (down, sg, f"Svar fra SLT-styret: {answer}"),
    ):
        Matter.objects.filter(pk=matter.pk).update(
            status=Matter.Status.CLOSED,
            response=answer,
            responded_at=answered,
            response_decision=decision,
            closed_at=answered + dt.timedelta(days=20),
            raised_at=raised if matter is down else lifted,
        )
        _event(
            matter,
            answered,
            Matter.Status.ANSWERED,
            group,
            coordinator,
            Matter.Status.RECEIVED,
            note,
        )
        _event(
            matter,
            answered + dt.timedelta(days=20),
            Matter.Status.CLOSED,
            matter.from_group,
            coordinator,
            Matter.Status.ANSWERED,
            "Svaret er fulgt opp i gruppen.",
        )


def _alna_matters(ctx: DemoContext) -> None:
    """This year: a team's matter waiting in the KG, and the SG's to the city."""
    alna = ctx.areas["alna"]
    team = ctx.groups[("alna", "Fleksiteam Operativt SaLTo")]
    kg = ctx.groups[("alna", "Koordineringsgruppe")]
    sg = ctx.groups[("alna", "Styringsgruppe")]
    council = ctx.groups[("oslo", "Politirådet i Oslo")]
    coordinator = ctx.users["koordinator.alna"]
    now = timezone.now()
    waiting = Matter.objects.create(
        area_id=alna.pk,
        from_group=team,
        to_group=kg,
        kind=Matter.Kind.ESCALATION,
        title="Rekruttering av unge til kriminelle nettverk på Furuset",
        description=(
            "Teamet ser flere tegn på at unge i 14–16-årsalderen rekrutteres til "
            "kriminelle nettverk. Tiltakene i teamet strekker ikke til; teamet ber "
            "koordineringsgruppen om en samlet innsats fra skole, fritid og politi."
        ),
        topics=[T.AREA_CONFLICT, T.PROPERTY_CRIME],
        created_by=coordinator,
    )
    _event(waiting, now - dt.timedelta(days=9), Matter.Status.RAISED, team, coordinator)
    upcoming = (
        Meeting.objects.filter(group=kg, starts_at__gte=now)
        .order_by("starts_at")
        .first()
    )
    if upcoming is not None:
        _matter_item(waiting, upcoming, coordinator)
        Matter.objects.filter(pk=waiting.pk).update(status=Matter.Status.RECEIVED)
        _event(
            waiting,
            now - dt.timedelta(days=6),
            Matter.Status.RECEIVED,
            kg,
            coordinator,
            Matter.Status.RAISED,
            f"På dagsorden for {upcoming.title}.",
        )
    to_city = Matter.objects.create(
        area_id=alna.pk,
        from_group=sg,
        to_group=council,
        kind=Matter.Kind.ESCALATION,
        title="Felles innsats mot rekruttering til kriminelle nettverk i Groruddalen",
        description=(
            "Styringsgruppen i Alna ser at utfordringen går på tvers av "
            "bydelsgrensene i Groruddalen og ber Politirådet vurdere en felles "
            "innsats mellom bydelene, Utdanningsetaten og politiet."
        ),
        topics=[T.AREA_CONFLICT],
        created_by=coordinator,
    )
    _event(to_city, now - dt.timedelta(days=3), Matter.Status.RAISED, sg, coordinator)
