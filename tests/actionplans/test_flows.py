"""The browser flows of the issue: a coordinator drafts, submits and records the
approval of a plan; a police contact logs progress; bad input saves nothing."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, CycleTask, IndicatorValue, Measure
from meetings.models import Decision
from reports.models import StatusReport
from tests import factories

pytestmark = pytest.mark.django_db


def path(world, name, **kwargs):
    return reverse(
        f"actionplans:{name}", kwargs={"area_slug": world.area.slug, **kwargs}
    )


def test_a_coordinator_drafts_submits_and_records_the_approval_of_a_plan(client, world):
    coordinator = world.users["coordinator"]
    agency = factories.AgencyFactory(area=world.area, name="Barnevernet")
    client.force_login(coordinator)

    response = client.post(
        path(world, "plan_create"),
        {
            "title": "Handlingsplan 2026–2027",
            "kind": "action_plan",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "contributors": [agency.pk],
            "linked_plans": "Kommuneplanens samfunnsdel | 2024–2036",
        },
    )
    plan = ActionPlan.objects.get(title="Handlingsplan 2026–2027")
    assert response.status_code == 302
    assert plan.linked_plans == [
        {"title": "Kommuneplanens samfunnsdel", "period": "2024–2036", "url": ""}
    ]

    client.post(
        path(world, "focus_area_create", pk=plan.pk),
        {"title": "Forebygge rus", "evidence_reports": [world.report.pk]},
    )
    focus_area = plan.focus_areas.get()
    assert list(focus_area.evidence_reports.all()) == [world.report]

    measure_data = {
        "title": "Utsett!",
        "prevention_level": "universal",
        "target_group": "Foreldre på 8.–10. trinn",
        "responsible_agency": agency.pk,
        "owner": "",
    }
    refused = client.post(path(world, "measure_create", pk=focus_area.pk), measure_data)
    assert refused.status_code == 200
    assert "owner" in refused.context["form"].errors
    assert not Measure.objects.filter(focus_area=focus_area).exists()
    client.post(
        path(world, "measure_create", pk=focus_area.pk),
        {**measure_data, "owner": coordinator.pk},
    )
    assert Measure.objects.filter(title="Utsett!", focus_area=focus_area).exists()

    client.post(path(world, "plan_submit", pk=plan.pk))
    plan.refresh_from_db()
    assert plan.status == "submitted"

    steering = factories.GroupFactory(area=world.area, steering=True, name="SG")
    meeting = factories.MeetingFactory(group=steering, held=True, title="SG-møte 2")
    page = client.get(path(world, "plan_approve", pk=plan.pk))
    assert "SG-møte 2" in page.content.decode()
    response = client.post(
        path(world, "plan_approve", pk=plan.pk),
        {"meeting": meeting.pk, "text": "Styringsgruppen vedtar planen."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.approval_decision.text == "Styringsgruppen vedtar planen."
    assert plan.approval_decision.kind == Decision.Kind.APPROVAL

    detail = client.get(path(world, "plan_detail", pk=plan.pk)).content.decode()
    assert "Styringsgruppen vedtar planen." in detail
    assert "Utsett!" in detail


def test_the_approve_page_offers_only_held_meetings_of_the_steering_group(
    client, world
):
    world.plan.status = "submitted"
    world.plan.save()
    steering = factories.GroupFactory(area=world.area, steering=True)
    factories.MeetingFactory(group=steering, title="Ikke holdt ennå")
    factories.MeetingFactory(
        group=factories.GroupFactory(area=world.area), held=True, title="KG-møte"
    )
    held = factories.MeetingFactory(group=steering, held=True, title="Holdt SG-møte")
    client.force_login(world.users["coordinator"])
    response = client.get(path(world, "plan_approve", pk=world.plan.pk))
    assert response.context["meetings"] == [held]


def test_a_plan_that_ends_before_it_starts_is_refused_with_a_message(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        path(world, "plan_create"),
        {
            "title": "Feil periode",
            "kind": "action_plan",
            "period_start": "2027-01-01",
            "period_end": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"]
    assert not ActionPlan.objects.filter(title="Feil periode").exists()


def test_a_police_contact_logs_progress_from_a_phone(client, world):
    police = world.users["police_contact"]
    client.force_login(police)
    form = client.get(path(world, "progress_create", pk=world.active_measure.pk))
    text = form.content.decode()
    assert 'name="text"' in text
    assert "is_highlight" not in text
    response = client.post(
        path(world, "progress_create", pk=world.active_measure.pk),
        {"text": "Patrulje på Furuset senter, rolig kveld.", "rating": "on_track"},
    )
    assert response.status_code == 302
    update = world.active_measure.progress_updates.get()
    assert update.author == police
    assert update.rating == "on_track"
    assert update.date == timezone.localdate()
    assert update.status_to == ""
    detail = client.get(response["Location"]).content.decode()
    assert "Patrulje på Furuset senter" in detail


def test_a_progress_update_can_change_the_status(client, world):
    client.force_login(world.users["coordinator"])
    client.post(
        path(world, "progress_create", pk=world.active_measure.pk),
        {"text": "Avsluttet etter planen.", "status_to": "completed"},
    )
    world.active_measure.refresh_from_db()
    assert world.active_measure.status == "completed"


def test_the_measure_owner_may_log_progress_whatever_the_role(client, world):
    viewer = world.users["viewer"]
    world.active_measure.owner = viewer
    world.active_measure.save()
    client.force_login(viewer)
    response = client.get(path(world, "progress_create", pk=world.active_measure.pk))
    assert response.status_code == 200


def test_a_measure_is_started_with_its_evaluation_plan(client, world):
    client.force_login(world.users["coordinator"])
    start = path(world, "measure_start", pk=world.measure.pk)
    refused = client.post(start, {"start_date": "2026-03-01"})
    assert refused.status_code == 200
    assert refused.context["form"].errors
    client.post(
        start,
        {
            "start_date": "2026-03-01",
            "evaluation_type": "process",
            "evaluator": "internal",
            "evaluation_plan": "Prosessevaluering etter ett år.",
            "evaluation_due": "2027-03-01",
        },
    )
    world.measure.refresh_from_db()
    assert world.measure.status == "active"


def test_malformed_csv_shows_the_bad_rows_and_saves_nothing(client, world):
    client.force_login(world.users["coordinator"])
    upload = SimpleUploadedFile(
        "verdier.csv", b"year;value\n2019;12\n2020;tolv\n", content_type="text/csv"
    )
    response = client.post(
        path(world, "indicator_import", pk=world.indicator.pk), {"file": upload}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "«tolv»" in text
    assert IndicatorValue.objects.filter(indicator=world.indicator).count() == 1


def test_a_good_csv_is_imported(client, world):
    client.force_login(world.users["coordinator"])
    upload = SimpleUploadedFile("v.csv", b"year,value,n\n2017,10,500\n2020,8,520\n")
    response = client.post(
        path(world, "indicator_import", pk=world.indicator.pk), {"file": upload}
    )
    assert response.status_code == 302
    assert world.indicator.values.count() == 3


def test_the_indicator_page_has_an_accessible_chart_and_a_table(client, world):
    factories.IndicatorValueFactory(
        indicator=world.indicator,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        value=9,
    )
    client.force_login(world.users["viewer"])
    text = client.get(
        path(world, "indicator_detail", pk=world.indicator.pk)
    ).content.decode()
    assert 'role="img"' in text
    assert "<title id=" in text
    assert "<desc id=" in text
    assert "<table" in text
    assert "2014" in text
    assert "2017" in text


def test_a_police_contact_writes_and_submits_a_tertial_report(client, world):
    police = world.users["police_contact"]
    client.force_login(police)
    response = client.post(
        path(world, "picture_create"),
        {
            "kind": "police_tertial",
            "title": "Tertialrapport 1",
            "period_start": "2026-01-01",
            "period_end": "2026-04-30",
            "body": "Økt narkotikasalg ved Furuset senter. Kari ble observert.",
            "categories": ["substances"],
        },
    )
    report = StatusReport.objects.get(title="Tertialrapport 1")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Kari" in m for m in messages)  # a possible name is flagged
    client.post(path(world, "picture_submit", pk=report.pk))
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.data_snapshot["title"] == "Tertialrapport 1"


def test_a_police_contact_cannot_write_a_mapping_report(client, world):
    client.force_login(world.users["police_contact"])
    response = client.post(
        path(world, "picture_create"),
        {
            "kind": "mapping_report",
            "title": "Kartlegging",
            "period_start": "2026-01-01",
            "period_end": "2026-04-30",
        },
    )
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors


def test_a_national_identity_number_in_a_report_is_refused(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        path(world, "picture_create"),
        {
            "kind": "challenge_picture",
            "title": "Utfordringsbilde",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "body": "Gjelder 01020312345.",
        },
    )
    assert response.status_code == 200
    assert not StatusReport.objects.filter(title="Utfordringsbilde").exists()


@time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False)
def test_a_coordinator_starts_an_annual_cycle_and_makes_next_years_tasks(client):
    area = factories.AreaFactory(slug="ny")
    coordinator = factories.user_with_role(area, "coordinator")
    factories.GroupFactory(area=area, name="KG")
    client.force_login(coordinator)
    month = client.get(reverse("actionplans:cycle", args=["ny"])).content.decode()
    assert "Årshjul for SLT (standard)" in month
    from actionplans.models import CycleTemplate

    generic = CycleTemplate.published.get(area__isnull=True, variant="generic_slt")
    client.post(
        reverse("actionplans:cycle_template_choose", args=["ny"]),
        {"source": generic.pk},
    )
    response = client.post(
        reverse("actionplans:cycle_generate", args=["ny"]),
        {"year": 2027, "propose_meetings": "on"},
    )
    assert response.status_code == 302
    tasks = CycleTask.objects.filter(area=area, year=2027)
    assert tasks.count() > 40
    assert not tasks.filter(due_date=dt.date(2027, 5, 17)).exists()
    listing = client.get(response["Location"]).content.decode()
    assert "Koordineringsgruppemøte" in listing


def test_the_assignee_marks_a_task_done(client, world):
    client.force_login(world.users["coordinator"])
    client.post(path(world, "cycle_task_status", pk=world.task.pk), {"status": "done"})
    world.task.refresh_from_db()
    assert world.task.status == "done"
    client.force_login(world.users["police_contact"])
    response = client.post(
        path(world, "cycle_task_status", pk=world.task.pk), {"status": "open"}
    )
    assert response.status_code == 403


def test_the_calendar_address_serves_ical_until_it_is_stopped(client, world):
    client.force_login(world.users["coordinator"])
    page = client.post(path(world, "cycle_feed")).content.decode()
    start = page.index("https://slt.example.no/api/v1/cycle-feeds/")
    address = page[start : page.index(".ics", start) + 4]
    client.logout()
    feed = client.get(address.removeprefix("https://slt.example.no"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "BEGIN:VCALENDAR" in body
    assert "SUMMARY:Skriv årshjul" in body
    assert f"cycletask-{world.task.pk}@" in body
    client.force_login(world.users["coordinator"])
    client.post(path(world, "cycle_feed_revoke"))
    client.logout()
    assert client.get(address.removeprefix("https://slt.example.no")).status_code == 404


def test_an_unknown_calendar_address_is_404(client):
    assert client.get("/api/v1/cycle-feeds/abc123.ics").status_code == 404
