"""Builds last year's and this year's meetings in memory and writes them in bulk."""

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
    Meeting,
)
from meetings.recurrence import OSLO
from municipalities.demo import DemoContext
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
