"""Møteserier: recurrence in Europe/Oslo wall-clock time, safe across DST changes.

A series stores its first start and an RFC 5545 RRULE. Occurrences are expanded on
*local, naive* times and only then given the Europe/Oslo zone, so a meeting at 18:00
stays at 18:00 after the last Sunday of March and of October (expanding in UTC would
move it to 19:00 or 17:00).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule as du_rrule
from django.db import models
from django.utils.translation import gettext_lazy as _

OSLO = ZoneInfo("Europe/Oslo")
MAX_OCCURRENCES = 60
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    EVERY_2_WEEKS = "every_2_weeks", _("Every 2 weeks")
    EVERY_3_WEEKS = "every_3_weeks", _("Every 3 weeks")
    EVERY_4_WEEKS = "every_4_weeks", _("Every 4 weeks")
    MONTHLY_WEEKDAY = "monthly_weekday", _("Monthly, same weekday (e.g. 2nd Tuesday)")
    MONTHLY_DATE = "monthly_date", _("Monthly, same date")
    EVERY_2_MONTHS = "every_2_months", _("Every 2 months, same weekday")
    QUARTERLY = "quarterly", _("Every 3 months, same weekday")


_WEEKLY_INTERVAL = {
    Frequency.WEEKLY: 1,
    Frequency.EVERY_2_WEEKS: 2,
    Frequency.EVERY_3_WEEKS: 3,
    Frequency.EVERY_4_WEEKS: 4,
}
_MONTHLY_INTERVAL = {
    Frequency.MONTHLY_WEEKDAY: 1,
    Frequency.EVERY_2_MONTHS: 2,
    Frequency.QUARTERLY: 3,
}


def local_wall_time(moment: dt.datetime) -> dt.datetime:
    """``moment`` as a naive Europe/Oslo wall-clock time."""
    return moment.astimezone(OSLO).replace(tzinfo=None)


def _nth_weekday(day: dt.date) -> str:
    """``+2TU`` for the second Tuesday; the fifth becomes ``-1`` (the last)."""
    nth = (day.day - 1) // 7 + 1
    return f"{'-1' if nth == 5 else f'+{nth}'}{WEEKDAYS[day.weekday()]}"


def build_rrule(
    *,
    frequency: str,
    first_starts_at: dt.datetime,
    until: dt.date,
    skip_months: list[int] | tuple[int, ...] = (),
) -> str:
    """The RRULE (without DTSTART) for a series starting at ``first_starts_at``."""
    local = local_wall_time(first_starts_at)
    parts: list[str]
    if frequency in _WEEKLY_INTERVAL:
        parts = ["FREQ=WEEKLY", f"INTERVAL={_WEEKLY_INTERVAL[frequency]}"]
    elif frequency in _MONTHLY_INTERVAL:
        parts = [
            "FREQ=MONTHLY",
            f"INTERVAL={_MONTHLY_INTERVAL[frequency]}",
            f"BYDAY={_nth_weekday(local.date())}",
        ]
    elif frequency == Frequency.MONTHLY_DATE:
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={local.day}"]
    else:
        raise ValueError(f"Unknown frequency {frequency!r}")
    months = [m for m in range(1, 13) if m not in set(skip_months)]
    if len(months) < 12:
        parts.append("BYMONTH=" + ",".join(str(m) for m in months))
    parts.append(f"UNTIL={until:%Y%m%d}T235959")
    return ";".join(parts)


def expand(
    *, rrule: str, first_starts_at: dt.datetime, limit: int = MAX_OCCURRENCES + 1
) -> list[dt.datetime]:
    """Every start of the series as an aware Europe/Oslo datetime, in order.

    The rule runs on the naive local time of the first start; each occurrence then
    gets the zone. ``limit`` stops runaway rules (the caller reports "too many").
    """
    start = local_wall_time(first_starts_at)
    rule = du_rrule.rrulestr(rrule, dtstart=start, cache=False)
    occurrences: list[dt.datetime] = []
    for local in rule:
        occurrences.append(local.replace(tzinfo=OSLO))
        if len(occurrences) >= limit:
            break
    return occurrences
