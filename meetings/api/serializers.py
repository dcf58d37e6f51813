"""Serializers for meetings, agendas, attendance, decisions, follow-ups and matters.

Read serializers describe rows; write serializers only parse input, which the views
hand to ``meetings.services`` (the rules live there, not here).
"""

from __future__ import annotations

from rest_framework import serializers

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
)
from meetings.recurrence import Frequency
from municipalities.models import Group, Topic

AREA = {"slug_field": "slug", "read_only": True}


class MeetingSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)
    group_name = serializers.CharField(source="group.name", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "area",
            "group",
            "group_name",
            "series",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "video_link",
            "purpose",
            "status",
            "invited_at",
            "minutes",
            "minutes_approved_at",
            "minutes_sent_at",
            "cancelled_reason",
            "sequence",
        ]
        read_only_fields = fields


class MeetingWriteSerializer(serializers.Serializer):
    group = serializers.IntegerField(help_text="Group id (when creating).")
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    video_link = serializers.URLField(required=False, allow_blank=True, default="")
    purpose = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingUpdateSerializer(MeetingWriteSerializer):
    group = None


class SeriesWriteSerializer(serializers.Serializer):
    group = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    first_starts_at = serializers.DateTimeField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    until = serializers.DateField()
    duration_minutes = serializers.IntegerField(default=120)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    video_link = serializers.URLField(required=False, allow_blank=True, default="")
    purpose = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class MinutesWriteSerializer(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)


class ApprovalResultSerializer(serializers.Serializer):
    meeting = MeetingSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class AgendaItemSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "area",
            "group",
            "meeting",
            "title",
            "description",
            "kind",
            "topics",
            "is_standing",
            "order",
            "submitted_by",
            "submitted_by_agency",
            "submitted_at",
            "status",
            "screened_at",
            "screening_note",
            "confidentiality",
            "matter",
            "notes",
        ]
        read_only_fields = fields


class AgendaItemWriteSerializer(serializers.Serializer):
    group = serializers.IntegerField()
    meeting = serializers.IntegerField(required=False, allow_null=True)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(
        choices=AgendaItem.Kind.choices, default=AgendaItem.Kind.DISCUSSION
    )
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices), default=list
    )
    confidentiality = serializers.ChoiceField(
        choices=Group.ConfidentialityMode.choices, required=False
    )


class AgendaItemCreatedSerializer(serializers.Serializer):
    item = AgendaItemSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class ScreenSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[
            AgendaItem.Status.ACCEPTED,
            AgendaItem.Status.DEFERRED,
            AgendaItem.Status.RETURNED,
        ]
    )
    meeting = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AttendanceSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "area",
            "meeting",
            "group_member",
            "guest_name",
            "agency",
            "status",
            "substitute_name",
        ]
        read_only_fields = fields


class AttendanceWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    group_member = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    substitute_name = serializers.CharField(
        required=False, allow_blank=True, default=""
    )


class DecisionSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)
    group = serializers.IntegerField(source="meeting.group_id", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "area",
            "meeting",
            "group",
            "agenda_item",
            "text",
            "kind",
            "decided_at",
        ]
        read_only_fields = fields


class DecisionWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=[Decision.Kind.RESOLUTION, Decision.Kind.ORDER],
        default=Decision.Kind.RESOLUTION,
    )
    agenda_item = serializers.IntegerField(required=False, allow_null=True)
    order_to_group = serializers.IntegerField(required=False, allow_null=True)
    order_due_date = serializers.DateField(required=False, allow_null=True)


class FollowUpSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)
    group = serializers.IntegerField(source="meeting.group_id", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "area",
            "meeting",
            "group",
            "decision",
            "title",
            "description",
            "owner",
            "owner_agency",
            "due_date",
            "status",
            "is_overdue",
            "completed_at",
            "completion_note",
        ]
        read_only_fields = fields


class FollowUpWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.IntegerField(
        required=False, allow_null=True, help_text="User id of the person responsible."
    )
    owner_agency = serializers.IntegerField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    decision = serializers.IntegerField(required=False, allow_null=True)


class FollowUpStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=FollowUp.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MatterEventSerializer(serializers.ModelSerializer):
    group_name = serializers.CharField(source="group.name", default="", read_only=True)

    class Meta:
        model = MatterEvent
        fields = ["id", "from_status", "to_status", "group", "group_name", "note"]
        fields += ["created_at"]
        read_only_fields = fields


class MatterSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(**AREA)
    events = MatterEventSerializer(many=True, read_only=True)

    class Meta:
        model = Matter
        fields = [
            "id",
            "area",
            "kind",
            "title",
            "description",
            "topics",
            "from_group",
            "to_group",
            "to_external",
            "parent_matter",
            "origin_decision",
            "status",
            "raised_at",
            "due_date",
            "response",
            "responded_at",
            "response_decision",
            "returned_reason",
            "closed_at",
            "events",
        ]
        read_only_fields = fields


class MatterWriteSerializer(serializers.Serializer):
    from_group = serializers.IntegerField()
    to_group = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices), default=list
    )
    system_level_confirmed = serializers.BooleanField(default=False)
    parent_matter = serializers.IntegerField(required=False, allow_null=True)


class MatterCreatedSerializer(serializers.Serializer):
    matter = MatterSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class ReceiveSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, allow_null=True)


class AnswerSerializer(serializers.Serializer):
    response = serializers.CharField()
    decision = serializers.IntegerField(required=False, allow_null=True)


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
