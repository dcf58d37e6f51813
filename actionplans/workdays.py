"""Virkedager: Norwegian public holidays and weekends, for årshjul due dates."""

from __future__ import annotations

import datetime as dt
import functools

import holidays


@functools.cache
def _norwegian_holidays(year: int) -> frozenset[dt.date]:
    # Sundays are not holidays here: weekends are handled on their own.
    return frozenset(holidays.Norway(years=year, include_sundays=False))


def is_working_day(day: dt.date) -> bool:
    """True on a weekday that is not a Norwegian public holiday."""
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it.

    17 May 2026 (a Sunday and Grunnlovsdag) → Monday 18 May; Maundy Thursday →
    the Tuesday after Easter Monday.
    """
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
