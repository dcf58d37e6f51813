"""Who may read and write plans, measures, indicators, the problem picture and the
årshjul, by role in an area (domain.md §3.1). Views and API views ask here; business
rules (lifecycles, P1–P6) live in the services.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from actionplans.models import ActionPlan
from municipalities import roles

# Plan statuses per reading role. Drafts are working documents of the area's
# structure; the steering level also sees what is submitted to it; read-only roles
# and machine clients see only adopted plans (domain.md §3.1: «approved plans»).
ADOPTED = frozenset(
    {
        ActionPlan.Status.APPROVED,
        ActionPlan.Status.ENDED,
        ActionPlan.Status.SUPERSEDED,
    }
)
ALL_STATUSES = frozenset(ActionPlan.Status.values)
STATUSES_FOR_ROLE: dict[str, frozenset[str]] = {
    roles.COORDINATOR: ALL_STATUSES,
    roles.COORDINATION_MEMBER: ALL_STATUSES,
    roles.OPERATIVE: ALL_STATUSES,
    roles.POLICE_CONTACT: ALL_STATUSES,
    roles.STEERING_MEMBER: ADOPTED | {ActionPlan.Status.SUBMITTED},
    roles.SECRETARIAT: ADOPTED,
    roles.VIEWER: ADOPTED,
    roles.SYSTEM_CLIENT: ADOPTED,
}

PLAN_READERS = roles.ALL_ROLES
PLAN_API_READERS = roles.ALL_ROLES | {roles.SYSTEM_CLIENT}
PLAN_WRITERS = frozenset({roles.COORDINATOR, roles.SECRETARIAT})
PLAN_APPROVERS = frozenset(
    {roles.COORDINATOR, roles.STEERING_MEMBER, roles.SECRETARIAT}
)
# Progress may be logged by these roles on measures of their own agency (and by the
# measure's owner whatever their role); the coordinator logs on any measure.
PROGRESS_ROLES = frozenset(
    {
        roles.COORDINATOR,
        roles.COORDINATION_MEMBER,
        roles.OPERATIVE,
        roles.POLICE_CONTACT,
    }
)
MEASURE_READERS = roles.ALL_ROLES
INDICATOR_READERS = roles.ALL_ROLES
INDICATOR_API_READERS = roles.ALL_ROLES | {roles.SYSTEM_CLIENT}
INDICATOR_WRITERS = frozenset({roles.COORDINATOR})
CYCLE_READERS = roles.WORKING_ROLES | {roles.SECRETARIAT}
CYCLE_WRITERS = frozenset({roles.COORDINATOR, roles.SECRETARIAT})
PICTURE_READERS = roles.ALL_ROLES
PICTURE_WRITERS = frozenset({roles.COORDINATOR, roles.POLICE_CONTACT})


def plan_statuses(area_roles: Iterable[str]) -> frozenset[str]:
    """The plan statuses a holder of ``area_roles`` may see."""
    found: set[str] = set()
    for role in area_roles:
        found |= STATUSES_FOR_ROLE.get(role, frozenset())
    return frozenset(found)


def plan_visibility(area_roles: Iterable[str], prefix: str = "") -> Q:
    """A filter on ActionPlan (or on ``prefix`` + plan) for what ``area_roles`` may
    see in one area.

    The city secretariat drafts the city programme, so it sees programmes in every
    status; other plans only once adopted.
    """
    area_roles = frozenset(area_roles)
    condition = Q(**{f"{prefix}status__in": plan_statuses(area_roles)})
    if roles.SECRETARIAT in area_roles:
        condition |= Q(**{f"{prefix}kind": ActionPlan.Kind.PROGRAMME})
    return condition


def plan_visibility_by_area(
    roles_by_area: dict[int, frozenset[str]], prefix: str = ""
) -> Q:
    """``plan_visibility`` across several areas (the API), on ``prefix`` + plan."""
    condition = Q(pk__in=[])
    for area_id, area_roles in roles_by_area.items():
        condition |= Q(**{f"{prefix}area_id": area_id}) & plan_visibility(
            area_roles, prefix
        )
    return condition


def can_write_plan(area_roles: Iterable[str], plan_kind: str) -> bool:
    """Coordinators write local plans; the secretariat writes the city programme."""
    area_roles = frozenset(area_roles)
    if plan_kind == ActionPlan.Kind.PROGRAMME:
        return roles.SECRETARIAT in area_roles or roles.COORDINATOR in area_roles
    return roles.COORDINATOR in area_roles


def writable_kinds(area_roles: Iterable[str]) -> list[str]:
    return [k for k in ActionPlan.Kind.values if can_write_plan(area_roles, k)]


def can_approve_plan(area_roles: Iterable[str], plan_kind: str) -> bool:
    """The coordinator (as secretary) or a steering member records the decision."""
    area_roles = frozenset(area_roles)
    if plan_kind == ActionPlan.Kind.PROGRAMME:
        return bool(area_roles & {roles.SECRETARIAT, roles.COORDINATOR})
    return bool(area_roles & {roles.COORDINATOR, roles.STEERING_MEMBER})


def can_log_progress(
    *, area_roles: Iterable[str], user, measure, agency_ids: Iterable[int]
) -> bool:
    """The coordinator, the measure's owner, or a working member of an agency that
    is responsible for or contributes to the measure."""
    area_roles = frozenset(area_roles)
    if roles.COORDINATOR in area_roles or measure.owner_id == user.pk:
        return True
    if not area_roles & PROGRESS_ROLES:
        return False
    involved = {measure.responsible_agency_id} | {
        a.pk for a in measure.contributors.all()
    }
    return bool(involved & set(agency_ids))


def picture_kinds_for(area_roles: Iterable[str]) -> list[str]:
    """Problem-picture kinds the roles may write: the police write theirs."""
    from reports.models import StatusReport

    area_roles = frozenset(area_roles)
    if roles.COORDINATOR in area_roles:
        return [
            StatusReport.Kind.CHALLENGE_PICTURE,
            StatusReport.Kind.POLICE_TERTIAL,
            StatusReport.Kind.MAPPING_REPORT,
        ]
    if roles.POLICE_CONTACT in area_roles:
        return [StatusReport.Kind.CHALLENGE_PICTURE, StatusReport.Kind.POLICE_TERTIAL]
    return []
