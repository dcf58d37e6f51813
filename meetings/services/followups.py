"""Oppfølgingspunkter: tasks from the minutes, each with an owner and a due date
(rule M6), carried over to the next agenda while open (rule M7)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Decision, FollowUp, Meeting
from meetings.services.agenda import ensure_follow_up_review, next_open_meeting
from meetings.services.minutes import require_unlocked
from municipalities.models import Agency, User
from slt_portal.exceptions import ApplicationError

TRANSITIONS = {
    FollowUp.Status.OPEN: {
        FollowUp.Status.IN_PROGRESS,
        FollowUp.Status.DONE,
        FollowUp.Status.CANCELLED,
    },
    FollowUp.Status.IN_PROGRESS: {
        FollowUp.Status.OPEN,
        FollowUp.Status.DONE,
        FollowUp.Status.CANCELLED,
    },
    FollowUp.Status.DONE: {FollowUp.Status.OPEN},
    FollowUp.Status.CANCELLED: {FollowUp.Status.OPEN},
}


def _check_owner_and_date(
    owner: User | None, due_date: dt.date | None, meeting: Meeting
) -> None:
    if owner is None:
        raise ApplicationError(
            _("Choose who owns the follow-up: every task needs a person (rule M6)."),
            field="owner",
        )
    if not owner.is_active or owner.is_service_account:
        raise ApplicationError(_("The owner must be an active person."), field="owner")
    if due_date is None:
        raise ApplicationError(_("Give a due date."), field="due_date")
    if due_date < timezone.localdate(meeting.starts_at):
        raise ApplicationError(
            _("The due date cannot be before the meeting."), field="due_date"
        )


@transaction.atomic
def follow_up_create(
    *,
    meeting: Meeting,
    title: str,
    owner: User | None,
    due_date: dt.date | None,
    created_by: User | None,
    owner_agency: Agency | None = None,
    decision: Decision | None = None,
    description: str = "",
) -> FollowUp:
    """Nytt oppfølgingspunkt from the minutes."""
    require_unlocked(meeting)
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
        raise ApplicationError(_("Follow-ups are written during or after the meeting."))
    if not title.strip():
        raise ApplicationError(_("Say what is to be done."), field="title")
    _check_owner_and_date(owner, due_date, meeting)
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ApplicationError(
            _("The decision belongs to another meeting."), field="decision"
        )
    follow_up = FollowUp(
        area=meeting.area,
        meeting=meeting,
        decision=decision,
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        owner_agency=owner_agency,
        due_date=due_date,
        created_by=created_by,
    )
    follow_up.full_clean()
    follow_up.save()
    upcoming = next_open_meeting(group=meeting.group, after=meeting.starts_at)
    if upcoming is not None:
        ensure_follow_up_review(meeting=upcoming, by=created_by)
    return follow_up


@transaction.atomic
def follow_up_set_status(
    *, follow_up: FollowUp, by: User, status: str, note: str = ""
) -> FollowUp:
    """Oppdater status (open → in progress → done / cancelled; reopen)."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if status == follow_up.status:
        raise ApplicationError(
            _("The follow-up already has this status."), field="status"
        )
    if status not in TRANSITIONS.get(follow_up.status, set()):
        raise ApplicationError(
            _("A follow-up cannot go from «%(old)s» to «%(new)s».")
            % {
                "old": follow_up.get_status_display(),
                "new": FollowUp.Status(status).label,
            },
            field="status",
        )
    if status == FollowUp.Status.CANCELLED and not note.strip():
        raise ApplicationError(_("Say why the follow-up is cancelled."), field="note")
    follow_up.status = status
    follow_up.completed_at = timezone.now() if status == FollowUp.Status.DONE else None
    if note.strip():
        follow_up.completion_note = note.strip()
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_reassign(
    *,
    follow_up: FollowUp,
    by: User,
    owner: User | None,
    due_date: dt.date | None,
    owner_agency: Agency | None = None,
) -> FollowUp:
    """Gi punktet ny eier eller ny frist (the minutes themselves stay as approved)."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status not in FollowUp.OPEN_STATUSES:
        raise ApplicationError(_("Only an open follow-up can be reassigned."))
    _check_owner_and_date(owner, due_date, follow_up.meeting)
    follow_up.owner, follow_up.due_date = owner, due_date
    follow_up.owner_agency = owner_agency
    follow_up.full_clean()
    follow_up.save()
    return follow_up
