"""Small helpers for the actionplans demo: real services, past dates, held meetings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from actionplans import services
from actionplans.models import ActionPlan
from meetings import services as meeting_services
from meetings.models import Meeting
from municipalities.demo import DemoContext
from municipalities.models import Group, User


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def held_meeting(
    group: Group, day: dt.date, title: str, purpose: str
) -> tuple[Meeting, bool]:
    """A held meeting of ``group`` near ``day`` whose minutes are still open.

    The meetings demo has already approved (locked) the minutes of its meetings, and
    a locked meeting takes no new decisions, so the approval gets a meeting of its own.
    """
    existing = (
        Meeting.objects.filter(
            group=group,
            starts_at__date__gte=day - dt.timedelta(days=20),
            starts_at__date__lte=day + dt.timedelta(days=20),
            starts_at__lte=timezone.now(),  # it must have taken place
            minutes_approved_at__isnull=True,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if existing is not None:
        return existing, False
    meeting = meeting_services.meeting_create(
        group=group,
        title=title,
        starts_at=aware(day),
        ends_at=aware(day, 12),
        purpose=purpose,
        created_by=None,
    )
    # Demo history: the meeting took place (the invitation round is not replayed).
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    return meeting, True


def lock_minutes(meeting: Meeting, text: str) -> None:
    """Demo history: minutes written and approved two days after the meeting."""
    approved_at = meeting.starts_at + dt.timedelta(days=2)
    Meeting.objects.filter(pk=meeting.pk, minutes_approved_at__isnull=True).update(
        minutes=text,
        status=Meeting.Status.MINUTES_SENT,
        minutes_approved_at=approved_at,
        minutes_sent_at=approved_at,
    )


def approve(plan: ActionPlan, group: Group, day: dt.date, user: User | None, text):
    services.plan_submit(plan=plan)
    meeting, created = held_meeting(
        group,
        day,
        f"{group.name} {day:%d.%m.%Y}",
        "Behandling av handlingsplan.",
    )
    services.plan_approve(plan=plan, meeting=meeting, text=text, approved_by=user)
    if created:
        lock_minutes(meeting, text)


def focus_area(plan, title, description="", reports=(), indicators=()):
    return services.focus_area_create(
        plan=plan,
        title=title,
        description=description,
        created_by=plan.created_by,
        evidence_reports=reports,
        evidence_indicators=indicators,
    )


def measure(focus_area, **fields):
    """A planned measure in ``focus_area`` (started later with ``start``)."""
    return services.measure_create(
        focus_area=focus_area,
        created_by=focus_area.plan.created_by,
        contributors=fields.pop("contributors", ()),
        **fields,
    )


def start(measure, user, start: dt.date, due: dt.date, plan_text: str, kind):
    services.measure_start(
        measure=measure,
        started_by=user,
        start_date=start,
        evaluation_type=kind,
        evaluator="internal" if kind != "effect" else "external",
        evaluation_plan=plan_text,
        evaluation_due=due,
    )


def progress(measure, author, when: dt.date, text, **extra):
    services.progress_update_create(
        measure=measure, author=author, text=text, date=when, **extra
    )


def past(ctx: DemoContext, month: int, day: int) -> dt.date:
    """This year's date, or today when it is still ahead (a demo run in spring)."""
    return min(dt.date(ctx.year, month, day), ctx.today)
