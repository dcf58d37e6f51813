"""Tiltak: the measure page, its definition (draft plans), starting it (P3), the quick
progress update from a phone, and the evaluation result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import policy, selectors, services
from actionplans.forms import (
    EvaluationResultForm,
    MeasureForm,
    MeasureStartForm,
    ProgressForm,
)
from actionplans.models import Measure
from actionplans.views.common import area_url, plan_crumbs
from municipalities import selectors as area_selectors
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _measure(request: HttpRequest, pk: int) -> Measure:
    return selectors.measure_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )


def _measure_url(request: HttpRequest, measure: Measure) -> str:
    return area_url(request, "measure_detail", pk=measure.pk)


def _next_url(request: HttpRequest) -> str:
    """Where a quick update from a start page returns to (this site only)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


def _crumbs(request, measure: Measure, *trail):
    plan = measure.focus_area.plan
    return plan_crumbs(
        request,
        (plan.title, area_url(request, "plan_detail", pk=plan.pk)),
        (measure.title, _measure_url(request, measure) if trail else None),
        *trail,
    )


def _can_log(request: HttpRequest, measure: Measure) -> bool:
    agency_ids = selectors.user_agency_ids(user=request.user, area=request.area)
    return policy.can_log_progress(
        area_roles=request.area_roles,
        user=request.user,
        measure=measure,
        agency_ids=agency_ids,
    )


def _require_plan_write(request: HttpRequest, measure: Measure) -> None:
    if not policy.can_write_plan(request.area_roles, measure.focus_area.plan.kind):
        raise PermissionDenied(_("Your role in this area does not allow this."))


@area_view(*policy.MEASURE_READERS)
def measure_list(request: HttpRequest) -> HttpResponse:
    """Tiltak: all, mine (owner or my agency), or overdue."""
    view = request.GET.get("view", "mine")
    if view not in ("mine", "all", "overdue"):
        view = "mine"
    agency_ids = selectors.user_agency_ids(user=request.user, area=request.area)
    measures = selectors.measure_list(
        area=request.area,
        area_roles=request.area_roles,
        owner=request.user if view == "mine" else None,
        agency_ids=agency_ids if view == "mine" else None,
        overdue=view == "overdue",
    )
    context = {
        "area": request.area,
        "measures": measures,
        "view": view,
        "can_log_any": bool(request.area_roles & policy.PROGRESS_ROLES),
        "breadcrumbs": plan_crumbs(request, (_("Measures"), None)),
    }
    return render(request, "actionplans/measure_list.html", context)


def _measure_form(request, focus_area, instance=None) -> MeasureForm:
    area = request.area
    return MeasureForm(
        request.POST or None,
        instance=instance,
        agencies=area_selectors.agency_list(area=area),
        people=selectors.area_people(area=area),
        goals=focus_area.goals.all(),
    )


@area_view(*policy.PLAN_WRITERS)
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Nytt tiltak i et innsatsområde (the plan must be a draft)."""
    focus_area = selectors.focus_area_get_for_user(
        area=request.area, area_roles=request.area_roles, pk=pk
    )
    plan = focus_area.plan
    if not policy.can_write_plan(request.area_roles, plan.kind):
        raise PermissionDenied
    form = _measure_form(request, focus_area)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contributors = data.pop("contributors")
        try:
            measure = services.measure_create(
                focus_area=focus_area,
                created_by=request.user,
                contributors=contributors,
                **data,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The measure is added."))
            return redirect(_measure_url(request, measure))
    plan_url = area_url(request, "plan_detail", pk=plan.pk)
    context = {
        "area": request.area,
        "form": form,
        "title": _("New measure"),
        "lead": focus_area.title,
        "submit_label": _("Add measure"),
        "cancel_url": plan_url,
        "breadcrumbs": plan_crumbs(
            request, (plan.title, plan_url), (_("New measure"), None)
        ),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.MEASURE_READERS)
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Tiltak with its evaluation plan and progress history."""
    measure = _measure(request, pk)
    plan = measure.focus_area.plan
    writer = policy.can_write_plan(request.area_roles, plan.kind)
    can_log = _can_log(request, measure) and plan.status not in (
        selectors.CLOSED_PLAN_STATUSES
    )
    context = {
        "area": request.area,
        "measure": measure,
        "plan": plan,
        "history": selectors.measure_history(measure=measure),
        "is_overdue": selectors.measure_is_overdue(
            measure, timezone.localdate(), plan=plan
        ),
        "missing_for_start": services.start_requirements_missing(measure),
        "can_edit": writer and plan.status == "draft",
        "can_start": (writer or measure.owner_id == request.user.pk)
        and measure.status == Measure.Status.PLANNED
        and plan.status not in selectors.CLOSED_PLAN_STATUSES,
        "can_log": can_log,
        "can_evaluate": (writer or measure.owner_id == request.user.pk)
        and measure.status != Measure.Status.PLANNED
        and plan.status not in selectors.CLOSED_PLAN_STATUSES,
        "breadcrumbs": _crumbs(request, measure),
    }
    return render(request, "actionplans/measure_detail.html", context)


