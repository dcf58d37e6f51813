"""Reads for meetings, agendas, follow-ups and matters.

Every list is filtered twice: by the area scope (django-scopes) and by
:class:`~meetings.policy.GroupAccess` (only members of a group and the area's
coordinator see its content). Single objects come from ``*_get_for_user``, which
answer 404 for missing and forbidden alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
    MinutesCorrection,
)
from meetings.policy import GroupAccess
from meetings.services.agenda import open_follow_ups_before
from municipalities import selectors as area_selectors
from municipalities.models import Area, Group, GroupMember, User

OPEN_MATTER = (Matter.Status.RAISED, Matter.Status.RECEIVED)
SHOWN_ITEMS = (AgendaItem.Status.ACCEPTED, AgendaItem.Status.HANDLED)


# --- Meetings ------------------------------------------------------------------------


def meeting_list(
    *,
    area: Area,
    access: GroupAccess,
    group: Group | None = None,
    status: str | None = None,
    starts_from: dt.date | None = None,
    starts_until: dt.date | None = None,
) -> QuerySet[Meeting]:
    """Meetings of the area's groups the user may see (agenda counts for a page
    come from :func:`with_item_counts`, so ten years of meetings are never counted
    to show twenty-five)."""
    meetings = (
        Meeting.objects.for_area(area)
        .filter(access.visible_q("group"))
        .select_related("group", "area")
    )
    if group is not None:
        meetings = meetings.filter(group=group)
    if status:
        meetings = meetings.filter(status=status)
    if starts_from:
        meetings = meetings.filter(starts_at__date__gte=starts_from)
    if starts_until:
        meetings = meetings.filter(starts_at__date__lte=starts_until)
    return meetings


def meeting_get_for_user(*, area: Area, access: GroupAccess, pk: int) -> Meeting:
    try:
        return (
            Meeting.objects.for_area(area)
            .filter(access.visible_q("group"))
            .select_related(
                "group", "area", "series", "minutes_approved_by", "created_by"
            )
            .get(pk=pk)
        )
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def meeting_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.filter(status__in=SHOWN_ITEMS)
        .select_related("submitted_by", "submitted_by_agency", "matter")
        .order_by("order", "submitted_at", "pk")
    )


@dataclass(frozen=True)
class AttendanceRow:
    member: GroupMember
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


def meeting_attendance(
    *, meeting: Meeting
) -> tuple[list[AttendanceRow], list[Attendance]]:
    """Members on the meeting day with their attendance, and the guests."""
    day = timezone.localdate(meeting.starts_at)
    members = list(
        GroupMember.objects.for_area(meeting.area_id)
        .filter(group_id=meeting.group_id)
        .filter(Q(start_date__lte=day) | Q(attendances__meeting=meeting))
        .filter(
            Q(end_date__isnull=True)
            | Q(end_date__gte=day)
            | Q(attendances__meeting=meeting)
        )
        .select_related("user", "agency")
        .distinct()
        .order_by("role", "user__full_name")
    )
    rows = list(meeting.attendances.select_related("agency"))
    by_member = {a.group_member_id: a for a in rows if a.group_member_id}
    guests = [a for a in rows if a.group_member_id is None]
    return [AttendanceRow(m, by_member.get(m.pk)) for m in members], guests


def meeting_decisions(*, meeting: Meeting) -> list[Decision]:
    return list(
        meeting.decisions.select_related("agenda_item").order_by("decided_at", "pk")
    )


def meeting_follow_ups(*, meeting: Meeting) -> list[FollowUp]:
    return list(
        meeting.follow_ups.select_related("owner", "owner_agency", "decision").order_by(
            "due_date", "pk"
        )
    )


def meeting_carried_follow_ups(*, meeting: Meeting) -> list[FollowUp]:
    """Open follow-ups from earlier meetings, for the review item (rule M7)."""
    return list(
        open_follow_ups_before(meeting=meeting)
        .select_related("owner", "meeting")
        .order_by("due_date", "pk")
    )


def meeting_corrections(*, meeting: Meeting) -> list[MinutesCorrection]:
    return list(meeting.corrections.select_related("created_by"))


def meeting_orders(*, meeting: Meeting) -> list[Matter]:
    """Orders and answers that came out of this meeting's decisions."""
    return list(
        Matter.objects.for_area(meeting.area_id)
        .filter(from_group_id=meeting.group_id, origin_decision__meeting=meeting)
        .select_related("to_group")
    )


