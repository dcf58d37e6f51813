"""One real worker against the real Redis broker: the production path of a task."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from slt_portal.celery import app
from slt_portal.tasks import WORKER_HEARTBEAT_KEY, heartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_runs_the_heartbeat_through_redis():
    app.conf.task_always_eager = False
    cache.delete(WORKER_HEARTBEAT_KEY)
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = heartbeat.delay()
        stamp = result.get(timeout=30)
    assert cache.get(WORKER_HEARTBEAT_KEY) == stamp