@area_view(*policy.PLAN_WRITERS)
def measure_update(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk)
    _require_plan_write(request, measure)
    try:
        services.ensure_plan_editable(measure.focus_area.plan)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_measure_url(request, measure))
    form = _measure_form(request, measure.focus_area, instance=measure)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contributors = data.pop("contributors")
        try:
            services.measure_update(measure=measure, contributors=contributors, **data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The measure is saved."))
            return redirect(_measure_url(request, measure))
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit measure"),
        "lead": measure.title,
        "submit_label": _("Save"),
        "cancel_url": _measure_url(request, measure),
        "delete_url": area_url(request, "measure_delete", pk=measure.pk),
        "breadcrumbs": _crumbs(request, measure, (_("Edit"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@require_POST
@area_view(*policy.PLAN_WRITERS)
def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk)
    _require_plan_write(request, measure)
    plan = measure.focus_area.plan
    try:
        services.measure_delete(measure=measure)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_measure_url(request, measure))
    messages.success(request, _("The measure is deleted."))
    return redirect(area_url(request, "plan_detail", pk=plan.pk))


@area_view(*policy.MEASURE_READERS)
def measure_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Sett i gang: the evaluation plan is decided now (P3)."""
    measure = _measure(request, pk)
    writer = policy.can_write_plan(request.area_roles, measure.focus_area.plan.kind)
    if not (writer or measure.owner_id == request.user.pk):
        raise PermissionDenied
    form = MeasureStartForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_start(
                measure=measure, started_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The measure has started."))
            return redirect(_measure_url(request, measure))
    context = {
        "area": request.area,
        "form": form,
        "title": _("Start the measure"),
        "lead": measure.title,
        "intro": _(
            "A measure starts with an owner and an evaluation plan decided at the "
            "start: what is evaluated, how, by whom and when."
        ),
        "submit_label": _("Start"),
        "cancel_url": _measure_url(request, measure),
        "breadcrumbs": _crumbs(request, measure, (_("Start"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.MEASURE_READERS)
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Logg fremdrift: a few big fields, usable one-handed on a phone."""
    measure = _measure(request, pk)
    if not _can_log(request, measure):
        raise PermissionDenied
    form = ProgressForm(
        request.POST or None, transitions=services.allowed_transitions(measure)
    )
    if not policy.can_write_plan(request.area_roles, measure.focus_area.plan.kind):
        del form.fields["is_highlight"]
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            services.progress_update_create(
                measure=measure, author=request.user, **data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Thank you, the update is saved."))
            return redirect(_next_url(request) or _measure_url(request, measure))
    context = {
        "area": request.area,
        "measure": measure,
        "form": form,
        "next": _next_url(request),
        # No breadcrumbs: on a phone the form starts right under the menu.
    }
    return render(request, "actionplans/progress_form.html", context)


@area_view(*policy.MEASURE_READERS)
def evaluation_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer evalueringsresultat."""
    measure = _measure(request, pk)
    writer = policy.can_write_plan(request.area_roles, measure.focus_area.plan.kind)
    if not (writer or measure.owner_id == request.user.pk):
        raise PermissionDenied
    form = EvaluationResultForm(
        request.POST or None,
        initial={"evaluation_result": measure.evaluation_result},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_evaluation_record(
                measure=measure,
                result=form.cleaned_data["evaluation_result"],
                recorded_by=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The evaluation result is saved."))
            return redirect(_measure_url(request, measure))
    context = {
        "area": request.area,
        "form": form,
        "title": _("Evaluation result"),
        "lead": measure.title,
        "intro": measure.evaluation_plan,
        "submit_label": _("Save"),
        "cancel_url": _measure_url(request, measure),
        "breadcrumbs": _crumbs(request, measure, (_("Evaluation"), None)),
    }
    return render(request, "actionplans/form_page.html", context)
