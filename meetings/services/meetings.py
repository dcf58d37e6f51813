"""Møter: plan, schedule series, invite, change, hold and cancel.

The signature of ``meeting_create`` is used by actionplans (the årshjul generates
meetings); new parameters are keyword-only with defaults.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications, recurrence
from meetings.models import AgendaItem, Meeting, MeetingSeries
from meetings.services.agenda import ensure_follow_up_review, standing_items_add
from municipalities import roles
from municipalities.models import Group, GroupMember, Membership, User
from slt_portal.exceptions import ApplicationError

OPEN_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.INVITED)
# Groups that cannot invite without the coordinator as secretary (rule M3).
SECRETARY_RULE_KINDS = frozenset(
    {Group.Kind.STEERING_GROUP, Group.Kind.COORDINATION_GROUP}
)


def _check_times(
    *, group: Group, starts_at: dt.datetime, ends_at: dt.datetime | None
) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise ApplicationError(
            _("The meeting must end after it starts."), field="ends_at"
        )
    if group.dissolved_on and starts_at.date() > group.dissolved_on:
        raise ApplicationError(
            _("The group was dissolved on %(date)s.") % {"date": group.dissolved_on},
            field="starts_at",
        )


@transaction.atomic
def meeting_create(
    *,
    group: Group,
    title: str,
    starts_at: dt.datetime,
    created_by: User | None,
    ends_at: dt.datetime | None = None,
    location: str = "",
    video_link: str = "",
    purpose: str = "",
    series: MeetingSeries | None = None,
    cycle_task=None,
    add_standing_items: bool = True,
) -> Meeting:
    """Planlegg møte in ``group`` (status planned), with its standing items (M10)."""
    _check_times(group=group, starts_at=starts_at, ends_at=ends_at)
    meeting = Meeting(
        area=group.area,
        group=group,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        video_link=video_link.strip(),
        purpose=purpose.strip(),
        series=series,
        cycle_task=cycle_task,
        created_by=created_by,
    )
    meeting.full_clean()
    meeting.save()
    if add_standing_items:
        standing_items_add(meeting=meeting, by=created_by)
        ensure_follow_up_review(meeting=meeting, by=created_by)
    return meeting


@transaction.atomic
def series_create(
    *,
    group: Group,
    title: str,
    first_starts_at: dt.datetime,
    frequency: str,
    until: dt.date,
    created_by: User | None,
    duration_minutes: int = 120,
    location: str = "",
    video_link: str = "",
    purpose: str = "",
    skip_months: list[int] | None = None,
) -> MeetingSeries:
    """Planlegg møteserie: one planned meeting per occurrence, in Oslo wall time."""
    if first_starts_at <= timezone.now():
        raise ApplicationError(
            _("The first meeting must be in the future."), field="first_starts_at"
        )
    if until < recurrence.local_wall_time(first_starts_at).date():
        raise ApplicationError(
            _("The series must end after the first meeting."), field="until"
        )
    if not 15 <= duration_minutes <= 12 * 60:
        raise ApplicationError(
            _("A meeting lasts between 15 minutes and 12 hours."),
            field="duration_minutes",
        )
    skip = group.skip_months if skip_months is None else skip_months
    rule = recurrence.build_rrule(
        frequency=frequency,
        first_starts_at=first_starts_at,
        until=until,
        skip_months=skip,
    )
    starts = recurrence.expand(rrule=rule, first_starts_at=first_starts_at)
    if not starts:
        raise ApplicationError(_("No meeting falls within this period."), field="until")
    if len(starts) > recurrence.MAX_OCCURRENCES:
        raise ApplicationError(
            _("A series can hold at most %(max)d meetings; choose an earlier end.")
            % {"max": recurrence.MAX_OCCURRENCES},
            field="until",
        )
    series = MeetingSeries(
        area=group.area,
        group=group,
        title=title.strip(),
        rrule=rule,
        first_starts_at=first_starts_at,
        duration_minutes=duration_minutes,
        until=until,
        location=location.strip(),
        video_link=video_link.strip(),
        created_by=created_by,
    )
    series.full_clean()
    series.save()
    duration = dt.timedelta(minutes=duration_minutes)
    for start in starts:
        meeting_create(
            group=group,
            title=series.title,
            starts_at=start,
            ends_at=start + duration,
            location=series.location,
            video_link=series.video_link,
            purpose=purpose,
            series=series,
            created_by=created_by,
        )
    return series


def _require_open(meeting: Meeting) -> None:
    if meeting.status not in OPEN_STATUSES:
        raise ApplicationError(
            _("Only a planned or invited meeting can be changed (this one is %(s)s).")
            % {"s": meeting.get_status_display().lower()}
        )


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by: User,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    location: str = "",
    video_link: str = "",
    purpose: str = "",
) -> Meeting:
    """Endre møte. After the notice, a change of time or place is sent out again."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    _check_times(group=meeting.group, starts_at=starts_at, ends_at=ends_at)
    moved = (starts_at, ends_at, location.strip(), video_link.strip()) != (
        meeting.starts_at,
        meeting.ends_at,
        meeting.location,
        meeting.video_link,
    )
    meeting.title = title.strip()
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.location, meeting.video_link = location.strip(), video_link.strip()
    meeting.purpose = purpose.strip()
    if moved and meeting.status == Meeting.Status.INVITED:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    if moved and meeting.status == Meeting.Status.INVITED:
        notifications.meeting_notice(meeting=meeting, changed=True)
    return meeting


