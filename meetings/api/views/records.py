"""Decisions and follow-ups."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meetings import selectors, services
from meetings.api import filters, serializers
from meetings.api.views.base import READ_CREATE, MeetingsApiMixin, one, valid
from meetings.models import (
    Decision,
    FollowUp,
)
from municipalities import selectors as area_selectors


class DecisionViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Vedtak. An ``order`` also sends a matter down to ``order_to_group``."""

    queryset = Decision.objects.none()
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter
    group_path = "meeting__group"
    ordering_fields = ["decided_at"]
    http_method_names = READ_CREATE

    def base_queryset(self):
        return Decision.objects.select_related("area", "meeting").order_by(
            "-decided_at", "pk"
        )

    @extend_schema(
        request=serializers.DecisionWriteSerializer,
        responses={201: serializers.DecisionSerializer},
    )
    def create(self, request):
        data = valid(serializers.DecisionWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        item = one(meeting.agenda_items.all(), data.get("agenda_item"), "agenda_item")
        target = one(
            selectors.matter_order_targets(group=meeting.group),
            data.get("order_to_group"),
            "order_to_group",
        )
        decision = services.decision_create(
            meeting=meeting,
            text=data["text"],
            kind=data["kind"],
            agenda_item=item,
            order_to_group=target,
            order_due_date=data.get("order_due_date"),
            created_by=request.user,
        )
        return Response(serializers.DecisionSerializer(decision).data, status=201)


class FollowUpViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Oppfølgingspunkter with owner, due date and status; ``?overdue=true``."""

    queryset = FollowUp.objects.none()
    serializer_class = serializers.FollowUpSerializer
    filterset_class = filters.FollowUpFilter
    group_path = "meeting__group"
    ordering_fields = ["due_date", "status"]
    http_method_names = READ_CREATE

    def base_queryset(self):
        return FollowUp.objects.select_related("area", "meeting").order_by(
            "due_date", "pk"
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        # A follow-up's owner sees it even without membership of the group.
        return self.scoped(self.base_queryset()).filter(
            Q(owner_id=self.access.user_id) | self.groups.visible_q(self.group_path)
        )

    @extend_schema(
        request=serializers.FollowUpWriteSerializer,
        responses={201: serializers.FollowUpSerializer},
    )
    def create(self, request):
        data = valid(serializers.FollowUpWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        owner = one(
            selectors.member_users(group=meeting.group), data.get("owner"), "owner"
        )
        agency = one(
            area_selectors.agency_list(area=meeting.area),
            data.get("owner_agency"),
            "owner_agency",
        )
        decision = one(meeting.decisions.all(), data.get("decision"), "decision")
        follow_up = services.follow_up_create(
            meeting=meeting,
            title=data["title"],
            description=data["description"],
            owner=owner,
            owner_agency=agency,
            due_date=data.get("due_date"),
            decision=decision,
            created_by=request.user,
        )
        return Response(serializers.FollowUpSerializer(follow_up).data, status=201)

    @extend_schema(
        request=serializers.FollowUpStatusSerializer,
        responses=serializers.FollowUpSerializer,
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        """The owner or the group's coordinator updates the status."""
        follow_up = self.get_object()
        if follow_up.owner_id != request.user.pk:
            self.require_manage(follow_up.meeting.group)
        data = valid(serializers.FollowUpStatusSerializer, request)
        follow_up = services.follow_up_set_status(
            follow_up=follow_up, by=request.user, **data
        )
        return Response(serializers.FollowUpSerializer(follow_up).data)
