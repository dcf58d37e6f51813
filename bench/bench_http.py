"""HTTP figures against gunicorn: the bare DRF baseline, the measures API, and the
coordinator's start page and meeting list, each as a ratio to the baseline measured
by the same client in alternate rounds of the same run.

The pages are cached whole per user until their area changes, so the figures are
those of a page read again. The same pages *uncached* (every request with an
address of its own, so it is built from the database) show what a page costs
right after a write in its area, and that this cost, too, does not grow with the
data: the ten-year history of meetings is in UNCACHED_PAGES for that reason."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.common import Context, Load, Row, fetch_status, session_login, wrk

BASELINE = "/api/v1/bench/baseline/"
ROUNDS = 3  # each measurement: the path and the baseline, alternately
PAGES = {
    "start page": "/o/{slug}/",
    "meeting list": "/o/{slug}/meetings/",
}
UNCACHED_PAGES = {
    **PAGES,
    "earlier meetings": "/o/{slug}/meetings/?when=earlier",
}
# 100 rows of one area's measures, through the API key's scope and a filter.
MEASURES_API = "/api/v1/measures/?status=completed&page_size=100"
PASSWORD = "slt-scale-2026"


def _check(ctx: Context, path: str, headers: dict) -> None:
    status = fetch_status(ctx.base_url + path, headers)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200")


@dataclass(frozen=True)
class Paired:
    """A path and the baseline, measured in alternate rounds by the same client.

    The machine's speed drifts (a shared VM ran the baseline at 600 req/s in one
    minute and 1,500 in the next), so a ratio is taken within each round and the
    median of the rounds' ratios is reported; a figure is the median of its rounds.
    """

    rounds: list[tuple[Load, Load]]  # (the path, the baseline)

    def value(self, figure: str) -> float:
        return statistics.median(getattr(load, figure) for load, _ in self.rounds)

    def baseline(self, figure: str) -> float:
        return statistics.median(getattr(base, figure) for _, base in self.rounds)

    def ratio(self, figure: str) -> float:
        return statistics.median(
            getattr(load, figure) / getattr(base, figure) for load, base in self.rounds
        )


def _paired(
    ctx: Context, path: str, headers: dict, clients: int, uncached: bool = False
) -> Paired:
    url, baseline = ctx.base_url + path, ctx.base_url + BASELINE
    wrk(url, clients=clients, seconds=2, headers=headers, uncached=uncached)  # warm
    wrk(baseline, clients=clients, seconds=2)
    seconds = max(2, ctx.duration // ROUNDS)
    rounds = []
    for _ in range(ROUNDS):
        base = wrk(baseline, clients=clients, seconds=seconds)
        load = wrk(
            url, clients=clients, seconds=seconds, headers=headers, uncached=uncached
        )
        if load.errors or base.errors:
            raise RuntimeError(f"{path}: {load.errors + base.errors} failed requests")
        rounds.append((load, base))
    return Paired(rounds)


def _ratio_row(label: str, value: float, target: str, met: bool) -> Row:
    return Row(label, value, "×", target, met, note=f"median of {ROUNDS} rounds")


def run(ctx: Context) -> list[Row]:
    cookie = session_login(
        ctx.base_url, f"koordinator.{ctx.area_slug}@scale.slt-portal.no", PASSWORD
    )
    key = ctx.django("api-key", ctx.area_slug)["key"]
    api_headers = {"Authorization": f"Api-Key {key}"}
    _check(ctx, BASELINE, {})
    _check(ctx, MEASURES_API, api_headers)

    api = _paired(ctx, MEASURES_API, api_headers, 16)
    ratio = api.ratio("rps")
    rows = [
        Row("baseline median, 16 clients", api.baseline("p50_ms"), "ms"),
        Row("baseline throughput, 16 clients", api.baseline("rps"), "req/s"),
        Row("measures API throughput, 16 clients", api.value("rps"), "req/s"),
        _ratio_row("measures API throughput / baseline", ratio, "≥ 0.5", ratio >= 0.5),
    ]
    for label, template in PAGES.items():
        path = template.format(slug=ctx.area_slug)
        headers = {"Cookie": cookie}
        _check(ctx, path, headers)
        one = _paired(ctx, path, headers, 1)
        many = _paired(ctx, path, headers, 16)
        one_median, many_median = one.ratio("p50_ms"), many.ratio("p50_ms")
        p95 = many.ratio("p95_ms")
        rows += [
            Row(f"{label} median, 1 client", one.value("p50_ms"), "ms"),
            Row(
                f"baseline median, 1 client ({label} rounds)",
                one.baseline("p50_ms"),
                "ms",
            ),
            _ratio_row(
                f"{label} median / baseline, 1 client",
                one_median,
                "≤ 3",
                one_median <= 3,
            ),
            Row(f"{label} median, 16 clients", many.value("p50_ms"), "ms"),
            _ratio_row(
                f"{label} median / baseline, 16 clients",
                many_median,
                "≤ 3",
                many_median <= 3,
            ),
            Row(f"{label} p95, 16 clients", many.value("p95_ms"), "ms"),
            _ratio_row(f"{label} p95 / baseline p95, 16 clients", p95, "≤ 5", p95 <= 5),
        ]
    rows += _uncached_rows(ctx, cookie)
    for row in rows:
        row.dataset = ctx.dataset.name
    return rows


def _uncached_rows(ctx: Context, cookie: str) -> list[Row]:
    """Pages built from the database on every request, one client."""
    rows = []
    for label, template in UNCACHED_PAGES.items():
        path = template.format(slug=ctx.area_slug)
        one = _paired(ctx, path, {"Cookie": cookie}, 1, uncached=True)
        rows += [
            Row(f"{label} uncached median, 1 client", one.value("p50_ms"), "ms"),
            Row(f"{label} uncached p95, 1 client", one.value("p95_ms"), "ms"),
            Row(
                f"{label} uncached median / baseline, 1 client",
                one.ratio("p50_ms"),
                "×",
                note=f"median of {ROUNDS} rounds",
            ),
        ]
    return rows


def _growth(found: dict, metric: str, label: str) -> Row | None:
    """``metric`` at full data over the same at a tenth, against the 1.2 target."""
    full, tenth = found.get((metric, "full")), found.get((metric, "tenth"))
    if full is None or tenth is None:
        return None
    growth = full / tenth
    return Row(
        label,
        growth,
        "×",
        "≤ 1.2",
        growth <= 1.2,
        "both",
        "each normalised by its own run's baseline",
    )


def summarize(rows: list[Row]) -> list[Row]:
    """Full data against a tenth: the pages' ratios to their own run's baseline, so
    a busier machine during one of the two runs does not tilt the comparison."""
    found = {(r.metric, r.dataset): r.value for r in rows}
    out = []
    for label in UNCACHED_PAGES:
        row = _growth(
            found,
            f"{label} uncached median / baseline, 1 client",
            f"{label} uncached median at full data / at a tenth, 1 client",
        )
        out += [row] if row else []
    for label in PAGES:
        for clients in ("1 client", "16 clients"):
            row = _growth(
                found,
                f"{label} median / baseline, {clients}",
                f"{label} median at full data / at a tenth, {clients}",
            )
            if row is None:
                continue
            out.append(row)
            raw_full = found.get((f"{label} median, {clients}", "full"))
            raw_tenth = found.get((f"{label} median, {clients}", "tenth"))
            if raw_full and raw_tenth:
                out.append(
                    Row(
                        f"{label} median at full / at a tenth (raw ms), {clients}",
                        raw_full / raw_tenth,
                        "×",
                        dataset="both",
                    )
                )
    return out
