"""Small helpers shared by the actionplans views."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.selectors import area_breadcrumbs


def area_url(request: HttpRequest, name: str, **kwargs) -> str:
    return reverse(
        f"actionplans:{name}", kwargs={"area_slug": request.area.slug, **kwargs}
    )


def plan_crumbs(request: HttpRequest, *trail: tuple[str, str | None]) -> list[dict]:
    return area_breadcrumbs(
        request.area, (_("Action plans"), area_url(request, "plan_list")), *trail
    )


def cycle_crumbs(request: HttpRequest, *trail: tuple[str, str | None]) -> list[dict]:
    return area_breadcrumbs(
        request.area, (_("Annual cycle"), area_url(request, "cycle")), *trail
    )


def roles_of(request: HttpRequest) -> frozenset[str]:
    return frozenset(request.area_roles)
