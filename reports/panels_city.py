"""Start-page panels for the city report, status reports and the Oslostandard."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from municipalities import roles
from reports.checklist import checklist_scope, oslostandard_summary
from reports.models import StatusReport
from reports.services import STATUS_KINDS
from slt_portal.navigation import area_panel


@area_panel(36)
def latest_status_reports(request: HttpRequest) -> dict | None:
    """For the steering level and other readers: the latest submitted reports."""
    if roles.COORDINATOR in request.area_roles:
        return None
    reports = list(
        StatusReport.objects.for_area(request.area)
        .filter(kind__in=STATUS_KINDS)
        .exclude(status=StatusReport.Status.DRAFT)
        .order_by("-period_end", "-pk")[:3]
    )
    if not reports:
        return None
    return {"template": "reports/status/_panel_latest.html", "reports": reports}


@area_panel(35)
def reports_to_write(request: HttpRequest) -> dict | None:
    """For the coordinator: status reports in draft, and the Oslostandard."""
    if roles.COORDINATOR not in request.area_roles:
        return None
    drafts = list(
        StatusReport.objects.for_area(request.area)
        .filter(kind__in=STATUS_KINDS, status=StatusReport.Status.DRAFT)
        .order_by("period_end")[:5]
    )
    year = timezone.localdate().year - 1
    checklist = None
    if checklist_scope(request.area) is not None:
        checklist = oslostandard_summary(area=request.area, year=year)
    return {
        "template": "reports/status/_panel.html",
        "drafts": drafts,
        "checklist": checklist,
        "year": year,
    }
