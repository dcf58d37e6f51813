"""The scale-data run: areas first, then each area's set-up, then each area-year,
every step in its own transaction and recorded in the ledger, so a rerun (or a run
after a crash) skips what is done and builds the rest exactly as before."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django_scopes import scopes_disabled

from slt_portal.scale import actionplans, consent, meetings, municipalities
from slt_portal.scale.common import (
    Run,
    explicit_timestamps,
    ledger_claim,
    ledger_done,
    ledger_ensure,
    ledger_mark,
    rng_for,
    step_lock,
)

DEFAULT_AREAS = 371  # 356 kommuner + Oslo's 15 bydeler
DEFAULT_YEARS = 10


@dataclass(frozen=True)
class Result:
    steps_done: int
    steps_skipped: int
    seconds: float
    database_bytes: int


def database_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def _year_step(setup, year: int, run: Run) -> None:
    rng = rng_for(run.seed, setup.area.slug, year)
    held = meetings.meetings_create(setup, year, run=run, rng=rng)
    _items, decisions = meetings.records_create(setup, held, run=run, rng=rng)
    meetings.matters_create(setup, year, decisions, run=run, rng=rng)
    actionplans.plan_create(setup, year, run=run, rng=rng, decisions=decisions)
    actionplans.cycle_tasks_create(setup, year, run=run, rng=rng)
    actionplans.indicator_values_create(setup, year, run=run, rng=rng)
    consent.subjects_create(setup, year, run=run, rng=rng)


def generate(
    *,
    areas: int = DEFAULT_AREAS,
    years: int = DEFAULT_YEARS,
    seed: int = 1,
    today: dt.date,
    progress: Callable[[str], None] | None = None,
    shard: tuple[int, int] = (0, 1),
) -> Result:
    """Lag skaleringsdata: build (or finish building) the data set."""
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    started = time.monotonic()
    run = Run(
        seed=seed,
        today=today,
        years=tuple(range(today.year - years + 1, today.year + 1)),
    )
    specs = municipalities.area_specs(areas, seed)
    with scopes_disabled(), explicit_timestamps():
        with transaction.atomic():
            step_lock("areas")  # shards started together create these once
            ledger_ensure()
            by_slug = municipalities.ensure_areas(specs, run=run)
        done = ledger_done()
        part, parts = shard  # this process builds the areas with index % parts == part
        mine = [s for s in specs if s.index % parts == part]
        steps = [(s, y) for s in mine for y in (0, *run.years)]
        todo = [(s, y) for s, y in steps if (s.slug, y) not in done]
        say(f"{len(steps) - len(todo)} of {len(steps)} steps already done")
        setups = {}
        for n, (spec, year) in enumerate(todo, start=1):
            area = by_slug[spec.slug]
            with transaction.atomic():
                if not ledger_claim(spec.slug, year):
                    continue  # another process built it meanwhile
                if year == 0:
                    municipalities.area_setup_create(area, spec.index, run=run)
                    actionplans.indicators_create(area, run=run)
                else:
                    if spec.slug not in setups:
                        setups.clear()  # one area at a time in memory
                        setups[spec.slug] = municipalities.area_setup_load(
                            area, spec.index
                        )
                    _year_step(setups[spec.slug], year, run)
                ledger_mark(spec.slug, year, seed)
            _report(say, n, len(todo), started, spec.slug, year)
    if todo:
        say("ANALYZE (planner statistics for the new rows)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.monotonic() - started
    size = database_size()
    say(f"done in {seconds:.0f} s; database size {size / 2**20:.0f} MiB")
    return Result(len(todo), len(steps) - len(todo), seconds, size)


def _report(say, n: int, total: int, started: float, slug: str, year: int) -> None:
    every = max(1, total // 200)
    if n % every and n != total:
        return
    elapsed = time.monotonic() - started
    eta = elapsed / n * (total - n)
    step = "set-up" if year == 0 else str(year)
    say(
        f"[{n * 100 // total:3d}%] {n}/{total} {slug} {step} "
        f"elapsed {elapsed:.0f} s, eta {eta:.0f} s"
    )
