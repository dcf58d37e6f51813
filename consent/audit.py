"""Writing the tilgangslogg (AccessLog): called by selectors and services only.

A row names who, when, which young person, which action, the purpose and the legal
basis. ``detail`` holds names of fields or parts shown or changed, never values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django_scopes import scopes_disabled

from consent.models import AccessLog
from consent.policy import Actor

Action = AccessLog.Action


@dataclass(frozen=True)
class Purpose:
    """Why the user opens a young person's record outside an active case."""

    code: str = ""
    note: str = ""


NO_PURPOSE = Purpose()


def object_type(obj: Model) -> str:
    return obj._meta.model_name


def _subject_id(obj: Model) -> int | None:
    if obj._meta.model_name == "subject":
        return obj.pk
    return getattr(obj, "subject_id", None)


def _row(
    *,
    actor: Actor,
    obj: Model,
    action: str,
    detail: Iterable[str] | str = "",
    purpose: Purpose = NO_PURPOSE,
    legal_basis: str = "",
) -> AccessLog:
    if not isinstance(detail, str):
        detail = ",".join(sorted(set(detail)))
    return AccessLog(
        user=actor.user,
        area_id=obj.area_id,
        action=action,
        object_type=object_type(obj),
        object_id=obj.pk,
        subject_id=_subject_id(obj),
        detail=detail[:500],
        purpose=purpose.code,
        purpose_note=purpose.note[:300],
        legal_basis=legal_basis or "",
        request_id=actor.request_id,
    )


def log(
    *,
    actor: Actor,
    obj: Model,
    action: str,
    detail: Iterable[str] | str = "",
    purpose: Purpose = NO_PURPOSE,
    legal_basis: str = "",
) -> AccessLog:
    """Append one row in the caller's transaction: a rolled-back write logs nothing."""
    row = _row(
        actor=actor,
        obj=obj,
        action=action,
        detail=detail,
        purpose=purpose,
        legal_basis=legal_basis,
    )
    with scopes_disabled():
        row.save(force_insert=True)
    return row


def log_many(
    *,
    actor: Actor,
    objects: Iterable[Model],
    action: str,
    purpose: Purpose = NO_PURPOSE,
    detail: str = "",
) -> int:
    """One row per object in a single INSERT: a page of a list costs one query."""
    rows = [
        _row(actor=actor, obj=o, action=action, purpose=purpose, detail=detail)
        for o in objects
    ]
    if rows:
        with scopes_disabled():
            AccessLog.objects.bulk_create(rows)
    return len(rows)


def log_refusal(*, actor: Actor, obj: Model, detail: str) -> None:
    """Record a refused attempt; committed even though the request then fails."""
    with transaction.atomic():
        log(actor=actor, obj=obj, action=Action.DENIED, detail=detail)
