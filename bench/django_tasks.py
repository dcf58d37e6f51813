"""Django-side steps of the benchmarks, run in a subprocess per data set (the
settings read ``DATABASE_URL`` once per process). Prints one JSON line.

    python bench/django_tasks.py api-key <area-slug>
    python bench/django_tasks.py sweep [--active-areas N]
"""

from __future__ import annotations

import argparse
import json
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
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from municipalities import services  # noqa: E402
from municipalities.models import ApiKey, Area, Membership  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="task", required=True)
    key = sub.add_parser("api-key")
    key.add_argument("slug")
    sw = sub.add_parser("sweep")
    sw.add_argument("--active-areas", type=int, default=None)
    args = parser.parse_args()
    if args.task == "api-key":
        print(json.dumps(api_key(args.slug)))
    else:
        print(json.dumps(sweep(args.active_areas)))


if __name__ == "__main__":
    main()
