"""Meeting series keep their Oslo wall-clock time across daylight saving changes."""

import datetime as dt

import pytest
import time_machine

from meetings import recurrence, services
from meetings.models import Meeting
from meetings.recurrence import OSLO
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


def test_weekly_series_stays_at_1800_across_the_last_sundays_of_march_and_october():
    first = dt.datetime(2027, 3, 16, 18, 0, tzinfo=OSLO)  # DST starts 28 March 2027
    rule = recurrence.build_rrule(
        frequency="weekly", first_starts_at=first, until=dt.date(2027, 11, 9)
    )
    starts = recurrence.expand(rrule=rule, first_starts_at=first)
    local = [s.astimezone(OSLO) for s in starts]
    assert {(s.hour, s.minute) for s in local} == {(18, 0)}
    offsets = {s.date(): s.utcoffset() for s in local}
    assert offsets[dt.date(2027, 3, 23)] == dt.timedelta(hours=1)
    assert offsets[dt.date(2027, 3, 30)] == dt.timedelta(hours=2)
    assert offsets[dt.date(2027, 10, 26)] == dt.timedelta(hours=2)  # DST ends 31 Oct
    assert offsets[dt.date(2027, 11, 2)] == dt.timedelta(hours=1)
    # In UTC the meeting moves, which is what keeps it at 18:00 in Oslo.
    assert starts[0].astimezone(dt.UTC).hour == 17
    assert starts[3].astimezone(dt.UTC).hour == 16


def test_monthly_series_keeps_the_weekday_and_skips_july():
    first = dt.datetime(2027, 1, 12, 13, 0, tzinfo=OSLO)  # second Tuesday
    rule = recurrence.build_rrule(
        frequency="monthly_weekday",
        first_starts_at=first,
        until=dt.date(2027, 12, 31),
        skip_months=[7],
    )
    starts = recurrence.expand(rrule=rule, first_starts_at=first)
    assert len(starts) == 11
    assert 7 not in {s.month for s in starts}
    assert all(s.weekday() == 1 and 8 <= s.day <= 14 for s in starts)


def test_fifth_weekday_becomes_the_last_of_the_month():
    first = dt.datetime(2027, 3, 29, 10, 0, tzinfo=OSLO)  # fifth Monday of March
    rule = recurrence.build_rrule(
        frequency="monthly_weekday", first_starts_at=first, until=dt.date(2027, 5, 31)
    )
    assert "BYDAY=-1MO" in rule
    days = [s.date() for s in recurrence.expand(rrule=rule, first_starts_at=first)]
    assert days == [dt.date(2027, 3, 29), dt.date(2027, 4, 26), dt.date(2027, 5, 31)]


@time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=OSLO))
def test_series_create_plans_one_meeting_per_date_at_oslo_time():
    group = factories.GroupFactory(skip_months=[7])
    series = services.series_create(
        group=group,
        title="Koordineringsgruppe",
        first_starts_at=dt.datetime(2027, 3, 9, 18, 0, tzinfo=OSLO),
        frequency="every_4_weeks",
        until=dt.date(2027, 11, 30),
        duration_minutes=90,
        created_by=None,
    )
    meetings = list(series.meetings.order_by("starts_at"))
    assert len(meetings) >= 8
    assert {m.starts_at.astimezone(OSLO).time() for m in meetings} == {dt.time(18)}
    assert {m.status for m in meetings} == {Meeting.Status.PLANNED}
    assert all(m.ends_at - m.starts_at == dt.timedelta(minutes=90) for m in meetings)
    assert 7 not in {m.starts_at.astimezone(OSLO).month for m in meetings}


@time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=OSLO))
def test_series_refuses_an_end_before_the_first_meeting_and_saves_nothing():
    group = factories.GroupFactory()
    with pytest.raises(ApplicationError) as error:
        services.series_create(
            group=group,
            title="KG",
            first_starts_at=dt.datetime(2027, 3, 9, 18, 0, tzinfo=OSLO),
            frequency="weekly",
            until=dt.date(2027, 3, 1),
            created_by=None,
        )
    assert error.value.field == "until"
    assert not Meeting.objects.filter(group=group).exists()


@time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=OSLO))
def test_series_refuses_a_start_in_the_past_and_too_many_meetings():
    group = factories.GroupFactory()
    with pytest.raises(ApplicationError) as past:
        services.series_create(
            group=group,
            title="KG",
            first_starts_at=dt.datetime(2027, 2, 1, 18, 0, tzinfo=OSLO),
            frequency="weekly",
            until=dt.date(2027, 6, 1),
            created_by=None,
        )
    assert past.value.field == "first_starts_at"
    with pytest.raises(ApplicationError) as many:
        services.series_create(
            group=group,
            title="KG",
            first_starts_at=dt.datetime(2027, 3, 2, 18, 0, tzinfo=OSLO),
            frequency="weekly",
            until=dt.date(2029, 1, 1),
            created_by=None,
        )
    assert many.value.field == "until"
    assert not Meeting.objects.filter(group=group).exists()
