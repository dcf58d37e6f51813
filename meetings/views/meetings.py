"""Møter: list, plan (single or series), the meeting page, change, invite, hold,
cancel, and the .ics download."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import ical, selectors, services
from meetings.forms import CancelForm, MeetingForm, SeriesForm
from meetings.models import AgendaItem, Meeting
from meetings.policy import MEETING_ROLES
from meetings.views.common import (
    access,
    get_meeting,
    meeting_crumbs,
    meetings_crumbs,
    pagination_query,
    url,
)
from slt_portal.areacache import cached_page
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

PAGE_SIZE = 25


@area_view(*MEETING_ROLES)
@cached_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Møteoversikt: upcoming meetings first; earlier ones on the second tab.

    Cached whole per user and address until the area changes: meetings are listed
    far more often than planned."""
    area, reach = request.area, access(request)
    earlier = request.GET.get("when") == "earlier"
    groups = list(selectors.groups_user_can_view(area=area, access=reach))
    group = _chosen(groups, request.GET.get("group"))
    meetings = selectors.meeting_list(area=area, access=reach, group=group)
    cutoff = timezone.now() - dt.timedelta(hours=12)
    if earlier:
        meetings = meetings.exclude(
            starts_at__gte=cutoff,
            status__in=(Meeting.Status.PLANNED, Meeting.Status.INVITED),
        ).order_by("-starts_at")
    else:
        meetings = meetings.filter(
            starts_at__gte=cutoff,
            status__in=(Meeting.Status.PLANNED, Meeting.Status.INVITED),
        ).order_by("starts_at")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_item_counts(page.object_list)
    context = {
        "area": area,
        "page": page,
        "groups": groups,
        "group": group,
        "earlier": earlier,
        "pagination_query": pagination_query(request),
        "can_plan": selectors.groups_user_manages(area=area, access=reach).exists(),
        "is_coordinator": reach.is_coordinator(area),
        "breadcrumbs": meetings_crumbs(request),
    }
    return render(request, "meetings/meeting_list.html", context)


def _chosen(groups, value):
    if not value or not value.isdigit():
        return None
    return next((g for g in groups if g.pk == int(value)), None)


@area_view(*MEETING_ROLES)
def meeting_new(request: HttpRequest) -> HttpResponse:
    """Planlegg ett møte."""
    area, reach = request.area, access(request)
    groups = selectors.groups_user_manages(area=area, access=reach)
    if not groups.exists():
        return _no_groups(request)
    initial = {"group": request.GET.get("group")}
    form = MeetingForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                group=data["group"],
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                video_link=data["video_link"],
                purpose=data["purpose"],
                created_by=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect(url("meeting_detail", request, pk=meeting.pk))
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": meetings_crumbs(request, (_("Plan a meeting"), None)),
    }
    return render(request, "meetings/meeting_form.html", context)


def _no_groups(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(_("You do not run the meetings of any group here."))


@area_view(*MEETING_ROLES)
def series_new(request: HttpRequest) -> HttpResponse:
    """Planlegg møteserie (e.g. monthly, every 4 weeks) in Norwegian time."""
    area, reach = request.area, access(request)
    groups = selectors.groups_user_manages(area=area, access=reach)
    if not groups.exists():
        return _no_groups(request)
    form = SeriesForm(
        request.POST or None, groups=groups, initial={"group": request.GET.get("group")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(
                created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            count = series.meetings.count()
            messages.success(
                request,
                _("%(count)d meetings are planned for %(group)s.")
                % {"count": count, "group": series.group.name},
            )
            return redirect(url("meeting_list", request) + f"?group={series.group_id}")
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": meetings_crumbs(request, (_("Plan a series"), None)),
    }
    return render(request, "meetings/series_form.html", context)


@area_view(*MEETING_ROLES)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Møtesiden: details, agenda, attendance, minutes, decisions and follow-ups."""
    meeting = get_meeting(request, pk)
    reach = access(request)
    agenda = selectors.meeting_agenda(meeting=meeting)
    attendance, guests = selectors.meeting_attendance(meeting=meeting)
    has_review = any(i.kind == AgendaItem.Kind.FOLLOW_UP_REVIEW for i in agenda)
    context = {
        "area": request.area,
        "meeting": meeting,
        "group": meeting.group,
        "agenda": agenda,
        "attendance": attendance,
        "guests": guests,
        "decisions": selectors.meeting_decisions(meeting=meeting),
        "follow_ups": selectors.meeting_follow_ups(meeting=meeting),
        "carried": selectors.meeting_carried_follow_ups(meeting=meeting)
        if has_review
        else [],
        "corrections": selectors.meeting_corrections(meeting=meeting),
        "orders": selectors.meeting_orders(meeting=meeting),
        "can_manage": reach.can_manage(meeting.group),
        "is_open": meeting.status in (Meeting.Status.PLANNED, Meeting.Status.INVITED),
        "is_running": meeting.status in (Meeting.Status.INVITED, Meeting.Status.HELD),
        "has_started": meeting.starts_at <= timezone.now(),
        "cancel_form": CancelForm(),
        "breadcrumbs": meeting_crumbs(request, meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


@area_view(*MEETING_ROLES)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    initial = {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
        "location": meeting.location,
        "video_link": meeting.video_link,
        "purpose": meeting.purpose,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                by=request.user,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                video_link=data["video_link"],
                purpose=data["purpose"],
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect(url("meeting_detail", request, pk=meeting.pk))
    context = {
        "area": request.area,
        "meeting": meeting,
        "form": form,
        "breadcrumbs": meeting_crumbs(request, meeting, (_("Change"), None)),
    }
    return render(request, "meetings/meeting_form.html", context)


def _action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    try:
        action(meeting)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(url("meeting_detail", request, pk=meeting.pk))


@require_POST
@area_view(*MEETING_ROLES)
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send innkalling med dagsorden."""
    return _action(
        request,
        pk,
        lambda m: services.meeting_invite(meeting=m, by=request.user),
        _("The invitation with the agenda is sent to the members."),
    )


@require_POST
@area_view(*MEETING_ROLES)
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda m: services.meeting_mark_held(meeting=m, by=request.user),
        _("The meeting is marked as held. Write the minutes below."),
    )


@area_view(*MEETING_ROLES)
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The meeting is cancelled."))
            return redirect(url("meeting_detail", request, pk=meeting.pk))
    context = {
        "area": request.area,
        "meeting": meeting,
        "form": form,
        "breadcrumbs": meeting_crumbs(request, meeting, (_("Cancel meeting"), None)),
    }
    return render(request, "meetings/meeting_cancel.html", context)


@area_view(*MEETING_ROLES)
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """Last ned møtet som .ics (Europe/Oslo, with VTIMEZONE)."""
    meeting = get_meeting(request, pk)
    body = ical.calendar_bytes([meeting], name=meeting.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response
