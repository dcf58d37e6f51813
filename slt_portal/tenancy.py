"""Tenancy: the Area is the tenant, and every tenant-owned query is scoped to it.

Three layers, each enough on its own to stop a cross-tenant read:

1. ``TenantModel.objects`` is a django-scopes manager: outside an active scope every
   query raises ``ScopeError`` (fail closed); inside one it is filtered to the scope's
   areas.
2. ``Access`` (one per request) holds the user's roles per area. ``area_view`` opens a
   scope for the area in the URL, and answers 404 when the user has no role there.
3. Single objects come only from ``get_for_user``-style selectors
   (``get_object_or_404`` on a scoped queryset): missing and forbidden look the same.

Celery tasks and management commands that work across areas say so explicitly with
``django_scopes.scopes_disabled()``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import ScopedManager, scope, scopes_disabled

if TYPE_CHECKING:
    from municipalities.models import Area


class TenantQuerySet(models.QuerySet):
    """Queryset of a tenant-owned model."""

    def for_area(self, area: Area | int) -> TenantQuerySet:
        return self.filter(area=area)

    def for_areas(self, areas: Iterable[Area | int]) -> TenantQuerySet:
        return self.filter(area__in=list(areas))


def tenant_manager(queryset_class: type[TenantQuerySet] = TenantQuerySet):
    """A manager that refuses to query outside an area scope."""
    return ScopedManager(
        area="area", _manager_class=models.Manager.from_queryset(queryset_class)
    )


class TenantModel(models.Model):
    """A row owned by one Area (område). Every tenant-owned model inherits this."""

    area = models.ForeignKey(
        "municipalities.Area",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("area"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager()

    class Meta:
        abstract = True


# --- Access: what the current principal may do, per area ----------------------------


@dataclass(frozen=True)
class Access:
    """A user's (or API key's) effective roles per area, computed once per request."""

    user_id: int | None
    roles_by_area: dict[int, frozenset[str]] = field(default_factory=dict)
    api_key_id: int | None = None
    # A user's areas by slug (with parent and police district), read with the roles:
    # every page under /o/<slug>/ and the area switcher need them.
    areas_by_slug: dict[str, Area] = field(default_factory=dict)

    @property
    def area_ids(self) -> list[int]:
        return sorted(self.roles_by_area)

    def area(self, slug: str) -> Area | None:
        """The user's area with this slug (None for an area they have no role in)."""
        return self.areas_by_slug.get(slug)

    @property
    def areas(self) -> list[Area]:
        """The user's areas in name order."""
        return sorted(self.areas_by_slug.values(), key=lambda a: (a.name, a.pk))

    def roles(self, area: Area | int) -> frozenset[str]:
        return self.roles_by_area.get(_area_id(area), frozenset())

    def has_area(self, area: Area | int) -> bool:
        return _area_id(area) in self.roles_by_area

    def has_role(self, area: Area | int, *roles: str) -> bool:
        return bool(self.roles(area) & set(roles))

    def area_ids_with(self, roles: Iterable[str]) -> list[int]:
        wanted = set(roles)
        return sorted(a for a, r in self.roles_by_area.items() if r & wanted)

    @property
    def is_api_key(self) -> bool:
        return self.api_key_id is not None


NO_ACCESS = Access(user_id=None)


def _area_id(area: Area | int) -> int:
    return area if isinstance(area, int) else area.pk


def access_for_request(request: HttpRequest) -> Access:
    """The request's Access; DRF puts a machine client's ApiKey in ``request.auth``."""
    from municipalities import selectors

    api_key = getattr(request, "auth", None)
    if api_key is not None and getattr(api_key, "is_api_key", False):
        return selectors.access_for_api_key(api_key=api_key)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return NO_ACCESS
    if (signed_in := getattr(user, "_slt_access", None)) is not None:
        return signed_in  # read with the user (municipalities.backends)
    cached = getattr(request, "_slt_access", None)
    if cached is None or cached.user_id != user.pk:
        cached = selectors.access_for_user(user=user)
        request._slt_access = cached
    return cached


class AccessMiddleware:
    """Gives every request a lazy ``request.access``.

    The admin site is for platform staff and spans all areas, so its requests run
    with scopes disabled (Django's admin checks ``is_staff`` itself).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = SimpleLazyObject(lambda: access_for_request(request))
        if request.path.startswith(ADMIN_PREFIX):
            with scopes_disabled():
                return self.get_response(request)
        return self.get_response(request)


ADMIN_PREFIX = "/admin/"


# --- Views --------------------------------------------------------------------------


def area_view(*roles: str) -> Callable:
    """Decorate a view under ``/o/<area_slug>/``.

    Resolves the area, answers 404 when it is unknown or the user has no role in it,
    403 when the user's roles there are not among ``roles`` (when given), and runs the
    view inside a django-scopes scope for that area, rendering lazy responses inside
    the scope as well.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, area_slug: str, *args: Any, **kwargs: Any):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            access = access_for_request(request)
            area = access.area(area_slug)
            if area is None:
                raise Http404(_("No such area, or you have no access to it."))
            if roles and not access.has_role(area, *roles):
                raise PermissionDenied(_("Your role in this area does not allow this."))
            request.area = area
            request.area_roles = access.roles(area)
            with scope(area=scope_area_ids(access, area)):
                return rendered(view(request, *args, **kwargs))

        wrapped.area_view_roles = frozenset(roles)
        return wrapped

    return decorator


def rendered(response: HttpResponse) -> HttpResponse:
    """A lazy (template) response rendered now, e.g. while a scope is still open."""
    if hasattr(response, "render") and callable(response.render):
        return response.render()
    return response


def scope_area_ids(access: Access, area: Area) -> list[int]:
    """The areas a view in ``area`` may read: itself, plus the children it aggregates.

    A secretariat member at a parent area (Oslo) reads its districts' aggregates, so
    their rows must be reachable from the parent's pages.
    """
    if "secretariat" in access.roles(area):
        return [area.pk, *(a for a in access.area_ids if a != area.pk)]
    return [area.pk]


def user_scope(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view outside ``/o/<slug>/`` that reads from every area of the user."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        access = access_for_request(request)
        with scope(area=access.area_ids):
            return rendered(view(request, *args, **kwargs))

    return wrapped


def require_role(request: HttpRequest, *roles: str) -> None:
    """Refuse (403) when the user holds none of ``roles`` in the current area."""
    if not (request.area_roles & set(roles)):
        raise PermissionDenied(_("Your role in this area does not allow this."))
