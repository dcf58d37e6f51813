"""The area start page and the organisation overview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities import roles, selectors
from slt_portal.areacache import cached_page
from slt_portal.navigation import area_panels_html
from slt_portal.tenancy import area_view


@area_view()
@cached_page
def area_home(request: HttpRequest) -> HttpResponse:
    """Områdets startside: panels from every app the user's roles allow."""
    area = request.area
    context = {
        "area": area,
        "roles": selectors.role_labels(request.area_roles),
        "panels_html": area_panels_html(request),
        "today": timezone.localdate(),
    }
    return render(request, "municipalities/area_home.html", context)


@area_view()
def organisation(request: HttpRequest) -> HttpResponse:
    """Organisering: agencies and people with roles in the area."""
    area = request.area
    can_see_people = bool(
        request.area_roles & (roles.WORKING_ROLES | {roles.SECRETARIAT})
    )
    context = {
        "area": area,
        "agencies": selectors.agency_list(area=area).filter(area=area),
        "memberships": selectors.membership_list(area=area) if can_see_people else None,
        "can_manage_people": roles.COORDINATOR in request.area_roles,
        "breadcrumbs": selectors.area_breadcrumbs(area, (_("Organisation"), None)),
    }
    return render(request, "municipalities/organisation.html", context)
