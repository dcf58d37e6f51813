from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from municipalities import roles, selectors
from municipalities.api import filters, serializers
from municipalities.models import Agency, Area, Membership
from slt_portal.api.views import AreaScopedReadOnlyViewSet
from slt_portal.tenancy import access_for_request


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Områder the caller has a role in."""

    queryset = Area.objects.none()
    serializer_class = serializers.AreaSerializer
    filterset_class = filters.AreaFilter
    ordering_fields = ["name", "kind"]
    lookup_field = "slug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        access = access_for_request(self.request)
        if not access.area_ids:
            raise exceptions.PermissionDenied()
        return (
            Area.objects.filter(pk__in=access.area_ids, is_active=True)
            .select_related("parent", "police_district")
            .order_by("name")
        )


class AgencyViewSet(AreaScopedReadOnlyViewSet):
    """Etater og tjenester."""

    queryset = Agency.objects.none()
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter
    read_roles = roles.ORGANISATION_READERS
    ordering_fields = ["name", "kind"]

    def base_queryset(self):
        return Agency.objects.select_related("area").order_by("name")


class MembershipViewSet(AreaScopedReadOnlyViewSet):
    """Roller: who holds which role in which area (active today)."""

    queryset = Membership.objects.none()
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    read_roles = roles.WORKING_ROLES | {roles.SECRETARIAT}
    ordering_fields = ["start_date", "role"]

    def base_queryset(self):
        return (
            Membership.objects.active_on(timezone.localdate())
            .select_related("area", "user", "agency")
            .order_by("area__name", "user__full_name", "role")
        )


class MeView(APIView):
    """Den innloggede brukeren (or the API key's service account) and its areas."""

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        access = access_for_request(request)
        user = request.user
        areas = selectors.areas_for_access(access=access).order_by("name")
        data = {
            "id": user.pk,
            "full_name": user.full_name,
            "email": user.email,
            "is_api_key": access.is_api_key,
            "language": user.language,
            "areas": [
                {"slug": a.slug, "name": a.name, "roles": sorted(access.roles(a))}
                for a in areas
            ],
        }
        return Response(serializers.MeSerializer(data).data)
