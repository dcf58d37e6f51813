"""Reads for the årsrapport. Drafts are the coordinator's; a report in review is
also visible to the steering-group members granted access to it (django-guardian);
approved and submitted reports are visible to every role in the area."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from meetings.models import Meeting
from municipalities import roles
from municipalities.models import Area, Group, User
from reports.models import AnnualReport, AnnualReportUserObjectPermission, ReportReview

REVIEW_CODENAME = "review_annualreport"


def _review_grant(user_id: int | None) -> Exists:
    return Exists(
        AnnualReportUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"),
            user_id=user_id,
            permission__codename=REVIEW_CODENAME,
        )
    )


def _published_or_granted(user_id: int | None) -> Q:
    return Q(status__in=AnnualReport.PUBLISHED) | Q(
        Q(status=AnnualReport.Status.IN_REVIEW), _review_grant(user_id)
    )


def visible_condition(*, user: User, area_roles: Iterable[str]) -> Q:
    """Which reports of an area the user sees, given their roles there."""
    if roles.COORDINATOR in set(area_roles):
        return Q()
    return _published_or_granted(user.pk)


def visible_in_areas(*, user_id: int | None, coordinator_area_ids: Iterable[int]) -> Q:
    """The same rule across several areas (the API): everything in the areas the
    caller coordinates, elsewhere published reports and those granted for review."""
    return Q(area_id__in=list(coordinator_area_ids)) | _published_or_granted(user_id)


def annual_report_list(
    *, area: Area, user: User, area_roles: Iterable[str]
) -> QuerySet[AnnualReport]:
    """Årsrapporter of the area, newest year and version first."""
    return (
        AnnualReport.objects.for_area(area)
        .filter(visible_condition(user=user, area_roles=area_roles))
        .select_related("area", "approved_by_group", "corrects")
        .order_by("-year", "-version")
    )


def annual_report_get_for_user(
    *, area: Area, user: User, area_roles: Iterable[str], pk: int
) -> AnnualReport:
    """One report, or 404 when it is missing, elsewhere or not visible."""
    return get_object_or_404(
        annual_report_list(area=area, user=user, area_roles=area_roles), pk=pk
    )


def annual_report_reviews(*, report: AnnualReport) -> list[ReportReview]:
    return list(
        ReportReview.objects.for_area(report.area)
        .filter(
            report_type=ContentType.objects.get_for_model(AnnualReport),
            report_id=report.pk,
        )
        .select_related("reviewer")
        .order_by("created_at", "pk")
    )


def awaiting_review(*, area: Area, user: User) -> QuerySet[AnnualReport]:
    """Reports in review that ``user`` has been asked to review."""
    return (
        AnnualReport.objects.for_area(area)
        .filter(Q(status=AnnualReport.Status.IN_REVIEW), _review_grant(user.pk))
        .order_by("-year", "-version")
    )


def newest_version_ids(*, area: Area) -> set[int]:
    """The newest version of each year's report (older ones are corrected)."""
    newest: dict[int, int] = {}
    for pk, year in (
        AnnualReport.objects.for_area(area)
        .order_by("year", "version")
        .values_list("pk", "year")
    ):
        newest[year] = pk
    return set(newest.values())


def approval_meetings(*, area: Area) -> QuerySet[Meeting]:
    """The steering group's recent held meetings, where approval can be recorded."""
    group = steering_group_for(area=area)
    if group is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.for_area(area)
        .filter(
            group=group,
            status__in=(Meeting.Status.HELD, Meeting.Status.MINUTES_SENT),
        )
        .order_by("-starts_at")[:12]
    )


def steering_group_for(*, area: Area) -> Group | None:
    """The area's styringsgruppe, or a politiråd acting as one."""
    return (
        Group.objects.for_area(area)
        .filter(
            Q(kind=Group.Kind.STEERING_GROUP)
            | Q(kind=Group.Kind.POLICE_COUNCIL, acts_as_steering_group=True),
            dissolved_on__isnull=True,
        )
        .order_by("kind", "pk")
        .first()
    )
