"""The annual report's PDF: cover, contents with page numbers, the §6 sections,
charts, extractable text; made once by an idempotent task."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from reports.annual import services
from reports.annual.pdf import render_annual_report
from reports.annual.tasks import render_annual_report_pdf
from reports.models import AnnualReport
from tests import factories

pytestmark = pytest.mark.django_db


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def with_indicator(report_world):
    indicator = factories.IndicatorFactory(
        area=report_world.area, name="Brukt cannabis siste år", unit="percent"
    )
    for year, value in ((report_world.year - 1, 8), (report_world.year, 6)):
        factories.IndicatorValueFactory(
            indicator=indicator,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            value=value,
        )
    return indicator


def test_the_pdf_has_cover_contents_sections_and_page_numbers(
    report_world, with_indicator
):
    report = services.annual_report_draft(
        area=report_world.area, year=report_world.year, user=report_world.coordinator
    )
    services.annual_report_section_update(
        report=report,
        code="closing",
        text="Særlig takk til ungdomsteamene for innsatsen.",
        user=report_world.coordinator,
    )
    report.refresh_from_db()
    html, pdf = render_annual_report(report)

    texts = pages(pdf)
    total = len(texts)
    assert total >= 5
    assert "Testkommune" in texts[0]
    assert str(report_world.year) in texts[0]
    contents = texts[1]
    # Each contents line ends with the page its section starts on.
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)", contents)]
    assert len(numbers) >= 10
    assert numbers == sorted(numbers)
    assert all(3 <= n <= total for n in numbers)
    for index, text in enumerate(texts[1:], start=2):
        assert f"{index} / {total}" in text
    body = "\n".join(texts)
    assert "Særlig takk til ungdomsteamene" in body
    assert "Koordineringsgruppen" in body
    assert "Brukt cannabis siste år" in body
    assert 'alt="Brukt cannabis siste år: ' in html
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_rendering_twice_yields_one_file_and_the_second_run_does_nothing(
    report_world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_pdf_request(report=draft)
    draft.refresh_from_db()
    assert draft.pdf_status == AnnualReport.PdfStatus.READY
    first = (draft.pdf.name, draft.pdf_sha256, draft.rendered_at)

    assert render_annual_report_pdf(draft.pk) is False
    draft.refresh_from_db()
    assert (draft.pdf.name, draft.pdf_sha256, draft.rendered_at) == first
    folder = f"reports/annual/{report_world.area.slug}"
    assert default_storage.listdir(folder)[1] == [draft.pdf.name.rsplit("/", 1)[1]]


def test_a_claim_left_by_a_killed_worker_is_taken_over(report_world, draft):
    AnnualReport.objects.filter(pk=draft.pk).update(
        pdf_status=AnnualReport.PdfStatus.RENDERING, pdf_claimed_at=timezone.now()
    )
    assert render_annual_report_pdf(draft.pk) is False  # someone is on it
    AnnualReport.objects.filter(pk=draft.pk).update(
        pdf_claimed_at=timezone.now() - services.PDF_STALE_CLAIM * 2
    )
    assert render_annual_report_pdf(draft.pk) is True
    draft.refresh_from_db()
    assert draft.pdf_status == AnnualReport.PdfStatus.READY
    assert len(draft.pdf_sha256) == 64


def test_a_pdf_whose_task_was_lost_can_be_asked_for_again(
    report_world, approved, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - services.PDF_STALE_CLAIM * 2
    AnnualReport.objects.filter(pk=approved.pk).update(
        pdf_status=AnnualReport.PdfStatus.QUEUED, updated_at=long_ago
    )
    approved.refresh_from_db()
    assert approved.pdf_is_stuck
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_pdf_request(report=approved)
    approved.refresh_from_db()
    assert approved.pdf_status == AnnualReport.PdfStatus.READY
