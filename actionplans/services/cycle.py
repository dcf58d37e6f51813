"""Writes for the årshjul: template copies, items, each year's dated tasks, proposed
meetings, the yearly rollover, and the area's secret calendar feed.

Dates. An item falls on ``day`` (default 15) of each of its months, or for weekly
items on the Wednesday of ISO week ``week`` (default 2) and every 7 or 28 days after.
``lead_days`` puts a preparation task that many days before that date. Every due date
is then moved off weekends and Norwegian public holidays to the next working day.

Idempotency. Tasks are unique per (area, item, due date). Generating a year takes a
per-area, per-year advisory lock and adds tasks only for items that have none that
year yet, so a rerun, a second worker, or a coordinator who moved a task's date never
gets a duplicate; each area commits on its own, so a killed rollover loses nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from actionplans.models import CycleFeed, CycleItem, CycleTask, CycleTemplate
from actionplans.workdays import next_working_day
from municipalities import roles
from municipalities.models import Area, Group, User
from slt_portal.exceptions import ApplicationError

DEFAULT_DAY = 15
DEFAULT_WEEK = 2
WEEKLY_WEEKDAY = 3  # Wednesday
MEETING_START = dt.time(9, 0)
MEETING_HOURS = 2
_GENERATE_LOCK_CLASS = 715_002
DEFAULT_MONTHS = {
    CycleItem.Recurrence.MONTHLY: list(range(1, 13)),
    CycleItem.Recurrence.QUARTERLY: [3, 6, 9, 12],
    CycleItem.Recurrence.TERTIAL: [1, 5, 9],
    CycleItem.Recurrence.ONCE: [],
}
ITEM_FIELDS = (
    "title",
    "description",
    "kind",
    "month",
    "months",
    "day",
    "week",
    "recurrence",
    "skip_months",
    "group_kind",
    "owner_role",
    "generates",
    "report_kind",
    "lead_days",
    "source_ref",
    "order",
)


# --- Dates --------------------------------------------------------------------------


def item_base_dates(item: CycleItem, year: int) -> list[dt.date]:
    """The item's dates in ``year`` before any move to a working day."""
    skip = set(item.skip_months or [])
    if item.recurrence in (
        CycleItem.Recurrence.WEEKLY,
        CycleItem.Recurrence.EVERY_4_WEEKS,
    ):
        step = 7 if item.recurrence == CycleItem.Recurrence.WEEKLY else 28
        day = dt.date.fromisocalendar(year, item.week or DEFAULT_WEEK, WEEKLY_WEEKDAY)
        found = []
        while day.year == year:
            if day.month not in skip and (not item.months or day.month in item.months):
                found.append(day)
            day += dt.timedelta(days=step)
        return found
    months = item.months or ([item.month] if item.month else [])
    months = months or DEFAULT_MONTHS.get(item.recurrence, [])
    return [
        dt.date(year, m, min(item.day or DEFAULT_DAY, calendar.monthrange(year, m)[1]))
        for m in sorted(set(months))
        if m not in skip
    ]


def item_due_dates(item: CycleItem, year: int) -> list[dt.date]:
    """Due dates in ``year``: lead days applied, moved to the next working day."""
    due = set()
    for base in item_base_dates(item, year):
        anchor = next_working_day(base)
        if item.lead_days:
            anchor = next_working_day(anchor - dt.timedelta(days=item.lead_days))
        due.add(anchor)
    return sorted(due)


def item_applies(item: CycleItem, *, is_city: bool) -> bool:
    """A city (an area with districts) runs the secretariat's items; every other
    area runs the rest of the template."""
    return (item.owner_role == roles.SECRETARIAT) == is_city


def area_is_city(area: Area) -> bool:
    """A municipality with districts (Oslo): its secretariat runs the city items."""
    if area.kind != Area.Kind.KOMMUNE:
        return False
    with scopes_disabled():
        return Area.objects.filter(parent=area, is_active=True).exists()


# --- Templates and items ------------------------------------------------------------


def area_template(area: Area) -> CycleTemplate | None:
    with scopes_disabled():
        return CycleTemplate.objects.filter(area=area).order_by("pk").first()


@transaction.atomic
def cycle_template_clone(
    *, area: Area, source: CycleTemplate, created_by: User | None
) -> CycleTemplate:
    """Ta i bruk mal: copy a published template into the area's own årshjul."""
    if area_template(area) is not None:
        raise ApplicationError(
            _("The area already has its own annual cycle. Edit it instead."),
            field="source",
        )
    if source.area_id is not None and not source.is_published:
        raise ApplicationError(
            _("Only a published template can be copied."), field="source"
        )
    with translation.override(settings.LANGUAGE_CODE):  # stored data: default language
        name = _("Annual cycle for %(area)s") % {"area": area.name}
    copy = CycleTemplate(
        area=area,
        name=name,
        variant=source.variant,
        based_on=source,
        created_by=created_by,
    )
    copy.full_clean()
    copy.save()
    items = list(source.items.all())
    for item in items:
        item.pk, item.template = None, copy
    CycleItem.objects.bulk_create(items)
    # The area's designated årshjul (Area.cycle_template in domain.md §3.1).
    Area.objects.filter(pk=area.pk).update(cycle_template=copy)
    return copy


