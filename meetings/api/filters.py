"""Filters for the meetings API: area, group, date range and status."""

import django_filters
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Decision, FollowUp, Matter, Meeting
from slt_portal.api.filters import TenantFilterSet


class MeetingFilter(TenantFilterSet):
    starts_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label="starts on or after"
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label="starts on or before"
    )

    class Meta:
        model = Meeting
        fields = ["area", "group", "status", "series"]


class AgendaItemFilter(TenantFilterSet):
    class Meta:
        model = AgendaItem
        fields = ["area", "group", "meeting", "status", "kind"]


class AttendanceFilter(TenantFilterSet):
    group = django_filters.NumberFilter(field_name="meeting__group")

    class Meta:
        model = Attendance
        fields = ["area", "meeting", "status"]


class DecisionFilter(TenantFilterSet):
    group = django_filters.NumberFilter(field_name="meeting__group")
    decided_after = django_filters.DateFilter(
        field_name="decided_at", lookup_expr="date__gte"
    )
    decided_before = django_filters.DateFilter(
        field_name="decided_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Decision
        fields = ["area", "meeting", "kind"]


class FollowUpFilter(TenantFilterSet):
    group = django_filters.NumberFilter(field_name="meeting__group")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="overdue")

    class Meta:
        model = FollowUp
        fields = ["area", "meeting", "status", "owner"]

    def filter_overdue(self, queryset, name, value):
        late = {
            "status__in": FollowUp.OPEN_STATUSES,
            "due_date__lt": timezone.localdate(),
        }
        return queryset.filter(**late) if value else queryset.exclude(**late)


class MatterFilter(TenantFilterSet):
    group = django_filters.NumberFilter(method="filter_group", label="from or to group")
    raised_after = django_filters.DateFilter(
        field_name="raised_at", lookup_expr="date__gte"
    )
    raised_before = django_filters.DateFilter(
        field_name="raised_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Matter
        fields = ["area", "status", "kind", "from_group", "to_group"]

    def filter_group(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(from_group=value) | Q(to_group=value))
