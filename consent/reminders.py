"""Reminders from the consent app: consents about to expire, and open tasks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consent.models import Consent, ConsentTask
from municipalities.models import Membership
from slt_portal.reminders import ReminderItem, reminder_source


def _path(name: str, area_slug: str, pk: int) -> str:
    return reverse(f"consent:{name}", kwargs={"area_slug": area_slug, "pk": pk})


@reminder_source
def consent_reminders(*, today: dt.date, due_soon_days: int) -> Iterable[ReminderItem]:
    """Three queries for every area: expiring consents, open tasks, coordinators."""
    horizon = today + dt.timedelta(days=settings.SLT["CONSENT_REMINDER_DAYS"])
    items: list[ReminderItem] = []
    for consent in Consent.objects.filter(
        status=Consent.Status.ACTIVE, valid_until__gte=today, valid_until__lte=horizon
    ).select_related("area", "subject"):
        items.append(
            ReminderItem(
                key=f"consent_expiry:{consent.pk}",
                user_id=consent.recorded_by_id,
                area_id=consent.area_id,
                area_name=consent.area.name,
                kind=_("Consent expires"),
                title=consent.subject.pseudonym,
                due_date=consent.valid_until,
                path=_path("consent_detail", consent.area.slug, consent.pk),
            )
        )
    tasks = list(
        ConsentTask.objects.filter(
            status=ConsentTask.Status.OPEN,
            due_date__lte=today + dt.timedelta(days=due_soon_days),
        ).select_related("area", "subject")
    )
    coordinators: dict[int, list[int]] = defaultdict(list)
    unassigned_areas = {t.area_id for t in tasks if t.assignee_id is None}
    if unassigned_areas:
        for area_id, user_id in (
            Membership.objects.filter(area_id__in=unassigned_areas, role="coordinator")
            .active_on(timezone.localdate())
            .values_list("area_id", "user_id")
        ):
            coordinators[area_id].append(user_id)
    for task in tasks:
        owners = [task.assignee_id] if task.assignee_id else coordinators[task.area_id]
        for user_id in owners:
            items.append(
                ReminderItem(
                    key=f"consent_task:{task.pk}:{user_id}",
                    user_id=user_id,
                    area_id=task.area_id,
                    area_name=task.area.name,
                    kind=str(task.get_kind_display()),
                    title=task.subject.pseudonym,
                    due_date=task.due_date,
                    path=_path("subject_detail", task.area.slug, task.subject_id),
                )
            )
    return items