def _has_coordinator_secretary(group: Group, day: dt.date) -> bool:
    secretaries = (
        GroupMember.objects.with_scope(area=[group.area_id])
        .filter(group=group, role=GroupMember.Role.SECRETARY)
        .active_on(day)
        .values("user_id")
    )
    return (
        Membership.objects.with_scope(area=[group.area_id])
        .filter(area=group.area, role=roles.COORDINATOR, user_id__in=secretaries)
        .active_on(day)
        .exists()
    )


def requires_coordinator_secretary(group: Group) -> bool:
    """Rule M3 applies to steering and coordination groups (and a politiråd acting
    as the steering group)."""
    return group.kind in SECRETARY_RULE_KINDS or (
        group.kind == Group.Kind.POLICE_COUNCIL and group.acts_as_steering_group
    )


@transaction.atomic
def meeting_invite(*, meeting: Meeting, by: User) -> int:
    """Send innkalling with the agenda to every member; returns the e-mails queued."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    group = meeting.group
    if meeting.status != Meeting.Status.PLANNED:
        raise ApplicationError(_("Only a planned meeting can be invited to."))
    if meeting.starts_at <= timezone.now():
        raise ApplicationError(_("The meeting has already started."))
    if not group.mandate.strip():
        raise ApplicationError(
            _("The group needs a mandate before the first invitation (rule M4)."),
            field="mandate",
        )
    if not meeting.purpose.strip():
        raise ApplicationError(
            _("Write the meeting's purpose before inviting (rule M4)."),
            field="purpose",
        )
    if not meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).exists():
        raise ApplicationError(
            _("Put at least one item on the agenda before inviting (rule M4).")
        )
    if requires_coordinator_secretary(group) and not _has_coordinator_secretary(
        group, timezone.localdate()
    ):
        raise ApplicationError(
            _(
                "The group needs an active secretary who is the area's SLT "
                "coordinator before it can invite (rule M3)."
            )
        )
    ensure_follow_up_review(meeting=meeting, by=by)
    meeting.status = Meeting.Status.INVITED
    meeting.invited_at = timezone.now()
    meeting.save(update_fields=["status", "invited_at", "updated_at"])
    return notifications.meeting_notice(meeting=meeting)


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by: User) -> Meeting:
    """Marker møtet som gjennomført; minutes can then be written."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.INVITED:
        raise ApplicationError(_("Only an invited meeting can be marked as held."))
    if meeting.starts_at > timezone.now():
        raise ApplicationError(_("The meeting has not started yet."))
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """Avlys møte. Submitted items go back to the group's queue, not lost."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open(meeting)
    if not reason.strip():
        raise ApplicationError(
            _("Give a reason for cancelling."), field="cancelled_reason"
        )
    was_invited = meeting.status == Meeting.Status.INVITED
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_reason", "sequence", "updated_at"])
    items = meeting.agenda_items.all()
    items.filter(is_standing=True).delete()
    items.update(status=AgendaItem.Status.DEFERRED, meeting=None)
    if was_invited:
        notifications.meeting_cancelled(meeting=meeting)
    return meeting


def meeting_minutes_overdue(meeting: Meeting, today: dt.date) -> bool:
    """Rule M6: minutes not sent a week after the meeting."""
    days = settings.SLT["MINUTES_REMINDER_DAYS"]
    return (
        meeting.status == Meeting.Status.HELD
        and timezone.localdate(meeting.starts_at) + dt.timedelta(days=days) <= today
    )
