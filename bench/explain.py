"""EXPLAIN ANALYZE every query of the scoped list pages and endpoints on the
generated data, cold (the area cache is bypassed), and print the slow ones and any
sequential scan. Run with the data set's DATABASE_URL:

    DATABASE_URL=postgres://…/slt_scale .venv/bin/python bench/explain.py [area-slug]
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt_portal.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from municipalities.models import User  # noqa: E402
from slt_portal import areacache  # noqa: E402

PAGES = [
    "/o/{slug}/",
    "/o/{slug}/meetings/",
    "/o/{slug}/meetings/?when=earlier",
    "/o/{slug}/meetings/follow-ups/",
    "/o/{slug}/meetings/items/",
    "/o/{slug}/meetings/matters/",
    "/o/{slug}/meetings/overview/",
    "/o/{slug}/plans/",
    "/o/{slug}/plans/measures/",
    "/o/{slug}/plans/cycle/",
    "/o/{slug}/consent/",
    "/api/v1/measures/?status=completed&page_size=100",
    "/api/v1/meetings/",
    "/api/v1/follow-ups/?status=open",
    "/api/v1/progress-updates/",
]
SLOW_MS = 2.0


def main() -> None:
    slug = sys.argv[1] if len(sys.argv) > 1 else "alna"
    client = Client()
    with scopes_disabled():
        client.force_login(
            User.objects.get(email=f"koordinator.{slug}@scale.slt-portal.no")
        )
    for template in PAGES:
        path = template.format(slug=slug)
        areacache.bump([areacache.GLOBAL])  # cold: nothing from the cache
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        print(f"== {path} {status}, {len(queries)} queries")
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            took = float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
            seq = re.findall(r"Seq Scan on (\w+)", plan)
            if took > SLOW_MS or seq:
                print(f"  {took:7.2f} ms seq={seq} :: {sql[:160]}")
                if took > SLOW_MS:
                    print("    " + plan.replace("\n", "\n    "))


if __name__ == "__main__":
    main()
