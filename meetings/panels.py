"""Panels on the start pages: the coordinator's work for today and health check, each
member's next meetings, follow-ups and matters, and (on the global start page) the
next meetings in all the user's areas."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from meetings import selectors
from meetings.health import area_health
from meetings.models import Matter
from meetings.policy import MEETING_ROLES, group_access
from municipalities import roles
from slt_portal.navigation import area_panel, start_panel
from slt_portal.tenancy import access_for_request

SHOWN = 5


@area_panel(5)
def coordinator_today(request: HttpRequest) -> dict | None:
    """For the coordinator: this week's meetings, items to screen, overdue
    follow-ups and matters waiting for the area's answer."""
    if roles.COORDINATOR not in request.area_roles:
        return None
    area, reach = request.area, group_access(request)
    to_screen = selectors.agenda_queue(area=area, access=reach)
    overdue = selectors.follow_up_list(area=area, access=reach, overdue=True)
    to_answer = selectors.matter_list(
        area=area, access=reach, box="received", status="open"
    ).order_by("due_date", "raised_at")
    return {
        "template": "meetings/panel_today.html",
        "week": selectors.meetings_this_week(area=area, access=reach),
        "to_screen": list(to_screen[:SHOWN]),
        "to_screen_count": to_screen.count(),
        "overdue": list(overdue[:SHOWN]),
        "overdue_count": overdue.count(),
        "to_answer": list(to_answer[:SHOWN]),
        "to_answer_count": to_answer.count(),
    }


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


@area_panel(25)
def group_work(request: HttpRequest) -> dict | None:
    """For members of groups (not the coordinator, who has the panel above): the
    follow-ups of their groups' decisions and the matters their groups raised."""
    if roles.COORDINATOR in request.area_roles or not (
        request.area_roles & MEETING_ROLES
    ):
        return None
    area, reach = request.area, group_access(request)
    if not reach.member_group_ids:
        return None
    follow_ups = selectors.follow_up_list(
        area=area, access=reach, status="open"
    ).exclude(owner=request.user)
    raised = selectors.matter_list(area=area, access=reach, box="sent").exclude(
        status=Matter.Status.CLOSED
    )
    shown_follow_ups, shown_raised = list(follow_ups[:SHOWN]), list(raised[:SHOWN])
    if not shown_follow_ups and not shown_raised:
        return None
    return {
        "template": "meetings/panel_groups.html",
        "follow_ups": shown_follow_ups,
        "follow_up_count": follow_ups.count()
        if len(shown_follow_ups) == SHOWN
        else len(shown_follow_ups),
        "raised": shown_raised,
        "today": timezone.localdate(),
    }


@start_panel(20)
def next_meetings_everywhere(request: HttpRequest) -> dict | None:
    """The next meetings in every area the user works in (e.g. a politikontakt
    serving several districts)."""
    access = access_for_request(request)
    area_ids = access.area_ids_with(MEETING_ROLES)
    if not area_ids:
        return None
    return {
        "template": "meetings/panel_start_meetings.html",
        "meetings": selectors.upcoming_meetings_across(
            access=group_access(request), area_ids=area_ids, limit=6
        ),
    }
