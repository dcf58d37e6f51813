"""Benchmark: the Oslo city report (byrapport) on the demo data, build and PDF.

    DATABASE_URL=... .venv/bin/python bench/city_report.py [--year 2025] [--runs 3]

Seeds the demo data first when Oslo is missing. Prints seconds per step (best of
``--runs``) and the number of database queries the build takes; not a timed test.
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

from municipalities.models import Area  # noqa: E402
from reports.city import city_aggregate_build, city_aggregate_pdf  # noqa: E402


def best_of(runs: int, func):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slug", default="oslo")
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not Area.objects.filter(slug=args.slug).exists():
        call_command("seed_demo", "--quiet-logins")
    parent = Area.objects.get(slug=args.slug)
    with translation.override("nb"):
        with CaptureQueriesContext(connection) as queries:
            city_aggregate_build(parent=parent, year=args.year)
        build_s, data = best_of(
            args.runs, lambda: city_aggregate_build(parent=parent, year=args.year)
        )
        pdf_s, (_html, pdf) = best_of(args.runs, lambda: city_aggregate_pdf(data=data))
    print(f"city report {parent.name} {args.year}: {len(data['districts'])} districts")
    print(f"  build : {build_s:.3f} s ({len(queries.captured_queries)} queries)")
    print(f"  pdf   : {pdf_s:.3f} s ({len(pdf) / 1024:.0f} KiB)")
    print(f"  total : {build_s + pdf_s:.3f} s")


if __name__ == "__main__":
    main()
