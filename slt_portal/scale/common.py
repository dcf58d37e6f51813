"""Shared pieces of the scale-data generator: the per-area context, seeded randomness,
timestamps, batched inserts and the resume ledger."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models

from meetings.recurrence import OSLO

SCALE_PASSWORD = "slt-scale-2026"
SCALE_DOMAIN = "scale.slt-portal.no"
BATCH_SIZE = 2000
LEDGER_TABLE = "slt_scale_generation_done"


@functools.cache
def password_hash() -> str:
    """One hash for every generated login: hashing is deliberately slow."""
    return make_password(SCALE_PASSWORD)


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator seeded by the run's seed and a step's name, so a resumed run
    builds each step exactly as an uninterrupted one would."""
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in Oslo time."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


@dataclass
class AreaSetup:
    """What one area's yearly data hangs on: its people, agencies and bodies."""

    area: models.Model
    index: int
    coordinator: models.Model
    police: models.Model
    agencies: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)  # "sg", "kg", "team1", "team2"
    members: dict = field(default_factory=dict)  # same keys -> [GroupMember]
    indicators: list = field(default_factory=list)
    cycle_items: list = field(default_factory=list)
    is_city: bool = False


@dataclass(frozen=True)
class Run:
    """One generator run's fixed parameters."""

    seed: int
    today: dt.date
    years: tuple[int, ...]


# --- Timestamps -------------------------------------------------------------------


def _auto_fields() -> list[models.DateTimeField]:
    return [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]


@contextlib.contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let generated rows carry their own created/updated times (ten years back),
    instead of the moment they were inserted."""
    fields = _auto_fields()
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


_TIMESTAMP_NAMES = frozenset(
    {"created_at", "updated_at", "submitted_at", "raised_at", "date_joined"}
)


def insert(model: type[models.Model], objs: Sequence[models.Model], *, when):
    """Bulk insert ``objs`` (inside ``scopes_disabled``); timestamps left empty
    get ``when``, or the row's own ``created_at`` when ``when`` is None."""
    names = [
        f.attname for f in model._meta.concrete_fields if f.attname in _TIMESTAMP_NAMES
    ]
    for obj in objs:
        for name in names:
            if getattr(obj, name) is None:
                setattr(obj, name, when or getattr(obj, "created_at", None))
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


# --- Resume ledger ------------------------------------------------------------------


def ledger_ensure() -> None:
    """The table of finished steps (area slug, year; year 0 = the area's set-up).

    A plain table, not a model: it belongs to the generator, not the product.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} ("
            "area_slug varchar(60) NOT NULL, year smallint NOT NULL, "
            "seed integer NOT NULL, finished_at timestamptz NOT NULL DEFAULT now(), "
            "PRIMARY KEY (area_slug, year))"
        )


def ledger_done() -> set[tuple[str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT area_slug, year FROM {LEDGER_TABLE}")
        return {(slug, year) for slug, year in cursor.fetchall()}


def ledger_mark(slug: str, year: int, seed: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {LEDGER_TABLE} (area_slug, year, seed) VALUES (%s, %s, %s)",
            [slug, year, seed],
        )


def step_lock(name: str) -> None:
    """Hold a lock named ``name`` until this transaction ends (other shards wait)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"scale:{name}"])


def ledger_claim(slug: str, year: int) -> bool:
    """Lock the step for this transaction; False when it is already done."""
    step_lock(f"{slug}:{year}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {LEDGER_TABLE} WHERE area_slug = %s AND year = %s",
            [slug, year],
        )
        return cursor.fetchone() is None
