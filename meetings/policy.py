"""Who may see and run a group's meetings.

Issue rule: only members of a group (and the area's coordinator) see its non-public
content: agendas, minutes, attendance, decisions, follow-ups and matters. A group's
name, mandate and members are organisational facts, shown on the group pages.
Running a group's meetings (scheduling, screening, minutes) is for the area's
coordinator and the group's secretary (domain.md M3, M5).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from municipalities import roles
from municipalities.models import Group, GroupMember
from slt_portal.tenancy import Access, access_for_request

# Roles that may open meeting pages at all (then filtered by group membership).
MEETING_ROLES = roles.WORKING_ROLES | {roles.SECRETARIAT}


@dataclass(frozen=True)
class GroupAccess:
    """A user's reach into groups, for one request, across all their areas."""

    user_id: int | None
    coordinator_area_ids: frozenset[int]
    member_group_ids: frozenset[int]
    secretary_group_ids: frozenset[int]

    def can_view(self, group: Group) -> bool:
        return (
            group.area_id in self.coordinator_area_ids
            or group.pk in self.member_group_ids
        )

    def can_manage(self, group: Group) -> bool:
        return (
            group.area_id in self.coordinator_area_ids
            or group.pk in self.secretary_group_ids
        )

    def is_coordinator(self, area) -> bool:
        return getattr(area, "pk", area) in self.coordinator_area_ids

    def visible_q(self, group_path: str = "group") -> Q:
        """Rows whose group (at ``group_path``) the user may see."""
        return Q(**{f"{group_path}__area_id__in": self.coordinator_area_ids}) | Q(
            **{f"{group_path}_id__in": self.member_group_ids}
        )

    def managed_q(self, group_path: str = "group") -> Q:
        return Q(**{f"{group_path}__area_id__in": self.coordinator_area_ids}) | Q(
            **{f"{group_path}_id__in": self.secretary_group_ids}
        )


def group_access_for(*, access: Access) -> GroupAccess:
    """Build :class:`GroupAccess` from an Access (one query for memberships)."""
    meeting_area_ids = access.area_ids_with(MEETING_ROLES)
    coordinator_area_ids = frozenset(access.area_ids_with({roles.COORDINATOR}))
    rows: list[tuple[int, str]] = []
    if access.user_id is not None and meeting_area_ids:
        rows = list(
            GroupMember.objects.with_scope(area=meeting_area_ids)
            .filter(user_id=access.user_id)
            .active_on(timezone.localdate())
            .values_list("group_id", "role")
        )
    return GroupAccess(
        user_id=access.user_id,
        coordinator_area_ids=coordinator_area_ids,
        member_group_ids=frozenset(group for group, _role in rows),
        secretary_group_ids=frozenset(
            group for group, role in rows if role == GroupMember.Role.SECRETARY
        ),
    )


def group_access(request: HttpRequest) -> GroupAccess:
    """The request's GroupAccess, computed once."""
    cached = getattr(request, "_slt_group_access", None)
    if cached is None:
        cached = group_access_for(access=access_for_request(request))
        request._slt_group_access = cached
    return cached
