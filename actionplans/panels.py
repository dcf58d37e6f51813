"""Start-page panels: the area's plan and measures, plans awaiting approval, the
measures to update (with a quick update form), the årshjul's next tasks, and the city
secretariat's districts side by side."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from actionplans import policy, selectors
from actionplans.models import ProgressUpdate
from meetings import selectors as meeting_selectors
from municipalities import roles
from municipalities import selectors as area_selectors
from slt_portal.navigation import area_panel, start_panel
from slt_portal.tenancy import access_for_request


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
    counts = selectors.measure_status_counts(area=area, area_roles=area_roles)
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
        "awaiting_approval": selectors.plans_awaiting_approval(
            area=area, area_roles=area_roles
        )
        if roles.STEERING_MEMBER in area_roles
        else [],
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


def _quick_update_panel(request: HttpRequest, roles_by_area, next_url: str):
    measures = selectors.measures_to_update(
        user=request.user, roles_by_area=roles_by_area
    )
    if not measures:
        return None
    return {
        "template": "actionplans/_panel_quick_update.html",
        "measures": measures,
        "ratings": ProgressUpdate.Rating.choices,
        "next": next_url,
        "several_areas": len({m.area_id for m in measures}) > 1,
    }


@area_panel(22)
def measures_to_update_panel(request: HttpRequest) -> dict | None:
    """Tiltak to update, with a one-handed quick update (politikontakt, teams)."""
    area_roles = request.area_roles
    if roles.COORDINATOR in area_roles or not area_roles & policy.PROGRESS_ROLES:
        return None
    return _quick_update_panel(
        request, {request.area.pk: area_roles}, request.get_full_path()
    )


@start_panel(10)
def measures_to_update_everywhere(request: HttpRequest) -> dict | None:
    """The same across all the user's areas, on the global start page."""
    access = access_for_request(request)
    return _quick_update_panel(
        request, access.roles_by_area, reverse("start") + "?all=1"
    )


@area_panel(3)
def districts_panel(request: HttpRequest) -> dict | None:
    """Bysekretariatet: every district side by side, meeting health and plan
    progress (aggregates only, rule C1)."""
    if roles.SECRETARIAT not in request.area_roles:
        return None
    districts = area_selectors.area_children(area=request.area)
    if not districts:
        return None
    today = timezone.localdate()
    health = meeting_selectors.district_health(areas=districts, today=today)
    progress = selectors.district_plan_progress(
        area_ids=[d.pk for d in districts], today=today
    )
    return {
        "template": "actionplans/_panel_districts.html",
        "rows": [
            {"area": d, "health": health[d.pk], "plan": progress.get(d.pk)}
            for d in districts
        ],
    }
