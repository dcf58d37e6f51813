"""iCalendar (RFC 5545) for meetings: one VEVENT per meeting, Europe/Oslo times with
a VTIMEZONE, so calendar programs show 18:00 as 18:00 on both sides of DST."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.utils import timezone

from meetings.models import Meeting
from meetings.notifications import meeting_path
from meetings.recurrence import OSLO

DEFAULT_DURATION = dt.timedelta(hours=2)
STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def _uid(meeting: Meeting) -> str:
    host = urlparse(settings.SITE_URL).hostname or "slt-portal"
    return f"meeting-{meeting.pk}@{host}"


def meeting_event(meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    start = meeting.starts_at.astimezone(OSLO)
    end = (meeting.ends_at or meeting.starts_at + DEFAULT_DURATION).astimezone(OSLO)
    event.add("uid", _uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("sequence", meeting.sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{meeting.title} ({meeting.group.name})")
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    link = settings.SITE_URL + meeting_path(meeting)
    event.add("url", link)
    location = meeting.location or meeting.video_link
    if location:
        event.add("location", location)
    description = "\n\n".join(
        part for part in (meeting.purpose, meeting.video_link, link) if part
    )
    event.add("description", description)
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A VCALENDAR with the meetings and the Europe/Oslo VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SLT-portal//møter//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    calendar.add(
        "refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"}
    )
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
