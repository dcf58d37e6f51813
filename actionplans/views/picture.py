"""Utfordringsbilde: dated entries from the police and services (problem picture,
police tertial reports, mappings) that the plan's focus areas cite (P6)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import policy
from actionplans.forms import StatusReportForm
from actionplans.views.common import area_url, plan_crumbs
from municipalities import roles
from municipalities import selectors as area_selectors
from municipalities.models import Topic
from reports import selectors, services
from reports.models import StatusReport
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _is_coordinator(request: HttpRequest) -> bool:
    return roles.COORDINATOR in request.area_roles


def _report(request: HttpRequest, pk: int) -> StatusReport:
    return selectors.status_report_get_for_user(
        area=request.area,
        user=request.user,
        pk=pk,
        include_drafts=_is_coordinator(request),
    )


def _crumbs(request, *trail):
    return plan_crumbs(
        request, (_("Problem picture"), area_url(request, "picture_list")), *trail
    )


def _can_edit(request: HttpRequest, report: StatusReport) -> bool:
    return (
        report.status == StatusReport.Status.DRAFT
        and report.kind in policy.picture_kinds_for(request.area_roles)
        and (report.author_id == request.user.pk or _is_coordinator(request))
    )


def _warn_identifiers(request: HttpRequest, report: StatusReport) -> None:
    found = services.status_report_warnings(report)
    if found:
        messages.warning(
            request,
            _("Check that no one can be recognised. The text may contain: %(found)s.")
            % {"found": ", ".join(found[:8])},
        )


@area_view(*policy.PICTURE_READERS)
def picture_list(request: HttpRequest) -> HttpResponse:
    """Utfordringsbildet: the area's entries, newest period first."""
    context = {
        "area": request.area,
        "reports": selectors.status_report_list(
            area=request.area,
            user=request.user,
            include_drafts=_is_coordinator(request),
        ),
        "can_create": bool(policy.picture_kinds_for(request.area_roles)),
        "breadcrumbs": plan_crumbs(request, (_("Problem picture"), None)),
    }
    return render(request, "actionplans/picture_list.html", context)


def _form(request, instance=None) -> StatusReportForm:
    kinds = policy.picture_kinds_for(request.area_roles)
    initial = {}
    if instance is None and kinds == [
        StatusReport.Kind.CHALLENGE_PICTURE,
        StatusReport.Kind.POLICE_TERTIAL,
    ]:
        initial["kind"] = StatusReport.Kind.POLICE_TERTIAL
    return StatusReportForm(
        request.POST or None,
        instance=instance,
        kinds=kinds,
        agencies=area_selectors.agency_list(area=request.area),
        initial=initial,
    )


@area_view(*policy.PICTURE_WRITERS)
def picture_create(request: HttpRequest) -> HttpResponse:
    """Nytt utfordringsbilde / tertialrapport (utkast)."""
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.status_report_create(
                area=request.area, author=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            _warn_identifiers(request, report)
            return redirect(area_url(request, "picture_detail", pk=report.pk))
    context = {
        "area": request.area,
        "form": form,
        "title": _("New entry in the problem picture"),
        "submit_label": _("Save draft"),
        "cancel_url": area_url(request, "picture_list"),
        "breadcrumbs": _crumbs(request, (_("New entry"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.PICTURE_READERS)
def picture_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {
        "area": request.area,
        "report": report,
        "can_edit": _can_edit(request, report),
        "categories": [Topic(c).label for c in report.categories if c in Topic.values],
        "focus_areas": list(
            report.focus_areas.filter(
                policy.plan_visibility(request.area_roles, prefix="plan__")
            ).select_related("plan")
        ),
        "breadcrumbs": _crumbs(request, (report.title, None)),
    }
    return render(request, "actionplans/picture_detail.html", context)


@area_view(*policy.PICTURE_WRITERS)
def picture_update(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise PermissionDenied
    form = _form(request, instance=report)
    detail_url = area_url(request, "picture_detail", pk=report.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_report_update(report=report, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            _warn_identifiers(request, report)
            return redirect(detail_url)
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit entry"),
        "submit_label": _("Save draft"),
        "cancel_url": detail_url,
        "delete_url": area_url(request, "picture_delete", pk=report.pk),
        "breadcrumbs": _crumbs(request, (report.title, detail_url), (_("Edit"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@require_POST
@area_view(*policy.PICTURE_WRITERS)
def picture_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Lever: the entry is frozen and can be cited by the plan."""
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise PermissionDenied
    try:
        services.status_report_submit(report=report, submitted_by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The entry is submitted."))
    return redirect(area_url(request, "picture_detail", pk=report.pk))


@require_POST
@area_view(*policy.PICTURE_WRITERS)
def picture_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise PermissionDenied
    try:
        services.status_report_delete(report=report)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(area_url(request, "picture_detail", pk=report.pk))
    messages.success(request, _("The draft is deleted."))
    return redirect(area_url(request, "picture_list"))
