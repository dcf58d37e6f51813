"""reports.pdf.render_pdf: HTML and a tagged, text-extractable PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from reports.pdf import STATIC_DIR, ResourceRefused, _static_only_fetcher, render_pdf


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_render_pdf_returns_the_html_and_a_pdf_with_extractable_text():
    html, pdf = render_pdf(
        "reports/pdf/_smoke.html",
        {
            "title": "SLT Bærum 2025",
            "text": "Særlig økt bruk av snus blant åttendeklassinger.",
        },
    )

    assert "SLT Bærum 2025" in html
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert "Særlig økt bruk av snus" in text
    assert "SLT Bærum 2025" in text


def test_render_pdf_is_tagged_with_title_and_language():
    _, pdf = render_pdf("reports/pdf/_smoke.html", {"title": "Tittel", "text": "x"})

    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nb"
    assert reader.metadata.title == "Tittel"
    assert len(reader.pages) >= 3  # cover, contents, chapter


def test_render_pdf_numbers_the_pages():
    _, pdf = render_pdf("reports/pdf/_smoke.html", {"title": "T", "text": "x"})

    last = PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
    assert "3 / 3" in last


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/x.png",
        "file:///etc/passwd",
        "http://127.0.0.1/",
        f"{STATIC_DIR.as_uri()}/../settings.py",
    ],
)
def test_the_renderer_fetches_nothing_outside_the_static_folder(url):
    with pytest.raises(ResourceRefused):
        _static_only_fetcher().fetch(url)
