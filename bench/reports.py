"""Benchmark: draft and render one district-year's annual report on the demo data.

    DATABASE_URL=... .venv/bin/python bench/reports.py [--slug alna] [--year 2025]

Seeds the demo data first when the area is missing. Prints seconds per step (best
of ``--runs``) and the database queries the draft's snapshot takes; the report is
built in memory, so the demo data is left as it is. Not a timed test.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt_portal.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from municipalities.models import Area  # noqa: E402
from reports.annual.pdf import render_annual_report  # noqa: E402
from reports.annual.sections import default_sections  # noqa: E402
from reports.annual.snapshot import build_snapshot  # noqa: E402
from reports.models import AnnualReport  # noqa: E402


def best_of(runs: int, func):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def draft(area: Area, year: int) -> AnnualReport:
    """What ``annual_report_draft`` builds, without saving it."""
    snapshot = build_snapshot(area=area, year=year)
    return AnnualReport(
        area=area,
        year=year,
        data_snapshot=snapshot,
        sections=default_sections(snapshot=snapshot, year=year),
        snapshot_taken_at=timezone.now(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slug", default="alna")
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    with scopes_disabled(), translation.override("nb"):
        if not Area.objects.filter(slug=args.slug).exists():
            call_command("seed_demo", "--quiet-logins")
        area = Area.objects.get(slug=args.slug)
        with CaptureQueriesContext(connection) as queries:
            draft(area, args.year)
        draft_s, report = best_of(args.runs, lambda: draft(area, args.year))
        pdf_s, (_html, pdf) = best_of(args.runs, lambda: render_annual_report(report))
    print(f"annual report {area.name} {args.year}")
    print(f"  draft : {draft_s:.3f} s ({len(queries.captured_queries)} queries)")
    print(f"  pdf   : {pdf_s:.3f} s ({len(pdf) / 1024:.0f} KiB)")
    print(f"  total : {draft_s + pdf_s:.3f} s")


if __name__ == "__main__":
    main()
