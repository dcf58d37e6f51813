"""Background work for status reports: drafts scheduled from the årshjul."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(name="reports.status_report_drafts", acks_late=True)
def status_report_drafts(today: str | None = None) -> dict:
    """Daily: draft a status report for every årshjul report task falling due.

    Idempotent: the task row is locked and linked to its report in one
    transaction, and an area gets one draft per kind and period.
    """
    from reports.status import status_report_schedule

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return status_report_schedule(today=day)
