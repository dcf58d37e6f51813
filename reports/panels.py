"""Start-page panel: annual reports awaiting my review (steering members), and the
current report's status and PDF for the coordinator."""

from __future__ import annotations

from django.http import HttpRequest

from municipalities import roles
from reports.annual import selectors
from slt_portal.navigation import area_panel


@area_panel(50)
def annual_report_panel(request: HttpRequest) -> dict | None:
    """Årsrapport: what waits for me."""
    area, area_roles = request.area, request.area_roles
    awaiting = []
    if roles.STEERING_MEMBER in area_roles:
        awaiting = list(selectors.awaiting_review(area=area, user=request.user)[:5])
    latest = None
    if roles.COORDINATOR in area_roles:
        latest = selectors.annual_report_list(
            area=area, user=request.user, area_roles=area_roles
        ).first()
    if not awaiting and latest is None:
        return None
    return {
        "template": "reports/annual/_panel.html",
        "awaiting": awaiting,
        "latest": latest,
    }
