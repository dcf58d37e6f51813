"""Oslostandarden: the recommendations as data, the self-assessment and its pages."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from reports.checklist import (
    checklist_assess,
    checklist_evidence,
    checklist_scope,
    oslostandard_summary,
)
from reports.models import ChecklistAssessment
from reports.oslostandard import BYDEL, CITY, RECOMMENDATIONS, recommendations_for
from slt_portal.exceptions import ApplicationError
from tests import factories
from tests.factories.reports_city import ChecklistAssessmentFactory, oslo_with_districts

YEAR = timezone.localdate().year - 1
# The source documents: beside the project (../shared), or at SLT_SHARED_DIR.
SHARED = next(
    (
        p
        for p in (
            Path(os.environ.get("SLT_SHARED_DIR", "/nonexistent")),
            Path(settings.BASE_DIR).parent / "shared",
            Path("/work/shared"),
        )
        if p.is_dir()
    ),
    Path(settings.BASE_DIR).parent / "shared",
)
SEED = SHARED / "seeds" / "004_7d55de24f870cc72.txt"


def test_the_46_recommendations_have_stable_codes_and_point_at_a_tick_in_the_standard():
    assert [r.code for r in RECOMMENDATIONS] == [f"OS{n:02d}" for n in range(1, 47)]
    assert len(recommendations_for(BYDEL)) == 34
    assert len(recommendations_for(CITY)) == 12
    if not SEED.exists():
        pytest.skip("the seed documents are not beside the project")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for r in RECOMMENDATIONS:
        assert lines[r.line - 1].lstrip().startswith("✓"), r.code


def test_domain_md_lists_the_same_codes_lines_and_scopes():
    domain = SHARED / "domain.md"
    if not domain.exists():
        pytest.skip("domain.md is not beside the project")
    rows = re.findall(r"^\| (OS\d\d) \| (\d+) \| (\w+) \|", domain.read_text(), re.M)
    assert [(c, int(line), s) for c, line, s in rows] == [
        (r.code, r.line, r.scope) for r in RECOMMENDATIONS
    ]


@pytest.mark.django_db
def test_only_oslo_and_its_districts_use_the_standard():
    oslo, (district,) = oslo_with_districts(1)
    baerum = factories.AreaFactory()

    assert checklist_scope(oslo) == CITY
    assert checklist_scope(district) == BYDEL
    assert checklist_scope(baerum) is None
    assert oslostandard_summary(area=baerum, year=YEAR) is None


@pytest.mark.django_db
def test_assessing_twice_keeps_one_answer_per_recommendation_and_year():
    _oslo, (district,) = oslo_with_districts(1)
    user = factories.user_with_role(district, "coordinator")

    checklist_assess(area=district, year=YEAR, code="OS19", rating="partly", user=user)
    checklist_assess(
        area=district, year=YEAR, code="OS19", rating="met", comment=" Fast ", user=user
    )

    (answer,) = ChecklistAssessment.objects.filter(area=district)
    assert (answer.rating, answer.comment) == ("met", "Fast")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "OS26"}, "code"),  # a city item in a district
        ({"code": "OS99"}, "code"),
        ({"rating": "maybe"}, "rating"),
        ({"year": 1990}, "year"),
        ({"comment": "Gjelder 01010112345"}, "comment"),
    ],
)
def test_bad_answers_are_refused_with_a_field(fields, field):
    _oslo, (district,) = oslo_with_districts(1)
    values = {"code": "OS01", "rating": "met", "year": YEAR, "comment": "", **fields}

    with pytest.raises(ApplicationError) as refused:
        checklist_assess(area=district, user=None, **values)

    assert refused.value.field == field


@pytest.mark.django_db
def test_summary_counts_the_answers_and_scores_partly_as_half():
    oslo, (district,) = oslo_with_districts(1)
    for code, rating in (("OS01", "met"), ("OS02", "partly"), ("OS03", "not_met")):
        ChecklistAssessmentFactory(area=district, year=YEAR, code=code, rating=rating)
    ChecklistAssessmentFactory(area=oslo, year=YEAR, code="OS06", rating="met")

    summary = oslostandard_summary(area=district, year=YEAR)
    city = oslostandard_summary(area=oslo, year=YEAR)

    assert (summary["assessed"], summary["total"], summary["score"]) == (3, 34, 50)
    assert summary["items"][1]["rating_label"] == "Delvis oppfylt"
    assert (city["scope"], city["met"], city["total"]) == (CITY, 1, 12)
    assert city["districts"]["districts"][0]["score"] == 50


@pytest.mark.django_db
def test_evidence_from_the_records_is_shown_for_os10_os11_os19_and_os25():
    _oslo, (district,) = oslo_with_districts(1)
    district.coordinator_fte, district.coordinator_permanent = 1, True
    sg = factories.GroupFactory(area=district, steering=True)
    meeting = factories.MeetingFactory(
        group=sg,
        status="minutes_sent",
        starts_at=dt.datetime(YEAR, 3, 3, 10, tzinfo=dt.UTC),
    )
    factories.AgendaItemFactory(meeting=meeting)
    factories.MeetingFactory(
        group=sg,
        status="held",
        purpose="",
        starts_at=dt.datetime(YEAR, 6, 3, 10, tzinfo=dt.UTC),
    )

    evidence = checklist_evidence(area=district, year=YEAR)

    assert "1 av 2" in evidence["OS10"] or "1 of 2" in evidence["OS10"]
    assert "1" in evidence["OS11"]
    assert "100" in evidence["OS19"]
    assert str(YEAR) in evidence["OS25"]


# --- Pages ------------------------------------------------------------------------


@pytest.fixture
def district(db):
    return oslo_with_districts(1)[1][0]


def test_the_coordinator_answers_one_item_without_javascript(client, district):
    client.force_login(factories.user_with_role(district, "coordinator"))
    url = f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS19/"

    response = client.post(url, {"OS19-rating": "partly", "OS19-comment": "80 %"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"?year={YEAR}#OS19")
    answer = ChecklistAssessment.objects.get(area=district)
    assert (answer.rating, answer.comment) == ("partly", "80 %")


def test_with_htmx_only_the_item_is_returned(client, district):
    client.force_login(factories.user_with_role(district, "coordinator"))
    url = f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS01/"

    response = client.post(url, {"OS01-rating": "met"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<article class="ds-card checklist-item section" id="OS01"')
    assert 'role="status"' in html


def test_a_missing_rating_is_a_form_error_and_the_comment_is_kept(client, district):
    client.force_login(factories.user_with_role(district, "coordinator"))
    url = f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS01/"

    response = client.post(url, {"OS01-comment": "Halvveis"})

    assert response.status_code == 400
    assert "Halvveis" in response.content.decode()
    assert not ChecklistAssessment.objects.exists()


def test_the_checklist_page_lists_the_districts_34_items(
    client, district, django_assert_max_num_queries
):
    client.force_login(factories.user_with_role(district, "coordinator"))

    with django_assert_max_num_queries(20):
        response = client.get(f"/o/{district.slug}/reports/oslostandard/?year={YEAR}")

    assert response.status_code == 200
    assert len(response.context["items"]) == 34
    assert "Oslostandarden L611" in response.content.decode()


def test_a_steering_member_reads_but_cannot_answer(client, district):
    client.force_login(factories.user_with_role(district, "steering_member"))

    page = client.get(f"/o/{district.slug}/reports/oslostandard/")
    post = client.post(
        f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS01/", {"OS01-rating": "met"}
    )

    assert page.status_code == 200
    assert all(item["form"] is None for item in page.context["items"])
    assert post.status_code == 403


def test_the_secretariat_answers_the_city_items_but_not_a_districts(client, db):
    oslo, (district,) = oslo_with_districts(1)
    client.force_login(factories.user_with_role(oslo, "secretariat"))

    city = client.post(
        f"/o/{oslo.slug}/reports/oslostandard/{YEAR}/OS35/", {"OS35-rating": "met"}
    )
    local = client.post(
        f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS01/", {"OS01-rating": "met"}
    )
    wrong_scope = client.post(
        f"/o/{oslo.slug}/reports/oslostandard/{YEAR}/OS01/", {"OS01-rating": "met"}
    )

    assert city.status_code == 302
    assert local.status_code == 403
    assert wrong_scope.status_code == 404


def test_another_areas_coordinator_gets_404(client, district):
    other = factories.AreaFactory(bydel=True)
    client.force_login(factories.user_with_role(other, "coordinator"))

    assert client.get(f"/o/{district.slug}/reports/oslostandard/").status_code == 404
    response = client.post(
        f"/o/{district.slug}/reports/oslostandard/{YEAR}/OS01/", {"OS01-rating": "met"}
    )
    assert response.status_code == 404


def test_an_area_outside_oslo_has_no_checklist(client, db):
    baerum = factories.AreaFactory()
    client.force_login(factories.user_with_role(baerum, "coordinator"))

    assert client.get(f"/o/{baerum.slug}/reports/oslostandard/").status_code == 404
