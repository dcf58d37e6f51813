"""Kalenderabonnement: make, replace and revoke a user's personal feed token."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from meetings.models import CalendarToken
from municipalities.models import User


def _active(user: User):
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True)


@transaction.atomic
def calendar_token_create(*, user: User) -> CalendarToken:
    """Ny kalenderadresse: any earlier address stops working at once."""
    _active(user).select_for_update().update(revoked_at=timezone.now())
    return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


@transaction.atomic
def calendar_token_revoke(*, user: User) -> int:
    """Stopp kalenderabonnement: every feed address of the user answers 404."""
    return _active(user).update(revoked_at=timezone.now())


def calendar_token_touch(*, token: CalendarToken) -> None:
    """Record use at most once an hour (feeds are polled often)."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < timezone.timedelta(hours=1):
        return
    CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)
