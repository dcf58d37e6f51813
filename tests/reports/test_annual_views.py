"""Årsrapport pages and API: who sees what, the actions, and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from municipalities import services as area_services
from reports.annual import services
from reports.models import AnnualReport, ReportReview
from tests import factories

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"reports:{name}", kwargs={"area_slug": world.area.slug, **kwargs})


def as_user(client, user):
    client.force_login(user)
    return client


# --- Pages --------------------------------------------------------------------------


def test_the_reports_hub_lists_annual_reports_and_links_the_problem_picture(
    client, report_world, approved, django_assert_max_num_queries
):
    as_user(client, report_world.viewer)
    with django_assert_max_num_queries(12):
        response = client.get(url(report_world, "report_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{report_world.year}" in text
    assert url(report_world, "annual_pdf_download", pk=approved.pk) in text
    assert (
        reverse(
            "actionplans:picture_list", kwargs={"area_slug": report_world.area.slug}
        )
        in text
    )


def test_the_hub_query_count_does_not_grow_with_the_reports(
    client, report_world, approved, django_assert_max_num_queries
):
    for year in range(report_world.year - 5, report_world.year):
        AnnualReport.objects.create(
            area=report_world.area, year=year, status="approved"
        )
    as_user(client, report_world.viewer)
    with django_assert_max_num_queries(12):
        assert client.get(url(report_world, "report_list")).status_code == 200


def test_the_coordinator_drafts_in_one_click(client, report_world):
    as_user(client, report_world.coordinator)
    response = client.post(
        url(report_world, "annual_draft"), {"year": report_world.year}
    )
    report = AnnualReport.objects.get(area=report_world.area)
    assert response.url == url(report_world, "annual_detail", pk=report.pk)
    page = client.get(response.url).content.decode()
    assert "Koordineringsgruppen" in page


def test_a_steering_member_cannot_draft(client, report_world):
    as_user(client, report_world.members[0])
    response = client.post(
        url(report_world, "annual_draft"), {"year": report_world.year}
    )
    assert response.status_code == 403


def test_a_draft_is_hidden_from_steering_members_until_it_is_in_review(
    client, report_world, draft
):
    as_user(client, report_world.members[0])
    assert (
        client.get(url(report_world, "annual_detail", pk=draft.pk)).status_code == 404
    )
    services.annual_report_submit(report=draft, user=report_world.coordinator)
    response = client.get(url(report_world, "annual_detail", pk=draft.pk))
    assert response.status_code == 200
    assert url(report_world, "annual_review", pk=draft.pk) in response.content.decode()


def test_a_steering_member_of_another_area_gets_404(client, report_world, in_review):
    as_user(client, report_world.outsider)
    for name in ("annual_detail", "annual_pdf_status", "annual_pdf_download"):
        assert client.get(url(report_world, name, pk=in_review.pk)).status_code == 404
    assert client.get(url(report_world, "report_list")).status_code == 404
    other = reverse(
        "reports:annual_detail",
        kwargs={"area_slug": report_world.other_area.slug, "pk": in_review.pk},
    )
    assert client.get(other).status_code == 404


def test_the_coordinator_edits_one_section_with_the_figures_beside_it(
    client, report_world, draft, django_assert_max_num_queries
):
    as_user(client, report_world.coordinator)
    edit = url(
        report_world, "annual_section_edit", pk=draft.pk, code="practice.coordination"
    )
    with django_assert_max_num_queries(12):
        page = client.get(edit)
    assert "Rus blant unge (2)" in page.content.decode()
    response = client.post(
        edit, {"text": "Gruppen møttes fem ganger. Ola i Storgata 5."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.sections["practice.coordination"]["text"].startswith("Gruppen")
    shown = client.get(response.url).content.decode()
    assert "Storgata 5" in shown  # the warning names what it found


def test_bad_section_input_keeps_the_text_and_shows_the_error(
    client, report_world, draft
):
    as_user(client, report_world.coordinator)
    edit = url(report_world, "annual_section_edit", pk=draft.pk, code="summary")
    response = client.post(edit, {"text": "Gjelder 01020312345 og mer tekst."})
    assert response.status_code == 200
    assert "mer tekst" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_reviewers_comment_and_the_chair_approves_through_the_pages(
    client, report_world, in_review, django_capture_on_commit_callbacks
):
    as_user(client, report_world.members[0])
    response = client.post(
        url(report_world, "annual_review", pk=in_review.pk),
        {"section": "summary", "verdict": "comment", "text": "Kort og godt."},
    )
    assert response.status_code == 302
    response = client.post(
        url(report_world, "annual_approve", pk=in_review.pk),
        {"meeting": "", "text": ""},
    )
    assert response.status_code == 403
    as_user(client, report_world.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(report_world, "annual_approve", pk=in_review.pk),
            {"meeting": "", "text": ""},
        )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == AnnualReport.Status.APPROVED
    page = client.get(url(report_world, "annual_detail", pk=in_review.pk))
    assert "Kort og godt." in page.content.decode()
    download = client.get(url(report_world, "annual_pdf_download", pk=in_review.pk))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_empty_comment_is_a_form_error(client, report_world, in_review):
    as_user(client, report_world.members[1])
    response = client.post(
        url(report_world, "annual_review", pk=in_review.pk),
        {"section": "summary", "verdict": "comment", "text": ""},
    )
    assert response.status_code == 400
    assert not ReportReview.objects.exists()


def test_the_pdf_status_is_polled_and_has_a_no_js_refresh_link(
    client, report_world, draft
):
    as_user(client, report_world.coordinator)
    response = client.post(
        url(report_world, "annual_pdf", pk=draft.pk), HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert 'hx-trigger="every 2s"' in text
    assert url(report_world, "annual_detail", pk=draft.pk) in text
    draft.refresh_from_db()
    assert draft.pdf_status == AnnualReport.PdfStatus.QUEUED


def test_only_the_coordinator_makes_a_draft_pdf(client, report_world, in_review):
    as_user(client, report_world.members[0])
    response = client.post(url(report_world, "annual_pdf", pk=in_review.pk))
    assert response.status_code == 403


def test_the_detail_page_query_count_is_fixed(
    client, report_world, in_review, django_assert_max_num_queries
):
    for member in report_world.members:
        services.annual_report_review_add(
            report=in_review,
            reviewer=member,
            verdict="comment",
            section="summary",
            text="Fint.",
        )
    as_user(client, report_world.chair)
    with django_assert_max_num_queries(16):
        response = client.get(url(report_world, "annual_detail", pk=in_review.pk))
    assert response.status_code == 200
    assert (
        url(report_world, "annual_approve", pk=in_review.pk)
        in response.content.decode()
    )


def test_the_coordinators_start_page_shows_the_report_and_its_pdf_status(
    client, report_world, draft
):
    as_user(client, report_world.coordinator)
    home = reverse(
        "municipalities:area_home", kwargs={"area_slug": report_world.area.slug}
    )
    text = client.get(home).content.decode()
    assert url(report_world, "annual_detail", pk=draft.pk) in text


def test_the_start_page_shows_reports_awaiting_review(client, report_world, in_review):
    as_user(client, report_world.members[0])
    home = reverse(
        "municipalities:area_home", kwargs={"area_slug": report_world.area.slug}
    )
    text = client.get(home).content.decode()
    assert url(report_world, "annual_detail", pk=in_review.pk) in text


# --- API ----------------------------------------------------------------------------


def with_key(api_client, area):
    creator = factories.user_with_role(area, "coordinator")
    _key, raw = area_services.api_key_create(
        area=area, name="Arkiv", role="system_client", created_by=creator
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return api_client


def test_an_api_key_reads_published_reports_and_downloads_the_pdf(
    api_client, report_world, approved, django_assert_max_num_queries
):
    services.annual_report_draft(
        area=report_world.area,
        year=report_world.year - 1,
        user=report_world.coordinator,
    )
    client = with_key(api_client, report_world.area)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/annual-reports/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [approved.pk]
    assert rows[0]["pdf_url"].endswith(f"/api/v1/annual-reports/{approved.pk}/pdf/")
    pdf = client.get(f"/api/v1/annual-reports/{approved.pk}/pdf/")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_api_filters_by_year_and_status(api_client, report_world, approved):
    client = with_key(api_client, report_world.area)
    assert (
        client.get("/api/v1/annual-reports/", {"year": report_world.year - 3}).json()[
            "count"
        ]
        == 0
    )
    assert (
        client.get("/api/v1/annual-reports/", {"status": "approved"}).json()["count"]
        == 1
    )


def test_drafts_in_the_api_are_the_coordinators_and_reviewers_only(
    api_client, report_world, draft
):
    api_client.force_login(report_world.members[0])
    assert api_client.get("/api/v1/annual-reports/").json()["count"] == 0
    services.annual_report_submit(report=draft, user=report_world.coordinator)
    assert api_client.get("/api/v1/annual-reports/").json()["count"] == 1
    api_client.force_login(report_world.viewer)
    assert api_client.get("/api/v1/annual-reports/").json()["count"] == 0
    api_client.force_login(report_world.coordinator)
    assert api_client.get("/api/v1/annual-reports/").json()["count"] == 1


def test_another_areas_report_is_404_in_the_api(api_client, report_world, approved):
    api_client.force_login(report_world.outsider)
    assert api_client.get(f"/api/v1/annual-reports/{approved.pk}/").status_code == 404
    assert (
        api_client.get(f"/api/v1/annual-reports/{approved.pk}/pdf/").status_code == 404
    )


def test_the_pdf_action_is_404_until_the_pdf_is_made(api_client, report_world, draft):
    api_client.force_login(report_world.coordinator)
    assert api_client.get(f"/api/v1/annual-reports/{draft.pk}/pdf/").status_code == 404
