"""Pages outside any area: the start page, the area switcher, and /healthz."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from municipalities import selectors
from slt_portal.health import health_report
from slt_portal.navigation import start_panels


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Startside: the user's areas and roles, with what to do across them (the next
    meetings, measures to update); one area goes straight to its page."""
    areas = selectors.user_areas_with_roles(access=request.access)
    if len(areas) == 1 and not request.GET.get("all"):
        return redirect("municipalities:area_home", area_slug=areas[0][0].slug)
    context = {"areas": areas, "panels": start_panels(request) if areas else []}
    return render(request, "start.html", context)


@login_required
@require_GET
def switch_area(request: HttpRequest) -> HttpResponse:
    """Områdevelger: go to the chosen area's start page."""
    slug = request.GET.get("area", "")
    area = request.access.area(slug)
    if area is None:
        raise Http404(_("No such area, or you have no access to it."))
    return redirect(
        reverse("municipalities:area_home", kwargs={"area_slug": area.slug})
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
