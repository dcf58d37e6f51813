"""Scale data for the meetings app: one area-year of meetings (4 in the
styringsgruppe, 12 in the koordineringsgruppe, 12 in each of two teams) with agenda
items, attendance, decisions, follow-ups, and a few matters between the levels."""

from __future__ import annotations

import datetime as dt
import random

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
)
from municipalities.models import Topic
from slt_portal.scale.common import AreaSetup, Run, at, insert

# group key -> months with a meeting, day-of-month offset, start hour
SCHEDULE = {
    "sg": ((3, 6, 9, 12), 8, 9),
    "kg": (tuple(range(1, 13)), 12, 13),
    "team1": (tuple(range(1, 13)), 5, 10),
    "team2": (tuple(range(1, 13)), 20, 12),
}
AGENDA_TITLES = [
    ("Politiets kriminalitetsbilde", Topic.STRUCTURE, AgendaItem.Kind.POLICE_UPDATE),
    ("Rapport fra ungdomsteamet", Topic.STRUCTURE, AgendaItem.Kind.LEVEL_REPORT),
    ("Cannabis blant ungdomsskoleelever", Topic.SUBSTANCES, AgendaItem.Kind.DISCUSSION),
    ("Vold og trusler i helgene", Topic.VIOLENCE, AgendaItem.Kind.DISCUSSION),
    ("Overgangen til videregående", Topic.TRANSITIONS, AgendaItem.Kind.DISCUSSION),
    ("Fritidstilbud med frivillige", Topic.EXCLUSION, AgendaItem.Kind.DECISION),
    ("Nettvett og deling av bilder", Topic.ONLINE, AgendaItem.Kind.INFORMATION),
    (
        "Oppfølging av tidligere vedtak",
        Topic.STRUCTURE,
        AgendaItem.Kind.FOLLOW_UP_REVIEW,
    ),
    ("Evaluering av handlingsplanen", Topic.STRUCTURE, AgendaItem.Kind.DECISION),
    ("Eventuelt", Topic.OTHER, AgendaItem.Kind.ANY_OTHER),
]
STALE_AFTER_DAYS = 60
MINUTES = (
    "Møtet ble gjennomført etter dagsorden. Politiet orienterte om "
    "kriminalitetsbildet; tjenestene meldte om situasjonen i sine miljøer."
)


def _meeting_day(year: int, month: int, offset: int) -> dt.date:
    day = dt.date(year, month, min(offset, 28))
    while day.weekday() >= 5:  # weekdays only
        day += dt.timedelta(days=1)
    return day


def _status(starts: dt.date, today: dt.date) -> str:
    if starts > today:
        return (
            Meeting.Status.INVITED
            if starts <= today + dt.timedelta(days=14)
            else Meeting.Status.PLANNED
        )
    if starts > today - dt.timedelta(days=10):
        return Meeting.Status.HELD
    return Meeting.Status.MINUTES_SENT


def meetings_create(setup: AreaSetup, year: int, *, run: Run, rng: random.Random):
    """All of the area's meetings in ``year``; returns them with their dates."""
    area, today = setup.area, run.today
    meetings = []
    for key, (months, offset, hour) in SCHEDULE.items():
        group = setup.groups[key]
        for month in months:
            day = _meeting_day(year, month, offset)
            status = _status(day, today)
            starts = at(day, hour)
            done = status == Meeting.Status.MINUTES_SENT
            meetings.append(
                Meeting(
                    area=area,
                    group=group,
                    title=f"{group.name} {day:%d.%m.%Y}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    location="Rådhuset, møterom 2",
                    status=status,
                    invited_at=starts - dt.timedelta(days=14)
                    if status != Meeting.Status.PLANNED
                    else None,
                    minutes=MINUTES if done else "",
                    minutes_approved_at=starts + dt.timedelta(days=3) if done else None,
                    minutes_approved_by=setup.coordinator if done else None,
                    minutes_sent_at=starts + dt.timedelta(days=3) if done else None,
                    created_by=setup.coordinator,
                    created_at=starts - dt.timedelta(days=30),
                    updated_at=starts + dt.timedelta(days=3) if done else starts,
                )
            )
    return insert(Meeting, meetings, when=None)


def _key_of(setup: AreaSetup, group_id: int) -> str:
    return next(k for k, g in setup.groups.items() if g.pk == group_id)


def records_create(setup: AreaSetup, meetings, *, run: Run, rng: random.Random):
    """Agenda items, attendance, decisions and follow-ups of the meetings."""
    items, attendance = [], []
    for meeting in meetings:
        key = _key_of(setup, meeting.group_id)
        held = meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT)
        for order, (title, topic, kind) in enumerate(
            rng.sample(AGENDA_TITLES, rng.randint(3, 6)), start=1
        ):
            submitter = rng.choice(setup.members[key])
            items.append(
                AgendaItem(
                    area=setup.area,
                    group=meeting.group,
                    meeting=meeting,
                    title=title,
                    description=f"{title}: innmeldt av {submitter.agency_id}.",
                    topics=[topic],
                    kind=kind,
                    order=order,
                    submitted_by_id=submitter.user_id,
                    submitted_by_agency_id=submitter.agency_id,
                    status=AgendaItem.Status.HANDLED
                    if held
                    else AgendaItem.Status.ACCEPTED,
                    screened_by=setup.coordinator,
                    screened_at=meeting.starts_at - dt.timedelta(days=10),
                    notes="Drøftet; se vedtak." if held else "",
                    created_at=meeting.starts_at - dt.timedelta(days=20),
                    submitted_at=meeting.starts_at - dt.timedelta(days=20),
                    updated_at=meeting.starts_at,
                )
            )
        if held:
            attendance += [
                Attendance(
                    area=setup.area,
                    meeting=meeting,
                    group_member=member,
                    agency_id=member.agency_id,
                    status=rng.choices(
                        (
                            Attendance.Status.PRESENT,
                            Attendance.Status.EXCUSED,
                            Attendance.Status.ABSENT,
                        ),
                        weights=(80, 15, 5),
                    )[0],
                    created_at=meeting.starts_at,
                    updated_at=meeting.starts_at,
                )
                for member in setup.members[key]
            ]
    items = insert(AgendaItem, items, when=None)
    insert(Attendance, attendance, when=None)
    decisions = _decisions(setup, meetings, items, rng)
    insert(FollowUp, _follow_ups(setup, decisions, run, rng), when=None)
    return items, decisions


