"""E-mail through the outbox: ``email_enqueue`` in a service, a Celery task sends.

Templates: ``templates/emails/<name>.subject.txt``, ``<name>.txt`` and ``<name>.html``,
rendered in the recipient's language with the stored JSON context.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from slt_portal.models import OutboundEmail

logger = logging.getLogger(__name__)
STALE_CLAIM = timezone.timedelta(minutes=10)


@dataclass(frozen=True)
class EmailMessageSpec:
    key: str
    to_address: str
    template: str
    context: dict
    to_user_id: int | None = None
    area_id: int | None = None
    language: str = "nb"


def email_enqueue(
    *,
    key: str,
    to_address: str,
    template: str,
    context: dict,
    to_user=None,
    area=None,
    language: str | None = None,
) -> bool:
    """Queue one e-mail; False when an e-mail with this key already exists."""
    created = email_enqueue_many(
        specs=[
            EmailMessageSpec(
                key=key,
                to_address=to_address,
                template=template,
                context=context,
                to_user_id=getattr(to_user, "pk", None),
                area_id=getattr(area, "pk", None),
                language=language or getattr(to_user, "language", None) or "nb",
            )
        ]
    )
    return bool(created)


@scopes_disabled()
def email_enqueue_many(*, specs: Iterable[EmailMessageSpec]) -> list[int]:
    """Queue e-mails in one INSERT … ON CONFLICT DO NOTHING; return the new ids.

    Sending starts when the surrounding transaction commits.
    """
    rows = [
        OutboundEmail(
            key=s.key,
            to_address=s.to_address,
            template=s.template,
            context=s.context,
            to_user_id=s.to_user_id,
            area_id=s.area_id,
            language=s.language,
        )
        for s in specs
    ]
    if not rows:
        return []
    keys = [row.key for row in rows]
    existing = set(
        OutboundEmail.objects.filter(key__in=keys).values_list("key", flat=True)
    )
    OutboundEmail.objects.bulk_create(rows, ignore_conflicts=True)
    new_ids = list(
        OutboundEmail.objects.filter(key__in=set(keys) - existing).values_list(
            "pk", flat=True
        )
    )
    if new_ids:
        transaction.on_commit(lambda: _dispatch(new_ids))
    return new_ids


def _dispatch(ids: list[int]) -> None:
    from slt_portal.tasks import send_email

    for pk in ids:
        send_email.delay(pk)


def render_email(email: OutboundEmail) -> tuple[str, str, str]:
    """(subject, text, html) in the recipient's language."""
    context = {**email.context, "site_url": settings.SITE_URL}
    with translation.override(email.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{email.template}.subject.txt", context)
        text = render_to_string(f"emails/{email.template}.txt", context)
        html = render_to_string(f"emails/{email.template}.html", context)
    return " ".join(subject.split()), text, html


@scopes_disabled()
def email_send(*, email_id: int) -> bool:
    """Send one queued e-mail. Claims it first, so two workers never both send it."""
    now = timezone.now()
    claimable = Q(status=OutboundEmail.Status.QUEUED) | Q(
        status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    if not OutboundEmail.objects.filter(claimable, pk=email_id).update(
        status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    ):
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        subject, text, html = render_email(email)
        message = EmailMultiAlternatives(subject, text, to=[email.to_address])
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception as exc:
        logger.exception("Sending e-mail %s failed", email_id)
        failed = email.attempts >= 5
        OutboundEmail.objects.filter(pk=email_id).update(
            status=OutboundEmail.Status.FAILED
            if failed
            else OutboundEmail.Status.QUEUED,
            last_error=str(exc)[:2000],
        )
        return False
    OutboundEmail.objects.filter(pk=email_id).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now(), subject=subject[:300]
    )
    return True


@scopes_disabled()
def email_requeue_pending(*, older_than: timezone.timedelta) -> int:
    """Send again what a lost task or a killed worker left behind."""
    cutoff = timezone.now() - older_than
    pending = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED, created_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    ) + list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.SENDING,
            claimed_at__lt=timezone.now() - STALE_CLAIM,
        ).values_list("pk", flat=True)[:500]
    )
    _dispatch(pending)
    return len(pending)
