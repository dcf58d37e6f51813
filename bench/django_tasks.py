"""Django-side steps of the benchmarks, run in a subprocess per data set (the
settings read ``DATABASE_URL`` once per process). Prints one JSON line.

    python bench/django_tasks.py api-key <area-slug>
    python bench/django_tasks.py sweep [--active-areas N]
    python bench/django_tasks.py area-parent <area-slug>
    python bench/django_tasks.py annual-report <area-slug> [--year Y] [--runs N]
    python bench/django_tasks.py city-report <parent-slug> [--year Y] [--runs N]

The report steps build in memory and write nothing, so any data set (the demo data
too) can be measured as it is.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt_portal.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from municipalities import services  # noqa: E402
from municipalities.models import ApiKey, Area, Membership  # noqa: E402
from reports.annual.pdf import render_annual_report  # noqa: E402
from reports.annual.sections import default_sections  # noqa: E402
from reports.annual.snapshot import build_snapshot  # noqa: E402
from reports.city import city_aggregate_build, city_aggregate_pdf  # noqa: E402
from reports.models import AnnualReport  # noqa: E402
from slt_portal.reminders import reminders_sweep  # noqa: E402


def api_key(slug: str) -> dict:
    """A fresh read key for the area (older benchmark keys are revoked)."""
    with scopes_disabled():
        area = Area.objects.get(slug=slug)
        coordinator = Membership.objects.filter(area=area, role="coordinator").first()
        for old in ApiKey.objects.filter(
            area=area, name="benchmark", revoked_at__isnull=True
        ):
            services.api_key_revoke(api_key=old, revoked_by=coordinator.user)
        _key, raw = services.api_key_create(
            area=area, name="benchmark", role="coordinator", created_by=coordinator.user
        )
    return {"key": raw}


class _Rollback(Exception):
    pass


def sweep(active_areas: int | None) -> dict:
    """One daily sweep, rolled back afterwards so every run is the day's first.

    With ``active_areas`` all other areas are made inactive inside the same rolled
    back transaction: the sweep then covers fewer areas on the same data. A first,
    unmeasured sweep warms the process up (URL patterns, templates, imports) as a
    long-running Celery worker is.
    """
    _sweep_once(active_areas)
    return _sweep_once(active_areas)


def _sweep_once(active_areas: int | None) -> dict:
    result: dict = {}
    try:
        with transaction.atomic():
            with scopes_disabled():
                areas = Area.objects.filter(is_active=True)
                if active_areas is not None:
                    keep = list(areas.order_by("pk").values_list("pk", flat=True))[
                        :active_areas
                    ]
                    Area.objects.exclude(pk__in=keep).update(is_active=False)
                result["areas"] = Area.objects.filter(is_active=True).count()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                counts = reminders_sweep(today=timezone.localdate())
                result["seconds"] = time.perf_counter() - started
            result["queries"] = len(queries)
            result.update(counts)
            raise _Rollback
    except _Rollback:
        pass
    return result


def area_parent(slug: str) -> dict:
    """The slug of the area's parent (a bydel's city), or None."""
    with scopes_disabled():
        area = Area.objects.select_related("parent").get(slug=slug)
    return {"slug": area.parent.slug if area.parent else None}


def _best_of(runs: int, func):
    """The fastest of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result


def _counted(func) -> int:
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


def annual_report(slug: str, year: int, runs: int) -> dict:
    """Årsrapport for one area-year: the draft (snapshot + sections) and its PDF."""

    def draft() -> AnnualReport:  # what annual_report_draft builds, unsaved
        snapshot = build_snapshot(area=area, year=year)
        return AnnualReport(
            area=area,
            year=year,
            data_snapshot=snapshot,
            sections=default_sections(snapshot=snapshot, year=year),
            snapshot_taken_at=timezone.now(),
        )

    with scopes_disabled(), translation.override("nb"):
        area = Area.objects.get(slug=slug)
        queries = _counted(draft)
        draft_s, report = _best_of(runs, draft)
        pdf_s, (_html, pdf) = _best_of(runs, lambda: render_annual_report(report))
    return {
        "area": area.name,
        "year": year,
        "draft_s": draft_s,
        "pdf_s": pdf_s,
        "queries": queries,
        "pdf_kib": len(pdf) / 1024,
    }


def city_report(slug: str, year: int, runs: int) -> dict:
    """Byrapport for a parent area: the aggregate across its districts and its PDF."""
    with scopes_disabled(), translation.override("nb"):
        parent = Area.objects.get(slug=slug)
        build = lambda: city_aggregate_build(parent=parent, year=year)  # noqa: E731
        queries = _counted(build)
        build_s, data = _best_of(runs, build)
        pdf_s, (_html, pdf) = _best_of(runs, lambda: city_aggregate_pdf(data=data))
    return {
        "area": parent.name,
        "year": year,
        "draft_s": build_s,
        "pdf_s": pdf_s,
        "queries": queries,
        "pdf_kib": len(pdf) / 1024,
        "districts": len(data["districts"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="task", required=True)
    key = sub.add_parser("api-key")
    key.add_argument("slug")
    sw = sub.add_parser("sweep")
    sw.add_argument("--active-areas", type=int, default=None)
    sub.add_parser("area-parent").add_argument("slug")
    last_year = timezone.localdate().year - 1
    for name in ("annual-report", "city-report"):
        report = sub.add_parser(name)
        report.add_argument("slug")
        report.add_argument("--year", type=int, default=last_year)
        report.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if args.task == "api-key":
        result = api_key(args.slug)
    elif args.task == "area-parent":
        result = area_parent(args.slug)
    elif args.task == "sweep":
        result = sweep(args.active_areas)
    elif args.task == "annual-report":
        result = annual_report(args.slug, args.year, args.runs)
    else:
        result = city_report(args.slug, args.year, args.runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
