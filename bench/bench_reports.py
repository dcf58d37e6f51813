"""Reports: the annual report (draft + PDF) of one district-year, and the city
report (aggregate + PDF) of its parent, in seconds against the issue's targets."""

from __future__ import annotations

from bench.common import Context, Row

DISTRICT_TARGET_S = 2.0
CITY_TARGET_S = 6.0


def _row(label: str, result: dict, target: float, dataset: str) -> Row:
    total = result["draft_s"] + result["pdf_s"]
    return Row(
        f"{label} {result['area']} {result['year']}, build + PDF",
        total,
        "s",
        f"≤ {target:g}",
        total <= target,
        dataset,
        f"build {result['draft_s']:.2f} s ({result['queries']} queries), "
        f"PDF {result['pdf_s']:.2f} s",
    )


def run(ctx: Context) -> list[Row]:
    annual = ctx.django("annual-report", ctx.area_slug)
    rows = [_row("annual report", annual, DISTRICT_TARGET_S, ctx.dataset.name)]
    parent = ctx.django("area-parent", ctx.area_slug)["slug"]
    if parent:
        city = ctx.django("city-report", parent)
        rows.append(_row("city report", city, CITY_TARGET_S, ctx.dataset.name))
    return rows
