"""Meetings, their agenda items and attendance."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meetings import selectors, services
from meetings.api import filters, serializers
from meetings.api.views.base import READ_CREATE, MeetingsApiMixin, one, valid
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
)
from municipalities.models import GroupMember


class MeetingViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Møter. Create, change, invite, mark as held, cancel, write and approve
    minutes; ``series`` plans a recurring series in Europe/Oslo wall time."""

    queryset = Meeting.objects.none()
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter
    ordering_fields = ["starts_at", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        return Meeting.objects.select_related("area", "group").order_by("-starts_at")

    def _out(self, meeting: Meeting, status: int = 200) -> Response:
        meeting.refresh_from_db()
        return Response(serializers.MeetingSerializer(meeting).data, status=status)

    @extend_schema(
        request=serializers.MeetingWriteSerializer,
        responses={201: serializers.MeetingSerializer},
    )
    def create(self, request):
        data = valid(serializers.MeetingWriteSerializer, request)
        group = self.visible_group(data.pop("group"))
        self.require_manage(group)
        meeting = services.meeting_create(group=group, created_by=request.user, **data)
        return self._out(meeting, 201)

    @extend_schema(
        request=serializers.MeetingUpdateSerializer,
        responses=serializers.MeetingSerializer,
    )
    def partial_update(self, request, pk=None):
        meeting = self.get_object()
        self.require_manage(meeting.group)
        current = {
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "location": meeting.location,
            "video_link": meeting.video_link,
            "purpose": meeting.purpose,
        }
        serializer = serializers.MeetingUpdateSerializer(
            data={**current, **request.data}
        )
        serializer.isvalid(raise_exception=True)
        services.meeting_update(
            meeting=meeting, by=request.user, **serializer.validated_data
        )
        return self._out(meeting)

    @extend_schema(
        request=serializers.SeriesWriteSerializer,
        responses={201: serializers.MeetingSerializer(many=True)},
    )
    @action(detail=False, methods=["post"])
    def series(self, request):
        """Plan a recurring series: one planned meeting per occurrence."""
        data = valid(serializers.SeriesWriteSerializer, request)
        group = self.visible_group(data.pop("group"))
        self.require_manage(group)
        series = services.series_create(group=group, created_by=request.user, **data)
        meetings = series.meetings.select_related("area", "group").order_by("starts_at")
        return Response(
            serializers.MeetingSerializer(meetings, many=True).data, status=201
        )

    def _act(self, pk, run) -> Response:
        meeting = self.get_object()
        self.require_manage(meeting.group)
        run(meeting)
        return self._out(meeting)

    @extend_schema(request=None, responses=serializers.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Send the notice with the agenda (rules M3, M4)."""
        return self._act(
            pk, lambda m: services.meeting_invite(meeting=m, by=request.user)
        )

    @extend_schema(request=None, responses=serializers.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        return self._act(
            pk, lambda m: services.meeting_mark_held(meeting=m, by=request.user)
        )

    @extend_schema(
        request=serializers.ReasonSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = valid(serializers.ReasonSerializer, request)
        return self._act(
            pk,
            lambda m: services.meeting_cancel(
                meeting=m, by=request.user, reason=data["reason"]
            ),
        )

    @extend_schema(
        request=serializers.MinutesWriteSerializer,
        responses=serializers.MeetingSerializer,
    )
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        """Write the minutes (refused once they are approved and locked)."""
        data = valid(serializers.MinutesWriteSerializer, request)
        return self._act(
            pk,
            lambda m: services.minutes_save(
                meeting=m, by=request.user, minutes=data["minutes"]
            ),
        )

    @extend_schema(request=None, responses=serializers.ApprovalResultSerializer)
    @action(detail=True, methods=["post"], url_path="approve-minutes")
    def approve_minutes(self, request, pk=None):
        """Approve, lock and send the minutes; warnings do not stop it (M6)."""
        meeting = self.get_object()
        self.require_manage(meeting.group)
        warnings = services.minutes_approve(meeting=meeting, by=request.user)
        meeting.refresh_from_db()
        return Response(
            {
                "meeting": serializers.MeetingSerializer(meeting).data,
                "warnings": [str(w) for w in warnings],
            }
        )


class AgendaItemViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Saker til dagsorden: any member submits; the coordinator screens."""

    queryset = AgendaItem.objects.none()
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter
    ordering_fields = ["submitted_at", "order"]
    http_method_names = READ_CREATE

    def base_queryset(self):
        return AgendaItem.objects.select_related("area").order_by(
            "group_id", "meeting_id", "order", "submitted_at"
        )

    @extend_schema(
        request=serializers.AgendaItemWriteSerializer,
        responses={201: serializers.AgendaItemCreatedSerializer},
    )
    def create(self, request):
        data = valid(serializers.AgendaItemWriteSerializer, request)
        group = self.visible_group(data.pop("group"))
        meeting = None
        if data.get("meeting") is not None:
            meeting = self.meeting(data["meeting"])
        data.pop("meeting", None)
        item, findings = services.agenda_item_submit(
            group=group,
            meeting=meeting,
            submitted_by=request.user,
            submitted_by_agency=selectors.agency_of(group=group, user=request.user),
            accept_now=self.groups.can_manage(group),
            **data,
        )
        warnings = [services.findings_warning(findings)] if findings else []
        return Response(
            {
                "item": serializers.AgendaItemSerializer(item).data,
                "warnings": warnings,
            },
            status=201,
        )

    @extend_schema(
        request=serializers.ScreenSerializer,
        responses=serializers.AgendaItemSerializer,
    )
    @action(detail=True, methods=["post"])
    def screen(self, request, pk=None):
        """Accept onto a meeting, defer, or return with a reason (rule M5)."""
        item = self.get_object()
        self.require_manage(item.group)
        data = valid(serializers.ScreenSerializer, request)
        meeting = None
        if data.get("meeting") is not None:
            meeting = self.meeting(data["meeting"])
        item = services.agenda_item_screen(
            item=item,
            decision=data["decision"],
            note=data["note"],
            meeting=meeting,
            by=request.user,
        )
        return Response(serializers.AgendaItemSerializer(item).data)


class AttendanceViewSet(
    MeetingsApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Oppmøte. POST records (or changes) one member's attendance."""

    queryset = Attendance.objects.none()
    serializer_class = serializers.AttendanceSerializer
    filterset_class = filters.AttendanceFilter
    group_path = "meeting__group"
    http_method_names = READ_CREATE

    def base_queryset(self):
        return Attendance.objects.select_related("area").order_by("meeting_id", "pk")

    @extend_schema(
        request=serializers.AttendanceWriteSerializer,
        responses={201: serializers.AttendanceSerializer},
    )
    def create(self, request):
        data = valid(serializers.AttendanceWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        member = one(
            GroupMember.objects.filter(group=meeting.group).select_related("user"),
            data["group_member"],
            "group_member",
        )
        services.attendance_record(
            meeting=meeting,
            by=request.user,
            entries=[
                services.AttendanceEntry(
                    member, data["status"], data["substitute_name"]
                )
            ],
        )
        row = meeting.attendances.select_related("area").get(group_member=member)
        return Response(serializers.AttendanceSerializer(row).data, status=201)
