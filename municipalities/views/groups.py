"""Organer: the area's three levels and their members, set up by the coordinator."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import roles, selectors, services
from municipalities.forms import (
    MONTHS,
    GroupForm,
    GroupMemberEndForm,
    GroupMemberForm,
)
from municipalities.models import Group
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

PEOPLE_READERS = roles.WORKING_ROLES | {roles.SECRETARIAT}


def _list_url(area) -> str:
    return reverse("municipalities:group_list", kwargs={"area_slug": area.slug})


def _detail_url(area, group) -> str:
    return reverse(
        "municipalities:group_detail", kwargs={"area_slug": area.slug, "pk": group.pk}
    )


def _crumbs(area, *trail):
    return selectors.area_breadcrumbs(area, (_("Groups"), _list_url(area)), *trail)


@area_view()
def group_list(request: HttpRequest) -> HttpResponse:
    """Organer by level: styringsgruppe, koordineringsgruppe, utførende nivå."""
    area = request.area
    groups = list(selectors.group_list(area=area))
    levels = [
        (label, [g for g in groups if g.level == level])
        for level, label in Group.Level.choices
    ]
    context = {
        "area": area,
        "levels": levels,
        "has_groups": bool(groups),
        "can_manage": roles.COORDINATOR in request.area_roles,
        "breadcrumbs": selectors.area_breadcrumbs(area, (_("Groups"), None)),
    }
    return render(request, "municipalities/group_list.html", context)


@area_view()
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's mandate, rule and members (history kept), and its health."""
    from meetings import selectors as meeting_selectors

    area = request.area
    group = selectors.group_get_for_user(area=area, pk=pk)
    show_history = request.GET.get("history") == "1"
    can_see_people = bool(request.area_roles & PEOPLE_READERS)
    is_coordinator = roles.COORDINATOR in request.area_roles
    context = {
        "area": area,
        "group": group,
        "covered": list(group.covered_areas.all()),
        "skip_months": [str(label) for n, label in MONTHS if n in group.skip_months],
        "members": list(
            selectors.group_members(group=group, include_ended=show_history)
        )
        if can_see_people
        else None,
        "show_history": show_history,
        "today": timezone.localdate(),
        "can_manage": is_coordinator,
        "health": meeting_selectors.group_health(area=area, group=group)
        if is_coordinator
        else None,
        "breadcrumbs": _crumbs(area, (group.name, None)),
    }
    return render(request, "municipalities/group_detail.html", context)


def _group_form(request, group=None) -> GroupForm:
    area = request.area
    initial = None
    if group is None:
        initial = {
            "covered_areas": [area.pk],
            "kind": request.GET.get("kind"),
            "level": request.GET.get("level"),
        }
    return GroupForm(
        request.POST or None,
        instance=group,
        initial=initial,
        area=area,
        parents=selectors.group_parent_choices(area=area),
        covered=selectors.covered_area_choices(area=area),
    )


@area_view(roles.COORDINATOR)
def group_new(request: HttpRequest) -> HttpResponse:
    area = request.area
    form = _group_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_create(
                area=area,
                created_by=request.user,
                covered_areas=data["covered_areas"],
                **{name: data[name] for name in services.GROUP_FIELDS},
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The group «%(name)s» is created.") % {"name": group.name}
            )
            return redirect(_detail_url(area, group))
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": _crumbs(area, (_("New group"), None)),
    }
    return render(request, "municipalities/group_form.html", context)


@area_view(roles.COORDINATOR)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = request.area
    group = selectors.group_get_for_user(area=area, pk=pk)
    form = _group_form(request, group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_update(
                group=group,
                updated_by=request.user,
                covered_areas=data["covered_areas"],
                **{name: data[name] for name in services.GROUP_FIELDS},
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The group is saved."))
            return redirect(_detail_url(area, group))
    context = {
        "area": area,
        "form": form,
        "group": group,
        "breadcrumbs": _crumbs(
            area, (group.name, _detail_url(area, group)), (_("Change"), None)
        ),
    }
    return render(request, "municipalities/group_form.html", context)


@require_POST
@area_view(roles.COORDINATOR)
def group_structure_new(request: HttpRequest) -> HttpResponse:
    """Sett opp de tre nivåene in one step."""
    area = request.area
    try:
        groups = services.group_structure_create(area=area, created_by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Created: %(names)s. You are secretary of the first two.")
            % {"names": ", ".join(g.name for g in groups)},
        )
    return redirect(_list_url(area))


@area_view(roles.COORDINATOR)
def group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    area = request.area
    group = selectors.group_get_for_user(area=area, pk=pk)
    form = GroupMemberForm(
        request.POST or None,
        people=selectors.people_for_groups(area=area),
        agencies=selectors.agency_list(area=area),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "agency": data["agency"],
            "role": data["role"],
            "position_title": data["position_title"],
            "start_date": data["start_date"],
        }
        try:
            if data["user"]:
                member = services.group_member_add(
                    group=group, user=data["user"], created_by=request.user, **fields
                )
            else:
                member = services.group_member_add_person(
                    group=group,
                    email=data["email"],
                    full_name=data["full_name"],
                    created_by=request.user,
                    **fields,
                )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a member of %(group)s.")
                % {"name": member.user.full_name, "group": group.name},
            )
            return redirect(_detail_url(area, group))
    context = {
        "area": area,
        "group": group,
        "form": form,
        "breadcrumbs": _crumbs(
            area, (group.name, _detail_url(area, group)), (_("Add a member"), None)
        ),
    }
    return render(request, "municipalities/group_member_form.html", context)


@require_POST
@area_view(roles.COORDINATOR)
def group_member_end(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Avslutt medlemskap; the row is kept as history."""
    area = request.area
    group = selectors.group_get_for_user(area=area, pk=pk)
    member = selectors.group_member_get_for_user(group=group, pk=member_pk)
    form = GroupMemberEndForm(request.POST)
    end_date = form.cleaned_data["end_date"] if form.is_valid() else None
    try:
        services.group_member_end(member=member, end_date=end_date)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s's membership has ended.") % {"name": member.user.full_name},
        )
    return redirect(_detail_url(area, group))
