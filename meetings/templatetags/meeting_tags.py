"""Template helpers for meetings: status colours and ISO datetimes from e-mail
contexts."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateparse import parse_datetime

register = template.Library()

COLOURS = {
    # meetings
    "planned": "neutral",
    "invited": "info",
    "held": "warning",
    "minutes_sent": "success",
    "cancelled": "danger",
    # matters
    "raised": "info",
    "received": "warning",
    "answered": "success",
    "closed": "neutral",
    "returned": "danger",
    # follow-ups and agenda items
    "open": "info",
    "in_progress": "warning",
    "done": "success",
    "submitted": "info",
    "accepted": "success",
    "deferred": "warning",
    "handled": "neutral",
}


@register.filter
def status_colour(status: str) -> str:
    """The Designsystemet ``data-color`` for a status value."""
    return COLOURS.get(status, "neutral")


@register.filter
def isodatetime(value: str | dt.datetime | None) -> dt.datetime | None:
    """Turn an ISO datetime string (JSON e-mail context) back into a datetime."""
    if not value or isinstance(value, dt.datetime):
        return value
    return parse_datetime(value)


@register.filter
def topic_labels(values) -> list[str]:
    """Labels for a list of Topic values."""
    from municipalities.models import Topic

    labels = dict(Topic.choices)
    return [str(labels.get(value, value)) for value in values or []]
