"""Start-page panels: the coordinator's consent tasks (counts only, so the start
page shows no individual-level data) and the area's consent statistics."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from consent import policy, selectors
from consent.legal import LegalBasis
from consent.models import ConsentTask, Subject
from slt_portal.navigation import area_panel


@area_panel(30)
def consent_tasks_panel(request: HttpRequest) -> dict | None:
    roles = request.area_roles
    if not roles & policy.CONSENT_ROLES:
        return None
    coordinator = policy.COORDINATOR in roles
    today = timezone.localdate()
    tasks = selectors.open_tasks(
        area=request.area, user=request.user, coordinator=coordinator
    )
    by_kind = dict(
        tasks.order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    overdue = tasks.filter(due_date__lt=today).count()
    if not coordinator and not by_kind:
        return None
    expiring = flagged = 0
    if coordinator:
        expiring = selectors.consents_expiring(
            area=request.area, today=today, days=settings.SLT["CONSENT_REMINDER_DAYS"]
        ).count()
        flagged = Subject.objects.filter(
            Q(area=request.area, status=Subject.Status.ACTIVE),
            review_flagged_at__isnull=False,
        ).count()
    return {
        "template": "consent/panels/tasks.html",
        "obtain_written": by_kind.get(ConsentTask.Kind.OBTAIN_WRITTEN, 0),
        "review_basis": by_kind.get(ConsentTask.Kind.REVIEW_BASIS, 0),
        "overdue": overdue,
        "expiring": expiring,
        "flagged": flagged,
        "reminder_days": settings.SLT["CONSENT_REMINDER_DAYS"],
        "coordinator": coordinator,
    }


@area_panel(80)
def consent_statistics_panel(request: HttpRequest) -> dict | None:
    if not request.area_roles & policy.STATISTICS_ROLES:
        return None
    stats = selectors.consent_statistics(
        area_ids=[request.area.pk], today=timezone.localdate()
    )[0]
    counts = [
        stats["active_subjects"],
        stats["active_consents"],
        stats["incomplete_consents"],
        *stats["disclosures_by_basis"].values(),
    ]
    if all(value == "0" for value in counts):
        return None  # nothing recorded in this area: no panel
    return {
        "template": "consent/panels/statistics.html",
        "stats": stats,
        "by_basis": [
            (label, stats["disclosures_by_basis"][code])
            for code, label in LegalBasis.choices
        ],
        "threshold": settings.SLT["SMALL_NUMBER_THRESHOLD"],
    }
