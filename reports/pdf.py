"""PDF rendering with WeasyPrint: ``render_pdf(template, context) -> (html, pdf)``.

The HTML is returned too, so tests can assert on the text before layout. Only files
under the project's static folder are fetched while rendering: a report never reaches
out to the network, and nothing a user typed can make the renderer read other files.

What every report shares is prepared once per thread, not once per document: the
print stylesheet, parsed, and the fonts its ``@font-face`` rules load
(``_shared_resources``).
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

STATIC_DIR = Path(settings.BASE_DIR) / "slt_portal" / "static"
# The print stylesheet of every report (templates extend reports/pdf/base.html).
STYLESHEET = STATIC_DIR / "css" / "pdf.css"
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


@dataclass(frozen=True)
class _Resources:
    """What the documents of one thread share."""

    font_config: Any  # weasyprint.text.fonts.FontConfiguration
    stylesheet: Any  # weasyprint.CSS of pdf.css, parsed with font_config
    url_fetcher: Any


_local = threading.local()


def _shared_resources() -> _Resources:
    """This thread's font configuration and parsed print stylesheet.

    Parsing ``pdf.css`` loads its ``@font-face`` fonts: fontTools decompresses each
    WOFF2 file and Fontconfig registers it, about 0.1 s per document. WeasyPrint
    lets documents share a ``FontConfiguration`` and the ``CSS`` parsed with it, so
    that happens once per thread. Per thread, because the Pango font map behind a
    font configuration is not thread-safe and the web server renders in threads.
    """
    resources = getattr(_local, "resources", None)
    if resources is None:
        from weasyprint import CSS

        font_config = _font_configuration()
        url_fetcher = _static_only_fetcher()
        stylesheet = CSS(
            filename=str(STYLESHEET), url_fetcher=url_fetcher, font_config=font_config
        )
        resources = _Resources(font_config, stylesheet, url_fetcher)
        _local.resources = resources
    return resources


def _font_configuration():
    """A WeasyPrint ``FontConfiguration`` that can clean up while Python exits.

    It keeps the ``@font-face`` files in a temporary folder that it removes when it
    is deleted. A shared one lives until the interpreter shuts down, when the
    ``shutil`` WeasyPrint looks up may already be gone; this one keeps its own.
    """
    from weasyprint.text.fonts import FontConfiguration

    class SharedFontConfiguration(FontConfiguration):
        def __del__(self, _rmtree=shutil.rmtree):
            if self._folder:
                _rmtree(self._folder, ignore_errors=True)

    return SharedFontConfiguration()


def render_pdf(template: str, context: dict) -> tuple[str, bytes]:
    """Render ``template`` to HTML and lay it out as a tagged PDF (PDF/UA-1).

    Templates extend ``reports/pdf/base.html`` and refer to static files by relative
    path (``vendor/inter/...``). ``pdf.css`` applies to every template; a
    ``<style>`` in a template overrides it. The active language sets the document
    language.
    """
    from weasyprint import HTML  # heavy import, only where PDFs are made

    resources = _shared_resources()
    context = {"language_code": translation.get_language() or "nb", **context}
    html = render_to_string(template, context)
    document = HTML(
        string=html,
        base_url=f"{STATIC_DIR.as_uri()}/",
        url_fetcher=resources.url_fetcher,
    )
    pdf = document.write_pdf(
        stylesheets=[resources.stylesheet],
        font_config=resources.font_config,
        pdf_variant=PDF_VARIANT,
        pdf_identifier=b"slt-portal",
    )
    return html, pdf
