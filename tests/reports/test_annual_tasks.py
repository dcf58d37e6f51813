"""The yearly drafting of last year's annual report (beat task), idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django_celery_beat.models import PeriodicTask

from reports.annual.services import annual_reports_generate
from reports.annual.tasks import generate_annual_reports
from reports.models import AnnualReport
from slt_portal.models import OutboundEmail
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def january(time_machine):
    """Early January 2026: the people below joined a month before."""
    time_machine.move_to(dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def areas(db, january):
    first, second = factories.AreaFactory(), factories.AreaFactory()
    coordinators = [factories.user_with_role(a, "coordinator") for a in (first, second)]
    factories.AreaFactory()  # no coordinator: nobody to write it
    return first, second, coordinators


def test_the_beat_schedule_holds_the_daily_generation():
    task = PeriodicTask.objects.get(name="reports-generate-annual-reports")
    assert task.task == "reports.generate_annual_reports"
    assert (task.crontab.hour, task.crontab.minute) == ("5", "30")


def test_from_the_configured_date_every_area_gets_last_years_draft_once(areas):
    first, second, coordinators = areas
    today = dt.date(2026, 1, 15)
    result = annual_reports_generate(today=today)
    assert sorted(result["drafted"]) == sorted([first.slug, second.slug])
    again = annual_reports_generate(today=today)
    assert again["drafted"] == []
    assert again["skipped"] == 2
    assert AnnualReport.objects.filter(year=2025).count() == 2
    mails = OutboundEmail.objects.filter(key__startswith="annual-report:drafted")
    assert sorted(mails.values_list("to_address", flat=True)) == sorted(
        u.email for u in coordinators
    )


def test_before_the_date_only_areas_whose_arshjul_item_is_due_are_drafted(areas):
    first, _second, _ = areas
    factories.CycleTaskFactory(
        area=first,
        cycle_item__report_kind="annual_report",
        due_date=dt.date(2026, 1, 31),
        year=2026,
    )
    result = annual_reports_generate(today=dt.date(2026, 1, 5))
    assert result["drafted"] == [first.slug]


def test_an_area_that_already_has_a_report_is_left_alone(areas):
    first, _second, _ = areas
    AnnualReport.objects.create(area=first, year=2025, status="approved")
    result = annual_reports_generate(today=dt.date(2026, 2, 1))
    assert first.slug not in result["drafted"]
    assert AnnualReport.objects.filter(area=first).count() == 1


def test_the_task_runs_the_generation(areas, time_machine):
    time_machine.move_to(dt.datetime(2026, 1, 20, 8, 0, tzinfo=dt.UTC), tick=False)
    result = generate_annual_reports.delay().get()
    assert (result["year"], len(result["drafted"])) == (2025, 2)
