"""The health of the structure: meeting rules (M1, M2, M3, M6), attendance by
agency, follow-ups and matters, in a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.health import area_health, days_outside, longest_gap
from meetings.models import Attendance, FollowUp, Matter, Meeting
from meetings.recurrence import OSLO
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 11, 15)


def meeting(group, day, status=Meeting.Status.MINUTES_SENT):
    return factories.MeetingFactory(
        group=group,
        starts_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=OSLO),
        ends_at=dt.datetime(day.year, day.month, day.day, 11, tzinfo=OSLO),
        status=status,
    )


def row_for(structure, group, today=TODAY):
    return next(
        r for r in area_health(area=structure.area, today=today) if r.group == group
    )


def test_steering_group_with_too_few_meetings_is_flagged(structure):
    for month in (2, 5):
        meeting(structure.sg, dt.date(2027, month, 10))
    for month in (2, 5, 9, 11):
        meeting(structure.sg, dt.date(2026, month, 10))
    row = row_for(structure, structure.sg)
    assert (row.held_this_year, row.held_last_year, row.required) == (2, 4, 4)
    assert row.behind
    assert any("minst 4" in f for f in row.flags)
    assert any("1. oktober" in f for f in row.flags)


def test_steering_group_that_keeps_its_rule_is_not_flagged(structure):
    factories.GroupMemberFactory(group=structure.sg, role="chair")
    for month in (2, 5, 9, 11):
        meeting(structure.sg, dt.date(2026, month, 10))
    for month in (2, 5, 9):
        meeting(structure.sg, dt.date(2027, month, 10))
    meeting(structure.sg, dt.date(2027, 12, 1), Meeting.Status.PLANNED)
    row = row_for(structure, structure.sg)
    assert (row.held_this_year, row.ahead_this_year) == (3, 1)
    assert row.flags == []


def test_coordination_group_with_a_long_gap_is_flagged_m2(structure):
    structure.kg.skip_months = [7]
    structure.kg.save()
    for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12):
        meeting(structure.kg, dt.date(2026, month, 12))
    for month in (1, 2, 3, 4, 5, 6, 8):
        meeting(structure.kg, dt.date(2027, month, 12))
    row = row_for(structure, structure.kg)
    assert any("M2" in f for f in row.flags)  # 12 Aug → 15 Nov


def test_july_does_not_count_in_the_gap():
    assert days_outside(dt.date(2027, 6, 20), dt.date(2027, 8, 10), [7]) == 20
    gap = longest_gap(
        [dt.date(2027, 6, 20), dt.date(2027, 8, 10)],
        dt.date(2027, 8, 20),
        [7],
        dt.date(2027, 6, 1),
    )
    assert gap == 20


def test_minutes_not_sent_a_week_after_the_meeting_are_flagged_m6(structure):
    meeting(structure.team, TODAY - dt.timedelta(days=8), Meeting.Status.HELD)
    meeting(structure.team, TODAY - dt.timedelta(days=3), Meeting.Status.HELD)
    row = row_for(structure, structure.team)
    assert row.minutes_overdue == 1
    assert any("M6" in f for f in row.flags)


def test_steering_group_without_the_coordinator_as_secretary_is_flagged_m3(structure):
    structure.sg.members.filter(role="secretary").delete()
    row = row_for(structure, structure.sg)
    assert any("M3" in f for f in row.flags)


def test_attendance_rate_is_given_per_agency(structure):
    with time_machine.travel(dt.datetime(2027, 11, 15, 12, tzinfo=OSLO)):
        held = meeting(structure.kg, dt.date(2027, 10, 12))
        for member in structure.kg.members.all():
            factories.AttendanceFactory(
                meeting=held,
                group_member=member,
                status=Attendance.Status.PRESENT
                if member.user == structure.coordinator
                else Attendance.Status.ABSENT,
            )
        row = row_for(structure, structure.kg)
    rates = {a.agency: a.rate for a in row.attendance}
    assert rates[structure.agency.name] == 100
    assert 0 in rates.values()
    assert row.attendance_rate == 50


def test_follow_ups_and_matters_are_counted(structure):
    with time_machine.travel(dt.datetime(2027, 11, 15, 12, tzinfo=OSLO)):
        held = meeting(structure.kg, dt.date(2027, 10, 12))
        factories.FollowUpFactory(meeting=held, due_date=dt.date(2027, 11, 1))
        factories.FollowUpFactory(meeting=held, due_date=dt.date(2027, 12, 1))
        factories.FollowUpFactory(
            meeting=held, due_date=dt.date(2027, 11, 1), status=FollowUp.Status.DONE
        )
        factories.MatterFactory(from_group=structure.team, to_group=structure.kg)
        factories.MatterFactory(
            from_group=structure.team,
            to_group=structure.kg,
            status=Matter.Status.CLOSED,
        )
        rows = {r.group: r for r in area_health(area=structure.area, today=TODAY)}
    kg = rows[structure.kg]
    assert (kg.open_follow_ups, kg.overdue_follow_ups) == (2, 1)
    assert kg.matters_to_answer == 1
    assert rows[structure.team].matters_waiting == 1


def count_queries(area):
    with CaptureQueriesContext(connection) as queries:
        rows = area_health(area=area, today=timezone.localdate())
    return len(queries), rows


def test_health_runs_in_the_same_number_of_queries_however_many_meetings(structure):
    before, _ = count_queries(structure.area)
    for n in range(12):
        held = meeting(structure.kg, dt.date(2027, 1, 1) + dt.timedelta(days=25 * n))
        factories.AttendanceFactory(
            meeting=held, group_member=structure.kg.members.first()
        )
        factories.FollowUpFactory(meeting=held)
        factories.MatterFactory(from_group=structure.team, to_group=structure.kg)
    for _ in range(5):
        factories.GroupFactory(area=structure.area, operational=True)
    after, rows = count_queries(structure.area)
    assert len(rows) == 8
    assert after == before <= 10
