"""Saker mellom nivåer: lift a matter up, receive it, answer it, close it — with
the trail visible to both sides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors, services
from meetings.forms import AnswerForm, CloseForm, MatterForm, ReasonForm, ReceiveForm
from meetings.models import Matter
from meetings.policy import MEETING_ROLES
from meetings.views.common import access, meetings_crumbs, pagination_query, url
from municipalities.models import Group
from slt_portal.anonymisation import find_identifiers
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

BOXES = ("", "sent", "received")


def _crumbs(request, *trail):
    return meetings_crumbs(request, (_("Matters"), url("matter_list", request)), *trail)


@area_view(*MEETING_ROLES)
def matter_list(request: HttpRequest) -> HttpResponse:
    """Saker: sent and received by the area's groups; open ones by default."""
    area, reach = request.area, access(request)
    box = request.GET.get("box", "")
    box = box if box in BOXES else ""
    status = request.GET.get("status", "open")
    status = status if status in ("open", "all") else "open"
    matters = selectors.matter_list(
        area=area, access=reach, box=box, status="open" if status == "open" else None
    )
    context = {
        "area": area,
        "page": Paginator(matters, 30).get_page(request.GET.get("page")),
        "box": box,
        "pagination_query": pagination_query(request),
        "status": status,
        "can_raise": selectors.groups_user_can_view(area=area, access=reach).exists(),
        "breadcrumbs": meetings_crumbs(request, (_("Matters"), None)),
    }
    return render(request, "meetings/matter_list.html", context)


def _redacted(request: HttpRequest) -> dict:
    """The posted form with every finding replaced by «[…]» for the user to review."""
    data = request.POST.copy()
    for field in ("title", "description"):
        data[field] = services.redact(
            data.get(field, ""), find_identifiers(data.get(field, ""))
        )
    return data


