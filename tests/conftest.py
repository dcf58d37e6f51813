"""Shared fixtures. Tests run against real PostgreSQL and Redis (embedded by default,
external when DATABASE_URL / REDIS_URL are set), never mocks of them."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django_scopes import scopes_disabled

from slt_portal.celery import app as celery_app
from tests import factories


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Fast hashing for test users; PBKDF2 still verifies the demo data's logins.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.SITE_URL = "https://slt.example.no"


@pytest.fixture(autouse=True)
def _celery_eager():
    """Unit tests run tasks in-process; test_celery.py starts a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _unscoped_test_body():
    """Test bodies set up and inspect rows across areas; each request the client makes
    opens its own scope in the view, exactly as in production."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each xdist worker gets its own cache keys, emptied before every test.

    Only our own keys go: the Redis may be shared with a running app or CI (no FLUSHDB).
    """
    prefix = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def area(db):
    return factories.AreaFactory()


@pytest.fixture
def other_area(db):
    return factories.AreaFactory()


@pytest.fixture
def coordinator(area):
    return factories.user_with_role(area, "coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
