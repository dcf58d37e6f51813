"""Start-page panels: the area's plan and measures, and the årshjul's next tasks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from actionplans import policy, selectors
from slt_portal.navigation import area_panel


@area_panel(30)
def plans_panel(request: HttpRequest) -> dict | None:
    """Handlingsplan: the active plan, measures by status, overdue and my measures."""
    area_roles = request.area_roles
    if not area_roles & policy.PLAN_READERS:
        return None
    area, today = request.area, timezone.localdate()
    plan = selectors.active_plan(area=area, today=today)
    visible_plans = selectors.plan_list(area=area, area_roles=area_roles)
    if plan is None and not visible_plans.exists():
        return None
    counts = selectors.measure_list(area=area, area_roles=area_roles).aggregate(
        active=Count("pk", filter=Q(status="active"), distinct=True),
        planned=Count("pk", filter=Q(status="planned"), distinct=True),
        overdue=Count("pk", filter=selectors.overdue_condition(today), distinct=True),
    )
    mine = 0
    if area_roles & policy.PROGRESS_ROLES:
        mine = (
            selectors.measure_list(
                area=area,
                area_roles=area_roles,
                owner=request.user,
                agency_ids=selectors.user_agency_ids(user=request.user, area=area),
            )
            .exclude(status__in=["completed", "handed_over", "stopped"])
            .count()
        )
    return {
        "template": "actionplans/_panel_plans.html",
        "plan": plan,
        "counts": counts,
        "mine": mine,
        "pending": visible_plans.filter(status__in=["draft", "submitted"]).count()
        if policy.can_write_plan(area_roles, "action_plan")
        else 0,
    }


@area_panel(40)
def cycle_panel(request: HttpRequest) -> dict | None:
    """Årshjul: the next open tasks (the user's own first) and rule R6."""
    if not request.area_roles & policy.CYCLE_READERS:
        return None
    area, today = request.area, timezone.localdate()
    upcoming = list(
        selectors.cycle_tasks(
            area=area,
            status="open",
            start=today - dt.timedelta(days=30),
            end=today + dt.timedelta(days=30),
        )[:6]
    )
    warnings = selectors.cycle_warnings(area=area, today=today)
    if not upcoming and not warnings:
        return None
    return {
        "template": "actionplans/_panel_cycle.html",
        "tasks": upcoming,
        "warnings": warnings,
        "today": today,
    }