@transaction.atomic
def cycle_template_publish(*, template: CycleTemplate, published: bool) -> None:
    """Publiser mal: other areas may copy it (the secretariat publishes Oslo's)."""
    if template.area_id is None:
        raise ApplicationError(_("The default templates are always published."))
    template.is_published = published
    template.save(update_fields=["is_published", "updated_at"])


def _check_item(item: CycleItem) -> None:
    item.full_clean()
    if any(not 1 <= m <= 12 for m in [*item.months, *item.skip_months]):
        raise ApplicationError(_("Months are numbered 1 to 12."), field="months")
    if item.owner_role and item.owner_role not in roles.ALL_ROLES:
        raise ApplicationError(_("Pick a role."), field="owner_role")
    if item.generates == CycleItem.Generates.MEETING and not item.group_kind:
        raise ApplicationError(
            _("Say which kind of group meets, so the meeting can be proposed there."),
            field="group_kind",
        )
    if item.lead_days is not None and item.lead_days > 180:
        raise ApplicationError(_("Lead time is at most 180 days."), field="lead_days")


def _ensure_own_template(template: CycleTemplate) -> None:
    if template.area_id is None:
        raise ApplicationError(
            _("The default templates cannot be edited; copy one to your area.")
        )


@transaction.atomic
def cycle_item_create(*, template: CycleTemplate, **fields) -> CycleItem:
    """Legg til punkt i årshjulet."""
    _ensure_own_template(template)
    if set(fields) - set(ITEM_FIELDS):
        raise ValueError(
            f"Unknown item fields: {sorted(set(fields) - set(ITEM_FIELDS))}"
        )
    if fields.get("order") is None:
        fields["order"] = template.items.count() + 1
    item = CycleItem(template=template, **fields)
    _check_item(item)
    item.save()
    return item


@transaction.atomic
def cycle_item_update(*, item: CycleItem, **fields) -> CycleItem:
    """Endre punkt. Tasks already made from it are kept as they are."""
    _ensure_own_template(item.template)
    if set(fields) - set(ITEM_FIELDS):
        raise ValueError(
            f"Unknown item fields: {sorted(set(fields) - set(ITEM_FIELDS))}"
        )
    placement = ("month", "months", "day", "week", "recurrence", "skip_months")
    stored = CycleItem.objects.get(pk=item.pk)  # a bound form may have changed item
    if any(
        name in fields and fields[name] != getattr(stored, name) for name in placement
    ):
        item.month_is_assumption = False  # the coordinator has decided the timing
    for name, value in fields.items():
        setattr(item, name, value)
    _check_item(item)
    item.save()
    return item


@transaction.atomic
def cycle_item_delete(*, item: CycleItem) -> None:
    _ensure_own_template(item.template)
    if item.tasks.exists():
        raise ApplicationError(
            _(
                "Tasks have been made from this item. Skip them in the task list, "
                "or remove its months so no new tasks are made."
            )
        )
    item.delete()


# --- Generating a year --------------------------------------------------------------


@dataclass(frozen=True)
class GenerateResult:
    tasks: int
    meetings: int


def _lock(area: Area, year: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [_GENERATE_LOCK_CLASS, area.pk * 10_000 + year],
        )


def _assignees(area: Area) -> dict[str, User]:
    """The first active holder (by name) of each role directly in the area."""
    from municipalities import selectors

    found: dict[str, User] = {}
    with scopes_disabled():
        for membership in selectors.membership_list(area=area):
            if membership.user.is_active:
                found.setdefault(membership.role, membership.user)
    return found


def _groups_by_kind(area: Area) -> dict[str, list[Group]]:
    found: dict[str, list[Group]] = {}
    with scopes_disabled():
        for group in Group.objects.filter(
            area=area, dissolved_on__isnull=True
        ).order_by("name"):
            found.setdefault(group.kind, []).append(group)
    return found


@transaction.atomic
def cycle_year_generate(
    *,
    area: Area,
    year: int,
    created_by: User | None = None,
    propose_meetings: bool = True,
    from_date: dt.date | None = None,
) -> GenerateResult:
    """Lag årets oppgaver: dated tasks from the area's template, and for meeting
    items a proposed (planned) meeting in each matching group of the area."""
    template = area_template(area)
    if template is None:
        raise ApplicationError(
            _("The area has no annual cycle yet. Choose a template first.")
        )
    _lock(area, year)
    is_city = area_is_city(area)
    with scopes_disabled():
        done_items = set(
            CycleTask.objects.filter(area=area, year=year).values_list(
                "cycle_item_id", flat=True
            )
        )
    assignees = _assignees(area)
    groups = _groups_by_kind(area)
    fallback = assignees.get(roles.COORDINATOR) or assignees.get(roles.SECRETARIAT)
    new_tasks: list[CycleTask] = []
    for item in template.items.all():
        if item.pk in done_items or not item_applies(item, is_city=is_city):
            continue
        matching = groups.get(item.group_kind, [])
        for due in item_due_dates(item, year):
            if from_date and due < from_date:
                continue
            new_tasks.append(
                CycleTask(
                    area=area,
                    cycle_item=item,
                    title=item.title,
                    year=year,
                    due_date=due,
                    assignee=assignees.get(item.owner_role) or fallback,
                    group=matching[0] if matching else None,
                    created_by=created_by,
                )
            )
    with scopes_disabled():
        CycleTask.objects.bulk_create(new_tasks)
    meetings = (
        _propose_meetings(new_tasks, groups, created_by) if propose_meetings else 0
    )
    return GenerateResult(tasks=len(new_tasks), meetings=meetings)


