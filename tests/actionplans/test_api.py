"""The API: same scoping, roles and rules as the pages; errors as field messages."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan, IndicatorValue, Measure
from municipalities import services as area_services
from reports.models import StatusReport
from tests import factories

pytestmark = pytest.mark.django_db


def login(api_client, world, role):
    api_client.force_login(world.users[role])
    return api_client


def with_key(api_client, area, role):
    creator = factories.user_with_role(area, "coordinator")
    _key, raw = area_services.api_key_create(
        area=area, name="System", role=role, created_by=creator
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return api_client


LISTS = [
    ("plans", "viewer"),
    ("focus-areas", "viewer"),
    ("goals", "viewer"),
    ("measures", "viewer"),
    ("progress-updates", "viewer"),
    ("indicators", "viewer"),
    ("indicator-values", "viewer"),
    ("cycle-templates", "police_contact"),
    ("cycle-items", "police_contact"),
    ("cycle-tasks", "police_contact"),
    ("status-reports", "viewer"),
]


@pytest.mark.parametrize(("endpoint", "role"), LISTS)
def test_list_endpoints_answer_the_allowed_role(api_client, world, endpoint, role):
    response = login(api_client, world, role).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    assert "results" in response.json()


@pytest.mark.parametrize(
    "endpoint", ["measures", "progress-updates", "cycle-tasks", "cycle-templates"]
)
def test_a_system_client_key_gets_no_personal_data(api_client, world, endpoint):
    with_key(api_client, world.area, "system_client")
    assert api_client.get(f"/api/v1/{endpoint}/").status_code == 403


def test_a_system_client_key_reads_approved_plans_and_indicators(api_client, world):
    with_key(api_client, world.area, "system_client")
    titles = [p["title"] for p in api_client.get("/api/v1/plans/").json()["results"]]
    assert titles == ["Vedtatt"]
    assert api_client.get("/api/v1/indicators/").status_code == 200


def test_a_viewer_sees_only_adopted_plans(api_client, world):
    titles = {
        p["title"]
        for p in login(api_client, world, "viewer")
        .get("/api/v1/plans/")
        .json()["results"]
    }
    assert titles == {"Vedtatt"}
    assert api_client.get(f"/api/v1/plans/{world.plan.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("endpoint", "attr"),
    [
        ("plans", "approved_plan"),
        ("focus-areas", "focus_area"),
        ("goals", "goal"),
        ("measures", "measure"),
        ("indicators", "indicator"),
        ("indicator-values", "value"),
        ("cycle-items", "item"),
        ("cycle-tasks", "task"),
        ("status-reports", "report"),
    ],
)
def test_objects_of_another_area_are_404(api_client, world, other_area, endpoint, attr):
    api_client.force_login(factories.user_with_role(other_area, "coordinator"))
    pk = getattr(world, attr).pk
    assert api_client.get(f"/api/v1/{endpoint}/{pk}/").status_code == 404


def test_a_viewer_cannot_create_a_plan(api_client, world):
    response = login(api_client, world, "viewer").post(
        "/api/v1/plans/",
        {
            "area": world.area.slug,
            "title": "Plan",
            "kind": "action_plan",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
        },
    )
    assert response.status_code == 403


def test_a_plan_cannot_be_created_in_another_area(api_client, world, other_area):
    response = login(api_client, world, "coordinator").post(
        "/api/v1/plans/",
        {
            "area": other_area.slug,
            "title": "Plan",
            "kind": "action_plan",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
        },
    )
    assert response.status_code == 400
    assert "area" in response.json()["errors"]


def test_plan_lifecycle_through_the_api(api_client, world):
    client = login(api_client, world, "coordinator")
    created = client.post(
        "/api/v1/plans/",
        {
            "area": world.area.slug,
            "title": "API-plan",
            "kind": "action_plan",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "linked_plans": [{"title": "Kommuneplan", "period": "2024–2036"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    plan_id = created.json()["id"]
    focus = client.post(
        "/api/v1/focus-areas/", {"plan": plan_id, "title": "Rus"}, format="json"
    ).json()
    agency = factories.AgencyFactory(area=world.area)
    no_owner = client.post(
        "/api/v1/measures/",
        {
            "focus_area": focus["id"],
            "title": "Utsett!",
            "prevention_level": "universal",
            "target_group": "Foreldre",
            "responsible_agency": agency.pk,
        },
        format="json",
    )
    assert no_owner.status_code == 400
    assert "owner" in no_owner.json()["errors"]
    measure = client.post(
        "/api/v1/measures/",
        {
            "focus_area": focus["id"],
            "title": "Utsett!",
            "prevention_level": "universal",
            "target_group": "Foreldre",
            "responsible_agency": agency.pk,
            "owner": world.users["coordination_member"].pk,
        },
        format="json",
    )
    assert measure.status_code == 201, measure.json()
    assert client.post(f"/api/v1/plans/{plan_id}/submit/").json()["status"] == (
        "submitted"
    )
    meeting = factories.MeetingFactory(
        group=factories.GroupFactory(area=world.area, steering=True), held=True
    )
    approved = client.post(
        f"/api/v1/plans/{plan_id}/approve/",
        {"meeting": meeting.pk, "text": "Vedtatt i SG."},
        format="json",
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    frozen = client.patch(f"/api/v1/plans/{plan_id}/", {"title": "Ny"}, format="json")
    assert frozen.status_code == 400
    assert frozen.json()["code"] == "plan_frozen"


def test_approval_in_a_coordination_group_is_refused_with_a_field_message(
    api_client, world
):
    world.plan.status = "submitted"
    world.plan.save()
    meeting = factories.MeetingFactory(
        group=factories.GroupFactory(area=world.area), held=True
    )
    response = login(api_client, world, "coordinator").post(
        f"/api/v1/plans/{world.plan.pk}/approve/",
        {"meeting": meeting.pk, "text": "Vedtatt"},
        format="json",
    )
    assert response.status_code == 400
    assert "meeting" in response.json()["errors"]
    assert ActionPlan.objects.get(pk=world.plan.pk).status == "submitted"


def test_a_police_contact_logs_progress_on_a_measure_of_the_police(api_client, world):
    client = login(api_client, world, "police_contact")
    response = client.post(
        "/api/v1/progress-updates/",
        {
            "measure": world.active_measure.pk,
            "text": "Rolig helg.",
            "rating": "on_track",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    refused = client.post(
        "/api/v1/progress-updates/",
        {"measure": world.measure.pk, "text": "Ikke mitt tiltak."},
        format="json",
    )
    assert refused.status_code == 403


def test_starting_a_measure_without_evaluation_plan_is_400(api_client, world):
    response = login(api_client, world, "coordinator").post(
        f"/api/v1/measures/{world.measure.pk}/start/",
        {"start_date": "2026-03-01", "evaluation_type": "process"},
        format="json",
    )
    assert response.status_code == 400
    assert Measure.objects.get(pk=world.measure.pk).status == "planned"


def test_suppressed_values_are_null_in_the_api(api_client, world):
    factories.IndicatorValueFactory(
        indicator=world.indicator,
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2020, 12, 31),
        value=50,
        n=3,
        suppressed=True,
    )
    rows = login(api_client, world, "viewer").get(
        f"/api/v1/indicator-values/?indicator={world.indicator.pk}"
    )
    by_year = {r["period_start"][:4]: r for r in rows.json()["results"]}
    assert by_year["2020"]["value"] is None
    assert by_year["2020"]["suppressed"]
    assert by_year["2014"]["value"] == "13.00"


def test_csv_import_through_the_api_lists_bad_rows(api_client, world):
    client = login(api_client, world, "coordinator")
    upload = SimpleUploadedFile("v.csv", b"year,value\n2021,ti\n2022,12\n")
    response = client.post(
        f"/api/v1/indicators/{world.indicator.pk}/import/",
        {"file": upload},
        format="multipart",
    )
    assert response.status_code == 400
    assert any("Row 2" in m or "Rad 2" in m for m in response.json()["errors"]["file"])
    assert IndicatorValue.objects.filter(indicator=world.indicator).count() == 1
    good = SimpleUploadedFile("v.csv", b"year,value\n2021,10\n2022,12\n")
    response = client.post(
        f"/api/v1/indicators/{world.indicator.pk}/import/",
        {"file": good},
        format="multipart",
    )
    assert response.json() == {"created": 2, "updated": 0}


def test_the_assignee_marks_a_task_done_but_cannot_move_it(api_client, world):
    world.task.assignee = world.users["police_contact"]
    world.task.save()
    client = login(api_client, world, "police_contact")
    done = client.patch(
        f"/api/v1/cycle-tasks/{world.task.pk}/", {"status": "done"}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["status"] == "done"
    moved = client.patch(
        f"/api/v1/cycle-tasks/{world.task.pk}/",
        {"due_date": "2026-12-01"},
        format="json",
    )
    assert moved.status_code == 403


@time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False)
def test_copy_a_template_and_generate_a_year_through_the_api(api_client):
    area = factories.AreaFactory(slug="api-area")
    api_client.force_login(factories.user_with_role(area, "coordinator"))
    templates = api_client.get("/api/v1/cycle-templates/").json()["results"]
    generic = next(t for t in templates if t["variant"] == "generic_slt")
    copied = api_client.post(
        f"/api/v1/cycle-templates/{generic['id']}/copy/",
        {"area": "api-area"},
        format="json",
    )
    assert copied.status_code == 201
    result = api_client.post(
        "/api/v1/cycle-tasks/generate/",
        {"area": "api-area", "year": 2027, "propose_meetings": False},
        format="json",
    ).json()
    assert result["tasks"] > 40
    assert result["meetings"] == 0
    again = api_client.post(
        "/api/v1/cycle-tasks/generate/",
        {"area": "api-area", "year": 2027},
        format="json",
    ).json()
    assert again == {"tasks": 0, "meetings": 0}


def test_a_police_contact_writes_a_tertial_report_but_not_a_mapping(api_client, world):
    client = login(api_client, world, "police_contact")
    body = {
        "area": world.area.slug,
        "kind": "police_tertial",
        "title": "Tertial 2",
        "period_start": "2026-05-01",
        "period_end": "2026-08-31",
        "body": "Færre anmeldelser for vold blant unge.",
        "categories": ["violence"],
    }
    created = client.post("/api/v1/status-reports/", body, format="json")
    assert created.status_code == 201, created.json()
    submitted = client.post(f"/api/v1/status-reports/{created.json()['id']}/submit/")
    assert submitted.json()["status"] == "submitted"
    refused = client.post(
        "/api/v1/status-reports/", {**body, "kind": "mapping_report"}, format="json"
    )
    assert refused.status_code == 403
    assert StatusReport.objects.filter(kind="mapping_report").count() == 0


def _grow(world, n):
    for _ in range(n):
        plan = factories.ActionPlanFactory(area=world.area, approved=True)
        goal = factories.GoalFactory(focus_area__plan=plan)
        goal.indicators.add(world.indicator)
        measure = factories.MeasureFactory(focus_area=goal.focus_area, active=True)
        measure.contributors.add(factories.AgencyFactory(area=world.area))
        factories.ProgressUpdateFactory(measure=measure)
        factories.IndicatorValueFactory(indicator=world.indicator)
        factories.IndicatorFactory(area=world.area)
        factories.StatusReportFactory(area=world.area, submitted=True)
        item = factories.CycleItemFactory(template=world.template)
        factories.CycleTaskFactory(area=world.area, cycle_item=item)


@pytest.mark.parametrize(("endpoint", "role"), LISTS)
def test_list_endpoints_do_not_grow_their_queries(api_client, world, endpoint, role):
    login(api_client, world, role)
    api_client.get(
        f"/api/v1/{endpoint}/"
    )  # the signed-in user is read once, then cached
    counts = []
    for more in (2, 8):
        _grow(world, more)
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(f"/api/v1/{endpoint}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12
