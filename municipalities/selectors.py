"""Reads for areas, agencies, users and memberships."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from municipalities import roles
from municipalities.models import Agency, ApiKey, Area, Membership, User
from slt_portal.tenancy import Access


def area_get_by_slug(*, slug: str) -> Area | None:
    """The active area with this slug, or None."""
    return (
        Area.objects.filter(slug=slug, is_active=True).select_related("parent").first()
    )


def access_for_user(*, user: User) -> Access:
    """The user's effective roles per area today.

    A secretariat member at a parent area also holds ``secretariat`` in its
    descendants: the city secretariat reads its districts' aggregates.
    """
    today = timezone.localdate()
    with scopes_disabled():
        rows = (
            Membership.objects.filter(user=user, area__is_active=True)
            .active_on(today)
            .values_list("area_id", "role")
        )
        by_area: dict[int, set[str]] = defaultdict(set)
        for area_id, role in rows:
            by_area[area_id].add(role)
    parents = [a for a, r in by_area.items() if roles.SECRETARIAT in r]
    if parents:
        descendants = Area.objects.filter(
            Q(parent_id__in=parents) | Q(parent__parent_id__in=parents), is_active=True
        ).values_list("pk", flat=True)
        for area_id in descendants:
            by_area[area_id].add(roles.SECRETARIAT)
    return Access(
        user_id=user.pk,
        roles_by_area={area: frozenset(r) for area, r in by_area.items()},
    )


def access_for_api_key(*, api_key: ApiKey) -> Access:
    """An API key acts in one area with one role."""
    return Access(
        user_id=api_key.service_user_id,
        roles_by_area={api_key.area_id: frozenset({api_key.role})},
        api_key_id=api_key.pk,
    )


def areas_for_access(*, access: Access) -> QuerySet[Area]:
    return Area.objects.filter(pk__in=access.area_ids).select_related("parent")


def user_areas_with_roles(*, user: User) -> list[tuple[Area, list[str]]]:
    """The user's areas in name order, each with its role labels, for menus."""
    from municipalities.models import Role

    access = access_for_user(user=user)
    labels = dict(Role.choices)
    return [
        (area, sorted(str(labels[r]) for r in access.roles(area)))
        for area in areas_for_access(access=access)
    ]


def api_key_get_by_raw_key(*, raw_key: str) -> ApiKey | None:
    """The key matching ``raw_key`` (any state), looked up by its SHA-256 digest."""
    digest = hashlib.sha256(raw_key.encode()).hexdigest()
    with scopes_disabled():
        return (
            ApiKey.objects.select_related("area", "service_user")
            .filter(key_hash=digest)
            .first()
        )


def api_key_list(*, area: Area) -> QuerySet[ApiKey]:
    return ApiKey.objects.for_area(area).select_related("created_by", "revoked_by")


def api_key_get_for_user(*, area: Area, pk: int) -> ApiKey:
    try:
        return api_key_list(area=area).get(pk=pk)
    except ApiKey.DoesNotExist as exc:
        raise Http404 from exc


def agency_list(*, area: Area) -> QuerySet[Agency]:
    """Agencies an area's members can represent: its own and its ancestors' (city)."""
    ids = [area.pk] + ([area.parent_id] if area.parent_id else [])
    with scopes_disabled():
        return Agency.objects.filter(area_id__in=ids, is_active=True).select_related(
            "area"
        )


def membership_list(*, area: Area) -> QuerySet[Membership]:
    return (
        Membership.objects.for_area(area)
        .active_on(timezone.localdate())
        .select_related("user", "agency")
        .order_by("user__full_name", "role")
    )


def role_labels(role_values) -> list[str]:
    from municipalities.models import Role

    labels = dict(Role.choices)
    return sorted(str(labels.get(r, r)) for r in role_values)


def area_breadcrumbs(area: Area, *trail: tuple[str, str | None]) -> list[dict]:
    """Breadcrumbs from the start page through the area; ``trail`` holds translated
    (label, url) pairs, the last one being the current page."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    crumbs = [
        {"label": _("Start"), "url": reverse("start") + "?all=1"},
        {
            "label": area.name,
            "url": reverse("municipalities:area_home", kwargs={"area_slug": area.slug}),
        },
    ]
    return crumbs + [{"label": label, "url": url} for label, url in trail]
