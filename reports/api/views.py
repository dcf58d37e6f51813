"""API for the problem picture (utfordringsbilde, police tertial reports, mappings)
and the annual reports (årsrapporter) with their PDFs."""

from django.db.models import Q
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from actionplans import policy
from municipalities import roles
from reports import services
from reports.annual import selectors as annual_selectors
from reports.api import filters, serializers
from reports.models import (
    AnnualReport,
    StatusReport,
)
from reports.selectors import PROBLEM_PICTURE_KINDS
from slt_portal.api.views import AreaScopedMixin


class StatusReportViewSet(
    AreaScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Problem-picture reports: submitted ones, plus drafts of one's own (all drafts
    for the coordinator). The police write theirs; the coordinator writes all."""

    queryset = StatusReport.objects.none()
    serializer_class = serializers.StatusReportSerializer
    filterset_class = filters.StatusReportFilter
    read_roles = policy.PICTURE_READERS | {roles.SYSTEM_CLIENT}
    write_roles = policy.PICTURE_WRITERS
    ordering_fields = ["period_end"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        coordinator_areas = self.access.area_ids_with([roles.COORDINATOR])
        visible = (
            ~Q(status=StatusReport.Status.DRAFT)
            | Q(author=self.request.user)
            | Q(area_id__in=coordinator_areas)
        )
        return self.scoped(
            StatusReport.objects.filter(visible, kind__in=PROBLEM_PICTURE_KINDS)
            .select_related("area")
            .order_by("-period_end", "-pk")
        )

    def _require_kind(self, area, kind) -> None:
        if kind not in policy.picture_kinds_for(self.access.roles(area)):
            raise exceptions.PermissionDenied()

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        area = data.pop("area")
        self._require_kind(area, data["kind"])
        report = services.status_report_create(area=area, author=request.user, **data)
        return Response(
            self.get_serializer(report).data, status=status.HTTP_201_CREATED
        )

    def _require_editor(self, report):
        self._require_kind(report.area, report.kind)
        area_roles = self.access.roles(report.area)
        if report.author_id != self.request.user.pk and roles.COORDINATOR not in (
            area_roles
        ):
            raise exceptions.PermissionDenied()

    def partial_update(self, request, pk=None):
        report = self.get_object()
        self._require_editor(report)
        serializer = serializers.StatusReportUpdateSerializer(
            report,
            data=request.data,
            partial=True,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        if "kind" in serializer.validated_data:
            self._require_kind(report.area, serializer.validated_data["kind"])
        services.status_report_update(report=report, **serializer.validated_data)
        return Response(self.get_serializer(report).data)

    @extend_schema(request=None, responses=serializers.StatusReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Lever: the report is frozen."""
        report = self.get_object()
        self._require_editor(report)
        services.status_report_submit(report=report, submitted_by=request.user)
        return Response(self.get_serializer(report).data)


class PDFRenderer(BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; the view streams the file."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


class AnnualReportViewSet(AreaScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Årsrapporter: approved and submitted ones for every area role and API key;
    drafts only for the area's coordinator, and a report in review also for the
    steering-group members asked to review it."""

    queryset = AnnualReport.objects.none()
    serializer_class = serializers.AnnualReportSerializer
    filterset_class = filters.AnnualReportFilter
    read_roles = roles.ALL_ROLES | {roles.SYSTEM_CLIENT}
    ordering_fields = ["year", "approved_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        visible = annual_selectors.visible_in_areas(
            user_id=self.request.user.pk,
            coordinator_area_ids=self.access.area_ids_with([roles.COORDINATOR]),
        )
        return self.scoped(
            AnnualReport.objects.filter(visible)
            .select_related("area", "approved_by_group")
            .order_by("-year", "-version", "area__name")
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            404: OpenApiResponse(description="No such report, or no PDF yet."),
        }
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer])
    def pdf(self, request, pk=None):
        """The report's PDF, once it is made."""
        report = self.get_object()
        if report.pdf_status != AnnualReport.PdfStatus.READY or not report.pdf:
            raise Http404
        return FileResponse(
            report.pdf.open("rb"),
            as_attachment=True,
            filename=f"arsrapport-{report.area.slug}-{report.year}"
            f"-v{report.version}.pdf",
            content_type="application/pdf",
        )
