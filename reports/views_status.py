"""Statusrapporter and reports to the politiråd: drafted from the records for a
period, written by the coordinator, frozen on submit, downloadable as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import roles
from municipalities.models import Group
from municipalities.selectors import area_breadcrumbs
from reports import selectors, services, status
from reports.forms_city import PeriodicReportForm
from reports.models import StatusReport
from reports.pdf import render_pdf
from reports.services import STATUS_KINDS
from reports.status import status_report_view_data
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

READERS = roles.ALL_ROLES
WRITERS = (roles.COORDINATOR,)


def _url(request: HttpRequest, name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"area_slug": request.area.slug, **kwargs})


def _is_writer(request: HttpRequest) -> bool:
    return roles.COORDINATOR in request.area_roles


def _report(request: HttpRequest, pk: int) -> StatusReport:
    return selectors.status_report_get_for_user(
        area=request.area,
        user=request.user,
        pk=pk,
        kinds=STATUS_KINDS,
        include_drafts=_is_writer(request),
    )


def _crumbs(request: HttpRequest, *trail) -> list[dict]:
    return area_breadcrumbs(
        request.area, (_("Status reports"), _url(request, "status_list")), *trail
    )


def _can_edit(request: HttpRequest, report: StatusReport) -> bool:
    return report.status == StatusReport.Status.DRAFT and _is_writer(request)


def _receivers(request: HttpRequest):
    return Group.objects.for_area(request.area).filter(
        level=Group.Level.STEERING, dissolved_on__isnull=True
    )


@area_view(*READERS)
def status_list(request: HttpRequest) -> HttpResponse:
    """Statusrapporter: the area's periodic reports, newest period first."""
    reports = selectors.status_report_list(
        area=request.area,
        user=request.user,
        kinds=STATUS_KINDS,
        include_drafts=_is_writer(request),
    ).select_related("to_group")
    context = {
        "area": request.area,
        "reports": reports,
        "can_create": _is_writer(request),
        "breadcrumbs": area_breadcrumbs(request.area, (_("Status reports"), None)),
    }
    return render(request, "reports/status/list.html", context)


def _initial_period(request: HttpRequest) -> dict:
    start, end = status.next_period(area=request.area, today=timezone.localdate())
    return {"period_start": start, "period_end": end}


@area_view(*WRITERS)
def status_create(request: HttpRequest) -> HttpResponse:
    """Ny statusrapport (utkast): the figures are drafted from the records."""
    form = PeriodicReportForm(
        request.POST or None,
        receivers=_receivers(request),
        initial={"kind": StatusReport.Kind.STATUS_REPORT, **_initial_period(request)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.status_report_create(
                area=request.area, author=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(_url(request, "status_detail", pk=report.pk))
    context = {
        "area": request.area,
        "form": form,
        "title": _("New status report"),
        "intro": _(
            "Choose the period. Meetings, decisions, matters, progress and the "
            "health of the groups are filled in from the records; you write the "
            "narrative."
        ),
        "submit_label": _("Save draft"),
        "cancel_url": _url(request, "status_list"),
        "breadcrumbs": _crumbs(request, (_("New"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*READERS)
def status_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {
        "area": request.area,
        "report": report,
        "figures": status_report_view_data(report=report),
        "can_edit": _can_edit(request, report),
        "warnings": services.status_report_warnings(report)
        if _can_edit(request, report)
        else [],
        "breadcrumbs": _crumbs(request, (report.title, None)),
    }
    return render(request, "reports/status/detail.html", context)


@area_view(*WRITERS)
def status_update(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise PermissionDenied
    form = PeriodicReportForm(
        request.POST or None, instance=report, receivers=_receivers(request)
    )
    detail_url = _url(request, "status_detail", pk=report.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_report_update(report=report, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(detail_url)
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit status report"),
        "submit_label": _("Save draft"),
        "cancel_url": detail_url,
        "breadcrumbs": _crumbs(request, (report.title, detail_url), (_("Edit"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@require_POST
@area_view(*WRITERS)
def status_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Lever: the text and the figures are frozen."""
    report = _report(request, pk)
    if not _can_edit(request, report):
        raise PermissionDenied
    try:
        services.status_report_submit(report=report, submitted_by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report is submitted."))
    return redirect(_url(request, "status_detail", pk=report.pk))


@area_view(*READERS)
def status_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Statusrapport som PDF: from the snapshot once submitted."""
    report = _report(request, pk)
    snapshot = (
        report.data_snapshot if report.status != StatusReport.Status.DRAFT else {}
    )
    _html, pdf = render_pdf(
        "reports/status/pdf.html",
        {
            "title": snapshot.get("title", report.title),
            "report": report,
            "body": snapshot.get("body", report.body),
            "figures": status_report_view_data(report=report),
            "area": request.area,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="statusrapport-{request.area.slug}-{report.pk}.pdf"'
    )
    return response
