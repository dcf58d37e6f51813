"""Byrapport: the city aggregate across Oslo's districts, its page and its PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from actionplans.models import Measure, ProgressUpdate
from municipalities.models import Group
from reports.city import city_aggregate_build
from tests import factories
from tests.factories.reports_city import ChecklistAssessmentFactory, oslo_with_districts

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _at(month: int, day: int = 10) -> dt.datetime:
    return dt.datetime(YEAR, month, day, 10, tzinfo=dt.UTC)


def _district_records(district, *, held_sg: int = 4, held_kg: int = 10) -> None:
    """A styringsgruppe and a koordineringsgruppe with meetings held last year,
    attendance, an adopted plan with measures, and a self-assessment."""
    sg = factories.GroupFactory(area=district, steering=True)
    kg = factories.GroupFactory(area=district)
    for i in range(held_sg):
        factories.MeetingFactory(
            group=sg, status="minutes_sent", starts_at=_at(1 + i * 3)
        )
    for i in range(held_kg):
        meeting = factories.MeetingFactory(
            group=kg, status="minutes_sent", starts_at=_at(1 + i)
        )
        factories.AttendanceFactory(meeting=meeting, status="present")
        factories.AttendanceFactory(
            meeting=meeting, status="absent", group_member__group=kg
        )
    plan = factories.ActionPlanFactory(
        area=district,
        approved=True,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR + 1, 12, 31),
    )
    focus = factories.FocusAreaFactory(plan=plan, area=district)
    late = factories.MeasureFactory(
        focus_area=focus,
        active=True,
        start_date=dt.date(YEAR, 1, 15),
        end_date=dt.date(YEAR, 6, 30),
    )
    factories.ProgressUpdateFactory(
        measure=late, rating=ProgressUpdate.Rating.OFF_TRACK, date=dt.date(YEAR, 5, 1)
    )
    factories.MeasureFactory(focus_area=focus, status=Measure.Status.PLANNED)
    ChecklistAssessmentFactory(area=district, year=YEAR, code="OS10", rating="met")
    ChecklistAssessmentFactory(area=district, year=YEAR, code="OS11", rating="partly")


def test_city_aggregate_reports_meeting_health_plans_and_checklist_per_district():
    oslo, (alna, grorud) = oslo_with_districts(2)
    _district_records(alna)
    _district_records(grorud, held_kg=2)

    data = city_aggregate_build(parent=oslo, year=YEAR)

    rows = {r["area"]: r for r in data["districts"]}
    assert set(rows) == {alna.slug, grorud.slug}
    assert rows[alna.slug]["steering"] == {
        "groups": 1,
        "held": 4,
        "planned": 0,
        "required": 4,
        "behind": False,
    }
    assert rows[alna.slug]["coordination"]["held"] == 10
    assert rows[grorud.slug]["coordination"]["behind"] is True
    assert rows[alna.slug]["attendance_rate"] == 50
    measures = rows[alna.slug]["measures"]
    assert measures["total"] == 2
    assert measures["by_status"]["active"] == 1
    assert measures["by_status"]["planned"] == 1
    assert measures["overdue"] == 1
    assert measures["off_track"] == 1
    assert rows[alna.slug]["checklist"]["met"] == 1
    assert rows[alna.slug]["checklist"]["score"] == 75
    assert data["totals"]["coordination"]["behind"] == 1
    os11 = next(r for r in data["checklist"]["recommendations"] if r["code"] == "OS11")
    assert (os11["partly"], os11["not_assessed"]) == (2, 0)


def test_a_district_without_a_steering_group_is_shown_as_missing():
    oslo, _districts = oslo_with_districts(1)

    data = city_aggregate_build(parent=oslo, year=YEAR)

    assert data["districts"][0]["steering"]["groups"] == 0
    assert data["totals"]["steering"]["missing"] == 1


def _query_count(n_districts: int) -> int:
    oslo, districts = oslo_with_districts(n_districts)
    for district in districts:
        _district_records(district)
        indicator = factories.IndicatorFactory(area=district, name="Brukt hasj")
        factories.IndicatorValueFactory(
            indicator=indicator,
            period_start=dt.date(YEAR, 1, 1),
            period_end=dt.date(YEAR, 12, 31),
        )
    with CaptureQueriesContext(connection) as queries:
        city_aggregate_build(parent=oslo, year=YEAR)
    return len(queries.captured_queries)


def test_city_aggregate_runs_the_same_number_of_queries_for_2_and_6_districts(
    django_assert_max_num_queries,
):
    few = _query_count(2)
    many = _query_count(6)

    assert few == many
    assert many <= 12


def test_counts_about_young_people_are_suppressed_below_five_and_zero_is_shown():
    oslo, (few, many, none) = oslo_with_districts(3)
    for _ in range(2):
        factories.ConsentFactory(subject__area=few, given_at=_at(3))
    for _ in range(6):
        factories.ConsentFactory(subject__area=many, given_at=_at(3))
    factories.DisclosureFactory(subject__area=few, disclosed_at=_at(4))

    rows = {
        r["area"]: r for r in city_aggregate_build(parent=oslo, year=YEAR)["districts"]
    }

    assert rows[few.slug]["consents_given"] == "<5"
    assert rows[few.slug]["disclosures"] == "<5"
    assert rows[many.slug]["consents_given"] == "6"
    assert rows[none.slug]["consents_given"] == "0"
    assert rows[none.slug]["disclosures"] == "0"


def test_indicators_with_the_same_name_are_set_side_by_side_with_suppression():
    oslo, (a, b, c) = oslo_with_districts(3)
    for district, value in ((a, 12), (b, 9)):
        indicator = factories.IndicatorFactory(
            area=district, name="Brukt hasj siste år", cohort="10. trinn"
        )
        factories.IndicatorValueFactory(
            indicator=indicator,
            period_start=dt.date(YEAR - 1, 1, 1),
            period_end=dt.date(YEAR - 1, 12, 31),
            value=value - 1,
        )
        factories.IndicatorValueFactory(
            indicator=indicator,
            period_start=dt.date(YEAR, 1, 1),
            period_end=dt.date(YEAR, 12, 31),
            value=value,
        )
    small = factories.IndicatorFactory(
        area=c, name="BRUKT HASJ SISTE ÅR", cohort="10. trinn", unit="count"
    )
    factories.IndicatorValueFactory(
        indicator=small,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31),
        value=3,
        suppressed=True,
    )

    indicators = city_aggregate_build(parent=oslo, year=YEAR)["indicators"]

    percent = next(i for i in indicators if i["unit"] == "percent")
    assert percent["values"] == {
        a.slug: {"value": "12 %", "period": str(YEAR)},
        b.slug: {"value": "9 %", "period": str(YEAR)},
    }
    count = next(i for i in indicators if i["unit"] == "count")
    assert count["values"][c.slug]["value"] == "<5"


# --- Page, PDF and access -----------------------------------------------------------


@pytest.fixture
def city(db):
    oslo, districts = oslo_with_districts(3)
    _district_records(districts[0])
    subject = factories.SubjectFactory(area=districts[0], pseudonym="UNG-ZQ7W")
    factories.ConsentFactory(subject=subject, given_at=_at(2))
    return oslo, districts


def test_secretariat_sees_every_district_and_no_individual_level_data(client, city):
    oslo, districts = city
    coordinator = factories.user_with_role(
        districts[0], "coordinator", full_name="Kari Nordmann-Testesen"
    )
    secretariat = factories.user_with_role(oslo, "secretariat")
    client.force_login(secretariat)

    response = client.get(f"/o/{oslo.slug}/reports/city/?year={YEAR}")

    assert response.status_code == 200
    html = response.content.decode()
    for district in districts:
        assert district.name in html
    assert "UNG-ZQ7W" not in html
    assert coordinator.full_name not in html
    assert "&lt;5" in html  # the one consent, suppressed


def test_city_report_pdf_downloads_with_every_district_in_its_text(client, city):
    oslo, districts = city
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    response = client.get(f"/o/{oslo.slug}/reports/city/pdf/?year={YEAR}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for district in districts:
        assert district.name in text
    assert "UNG-ZQ7W" not in text
    assert len(reader.pages) >= 3
    first = reader.pages[0].mediabox
    assert first.width > first.height  # the template's @page overrides pdf.css


def test_city_page_query_count_does_not_grow_with_districts(
    client, django_assert_max_num_queries
):
    oslo, districts = oslo_with_districts(8)
    for district in districts:
        _district_records(district)
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    with django_assert_max_num_queries(24):
        response = client.get(f"/o/{oslo.slug}/reports/city/?year={YEAR}")

    assert response.status_code == 200


def test_a_district_coordinator_gets_404_for_the_city_report(client, city):
    oslo, districts = city
    client.force_login(factories.user_with_role(districts[0], "coordinator"))

    assert client.get(f"/o/{oslo.slug}/reports/city/").status_code == 404
    assert client.get(f"/o/{districts[0].slug}/reports/city/").status_code == 404


def test_another_citys_secretariat_gets_404(client, city):
    oslo, _districts = city
    other = factories.AreaFactory()
    factories.AreaFactory(bydel=True, parent=other)
    client.force_login(factories.user_with_role(other, "secretariat"))

    assert client.get(f"/o/{oslo.slug}/reports/city/").status_code == 404
    assert client.get(f"/o/{oslo.slug}/reports/city/pdf/").status_code == 404


def test_a_steering_member_of_the_city_is_refused(client, city):
    oslo, _districts = city
    client.force_login(factories.user_with_role(oslo, "steering_member"))

    assert client.get(f"/o/{oslo.slug}/reports/city/").status_code == 403


def test_the_secretariats_inherited_role_in_a_district_has_no_city_report(client, city):
    oslo, districts = city
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    assert client.get(f"/o/{districts[0].slug}/reports/city/").status_code == 404


def test_an_unknown_year_shows_a_form_error(client, city):
    oslo, _districts = city
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    response = client.get(f"/o/{oslo.slug}/reports/city/?year=1990")

    assert response.status_code == 400
    assert "year" in response.context["form"].errors


def test_the_start_page_shows_the_secretariat_every_district(client, city):
    oslo, districts = city
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    response = client.get(f"/o/{oslo.slug}/")

    html = response.content.decode()
    assert all(d.name in html for d in districts)
    assert f"/o/{oslo.slug}/reports/city/" in html


def test_group_kinds_outside_the_rules_are_not_counted():
    oslo, (district,) = oslo_with_districts(1)
    team = factories.GroupFactory(area=district, operational=True)
    factories.MeetingFactory(group=team, status="held", starts_at=_at(3))
    council = factories.GroupFactory(
        area=district,
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        acts_as_steering_group=False,
    )
    factories.MeetingFactory(group=council, status="held", starts_at=_at(4))

    row = city_aggregate_build(parent=oslo, year=YEAR)["districts"][0]

    assert row["steering"]["groups"] == 0
    assert row["coordination"]["groups"] == 0
