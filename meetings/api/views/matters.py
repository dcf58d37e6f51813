"""Matters between levels, read across related areas explicitly."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meetings import selectors, services
from meetings.api import filters, serializers
from meetings.api.views.base import READ_CREATE, MeetingsApiMixin, one, valid
from meetings.models import (
    Matter,
    MatterEvent,
)
from municipalities.models import Area


class MatterViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Saker mellom nivåer with their trail (``events``). Create lifts a matter up;
    ``receive``, ``answer`` and ``return`` are for the receiving group, ``close``
    for the sender."""

    queryset = Matter.objects.none()
    serializer_class = serializers.MatterSerializer
    filterset_class = filters.MatterFilter
    ordering_fields = ["raised_at", "status"]
    http_method_names = READ_CREATE

    def related_area_ids(self) -> list[int]:
        """The caller's areas with their ancestors and descendants (two queries)."""
        mine = self.scope_area_ids
        ids = set(mine)
        for parent, grandparent in Area.objects.filter(pk__in=mine).values_list(
            "parent_id", "parent__parent_id"
        ):
            ids.update(i for i in (parent, grandparent) if i)
        ids.update(
            Area.objects.filter(
                Q(parent_id__in=mine) | Q(parent__parent_id__in=mine)
            ).values_list("pk", flat=True)
        )
        return sorted(ids)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        mine = self.scope_area_ids
        sent = Q(from_group__area_id__in=mine) & self.groups.visible_q("from_group")
        received = Q(to_group__area_id__in=mine) & self.groups.visible_q("to_group")
        events = MatterEvent.objects.with_scopes_disabled().order_by("created_at")
        return (
            Matter.objects.with_scope(area=self.related_area_ids())
            .filter(sent | received)
            .select_related("area")
            .prefetch_related(Prefetch("events", queryset=events))
            .order_by("-raised_at")
        )

    def _acting_for(self, matter: Matter, side: str) -> None:
        group = matter.to_group if side == "receiver" else matter.from_group
        if group is None or group.area_id not in self.scope_area_ids:
            raise exceptions.PermissionDenied()
        self.require_manage(group)

    def _out(self, matter: Matter, status: int = 200) -> Response:
        matter = self.get_queryset().get(pk=matter.pk)
        return Response(serializers.MatterSerializer(matter).data, status=status)

    @extend_schema(
        request=serializers.MatterWriteSerializer,
        responses={201: serializers.MatterCreatedSerializer},
    )
    def create(self, request):
        data = valid(serializers.MatterWriteSerializer, request)
        from_group = self.visible_group(data["from_group"], "from_group")
        to_group = one(
            selectors.matter_lift_targets(groups=[from_group]),
            data["to_group"],
            "to_group",
        )
        parent = None
        if data.get("parent_matter") is not None:
            parent = one(self.get_queryset(), data["parent_matter"], "parent_matter")
        matter, findings = services.matter_escalate(
            from_group=from_group,
            to_group=to_group,
            title=data["title"],
            description=data["description"],
            topics=data["topics"],
            system_level_confirmed=data["system_level_confirmed"],
            parent_matter=parent,
            created_by=request.user,
        )
        matter = self.get_queryset().get(pk=matter.pk)
        return Response(
            {
                "matter": serializers.MatterSerializer(matter).data,
                "warnings": [services.findings_warning(findings)] if findings else [],
            },
            status=201,
        )

    @extend_schema(
        request=serializers.ReceiveSerializer, responses=serializers.MatterSerializer
    )
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        matter = self.get_object()
        self._acting_for(matter, "receiver")
        data = valid(serializers.ReceiveSerializer, request)
        meeting = one(
            selectors.open_meetings_of(group=matter.to_group),
            data.get("meeting"),
            "meeting",
        )
        services.matter_receive(matter=matter, by=request.user, meeting=meeting)
        return self._out(matter)

    @extend_schema(
        request=serializers.AnswerSerializer, responses=serializers.MatterSerializer
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        matter = self.get_object()
        self._acting_for(matter, "receiver")
        data = valid(serializers.AnswerSerializer, request)
        decision = one(
            selectors.decisions_of(group=matter.to_group),
            data.get("decision"),
            "decision",
        )
        services.matter_answer(
            matter=matter, by=request.user, response=data["response"], decision=decision
        )
        return self._out(matter)

    @extend_schema(
        request=serializers.ReasonSerializer, responses=serializers.MatterSerializer
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_sender(self, request, pk=None):
        matter = self.get_object()
        self._acting_for(matter, "receiver")
        data = valid(serializers.ReasonSerializer, request)
        services.matter_return(matter=matter, by=request.user, reason=data["reason"])
        return self._out(matter)

    @extend_schema(
        request=serializers.CloseSerializer, responses=serializers.MatterSerializer
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        matter = self.get_object()
        self._acting_for(matter, "sender")
        data = valid(serializers.CloseSerializer, request)
        services.matter_close(matter=matter, by=request.user, note=data["note"])
        return self._out(matter)