def _decisions(setup: AreaSetup, meetings, items, rng: random.Random):
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    decisions = []
    for meeting in meetings:
        if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT):
            continue
        for item in rng.sample(by_meeting[meeting.pk], 2):
            decisions.append(
                Decision(
                    area=setup.area,
                    meeting=meeting,
                    agenda_item=item,
                    text=f"{item.title}: saken tas til orientering, og tjenestene "
                    "følger opp som avtalt.",
                    decided_at=meeting.starts_at + dt.timedelta(hours=1),
                    created_by=setup.coordinator,
                    created_at=meeting.starts_at + dt.timedelta(hours=1),
                    updated_at=meeting.starts_at + dt.timedelta(hours=1),
                )
            )
    return insert(Decision, decisions, when=None)


def _follow_ups(setup: AreaSetup, decisions, run: Run, rng: random.Random):
    """About 1.5 per decision; those due long ago are done, recent ones open."""
    meeting_key = {}
    rows = []
    for decision in decisions:
        for _n in range(rng.choice((1, 1, 2))):
            key = meeting_key.setdefault(
                decision.meeting_id,
                _key_of(setup, decision.meeting.group_id),
            )
            owner = rng.choice(setup.members[key])
            decided = decision.decided_at.date()
            due = decided + dt.timedelta(days=rng.randint(14, 60))
            # A few are left open past their due date, but none for long.
            overdue_open = (
                due < run.today
                and rng.random() < 0.03
                and due >= run.today - dt.timedelta(days=STALE_AFTER_DAYS)
            )
            is_open = due >= run.today - dt.timedelta(days=7) or overdue_open
            rows.append(
                FollowUp(
                    area=setup.area,
                    meeting_id=decision.meeting_id,
                    decision=decision,
                    title=f"Følge opp: {decision.text[:60]}",
                    owner_id=owner.user_id,
                    owner_agency_id=owner.agency_id,
                    due_date=due,
                    status=FollowUp.Status.OPEN if is_open else FollowUp.Status.DONE,
                    completed_at=None if is_open else at(due, 12),
                    created_by=setup.coordinator,
                    created_at=decision.decided_at,
                    updated_at=decision.decided_at if is_open else at(due, 12),
                )
            )
    return rows


def matters_create(setup: AreaSetup, year: int, decisions, *, run: Run, rng):
    """Three matters a year: teams raise to the koordineringsgruppe, which raises
    one to the styringsgruppe; old ones are closed, this year's may be open."""
    past = [d for d in decisions if d.decided_at.date() < run.today]
    if not past:
        return
    routes = [("team1", "kg"), ("team2", "kg"), ("kg", "sg")]
    matters, events = [], []
    for source, target in routes:
        origin = rng.choice(past)
        raised = origin.decided_at + dt.timedelta(days=1)
        closed = raised.date() < run.today - dt.timedelta(days=60)
        matter = Matter(
            area=setup.area,
            title=f"Sak fra {setup.groups[source].name}",
            description="Tjenestene ser en økning som krever tiltak på tvers.",
            topics=[Topic.VIOLENCE],
            kind=Matter.Kind.ESCALATION,
            from_group=setup.groups[source],
            to_group=setup.groups[target],
            origin_decision=origin,
            due_date=raised.date() + dt.timedelta(days=30),
            status=Matter.Status.CLOSED if closed else Matter.Status.RAISED,
            raised_at=raised,
            response="Tatt inn i handlingsplanen." if closed else "",
            responded_at=raised + dt.timedelta(days=20) if closed else None,
            closed_at=raised + dt.timedelta(days=25) if closed else None,
            created_by=setup.coordinator,
            created_at=raised,
            updated_at=raised,
        )
        matters.append(matter)
    matters = insert(Matter, matters, when=None)
    for matter in matters:
        steps = [("", Matter.Status.RAISED)]
        if matter.status == Matter.Status.CLOSED:
            steps += [
                (Matter.Status.RAISED, Matter.Status.RECEIVED),
                (Matter.Status.RECEIVED, Matter.Status.ANSWERED),
                (Matter.Status.ANSWERED, Matter.Status.CLOSED),
            ]
        for n, (before, after) in enumerate(steps):
            when = matter.raised_at + dt.timedelta(days=n * 8)
            events.append(
                MatterEvent(
                    area=setup.area,
                    matter=matter,
                    from_status=before,
                    to_status=after,
                    group_id=matter.from_group_id if n == 0 else matter.to_group_id,
                    created_at=when,
                    updated_at=when,
                )
            )
    insert(MatterEvent, events, when=None)
