"""Versioned caches: keep what is read far more often than it is written (pages,
API list pages, who the signed-in principal is), and drop it the moment what it was
built from changes.

Each entry is stored with the *stamp* it was built under: the current numbers of
the versions it depends on. A read fetches those numbers and the entry in one Redis
``MGET`` and uses the entry only when its stamp is still current, so a write never
has to find the entries it made stale. The versions:

* one per area (``area_version``): moves on when a row of a tenant-owned model, or
  the Area itself, is saved or deleted, or a many-to-many set on one changes (model
  signals, at once and again on commit, so a reader between the two cannot keep a
  stale entry); and when a request with an unsafe method (POST, PUT, PATCH, DELETE)
  has run in the area (``AreaCacheMiddleware``), since writes through
  ``QuerySet.update()`` send no signal;
* ``GLOBAL``: moves on when a Celery task has run (background jobs update in bulk);
* one per user (``user_version``): the user's row or one of their memberships;
* ``REGISTRY``: any area, police district or API key, which every request's set-up
  reads (the principal's areas, the API key of a machine client).

The signals only move version numbers in Redis; they hold no business logic.
Entries also expire after ``TIMEOUT`` seconds, a safety net for writes no rule above
catches.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from slt_portal.cache import redis_client, redis_key

GLOBAL = "all"
REGISTRY = "registry"
TIMEOUT = 300  # seconds
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def area_version(area_id: int) -> str:
    return f"area:{area_id}"


def user_version(user_id: int) -> str:
    return f"user:{user_id}"


def _version_key(name: str) -> str:
    return redis_key(f"areacache:v:{name}")


def bump(names: Iterable[str]) -> None:
    """Move the versions ``names`` on: entries built under them are stale."""
    keys = [_version_key(name) for name in set(names)]
    if not keys:
        return
    pipe = redis_client(write=True).pipeline(transaction=False)
    for key in keys:
        pipe.incr(key)
    pipe.execute()


def bump_now_and_on_commit(names: Iterable[str]) -> None:
    names = set(names)
    bump(names)
    transaction.on_commit(lambda: bump(names))


def area_versions(area_ids: Iterable[int]) -> list[str]:
    """The versions a cache of these areas' content depends on (global first)."""
    return [GLOBAL, *(area_version(a) for a in sorted(set(area_ids)))]


def versions(area_ids: Iterable[int]) -> str:
    """The current stamp of these areas' content, e.g. ``"3.17.2"``."""
    names = area_versions(area_ids)
    raw = redis_client().mget([_version_key(n) for n in names])
    return _stamp(raw)


def _stamp(raw: list[bytes | None]) -> str:
    return ".".join((v or b"0").decode() for v in raw)


def stamped(
    name: str,
    *,
    depends_on: Iterable[str],
    parts: Iterable[Any],
    build: Callable[[], Any],
    timeout: int = TIMEOUT,
) -> Any:
    """``build()``, or its cached result while the versions ``depends_on`` stand.

    ``parts`` must hold everything else the result depends on (the user, roles,
    query string, date ...). A result of ``None`` is not cached.
    """
    names = list(depends_on)
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:32]
    key = redis_key(f"areacache:{name}:{digest}")
    *raw_versions, raw_entry = redis_client().mget(
        [*(_version_key(n) for n in names), key]
    )
    stamp = _stamp(raw_versions)
    if raw_entry is not None:
        entry_stamp, value = pickle.loads(raw_entry)
        if entry_stamp == stamp:
            return value
    value = build()
    if value is not None:
        entry = pickle.dumps((stamp, value), pickle.HIGHEST_PROTOCOL)
        redis_client(write=True).set(key, entry, ex=timeout)
    return value


