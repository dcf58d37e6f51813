"""Reads behind the iCalendar feeds: token lookup and what a token's owner may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from meetings.models import CalendarToken, Meeting
from meetings.policy import MEETING_ROLES, GroupAccess, group_access_for
from municipalities.models import Group, User
from municipalities.selectors import access_for_user

FEED_PAST_DAYS = 180
FEED_LIMIT = 1000


@dataclass(frozen=True)
class FeedAccess:
    area_ids: list[int]
    groups: GroupAccess


def token_lookup(*, raw: str) -> CalendarToken | None:
    """The active token with this value whose owner is still an active person."""
    if not raw or len(raw) > 64:
        return None
    return (
        CalendarToken.objects.select_related("user")
        .filter(token=raw, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def active_token(*, user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def access_of(*, user: User) -> FeedAccess:
    access = access_for_user(user=user)
    return FeedAccess(
        area_ids=access.area_ids_with(MEETING_ROLES),
        groups=group_access_for(access=access),
    )


def visible_groups(*, access: FeedAccess):
    return (
        Group.objects.filter(area_id__in=access.area_ids)
        .filter(
            Q(area_id__in=access.groups.coordinator_area_ids)
            | Q(pk__in=access.groups.member_group_ids)
        )
        .filter(dissolved_on__isnull=True)
        .select_related("area")
        .order_by("area__name", "level", "name")
    )


def visible_group(*, access: FeedAccess, group_id: int) -> Group:
    group = visible_groups(access=access).filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group


def feed_meetings(
    *, user: User, access: FeedAccess, group: Group | None = None
) -> list[Meeting]:
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    meetings = (
        Meeting.objects.filter(area_id__in=access.area_ids, starts_at__gte=since)
        .filter(access.groups.visible_q("group"))
        .select_related("group", "area")
        .order_by("starts_at")
    )
    if group is not None:
        meetings = meetings.filter(group=group)
    return list(meetings[:FEED_LIMIT])


def feed_url(token: CalendarToken, group_id: int | None = None) -> str:
    if group_id is None:
        path = reverse("calendar:personal_feed", kwargs={"token": token.token})
    else:
        path = reverse(
            "calendar:group_feed", kwargs={"token": token.token, "group_id": group_id}
        )
    return settings.SITE_URL + path


def feed_links(*, token: CalendarToken, user: User) -> list[dict]:
    access = access_of(user=user)
    links = [{"label": _("All my meetings"), "url": feed_url(token)}]
    with scope(area=access.area_ids):
        links += [
            {"label": f"{g.name} ({g.area.name})", "url": feed_url(token, g.pk)}
            for g in visible_groups(access=access)
        ]
    return links