@area_view(*MEETING_ROLES)
def matter_new(request: HttpRequest) -> HttpResponse:
    """Løft en sak til nivået over."""
    area, reach = request.area, access(request)
    from_groups = selectors.groups_user_can_view(area=area, access=reach)
    if not from_groups.exists():
        raise PermissionDenied(_("You are not a member of any group here."))
    to_groups = selectors.matter_lift_targets(groups=from_groups)
    redacting = request.method == "POST" and "redact" in request.POST
    data = _redacted(request) if redacting else (request.POST or None)
    form = MatterForm(
        None if redacting else data,
        initial=data if redacting else {"from_group": request.GET.get("group")},
        from_groups=from_groups,
        to_groups=to_groups,
        area=area,
    )
    if redacting:
        messages.info(
            request,
            _(
                "Possible identifiers were replaced with «[…]». Read the text again: "
                "remove anything else that could identify someone before sending."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        matter = _escalate(request, form, form.cleaned_data["from_group"])
        if matter is not None:
            return redirect(url("matter_detail", request, pk=matter.pk))
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": _crumbs(request, (_("Raise a matter"), None)),
    }
    return render(request, "meetings/matter_form.html", context)


def _escalate(
    request, form: MatterForm, from_group: Group, parent=None
) -> Matter | None:
    data = form.cleaned_data
    try:
        matter, findings = services.matter_escalate(
            from_group=from_group,
            to_group=data["to_group"],
            title=data["title"],
            description=data["description"],
            topics=data["topics"],
            system_level_confirmed=data["system_level_confirmed"],
            parent_matter=parent,
            created_by=request.user,
        )
    except ApplicationError as error:
        add_error_to_form(form, error)
        return None
    if findings:
        messages.warning(request, services.findings_warning(findings))
    messages.success(
        request,
        _("The matter is sent to %(group)s.") % {"group": matter.to_group.name},
    )
    return matter


@area_view(*MEETING_ROLES)
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter, its answer, and the whole trail through the levels."""
    area, reach = request.area, access(request)
    matter = selectors.matter_get_for_user(area=area, access=reach, pk=pk)
    receiver = matter.to_group is not None and matter.to_group.area_id == area.pk
    can_receive = receiver and reach.can_manage(matter.to_group)
    can_close = matter.from_group.area_id == area.pk and reach.can_manage(
        matter.from_group
    )
    context = {
        "area": area,
        "matter": matter,
        "trail": selectors.matter_trail(matter=matter),
        "chain": selectors.matter_chain(matter=matter),
        "can_receive": can_receive,
        "can_close": can_close,
        "receive_form": ReceiveForm(
            meetings=selectors.open_meetings_of(group=matter.to_group)
        )
        if can_receive
        else None,
        "answer_form": AnswerForm(
            decisions=selectors.matter_answer_decisions(matter=matter)
        )
        if can_receive
        else None,
        "reason_form": ReasonForm(),
        "close_form": CloseForm(),
        "breadcrumbs": _crumbs(request, (matter.title, None)),
    }
    return render(request, "meetings/matter_detail.html", context)


def _matter_for(request: HttpRequest, pk: int, side: str) -> Matter:
    """The matter, if the user acts for the receiving (or sending) group here."""
    matter = selectors.matter_get_for_user(
        area=request.area, access=access(request), pk=pk
    )
    group = matter.to_group if side == "receiver" else matter.from_group
    if (
        group is None
        or group.area_id != request.area.pk
        or not access(request).can_manage(group)
    ):
        raise PermissionDenied(
            _("Only the coordinator or the group's secretary can do this.")
        )
    return matter


def _done(request, matter, message) -> HttpResponse:
    messages.success(request, message)
    return redirect(url("matter_detail", request, pk=matter.pk))


def _refused(request, matter, error: ApplicationError) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(url("matter_detail", request, pk=matter.pk))


@require_POST
@area_view(*MEETING_ROLES)
def matter_receive(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter_for(request, pk, "receiver")
    form = ReceiveForm(
        request.POST, meetings=selectors.open_meetings_of(group=matter.to_group)
    )
    if not form.is_valid():
        return _refused(request, matter, ApplicationError(_("Choose a valid meeting.")))
    try:
        services.matter_receive(matter=matter, by=request.user, **form.cleaned_data)
    except ApplicationError as error:
        return _refused(request, matter, error)
    return _done(request, matter, _("The matter is received."))


@area_view(*MEETING_ROLES)
def matter_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Besvar saken; the answer goes back to the group that raised it."""
    matter = _matter_for(request, pk, "receiver")
    form = AnswerForm(
        request.POST or None, decisions=selectors.matter_answer_decisions(matter=matter)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_answer(matter=matter, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            return _done(request, matter, _("The answer is sent back."))
    context = {
        "area": request.area,
        "matter": matter,
        "form": form,
        "breadcrumbs": _crumbs(
            request,
            (matter.title, url("matter_detail", request, pk=matter.pk)),
            (_("Answer"), None),
        ),
    }
    return render(request, "meetings/matter_answer.html", context)


@area_view(*MEETING_ROLES)
def matter_lift(request: HttpRequest, pk: int) -> HttpResponse:
    """Løft videre: the receiving group sends the matter on to the level above."""
    parent = _matter_for(request, pk, "receiver")
    group = parent.to_group
    to_groups = selectors.matter_lift_targets(groups=[group])
    redacting = request.method == "POST" and "redact" in request.POST
    initial = {"title": parent.title, "description": parent.description}
    data = _redacted(request) if redacting else (request.POST or None)
    form = MatterForm(
        None if redacting else data,
        initial=data if redacting else initial,
        to_groups=to_groups,
        area=request.area,
    )
    if request.method == "POST" and not redacting and form.is_valid():
        matter = _escalate(request, form, group, parent=parent)
        if matter is not None:
            return redirect(url("matter_detail", request, pk=matter.pk))
    context = {
        "area": request.area,
        "form": form,
        "parent": parent,
        "breadcrumbs": _crumbs(
            request,
            (parent.title, url("matter_detail", request, pk=parent.pk)),
            (_("Lift further"), None),
        ),
    }
    return render(request, "meetings/matter_form.html", context)


@require_POST
@area_view(*MEETING_ROLES)
def matter_return(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter_for(request, pk, "receiver")
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Give the reason for returning it."))
        services.matter_return(matter=matter, by=request.user, **form.cleaned_data)
    except ApplicationError as error:
        return _refused(request, matter, error)
    return _done(request, matter, _("The matter is returned to the sender."))


@require_POST
@area_view(*MEETING_ROLES)
def matter_close(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter_for(request, pk, "sender")
    form = CloseForm(request.POST)
    form.is_valid()
    try:
        services.matter_close(
            matter=matter, by=request.user, note=form.cleaned_data.get("note", "")
        )
    except ApplicationError as error:
        return _refused(request, matter, error)
    return _done(request, matter, _("The matter is closed."))
