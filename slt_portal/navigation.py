"""The area menu and the area start page's panels.

Apps contribute without editing each other's code: a menu entry appears once its URL
name exists, and an app registers start-page panels with :func:`area_panel`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from municipalities import roles


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str]


AREA_NAV: tuple[NavItem, ...] = (
    NavItem("municipalities:area_home", _("Overview"), roles.ALL_ROLES),
    NavItem("meetings:meeting_list", _("Meetings"), roles.WORKING_ROLES),
    NavItem("meetings:matter_list", _("Matters"), roles.WORKING_ROLES),
    NavItem("actionplans:plan_list", _("Action plans"), roles.ALL_ROLES),
    NavItem(
        "actionplans:cycle",
        _("Annual cycle"),
        roles.WORKING_ROLES | {roles.SECRETARIAT},
    ),
    NavItem(
        "consent:subject_list",
        _("Consents"),
        frozenset(
            {
                roles.COORDINATOR,
                roles.OPERATIVE,
                roles.COORDINATION_MEMBER,
                roles.POLICE_CONTACT,
            }
        ),
    ),
    NavItem("reports:report_list", _("Reports"), roles.ALL_ROLES),
    NavItem("municipalities:group_list", _("Groups"), roles.ALL_ROLES),
    NavItem("municipalities:organisation", _("Organisation"), roles.ALL_ROLES),
    NavItem(
        "municipalities:api_key_list", _("API keys"), frozenset({roles.COORDINATOR})
    ),
)


def area_nav(request: HttpRequest) -> list[dict]:
    """Menu entries the user's roles in the current area allow, with the current one."""
    items = []
    for item in AREA_NAV:
        if not (item.roles & request.area_roles):
            continue
        try:
            url = reverse(item.url_name, kwargs={"area_slug": request.area.slug})
        except NoReverseMatch:
            continue  # the app that serves it has not landed yet
        items.append({"url": url, "label": item.label, "current": False})
    # The current entry is the one whose address is the longest prefix of this page's.
    matching = [i for i in items if request.path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["current"] = True
    return items


# --- Start-page panels --------------------------------------------------------------

AreaPanel = Callable[[HttpRequest], dict | None]
_AREA_PANELS: list[tuple[int, AreaPanel]] = []


def area_panel(order: int) -> Callable[[AreaPanel], AreaPanel]:
    """Register a panel for the area start page.

    The function gets the request (``request.area``, ``request.area_roles``) and
    returns ``{"template": ..., **context}`` or None when it has nothing to show
    for this user.
    """

    def register(func: AreaPanel) -> AreaPanel:
        _AREA_PANELS.append((order, func))
        _AREA_PANELS.sort(key=lambda pair: pair[0])
        return func

    return register


def area_panels(request: HttpRequest) -> list[dict]:
    return [panel for _order, func in _AREA_PANELS if (panel := func(request))]


# --- Global start-page panels (across the user's areas) -----------------------------

StartPanel = Callable[[HttpRequest], dict | None]
_START_PANELS: list[tuple[int, StartPanel]] = []


def start_panel(order: int) -> Callable[[StartPanel], StartPanel]:
    """Register a panel for the start page outside any area (``/``).

    The function gets the request (``request.access`` spans all the user's areas)
    and returns ``{"template": ..., **context}`` or None when it has nothing to show.
    """

    def register(func: StartPanel) -> StartPanel:
        _START_PANELS.append((order, func))
        _START_PANELS.sort(key=lambda pair: pair[0])
        return func

    return register


def start_panels(request: HttpRequest) -> list[dict]:
    return [panel for _order, func in _START_PANELS if (panel := func(request))]


def area_panels_html(request: HttpRequest) -> str:
    """The start page's panels, rendered (the page is cached whole:
    ``areacache.cached_page`` on the view)."""
    html = render_to_string(
        "_area_panels.html",
        {"panels": area_panels(request), "area": request.area},
        request=request,
    )
    return mark_safe(html.strip())
