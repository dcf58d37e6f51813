"""Writes for meetings. (The meetings issue extends this module; the signatures of
``meeting_create`` and ``decision_create`` are used by actionplans and reports.)"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Decision, Meeting
from municipalities.models import Group, User
from slt_portal.exceptions import ApplicationError


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
    series=None,
    cycle_task=None,
) -> Meeting:
    """Planlegg møte in ``group`` (status planned)."""
    if ends_at is not None and ends_at <= starts_at:
        raise ApplicationError(
            _("The meeting must end after it starts."), field="ends_at"
        )
    if group.dissolved_on and starts_at.date() > group.dissolved_on:
        raise ApplicationError(
            _("The group was dissolved on %(date)s.") % {"date": group.dissolved_on},
            field="starts_at",
        )
    meeting = Meeting(
        area=group.area,
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_link=video_link,
        purpose=purpose,
        series=series,
        cycle_task=cycle_task,
        created_by=created_by,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


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
) -> Decision:
    """Registrer vedtak in a meeting, at that group's level."""
    if not text.strip():
        raise ApplicationError(_("Write the decision."), field="text")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ApplicationError(_("A cancelled meeting takes no decisions."))
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
    return decision
