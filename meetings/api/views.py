"""The meetings API: the same scoping and role rules as the pages.

Every list is scoped to the caller's areas (django-scopes) and then to the groups the
caller may see: members of a group and the area's coordinator. Writes that run a
group's meetings need the coordinator or the group's secretary; submitting an agenda
item or raising a matter needs membership; a follow-up's owner may update its status.
Matters are read across related areas (a bydel's matter to the city's Politiråd) in
the same explicit way as the pages.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meetings import selectors, services
from meetings.api import filters, serializers
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
)
from meetings.policy import MEETING_ROLES, GroupAccess, group_access_for
from municipalities import selectors as area_selectors
from municipalities.models import Area, Group, GroupMember
from slt_portal.api.views import AreaScopedMixin

READ = ["get", "head", "options"]
READ_CREATE = [*READ, "post"]


class MeetingsApiMixin(AreaScopedMixin):
    read_roles = MEETING_ROLES
    write_roles = MEETING_ROLES
    group_path = "group"

    @property
    def groups(self) -> GroupAccess:
        if not hasattr(self, "_groups"):
            self._groups = group_access_for(access=self.access)
        return self._groups

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(self.base_queryset()).filter(
            self.groups.visible_q(self.group_path)
        )

    def require_manage(self, group: Group) -> None:
        if not self.groups.can_manage(group):
            raise exceptions.PermissionDenied(
                _("Only the coordinator or the group's secretary can do this.")
            )

    def visible_group(self, pk: int | None, field: str = "group") -> Group:
        group = self.scoped(Group.objects.select_related("area")).filter(pk=pk).first()
        if group is None or not self.groups.can_view(group):
            raise exceptions.ValidationError({field: [_("Not found.")]})
        return group

    def meeting(self, pk: int | None, field: str = "meeting") -> Meeting:
        found = (
            self.scoped(Meeting.objects.select_related("group", "area"))
            .filter(self.groups.visible_q("group"), pk=pk)
            .first()
        )
        if found is None:
            raise exceptions.ValidationError({field: [_("Not found.")]})
        return found


def _one(queryset, pk, field: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise exceptions.ValidationError({field: [_("Not found.")]})
    return found


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
        data = _valid(serializers.MeetingWriteSerializer, request)
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
        serializer.is_valid(raise_exception=True)
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
        data = _valid(serializers.SeriesWriteSerializer, request)
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
        data = _valid(serializers.ReasonSerializer, request)
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
        data = _valid(serializers.MinutesWriteSerializer, request)
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
        data = _valid(serializers.AgendaItemWriteSerializer, request)
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
        data = _valid(serializers.ScreenSerializer, request)
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
        data = _valid(serializers.AttendanceWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        member = _one(
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
        data = _valid(serializers.DecisionWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        item = _one(meeting.agenda_items.all(), data.get("agenda_item"), "agenda_item")
        target = _one(
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
        data = _valid(serializers.FollowUpWriteSerializer, request)
        meeting = self.meeting(data["meeting"])
        self.require_manage(meeting.group)
        owner = _one(
            selectors.member_users(group=meeting.group), data.get("owner"), "owner"
        )
        agency = _one(
            area_selectors.agency_list(area=meeting.area),
            data.get("owner_agency"),
            "owner_agency",
        )
        decision = _one(meeting.decisions.all(), data.get("decision"), "decision")
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
        data = _valid(serializers.FollowUpStatusSerializer, request)
        follow_up = services.follow_up_set_status(
            follow_up=follow_up, by=request.user, **data
        )
        return Response(serializers.FollowUpSerializer(follow_up).data)


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
        data = _valid(serializers.MatterWriteSerializer, request)
        from_group = self.visible_group(data["from_group"], "from_group")
        to_group = _one(
            selectors.matter_lift_targets(groups=[from_group]),
            data["to_group"],
            "to_group",
        )
        parent = None
        if data.get("parent_matter") is not None:
            parent = _one(self.get_queryset(), data["parent_matter"], "parent_matter")
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
        data = _valid(serializers.ReceiveSerializer, request)
        meeting = _one(
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
        data = _valid(serializers.AnswerSerializer, request)
        decision = _one(
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
        data = _valid(serializers.ReasonSerializer, request)
        services.matter_return(matter=matter, by=request.user, reason=data["reason"])
        return self._out(matter)

    @extend_schema(
        request=serializers.CloseSerializer, responses=serializers.MatterSerializer
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        matter = self.get_object()
        self._acting_for(matter, "sender")
        data = _valid(serializers.CloseSerializer, request)
        services.matter_close(matter=matter, by=request.user, note=data["note"])
        return self._out(matter)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
