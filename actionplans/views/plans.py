"""Handlingsplaner: list, detail, the draft → submitted → approved lifecycle, focus
areas and goals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import policy, selectors, services
from actionplans.forms import ApproveForm, FocusAreaForm, GoalForm, PlanForm
from actionplans.models import ActionPlan, Goal, Indicator
from actionplans.views.common import area_url, plan_crumbs
from municipalities import selectors as area_selectors
from reports import selectors as report_selectors
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    return selectors.plan_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )


def _require_write(request: HttpRequest, plan: ActionPlan) -> None:
    if not policy.can_write_plan(request.area_roles, plan.kind):
        raise PermissionDenied(_("Your role in this area does not allow this."))


def _plan_url(request: HttpRequest, plan: ActionPlan) -> str:
    return area_url(request, "plan_detail", pk=plan.pk)


@area_view(*policy.PLAN_READERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    """Handlingsplaner i området."""
    area = request.area
    context = {
        "area": area,
        "plans": selectors.plan_list(area=area, area_roles=request.area_roles),
        "can_create": bool(policy.writable_kinds(request.area_roles)),
        "breadcrumbs": area_selectors.area_breadcrumbs(
            request.area, (_("Action plans"), None)
        ),
    }
    return render(request, "actionplans/plan_list.html", context)


def _plan_form(request: HttpRequest, instance: ActionPlan | None = None) -> PlanForm:
    area = request.area
    return PlanForm(
        request.POST or None,
        instance=instance,
        agencies=area_selectors.agency_list(area=area),
        programmes=selectors.programme_choices(area=area),
        kinds=policy.writable_kinds(request.area_roles),
    )


@area_view(*policy.PLAN_WRITERS)
def plan_create(request: HttpRequest) -> HttpResponse:
    """Ny handlingsplan (utkast)."""
    if not policy.writable_kinds(request.area_roles):
        raise PermissionDenied
    form = _plan_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                area=request.area, created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft plan is created."))
            return redirect(_plan_url(request, plan))
    context = {
        "area": request.area,
        "form": form,
        "title": _("New plan"),
        "submit_label": _("Create draft"),
        "cancel_url": area_url(request, "plan_list"),
        "breadcrumbs": plan_crumbs(request, (_("New plan"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.PLAN_READERS)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Handlingsplan with focus areas, goals, measures and warnings (P3–P6)."""
    plan = _plan(request, pk)
    roles = request.area_roles
    focus_areas = selectors.plan_focus_areas(plan=plan)
    writer = policy.can_write_plan(roles, plan.kind)
    draft = plan.status == ActionPlan.Status.DRAFT
    newer = selectors.plan_superseded_by(plan=plan)
    context = {
        "area": request.area,
        "plan": plan,
        "focus_areas": focus_areas,
        "warnings": selectors.plan_warnings(plan=plan, focus_areas=focus_areas)
        if writer or roles & policy.PROGRESS_ROLES
        else [],
        "can_edit": writer and draft,
        "can_submit": writer and draft,
        "can_withdraw": writer and plan.status == ActionPlan.Status.SUBMITTED,
        "can_approve": plan.status == ActionPlan.Status.SUBMITTED
        and policy.can_approve_plan(roles, plan.kind),
        "can_revise": writer
        and plan.status == ActionPlan.Status.APPROVED
        and (newer is None or newer.status not in ("draft", "submitted")),
        "can_close": writer and plan.status == ActionPlan.Status.APPROVED,
        "newer_version": newer,
        "contributors": list(plan.contributors.all()),
        "breadcrumbs": plan_crumbs(request, (plan.title, None)),
    }
    return render(request, "actionplans/plan_detail.html", context)


@area_view(*policy.PLAN_WRITERS)
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _require_write(request, plan)
    form = _plan_form(request, instance=plan)
    try:
        services.ensure_plan_editable(plan)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(request, plan))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contributors = data.pop("contributors")
        try:
            services.plan_update(plan=plan, contributors=contributors, **data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(_plan_url(request, plan))
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit plan"),
        "submit_label": _("Save"),
        "cancel_url": _plan_url(request, plan),
        "breadcrumbs": plan_crumbs(
            request, (plan.title, _plan_url(request, plan)), (_("Edit"), None)
        ),
    }
    return render(request, "actionplans/form_page.html", context)


def _lifecycle_action(request, pk, action, success) -> HttpResponse:
    plan = _plan(request, pk)
    _require_write(request, plan)
    try:
        result = action(plan)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(request, plan))
    messages.success(request, success)
    return redirect(_plan_url(request, result or plan))


@require_POST
@area_view(*policy.PLAN_WRITERS)
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send til behandling i styringsgruppen."""
    return _lifecycle_action(
        request,
        pk,
        lambda plan: services.plan_submit(plan=plan),
        _("The plan is submitted for approval."),
    )


@require_POST
@area_view(*policy.PLAN_WRITERS)
def plan_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle_action(
        request,
        pk,
        lambda plan: services.plan_withdraw(plan=plan),
        _("The plan is a draft again."),
    )


@require_POST
@area_view(*policy.PLAN_WRITERS)
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Ny versjon av en vedtatt plan (P2)."""
    return _lifecycle_action(
        request,
        pk,
        lambda plan: services.plan_revise(plan=plan, created_by=request.user),
        _("A new draft version is created. It replaces the plan when approved."),
    )


@require_POST
@area_view(*policy.PLAN_WRITERS)
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _lifecycle_action(
        request,
        pk,
        lambda plan: services.plan_close(plan=plan),
        _("The plan is closed."),
    )


