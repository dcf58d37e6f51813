"""reports.pdf.render_pdf: HTML and a tagged, text-extractable PDF."""

from __future__ import annotations

import io
import re
import threading
from unittest import mock

import pytest
from pypdf import PdfReader

from reports import pdf as pdf_module
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


def _embedded_fonts(pdf: bytes) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_the_print_stylesheet_and_its_fonts_are_loaded_once_per_thread(monkeypatch):
    import weasyprint

    monkeypatch.setattr(pdf_module, "_local", threading.local())
    with mock.patch("weasyprint.CSS", wraps=weasyprint.CSS) as parse_css:
        render_pdf("reports/pdf/_smoke.html", {"title": "En", "text": "x"})
        _, pdf = render_pdf("reports/pdf/_smoke.html", {"title": "To", "text": "y"})

    assert parse_css.call_count == 1
    assert any("Inter" in font for font in _embedded_fonts(pdf))  # pdf.css applied
    ours = pdf_module._shared_resources()
    theirs = []
    thread = threading.Thread(
        target=lambda: theirs.append(pdf_module._shared_resources())
    )
    thread.start()
    thread.join()
    assert theirs[0].font_config is not ours.font_config  # Pango is not thread-safe


def test_contextual_glyphs_keep_their_text_in_the_subset_fonts():
    # Inter draws the dash and brackets around digits with alternate glyphs that
    # the font's cmap does not list: only a subset built from the document's own
    # text maps them back to Unicode for text extraction and screen readers.
    _, pdf = render_pdf(
        "reports/pdf/_smoke.html",
        {"title": "T", "text": "Unge i alderen 12–18 år (2024–2025): 3 av 4."},
    )

    assert "Unge i alderen 12–18 år (2024–2025): 3 av 4." in _pdf_text(pdf)


def test_hyphenated_lines_stay_in_the_report_font():
    text = " ".join(["kriminalitetsforebyggende samordningsmodeller"] * 40)

    _, pdf = render_pdf("reports/pdf/_smoke.html", {"title": "T", "text": text})

    assert re.search(r"[-‐]\n", _pdf_text(pdf))  # some words were hyphenated
    assert all("Inter" in font for font in _embedded_fonts(pdf))
