"""Saker til dagsorden: any member submits, the coordinator screens (rule M5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors, services
from meetings.forms import AgendaItemForm, ScreenForm
from meetings.policy import MEETING_ROLES
from meetings.views.common import (
    access,
    get_meeting,
    meeting_crumbs,
    meetings_crumbs,
    require_manage,
    url,
)
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _submit(request: HttpRequest, form: AgendaItemForm, group, meeting):
    data = form.cleaned_data
    item, findings = services.agenda_item_submit(
        group=group,
        meeting=meeting,
        submitted_by=request.user,
        submitted_by_agency=selectors.agency_of(group=group, user=request.user),
        title=data["title"],
        description=data["description"],
        kind=data["kind"],
        topics=data["topics"],
        confidentiality=data["confidentiality"],
        case_paper=data["case_paper"],
        accept_now=access(request).can_manage(group),
    )
    if findings:
        messages.warning(request, services.findings_warning(findings))
    return item


@area_view(*MEETING_ROLES)
def item_new(request: HttpRequest) -> HttpResponse:
    """Meld inn sak to one of your groups; the coordinator places it on a meeting."""
    area, reach = request.area, access(request)
    groups = selectors.groups_user_can_view(area=area, access=reach)
    form = AgendaItemForm(
        request.POST or None,
        request.FILES or None,
        groups=groups,
        initial={"group": request.GET.get("group")},
    )
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        try:
            _submit(request, form, group, None)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The item is submitted to %(group)s. The coordinator will screen it.")
                % {"group": group.name},
            )
            return redirect(url("item_queue", request))
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": meetings_crumbs(request, (_("Submit an item"), None)),
    }
    return render(request, "meetings/item_form.html", context)


@area_view(*MEETING_ROLES)
def meeting_item_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Legg til sak på dette møtet (screened at once when the coordinator adds it)."""
    meeting = get_meeting(request, pk)
    form = AgendaItemForm(
        request.POST or None,
        request.FILES or None,
        initial={"confidentiality": meeting.group.confidentiality_mode},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = _submit(request, form, meeting.group, meeting)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The item is on the agenda.")
                if item.meeting_id
                else _("The item is submitted. The coordinator will screen it."),
            )
            return redirect(url("meeting_detail", request, pk=meeting.pk) + "#agenda")
    context = {
        "area": request.area,
        "meeting": meeting,
        "form": form,
        "breadcrumbs": meeting_crumbs(request, meeting, (_("Add an item"), None)),
    }
    return render(request, "meetings/item_form.html", context)


@area_view(*MEETING_ROLES)
def item_queue(request: HttpRequest) -> HttpResponse:
    """Innmeldte saker: the coordinator's screening queue, and your own items."""
    area, reach = request.area, access(request)
    context = {
        "area": area,
        "queue": list(selectors.agenda_queue(area=area, access=reach)),
        "mine": list(selectors.my_submitted_items(area=area, user=request.user)[:30]),
        "breadcrumbs": meetings_crumbs(request, (_("Submitted items"), None)),
    }
    return render(request, "meetings/item_queue.html", context)


@area_view(*MEETING_ROLES)
def item_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """Behandle innmeldt sak: accept onto a meeting, defer or return with reason."""
    item = selectors.agenda_item_get_for_user(
        area=request.area, access=access(request), pk=pk
    )
    require_manage(request, item.group)
    form = ScreenForm(
        request.POST or None,
        meetings=selectors.open_meetings_of(group=item.group),
        initial={"meeting": item.meeting_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_screen(item=item, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The item is screened."))
            return redirect(url("item_queue", request))
    context = {
        "area": request.area,
        "item": item,
        "form": form,
        "breadcrumbs": meetings_crumbs(
            request,
            (_("Submitted items"), url("item_queue", request)),
            (item.title, None),
        ),
    }
    return render(request, "meetings/item_screen.html", context)


def _item_action(request: HttpRequest, pk: int, action) -> HttpResponse:
    item = selectors.agenda_item_get_for_user(
        area=request.area, access=access(request), pk=pk
    )
    require_manage(request, item.group)
    meeting_pk = item.meeting_id
    try:
        action(item)
    except ApplicationError as error:
        messages.error(request, error.message)
    if meeting_pk is None:
        return redirect(url("item_queue", request))
    return redirect(url("meeting_detail", request, pk=meeting_pk) + "#agenda")


@require_POST
@area_view(*MEETING_ROLES)
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Ta saken av dagsorden (a standing item goes away; others back to the queue)."""
    return _item_action(
        request,
        pk,
        lambda item: services.agenda_item_remove(item=item, by=request.user),
    )


@require_POST
@area_view(*MEETING_ROLES)
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    up = request.POST.get("direction") == "up"
    return _item_action(
        request,
        pk,
        lambda item: services.agenda_item_move(item=item, by=request.user, up=up),
    )


@area_view(*MEETING_ROLES)
def item_case_paper(request: HttpRequest, pk: int) -> FileResponse:
    """Saksframlegg: private files, served only to those who may see the item."""
    item = selectors.agenda_item_get_for_user(
        area=request.area, access=access(request), pk=pk
    )
    if not item.case_paper:
        raise Http404
    return FileResponse(
        item.case_paper.open("rb"),
        as_attachment=True,
        filename=item.case_paper.name.rsplit("/", 1)[-1],
    )
