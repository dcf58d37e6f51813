"""The årshjul as an iCalendar feed (RFC 5545): one all-day event per task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from actionplans.models import CycleTask
from municipalities.models import Area


def cycle_calendar(*, area: Area, tasks: Iterable[CycleTask], name: str) -> bytes:
    """A VCALENDAR with the area's annual-cycle tasks as all-day events."""
    calendar = Calendar()
    calendar.add("prodid", "-//SLT-portal//Årshjul//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "slt-portal"
    for task in tasks:
        event = Event()
        event.add("uid", f"cycletask-{task.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + dt.timedelta(days=1))
        event.add("summary", task.title)
        event.add("transp", "TRANSPARENT")
        details = [task.cycle_item.description] if task.cycle_item.description else []
        if task.assignee_id:
            details.append(task.assignee.full_name)
        if details:
            event.add("description", "\n".join(details))
        event.add(
            "url",
            settings.SITE_URL
            + reverse(
                "actionplans:cycle_task",
                kwargs={"area_slug": area.slug, "pk": task.pk},
            ),
        )
        if task.status == CycleTask.Status.DONE:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
