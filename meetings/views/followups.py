"""Oppfølgingspunkter: your own tasks and those of your groups, and updating them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import selectors, services
from meetings.forms import FollowUpReassignForm, FollowUpStatusForm
from meetings.models import FollowUp
from meetings.policy import MEETING_ROLES
from meetings.views.common import access, meetings_crumbs, pagination_query, url
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

SHOWS = ("mine", "open", "overdue", "all")


@area_view(*MEETING_ROLES)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """Mine (default), all open in my groups, overdue, or everything."""
    area, reach = request.area, access(request)
    show = request.GET.get("show", "mine")
    show = show if show in SHOWS else "mine"
    rows = selectors.follow_up_list(
        area=area,
        access=reach,
        owner=request.user if show == "mine" else None,
        status="open" if show in ("mine", "open") else None,
        overdue=show == "overdue",
    )
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "area": area,
        "page": page,
        "show": show,
        "pagination_query": pagination_query(request),
        "today": timezone.localdate(),
        "breadcrumbs": meetings_crumbs(request, (_("Follow-ups"), None)),
    }
    return render(request, "meetings/follow_up_list.html", context)


@area_view(*MEETING_ROLES)
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner or the group's coordinator updates status; the coordinator may
    give it a new owner or due date."""
    reach = access(request)
    follow_up = selectors.follow_up_get_for_user(area=request.area, access=reach, pk=pk)
    group = follow_up.meeting.group
    can_manage = reach.can_manage(group)
    can_update = can_manage or follow_up.owner_id == request.user.pk
    status_form = FollowUpStatusForm(
        request.POST if "status" in request.POST else None,
        initial={"status": follow_up.status},
    )
    reassign_form = FollowUpReassignForm(
        request.POST if "owner" in request.POST else None,
        owners=selectors.member_users(group=group),
        initial={"owner": follow_up.owner_id, "due_date": follow_up.due_date},
    )
    if request.method == "POST":
        if not (can_manage if "owner" in request.POST else can_update):
            raise PermissionDenied(_("Only the owner or the coordinator can do this."))
        done = _update(request, follow_up, status_form, reassign_form)
        if done:
            return redirect(url("follow_up_detail", request, pk=follow_up.pk))
    context = {
        "area": request.area,
        "follow_up": follow_up,
        "group": group,
        "can_update": can_update,
        "can_manage": can_manage,
        "status_form": status_form,
        "reassign_form": reassign_form,
        "today": timezone.localdate(),
        "breadcrumbs": meetings_crumbs(
            request,
            (_("Follow-ups"), url("follow_up_list", request)),
            (follow_up.title, None),
        ),
    }
    return render(request, "meetings/follow_up_detail.html", context)


def _update(request, follow_up: FollowUp, status_form, reassign_form) -> bool:
    form = reassign_form if "owner" in request.POST else status_form
    if not form.is_valid():
        return False
    try:
        if form is status_form:
            services.follow_up_set_status(
                follow_up=follow_up,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        else:
            services.follow_up_reassign(
                follow_up=follow_up,
                by=request.user,
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
            )
    except ApplicationError as error:
        add_error_to_form(form, error)
        return False
    messages.success(request, _("The follow-up is updated."))
    return True
