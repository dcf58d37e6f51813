from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from municipalities import roles, selectors, services
from municipalities.api import filters, serializers
from municipalities.models import Agency, Area, Group, GroupMember, Membership
from slt_portal.api.views import AreaScopedMixin, AreaScopedReadOnlyViewSet
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
        areas = access.areas
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


def _area_for_write(view, slug: str | None):
    """The area named in a create request, if the caller may write there."""
    area = selectors.area_get_by_slug(slug=slug) if slug else None
    if area is None or not view.access.has_area(area):
        raise exceptions.ValidationError({"area": [_("Unknown area.")]})
    view.check_write(area)
    return area


def _pick(queryset, pk, field: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise exceptions.ValidationError({field: [_("Not found here.")]})
    return found


class GroupViewSet(
    AreaScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organer: the area's styringsgruppe, koordineringsgruppe and operational
    groups. The coordinator creates and changes them."""

    queryset = Group.objects.none()
    filterset_class = filters.GroupFilter
    read_roles = roles.ORGANISATION_READERS
    write_roles = {roles.COORDINATOR}
    ordering_fields = ["name", "level"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(
            Group.objects.select_related("area")
            .prefetch_related("covered_areas")
            .order_by("area__name", "level", "name")
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return serializers.GroupWriteSerializer
        return serializers.GroupSerializer

    def _fields(self, data: dict, area) -> dict:
        parents = selectors.group_parent_choices(area=area)
        fields = {k: v for k, v in data.items() if k in services.GROUP_FIELDS}
        for name in ("reports_to", "anchored_in"):
            if name in data:
                fields[name] = _pick(parents, data[name], name)
        return fields

    @extend_schema(responses=serializers.GroupSerializer)
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        area = _area_for_write(self, serializer.validated_data.get("area"))
        group = services.group_create(
            area=area,
            created_by=request.user,
            **self._fields(serializer.validated_data, area),
        )
        return Response(serializers.GroupSerializer(group).data, status=201)

    @extend_schema(responses=serializers.GroupSerializer)
    def partial_update(self, request, *args, **kwargs):
        group = self.get_object()
        self.check_write(group.area)
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        group = services.group_update(
            group=group,
            updated_by=request.user,
            **self._fields(serializer.validated_data, group.area),
        )
        return Response(serializers.GroupSerializer(group).data)


class GroupMemberViewSet(
    AreaScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Medlemmer i organer, with history (ended rows are kept)."""

    queryset = GroupMember.objects.none()
    filterset_class = filters.GroupMemberFilter
    read_roles = roles.WORKING_ROLES | {roles.SECRETARIAT}
    write_roles = {roles.COORDINATOR}
    ordering_fields = ["start_date", "role"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(
            GroupMember.objects.select_related("area", "user", "agency").order_by(
                "group_id", "end_date", "role", "user__full_name"
            )
        )

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.GroupMemberWriteSerializer
        if self.action == "end":
            return serializers.GroupMemberEndSerializer
        return serializers.GroupMemberSerializer

    @extend_schema(responses=serializers.GroupMemberSerializer)
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        group = _pick(self.scoped(Group.objects.all()), data["group"], "group")
        self.check_write(group.area)
        agency = _pick(selectors.agency_list(area=group.area), data["agency"], "agency")
        fields = {
            "agency": agency,
            "role": data["role"],
            "position_title": data["position_title"],
            "start_date": data.get("start_date"),
            "created_by": request.user,
        }
        if data.get("user"):
            user = _pick(
                selectors.people_for_groups(area=group.area), data["user"], "user"
            )
            member = services.group_member_add(group=group, user=user, **fields)
        else:
            member = services.group_member_add_person(
                group=group, email=data["email"], full_name=data["full_name"], **fields
            )
        return Response(serializers.GroupMemberSerializer(member).data, status=201)

    @extend_schema(responses=serializers.GroupMemberSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Avslutt medlemskap (the row stays as history)."""
        member = self.get_object()
        self.check_write(member.area)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.group_member_end(
            member=member, end_date=serializer.validated_data.get("end_date")
        )
        return Response(serializers.GroupMemberSerializer(member).data)
