"""Infrastructure tasks: heartbeat, e-mail sending, the daily reminder sweep."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

WORKER_HEARTBEAT_KEY = "slt:worker:heartbeat"


@shared_task(name="slt_portal.heartbeat")
def heartbeat() -> str:
    """Scheduled every minute by beat; proves beat, broker and a worker all run."""
    now = timezone.now().isoformat()
    cache.set(WORKER_HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(name="slt_portal.send_email", max_retries=5, default_retry_delay=60)
def send_email(email_id: int) -> bool:
    from slt_portal.email import email_send

    return email_send(email_id=email_id)


@shared_task(name="slt_portal.requeue_emails")
def requeue_emails() -> int:
    """Every few minutes: send what a lost task or a killed worker left queued."""
    from slt_portal.email import email_requeue_pending

    return email_requeue_pending(older_than=timezone.timedelta(minutes=5))


@shared_task(name="slt_portal.reminder_sweep")
def reminder_sweep() -> dict:
    """Daily: e-mail owners about items due soon or overdue (see reminders.py)."""
    from slt_portal.reminders import reminders_sweep

    return reminders_sweep(today=timezone.localdate())
