"""Serializers for status reports, the city aggregate and the Oslostandard."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from actionplans.api.serializers import AreaSlugField, ScopedRelatedField
from municipalities.models import Group
from reports.checklist import year_choices
from reports.models import ChecklistAssessment, StatusReport
from reports.services import STATUS_KIND_CHOICES


class PeriodicReportSerializer(serializers.ModelSerializer):
    """Statusrapport or rapport til politirådet."""

    area = AreaSlugField()
    author = serializers.PrimaryKeyRelatedField(read_only=True)
    to_group = ScopedRelatedField(model=Group, required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=STATUS_KIND_CHOICES)

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "area",
            "kind",
            "title",
            "period_start",
            "period_end",
            "body",
            "author",
            "to_group",
            "status",
            "submitted_at",
        ]
        read_only_fields = ["status", "submitted_at"]

    def validate(self, attrs):
        area = attrs.get("area") or getattr(self.instance, "area", None)
        group = attrs.get("to_group")
        if group is not None and area is not None and group.area_id != area.pk:
            raise serializers.ValidationError(
                {"to_group": _("Pick a group of the report's area.")}
            )
        return attrs


class PeriodicReportUpdateSerializer(PeriodicReportSerializer):
    class Meta(PeriodicReportSerializer.Meta):
        read_only_fields = [*PeriodicReportSerializer.Meta.read_only_fields, "area"]


class PeriodicReportDetailSerializer(PeriodicReportSerializer):
    """With the figures: frozen once submitted, live while a draft."""

    figures = serializers.JSONField(read_only=True)

    class Meta(PeriodicReportSerializer.Meta):
        fields = [*PeriodicReportSerializer.Meta.fields, "figures"]


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False)

    def validate_year(self, year: int) -> int:
        if year not in year_choices():
            raise serializers.ValidationError(_("Pick one of the last five years."))
        return year


class ChecklistItemSerializer(serializers.Serializer):
    """One recommendation with the area's answer for the year."""

    code = serializers.CharField(read_only=True)
    line = serializers.IntegerField(read_only=True)
    chapter = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    evidence = serializers.CharField(read_only=True)
    rating = serializers.ChoiceField(choices=ChecklistAssessment.Rating.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)
