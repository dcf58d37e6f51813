"""Dagsorden: standing items, submissions from any member, the coordinator's
screening, and open follow-ups carried over to the next agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, FollowUp, Meeting
from municipalities.models import Agency, Group, GroupMember, User
from slt_portal.anonymisation import Finding, describe, find_identifiers
from slt_portal.exceptions import ApplicationError

Mode = Group.ConfidentialityMode
MODE_RANK = {Mode.SYSTEM_ONLY: 0, Mode.ANONYMISED: 1, Mode.NAMED: 2}
OPEN_MEETING = (Meeting.Status.PLANNED, Meeting.Status.INVITED)
# Standing items sit before the submitted ones; follow-up review opens the meeting.
ORDER_FOLLOW_UP_REVIEW = 1
ORDER_POLICE_UPDATE = 2
ORDER_LEVEL_REPORT = 3
ORDER_STEP = 10


def _standing_kinds(group: Group) -> list[tuple[str, str, int]]:
    """Rule M10: police update on steering and coordination agendas, and a report
    from the operational level on coordination agendas."""
    steering = group.kind == Group.Kind.STEERING_GROUP or (
        group.kind == Group.Kind.POLICE_COUNCIL and group.acts_as_steering_group
    )
    coordination = group.kind == Group.Kind.COORDINATION_GROUP
    items = []
    if steering or coordination:
        items.append(
            (
                AgendaItem.Kind.POLICE_UPDATE,
                _("The police's update on crime among young people"),
                ORDER_POLICE_UPDATE,
            )
        )
    if coordination:
        items.append(
            (
                AgendaItem.Kind.LEVEL_REPORT,
                _("Report from the operational level"),
                ORDER_LEVEL_REPORT,
            )
        )
    return items


def _standing_author(meeting: Meeting, by: User | None) -> User | None:
    """Standing items need an author; without one, the group's secretary."""
    if by is not None:
        return by
    member = (
        GroupMember.objects.with_scope(area=[meeting.area_id])
        .filter(group_id=meeting.group_id, role=GroupMember.Role.SECRETARY)
        .active_on(timezone.localdate(meeting.starts_at))
        .select_related("user")
        .first()
    )
    return member.user if member else None


def standing_items_add(*, meeting: Meeting, by: User | None) -> list[AgendaItem]:
    """Pre-fill the standing items (M10); they can be removed from the agenda.

    Their titles are stored in the portal's language (bokmål), whatever language
    the person planning the meeting uses.
    """
    author = _standing_author(meeting, by)
    if author is None:
        return []
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        kinds = _standing_kinds(meeting.group)
    items = [
        AgendaItem(
            area=meeting.area,
            group_id=meeting.group_id,
            meeting=meeting,
            title=title,
            kind=kind,
            is_standing=True,
            order=order,
            submitted_by=author,
            status=AgendaItem.Status.ACCEPTED,
            screened_by=author,
            screened_at=now,
            created_by=by,
        )
        for kind, title, order in kinds
    ]
    return AgendaItem.objects.bulk_create(items)


def open_follow_ups_before(*, meeting: Meeting):
    """Open follow-ups of the group from meetings before this one (rule M7)."""
    return (
        FollowUp.objects.with_scope(area=[meeting.area_id])
        .filter(
            meeting__group_id=meeting.group_id,
            meeting__starts_at__lt=meeting.starts_at,
            status__in=FollowUp.OPEN_STATUSES,
        )
        .exclude(meeting_id=meeting.pk)
    )


def ensure_follow_up_review(*, meeting: Meeting, by: User | None) -> bool:
    """Rule M7: open follow-ups carry over to the next agenda as a review item.

    Idempotent: adds the item only when follow-ups are open and it is missing.
    """
    if meeting.status not in OPEN_MEETING:
        return False
    if meeting.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP_REVIEW).exists():
        return False
    if not open_follow_ups_before(meeting=meeting).exists():
        return False
    author = _standing_author(meeting, by)
    if author is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Follow-up of earlier decisions")
    AgendaItem.objects.create(
        area=meeting.area,
        group_id=meeting.group_id,
        meeting=meeting,
        title=title,
        kind=AgendaItem.Kind.FOLLOW_UP_REVIEW,
        is_standing=True,
        order=ORDER_FOLLOW_UP_REVIEW,
        submitted_by=author,
        status=AgendaItem.Status.ACCEPTED,
        screened_by=author,
        screened_at=timezone.now(),
        created_by=by,
    )
    return True


def next_open_meeting(*, group: Group, after: dt.datetime) -> Meeting | None:
    return (
        Meeting.objects.with_scope(area=[group.area_id])
        .filter(group=group, status__in=OPEN_MEETING, starts_at__gt=after)
        .order_by("starts_at")
        .first()
    )


def next_order(meeting: Meeting) -> int:
    top = meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0
    return max(top, ORDER_LEVEL_REPORT) + ORDER_STEP


def check_text(*, group: Group, texts: Iterable[str], field: str) -> list[Finding]:
    """Rule C2 for free text: national identity numbers are refused everywhere
    (C12); in groups without «named» mode other identifiers are warnings."""
    text = "\n".join(t for t in texts if t)
    findings = find_identifiers(text)
    if any(f.kind == "national_id" for f in findings):
        raise ApplicationError(
            _("Remove the national identity number: it never belongs in the portal."),
            field=field,
        )
    if group.confidentiality_mode == Mode.NAMED:
        return []
    return findings


def findings_warning(findings: list[Finding]) -> str:
    return _(
        "Check that no one can be recognised. The text may identify a person: %(f)s."
    ) % {"f": describe(findings)}


