"""Koordinatorens oversikt: the health of the SLT structure, every morning."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.health import area_health
from meetings.views.common import access, meetings_crumbs
from municipalities import roles
from slt_portal.tenancy import area_view


@area_view(roles.COORDINATOR)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Per group: meetings against the frequency rule, attendance by agency, open and
    overdue follow-ups, matters waiting; groups that fall behind are flagged."""
    area, reach = request.area, access(request)
    today = timezone.localdate()
    health = area_health(area=area, today=today)
    context = {
        "area": area,
        "today": today,
        "health": health,
        "behind": [h for h in health if h.behind],
        "queue_count": selectors.agenda_queue(area=area, access=reach).count(),
        "overdue": list(
            selectors.follow_up_list(area=area, access=reach, overdue=True)[:10]
        ),
        "to_answer": list(
            selectors.matter_list(
                area=area, access=reach, box="received", status="open"
            )[:10]
        ),
        "breadcrumbs": meetings_crumbs(
            request, (_("Overview for the coordinator"), None)
        ),
    }
    return render(request, "meetings/dashboard.html", context)
