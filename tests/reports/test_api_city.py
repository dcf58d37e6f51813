"""API: periodic reports, the city aggregate and the Oslostandard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import ChecklistAssessment, StatusReport
from tests import factories
from tests.factories.reports_city import oslo_with_districts

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year - 1


def _login(api_client, area, role):
    user = factories.user_with_role(area, role)
    api_client.force_authenticate(user)
    return user


def test_the_coordinator_creates_and_submits_a_report_whose_figures_are_frozen(
    api_client, area
):
    sg = factories.GroupFactory(area=area, steering=True)
    _login(api_client, area, "coordinator")

    created = api_client.post(
        "/api/v1/periodic-reports/",
        {
            "area": area.slug,
            "kind": "status_report",
            "title": "Status 2. kvartal",
            "period_start": (TODAY - dt.timedelta(days=90)).isoformat(),
            "period_end": TODAY.isoformat(),
            "to_group": sg.pk,
            "body": "Alt går etter planen.",
        },
        format="json",
    )
    pk = created.json()["id"]
    submitted = api_client.post(f"/api/v1/periodic-reports/{pk}/submit/")

    assert created.status_code == 201
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert "health" in submitted.json()["figures"]
    assert "figures" in StatusReport.objects.get(pk=pk).data_snapshot


def test_a_problem_picture_kind_or_another_areas_group_is_a_400(
    api_client, area, other_area
):
    foreign = factories.GroupFactory(area=other_area, steering=True)
    factories.user_with_role(other_area, "viewer")
    _login(api_client, area, "coordinator")
    base = {
        "area": area.slug,
        "title": "Status",
        "period_start": TODAY.isoformat(),
        "period_end": TODAY.isoformat(),
    }

    kind = api_client.post(
        "/api/v1/periodic-reports/",
        {**base, "kind": "challenge_picture"},
        format="json",
    )
    group = api_client.post(
        "/api/v1/periodic-reports/",
        {**base, "kind": "status_report", "to_group": foreign.pk},
        format="json",
    )

    assert kind.status_code == 400
    assert "kind" in str(kind.json())
    assert group.status_code == 400
    assert "to_group" in str(group.json())


def test_a_steering_member_reads_submitted_reports_but_cannot_write(api_client, area):
    author = factories.user_with_role(area, "coordinator")
    factories.StatusReportFactory(area=area, kind="status_report", author=author)
    sent = factories.StatusReportFactory(
        area=area, kind="report_to_council", author=author, submitted=True
    )
    _login(api_client, area, "steering_member")

    listed = api_client.get("/api/v1/periodic-reports/")
    created = api_client.post(
        "/api/v1/periodic-reports/",
        {
            "area": area.slug,
            "kind": "status_report",
            "title": "x",
            "period_start": TODAY.isoformat(),
            "period_end": TODAY.isoformat(),
        },
        format="json",
    )

    assert [r["id"] for r in listed.json()["results"]] == [sent.pk]
    assert created.status_code == 403


def test_the_report_list_has_a_fixed_number_of_queries(
    api_client, area, django_assert_max_num_queries
):
    author = _login(api_client, area, "coordinator")
    for _ in range(8):
        factories.StatusReportFactory(area=area, kind="status_report", author=author)

    with django_assert_max_num_queries(8):
        response = api_client.get("/api/v1/periodic-reports/")

    assert response.json()["count"] == 8


def test_another_areas_report_is_404(api_client, area, other_area):
    report = factories.StatusReportFactory(
        area=other_area, kind="status_report", submitted=True
    )
    _login(api_client, area, "coordinator")

    assert api_client.get(f"/api/v1/periodic-reports/{report.pk}/").status_code == 404


def test_the_city_aggregate_is_json_for_the_secretariat_only(
    api_client, django_assert_max_num_queries
):
    oslo, districts = oslo_with_districts(4)
    subject = factories.SubjectFactory(area=districts[0], pseudonym="UNG-API9")
    factories.ConsentFactory(subject=subject)
    _login(api_client, oslo, "secretariat")

    with django_assert_max_num_queries(16):
        response = api_client.get(
            f"/api/v1/city-reports/{oslo.slug}/?year={TODAY.year}"
        )

    data = response.json()
    assert response.status_code == 200
    assert [d["area"] for d in data["districts"]] == [d.slug for d in districts]
    assert data["districts"][0]["consents_given"] == "<5"
    assert "UNG-API9" not in response.content.decode()
    for row in data["districts"]:
        assert not {"subject", "pseudonym", "consent", "guardian"} & set(row)


def test_the_city_aggregate_refuses_others(api_client):
    oslo, districts = oslo_with_districts(1)
    url = f"/api/v1/city-reports/{oslo.slug}/"

    _login(api_client, districts[0], "coordinator")
    assert api_client.get(url).status_code == 404  # not the parent's role
    _login(api_client, districts[0], "steering_member")
    assert api_client.get(url).status_code == 403  # no role that reads aggregates
    other = factories.AreaFactory()
    _login(api_client, other, "secretariat")
    assert api_client.get(url).status_code == 404
    _login(api_client, oslo, "secretariat")
    assert (
        api_client.get(f"/api/v1/city-reports/{districts[0].slug}/").status_code == 404
    )
    bad = api_client.get(f"{url}?year=1990")
    assert bad.status_code == 400
    assert "year" in str(bad.json())


def test_the_coordinator_reads_and_sets_the_districts_checklist(api_client):
    _oslo, (district,) = oslo_with_districts(1)
    _login(api_client, district, "coordinator")
    url = f"/api/v1/oslostandard/{district.slug}/{YEAR}/"

    put = api_client.put(
        f"{url}OS19/", {"rating": "partly", "comment": "80 %"}, format="json"
    )
    rows = api_client.get(url).json()

    assert put.status_code == 200
    assert put.json()["rating"] == "partly"
    assert len(rows) == 34
    assert next(r for r in rows if r["code"] == "OS19")["comment"] == "80 %"
    assert ChecklistAssessment.objects.get(area=district).rating == "partly"


def test_checklist_updates_are_checked(api_client):
    oslo, (district,) = oslo_with_districts(1)
    url = f"/api/v1/oslostandard/{district.slug}/{YEAR}/"

    _login(api_client, district, "coordinator")
    assert (
        api_client.put(f"{url}OS01/", {"rating": "x"}, format="json").status_code == 400
    )
    assert (
        api_client.put(f"{url}OS26/", {"rating": "met"}, format="json").status_code
        == 404
    )
    _login(api_client, district, "viewer")
    assert api_client.get(url).status_code == 200
    assert (
        api_client.put(f"{url}OS01/", {"rating": "met"}, format="json").status_code
        == 403
    )
    _login(api_client, factories.AreaFactory(bydel=True), "coordinator")
    assert api_client.get(url).status_code == 404
    _login(api_client, oslo, "secretariat")
    city = f"/api/v1/oslostandard/{oslo.slug}/{YEAR}/OS35/"
    assert api_client.put(city, {"rating": "met"}, format="json").status_code == 200
