"""Statusrapport / rapport til politirådet: figures from the records, frozen on
submit, drafted from the årshjul, pages and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from actionplans.models import CycleItem, ProgressUpdate
from reports import services
from reports.models import StatusReport
from reports.status import (
    next_period,
    status_report_figures,
    status_report_schedule,
)
from reports.status_tasks import status_report_drafts
from slt_portal.email import render_email
from slt_portal.models import OutboundEmail
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=90)


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def records(area):
    """A steering group and a case team with meetings, decisions and matters."""
    sg = factories.GroupFactory(area=area, steering=True, name="Styringsgruppen")
    kg = factories.GroupFactory(area=area, name="Koordineringsgruppen")
    team = factories.GroupFactory(
        area=area, operational=True, name="Innsatsteam", confidentiality_mode="named"
    )
    meeting = factories.MeetingFactory(
        group=sg, status="minutes_sent", starts_at=_ago(30)
    )
    factories.MeetingFactory(group=sg, status="held", starts_at=_ago(200))
    factories.DecisionFactory(
        meeting=meeting, text="Vi prioriterer rus i ungdomsskolen."
    )
    team_meeting = factories.MeetingFactory(
        group=team, status="held", starts_at=_ago(20)
    )
    factories.DecisionFactory(
        meeting=team_meeting, text="Følge opp gutten på 9. trinn."
    )
    factories.MatterFactory(
        from_group=kg, to_group=sg, title="Behov for flere miljøarbeidere"
    )
    factories.MatterFactory(from_group=team, to_group=kg, title="Sak om en elev")
    answered = factories.MatterFactory(
        from_group=kg, to_group=sg, title="Lokaler til fritidsklubb"
    )
    answered.status, answered.response = "answered", "Bydelen finner lokaler."
    answered.responded_at = _ago(10)
    answered.save()
    measure = factories.MeasureFactory(
        focus_area__plan__area=area, focus_area__area=area, active=True
    )
    factories.ProgressUpdateFactory(
        measure=measure,
        rating=ProgressUpdate.Rating.OFF_TRACK,
        date=TODAY - dt.timedelta(days=5),
        is_highlight=True,
        text="Oppstart utsatt til januar.",
    )
    return {"sg": sg, "kg": kg, "team": team, "measure": measure}


def test_figures_cover_the_period_and_list_only_system_level_titles(area, records):
    figures = status_report_figures(area=area, period_start=START, period_end=TODAY)

    assert figures["meetings"]["total"] == 2
    assert figures["decisions"]["total"] == 2
    assert [d["text"] for d in figures["decisions"]["listed"]] == [
        "Vi prioriterer rus i ungdomsskolen."
    ]
    assert [m["title"] for m in figures["matters_answered"]["listed"]] == [
        "Lokaler til fritidsklubb"
    ]
    assert figures["matters_waiting"]["total"] == 2
    assert [m["title"] for m in figures["matters_waiting"]["listed"]] == [
        "Behov for flere miljøarbeidere"
    ]
    assert figures["behind"][0]["title"] == records["measure"].title
    assert figures["progress"]["highlights"][0]["text"] == "Oppstart utsatt til januar."
    assert {h["group"] for h in figures["health"]} == {
        "Styringsgruppen",
        "Koordineringsgruppen",
    }


def test_a_submitted_report_keeps_its_figures_when_the_records_change(
    area, records, coordinator
):
    report = services.status_report_create(
        area=area,
        kind=StatusReport.Kind.STATUS_REPORT,
        title="Status høsten",
        period_start=START,
        period_end=TODAY,
        author=coordinator,
        body="Godt i gang.",
    )
    services.status_report_submit(report=report, submitted_by=coordinator)
    factories.MeetingFactory(group=records["sg"], status="held", starts_at=_ago(3))

    report.refresh_from_db()
    assert report.data_snapshot["figures"]["meetings"]["total"] == 2
    live = status_report_figures(area=area, period_start=START, period_end=TODAY)
    assert live["meetings"]["total"] == 3


# --- Scheduling from the årshjul ----------------------------------------------------


def _report_task(area, *, kind="status_report", due_in=10, recurrence="quarterly"):
    return factories.CycleTaskFactory(
        area=area,
        due_date=TODAY + dt.timedelta(days=due_in),
        cycle_item__kind=CycleItem.Kind.REPORT_DEADLINE,
        cycle_item__generates=CycleItem.Generates.REPORT,
        cycle_item__report_kind=kind,
        cycle_item__recurrence=recurrence,
    )


def test_an_arshjul_report_task_falling_due_gets_one_draft_however_often_it_runs(
    area, coordinator
):
    sg = factories.GroupFactory(area=area, steering=True)
    task = _report_task(area)

    first = status_report_drafts.delay(today=TODAY.isoformat()).get()
    second = status_report_drafts.delay(today=TODAY.isoformat()).get()

    (report,) = StatusReport.objects.filter(area=area)
    assert (first["drafts"], second["tasks"]) == (1, 0)
    assert report.status == StatusReport.Status.DRAFT
    assert report.kind == "status_report"
    assert report.author == coordinator
    assert report.to_group == sg
    assert report.period_end == task.due_date
    task.refresh_from_db()
    assert task.generated == report
    (email,) = OutboundEmail.objects.filter(template="status_report_draft")
    assert email.to_address == coordinator.email
    assert email.context["path"] == f"/o/{area.slug}/reports/status/{report.pk}/"
    subject, text, _html = render_email(email)
    assert report.title in subject
    assert email.context["path"] in text


def test_a_new_report_is_offered_the_period_since_the_previous_one(area, coordinator):
    assert next_period(area=area, today=TODAY) == (TODAY.replace(day=1), TODAY)
    factories.StatusReportFactory(
        area=area,
        kind="status_report",
        period_start=dt.date(TODAY.year - 1, 1, 1),
        period_end=TODAY - dt.timedelta(days=40),
        author=coordinator,
    )

    assert next_period(area=area, today=TODAY) == (
        TODAY - dt.timedelta(days=39),
        TODAY,
    )


def test_the_period_runs_from_the_day_after_the_previous_report(area, coordinator):
    factories.StatusReportFactory(
        area=area,
        kind="report_to_council",
        period_start=dt.date(TODAY.year - 1, 1, 1),
        period_end=TODAY - dt.timedelta(days=40),
        author=coordinator,
    )
    task = _report_task(area, kind="report_to_council", recurrence="once")

    status_report_schedule(today=TODAY)

    report = StatusReport.objects.filter(area=area).order_by("-pk").first()
    assert report.period_start == TODAY - dt.timedelta(days=39)
    assert report.period_end == task.due_date


def test_two_tasks_for_the_same_period_share_one_draft(area, coordinator):
    one = _report_task(area)
    two = _report_task(area)
    two.due_date = one.due_date
    two.save()

    status_report_schedule(today=TODAY)

    assert StatusReport.objects.filter(area=area).count() == 1
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.generated_id == two.generated_id


def test_tasks_far_ahead_done_or_of_other_kinds_get_no_draft(area, coordinator):
    _report_task(area, due_in=60)
    _report_task(area, kind="police_tertial")
    done = _report_task(area, due_in=5)
    done.status = "done"
    done.save()

    result = status_report_schedule(today=TODAY)

    assert result["drafts"] == 0
    assert not StatusReport.objects.filter(area=area).exists()


def test_an_area_without_a_coordinator_is_skipped_and_tried_again(area):
    task = _report_task(area)

    assert status_report_schedule(today=TODAY)["without_author"] == 1
    factories.user_with_role(area, "coordinator")
    assert status_report_schedule(today=TODAY)["drafts"] == 1
    task.refresh_from_db()
    assert task.generated_id is not None


def test_the_daily_draft_task_is_in_the_beat_schedule():
    task = PeriodicTask.objects.get(name="reports-status-report-drafts")
    assert task.task == "reports.status_report_drafts"
    assert (task.crontab.hour, task.crontab.minute) == ("5", "30")


# --- Pages ------------------------------------------------------------------------


def test_the_coordinator_drafts_writes_submits_and_downloads_a_status_report(
    coordinator_client, area, records
):
    base = f"/o/{area.slug}/reports/status/"
    response = coordinator_client.post(
        f"{base}new/",
        {
            "kind": "report_to_council",
            "title": "Rapport til politirådet",
            "period_start": START.isoformat(),
            "period_end": TODAY.isoformat(),
            "to_group": records["sg"].pk,
            "body": "Samarbeidet med skolene er styrket.",
        },
    )
    report = StatusReport.objects.get(area=area)
    assert response.status_code == 302

    detail = coordinator_client.get(f"{base}{report.pk}/")
    submitted = coordinator_client.post(f"{base}{report.pk}/submit/")
    pdf = coordinator_client.get(f"{base}{report.pk}/pdf/")

    assert "Behov for flere miljøarbeidere" in detail.content.decode()
    assert submitted.status_code == 302
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SUBMITTED
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Samarbeidet med skolene er styrket." in text
    assert "Lokaler til fritidsklubb" in text
    assert "Følge opp gutten" not in text


def test_a_bad_period_is_a_form_error_and_nothing_is_lost(coordinator_client, area):
    response = coordinator_client.post(
        f"/o/{area.slug}/reports/status/new/",
        {
            "kind": "status_report",
            "title": "Status",
            "period_start": TODAY.isoformat(),
            "period_end": (TODAY - dt.timedelta(days=3)).isoformat(),
            "body": "Teksten min",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Teksten min" in response.content.decode()
    assert not StatusReport.objects.exists()


def test_a_steering_member_reads_submitted_reports_but_not_drafts(client, area):
    author = factories.user_with_role(area, "coordinator")
    draft = factories.StatusReportFactory(
        area=area, kind="status_report", author=author
    )
    sent = factories.StatusReportFactory(
        area=area, kind="status_report", author=author, submitted=True
    )
    client.force_login(factories.user_with_role(area, "steering_member"))

    assert client.get(f"/o/{area.slug}/reports/status/{sent.pk}/").status_code == 200
    assert client.get(f"/o/{area.slug}/reports/status/{draft.pk}/").status_code == 404
    assert client.get(f"/o/{area.slug}/reports/status/new/").status_code == 403


def test_another_areas_report_is_404(client, area, other_area):
    report = factories.StatusReportFactory(
        area=other_area, kind="status_report", submitted=True
    )
    client.force_login(factories.user_with_role(area, "coordinator"))

    for suffix in ("", "pdf/", "edit/"):
        url = f"/o/{area.slug}/reports/status/{report.pk}/{suffix}"
        assert client.get(url).status_code == 404


def test_the_status_report_list_has_a_fixed_number_of_queries(
    coordinator_client, area, coordinator, django_assert_max_num_queries
):
    sg = factories.GroupFactory(area=area, steering=True)
    for _ in range(6):
        factories.StatusReportFactory(
            area=area, kind="status_report", author=coordinator, to_group=sg
        )

    with django_assert_max_num_queries(14):
        response = coordinator_client.get(f"/o/{area.slug}/reports/status/")

    assert len(response.context["reports"]) == 6


def test_problem_picture_entries_are_not_status_reports(coordinator_client, area):
    picture = factories.StatusReportFactory(area=area, submitted=True)

    response = coordinator_client.get(f"/o/{area.slug}/reports/status/{picture.pk}/")

    assert response.status_code == 404


def test_the_start_page_shows_a_steering_member_the_latest_submitted_report(
    client, area
):
    author = factories.user_with_role(area, "coordinator")
    factories.StatusReportFactory(
        area=area, kind="status_report", author=author, title="Utkastet"
    )
    factories.StatusReportFactory(
        area=area, kind="status_report", author=author, submitted=True, title="Levert"
    )
    client.force_login(factories.user_with_role(area, "steering_member"))

    html = client.get(f"/o/{area.slug}/").content.decode()

    assert "Levert" in html
    assert "Utkastet" not in html
