"""Due dates move off Norwegian public holidays and weekends."""

import datetime as dt

import pytest

from actionplans.workdays import is_working_day, next_working_day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 5, 17), dt.date(2026, 5, 18)),  # Grunnlovsdag on a Sunday
        (dt.date(2027, 5, 17), dt.date(2027, 5, 18)),  # Grunnlovsdag on a Monday
        (dt.date(2025, 5, 17), dt.date(2025, 5, 19)),  # on a Saturday
        (dt.date(2026, 4, 2), dt.date(2026, 4, 7)),  # Maundy Thursday → after Easter
        (dt.date(2026, 4, 6), dt.date(2026, 4, 7)),  # Easter Monday
        (dt.date(2026, 12, 25), dt.date(2026, 12, 28)),  # Christmas Day, then weekend
        (dt.date(2025, 12, 26), dt.date(2025, 12, 29)),  # Boxing Day
        (dt.date(2026, 5, 14), dt.date(2026, 5, 15)),  # Ascension Day
        (dt.date(2026, 1, 1), dt.date(2026, 1, 2)),  # New Year's Day
        (dt.date(2026, 3, 10), dt.date(2026, 3, 10)),  # an ordinary Tuesday
    ],
)
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected


def test_weekends_are_not_working_days():
    assert not is_working_day(dt.date(2026, 3, 14))
    assert is_working_day(dt.date(2026, 3, 13))
