import django_filters

from actionplans.models import (
    ActionPlan,
    CycleTask,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from slt_portal.api.filters import TenantFilterSet


class PlanFilter(TenantFilterSet):
    class Meta:
        model = ActionPlan
        fields = ["area", "kind", "status"]


class FocusAreaFilter(TenantFilterSet):
    class Meta:
        model = FocusArea
        fields = ["area", "plan"]


class GoalFilter(TenantFilterSet):
    class Meta:
        model = Goal
        fields = ["area", "focus_area", "kind"]


class MeasureFilter(TenantFilterSet):
    plan = django_filters.NumberFilter(field_name="focus_area__plan")
    owner = django_filters.NumberFilter(field_name="owner")

    class Meta:
        model = Measure
        fields = ["area", "plan", "focus_area", "status", "prevention_level", "owner"]


class ProgressUpdateFilter(TenantFilterSet):
    class Meta:
        model = ProgressUpdate
        fields = ["area", "measure"]


class IndicatorFilter(TenantFilterSet):
    class Meta:
        model = Indicator
        fields = ["area", "source"]


class IndicatorValueFilter(TenantFilterSet):
    class Meta:
        model = IndicatorValue
        fields = ["area", "indicator"]


class CycleTaskFilter(TenantFilterSet):
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = CycleTask
        fields = ["area", "year", "status", "assignee", "due_from", "due_to"]
