"""Server-rendered, accessible SVG line charts for indicators.

The chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says in
words what the line shows; the page always shows the same figures as a table too.
Suppressed (small-number) values are left out of the line and shown as «<5».
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actionplans.models import Indicator, IndicatorValue

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def period_label(start: dt.date, end: dt.date) -> str:
    """2023 for a calendar year, otherwise the months it covers."""
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return str(start.year)
    if start == end:
        return start.strftime("%d.%m.%Y")
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.month}.{start.year}"
        return f"{start.month}–{end.month}.{start.year}"
    return f"{start.month}.{start.year}–{end.month}.{end.year}"


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "–"
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 1
    text = number_format(value, decimal_pos=places, use_l10n=True)
    suffix = {
        Indicator.Unit.PERCENT: " %",
        Indicator.Unit.PER_1000: " ‰",
    }.get(unit, "")
    return text + suffix


def shown_value(row: IndicatorValue, unit: str) -> str:
    """The value as it may be shown: suppressed small numbers become «<5»."""
    if row.suppressed:
        return "<{}".format(settings.SLT["SMALL_NUMBER_THRESHOLD"])
    return format_value(row.value, unit)


@dataclass
class Point:
    x: float
    y: float
    label: str


@dataclass
class Series:
    name: str
    css_class: str
    segments: list[list[Point]] = field(default_factory=list)

    @property
    def points(self) -> list[Point]:
        return [p for segment in self.segments for p in segment]

    @property
    def paths(self) -> list[str]:
        return [
            " ".join(f"{p.x:.1f},{p.y:.1f}" for p in segment)
            for segment in self.segments
            if len(segment) > 1
        ]


@dataclass
class Chart:
    width: int
    height: int
    title: str
    desc: str
    series: list[Series]
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def _nice_max(value: float) -> tuple[float, float]:
    """A round axis maximum and tick step at or above ``value``."""
    if value <= 0:
        return 1.0, 0.25
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(value / step), step


def indicator_chart(indicator: Indicator, values: list[IndicatorValue]) -> Chart | None:
    """A line chart of the indicator's values (and comparison), or None if empty."""
    if not values:
        return None
    shown = [v.value for v in values if not v.suppressed]
    shown += [v.comparison_value for v in values if v.comparison_value is not None]
    top = float(max(shown)) if shown else 1.0
    if indicator.unit == Indicator.Unit.PERCENT:
        top = min(max(top, 1.0), 100.0)
    y_max, step = _nice_max(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(values)

    def x_at(index: int) -> float:
        return LEFT + (plot_w / 2 if count == 1 else plot_w * index / (count - 1))

    def y_at(number: Decimal) -> float:
        return TOP + plot_h - plot_h * float(number) / y_max

    own = Series(indicator.name, "chart-line chart-line--own")
    comparison = Series(
        indicator.comparison_label or _("Comparison"), "chart-line chart-line--compare"
    )
    for series, attr in ((own, "value"), (comparison, "comparison_value")):
        segment: list[Point] = []
        for index, row in enumerate(values):
            number = getattr(row, attr)
            if number is None or (attr == "value" and row.suppressed):
                if segment:
                    series.segments.append(segment)
                segment = []
                continue
            label = f"{period_label(row.period_start, row.period_end)}: " + (
                format_value(number, indicator.unit)
            )
            segment.append(Point(x_at(index), y_at(number), label))
        if segment:
            series.segments.append(segment)
    series = [s for s in (own, comparison) if s.segments]
    ticks, tick = [], 0.0
    while tick <= y_max + 1e-9:
        ticks.append(
            (y_at(Decimal(str(tick))), format_value(Decimal(str(tick)), indicator.unit))
        )
        tick += step
    labels = [
        (x_at(i), period_label(v.period_start, v.period_end))
        for i, v in enumerate(values)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        title=indicator.name,
        desc=_describe(indicator, values),
        series=series,
        y_ticks=ticks,
        x_labels=_thin(labels),
    )


def _thin(labels: list[tuple[float, str]], most: int = 8) -> list[tuple[float, str]]:
    if len(labels) <= most:
        return labels
    every = math.ceil(len(labels) / most)
    return labels[::every]


def _describe(indicator: Indicator, values: list[IndicatorValue]) -> str:
    visible = [v for v in values if not v.suppressed]
    if not visible:
        return _("All values are hidden because the numbers are small.")
    first, last = visible[0], visible[-1]
    text = _(
        "%(name)s: from %(first)s (%(first_period)s) to %(last)s (%(last_period)s)."
    ) % {
        "name": indicator.name,
        "first": format_value(first.value, indicator.unit),
        "first_period": period_label(first.period_start, first.period_end),
        "last": format_value(last.value, indicator.unit),
        "last_period": period_label(last.period_start, last.period_end),
    }
    if last.comparison_value is not None:
        text += " " + _("%(label)s in %(period)s: %(value)s.") % {
            "label": indicator.comparison_label or _("Comparison"),
            "period": period_label(last.period_start, last.period_end),
            "value": format_value(last.comparison_value, indicator.unit),
        }
    hidden = len(values) - len(visible)
    if hidden:
        text += " " + ngettext(
            "%(count)d value is hidden because the number is small.",
            "%(count)d values are hidden because the numbers are small.",
            hidden,
        ) % {"count": hidden}
    return text