def _check_confidentiality(group: Group, kind: str, confidentiality: str) -> None:
    if MODE_RANK[Mode(confidentiality)] > MODE_RANK[Mode(group.confidentiality_mode)]:
        raise ApplicationError(
            _(
                "This group handles at most «%(mode)s»; the item cannot be more "
                "sensitive than that (rule C2)."
            )
            % {"mode": group.get_confidentiality_mode_display()},
            field="confidentiality",
        )
    if kind == AgendaItem.Kind.CASE_DISCUSSION and group.confidentiality_mode == (
        Mode.SYSTEM_ONLY
    ):
        raise ApplicationError(
            _("Individual cases are not discussed in a group at system level only."),
            field="kind",
        )


def _check_steering_deadline(group: Group, meeting: Meeting) -> None:
    """Rule M5: items for a steering group are due some weeks before the meeting."""
    if not group.is_strategic:
        return
    lead = settings.SLT["STEERING_ITEMS_LEAD_DAYS"]
    deadline = timezone.localdate(meeting.starts_at) - dt.timedelta(days=lead)
    if timezone.localdate() > deadline:
        raise ApplicationError(
            _(
                "Items for this meeting were due on %(date)s (%(days)d days before). "
                "Submit it without choosing a meeting, and the coordinator will place "
                "it on a later one."
            )
            % {"date": deadline.strftime("%d.%m.%Y"), "days": lead},
            field="meeting",
        )


def _check_meeting(group: Group, meeting: Meeting | None) -> None:
    if meeting is None:
        return
    if meeting.group_id != group.pk:
        raise ApplicationError(
            _("The meeting belongs to another group."), field="meeting"
        )
    if meeting.status not in OPEN_MEETING:
        raise ApplicationError(
            _("Items can only be added to a planned or invited meeting."),
            field="meeting",
        )


@transaction.atomic
def agenda_item_submit(
    *,
    group: Group,
    submitted_by: User,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.DISCUSSION,
    topics: Iterable[str] = (),
    meeting: Meeting | None = None,
    submitted_by_agency: Agency | None = None,
    confidentiality: str | None = None,
    case_paper=None,
    accept_now: bool = False,
) -> tuple[AgendaItem, list[Finding]]:
    """Meld inn sak. Any member submits; ``accept_now`` when the coordinator (or the
    group's secretary) adds it straight to a meeting. Returns the item and any text
    warnings (C2)."""
    if not title.strip():
        raise ApplicationError(_("Give the item a title."), field="title")
    confidentiality = confidentiality or group.confidentiality_mode
    _check_confidentiality(group, kind, confidentiality)
    _check_meeting(group, meeting)
    if meeting is not None and not accept_now:
        _check_steering_deadline(group, meeting)
    findings = check_text(group=group, texts=[title, description], field="description")
    accepted = accept_now and meeting is not None
    now = timezone.now()
    item = AgendaItem(
        area=group.area,
        group=group,
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        topics=list(topics),
        submitted_by=submitted_by,
        submitted_by_agency=submitted_by_agency,
        confidentiality=confidentiality,
        status=AgendaItem.Status.ACCEPTED if accepted else AgendaItem.Status.SUBMITTED,
        screened_by=submitted_by if accepted else None,
        screened_at=now if accepted else None,
        order=next_order(meeting) if accepted else 0,
        created_by=submitted_by,
    )
    if case_paper:
        item.case_paper = case_paper
    item.full_clean()
    item.save()
    return item, findings


SCREEN_DECISIONS = (
    AgendaItem.Status.ACCEPTED,
    AgendaItem.Status.DEFERRED,
    AgendaItem.Status.RETURNED,
)


@transaction.atomic
def agenda_item_screen(
    *,
    item: AgendaItem,
    decision: str,
    by: User,
    note: str = "",
    meeting: Meeting | None = None,
) -> AgendaItem:
    """Behandle innmeldt sak: accept onto a meeting, defer, or return with a reason."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status not in (AgendaItem.Status.SUBMITTED, AgendaItem.Status.DEFERRED):
        raise ApplicationError(_("This item has already been screened."))
    if decision not in SCREEN_DECISIONS:
        raise ApplicationError(_("Choose what to do with the item."), field="decision")
    if decision == AgendaItem.Status.ACCEPTED:
        if meeting is None:
            raise ApplicationError(
                _("Choose the meeting the item goes on."), field="meeting"
            )
        _check_meeting(item.group, meeting)
        item.meeting = meeting
        item.order = next_order(meeting)
    else:
        item.meeting = None
    if decision == AgendaItem.Status.RETURNED and not note.strip():
        raise ApplicationError(
            _("Give the reason for returning the item."), field="note"
        )
    item.status = decision
    item.screening_note = note.strip()
    item.screened_by = by
    item.screened_at = timezone.now()
    item.save()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    """Ta av dagsorden: standing items go away; submitted ones back to the queue."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.meeting is None or item.meeting.status not in OPEN_MEETING:
        raise ApplicationError(
            _("Items can only be removed from a planned or invited meeting.")
        )
    if item.is_standing:
        item.delete()
        return
    item.meeting = None
    item.status = AgendaItem.Status.DEFERRED
    item.screened_by = by
    item.screened_at = timezone.now()
    item.save()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by: User, up: bool) -> None:
    """Flytt sak opp eller ned on the agenda (swaps places with its neighbour)."""
    if item.meeting is None or item.meeting.status not in OPEN_MEETING:
        raise ApplicationError(
            _("Items can only be moved on a planned or invited meeting.")
        )
    items = list(
        item.meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
        .select_for_update()
        .order_by("order", "submitted_at", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items, start=1):
        row.order = position * ORDER_STEP
    AgendaItem.objects.bulk_update(items, ["order"])
