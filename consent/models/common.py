"""Helpers shared by the consent models."""

from __future__ import annotations

import datetime as dt

from django.db import models

from consent.legal import InformationCategory
from consent.validators import reject_national_id

MIN_BIRTH_YEAR = 1990


def is_possibly_minor(birth_year: int, on: dt.date) -> bool:
    """Counts as under 18 while ``year − birth_year ≤ 18`` (domain.md §8 [A])."""
    return on.year - birth_year <= 18


def category_labels(values) -> list[str]:
    labels = dict(InformationCategory.choices)
    return [str(labels.get(v, v)) for v in values]


def text_field(label, *, blank: bool = False, **kwargs) -> models.TextField:
    return models.TextField(
        label, blank=blank, validators=[reject_national_id], **kwargs
    )
