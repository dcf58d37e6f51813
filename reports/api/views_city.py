"""API for status reports (statusrapport, rapport til politirådet), the city
aggregate (secretariat only, counts only) and the Oslostandard self-assessment."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from municipalities import roles
from municipalities.models import Area
from reports import checklist, city, services
from reports.api import filters
from reports.api.serializers_city import (
    ChecklistItemSerializer,
    PeriodicReportDetailSerializer,
    PeriodicReportSerializer,
    PeriodicReportUpdateSerializer,
    YearQuerySerializer,
)
from reports.models import StatusReport
from reports.oslostandard import BY_CODE
from reports.services import STATUS_KINDS
from reports.status import status_report_view_data
from slt_portal.api.views import AreaScopedMixin


class PeriodicReportViewSet(
    AreaScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Status reports and reports to the politiråd: submitted ones for every role
    of the area, drafts for the coordinator. The coordinator writes them."""

    queryset = StatusReport.objects.none()
    serializer_class = PeriodicReportSerializer
    filterset_class = filters.StatusReportFilter
    read_roles = roles.ALL_ROLES | {roles.SYSTEM_CLIENT}
    write_roles = (roles.COORDINATOR,)
    ordering_fields = ["period_end"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        coordinator_areas = self.access.area_ids_with([roles.COORDINATOR])
        visible = ~Q(status=StatusReport.Status.DRAFT) | Q(
            area_id__in=coordinator_areas
        )
        return self.scoped(
            StatusReport.objects.filter(visible, kind__in=STATUS_KINDS)
            .select_related("area")
            .order_by("-period_end", "-pk")
        )

    def get_serializer_class(self):
        if self.action in ("retrieve", "submit"):
            return PeriodicReportDetailSerializer
        return PeriodicReportSerializer

    def _detail(self, report: StatusReport) -> Response:
        report.figures = status_report_view_data(report=report)
        return Response(
            PeriodicReportDetailSerializer(
                report, context=self.get_serializer_context()
            ).data
        )

    def retrieve(self, request, pk=None):
        return self._detail(self.get_object())

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        area = data.pop("area")
        self.check_write(area)
        report = services.status_report_create(area=area, author=request.user, **data)
        return Response(
            self.get_serializer(report).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=PeriodicReportUpdateSerializer, responses=PeriodicReportSerializer
    )
    def partial_update(self, request, pk=None):
        report = self.get_object()
        self.check_write(report.area)
        serializer = PeriodicReportUpdateSerializer(
            report,
            data=request.data,
            partial=True,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        services.status_report_update(report=report, **serializer.validated_data)
        return Response(
            PeriodicReportSerializer(report, context=self.get_serializer_context()).data
        )

    @extend_schema(request=None, responses=PeriodicReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Lever: the text and the figures are frozen."""
        report = self.get_object()
        self.check_write(report.area)
        services.status_report_submit(report=report, submitted_by=request.user)
        return self._detail(report)


def _year(request) -> int:
    query = YearQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("year") or timezone.localdate().year - 1


def _area_with(view: AreaScopedMixin, slug: str, wanted) -> Area:
    """The area by slug among those where the caller holds one of ``wanted``;
    404 for any other (missing and forbidden look the same)."""
    area = Area.objects.filter(
        slug=slug, pk__in=view.access.area_ids_with(wanted), is_active=True
    ).first()
    if area is None:
        raise Http404
    return area


YEAR_PARAMETER = OpenApiParameter(
    "year", OpenApiTypes.INT, description="Defaults to last year."
)


class CityReportView(AreaScopedMixin, APIView):
    """Byrapport: every district of a parent area side by side (counts only)."""

    read_roles = (roles.SECRETARIAT, roles.COORDINATOR)

    @extend_schema(
        parameters=[YEAR_PARAMETER],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The city aggregate.")
        },
    )
    def get(self, request, area_slug: str):
        area = _area_with(self, area_slug, self.read_roles)
        if not city.is_city(area):
            raise Http404
        return Response(city.city_aggregate_build(parent=area, year=_year(request)))


class ChecklistView(AreaScopedMixin, APIView):
    """Oslostandarden: every recommendation with the area's answer for a year."""

    read_roles = roles.ALL_ROLES

    @extend_schema(responses=ChecklistItemSerializer(many=True))
    def get(self, request, area_slug: str, year: int):
        area = _area_with(self, area_slug, self.read_roles)
        if checklist.checklist_scope(area) is None:
            raise Http404
        rows = checklist.checklist_rows(area=area, year=year)
        return Response(
            ChecklistItemSerializer([_item(r) for r in rows], many=True).data
        )


def _item(row: checklist.ChecklistRow) -> dict:
    return {
        "code": row.code,
        "line": row.recommendation.line,
        "chapter": row.recommendation.chapter,
        "text": row.recommendation.text,
        "evidence": row.evidence,
        "rating": row.assessment.rating if row.assessment else "",
        "comment": row.assessment.comment if row.assessment else "",
    }


class ChecklistItemView(AreaScopedMixin, APIView):
    """Set the area's answer to one recommendation for a year."""

    read_roles = roles.ALL_ROLES

    @extend_schema(request=ChecklistItemSerializer, responses=ChecklistItemSerializer)
    def put(self, request, area_slug: str, year: int, code: str):
        area = _area_with(self, area_slug, self.read_roles)
        scope = checklist.checklist_scope(area)
        if scope is None or code not in BY_CODE or BY_CODE[code].scope != scope:
            raise Http404
        if not self.access.has_role(area, *checklist.editor_roles(scope)):
            raise exceptions.PermissionDenied()
        serializer = ChecklistItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        checklist.checklist_assess(
            area=area,
            year=year,
            code=code,
            user=request.user,
            **serializer.validated_data,
        )
        row = checklist.checklist_row(area=area, year=year, code=code)
        return Response(ChecklistItemSerializer(_item(row)).data)