@area_view(*policy.PLAN_APPROVERS)
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer vedtak: the plan was approved in a held steering-body meeting."""
    plan = _plan(request, pk)
    if not policy.can_approve_plan(request.area_roles, plan.kind):
        raise PermissionDenied
    if plan.status != ActionPlan.Status.SUBMITTED:
        messages.error(
            request, _("Only a plan submitted for approval can be approved.")
        )
        return redirect(_plan_url(request, plan))
    meetings = selectors.approval_meetings(plan=plan)
    initial = {
        "text": _("The plan «%(title)s» for %(start)s–%(end)s is approved.")
        % {
            "title": plan.title,
            "start": plan.period_start.year,
            "end": plan.period_end.year,
        }
    }
    form = ApproveForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_approve(
                plan=plan,
                meeting=form.cleaned_data["meeting"],
                text=form.cleaned_data["text"],
                approved_by=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The plan is approved."))
            return redirect(_plan_url(request, plan))
    context = {
        "area": request.area,
        "plan": plan,
        "form": form,
        "meetings": meetings,
        "breadcrumbs": plan_crumbs(
            request,
            (plan.title, _plan_url(request, plan)),
            (_("Record approval"), None),
        ),
    }
    return render(request, "actionplans/plan_approve.html", context)


# --- Focus areas and goals ----------------------------------------------------------


def _focus_area_form(request, instance=None) -> FocusAreaForm:
    area = request.area
    return FocusAreaForm(
        request.POST or None,
        instance=instance,
        reports=report_selectors.problem_picture_for_evidence(area=area),
        indicators=Indicator.objects.for_area(area).order_by("name"),
    )


def _form_page(request, form, title, submit_label, cancel_url, crumbs, **extra):
    context = {
        "area": request.area,
        "form": form,
        "title": title,
        "submit_label": submit_label,
        "cancel_url": cancel_url,
        "breadcrumbs": crumbs,
        **extra,
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.PLAN_WRITERS)
def focus_area_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Nytt innsatsområde."""
    plan = _plan(request, pk)
    _require_write(request, plan)
    form = _focus_area_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.focus_area_create(
                plan=plan, created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The focus area is added."))
            return redirect(_plan_url(request, plan))
    return _form_page(
        request,
        form,
        _("New focus area"),
        _("Add"),
        _plan_url(request, plan),
        plan_crumbs(
            request, (plan.title, _plan_url(request, plan)), (_("New focus area"), None)
        ),
        lead=plan.title,
    )


@area_view(*policy.PLAN_WRITERS)
def focus_area_update(request: HttpRequest, pk: int) -> HttpResponse:
    focus_area = selectors.focus_area_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    plan = focus_area.plan
    _require_write(request, plan)
    form = _focus_area_form(request, instance=focus_area)
    if request.method == "POST" and form.is_valid():
        try:
            services.focus_area_update(focus_area=focus_area, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The focus area is saved."))
            return redirect(_plan_url(request, plan))
    return _form_page(
        request,
        form,
        _("Edit focus area"),
        _("Save"),
        _plan_url(request, plan),
        plan_crumbs(
            request, (plan.title, _plan_url(request, plan)), (focus_area.title, None)
        ),
        lead=plan.title,
        delete_url=area_url(request, "focus_area_delete", pk=focus_area.pk),
    )


@require_POST
@area_view(*policy.PLAN_WRITERS)
def focus_area_delete(request: HttpRequest, pk: int) -> HttpResponse:
    focus_area = selectors.focus_area_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    _require_write(request, focus_area.plan)
    try:
        services.focus_area_delete(focus_area=focus_area)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The focus area is deleted."))
    return redirect(_plan_url(request, focus_area.plan))


def _goal_form(request, focus_area, instance=None) -> GoalForm:
    main_goals = focus_area.goals.filter(kind=Goal.Kind.MAIN)
    if instance is not None:
        main_goals = main_goals.exclude(pk=instance.pk)
    return GoalForm(
        request.POST or None,
        instance=instance,
        main_goals=main_goals,
        indicators=Indicator.objects.for_area(request.area).order_by("name"),
    )


@area_view(*policy.PLAN_WRITERS)
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Nytt mål i et innsatsområde."""
    focus_area = selectors.focus_area_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    plan = focus_area.plan
    _require_write(request, plan)
    form = _goal_form(request, focus_area)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_create(
                focus_area=focus_area, created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The goal is added."))
            return redirect(_plan_url(request, plan))
    return _form_page(
        request,
        form,
        _("New goal"),
        _("Add"),
        _plan_url(request, plan),
        plan_crumbs(
            request, (plan.title, _plan_url(request, plan)), (_("New goal"), None)
        ),
        lead=focus_area.title,
    )


@area_view(*policy.PLAN_WRITERS)
def goal_update(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    plan = goal.focus_area.plan
    _require_write(request, plan)
    form = _goal_form(request, goal.focus_area, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect(_plan_url(request, plan))
    return _form_page(
        request,
        form,
        _("Edit goal"),
        _("Save"),
        _plan_url(request, plan),
        plan_crumbs(
            request, (plan.title, _plan_url(request, plan)), (_("Edit goal"), None)
        ),
        lead=goal.focus_area.title,
        delete_url=area_url(request, "goal_delete", pk=goal.pk),
    )


@require_POST
@area_view(*policy.PLAN_WRITERS)
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    plan = goal.focus_area.plan
    _require_write(request, plan)
    try:
        services.goal_delete(goal=goal)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The goal is deleted."))
    return redirect(_plan_url(request, plan))
