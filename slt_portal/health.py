"""Liveness of the database, Redis, Celery beat and a worker, for /healthz."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from slt_portal.tasks import WORKER_HEARTBEAT_KEY

HEARTBEAT_TASK_NAME = "slt-heartbeat"


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


def check_redis() -> dict:
    try:
        client = cache._cache.get_client()  # the Redis client behind Django's cache
        client.ping()
        return {"ok": True}
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


def _age(moment: dt.datetime | None) -> float | None:
    return None if moment is None else (timezone.now() - moment).total_seconds()


def check_beat() -> dict:
    """Beat writes ``last_run_at`` of the heartbeat task when it sends it."""
    from django_celery_beat.models import PeriodicTask

    task = (
        PeriodicTask.objects.filter(name=HEARTBEAT_TASK_NAME)
        .only("last_run_at")
        .first()
    )
    age = _age(task.last_run_at if task else None)
    return {
        "ok": age is not None and age <= settings.BEAT_HEARTBEAT_MAX_AGE,
        "age_seconds": age,
    }


def check_worker() -> dict:
    raw = cache.get(WORKER_HEARTBEAT_KEY)
    age = _age(dt.datetime.fromisoformat(raw) if raw else None)
    return {
        "ok": age is not None and age <= settings.BEAT_HEARTBEAT_MAX_AGE,
        "age_seconds": age,
    }


def health_report() -> tuple[bool, dict]:
    """(healthy, checks). The web answers as long as database and Redis answer."""
    checks = {"database": check_database(), "redis": check_redis()}
    if checks["database"]["ok"]:
        checks["beat"] = check_beat()
    checks["worker"] = check_worker() if checks["redis"]["ok"] else {"ok": False}
    healthy = checks["database"]["ok"] and checks["redis"]["ok"]
    return healthy, checks
