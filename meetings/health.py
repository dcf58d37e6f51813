"""Strukturens helse: is each group meeting, attended, following up and answering?

The coordinator's daily dashboard. For every group of an area, in a fixed number of
queries however many groups and meetings there are:

* meetings held this year and last year against the frequency rule (M1, and the
  koordineringsgruppe's minimum and 45-day gap, M2);
* minutes not sent a week after the meeting (M6);
* a steering or coordination group without the coordinator as secretary (M3);
* attendance rate per agency over the last 12 months;
* open and overdue follow-ups; matters waiting for an answer.

A group is flagged as *falling behind* for the structural rules (M1, M2, M3, M6
and a steering group without a chair); overdue follow-ups are counted and listed,
not flagged, since they belong to their owners.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from meetings.models import Attendance, FollowUp, Matter, Meeting
from meetings.selectors import related_area_ids
from municipalities import roles
from municipalities.models import Area, Group, GroupMember, Membership

HELD = (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT)
AHEAD = (Meeting.Status.PLANNED, Meeting.Status.INVITED)
OPEN_MATTER = (Matter.Status.RAISED, Matter.Status.RECEIVED)
PRESENT = (Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE)


@dataclass
class AgencyAttendance:
    agency: str
    present: int
    total: int

    @property
    def rate(self) -> int:
        return round(100 * self.present / self.total) if self.total else 0


@dataclass
class GroupHealth:
    group: Group
    required: int | None = None
    held_this_year: int = 0
    ahead_this_year: int = 0
    held_last_year: int = 0
    last_held: dt.date | None = None
    next_meeting: dt.date | None = None
    minutes_overdue: int = 0
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0
    matters_waiting: int = 0
    matters_to_answer: int = 0
    attendance: list[AgencyAttendance] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    held_dates: list[dt.date] = field(default_factory=list)
    has_coordinator_secretary: bool = False
    has_chair: bool = False

    @property
    def attendance_rate(self) -> int | None:
        total = sum(a.total for a in self.attendance)
        if not total:
            return None
        return round(100 * sum(a.present for a in self.attendance) / total)

    @property
    def behind(self) -> bool:
        return bool(self.flags)


def is_steering_body(group: Group) -> bool:
    """Rule M1 covers a styringsgruppe and a politiråd acting as one."""
    return group.kind == Group.Kind.STEERING_GROUP or (
        group.kind == Group.Kind.POLICE_COUNCIL and group.acts_as_steering_group
    )


def days_outside(start: dt.date, end: dt.date, skip_months: list[int]) -> int:
    """Days after ``start`` up to ``end`` that fall outside the skip months."""
    skip = set(skip_months)
    if not skip:
        return (end - start).days
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if (start + dt.timedelta(days=n)).month not in skip
    )


def longest_gap(
    held: list[dt.date], today: dt.date, skip_months: list[int], since: dt.date
) -> int:
    """Longest stretch without a meeting over the last year, up to today (M2)."""
    points = [since, *sorted(d for d in held if d >= since), today]
    return max(
        (days_outside(a, b, skip_months) for a, b in itertools.pairwise(points)),
        default=0,
    )


def area_health(
    *, area: Area, today: dt.date | None = None, group: Group | None = None
) -> list[GroupHealth]:
    """Health of every active group of ``area`` (or just ``group``), steering
    level first."""
    return areas_health(areas=[area], today=today, group=group)[area.pk]


def areas_health(
    *, areas: list[Area], today: dt.date | None = None, group: Group | None = None
) -> dict[int, list[GroupHealth]]:
    """:func:`area_health` for several areas at once (the city secretariat's
    districts side by side), in the same fixed number of queries."""
    today = today or timezone.localdate()
    area_ids = [a.pk for a in areas]
    groups = Group.objects.with_scope(area=area_ids).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=today),
        area_id__in=area_ids,
    )
    if group is not None:
        groups = groups.filter(pk=group.pk)
    groups = list(groups.order_by("level", "name"))
    rows = {
        g.pk: GroupHealth(group=g, required=g.required_meetings_per_year)
        for g in groups
    }
    by_area: dict[int, list[GroupHealth]] = {pk: [] for pk in area_ids}
    if not rows:
        return by_area
    # The caller's scope may be one area (a parent's page): read these areas' rows.
    with scope(area=area_ids):
        _meetings(rows, today)
        _attendance(rows, today)
        _follow_ups(rows, today)
    _matters(rows, areas)
    _secretaries(rows, area_ids, today)
    for row in rows.values():
        _flags(row, today)
    order = {Group.Level.STEERING: 0, Group.Level.COORDINATING: 1}
    for row in sorted(
        rows.values(), key=lambda r: (order.get(r.group.level, 2), r.group.name)
    ):
        by_area[row.group.area_id].append(row)
    return by_area


def _meetings(rows: dict[int, GroupHealth], today: dt.date) -> None:
    year_start = dt.date(today.year - 1, 1, 1)
    minutes_days = settings.SLT["MINUTES_REMINDER_DAYS"]
    held_dates: dict[int, list[dt.date]] = defaultdict(list)
    meetings = (
        Meeting.objects.filter(group_id__in=rows, starts_at__date__gte=year_start)
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("group_id", "starts_at", "status")
    )
    for group_id, starts_at, status in meetings:
        row, day = rows[group_id], timezone.localdate(starts_at)
        if status in HELD and day <= today:
            held_dates[group_id].append(day)
            if day.year == today.year:
                row.held_this_year += 1
            elif day.year == today.year - 1:
                row.held_last_year += 1
            row.last_held = max(filter(None, [row.last_held, day]))
            if status == Meeting.Status.HELD and (
                day + dt.timedelta(days=minutes_days) <= today
            ):
                row.minutes_overdue += 1
        elif status in AHEAD and day >= today:
            if day.year == today.year:
                row.ahead_this_year += 1
            row.next_meeting = min(filter(None, [row.next_meeting, day]))
    for group_id, row in rows.items():
        row.held_dates = held_dates[group_id]


def _attendance(rows: dict[int, GroupHealth], today: dt.date) -> None:
    since = today - dt.timedelta(days=365)
    counts = (
        Attendance.objects.filter(
            meeting__group_id__in=rows,
            meeting__status__in=HELD,
            meeting__starts_at__date__gte=since,
            group_member__isnull=False,
        )
        .values("meeting__group_id", "agency__name")
        .annotate(total=Count("pk"), present=Count("pk", filter=Q(status__in=PRESENT)))
        .order_by("meeting__group_id", "agency__name")
    )
    for c in counts:
        rows[c["meeting__group_id"]].attendance.append(
            AgencyAttendance(
                agency=c["agency__name"] or _("No agency"),
                present=c["present"],
                total=c["total"],
            )
        )


def _follow_ups(rows: dict[int, GroupHealth], today: dt.date) -> None:
    counts = (
        FollowUp.objects.filter(
            meeting__group_id__in=rows, status__in=FollowUp.OPEN_STATUSES
        )
        .values("meeting__group_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    )
    for c in counts:
        row = rows[c["meeting__group_id"]]
        row.open_follow_ups, row.overdue_follow_ups = c["open"], c["overdue"]


def _matters(rows: dict[int, GroupHealth], areas: list[Area]) -> None:
    scope_ids = (
        related_area_ids(area=areas[0]) if len(areas) == 1 else _related_ids(areas)
    )
    matters = Matter.objects.with_scope(area=scope_ids).filter(status__in=OPEN_MATTER)
    for group_id, n in (
        matters.filter(from_group_id__in=rows)
        .values_list("from_group_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[group_id].matters_waiting = n
    for group_id, n in (
        matters.filter(to_group_id__in=rows)
        .values_list("to_group_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[group_id].matters_to_answer = n


def _related_ids(areas: list[Area]) -> list[int]:
    """Where matters to or from the areas' groups may live: the areas, their
    parents and their children and grandchildren (one query)."""
    ids = {a.pk for a in areas} | {a.parent_id for a in areas if a.parent_id}
    ids |= set(
        Area.objects.filter(
            Q(parent_id__in=[a.pk for a in areas])
            | Q(parent__parent_id__in=[a.pk for a in areas])
        ).values_list("pk", flat=True)
    )
    return sorted(ids)


def _secretaries(rows: dict[int, GroupHealth], area_ids: list[int], today: dt.date):
    coordinators = set(
        Membership.objects.with_scope(area=area_ids)
        .filter(role=roles.COORDINATOR, area_id__in=area_ids)
        .active_on(today)
        .values_list("area_id", "user_id")
    )
    officers = (
        GroupMember.objects.with_scope(area=area_ids)
        .filter(
            group_id__in=rows,
            role__in=(GroupMember.Role.SECRETARY, GroupMember.Role.CHAIR),
        )
        .active_on(today)
        .values_list("group_id", "user_id", "role")
    )
    for group_id, user_id, role in officers:
        if role == GroupMember.Role.CHAIR:
            rows[group_id].has_chair = True
        elif (rows[group_id].group.area_id, user_id) in coordinators:
            rows[group_id].has_coordinator_secretary = True


def _flags(row: GroupHealth, today: dt.date) -> None:
    from meetings.services import requires_coordinator_secretary

    group, required = row.group, row.required
    if required:
        if row.held_this_year + row.ahead_this_year < required:
            row.flags.append(
                _(
                    "%(held)d held and %(ahead)d planned this year; the rule is at "
                    "least %(min)d."
                )
                % {
                    "held": row.held_this_year,
                    "ahead": row.ahead_this_year,
                    "min": required,
                }
            )
        if (
            is_steering_body(group)
            and today >= dt.date(today.year, 10, 1)
            and (row.held_this_year < 3)
        ):
            row.flags.append(_("Fewer than 3 meetings held by 1 October (rule M1)."))
        established = group.established_on
        if row.held_last_year < required and not (
            established and established.year >= today.year - 1
        ):
            row.flags.append(
                _(
                    "Only %(held)d meetings held last year; the rule is at least "
                    "%(min)d."
                )
                % {"held": row.held_last_year, "min": required}
            )
    if group.kind == Group.Kind.COORDINATION_GROUP:
        _gap_flag(row, today)
    if row.minutes_overdue:
        row.flags.append(
            _("Minutes not sent for %(n)d meeting(s) held over a week ago (rule M6).")
            % {"n": row.minutes_overdue}
        )
    if requires_coordinator_secretary(group) and not row.has_coordinator_secretary:
        row.flags.append(
            _("The coordinator is not registered as the group's secretary (rule M3).")
        )
    if is_steering_body(group) and not row.has_chair:
        row.flags.append(_("The steering group has no chair."))


def _gap_flag(row: GroupHealth, today: dt.date) -> None:
    max_gap = settings.SLT["COORDINATION_MAX_GAP_DAYS"]
    since = max(
        today - dt.timedelta(days=365),
        row.group.established_on or dt.date.min,
    )
    gap = longest_gap(row.held_dates, today, row.group.skip_months, since)
    if gap > max_gap:
        row.flags.append(
            _(
                "%(days)d days without a meeting in the last year; the limit is "
                "%(max)d (rule M2)."
            )
            % {"days": gap, "max": max_gap}
        )
