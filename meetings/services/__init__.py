"""Writes for meetings, agendas, minutes, follow-ups, matters and calendar feeds.

Other apps call these through ``from meetings import services``; the signatures of
``meeting_create`` and ``decision_create`` are a contract with actionplans and
reports (new parameters are keyword-only with defaults).
"""

from meetings.services.agenda import (
    agenda_item_move,
    agenda_item_remove,
    agenda_item_screen,
    agenda_item_submit,
    ensure_follow_up_review,
    findings_warning,
    standing_items_add,
)
from meetings.services.calendar import (
    calendar_token_create,
    calendar_token_revoke,
    calendar_token_touch,
)
from meetings.services.followups import (
    follow_up_create,
    follow_up_reassign,
    follow_up_set_status,
)
from meetings.services.matters import (
    matter_answer,
    matter_close,
    matter_escalate,
    matter_order,
    matter_receive,
    matter_return,
    needs_anonymising,
    redact,
)
from meetings.services.meetings import (
    meeting_cancel,
    meeting_create,
    meeting_invite,
    meeting_mark_held,
    meeting_update,
    requires_coordinator_secretary,
    series_create,
)
from meetings.services.minutes import (
    AttendanceEntry,
    attendance_add_guest,
    attendance_record,
    attendance_remove_guest,
    decision_create,
    decision_delete,
    minutes_approve,
    minutes_correction_add,
    minutes_save,
)

__all__ = [
    "AttendanceEntry",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_screen",
    "agenda_item_submit",
    "attendance_add_guest",
    "attendance_record",
    "attendance_remove_guest",
    "calendar_token_create",
    "calendar_token_revoke",
    "calendar_token_touch",
    "decision_create",
    "decision_delete",
    "ensure_follow_up_review",
    "findings_warning",
    "follow_up_create",
    "follow_up_reassign",
    "follow_up_set_status",
    "matter_answer",
    "matter_close",
    "matter_escalate",
    "matter_order",
    "matter_receive",
    "matter_return",
    "meeting_cancel",
    "meeting_create",
    "meeting_invite",
    "meeting_mark_held",
    "meeting_update",
    "minutes_approve",
    "minutes_correction_add",
    "minutes_save",
    "needs_anonymising",
    "redact",
    "requires_coordinator_secretary",
    "series_create",
    "standing_items_add",
]