def with_item_counts(meetings) -> list[Meeting]:
    """The meetings, each with ``item_count``: its agenda items shown (one query)."""
    meetings = list(meetings)
    counts = dict(
        AgendaItem.objects.filter(meeting__in=meetings, status__in=SHOWN_ITEMS)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values_list("meeting", "n")
    )
    for meeting in meetings:
        meeting.item_count = counts.get(meeting.pk, 0)
    return meetings


def upcoming_meetings(*, area: Area, access: GroupAccess, limit: int = 5):
    return list(
        meeting_list(area=area, access=access)
        .filter(
            starts_at__gte=timezone.now() - dt.timedelta(hours=12),
            status__in=(Meeting.Status.PLANNED, Meeting.Status.INVITED),
        )
        .order_by("starts_at")[:limit]
    )


def meetings_this_week(
    *, area: Area, access: GroupAccess, today: dt.date | None = None
) -> list[Meeting]:
    """Møter den neste uken: today and the six days after, cancelled ones left out
    (on a Friday the coming Monday matters more than the past Monday)."""
    today = today or timezone.localdate()
    return list(
        meeting_list(
            area=area,
            access=access,
            starts_from=today,
            starts_until=today + dt.timedelta(days=6),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
    )


def upcoming_meetings_across(
    *, access: GroupAccess, area_ids: list[int], limit: int = 5
) -> list[Meeting]:
    """The next meetings of the user's groups in all their areas (global start page)."""
    if not area_ids:
        return []
    return list(
        Meeting.objects.with_scope(area=area_ids)
        .filter(
            access.visible_q("group"),
            area_id__in=area_ids,
            starts_at__gte=timezone.now() - dt.timedelta(hours=12),
            status__in=(Meeting.Status.PLANNED, Meeting.Status.INVITED),
        )
        .select_related("group", "area")
        .order_by("starts_at")[:limit]
    )


def open_meetings_of(*, group: Group) -> QuerySet[Meeting]:
    """Planned or invited meetings still ahead, e.g. to place an item on."""
    return (
        Meeting.objects.with_scope(area=[group.area_id])
        .filter(
            group=group,
            status__in=(Meeting.Status.PLANNED, Meeting.Status.INVITED),
            starts_at__gte=timezone.now() - dt.timedelta(hours=12),
        )
        .order_by("starts_at")
    )


# --- Agenda queue --------------------------------------------------------------------


def agenda_queue(*, area: Area, access: GroupAccess, group: Group | None = None):
    """Submitted and deferred items waiting for screening, in groups the user runs.

    A submitted item may name the meeting its sender wished for; it reaches that
    agenda only when the coordinator accepts it.
    """
    items = (
        AgendaItem.objects.for_area(area)
        .filter(
            access.managed_q("group"),
            status__in=(AgendaItem.Status.SUBMITTED, AgendaItem.Status.DEFERRED),
        )
        .select_related("group", "meeting", "submitted_by", "submitted_by_agency")
        .order_by("group__name", "submitted_at")
    )
    if group is not None:
        items = items.filter(group=group)
    return items


def my_submitted_items(*, area: Area, user: User):
    """Items the user submitted, with the screening outcome (returned with reason)."""
    return (
        AgendaItem.objects.for_area(area)
        .filter(submitted_by=user, is_standing=False)
        .select_related("group", "meeting")
        .order_by("-submitted_at")
    )


def agenda_item_get_for_user(
    *, area: Area, access: GroupAccess, pk: int, manage: bool = False
) -> AgendaItem:
    q = access.managed_q("group") if manage else access.visible_q("group")
    try:
        return (
            AgendaItem.objects.for_area(area)
            .filter(q)
            .select_related("group", "meeting", "submitted_by")
            .get(pk=pk)
        )
    except AgendaItem.DoesNotExist as exc:
        raise Http404 from exc


# --- Follow-ups ----------------------------------------------------------------------


def follow_up_list(
    *,
    area: Area,
    access: GroupAccess,
    owner: User | None = None,
    group: Group | None = None,
    status: str | None = None,
    overdue: bool = False,
) -> QuerySet[FollowUp]:
    today = timezone.localdate()
    rows = (
        FollowUp.objects.for_area(area)
        .filter(Q(owner_id=access.user_id) | access.visible_q("meeting__group"))
        .select_related("owner", "owner_agency", "meeting", "meeting__group")
    )
    if owner is not None:
        rows = rows.filter(owner=owner)
    if group is not None:
        rows = rows.filter(meeting__group=group)
    if status == "open":
        rows = rows.filter(status__in=FollowUp.OPEN_STATUSES)
    elif status:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.filter(status__in=FollowUp.OPEN_STATUSES, due_date__lt=today)
    return rows.order_by("due_date", "pk")


def follow_up_get_for_user(*, area: Area, access: GroupAccess, pk: int) -> FollowUp:
    try:
        return follow_up_list(area=area, access=access).get(pk=pk)
    except FollowUp.DoesNotExist as exc:
        raise Http404 from exc


# --- Matters -------------------------------------------------------------------------


def related_area_ids(*, area: Area) -> list[int]:
    """The area, its ancestors and its descendants: where matters to or from its
    groups may live (a matter belongs to the sender's area)."""
    return [
        area.pk,
        *area_selectors.area_ancestor_ids(area=area),
        *area_selectors.area_descendant_ids(area=area),
    ]


def matter_list(
    *,
    area: Area,
    access: GroupAccess,
    box: str = "",
    status: str | None = None,
    group: Group | None = None,
) -> QuerySet[Matter]:
    """Matters sent or received by the area's groups that the user may see.

    Read across areas on purpose and explicitly: only the area's own, its
    ancestors' and its descendants' rows, and of those only matters whose sending
    or receiving group is in *this* area and visible to the user.
    """
    sent = Q(from_group__area=area) & access.visible_q("from_group")
    received = Q(to_group__area=area) & access.visible_q("to_group")
    wanted = {"sent": sent, "received": received}.get(box, sent | received)
    matters = (
        Matter.objects.with_scope(area=related_area_ids(area=area))
        .filter(wanted)
        .select_related("from_group", "from_group__area", "to_group", "to_group__area")
        .order_by("-raised_at")
    )
    if status == "open":
        matters = matters.filter(status__in=OPEN_MATTER)
    elif status:
        matters = matters.filter(status=status)
    if group is not None:
        matters = matters.filter(Q(from_group=group) | Q(to_group=group))
    return matters


def matter_get_for_user(*, area: Area, access: GroupAccess, pk: int) -> Matter:
    try:
        return matter_list(area=area, access=access).get(pk=pk)
    except Matter.DoesNotExist as exc:
        raise Http404 from exc


def matter_chain(*, matter: Matter) -> list[Matter]:
    """The matter, the ones it was lifted from, and the ones lifted from it."""
    root = matter
    while root.parent_matter_id is not None:
        root = Matter.objects.with_scopes_disabled().get(pk=root.parent_matter_id)
    chain, frontier = [root], [root.pk]
    while frontier:
        children = list(
            Matter.objects.with_scopes_disabled()
            .filter(parent_matter_id__in=frontier)
            .select_related("from_group", "to_group")
            .order_by("raised_at")
        )
        chain.extend(children)
        frontier = [c.pk for c in children]
    return chain


def matter_trail(*, matter: Matter) -> list[MatterEvent]:
    """Every step of the matter and of the chain it belongs to, oldest first.

    The chain may cross areas (a team's matter lifted to the city); it is read
    unscoped on purpose, but only from a matter the user was allowed to open.
    """
    ids = [m.pk for m in matter_chain(matter=matter)]
    return list(
        MatterEvent.objects.with_scopes_disabled()
        .filter(matter_id__in=ids)
        .select_related("matter__from_group", "matter__to_group", "group", "created_by")
        .order_by("created_at", "pk")
    )


def decisions_of(*, group: Group) -> QuerySet[Decision]:
    """Decisions taken in ``group``'s meetings, newest first."""
    return (
        Decision.objects.with_scope(area=[group.area_id])
        .filter(meeting__group_id=group.pk)
        .select_related("meeting")
        .order_by("-decided_at")
    )


def matter_answer_decisions(*, matter: Matter) -> QuerySet[Decision]:
    """Recent decisions of the receiving group that can answer the matter."""
    return decisions_of(group=matter.to_group).filter(
        decided_at__gte=matter.raised_at - dt.timedelta(days=1)
    )


def matter_lift_targets(*, groups) -> QuerySet[Group]:
    """Groups a matter from one of ``groups`` (all in one area) may be lifted to
    (rule R1): a higher level in the same area, or any group in an ancestor area.
    The service checks the pair actually chosen."""
    from meetings.services.matters import LEVEL_RANK

    groups = list(groups)
    if not groups:
        return Group.objects.none()
    area = groups[0].area
    lowest = min(LEVEL_RANK[g.level] for g in groups)
    higher = [lvl for lvl, rank in LEVEL_RANK.items() if rank > lowest]
    ancestors = area_selectors.area_ancestor_ids(area=area)
    return (
        Group.objects.with_scope(area=[area.pk, *ancestors])
        .filter(
            Q(area_id=area.pk, level__in=higher) | Q(area_id__in=ancestors),
            dissolved_on__isnull=True,
        )
        .select_related("area")
        .order_by("area__name", "-level", "name")
    )


def matter_order_targets(*, group: Group) -> QuerySet[Group]:
    """Groups an order from ``group`` may go to: lower levels here and groups in
    descendant areas."""
    from meetings.services.matters import LEVEL_RANK

    lower = [lvl for lvl, rank in LEVEL_RANK.items() if rank < LEVEL_RANK[group.level]]
    children = area_selectors.area_descendant_ids(area=group.area)
    return (
        Group.objects.with_scope(area=[group.area_id, *children])
        .filter(
            Q(area_id=group.area_id, level__in=lower) | Q(area_id__in=children),
            dissolved_on__isnull=True,
        )
        .select_related("area")
        .order_by("area__name", "level", "name")
    )


def groups_user_can_view(*, area: Area, access: GroupAccess) -> QuerySet[Group]:
    return (
        Group.objects.for_area(area)
        .filter(
            Q(area_id__in=access.coordinator_area_ids)
            | Q(pk__in=access.member_group_ids)
        )
        .filter(dissolved_on__isnull=True)
        .order_by("level", "name")
    )


def groups_user_manages(*, area: Area, access: GroupAccess) -> QuerySet[Group]:
    return (
        Group.objects.for_area(area)
        .filter(
            Q(area_id__in=access.coordinator_area_ids)
            | Q(pk__in=access.secretary_group_ids)
        )
        .filter(dissolved_on__isnull=True)
        .order_by("level", "name")
    )


def member_users(*, group: Group, day: dt.date | None = None) -> QuerySet[User]:
    """People who can own a follow-up: the group's members and the coordinators."""
    from municipalities import roles
    from municipalities.models import Membership

    day = day or timezone.localdate()
    members = (
        GroupMember.objects.with_scope(area=[group.area_id])
        .filter(group=group)
        .active_on(day)
        .values("user_id")
    )
    coordinators = (
        Membership.objects.with_scope(area=[group.area_id])
        .filter(area_id=group.area_id, role=roles.COORDINATOR)
        .active_on(day)
        .values("user_id")
    )
    return User.objects.filter(
        Q(pk__in=members) | Q(pk__in=coordinators), is_active=True
    ).order_by("full_name")


def agency_of(*, group: Group, user: User):
    """The agency ``user`` represents in ``group`` (else in the area, else theirs)."""
    from municipalities.models import Membership

    member = (
        GroupMember.objects.with_scope(area=[group.area_id])
        .filter(group=group, user=user)
        .active_on(timezone.localdate())
        .select_related("agency")
        .first()
    )
    if member is not None:
        return member.agency
    membership = (
        Membership.objects.with_scope(area=[group.area_id])
        .filter(user=user, area_id=group.area_id, agency__isnull=False)
        .active_on(timezone.localdate())
        .select_related("agency")
        .first()
    )
    return membership.agency if membership else user.agency


def group_health(*, area: Area, group: Group, today: dt.date | None = None):
    """The health row of one group (meetings against its rule, follow-ups…)."""
    from meetings.health import area_health

    rows = area_health(area=area, today=today, group=group)
    return rows[0] if rows else None


@dataclass
class DistrictHealth:
    """One area's structure health in figures (no group content)."""

    groups: int = 0
    behind: int = 0
    held_this_year: int = 0
    minutes_overdue: int = 0
    overdue_follow_ups: int = 0
    matters_to_answer: int = 0


def district_health(
    *, areas: list[Area], today: dt.date | None = None
) -> dict[int, DistrictHealth]:
    """Per area, the sums of its groups' health (the secretariat's overview)."""
    from meetings.health import areas_health

    result = {}
    for area_id, rows in areas_health(areas=areas, today=today).items():
        result[area_id] = DistrictHealth(
            groups=len(rows),
            behind=sum(1 for r in rows if r.behind),
            held_this_year=sum(r.held_this_year for r in rows),
            minutes_overdue=sum(r.minutes_overdue for r in rows),
            overdue_follow_ups=sum(r.overdue_follow_ups for r in rows),
            matters_to_answer=sum(r.matters_to_answer for r in rows),
        )
    return result
