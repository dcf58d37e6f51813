"""Statusrapport and rapport til politirådet: figures drafted from the records, and
drafts scheduled from the årshjul.

A status report covers the period since the previous one: meetings held, decisions,
matters answered, progress on measures; then what needs attention now: measures
behind schedule, matters waiting for an answer, and the health of every group. The
author writes the narrative; on submit the figures are frozen into
``data_snapshot`` so the report never changes afterwards.

Reports go to strategic bodies (rule C1): titles of decisions and matters are listed
only from groups that discuss at system level; the rest are counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from actionplans.models import ActionPlan, CycleItem, CycleTask, Measure, ProgressUpdate
from actionplans.selectors import overdue_condition
from meetings.health import HELD, OPEN_MATTER, area_health
from meetings.models import Decision, Matter, Meeting
from meetings.selectors import related_area_ids
from municipalities import roles
from municipalities.models import Area, Group, Membership, User
from reports.models import StatusReport
from reports.services import STATUS_KINDS, status_report_create

# A scheduled draft is made this many days before the årshjul task is due, so the
# coordinator has time to write the narrative.
DRAFT_DAYS_AHEAD = 21
LIST_LIMIT = 25
CLOSED_PLANS = (ActionPlan.Status.ENDED, ActionPlan.Status.SUPERSEDED)
SYSTEM_ONLY = Group.ConfidentialityMode.SYSTEM_ONLY
_SCHEDULE_LOCK_CLASS = 715_005
FALLBACK_MONTHS = {
    CycleItem.Recurrence.MONTHLY: 1,
    CycleItem.Recurrence.QUARTERLY: 3,
    CycleItem.Recurrence.TERTIAL: 4,
    CycleItem.Recurrence.ONCE: 12,
}


def _day(value: dt.datetime | None) -> str:
    return timezone.localdate(value).isoformat() if value else ""


def status_report_figures(
    *,
    area: Area,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date | None = None,
) -> dict:
    """What happened in the period and what needs attention now, as plain data."""
    today = today or timezone.localdate()
    with scopes_disabled():  # matters cross area borders; filtered to ours below
        return {
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "computed_on": today.isoformat(),
            "meetings": _meetings(area, period_start, period_end),
            "decisions": _decisions(area, period_start, period_end),
            "matters_answered": _matters_answered(area, period_start, period_end),
            "progress": _progress(area, period_start, period_end),
            "behind": _behind(area, today),
            "matters_waiting": _matters_waiting(area, today),
            "health": _health(area, today),
        }


def _in_period(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__date__gte": start, f"{field}__date__lte": end})


def _meetings(area: Area, start: dt.date, end: dt.date) -> dict:
    rows = (
        Meeting.objects.filter(area=area, status__in=HELD)
        .filter(_in_period("starts_at", start, end))
        .values("group__name", "group__level")
        .annotate(n=Count("pk"))
        .order_by("group__level", "group__name")
    )
    levels = dict(Group.Level.choices)
    groups = [
        {
            "group": r["group__name"],
            "level": str(levels[r["group__level"]]),
            "held": r["n"],
        }
        for r in rows
    ]
    return {"total": sum(g["held"] for g in groups), "groups": groups}


def _decisions(area: Area, start: dt.date, end: dt.date) -> dict:
    decisions = Decision.objects.filter(meeting__area=area).filter(
        _in_period("decided_at", start, end)
    )
    listed = (
        decisions.filter(meeting__group__confidentiality_mode=SYSTEM_ONLY)
        .select_related("meeting__group")
        .order_by("decided_at", "pk")[:LIST_LIMIT]
    )
    return {
        "total": decisions.count(),
        "listed": [
            {
                "date": _day(d.decided_at),
                "group": d.meeting.group.name,
                "kind": str(d.get_kind_display()),
                "text": d.text[:400],
            }
            for d in listed
        ],
    }


def _our_matters(area: Area):
    return Matter.objects.filter(area_id__in=related_area_ids(area=area)).filter(
        Q(from_group__area=area) | Q(to_group__area=area)
    )


def _matter_row(m: Matter, today: dt.date) -> dict:
    listed = m.from_group.confidentiality_mode == SYSTEM_ONLY
    return {
        "title": m.title if listed else "",
        "from": m.from_group.name,
        "to": m.to_group.name if m.to_group else m.to_external,
        "kind": str(m.get_kind_display()),
        "raised": _day(m.raised_at),
        "answered": _day(m.responded_at),
        "due": m.due_date.isoformat() if m.due_date else "",
        "days_waiting": (today - timezone.localdate(m.raised_at)).days,
    }


def _matters_answered(area: Area, start: dt.date, end: dt.date) -> dict:
    matters = (
        _our_matters(area)
        .filter(_in_period("responded_at", start, end))
        .select_related("from_group", "to_group")
        .order_by("responded_at", "pk")
    )
    rows = [_matter_row(m, end) for m in matters[: LIST_LIMIT * 2]]
    return {
        "total": matters.count(),
        "listed": [r for r in rows if r["title"]][:LIST_LIMIT],
    }


def _matters_waiting(area: Area, today: dt.date) -> dict:
    matters = (
        _our_matters(area)
        .filter(status__in=OPEN_MATTER)
        .select_related("from_group", "to_group")
        .order_by("raised_at", "pk")
    )
    rows = [_matter_row(m, today) for m in matters[: LIST_LIMIT * 2]]
    return {
        "total": matters.count(),
        "listed": [r for r in rows if r["title"]][:LIST_LIMIT],
    }


def _progress(area: Area, start: dt.date, end: dt.date) -> dict:
    updates = ProgressUpdate.objects.filter(area=area, date__gte=start, date__lte=end)
    ratings = Counter(
        dict(updates.values_list("rating").annotate(n=Count("pk")).order_by())
    )
    highlights = (
        updates.filter(is_highlight=True)
        .select_related("measure")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    return {
        "total": sum(ratings.values()),
        "by_rating": {
            str(label): ratings[value] for value, label in ProgressUpdate.Rating.choices
        },
        "highlights": [
            {
                "measure": u.measure.title,
                "date": u.date.isoformat(),
                "text": u.text[:600],
            }
            for u in highlights
        ],
    }


def _behind(area: Area, today: dt.date) -> list[dict]:
    """Started measures past their end or evaluation date, or whose latest progress
    update says uncertain or delayed."""
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    late_rating = (ProgressUpdate.Rating.AT_RISK, ProgressUpdate.Rating.OFF_TRACK)
    measures = (
        Measure.objects.filter(area=area, status=Measure.Status.ACTIVE)
        .exclude(focus_area__plan__status__in=CLOSED_PLANS)
        .annotate(rating=Subquery(latest.values("rating")[:1]))
        .filter(overdue_condition(today) | Q(rating__in=late_rating))
        .select_related("responsible_agency")
        .order_by("end_date", "title")[:LIST_LIMIT]
    )
    labels = dict(ProgressUpdate.Rating.choices)
    rows = []
    for m in measures:
        reasons = []
        if m.end_date and m.end_date < today:
            reasons.append(_("past its end date"))
        if m.evaluation_due and m.evaluation_due < today and not m.evaluation_result:
            reasons.append(_("evaluation overdue"))
        if m.rating in late_rating:
            reasons.append(str(labels[m.rating]).lower())
        rows.append(
            {
                "title": m.title,
                "agency": m.responsible_agency.name if m.responsible_agency else "",
                "end_date": m.end_date.isoformat() if m.end_date else "",
                "reasons": reasons,
            }
        )
    return rows


def _health(area: Area, today: dt.date) -> list[dict]:
    return [
        {
            "group": h.group.name,
            "level": str(h.group.get_level_display()),
            "held_this_year": h.held_this_year,
            "ahead_this_year": h.ahead_this_year,
            "required": h.required,
            "attendance_rate": h.attendance_rate,
            "flags": [str(f) for f in h.flags],
        }
        for h in area_health(area=area, today=today)
        if h.group.level != Group.Level.OPERATIONAL
    ]


def status_report_view_data(*, report: StatusReport) -> dict:
    """The figures to show: frozen once submitted, live while a draft."""
    if report.status != StatusReport.Status.DRAFT and "figures" in report.data_snapshot:
        return report.data_snapshot["figures"]
    return status_report_figures(
        area=report.area, period_start=report.period_start, period_end=report.period_end
    )


# --- Scheduling from the årshjul ------------------------------------------------------


def _previous_end(area: Area, kinds: list[str], before: dt.date) -> dt.date | None:
    return (
        StatusReport.objects.filter(area=area, kind__in=kinds, period_end__lt=before)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )


def scheduled_period(task: CycleTask) -> tuple[dt.date, dt.date]:
    """Since the day after the previous report of the kind up to the due date; with
    no previous report, one recurrence back (a year for a yearly item)."""
    item = task.cycle_item
    end = task.due_date
    previous = _previous_end(task.area, [item.report_kind], end)
    if previous is not None:
        return previous + dt.timedelta(days=1), end
    months = FALLBACK_MONTHS.get(item.recurrence, 12)
    return end - relativedelta(months=months) + dt.timedelta(days=1), end


def next_period(*, area: Area, today: dt.date) -> tuple[dt.date, dt.date]:
    """A new report's period: since the day after the previous periodic report ended
    (or the start of this month), up to today."""
    previous = _previous_end(area, list(STATUS_KINDS), today)
    return (
        previous + dt.timedelta(days=1) if previous else today.replace(day=1)
    ), today


def _author(task: CycleTask) -> User | None:
    if task.assignee_id and task.assignee.is_active:
        return task.assignee
    membership = (
        Membership.objects.filter(area=task.area, role=roles.COORDINATOR)
        .active_on(timezone.localdate())
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
        .first()
    )
    return membership.user if membership else None


def _receiver(area: Area, kind: str) -> Group | None:
    kinds = [Group.Kind.STEERING_GROUP, Group.Kind.POLICE_COUNCIL]
    if kind == StatusReport.Kind.REPORT_TO_COUNCIL:
        kinds.reverse()
    groups = Group.objects.filter(area=area, kind__in=kinds, dissolved_on__isnull=True)
    found = {g.kind: g for g in groups.order_by("name")}
    return next((found[k] for k in kinds if k in found), None)


@scopes_disabled()
@transaction.atomic
def status_report_draft_for_task(*, task: CycleTask) -> StatusReport | None:
    """Lag utkast til statusrapport for an årshjul report task (idempotent).

    The task row is locked and the report linked to it in the same transaction; a
    report of the same kind and period already in the area is reused, so the area
    gets one draft per period however often this runs.
    """
    from django.contrib.contenttypes.models import ContentType

    task = (
        CycleTask.objects.select_for_update(of=("self",))
        .select_related("cycle_item", "area", "assignee")
        .get(pk=task.pk)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [_SCHEDULE_LOCK_CLASS, task.area_id]
        )
    if task.generated_id is not None:
        return StatusReport.objects.filter(pk=task.generated_id).first()
    kind = task.cycle_item.report_kind
    start, end = scheduled_period(task)
    report = StatusReport.objects.filter(
        area=task.area, kind=kind, period_start=start, period_end=end
    ).first()
    if report is None:
        author = _author(task)
        if author is None:
            return None
        with translation.override(settings.LANGUAGE_CODE):  # stored data
            title = _("%(kind)s %(start)s–%(end)s") % {
                "kind": StatusReport.Kind(kind).label,
                "start": start.strftime("%d.%m.%Y"),
                "end": end.strftime("%d.%m.%Y"),
            }
        report = status_report_create(
            area=task.area,
            kind=kind,
            title=title,
            period_start=start,
            period_end=end,
            author=author,
            to_group=_receiver(task.area, kind),
        )
        _notify_author(report, task)
    CycleTask.objects.filter(pk=task.pk).update(
        generated_type=ContentType.objects.get_for_model(StatusReport),
        generated_id=report.pk,
    )
    return report


def _notify_author(report: StatusReport, task: CycleTask) -> None:
    """E-mail the author that the draft is ready (once per report)."""
    from django.urls import reverse

    from slt_portal.email import email_enqueue

    author = report.author
    if not author.email or author.is_service_account:
        return
    email_enqueue(
        key=f"status_report_draft:{report.pk}",
        to_address=author.email,
        template="status_report_draft",
        context={
            "recipient_name": author.full_name,
            "title": report.title,
            "area_name": report.area.name,
            "due_date": task.due_date.isoformat(),
            "path": reverse(
                "reports:status_detail",
                kwargs={"area_slug": report.area.slug, "pk": report.pk},
            ),
        },
        to_user=author,
        area=report.area,
    )


def status_report_schedule(*, today: dt.date) -> dict:
    """Daily: a draft for every open årshjul status-report task due within
    ``DRAFT_DAYS_AHEAD`` days that has none yet. Each task commits on its own."""
    with scopes_disabled():
        tasks = list(
            CycleTask.objects.filter(
                status=CycleTask.Status.OPEN,
                generated_id__isnull=True,
                cycle_item__generates=CycleItem.Generates.REPORT,
                cycle_item__report_kind__in=STATUS_KINDS,
                due_date__lte=today + dt.timedelta(days=DRAFT_DAYS_AHEAD),
                area__is_active=True,
            ).order_by("due_date", "pk")
        )
    made = skipped = 0
    for task in tasks:
        if status_report_draft_for_task(task=task) is None:
            skipped += 1
        else:
            made += 1
    return {"tasks": len(tasks), "drafts": made, "without_author": skipped}
