"""The årshjul's secret calendar address (iCal). It lives outside /o/<area>/ because
calendar programs have no session: the unguessable, revocable token is the key."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_scopes import scope

from actionplans import selectors, services
from actionplans.ical import cycle_calendar


@require_GET
def cycle_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """Årshjulet som kalender (text/calendar); 404 for an unknown or stopped token."""
    feed = services.cycle_feed_by_token(raw=token)
    if feed is None:
        raise Http404
    area = feed.area
    with scope(area=[area.pk]):
        tasks = selectors.cycle_feed_tasks(area=area, today=timezone.localdate())
        body = cycle_calendar(
            area=area,
            tasks=tasks,
            name=_("Annual cycle – %(area)s") % {"area": area.name},
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="arshjul.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
