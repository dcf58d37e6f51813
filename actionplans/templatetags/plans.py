"""Template helpers for the actionplans pages."""

from django import template

register = template.Library()

STATUS_COLORS = {
    "draft": "neutral",
    "submitted": "info",
    "approved": "success",
    "ended": "neutral",
    "superseded": "warning",
    "planned": "neutral",
    "active": "success",
    "completed": "info",
    "handed_over": "info",
    "stopped": "warning",
    "open": "neutral",
    "done": "success",
    "skipped": "warning",
    "reviewed": "success",
    "on_track": "success",
    "at_risk": "warning",
    "off_track": "danger",
}


@register.filter
def status_color(status: str) -> str:
    """The Designsystemet tag colour for a status or rating value."""
    return STATUS_COLORS.get(status, "accent")


@register.filter
def rating_label(value: str) -> str:
    """The label of a progress rating value (on_track …)."""
    from actionplans.models import ProgressUpdate

    try:
        return str(ProgressUpdate.Rating(value).label)
    except ValueError:
        return ""


@register.filter
def role_label(value: str) -> str:
    """The label of a membership role value (coordinator …)."""
    from municipalities.models import Role

    try:
        return str(Role(value).label)
    except ValueError:
        return value
