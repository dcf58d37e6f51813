"""Background work for the årshjul."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="actionplans.cycle_rollover", acks_late=True)
def cycle_rollover(year: int | None = None) -> dict:
    """Nightly in November and December: next year's årshjul tasks for every area.

    Idempotent (items that already have tasks that year are skipped, under a lock),
    and each area commits on its own, so a killed worker's rerun resumes.
    """
    from actionplans.services import cycle_rollover as rollover

    return rollover(year=year or timezone.localdate().year + 1)
