"""Reminder sources for the daily sweep (slt_portal.reminders).

* Follow-ups due soon or overdue, to their owner (rule M6: tasks have owners).
* Minutes not sent a week after the meeting was held, to the group's secretary, or
  the area's coordinators when it has none (rule M6: minutes go out quickly).

Each source runs a fixed number of queries across all areas; the sweep makes the
e-mails idempotent (one per item and due date, then once a week while overdue).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import FollowUp, Meeting
from municipalities import roles
from municipalities.models import GroupMember, Membership
from slt_portal.reminders import ReminderItem, reminder_source


@reminder_source
def follow_ups_due(*, today: dt.date, due_soon_days: int) -> Iterator[ReminderItem]:
    rows = (
        FollowUp.objects.filter(
            status__in=FollowUp.OPEN_STATUSES,
            due_date__lte=today + dt.timedelta(days=due_soon_days),
            area__is_active=True,
        )
        .select_related("area", "meeting__group")
        .only(
            "pk",
            "title",
            "due_date",
            "owner_id",
            "area__name",
            "area__slug",
            "meeting__group__name",
        )
    )
    label = _("Follow-up")
    for row in rows:
        yield ReminderItem(
            key=f"follow_up:{row.pk}",
            user_id=row.owner_id,
            area_id=row.area_id,
            area_name=row.area.name,
            kind=label,
            title=f"{row.title} ({row.meeting.group.name})",
            due_date=row.due_date,
            path=reverse(
                "meetings:follow_up_detail",
                kwargs={"area_slug": row.area.slug, "pk": row.pk},
            ),
        )


@reminder_source
def minutes_not_sent(*, today: dt.date, due_soon_days: int) -> Iterator[ReminderItem]:
    days = settings.SLT["MINUTES_REMINDER_DAYS"]
    cutoff = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=days - 1), dt.time.min)
    )
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.HELD, starts_at__lt=cutoff, area__is_active=True
        ).select_related("area", "group")
    )
    if not meetings:
        return
    recipients = _secretaries_or_coordinators(meetings, today)
    label = _("Minutes to send")
    for meeting in meetings:
        due = timezone.localdate(meeting.starts_at) + dt.timedelta(days=days)
        for user_id in recipients[meeting.pk]:
            yield ReminderItem(
                key=f"minutes:{meeting.pk}:{user_id}",
                user_id=user_id,
                area_id=meeting.area_id,
                area_name=meeting.area.name,
                kind=label,
                title=f"{meeting.title} ({meeting.group.name}, "
                f"{timezone.localtime(meeting.starts_at):%d.%m.%Y})",
                due_date=due,
                path=reverse(
                    "meetings:meeting_detail",
                    kwargs={"area_slug": meeting.area.slug, "pk": meeting.pk},
                )
                + "#minutes",
            )


def _secretaries_or_coordinators(meetings, today) -> dict[int, list[int]]:
    """Two queries: the groups' secretaries, and the areas' coordinators."""
    group_ids = {m.group_id for m in meetings}
    area_ids = {m.area_id for m in meetings}
    secretaries: dict[int, list[int]] = defaultdict(list)
    for group_id, user_id in (
        GroupMember.objects.filter(
            group_id__in=group_ids, role=GroupMember.Role.SECRETARY
        )
        .active_on(today)
        .values_list("group_id", "user_id")
    ):
        secretaries[group_id].append(user_id)
    coordinators: dict[int, list[int]] = defaultdict(list)
    for area_id, user_id in (
        Membership.objects.filter(area_id__in=area_ids, role=roles.COORDINATOR)
        .active_on(today)
        .values_list("area_id", "user_id")
    ):
        coordinators[area_id].append(user_id)
    return {
        m.pk: secretaries.get(m.group_id) or coordinators.get(m.area_id, [])
        for m in meetings
    }
