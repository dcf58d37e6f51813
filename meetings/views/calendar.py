"""Kalender: a personal, secret iCalendar address (revocable) for all the user's
meetings and for each group, outside /o/<area>/ and without a session.

A feed is scoped like the pages: it holds only meetings of groups the token's owner
may see *now* (roles and memberships are read on every request), so an ended role
or membership drops out of the feed at once, and a revoked token answers 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_scopes import scope

from meetings import calendar_feeds, ical, services
from meetings.models import CalendarToken


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Kalenderabonnement: the user's feed addresses, to paste into Outlook etc."""
    token = calendar_feeds.active_token(user=request.user)
    feeds = []
    if token is not None:
        feeds = calendar_feeds.feed_links(token=token, user=request.user)
    context = {"token": token, "feeds": feeds, "site_url": settings.SITE_URL}
    return render(request, "meetings/calendar.html", context)


@require_POST
@login_required
def calendar_token_new(request: HttpRequest) -> HttpResponse:
    services.calendar_token_create(user=request.user)
    messages.success(
        request,
        _("Your calendar address is ready. Any earlier address has stopped working."),
    )
    return redirect("calendar:settings")


@require_POST
@login_required
def calendar_token_revoke(request: HttpRequest) -> HttpResponse:
    services.calendar_token_revoke(user=request.user)
    messages.success(request, _("Your calendar addresses no longer work."))
    return redirect("calendar:settings")


def _token_or_404(raw: str) -> CalendarToken:
    token = calendar_feeds.token_lookup(raw=raw)
    if token is None:
        raise Http404
    services.calendar_token_touch(token=token)
    return token


def _ics(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@never_cache
@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every meeting of every group the user may see, in all their areas."""
    owner = _token_or_404(token).user
    access = calendar_feeds.access_of(user=owner)
    with scope(area=access.area_ids):
        meetings = calendar_feeds.feed_meetings(user=owner, access=access)
        body = ical.calendar_bytes(
            meetings, name=_("SLT meetings – %(name)s") % {"name": owner.full_name}
        )
    return _ics(body)


@never_cache
@require_GET
def group_feed(request: HttpRequest, token: str, group_id: int) -> HttpResponse:
    """One group's meetings; 404 unless the token's owner may see that group."""
    owner = _token_or_404(token).user
    access = calendar_feeds.access_of(user=owner)
    with scope(area=access.area_ids):
        group = calendar_feeds.visible_group(access=access, group_id=group_id)
        meetings = calendar_feeds.feed_meetings(user=owner, access=access, group=group)
        body = ical.calendar_bytes(meetings, name=f"{group.name} ({group.area.name})")
    return _ics(body)
