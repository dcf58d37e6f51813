"""Reminder sources for the daily sweep (slt_portal.reminders): årshjul tasks to their
assignee, and measures whose end or evaluation date is near or past to their owner.

Each source runs a fixed number of queries across all areas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, CycleTask, Measure
from slt_portal.reminders import ReminderItem, reminder_source

CLOSED_PLAN_STATUSES = (ActionPlan.Status.ENDED, ActionPlan.Status.SUPERSEDED)


@reminder_source
def cycle_task_reminders(
    *, today: dt.date, due_soon_days: int
) -> Iterator[ReminderItem]:
    """Open årshjul tasks due within ``due_soon_days`` or overdue (one query)."""
    horizon = today + dt.timedelta(days=due_soon_days)
    tasks = (
        CycleTask.objects.filter(
            status=CycleTask.Status.OPEN,
            assignee__isnull=False,
            due_date__lte=horizon,
            area__is_active=True,
        )
        .select_related("area")
        .only("pk", "title", "due_date", "assignee_id", "area__name", "area__slug")
    )
    with translation.override(settings.LANGUAGE_CODE):
        kind = _("Annual cycle task")
    for task in tasks:
        yield ReminderItem(
            key=f"cycle_task:{task.pk}",
            user_id=task.assignee_id,
            area_id=task.area_id,
            area_name=task.area.name,
            kind=kind,
            title=task.title,
            due_date=task.due_date,
            path=reverse(
                "actionplans:cycle_task",
                kwargs={"area_slug": task.area.slug, "pk": task.pk},
            ),
        )


@reminder_source
def measure_reminders(*, today: dt.date, due_soon_days: int) -> Iterator[ReminderItem]:
    """Active measures whose end date or evaluation is near or past (two queries)."""
    horizon = today + dt.timedelta(days=due_soon_days)
    running = (
        Measure.objects.filter(
            status=Measure.Status.ACTIVE,
            owner__isnull=False,
            area__is_active=True,
        )
        .exclude(focus_area__plan__status__in=CLOSED_PLAN_STATUSES)
        .select_related("area")
        .only(
            "pk",
            "title",
            "end_date",
            "evaluation_due",
            "owner_id",
            "area__name",
            "area__slug",
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        end_kind, evaluation_kind = _("Measure ends"), _("Evaluation of a measure")
    phases = (
        ("measure_end", end_kind, "end_date", {"end_date__lte": horizon}),
        (
            "measure_evaluation",
            evaluation_kind,
            "evaluation_due",
            {"evaluation_due__lte": horizon, "evaluation_result": ""},
        ),
    )
    for prefix, kind, date_field, condition in phases:
        for measure in running.filter(**condition):
            yield ReminderItem(
                key=f"{prefix}:{measure.pk}",
                user_id=measure.owner_id,
                area_id=measure.area_id,
                area_name=measure.area.name,
                kind=kind,
                title=measure.title,
                due_date=getattr(measure, date_field),
                path=reverse(
                    "actionplans:measure_detail",
                    kwargs={"area_slug": measure.area.slug, "pk": measure.pk},
                ),
            )
