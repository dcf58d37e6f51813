"""Oppmøte, referat and vedtak: what happens in and after the meeting.

Approved minutes are locked (issue rule; a database trigger guards the text too):
corrections are new, logged :class:`MinutesCorrection` rows. The signature of
``decision_create`` is used by actionplans and reports; new parameters are
keyword-only with defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Matter,
    Meeting,
    MinutesCorrection,
)
from municipalities.models import Agency, Group, GroupMember, User
from slt_portal.exceptions import ApplicationError

RUNNING = (Meeting.Status.INVITED, Meeting.Status.HELD)


def require_unlocked(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ApplicationError(
            _(
                "The minutes are approved and locked. Add a correction instead; "
                "it is logged with your name."
            )
        )


# --- Attendance ----------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceEntry:
    group_member: GroupMember
    status: str
    substitute_name: str = ""


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, by: User, entries: Iterable[AttendanceEntry]
) -> int:
    """Registrer oppmøte for members (present, excused, absent, substitute)."""
    if meeting.status not in RUNNING:
        raise ApplicationError(
            _("Attendance is recorded for an invited or held meeting.")
        )
    require_unlocked(meeting)
    entries = list(entries)
    for entry in entries:
        if entry.group_member.group_id != meeting.group_id:
            raise ApplicationError(_("Only the group's members can be registered."))
        if entry.status not in Attendance.Status.values:
            raise ApplicationError(_("Unknown attendance status."), field="status")
        if entry.status == Attendance.Status.SUBSTITUTE and not (
            entry.substitute_name.strip()
        ):
            raise ApplicationError(
                _("Write the name of the substitute for %(name)s.")
                % {"name": entry.group_member.user.full_name},
                field="substitute_name",
            )
    existing = {
        a.group_member_id: a
        for a in meeting.attendances.filter(group_member__isnull=False)
    }
    new, changed = [], []
    for entry in entries:
        row = existing.get(entry.group_member.pk)
        if row is None:
            row = Attendance(
                area=meeting.area,
                meeting=meeting,
                group_member=entry.group_member,
                created_by=by,
            )
            new.append(row)
        else:
            changed.append(row)
        row.status = entry.status
        row.agency_id = entry.group_member.agency_id
        row.substitute_name = (
            entry.substitute_name.strip()
            if entry.status == Attendance.Status.SUBSTITUTE
            else ""
        )
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["status", "agency", "substitute_name"])
    return len(new) + len(changed)


@transaction.atomic
def attendance_add_guest(
    *, meeting: Meeting, by: User, guest_name: str, agency: Agency | None = None
) -> Attendance:
    """Registrer gjest (e.g. a presenter), recorded as present."""
    if meeting.status not in RUNNING:
        raise ApplicationError(
            _("Attendance is recorded for an invited or held meeting.")
        )
    require_unlocked(meeting)
    if not guest_name.strip():
        raise ApplicationError(_("Write the guest's name."), field="guest_name")
    row = Attendance(
        area=meeting.area,
        meeting=meeting,
        guest_name=guest_name.strip(),
        agency=agency,
        status=Attendance.Status.PRESENT,
        created_by=by,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def attendance_remove_guest(*, attendance: Attendance, by: User) -> None:
    require_unlocked(attendance.meeting)
    if attendance.group_member_id is not None:
        raise ApplicationError(_("Members are not removed; mark them absent."))
    attendance.delete()


# --- Minutes -------------------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    by: User,
    minutes: str,
    item_notes: dict[int, str] | None = None,
) -> Meeting:
    """Skriv referat: general minutes plus a note per agenda item."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_unlocked(meeting)
    if meeting.status != Meeting.Status.HELD:
        raise ApplicationError(
            _("Minutes are written once the meeting is marked as held.")
        )
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes", "updated_at"])
    if item_notes:
        items = list(meeting.agenda_items.filter(pk__in=item_notes))
        for item in items:
            item.notes = item_notes[item.pk].strip()
        AgendaItem.objects.bulk_update(items, ["notes", "updated_at"])
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by: User) -> list[str]:
    """Godkjenn og send referat: lock the minutes and send them to the members.

    Returns warnings (rule M6: minutes give tasks to people) that do not stop it.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_unlocked(meeting)
    if meeting.status != Meeting.Status.HELD:
        raise ApplicationError(_("Only minutes of a held meeting can be approved."))
    has_notes = meeting.agenda_items.exclude(notes="").exists()
    if not meeting.minutes.strip() and not has_notes:
        raise ApplicationError(
            _("Write the minutes before approving them."), field="minutes"
        )
    warnings = []
    if not meeting.follow_ups.exists():
        warnings.append(
            _(
                "The minutes give no follow-ups. Clear minutes say who does what "
                "by when (rule M6)."
            )
        )
    if not meeting.attendances.exists():
        warnings.append(_("No attendance was recorded for this meeting."))
    now = timezone.now()
    meeting.minutes_approved_at = now
    meeting.minutes_approved_by = by
    meeting.minutes_sent_at = now
    meeting.status = Meeting.Status.MINUTES_SENT
    meeting.save(
        update_fields=[
            "minutes_approved_at",
            "minutes_approved_by",
            "minutes_sent_at",
            "status",
            "updated_at",
        ]
    )
    meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).update(
        status=AgendaItem.Status.HANDLED, updated_at=now
    )
    notifications.minutes_sent(meeting=meeting)
    return warnings


@transaction.atomic
def minutes_correction_add(
    *, meeting: Meeting, by: User, text: str, reason: str
) -> MinutesCorrection:
    """Rettelse til godkjent referat: a new, logged entry; the minutes stay as they
    were approved."""
    if not meeting.minutes_locked:
        raise ApplicationError(
            _("The minutes are not approved yet; edit them directly.")
        )
    if not text.strip():
        raise ApplicationError(_("Write the correction."), field="text")
    if not reason.strip():
        raise ApplicationError(_("Say why the correction is made."), field="reason")
    correction = MinutesCorrection(
        area=meeting.area,
        meeting=meeting,
        text=text.strip(),
        reason=reason.strip(),
        created_by=by,
    )
    correction.full_clean()
    correction.save()
    return correction


# --- Decisions -----------------------------------------------------------------------


def _approving_body(group: Group) -> bool:
    """Only strategic bodies approve plans and reports (rule M9)."""
    if group.kind == Group.Kind.POLICE_COUNCIL:
        return True
    return group.level == Group.Level.STEERING


@transaction.atomic
def decision_create(
    *,
    meeting: Meeting,
    text: str,
    created_by: User | None,
    kind: str = Decision.Kind.RESOLUTION,
    agenda_item: AgendaItem | None = None,
    decided_at: dt.datetime | None = None,
    approves: models.Model | None = None,
    order_to_group: Group | None = None,
    order_due_date: dt.date | None = None,
    order_title: str = "",
) -> Decision:
    """Registrer vedtak in a meeting, at that group's level.

    A decision of kind ``order`` (bestilling) also sends a Matter down to
    ``order_to_group`` with a due date (rule M8).
    """
    if not text.strip():
        raise ApplicationError(_("Write the decision."), field="text")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError(_("A cancelled meeting takes no decisions."))
    require_unlocked(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ApplicationError(
            _("The agenda item belongs to another meeting."), field="agenda_item"
        )
    if kind == Decision.Kind.APPROVAL:
        if approves is None:
            raise ApplicationError(
                _("Say what the decision approves."), field="approves"
            )
        if not _approving_body(meeting.group):
            raise ApplicationError(
                _("Only a steering group or police council approves plans or reports."),
                field="kind",
            )
    decision = Decision(
        area=meeting.area,
        meeting=meeting,
        agenda_item=agenda_item,
        text=text.strip(),
        kind=kind,
        decided_at=decided_at or meeting.starts_at or timezone.now(),
        approves=approves,
        created_by=created_by,
    )
    decision.full_clean()
    decision.save()
    if kind == Decision.Kind.ORDER:
        from meetings.services.matters import matter_order

        matter_order(
            decision=decision,
            to_group=order_to_group,
            due_date=order_due_date,
            title=order_title or (agenda_item.title if agenda_item else ""),
            created_by=created_by,
        )
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by: User) -> None:
    """Slett vedtak registered by mistake, while the minutes are still open."""
    require_unlocked(decision.meeting)
    if (
        Matter.objects.with_scopes_disabled()
        .filter(models.Q(response_decision=decision))
        .exists()
    ):
        raise ApplicationError(
            _("This decision answers a matter between levels and cannot be deleted.")
        )
    if decision.kind == Decision.Kind.ORDER or decision.orders.exists():
        raise ApplicationError(
            _("An order has been sent to another group and cannot be deleted.")
        )
    decision.delete()
