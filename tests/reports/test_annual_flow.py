"""The whole annual-report flow on the demo data, through the pages: the coordinator
drafts Bærum's report in one click, writes two sections and submits; two members of
SLT-styret comment and recommend approval; the chair approves; the PDF downloads and
has the sections, a table of contents and page numbers, as extractable text."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from municipalities.models import User
from reports.models import AnnualReport, ReportReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    call_command("seed_demo", "--quiet-logins")


def person(key: str) -> User:
    return User.objects.get(email__startswith=f"{key}@")


def page(name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"area_slug": "baerum", **kwargs})


def test_the_demo_has_last_years_approved_report_with_two_reviews_and_the_chair():
    call_command("seed_demo", "--quiet-logins")
    report = AnnualReport.objects.get(
        area__slug="baerum", year=timezone.localdate().year - 1
    )
    assert report.status == AnnualReport.Status.APPROVED
    assert report.approved_by == person("styreleder.baerum")
    reviewers = set(
        ReportReview.objects.filter(
            report_id=report.pk, verdict="recommend_approval"
        ).values_list("reviewer__email", flat=True)
    )
    assert len(reviewers) == 2
    call_command("seed_demo", "--quiet-logins")
    assert AnnualReport.objects.filter(area__slug="baerum").count() == 1


def test_draft_edit_review_approve_and_download_on_the_demo_data(
    client, demo, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year
    client.force_login(person("koordinator1.baerum"))
    response = client.post(page("annual_draft"), {"year": year})
    report = AnnualReport.objects.get(area__slug="baerum", year=year)
    assert response.url == page("annual_detail", pk=report.pk)
    for code, text in (
        ("summary", "SLT-styret prioriterte rus og utenforskap i år."),
        ("closing", "Takk til alle som bidro i SLT-arbeidet i Bærum."),
    ):
        edit = page("annual_section_edit", pk=report.pk, code=code)
        assert client.post(edit, {"text": text}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page("annual_submit", pk=report.pk))
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.IN_REVIEW

    for key, section in (
        ("visepolitimester.baerum", "practice.challenges"),
        ("stasjonssjef.baerum", "model.focus_areas"),
    ):
        client.force_login(person(key))
        review = page("annual_review", pk=report.pk)
        client.post(review, {"section": section, "verdict": "comment", "text": "Bra."})
        client.post(
            review, {"section": "", "verdict": "recommend_approval", "text": ""}
        )
    assert ReportReview.objects.filter(report_id=report.pk).count() == 4

    client.force_login(person("styreleder.baerum"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("annual_approve", pk=report.pk), {"meeting": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.APPROVED

    download = client.get(page("annual_pdf_download", pk=report.pk))
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    text = "\n".join(pages)
    assert "SLT-styret prioriterte rus og utenforskap" in text
    assert "Takk til alle som bidro" in text
    assert "SLT-koordineringsgruppen" in text
    assert re.search(r"\.{3,}\s*\d+", pages[1])  # contents with page numbers
    assert f"2 / {len(pages)}" in pages[1]
