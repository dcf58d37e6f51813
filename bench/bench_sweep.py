"""The daily reminder sweep over all areas: seconds and query count, and the same
sweep over a tenth of the areas on the same data, to show the query count does not
depend on the number of areas."""

from __future__ import annotations

from bench.common import Context, Row


def run(ctx: Context) -> list[Row]:
    name = ctx.dataset.name
    every = ctx.django("sweep")
    few_areas = max(1, every["areas"] // 10)
    few = ctx.django("sweep", "--active-areas", str(few_areas))
    rows = [
        Row(
            f"reminder sweep, {every['areas']} areas",
            every["seconds"],
            "s",
            "≤ 2",
            every["seconds"] <= 2,
            name,
            f"{every['items']} items, {every['emails']} e-mails",
        ),
        Row(
            f"reminder sweep queries, {every['areas']} areas",
            every["queries"],
            "",
            dataset=name,
        ),
        Row(
            f"reminder sweep queries, {few['areas']} areas",
            few["queries"],
            "",
            f"= {every['queries']}",
            few["queries"] == every["queries"],
            name,
            f"{few['items']} items; other areas inactive (rolled back)",
        ),
    ]
    ctx.cache["sweep queries"] = every["queries"]
    return rows


def summarize(rows: list[Row]) -> list[Row]:
    counts = {
        r.dataset: r.value
        for r in rows
        if r.metric.startswith("reminder sweep queries") and r.target == ""
    }
    if {"full", "tenth"} <= counts.keys():
        same = counts["full"] == counts["tenth"]
        return [
            Row(
                "reminder sweep queries, full data vs a tenth",
                counts["full"],
                "",
                f"= {counts['tenth']}",
                same,
                "both",
            )
        ]
    return []
