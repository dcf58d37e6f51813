"""Panels on the area start page: the coordinator's health check, and each member's
next meetings and open follow-ups."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from meetings import selectors
from meetings.health import area_health
from meetings.policy import MEETING_ROLES, group_access
from municipalities import roles
from slt_portal.navigation import area_panel


@area_panel(10)
def structure_health(request: HttpRequest) -> dict | None:
    """For the coordinator: groups falling behind, straight on the start page."""
    if roles.COORDINATOR not in request.area_roles:
        return None
    health = area_health(area=request.area, today=timezone.localdate())
    return {
        "template": "meetings/panel_health.html",
        "behind": [h for h in health if h.behind],
        "group_count": len(health),
        "minutes_overdue": sum(h.minutes_overdue for h in health),
        "overdue_follow_ups": sum(h.overdue_follow_ups for h in health),
        "matters_to_answer": sum(h.matters_to_answer for h in health),
    }


@area_panel(20)
def my_meetings(request: HttpRequest) -> dict | None:
    """For everyone who takes part: next meetings and own open follow-ups."""
    if not request.area_roles & MEETING_ROLES:
        return None
    reach = group_access(request)
    follow_ups = selectors.follow_up_list(
        area=request.area, access=reach, owner=request.user, status="open"
    )
    return {
        "template": "meetings/panel_mine.html",
        "meetings": selectors.upcoming_meetings(area=request.area, access=reach),
        "follow_ups": list(follow_ups[:5]),
    }
