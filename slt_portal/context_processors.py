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
        context["switchable_areas"] = request.access.areas
    return context
