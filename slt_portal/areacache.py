"""Per-area cache versions: cache what is read far more often than it is written
(the start page's panels, API list pages), and drop it the moment the area changes.

Every cached entry's key holds the version of each area it was built from, plus a
global version. A version moves on (so older entries are never read again, and
expire by their timeout) when:

* a row of a tenant-owned model, or an Area, is saved or deleted, or a many-to-many
  set on one changes (model signals, at once and again on commit, so a reader
  between the two cannot keep a stale entry);
* a request with an unsafe method (POST, PUT, PATCH, DELETE) has run in an area
  (``AreaCacheMiddleware``): writes through ``QuerySet.update()`` send no signal;
* a Celery task has run (the global version): background jobs update in bulk.

The signals only move a version number in Redis; they hold no business logic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

GLOBAL = "all"
TIMEOUT = 300  # seconds; a safety net for writes no rule above catches
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _version_key(area: int | str) -> str:
    return f"areacache:v:{area}"


def bump(area_ids: Iterable[int | str]) -> None:
    """Move the versions of ``area_ids`` on: their cached entries are stale."""
    keys = [_version_key(a) for a in set(area_ids)]
    if not keys:
        return
    client = cache._cache.get_client(write=True)
    pipe = client.pipeline(transaction=False)
    for key in keys:
        pipe.incr(cache.make_and_validate_key(key))
    pipe.execute()


def bump_now_and_on_commit(area_ids: Iterable[int | str]) -> None:
    ids = set(area_ids)
    bump(ids)
    transaction.on_commit(lambda: bump(ids))


def versions(area_ids: Iterable[int]) -> str:
    """The current versions of the areas and the global one, as part of a key."""
    names = [GLOBAL, *sorted(set(area_ids))]
    client = cache._cache.get_client()
    raw = client.mget([cache.make_and_validate_key(_version_key(n)) for n in names])
    return ".".join((v or b"0").decode() for v in raw)


def cached(
    name: str, *, area_ids: Iterable[int], parts: Iterable[Any], build: Callable
) -> Any:
    """``build()``, or its cached result for these areas' current versions.

    ``parts`` must hold everything else the result depends on (the user, roles,
    query string...); today's date and the active language are added here.
    """
    area_ids = list(area_ids)
    varying = repr(
        (timezone.localdate().isoformat(), translation.get_language(), *parts)
    )
    digest = hashlib.sha256(varying.encode()).hexdigest()[:32]
    key = f"areacache:{name}:{versions(area_ids)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


# --- What moves the versions ------------------------------------------------------


def _area_of(instance) -> int | None:
    from municipalities.models import Area

    if isinstance(instance, Area):
        return instance.pk
    return getattr(instance, "area_id", None)


def _tracked(sender) -> bool:
    from municipalities.models import Area
    from slt_portal.tenancy import TenantModel

    return issubclass(sender, TenantModel | Area)


def _on_write(sender, instance, **kwargs) -> None:
    if _tracked(sender) and (area_id := _area_of(instance)) is not None:
        bump_now_and_on_commit([area_id])


def _on_m2m(sender, instance, action: str, **kwargs) -> None:
    area_id = _area_of(instance)
    if action.startswith("post_") and _tracked(type(instance)) and area_id:
        bump_now_and_on_commit([area_id])


def _on_task_done(**kwargs) -> None:
    bump([GLOBAL])


def connect() -> None:
    """Called from the app config's ``ready()``."""
    from celery.signals import task_postrun

    post_save.connect(_on_write, dispatch_uid="areacache_save")
    post_delete.connect(_on_write, dispatch_uid="areacache_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="areacache_m2m")
    task_postrun.connect(_on_task_done, dispatch_uid="areacache_task", weak=False)


class AreaCacheMiddleware:
    """After a write request, move on the versions of the areas it could touch."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in UNSAFE_METHODS:
            return response
        area = getattr(request, "area", None)
        if area is not None:
            bump([area.pk])
        elif request.path.startswith("/api/"):
            bump((getattr(request, "access", None) and request.access.area_ids) or [])
        elif request.path.startswith("/admin/"):
            bump([GLOBAL])
        return response
