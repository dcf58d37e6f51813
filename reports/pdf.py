"""PDF rendering with WeasyPrint: ``render_pdf(template, context) -> (html, pdf)``.

The HTML is returned too, so tests can assert on the text before layout. Only files
under the project's static folder are fetched while rendering: a report never reaches
out to the network, and nothing a user typed can make the renderer read other files.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

STATIC_DIR = Path(settings.BASE_DIR) / "slt_portal" / "static"
# PDF/UA-1: tagged structure, document title and language, for screen readers.
PDF_VARIANT = "pdf/ua-1"


class ResourceRefused(Exception):
    """A template asked for a resource outside the static folder."""


def _static_only_fetcher():
    """A WeasyPrint fetcher for ``data:`` URIs and files under the static folder."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if not path.is_relative_to(STATIC_DIR):
                    raise ResourceRefused(url)
            elif parsed.scheme != "data":
                raise ResourceRefused(url)
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols=("file", "data"))


def render_pdf(template: str, context: dict) -> tuple[str, bytes]:
    """Render ``template`` to HTML and lay it out as a tagged PDF (PDF/UA-1).

    Templates extend ``reports/pdf/base.html`` and refer to static files by relative
    path (``vendor/inter/...``). The active language sets the document language.
    """
    from weasyprint import HTML  # heavy import, only where PDFs are made

    context = {"language_code": translation.get_language() or "nb", **context}
    html = render_to_string(template, context)
    document = HTML(
        string=html,
        base_url=f"{STATIC_DIR.as_uri()}/",
        url_fetcher=_static_only_fetcher(),
    )
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=b"slt-portal")
    return html, pdf
