"""Template helpers shared by every app."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def isodate(value: str | dt.date | None) -> dt.date | None:
    """Turn an ISO date string (as stored in JSON contexts) back into a date."""
    if not value or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
