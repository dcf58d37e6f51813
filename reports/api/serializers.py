from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actionplans.api.serializers import AgencyField, AreaSlugField
from municipalities.models import Topic
from reports.models import AnnualReport, StatusReport
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


class AnnualReportSerializer(serializers.ModelSerializer):
    """Årsrapport: metadata, and where to download the PDF when it is ready."""

    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    approved_by_group = serializers.CharField(
        source="approved_by_group.name", read_only=True, default=None
    )
    corrects = serializers.PrimaryKeyRelatedField(read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "area",
            "year",
            "version",
            "corrects",
            "status",
            "approved_by_group",
            "approved_at",
            "submitted_at",
            "snapshot_taken_at",
            "pdf_status",
            "pdf_sha256",
            "pdf_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, report: AnnualReport) -> str | None:
        if report.pdf_status != AnnualReport.PdfStatus.READY:
            return None
        path = reverse("annual-report-pdf", kwargs={"pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
