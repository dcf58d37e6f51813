"""Reminders: follow-ups due or overdue to their owners, and minutes not sent a week
after the meeting to the secretary; running the sweep twice sends once."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from meetings import reminders
from meetings.models import FollowUp, Meeting
from meetings.recurrence import OSLO
from slt_portal.reminders import reminders_sweep
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = dt.date(2027, 11, 15)
SOURCES = [reminders.follow_ups_due, reminders.minutes_not_sent]


def held_on(group, day, status=Meeting.Status.HELD):
    return factories.MeetingFactory(
        group=group,
        starts_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=OSLO),
        ends_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=OSLO),
        status=status,
    )


def test_follow_ups_due_soon_or_overdue_are_items_for_their_owner(structure):
    meeting = held_on(structure.kg, TODAY - dt.timedelta(days=20), "minutes_sent")
    due = factories.FollowUpFactory(
        meeting=meeting, owner=structure.member, due_date=TODAY + dt.timedelta(days=2)
    )
    late = factories.FollowUpFactory(
        meeting=meeting, owner=structure.member, due_date=TODAY - dt.timedelta(days=9)
    )
    factories.FollowUpFactory(meeting=meeting, due_date=TODAY + dt.timedelta(days=20))
    factories.FollowUpFactory(
        meeting=meeting,
        due_date=TODAY - dt.timedelta(days=2),
        status=FollowUp.Status.DONE,
    )
    items = list(reminders.follow_ups_due(today=TODAY, due_soon_days=3))
    assert sorted(i.key for i in items) == sorted(
        [f"follow_up:{due.pk}", f"follow_up:{late.pk}"]
    )
    assert {i.user_id for i in items} == {structure.member.pk}
    assert items[0].path.startswith(f"/o/{structure.area.slug}/meetings/follow-ups/")


def test_the_sweep_run_twice_sends_each_reminder_once(structure):
    meeting = held_on(structure.kg, TODAY - dt.timedelta(days=20), "minutes_sent")
    factories.FollowUpFactory(
        meeting=meeting,
        title="Kartlegge tilbud",
        owner=structure.member,
        due_date=TODAY,
    )
    first = reminders_sweep(today=TODAY, sources=SOURCES)
    second = reminders_sweep(today=TODAY, sources=SOURCES)
    assert (first["emails"], second["emails"]) == (1, 0)
    assert len(mail.outbox) == 1
    assert "Kartlegge tilbud" in mail.outbox[0].body
    # Overdue items come back once a week, not every day.
    reminders_sweep(today=TODAY + dt.timedelta(days=1), sources=SOURCES)
    reminders_sweep(today=TODAY + dt.timedelta(days=2), sources=SOURCES)
    assert len(mail.outbox) == 2


def test_minutes_reminder_goes_to_the_secretary_seven_days_after_the_meeting(
    structure,
):
    meeting = held_on(structure.kg, TODAY - dt.timedelta(days=7))
    held_on(structure.kg, TODAY - dt.timedelta(days=6))  # not yet
    held_on(structure.kg, TODAY - dt.timedelta(days=30), "minutes_sent")  # done
    items = list(reminders.minutes_not_sent(today=TODAY, due_soon_days=3))
    assert [(i.user_id, i.due_date) for i in items] == [
        (structure.coordinator.pk, TODAY)
    ]
    assert items[0].key == f"minutes:{meeting.pk}:{structure.coordinator.pk}"
    assert items[0].path.endswith("#minutes")


def test_minutes_reminder_falls_back_to_the_coordinators(structure):
    held_on(structure.team, TODAY - dt.timedelta(days=10))
    items = list(reminders.minutes_not_sent(today=TODAY, due_soon_days=3))
    assert [i.user_id for i in items] == [structure.coordinator.pk]


def test_the_sources_run_in_a_fixed_number_of_queries(
    structure, django_assert_max_num_queries
):
    for n in range(15):
        meeting = held_on(structure.kg, TODAY - dt.timedelta(days=8 + n))
        factories.FollowUpFactory(meeting=meeting, due_date=TODAY)
    with django_assert_max_num_queries(1):
        assert len(list(reminders.follow_ups_due(today=TODAY, due_soon_days=3))) == 15
    with django_assert_max_num_queries(3):
        assert len(list(reminders.minutes_not_sent(today=TODAY, due_soon_days=3))) == 15


def test_reminders_of_an_inactive_area_are_not_sent(structure):
    meeting = held_on(structure.kg, timezone.localdate(), "minutes_sent")
    factories.FollowUpFactory(meeting=meeting, due_date=timezone.localdate())
    structure.area.is_active = False
    structure.area.save()
    assert (
        list(reminders.follow_ups_due(today=timezone.localdate(), due_soon_days=3))
        == []
    )
