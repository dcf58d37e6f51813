"""Reads for areas, agencies, users and memberships."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from municipalities import roles
from municipalities.models import (
    Agency,
    ApiKey,
    Area,
    Group,
    GroupMember,
    Membership,
    User,
)
from slt_portal import areacache
from slt_portal.tenancy import Access


def area_get_by_slug(*, slug: str) -> Area | None:
    """The active area with this slug, or None."""
    return (
        Area.objects.filter(slug=slug, is_active=True)
        .select_related("parent", "police_district")
        .first()
    )


def access_for_user(*, user: User) -> Access:
    """The user's effective roles per area today, and those areas.

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
    areas = []
    if by_area:
        areas = list(
            Area.objects.filter(
                Q(pk__in=by_area)
                | Q(parent_id__in=parents)
                | Q(parent__parent_id__in=parents),
                is_active=True,
            ).select_related("parent", "police_district")
        )
    for area in areas:
        if area.pk not in by_area:  # a descendant of a secretariat's area
            by_area[area.pk].add(roles.SECRETARIAT)
    return Access(
        user_id=user.pk,
        roles_by_area={area: frozenset(r) for area, r in by_area.items()},
        areas_by_slug={area.slug: area for area in areas},
    )


def signed_in_user(*, user_id: int) -> User | None:
    """The signed-in user with their Access (``user._slt_access``), read once and
    cached until their row, their memberships or any area changes, or the day ends
    (memberships start and end by date)."""

    def build() -> tuple[User, Access] | None:
        user = User.objects.filter(pk=user_id).first()
        return None if user is None else (user, access_for_user(user=user))

    found = areacache.stamped(
        "signed-in",
        depends_on=[areacache.REGISTRY, areacache.user_version(user_id)],
        parts=(user_id, timezone.localdate().isoformat()),
        build=build,
    )
    if found is None:
        return None
    user, access = found
    user._slt_access = access
    return user


def access_for_api_key(*, api_key: ApiKey) -> Access:
    """An API key acts in one area with one role."""
    return Access(
        user_id=api_key.service_user_id,
        roles_by_area={api_key.area_id: frozenset({api_key.role})},
        api_key_id=api_key.pk,
        areas_by_slug={api_key.area.slug: api_key.area},
    )


def user_areas_with_roles(*, access: Access) -> list[tuple[Area, list[str]]]:
    """The user's areas in name order, each with its role labels, for menus."""
    from municipalities.models import Role

    labels = dict(Role.choices)
    return [
        (area, sorted(str(labels[r]) for r in access.roles(area)))
        for area in access.areas
    ]


def api_key_get_by_raw_key(*, raw_key: str) -> ApiKey | None:
    """The key matching ``raw_key`` (any state), looked up by its SHA-256 digest;
    cached until any key or area changes (a revoked key fails at once)."""
    digest = hashlib.sha256(raw_key.encode()).hexdigest()

    def build() -> ApiKey | None:
        with scopes_disabled():
            return (
                ApiKey.objects.select_related("area", "service_user")
                .filter(key_hash=digest)
                .first()
            )

    return areacache.stamped(
        "api-key", depends_on=[areacache.REGISTRY], parts=(digest,), build=build
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


# --- Area tree and groups (organer) --------------------------------------------------


def area_ancestor_ids(*, area: Area) -> list[int]:
    """The area's parent, grandparent… nearest first (areas nest at most 3 deep)."""
    ids: list[int] = []
    parent_id = area.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = (
            Area.objects.filter(pk=parent_id)
            .values_list("parent_id", flat=True)
            .first()
        )
    return ids


def area_children(*, area: Area) -> list[Area]:
    """The area's child areas (an Oslo's bydeler), by name."""
    return list(Area.objects.filter(parent_id=area.pk).order_by("name"))


def area_descendant_ids(*, area: Area) -> list[int]:
    """The area's children and grandchildren."""
    return list(
        Area.objects.filter(
            Q(parent_id=area.pk) | Q(parent__parent_id=area.pk)
        ).values_list("pk", flat=True)
    )


def group_list(*, area: Area) -> QuerySet[Group]:
    """The area's groups (organer), steering level first."""
    from django.db.models import Case, Count, IntegerField, When

    level_order = Case(
        When(level=Group.Level.STEERING, then=0),
        When(level=Group.Level.COORDINATING, then=1),
        default=2,
        output_field=IntegerField(),
    )
    today = timezone.localdate()
    active = Q(members__start_date__lte=today) & (
        Q(members__end_date__isnull=True) | Q(members__end_date__gte=today)
    )
    return (
        Group.objects.for_area(area)
        .select_related("reports_to", "reports_to__area")
        .annotate(
            level_order=level_order,
            member_count=Count("members", filter=active, distinct=True),
        )
        .order_by("level_order", "dissolved_on", "name")
    )


def group_get_for_user(*, area: Area, pk: int) -> Group:
    """One group of the area, or 404 (missing and elsewhere look the same)."""
    try:
        return (
            Group.objects.for_area(area)
            .select_related("reports_to", "reports_to__area", "anchored_in")
            .get(pk=pk)
        )
    except Group.DoesNotExist as exc:
        raise Http404 from exc


def group_members(*, group: Group, include_ended: bool = False):
    """Members of a group, current ones first; ended rows are kept as history."""
    today = timezone.localdate()
    rows = GroupMember.objects.for_area(group.area_id).filter(group=group)
    if not include_ended:
        rows = rows.active_on(today)
    return rows.select_related("user", "agency").order_by(
        "end_date", "role", "user__full_name"
    )


def group_member_get_for_user(*, group: Group, pk: int) -> GroupMember:
    try:
        return group_members(group=group, include_ended=True).get(pk=pk)
    except GroupMember.DoesNotExist as exc:
        raise Http404 from exc


def group_parent_choices(*, area: Area) -> QuerySet[Group]:
    """Groups a group of ``area`` may report to: its own area's and its ancestors'
    (a bydel styringsgruppe reports to Politirådet i Oslo). Read across areas on
    purpose, limited to the ancestors."""
    ids = [area.pk, *area_ancestor_ids(area=area)]
    return (
        Group.objects.with_scope(area=ids)
        .filter(dissolved_on__isnull=True)
        .select_related("area")
        .order_by("area__name", "level", "name")
    )


def covered_area_choices(*, area: Area) -> QuerySet[Area]:
    """Areas a regional group of ``area`` may cover: itself and its descendants."""
    return Area.objects.filter(
        Q(pk=area.pk) | Q(parent_id=area.pk) | Q(parent__parent_id=area.pk),
        is_active=True,
    ).order_by("name")


def people_for_groups(*, area: Area) -> QuerySet[User]:
    """People who can be made group members here: roles in the area or its parent,
    or already a member of one of its groups."""
    ids = [area.pk, *area_ancestor_ids(area=area)[:1]]
    with scopes_disabled():
        role_users = Membership.objects.filter(area_id__in=ids).values("user_id")
        member_users = GroupMember.objects.filter(area_id=area.pk).values("user_id")
        return User.objects.filter(
            Q(pk__in=role_users) | Q(pk__in=member_users),
            is_active=True,
            is_service_account=False,
        ).order_by("full_name")


def active_membership_for(*, user: User, area: Area, role: str) -> Membership | None:
    return (
        Membership.objects.for_area(area)
        .filter(user=user, role=role)
        .active_on(timezone.localdate())
        .select_related("agency")
        .first()
    )
