"""Handlingsplaner, innsatsområder og mål."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Value, When
from django.utils import timezone
from django_scopes import scopes_disabled
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action

from actionplans import policy, selectors, services
from actionplans.api import filters, serializers
from actionplans.api.views.base import ScopedViewSet
from actionplans.models import (
    ActionPlan,
    FocusArea,
    Goal,
    Measure,
    ProgressUpdate,
)

# --- Plans --------------------------------------------------------------------------


class PlanViewSet(ScopedViewSet):
    """Handlingsplaner. Drafts are visible to the area's working roles only."""

    queryset = ActionPlan.objects.none()
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter
    read_roles = policy.PLAN_API_READERS
    write_roles = policy.PLAN_WRITERS
    ordering_fields = ["period_start", "title", "status"]

    def base_queryset(self):
        return (
            ActionPlan.objects.filter(self.visible_plans())
            .select_related("area")
            .prefetch_related("contributors", "focus_areas")
            .order_by("-period_start", "title", "-version")
        )

    def get_serializer_class(self):
        if self.action == "partial_update":
            return serializers.PlanUpdateSerializer
        if self.action == "approve":
            return serializers.PlanApproveSerializer
        return serializers.PlanSerializer

    def create(self, request):
        serializer = serializers.PlanSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        area = data.pop("area")
        if not policy.can_write_plan(self.access.roles(area), data.get("kind", "")):
            raise exceptions.PermissionDenied()
        plan = services.plan_create(area=area, created_by=request.user, **data)
        return self.respond(plan, code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        plan = self.get_object()
        self.require_plan_write(plan)
        serializer = serializers.PlanUpdateSerializer(
            plan, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contributors = data.pop("contributors", None)
        services.plan_update(plan=plan, contributors=contributors, **data)
        return self.respond(plan)

    def _lifecycle(self, action_func):
        plan = self.get_object()
        self.require_plan_write(plan)
        result = action_func(plan)
        return self.respond(result or plan)

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send til behandling."""
        return self._lifecycle(lambda plan: services.plan_submit(plan=plan))

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._lifecycle(lambda plan: services.plan_withdraw(plan=plan))

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """Ny versjon av en vedtatt plan (P2); answers with the new draft."""
        plan = self.get_object()
        self.require_plan_write(plan)
        new = services.plan_revise(plan=plan, created_by=request.user)
        return self.respond(new, serializers.PlanSerializer, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.PlanSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._lifecycle(lambda plan: services.plan_close(plan=plan))

    @extend_schema(
        request=serializers.PlanApproveSerializer,
        responses=serializers.PlanSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Registrer vedtak: approval in a held meeting of the steering body."""
        plan = self.get_object()
        if not policy.can_approve_plan(self.access.roles(plan.area_id), plan.kind):
            raise exceptions.PermissionDenied()
        serializer = serializers.PlanApproveSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        with scopes_disabled():
            services.plan_approve(
                plan=plan,
                meeting=serializer.validated_data["meeting"],
                text=serializer.validated_data["text"],
                approved_by=request.user,
            )
        plan.refresh_from_db()
        return self.respond(plan, serializers.PlanSerializer)


class FocusAreaViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Innsatsområder."""

    queryset = FocusArea.objects.none()
    serializer_class = serializers.FocusAreaSerializer
    filterset_class = filters.FocusAreaFilter
    read_roles = policy.PLAN_API_READERS
    write_roles = policy.PLAN_WRITERS
    ordering_fields = ["order"]

    def base_queryset(self):
        return (
            FocusArea.objects.filter(self.visible_plans("plan__"))
            .select_related("plan")
            .prefetch_related("evidence_reports", "evidence_indicators")
            .order_by("plan", "order", "pk")
        )

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        self.require_plan_write(plan)
        focus_area = services.focus_area_create(
            plan=plan, created_by=request.user, **data
        )
        return self.respond(focus_area, code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        focus_area = self.get_object()
        self.require_plan_write(focus_area.plan)
        serializer = self.get_serializer(focus_area, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {
            "title": focus_area.title,
            "description": focus_area.description,
            "year": focus_area.year,
            "order": focus_area.order,
            "evidence_reports": focus_area.evidence_reports.all(),
            "evidence_indicators": focus_area.evidence_indicators.all(),
            **serializer.validated_data,
        }
        data.pop("plan", None)
        services.focus_area_update(focus_area=focus_area, **data)
        return self.respond(focus_area)

    def perform_destroy(self, instance):
        self.require_plan_write(instance.plan)
        services.focus_area_delete(focus_area=instance)


class GoalViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Hovedmål og delmål."""

    queryset = Goal.objects.none()
    serializer_class = serializers.GoalSerializer
    filterset_class = filters.GoalFilter
    read_roles = policy.PLAN_API_READERS
    write_roles = policy.PLAN_WRITERS
    ordering_fields = ["order"]

    def base_queryset(self):
        return (
            Goal.objects.filter(self.visible_plans("focus_area__plan__"))
            .select_related("focus_area__plan")
            .prefetch_related("indicators")
            .order_by("focus_area", "order", "pk")
        )

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        focus_area = data.pop("focus_area")
        self.require_plan_write(focus_area.plan)
        goal = services.goal_create(
            focus_area=focus_area, created_by=request.user, **data
        )
        return self.respond(goal, code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        goal = self.get_object()
        self.require_plan_write(goal.focus_area.plan)
        serializer = self.get_serializer(goal, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {
            "text": goal.text,
            "kind": goal.kind,
            "parent": goal.parent,
            "indicators": goal.indicators.all(),
            **serializer.validated_data,
        }
        data.pop("focus_area", None)
        services.goal_update(goal=goal, **data)
        return self.respond(goal)

    def perform_destroy(self, instance):
        self.require_plan_write(instance.focus_area.plan)
        services.goal_delete(goal=instance)


# --- Measures and progress ----------------------------------------------------------


class MeasureViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Tiltak, with ``is_overdue`` (active and past its end or evaluation date)."""

    queryset = Measure.objects.none()
    serializer_class = serializers.MeasureSerializer
    filterset_class = filters.MeasureFilter
    read_roles = policy.MEASURE_READERS
    write_roles = policy.PLAN_WRITERS
    ordering_fields = ["order", "end_date", "evaluation_due", "status"]

    def base_queryset(self):
        today = timezone.localdate()
        return (
            Measure.objects.filter(self.visible_plans("focus_area__plan__"))
            .select_related("focus_area__plan")
            .prefetch_related("contributors")
            .annotate(
                is_overdue=Case(
                    When(selectors.overdue_condition(today), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by("focus_area__plan", "focus_area__order", "order", "pk")
        )

    def get_serializer_class(self):
        if self.action == "partial_update":
            return serializers.MeasureUpdateSerializer
        if self.action == "start":
            return serializers.MeasureStartSerializer
        return serializers.MeasureSerializer

    def _fresh(self, measure):
        return self.get_queryset().get(pk=measure.pk)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        focus_area = data.pop("focus_area")
        self.require_plan_write(focus_area.plan)
        contributors = data.pop("contributors", [])
        measure = services.measure_create(
            focus_area=focus_area,
            created_by=request.user,
            contributors=contributors,
            **data,
        )
        return self.respond(
            self._fresh(measure), serializers.MeasureSerializer, status.HTTP_201_CREATED
        )

    def partial_update(self, request, pk=None):
        measure = self.get_object()
        self.require_plan_write(measure.focus_area.plan)
        serializer = self.get_serializer(measure, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        contributors = data.pop("contributors", None)
        services.measure_update(measure=measure, contributors=contributors, **data)
        return self.respond(self._fresh(measure), serializers.MeasureSerializer)

    def perform_destroy(self, instance):
        self.require_plan_write(instance.focus_area.plan)
        services.measure_delete(measure=instance)

    @extend_schema(
        request=serializers.MeasureStartSerializer,
        responses=serializers.MeasureSerializer,
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Sett i gang (P3): with the evaluation plan decided at the start."""
        measure = self.get_object()
        writer = policy.can_write_plan(
            self.access.roles(measure.area_id), measure.focus_area.plan.kind
        )
        if not (writer or measure.owner_id == request.user.pk):
            raise exceptions.PermissionDenied()
        serializer = serializers.MeasureStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.measure_start(
            measure=measure, started_by=request.user, **serializer.validated_data
        )
        return self.respond(self._fresh(measure), serializers.MeasureSerializer)


class ProgressUpdateViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Fremdrift på tiltak, with optional status change (the history is kept)."""

    queryset = ProgressUpdate.objects.none()
    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter
    read_roles = policy.MEASURE_READERS
    write_roles = policy.PROGRESS_ROLES
    ordering_fields = ["date"]

    def base_queryset(self):
        return (
            ProgressUpdate.objects.filter(
                self.visible_plans("measure__focus_area__plan__")
            )
            .select_related("measure")
            .order_by("-date", "-pk")
        )

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        measure = data.pop("measure")
        allowed = policy.can_log_progress(
            area_roles=self.access.roles(measure.area_id),
            user=request.user,
            measure=measure,
            agency_ids=selectors.user_agency_ids(user=request.user, area=measure.area),
        )
        if not allowed:
            raise exceptions.PermissionDenied()
        update = services.progress_update_create(
            measure=measure, author=request.user, **data
        )
        return self.respond(update, code=status.HTTP_201_CREATED)
