"""HTTP figures against gunicorn: the bare DRF baseline, the measures API, and the
coordinator's start page and meeting list, each as a ratio to the baseline measured
by the same client in the same run.

The pages are cached whole per user until their area changes, so the figures are
those of a page read again. The same pages *uncached* (every request with an
address of its own, so it is built from the database) show what a page costs
right after a write in its area, and that this cost, too, does not grow with the
data: the ten-year history of meetings is in UNCACHED_PAGES for that reason."""

from __future__ import annotations

from bench.common import Context, Row, fetch_status, session_login, wrk

BASELINE = "/api/v1/bench/baseline/"
CONCURRENCY = (1, 16)
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


def _measure(
    ctx: Context, path: str, headers: dict, clients: int, uncached: bool = False
):
    url = ctx.base_url + path
    wrk(url, clients=clients, seconds=2, headers=headers, uncached=uncached)
    load = wrk(
        url, clients=clients, seconds=ctx.duration, headers=headers, uncached=uncached
    )
    if load.errors:
        raise RuntimeError(f"{path}: {load.errors} failed requests")
    return load


def run(ctx: Context) -> list[Row]:
    name = ctx.dataset.name
    cookie = session_login(
        ctx.base_url, f"koordinator.{ctx.area_slug}@scale.slt-portal.no", PASSWORD
    )
    key = ctx.django("api-key", ctx.area_slug)["key"]
    api_headers = {"Authorization": f"Api-Key {key}"}
    _check(ctx, BASELINE, {})
    _check(ctx, MEASURES_API, api_headers)
    base = {c: _measure(ctx, BASELINE, {}, c) for c in CONCURRENCY}
    rows = [
        Row(f"baseline median, {c} client(s)", base[c].p50_ms, "ms", dataset=name)
        for c in CONCURRENCY
    ]
    rows.append(
        Row("baseline throughput, 16 clients", base[16].rps, "req/s", dataset=name)
    )

    api = _measure(ctx, MEASURES_API, api_headers, 16)
    rows.append(
        Row("measures API throughput, 16 clients", api.rps, "req/s", dataset=name)
    )
    ratio = api.rps / base[16].rps
    rows.append(
        Row(
            "measures API throughput / baseline",
            ratio,
            "×",
            "≥ 0.5",
            ratio >= 0.5,
            name,
        )
    )

    for label, template in PAGES.items():
        path = template.format(slug=ctx.area_slug)
        headers = {"Cookie": cookie}
        _check(ctx, path, headers)
        one = _measure(ctx, path, headers, 1)
        many = _measure(ctx, path, headers, 16)
        median_ratio = one.p50_ms / base[1].p50_ms
        p95_ratio = many.p95_ms / base[16].p95_ms
        ctx.cache[f"{label} median ratio"] = median_ratio
        rows += [
            Row(f"{label} median, 1 client", one.p50_ms, "ms", dataset=name),
            Row(
                f"{label} median / baseline, 1 client",
                median_ratio,
                "×",
                "≤ 3",
                median_ratio <= 3,
                name,
            ),
            Row(f"{label} median, 16 clients", many.p50_ms, "ms", dataset=name),
            Row(
                f"{label} median / baseline, 16 clients",
                many.p50_ms / base[16].p50_ms,
                "×",
                "≤ 3",
                many.p50_ms / base[16].p50_ms <= 3,
                name,
            ),
            Row(f"{label} p95, 16 clients", many.p95_ms, "ms", dataset=name),
            Row(
                f"{label} p95 / baseline p95, 16 clients",
                p95_ratio,
                "×",
                "≤ 5",
                p95_ratio <= 5,
                name,
            ),
        ]
    rows += _uncached_rows(ctx, cookie, base[1].p50_ms)
    return rows


def _uncached_rows(ctx: Context, cookie: str, baseline_ms: float) -> list[Row]:
    """Pages built from the database on every request, one client."""
    name, rows = ctx.dataset.name, []
    for label, template in UNCACHED_PAGES.items():
        path = template.format(slug=ctx.area_slug)
        one = _measure(ctx, path, {"Cookie": cookie}, 1, uncached=True)
        rows += [
            Row(f"{label} uncached median, 1 client", one.p50_ms, "ms", dataset=name),
            Row(f"{label} uncached p95, 1 client", one.p95_ms, "ms", dataset=name),
            Row(
                f"{label} uncached median / baseline, 1 client",
                one.p50_ms / baseline_ms,
                "×",
                dataset=name,
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
