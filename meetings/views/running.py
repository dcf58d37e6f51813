"""Running a meeting: attendance, minutes, approval, corrections, decisions and
follow-ups. All of it for the coordinator or the group's secretary."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors, services
from meetings.forms import (
    AttendanceForm,
    CorrectionForm,
    DecisionForm,
    FollowUpForm,
    GuestForm,
    MinutesForm,
)
from meetings.models import AgendaItem, Decision
from meetings.policy import MEETING_ROLES
from meetings.views.common import get_meeting, meeting_crumbs, url
from municipalities import selectors as area_selectors
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _back(request: HttpRequest, meeting, anchor: str = "") -> HttpResponse:
    return redirect(url("meeting_detail", request, pk=meeting.pk) + anchor)


def _page(request, template: str, meeting, crumb: str, **context) -> HttpResponse:
    context.update(
        area=request.area,
        meeting=meeting,
        breadcrumbs=meeting_crumbs(request, meeting, (crumb, None)),
    )
    return render(request, template, context)


@area_view(*MEETING_ROLES)
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer oppmøte: present, sent apologies, absent or substitute."""
    meeting = get_meeting(request, pk, manage=True)
    rows, guests = selectors.meeting_attendance(meeting=meeting)
    form = AttendanceForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        entries = [
            services.AttendanceEntry(member, status, substitute)
            for member, status, substitute in form.entries()
        ]
        try:
            services.attendance_record(
                meeting=meeting, by=request.user, entries=entries
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return _back(request, meeting, "#attendance")
    guest_form = GuestForm(agencies=area_selectors.agency_list(area=request.area))
    return _page(
        request,
        "meetings/attendance_form.html",
        meeting,
        _("Attendance"),
        form=form,
        guests=guests,
        guest_form=guest_form,
    )


@require_POST
@area_view(*MEETING_ROLES)
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    form = GuestForm(
        request.POST, agencies=area_selectors.agency_list(area=request.area)
    )
    if form.is_valid():
        try:
            services.attendance_add_guest(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The guest is registered."))
    else:
        messages.error(request, _("Write the guest's name."))
    return redirect(url("attendance_edit", request, pk=meeting.pk))


@require_POST
@area_view(*MEETING_ROLES)
def guest_remove(request: HttpRequest, pk: int, guest_pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    guest = get_object_or_404(
        meeting.attendances.filter(group_member__isnull=True), pk=guest_pk
    )
    try:
        services.attendance_remove_guest(attendance=guest, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The guest is removed."))
    return redirect(url("attendance_edit", request, pk=meeting.pk))


@area_view(*MEETING_ROLES)
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Skriv referat, with a note per agenda item."""
    meeting = get_meeting(request, pk, manage=True)
    items = selectors.meeting_agenda(meeting=meeting)
    form = MinutesForm(
        request.POST or None, items=items, initial={"minutes": meeting.minutes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                meeting=meeting,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                item_notes=form.item_notes(),
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The minutes are saved (not yet approved)."))
            return _back(request, meeting, "#minutes")
    return _page(
        request, "meetings/minutes_form.html", meeting, _("Minutes"), form=form
    )


@require_POST
@area_view(*MEETING_ROLES)
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Godkjenn og send referatet: it is locked and e-mailed to the members."""
    meeting = get_meeting(request, pk, manage=True)
    try:
        warnings = services.minutes_approve(meeting=meeting, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The minutes are approved, locked and sent to the members.")
        )
        for warning in warnings:
            messages.warning(request, warning)
    return _back(request, meeting, "#minutes")


@area_view(*MEETING_ROLES)
def correction_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Rettelse til godkjent referat (logged; the approved text stays)."""
    meeting = get_meeting(request, pk, manage=True)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correction_add(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The correction is added to the minutes."))
            return _back(request, meeting, "#minutes")
    return _page(
        request, "meetings/correction_form.html", meeting, _("Correction"), form=form
    )


def _agenda_items(meeting):
    return meeting.agenda_items.filter(
        status__in=(AgendaItem.Status.ACCEPTED, AgendaItem.Status.HANDLED)
    ).order_by("order", "pk")


@area_view(*MEETING_ROLES)
def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer vedtak (or a bestilling sent down to another group)."""
    meeting = get_meeting(request, pk, manage=True)
    form = DecisionForm(
        request.POST or None,
        items=_agenda_items(meeting),
        order_targets=selectors.matter_order_targets(group=meeting.group),
        area=request.area,
        initial={"agenda_item": request.GET.get("item")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_create(
                meeting=meeting,
                text=data["text"],
                kind=data["kind"],
                agenda_item=data["agenda_item"],
                order_to_group=data["order_to_group"],
                order_due_date=data["order_due_date"],
                created_by=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            message = (
                _("The decision is recorded and the order is sent.")
                if data["kind"] == Decision.Kind.ORDER
                else _("The decision is recorded.")
            )
            messages.success(request, message)
            return _back(request, meeting, "#decisions")
    return _page(
        request, "meetings/decision_form.html", meeting, _("New decision"), form=form
    )


@require_POST
@area_view(*MEETING_ROLES)
def decision_delete(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk, manage=True)
    decision = get_object_or_404(meeting.decisions.all(), pk=decision_pk)
    try:
        services.decision_delete(decision=decision, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision is deleted."))
    return _back(request, meeting, "#decisions")


@area_view(*MEETING_ROLES)
def follow_up_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Nytt oppfølgingspunkt: who does what by when."""
    meeting = get_meeting(request, pk, manage=True)
    form = FollowUpForm(
        request.POST or None,
        owners=selectors.member_users(group=meeting.group),
        agencies=area_selectors.agency_list(area=request.area),
        decisions=meeting.decisions.all(),
        initial={"decision": request.GET.get("decision")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_create(
                meeting=meeting, created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The follow-up is added."))
            return _back(request, meeting, "#follow-ups")
    return _page(
        request, "meetings/follow_up_form.html", meeting, _("New follow-up"), form=form
    )
