"""Celery tasks of the consent app (scheduled by the data migration 0002)."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="consent.daily_run", acks_late=True)
def daily_run() -> dict:
    """Daily: expire consents, remind before expiry, flag subjects, delete data
    past retention. Idempotent: a second run the same day changes nothing."""
    from consent.services import consent_daily_run

    return consent_daily_run(today=timezone.localdate())
