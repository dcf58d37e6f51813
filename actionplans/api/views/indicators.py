"""Indikatorer og verdier."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from actionplans import policy, services
from actionplans.api import filters, serializers
from actionplans.api.views.base import ScopedViewSet
from actionplans.models import (
    Indicator,
    IndicatorValue,
)

# --- Indicators ---------------------------------------------------------------------


class IndicatorViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Indikatorer (Ungdata, police statistics, FHI …)."""

    queryset = Indicator.objects.none()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    read_roles = policy.INDICATOR_API_READERS
    write_roles = policy.INDICATOR_WRITERS
    ordering_fields = ["name"]

    def base_queryset(self):
        return Indicator.objects.select_related("area").order_by("name")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return serializers.IndicatorUpdateSerializer
        if self.action == "import_values":
            return serializers.CsvImportSerializer
        return serializers.IndicatorSerializer

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        area = data.pop("area")
        self.check_write(area)
        indicator = services.indicator_create(
            area=area, created_by=request.user, **data
        )
        return self.respond(indicator, code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        indicator = self.get_object()
        self.check_write(indicator.area)
        serializer = self.get_serializer(indicator, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.indicator_update(indicator=indicator, **serializer.validated_data)
        return self.respond(indicator, serializers.IndicatorSerializer)

    def perform_destroy(self, instance):
        self.check_write(instance.area)
        services.indicator_delete(indicator=instance)

    @extend_schema(
        request={"multipart/form-data": serializers.CsvImportSerializer},
        responses=serializers.ImportResultSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_values(self, request, pk=None):
        """Importer verdier fra CSV: all rows or none; bad rows are listed."""
        indicator = self.get_object()
        self.check_write(indicator.area)
        serializer = serializers.CsvImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        result = services.indicator_values_import(
            indicator=indicator,
            data=upload.read(services.indicators.MAX_IMPORT_BYTES + 1),
            imported_by=request.user,
        )
        return Response(
            serializers.ImportResultSerializer(
                {"created": result.created, "updated": result.updated}
            ).data
        )


class IndicatorValueViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Verdier per periode. Suppressed small numbers are returned as null."""

    queryset = IndicatorValue.objects.none()
    serializer_class = serializers.IndicatorValueSerializer
    filterset_class = filters.IndicatorValueFilter
    read_roles = policy.INDICATOR_API_READERS
    write_roles = policy.INDICATOR_WRITERS
    ordering_fields = ["period_start"]
    parser_classes = [JSONParser]

    def base_queryset(self):
        return IndicatorValue.objects.order_by("indicator", "period_start")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        indicator = data.pop("indicator")
        self.check_write(indicator.area)
        value, created = services.indicator_value_set(
            indicator=indicator, created_by=request.user, **data
        )
        return self.respond(
            value, code=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    def partial_update(self, request, pk=None):
        value = self.get_object()
        self.check_write(value.area)
        serializer = self.get_serializer(value, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {
            "period_start": value.period_start,
            "period_end": value.period_end,
            "value": value.value,
            "n": value.n,
            "comparison_value": value.comparison_value,
            "note": value.note,
            **serializer.validated_data,
        }
        data.pop("indicator", None)
        services.indicator_value_set(
            indicator=value.indicator, created_by=request.user, instance=value, **data
        )
        return self.respond(value)

    def perform_destroy(self, instance):
        self.check_write(instance.area)
        services.indicator_value_delete(value=instance)
