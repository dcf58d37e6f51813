"""The daily reminder sweep: items due soon or overdue, e-mailed to their owners.

Apps register *sources* with :func:`reminder_source`. A source returns every item due
within ``due_soon_days`` or overdue, across all areas, in a fixed number of queries.

Idempotency: each reminder has a key = item + phase + period, where the phase is
"due" (once per due date) or "overdue" (once per ISO week). The sweep takes a
transaction-level advisory lock, skips keys already in :class:`ReminderLog`, and
writes the log rows and the outbox e-mails in the same transaction: a second run, or
two workers at once, send nothing twice; a killed worker rolls back and loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django_scopes import scopes_disabled

from slt_portal.email import EmailMessageSpec, email_enqueue_many
from slt_portal.models import OutboundEmail, ReminderLog

_SWEEP_LOCK_ID = 715_001  # any constant unique to this sweep


@dataclass(frozen=True)
class ReminderItem:
    key: str  # stable per item, e.g. "follow_up:123"
    user_id: int
    area_id: int
    area_name: str
    kind: str  # translated label, e.g. «Oppfølgingspunkt»
    title: str
    due_date: dt.date
    path: str  # absolute path on the site, e.g. /o/alna/meetings/followups/123/


ReminderSource = Callable[..., Iterable[ReminderItem]]
_SOURCES: list[ReminderSource] = []


def reminder_source(func: ReminderSource) -> ReminderSource:
    """Register ``func(*, today, due_soon_days) -> Iterable[ReminderItem]``."""
    _SOURCES.append(func)
    return func


def reminder_sources() -> list[ReminderSource]:
    return list(_SOURCES)


def reminder_key(item: ReminderItem, today: dt.date) -> str:
    if item.due_date >= today:
        return f"{item.key}:due:{item.due_date.isoformat()}"
    year, week, _day = today.isocalendar()
    return f"{item.key}:overdue:{year}-W{week:02d}"


def collect_items(*, today: dt.date, sources: Iterable[ReminderSource] | None = None):
    days = settings.SLT["REMINDER_DUE_SOON_DAYS"]
    with scopes_disabled():  # the sweep spans every area on purpose
        return [
            item
            for source in (reminder_sources() if sources is None else sources)
            for item in source(today=today, due_soon_days=days)
        ]


@scopes_disabled()
@transaction.atomic
def reminders_sweep(
    *, today: dt.date, sources: Iterable[ReminderSource] | None = None
) -> dict:
    """Send today's reminders; returns counts for logs and the benchmark."""
    from municipalities.models import User

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SWEEP_LOCK_ID])
    items = {
        reminder_key(i, today): i for i in collect_items(today=today, sources=sources)
    }
    done = set(ReminderLog.objects.filter(key__in=items).values_list("key", flat=True))
    fresh = {key: item for key, item in items.items() if key not in done}
    users = User.objects.filter(
        pk__in={i.user_id for i in fresh.values()}, is_active=True
    )
    users = {
        u.pk: u
        for u in users.only("pk", "email", "full_name", "language", "reminder_mode")
    }

    by_user: dict[int, list[tuple[str, ReminderItem]]] = defaultdict(list)
    for key, item in fresh.items():
        if item.user_id in users:
            by_user[item.user_id].append((key, item))

    specs, email_key_of = _email_specs(by_user, users, today)
    email_enqueue_many(specs=specs)
    email_ids = dict(
        OutboundEmail.objects.filter(key__in={s.key for s in specs}).values_list(
            "key", "pk"
        )
    )
    ReminderLog.objects.bulk_create(
        [
            ReminderLog(
                key=key,
                user_id=item.user_id,
                email_id=email_ids.get(email_key_of.get(key, "")),
            )
            for user_items in by_user.values()
            for key, item in user_items
        ],
        ignore_conflicts=True,
    )
    return {"items": len(items), "already_sent": len(done), "emails": len(specs)}


def _email_specs(by_user, users, today):
    specs: list[EmailMessageSpec] = []
    email_key_of: dict[str, str] = {}
    for user_id, user_items in by_user.items():
        user = users[user_id]
        if user.reminder_mode == user.ReminderMode.OFF:
            continue
        groups = (
            [[pair] for pair in user_items]
            if user.reminder_mode == user.ReminderMode.SINGLE
            else [user_items]
        )
        for group in groups:
            keys = sorted(key for key, _item in group)
            digest = hashlib.sha256("|".join(keys).encode()).hexdigest()[:16]
            email_key = f"reminder:{user_id}:{today.isoformat()}:{digest}"
            specs.append(
                EmailMessageSpec(
                    key=email_key,
                    to_address=user.email,
                    template="reminder",
                    context={
                        "recipient_name": user.full_name,
                        "today": today.isoformat(),
                        "items": [_item_context(item, today) for _key, item in group],
                    },
                    to_user_id=user_id,
                    area_id=group[0][1].area_id,
                    language=user.language,
                )
            )
            email_key_of.update({key: email_key for key in keys})
    return specs, email_key_of


def _item_context(item: ReminderItem, today: dt.date) -> dict:
    # vars() rather than asdict(): the fields are flat, and asdict deep-copies
    # each of them, which shows on a national sweep of thousands of items.
    data = dict(vars(item))
    data["due_date"] = item.due_date.isoformat()
    data["overdue"] = item.due_date < today
    data["url"] = settings.SITE_URL + item.path
    return data