def cached(
    name: str,
    *,
    area_ids: Iterable[int],
    parts: Iterable[Any],
    build: Callable,
    also_depends_on: Iterable[str] = (),
) -> Any:
    """``build()``, or its cached result while these areas (and the versions
    ``also_depends_on``) are unchanged.

    ``parts`` must hold everything else the result depends on (the user, roles,
    query string...); today's date and the active language are added here.
    """
    return stamped(
        name,
        depends_on=[*area_versions(area_ids), *also_depends_on],
        parts=(timezone.localdate().isoformat(), translation.get_language(), *parts),
        build=build,
    )


# --- Whole pages ---------------------------------------------------------------------


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET page under ``area_view`` from the cache while the area, the user
    and the registry are unchanged (per user, roles, address and language).

    The page is built with a placeholder where its CSRF tokens go, and every
    response gets a freshly masked token of the session's secret, as an uncached
    page would. Messages show once: a request with messages waiting, or whose view
    adds one, is not cached; nor is anything but a plain 200 page.
    """
    from django.contrib.messages import get_messages

    from slt_portal.tenancy import access_for_request, rendered, scope_area_ids

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or len(get_messages(request)):
            return view(request, *args, **kwargs)
        uncacheable: list[HttpResponse] = []

        def build() -> tuple[str, bytes] | None:
            request.csrf_placeholder = True
            try:
                response = rendered(view(request, *args, **kwargs))
            finally:
                del request.csrf_placeholder
            if response.status_code != 200 or response.streaming:
                uncacheable.append(response)
                return None
            if len(get_messages(request)):
                uncacheable.append(response)
                return None
            return response["Content-Type"], response.content

        page = cached(
            f"page:{view.__module__}.{view.__qualname__}",
            area_ids=scope_area_ids(access_for_request(request), request.area),
            also_depends_on=[user_version(request.user.pk), REGISTRY],
            parts=(
                request.user.pk,
                sorted(request.area_roles),
                request.get_full_path(),
                request.headers.get("HX-Request", ""),
            ),
            build=build,
        )
        if page is None:  # not kept: answered as built
            response = uncacheable[0]
            if not response.streaming:
                response.content = _with_csrf_token(request, response.content)
            return response
        content_type, body = page
        return HttpResponse(_with_csrf_token(request, body), content_type=content_type)

    return wrapped


def _placeholder() -> str:
    from django.conf import settings

    # Secret-derived, so no text a user types can be taken for it.
    digest = hashlib.sha256(f"csrf-placeholder:{settings.SECRET_KEY}".encode())
    return "csrfplaceholder" + digest.hexdigest()[:49]


CSRF_PLACEHOLDER = _placeholder()


def _with_csrf_token(request: HttpRequest, body: bytes) -> bytes:
    from django.middleware.csrf import get_token

    return body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def csrf_context(request: HttpRequest) -> dict:
    """Context processor: the CSRF placeholder while a cached page is built."""
    if getattr(request, "csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


# --- What moves the versions ---------------------------------------------------------


def _versions_of(instance) -> list[str]:
    from municipalities.models import ApiKey, Area, Membership, PoliceDistrict, User
    from slt_portal.tenancy import TenantModel

    names = []
    if isinstance(instance, Area | PoliceDistrict | ApiKey):
        names.append(REGISTRY)
    if isinstance(instance, Area):
        names.append(area_version(instance.pk))
    elif isinstance(instance, TenantModel) and instance.area_id is not None:
        names.append(area_version(instance.area_id))
    if isinstance(instance, User):
        names.append(user_version(instance.pk))
    elif isinstance(instance, Membership):
        names.append(user_version(instance.user_id))
    return names


def _on_write(sender, instance, **kwargs) -> None:
    if names := _versions_of(instance):
        bump_now_and_on_commit(names)


def _on_m2m(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and (names := _versions_of(instance)):
        bump_now_and_on_commit(names)


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
            bump([area_version(area.pk)])
        elif request.path.startswith("/api/"):
            access = getattr(request, "access", None)
            bump(area_version(a) for a in (access.area_ids if access else ()))
        elif request.path.startswith("/admin/"):
            bump([GLOBAL, REGISTRY])
        return response
