"""Årshjul: maler, punkter og oppgaver."""

from __future__ import annotations

from django.db.models import Q
from django_scopes import scopes_disabled
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from actionplans import policy, services
from actionplans.api import filters, serializers
from actionplans.api.views.base import ScopedViewSet
from actionplans.models import CycleItem, CycleTask, CycleTemplate
from municipalities import roles

# --- Årshjul ------------------------------------------------------------------------


class CycleWriteMixin:
    def require_cycle_write(self, area) -> None:
        area_roles = self.access.roles(area)
        if roles.COORDINATOR in area_roles:
            return
        if roles.SECRETARIAT in area_roles and services.area_is_city(area):
            return
        raise exceptions.PermissionDenied()


class CycleTemplateViewSet(CycleWriteMixin, ScopedViewSet):
    """Årshjulmaler: the published defaults and the caller's areas' own copies."""

    queryset = CycleTemplate.objects.none()
    serializer_class = serializers.CycleTemplateSerializer
    read_roles = policy.CYCLE_READERS
    write_roles = policy.CYCLE_WRITERS
    filterset_class = None
    ordering_fields = ["name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            CycleTemplate._base_manager.filter(
                Q(area__isnull=True)
                | Q(is_published=True)
                | Q(area_id__in=self.scope_area_ids)
            )
            .select_related("area")
            .prefetch_related("items")
            .order_by("area", "name")
        )

    @extend_schema(
        request=serializers.CycleTemplateCopySerializer,
        responses=serializers.CycleTemplateSerializer,
    )
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """Ta i bruk malen: copy it into the area's own årshjul."""
        source = self.get_object()
        serializer = serializers.CycleTemplateCopySerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        area = serializer.validated_data["area"]
        self.require_cycle_write(area)
        copy = services.cycle_template_clone(
            area=area, source=source, created_by=request.user
        )
        return self.respond(copy, code=status.HTTP_201_CREATED)


class CycleItemViewSet(CycleWriteMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """Punkter i områdets årshjul."""

    queryset = CycleItem.objects.none()
    serializer_class = serializers.CycleItemSerializer
    read_roles = policy.CYCLE_READERS
    write_roles = policy.CYCLE_WRITERS
    filterset_class = None
    ordering_fields = ["order"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            CycleItem.objects.filter(template__area_id__in=self.scope_area_ids)
            .select_related("template")
            .order_by("template", "order", "pk")
        )

    def _fields(self, data: dict) -> dict:
        return {k: v for k, v in data.items() if k in services.cycle.ITEM_FIELDS}

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = serializer.validated_data["template"]
        self.require_cycle_write(template.area)
        item = services.cycle_item_create(
            template=template, **self._fields(serializer.validated_data)
        )
        return self.respond(item, code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        item = self.get_object()
        self.require_cycle_write(item.template.area)
        serializer = self.get_serializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = self._fields(serializer.validated_data)
        data.pop("template", None)
        services.cycle_item_update(item=item, **data)
        return self.respond(item)

    def perform_destroy(self, instance):
        self.require_cycle_write(instance.template.area)
        services.cycle_item_delete(item=instance)


class CycleTaskViewSet(CycleWriteMixin, ScopedViewSet):
    """Årets oppgaver i årshjulet."""

    queryset = CycleTask.objects.none()
    serializer_class = serializers.CycleTaskSerializer
    filterset_class = filters.CycleTaskFilter
    read_roles = policy.CYCLE_READERS
    write_roles = policy.CYCLE_WRITERS
    ordering_fields = ["due_date"]

    def base_queryset(self):
        return CycleTask.objects.select_related("area", "cycle_item").order_by(
            "due_date", "pk"
        )

    def partial_update(self, request, pk=None):
        """Move or reassign (coordinator), or mark done/skipped (also the assignee)."""
        task = self.get_object()
        serializer = self.get_serializer(task, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if {"due_date", "assignee"} & set(data):
            self.require_cycle_write(task.area)
            services.cycle_task_update(
                task=task,
                due_date=data.get("due_date", task.due_date),
                assignee=data.get("assignee", task.assignee),
            )
        if "status" in data:
            if task.assignee_id != request.user.pk:
                self.require_cycle_write(task.area)
            services.cycle_task_set_status(task=task, status=data["status"])
        return self.respond(task)

    @extend_schema(
        request=serializers.CycleGenerateSerializer,
        responses=serializers.GenerateResultSerializer,
    )
    @action(detail=False, methods=["post"])
    def generate(self, request):
        """Lag årets oppgaver from the area's template (idempotent)."""
        serializer = serializers.CycleGenerateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        area = serializer.validated_data["area"]
        self.require_cycle_write(area)
        with scopes_disabled():
            result = services.cycle_year_generate(
                area=area,
                year=serializer.validated_data["year"],
                created_by=request.user,
                propose_meetings=serializer.validated_data["propose_meetings"],
            )
        return Response(
            serializers.GenerateResultSerializer(
                {"tasks": result.tasks, "meetings": result.meetings}
            ).data
        )
