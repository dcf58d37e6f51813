"""Helpers shared by the consent services."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from consent import audit
from consent.models import AccessLog, Disclosure, Subject
from consent.policy import Actor
from slt_portal.exceptions import ApplicationError


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def require_open_subject(subject: Subject) -> None:
    """Nothing new is recorded about a closed or erased young person."""
    if subject.is_erased:
        raise ApplicationError(
            _("The personal data of this young person has been deleted."),
            code="subject_erased",
        )
    if subject.status != Subject.Status.ACTIVE:
        raise ApplicationError(
            _("The follow-up of this young person is closed."), code="subject_closed"
        )


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field, code="required")
    return value


def stop_disclosure(
    *, actor: Actor, disclosure: Disclosure, reason: str, at: dt.datetime | None = None
) -> None:
    """Stans one disclosure with ``reason``, and log it (rule C7)."""
    disclosure.status = Disclosure.Status.CANCELLED
    disclosure.cancelled_at = at or timezone.now()
    disclosure.cancel_reason = reason
    disclosure.save(
        update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"]
    )
    audit.log(
        actor=actor,
        obj=disclosure,
        action=AccessLog.Action.UPDATE,
        detail=["status", "cancelled_at", "cancel_reason"],
        legal_basis=disclosure.legal_basis,
    )
