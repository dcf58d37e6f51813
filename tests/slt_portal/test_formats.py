"""Dates and numbers are formatted per language (nb, nn, en)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = dt.date(2026, 2, 1)


def render(language: str, source: str, **context) -> str:
    with translation.override(language):
        return Template("{% load l10n %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("nb", "1. februar 2026", "1.2.2026"),
        ("nn", "1. februar 2026", "1.2.2026"),
        ("en", "1 February 2026", "1 Feb 2026"),
    ],
)
def test_dates_follow_the_language(language, long, short):
    assert render(language, '{{ d|date:"DATE_FORMAT" }}', d=DAY) == long
    assert render(language, '{{ d|date:"SHORT_DATE_FORMAT" }}', d=DAY) == short


def test_an_english_date_is_never_month_first():
    assert render("en", '{{ d|date:"SHORT_DATE_FORMAT" }}', d=dt.date(2026, 8, 10)) == (
        "10 Aug 2026"
    )


@pytest.mark.parametrize(
    ("language", "text"), [("nb", "2,5"), ("nn", "2,5"), ("en", "2.5")]
)
def test_decimal_numbers_follow_the_language(language, text):
    assert render(language, "{{ n|localize }}", n=2.5) == text


def test_month_names_alone_stay_capitalised_in_norwegian():
    with translation.override("nb"):
        assert translation.gettext("February") == "Februar"
