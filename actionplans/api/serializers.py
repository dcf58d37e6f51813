"""Serializers for plans, measures, indicators and the årshjul. They validate input
shapes only; the views pass validated data to the services, which apply the rules."""

from __future__ import annotations

from django.db.models import Q
from django_scopes import scopes_disabled
from rest_framework import serializers

from actionplans.models import (
    ActionPlan,
    CycleItem,
    CycleTask,
    CycleTemplate,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from meetings.models import Meeting
from municipalities.models import Agency, Area, Topic, User
from reports.models import StatusReport


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object chosen by id among those in the request's areas.

    Tenant models refuse queries outside a scope, so the choices are read when the
    request runs (inside the view's scope), never when the class is defined.
    """

    def __init__(self, *, model, **kwargs):
        self.model = model
        if not kwargs.get("read_only"):
            kwargs["queryset"] = model.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.all()


class AgencyField(serializers.PrimaryKeyRelatedField):
    """An agency of the caller's areas or of the cities they are part of."""

    def __init__(self, **kwargs):
        kwargs["queryset"] = Agency.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        ids = list(self.context["view"].scope_area_ids)
        parents = Area.objects.filter(pk__in=ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
        with scopes_disabled():
            return Agency.objects.filter(area_id__in=[*ids, *parents])


class MemberField(serializers.PrimaryKeyRelatedField):
    """A person with a role in one of the caller's areas."""

    def __init__(self, **kwargs):
        kwargs["queryset"] = User.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        ids = self.context["view"].scope_area_ids
        return User.objects.filter(memberships__area_id__in=ids).distinct()


class AreaSlugField(serializers.SlugRelatedField):
    """The area to create in, by slug, among the caller's areas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs["queryset"] = Area.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        return Area.objects.filter(pk__in=self.context["view"].scope_area_ids)


class LinkedPlanSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    period = serializers.CharField(max_length=40, required=False, allow_blank=True)
    url = serializers.CharField(max_length=500, required=False, allow_blank=True)


class PlanSerializer(serializers.ModelSerializer):
    area = AreaSlugField()
    parent_programme = ScopedRelatedField(
        model=ActionPlan, required=False, allow_null=True
    )
    contributors = AgencyField(many=True, required=False)
    linked_plans = LinkedPlanSerializer(many=True, required=False)
    focus_areas = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "area",
            "title",
            "kind",
            "period_start",
            "period_end",
            "status",
            "summary",
            "version",
            "supersedes",
            "parent_programme",
            "contributors",
            "linked_plans",
            "approved_by_group",
            "approval_decision",
            "approved_at",
            "focus_areas",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "version",
            "supersedes",
            "approved_by_group",
            "approval_decision",
            "approved_at",
            "created_at",
            "updated_at",
        ]


class PlanUpdateSerializer(PlanSerializer):
    class Meta(PlanSerializer.Meta):
        read_only_fields = [*PlanSerializer.Meta.read_only_fields, "area"]


class ApprovalMeetingField(serializers.PrimaryKeyRelatedField):
    """A meeting in the caller's areas, or of a body (a regional steering group in
    the city) that covers one of them; the service checks the rest (P1, M9)."""

    def __init__(self, **kwargs):
        kwargs["queryset"] = Meeting.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        ids = self.context["view"].scope_area_ids
        with scopes_disabled():
            return Meeting.objects.filter(
                Q(area_id__in=ids) | Q(group__covered_areas__in=ids)
            ).distinct()


class PlanApproveSerializer(serializers.Serializer):
    meeting = ApprovalMeetingField()
    text = serializers.CharField()


class FocusAreaSerializer(serializers.ModelSerializer):
    plan = ScopedRelatedField(model=ActionPlan)
    evidence_reports = ScopedRelatedField(model=StatusReport, many=True, required=False)
    evidence_indicators = ScopedRelatedField(model=Indicator, many=True, required=False)

    class Meta:
        model = FocusArea
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "order",
            "year",
            "evidence_reports",
            "evidence_indicators",
        ]


class GoalSerializer(serializers.ModelSerializer):
    focus_area = ScopedRelatedField(model=FocusArea)
    parent = ScopedRelatedField(model=Goal, required=False, allow_null=True)
    indicators = ScopedRelatedField(model=Indicator, many=True, required=False)

    class Meta:
        model = Goal
        fields = ["id", "focus_area", "text", "kind", "parent", "order", "indicators"]
        read_only_fields = ["order"]


class MeasureSerializer(serializers.ModelSerializer):
    focus_area = ScopedRelatedField(model=FocusArea)
    goal = ScopedRelatedField(model=Goal, required=False, allow_null=True)
    responsible_agency = AgencyField()
    owner = MemberField()
    contributors = AgencyField(many=True, required=False)
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices), required=False
    )
    evaluation_flags = serializers.ListField(
        child=serializers.ChoiceField(choices=Measure.EvaluationFlag.choices),
        required=False,
    )
    plan = serializers.IntegerField(source="focus_area.plan_id", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "focus_area",
            "goal",
            "title",
            "description",
            "topics",
            "prevention_level",
            "target_group",
            "age_from",
            "age_to",
            "target_type",
            "evidence_basis",
            "responsible_agency",
            "owner",
            "contributors",
            "start_date",
            "end_date",
            "status",
            "funding_source",
            "funding_note",
            "funding_amount_nok",
            "funding_ends_on",
            "evaluation_type",
            "evaluator",
            "evaluation_plan",
            "evaluation_due",
            "evaluation_result",
            "evaluation_flags",
            "order",
            "previous_version",
            "is_overdue",
        ]
        read_only_fields = ["status", "evaluation_result", "previous_version"]


class MeasureUpdateSerializer(MeasureSerializer):
    class Meta(MeasureSerializer.Meta):
        read_only_fields = [*MeasureSerializer.Meta.read_only_fields, "focus_area"]


class MeasureStartSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = [
            "start_date",
            "end_date",
            "evaluation_type",
            "evaluator",
            "evaluation_plan",
            "evaluation_due",
        ]
        extra_kwargs = {
            "start_date": {"required": True, "allow_null": False},
            "evaluation_type": {"required": True},
            "evaluation_plan": {"required": True},
            "evaluation_due": {"required": True},
        }


class ProgressUpdateSerializer(serializers.ModelSerializer):
    measure = ScopedRelatedField(model=Measure)
    author = serializers.PrimaryKeyRelatedField(read_only=True)
    date = serializers.DateField(required=False)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "measure",
            "date",
            "text",
            "author",
            "rating",
            "status_from",
            "status_to",
            "figure",
            "figure_label",
            "is_highlight",
            "created_at",
        ]
        read_only_fields = ["status_from", "created_at"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = ScopedRelatedField(model=Indicator)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "period_start",
            "period_end",
            "value",
            "n",
            "comparison_value",
            "note",
            "suppressed",
        ]
        read_only_fields = ["suppressed"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.suppressed:
            # Small numbers never leave the portal (domain.md §8).
            data["value"] = None
            data["n"] = None
        return data


class IndicatorSerializer(serializers.ModelSerializer):
    area = AreaSlugField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "area",
            "name",
            "description",
            "source",
            "cohort",
            "unit",
            "comparison_label",
            "higher_is_better",
        ]


class IndicatorUpdateSerializer(IndicatorSerializer):
    class Meta(IndicatorSerializer.Meta):
        read_only_fields = ["area"]


class CsvImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


class CycleItemSerializer(serializers.ModelSerializer):
    template = serializers.PrimaryKeyRelatedField(queryset=CycleTemplate.objects.none())

    class Meta:
        model = CycleItem
        fields = [
            "id",
            "template",
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
            "month_is_assumption",
            "source_ref",
            "order",
        ]
        read_only_fields = ["month_is_assumption"]

    def get_fields(self):
        fields = super().get_fields()
        view = self.context.get("view")
        if view is not None and not getattr(view, "swagger_fake_view", False):
            with scopes_disabled():
                fields["template"].queryset = CycleTemplate.objects.filter(
                    area_id__in=view.scope_area_ids
                )
        return fields


class CycleTemplateSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    items = CycleItemSerializer(many=True, read_only=True)

    class Meta:
        model = CycleTemplate
        fields = ["id", "area", "name", "variant", "based_on", "is_published", "items"]


class CycleTemplateCopySerializer(serializers.Serializer):
    area = AreaSlugField()


class CycleTaskSerializer(serializers.ModelSerializer):
    assignee = MemberField(required=False, allow_null=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind = serializers.CharField(source="cycle_item.kind", read_only=True)

    class Meta:
        model = CycleTask
        fields = [
            "id",
            "area",
            "cycle_item",
            "kind",
            "title",
            "year",
            "due_date",
            "assignee",
            "group",
            "status",
            "completed_at",
        ]
        read_only_fields = ["cycle_item", "title", "year", "group", "completed_at"]


class CycleGenerateSerializer(serializers.Serializer):
    area = AreaSlugField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    propose_meetings = serializers.BooleanField(default=True)


class GenerateResultSerializer(serializers.Serializer):
    tasks = serializers.IntegerField()
    meetings = serializers.IntegerField()
