"""Reads for reports. The problem picture (utfordringsbilde) is read from here by
the action plans; the reports issue adds the annual report."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from municipalities.models import Area, User

# Oslostandarden for the annual report; the checklist itself is reports.checklist.
from reports.checklist import oslostandard_summary as oslostandard_summary
from reports.models import StatusReport

PROBLEM_PICTURE_KINDS = (
    StatusReport.Kind.CHALLENGE_PICTURE,
    StatusReport.Kind.POLICE_TERTIAL,
    StatusReport.Kind.MAPPING_REPORT,
)


def status_report_list(
    *,
    area: Area,
    user: User,
    kinds: Iterable[str] = PROBLEM_PICTURE_KINDS,
    include_drafts: bool = False,
) -> QuerySet[StatusReport]:
    """Reports of ``kinds`` in the area: submitted ones, plus the user's own drafts
    (or every draft with ``include_drafts``, for the coordinator)."""
    visible = ~Q(status=StatusReport.Status.DRAFT)
    if include_drafts:
        visible = Q()
    else:
        visible |= Q(author=user)
    return (
        StatusReport.objects.for_area(area)
        .filter(visible, kind__in=list(kinds))
        .select_related("author", "author_agency", "from_group", "to_group")
        .order_by("-period_end", "-pk")
    )


def status_report_get_for_user(
    *,
    area: Area,
    user: User,
    pk: int,
    kinds: Iterable[str] = PROBLEM_PICTURE_KINDS,
    include_drafts: bool = False,
) -> StatusReport:
    """One report, or 404 when it is missing, elsewhere or not visible."""
    return get_object_or_404(
        status_report_list(
            area=area, user=user, kinds=kinds, include_drafts=include_drafts
        ),
        pk=pk,
    )


def problem_picture_for_evidence(*, area: Area) -> QuerySet[StatusReport]:
    """Submitted problem-picture reports a focus area may cite (rule P6)."""
    return (
        StatusReport.objects.for_area(area)
        .filter(kind__in=PROBLEM_PICTURE_KINDS)
        .exclude(status=StatusReport.Status.DRAFT)
        .order_by("-period_end", "-pk")
    )
