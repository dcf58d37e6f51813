"""Helpers shared by the meeting views: fetching in scope, permission, crumbs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import Meeting
from meetings.policy import GroupAccess, group_access
from municipalities import selectors as area_selectors
from municipalities.models import Group


def access(request: HttpRequest) -> GroupAccess:
    return group_access(request)


def require_manage(request: HttpRequest, group: Group) -> None:
    """403 unless the user runs this group's meetings (coordinator or secretary)."""
    if not access(request).can_manage(group):
        raise PermissionDenied(
            _("Only the coordinator or the group's secretary can do this.")
        )


def get_meeting(request: HttpRequest, pk: int, *, manage: bool = False) -> Meeting:
    """The meeting if the user may see it (else 404); 403 if ``manage`` is needed."""
    meeting = selectors.meeting_get_for_user(
        area=request.area, access=access(request), pk=pk
    )
    if manage:
        require_manage(request, meeting.group)
    return meeting


def url(name: str, request: HttpRequest, **kwargs) -> str:
    return reverse(
        f"meetings:{name}", kwargs={"area_slug": request.area.slug, **kwargs}
    )


def meetings_crumbs(request: HttpRequest, *trail) -> list[dict]:
    return area_selectors.area_breadcrumbs(
        request.area, (_("Meetings"), url("meeting_list", request)), *trail
    )


def meeting_crumbs(request: HttpRequest, meeting: Meeting, *trail) -> list[dict]:
    if not trail:
        return meetings_crumbs(request, (meeting.title, None))
    return meetings_crumbs(
        request, (meeting.title, url("meeting_detail", request, pk=meeting.pk)), *trail
    )


def pagination_query(request: HttpRequest) -> str:
    """The current filters as a query string prefix for page links (``a=1&``)."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