def _propose_meetings(tasks: list[CycleTask], groups, created_by) -> int:
    from django.contrib.contenttypes.models import ContentType

    from meetings import services as meeting_services

    today = timezone.localdate()
    count = 0
    meeting_type = None
    for task in tasks:
        item = task.cycle_item
        if item.generates != CycleItem.Generates.MEETING or task.due_date < today:
            continue
        starts_at = timezone.make_aware(
            dt.datetime.combine(task.due_date, MEETING_START)
        )
        first = None
        for group in groups.get(item.group_kind, []):
            meeting = meeting_services.meeting_create(
                group=group,
                title=item.title,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=MEETING_HOURS),
                purpose=item.description,
                cycle_task=task,
                created_by=created_by,
            )
            first = first or meeting
            count += 1
        if first is not None:
            meeting_type = meeting_type or ContentType.objects.get_for_model(first)
            with scopes_disabled():
                CycleTask.objects.filter(pk=task.pk).update(
                    generated_type=meeting_type, generated_id=first.pk
                )
    return count


def cycle_rollover(*, year: int) -> dict:
    """Årsskifte: next year's tasks for every area with an årshjul, one area per
    transaction (a killed run resumes where it stopped)."""
    with scopes_disabled():
        area_ids = list(
            CycleTemplate.objects.filter(area__isnull=False, area__is_active=True)
            .values_list("area_id", flat=True)
            .distinct()
        )
        areas = list(Area.objects.filter(pk__in=area_ids).order_by("pk"))
    tasks = meetings = 0
    for area in areas:
        result = cycle_year_generate(area=area, year=year)
        tasks += result.tasks
        meetings += result.meetings
    return {"areas": len(areas), "tasks": tasks, "meetings": meetings}


# --- Tasks --------------------------------------------------------------------------


@transaction.atomic
def cycle_task_update(
    *, task: CycleTask, due_date: dt.date, assignee: User | None
) -> CycleTask:
    """Flytt eller tildel oppgave. A date off a working day moves to the next one."""
    if assignee is not None and not _holds_role_in(assignee, task.area):
        raise ApplicationError(
            _("Pick someone with a role in the area."), field="assignee"
        )
    due_date = next_working_day(due_date)
    clash = (
        CycleTask.objects.filter(
            area=task.area, cycle_item=task.cycle_item, due_date=due_date
        )
        .exclude(pk=task.pk)
        .exists()
    )
    if clash:
        raise ApplicationError(
            _("The same item already has a task on that day."), field="due_date"
        )
    task.due_date, task.assignee = due_date, assignee
    task.full_clean()
    task.save()
    return task


def _holds_role_in(user: User, area: Area) -> bool:
    from municipalities import selectors

    with scopes_disabled():
        return selectors.membership_list(area=area).filter(user=user).exists()


@transaction.atomic
def cycle_task_set_status(*, task: CycleTask, status: str) -> CycleTask:
    """Marker som utført / hopp over / gjenåpne."""
    if status not in CycleTask.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    task.status = status
    task.completed_at = timezone.now() if status == CycleTask.Status.DONE else None
    task.save(update_fields=["status", "completed_at", "updated_at"])
    return task


# --- Calendar feed ------------------------------------------------------------------


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def cycle_feed_create(*, area: Area, created_by: User) -> tuple[CycleFeed, str]:
    """Lag ny kalenderadresse: the old address stops working. Returns the raw token,
    which is shown once."""
    CycleFeed.objects.filter(area=area, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    prefix = secrets.token_hex(4)
    raw = f"{prefix}{secrets.token_urlsafe(32)}"
    feed = CycleFeed(
        area=area, token_prefix=prefix, token_hash=_digest(raw), created_by=created_by
    )
    feed.full_clean()
    feed.save()
    return feed, raw


@transaction.atomic
def cycle_feed_revoke(*, feed: CycleFeed) -> None:
    """Stopp kalenderadressen."""
    if feed.revoked_at is not None:
        raise ApplicationError(_("The address is already stopped."))
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at", "updated_at"])


def cycle_feed_by_token(*, raw: str) -> CycleFeed | None:
    """The active feed for a raw token (any area), recording its use."""
    with scopes_disabled():
        feed = (
            CycleFeed.objects.select_related("area")
            .filter(token_hash=_digest(raw), revoked_at__isnull=True)
            .first()
        )
        if feed is None or not feed.area.is_active:
            return None
        now = timezone.now()
        if not feed.last_used_at or now - feed.last_used_at > dt.timedelta(hours=1):
            CycleFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed
