import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from slt_portal import tasks

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_redis_beat_and_worker(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"] == {"ok": True}
    assert body["checks"]["beat"]["ok"] is False  # no beat runs in the tests
    assert "worker" in body["checks"]


def test_healthz_shows_beat_alive_after_it_sent_the_heartbeat(client):
    PeriodicTask.objects.filter(name="slt-heartbeat").update(last_run_at=timezone.now())
    tasks.heartbeat.delay()
    checks = client.get("/healthz").json()["checks"]
    assert checks["beat"]["ok"] is True
    assert checks["worker"]["ok"] is True


def test_schedule_is_in_the_database():
    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert {"slt-heartbeat", "slt-reminder-sweep", "slt-requeue-emails"} <= names
