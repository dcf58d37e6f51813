from django.utils.translation import gettext as _
from rest_framework import serializers

from actionplans.api.serializers import AgencyField, AreaSlugField
from municipalities.models import Topic
from reports.models import StatusReport
from reports.selectors import PROBLEM_PICTURE_KINDS


class StatusReportSerializer(serializers.ModelSerializer):
    """Utfordringsbilde, police tertial report or mapping report."""

    area = AreaSlugField()
    author = serializers.PrimaryKeyRelatedField(read_only=True)
    author_agency = AgencyField(required=False, allow_null=True)
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Topic.choices), required=False
    )

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
            "author_agency",
            "categories",
            "status",
            "submitted_at",
        ]
        read_only_fields = ["status", "submitted_at"]

    def validate_kind(self, kind: str) -> str:
        if kind not in PROBLEM_PICTURE_KINDS:
            raise serializers.ValidationError(
                _("Only the problem picture, police tertial reports and mappings.")
            )
        return kind


class StatusReportUpdateSerializer(StatusReportSerializer):
    class Meta(StatusReportSerializer.Meta):
        read_only_fields = [*StatusReportSerializer.Meta.read_only_fields, "area"]
