from django.http import HttpRequest

from slt_portal.navigation import area_nav


def navigation(request: HttpRequest) -> dict:
    """The area menu and the area switcher for every page."""
    context: dict = {}
    if getattr(request, "area", None) is not None:
        context["area_nav"] = area_nav(request)
        context["current_area"] = request.area
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["switchable_areas"] = _switchable_areas(request)
    return context


def _switchable_areas(request: HttpRequest):
    from municipalities import selectors

    cached = getattr(request, "_slt_switchable_areas", None)
    if cached is None:
        cached = list(
            selectors.areas_for_access(access=request.access)
            .select_related(None)
            .only("slug", "name")
        )
        request._slt_switchable_areas = cached
    return cached
