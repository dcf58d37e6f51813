import django_filters

from municipalities.models import Agency, Area, Group, GroupMember, Membership
from slt_portal.api.filters import TenantFilterSet


class AreaFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__slug")

    class Meta:
        model = Area
        fields = ["kind", "parent"]


class AgencyFilter(TenantFilterSet):
    class Meta:
        model = Agency
        fields = ["area", "kind", "sector", "is_external_partner"]


class MembershipFilter(TenantFilterSet):
    class Meta:
        model = Membership
        fields = ["area", "role"]


class GroupFilter(TenantFilterSet):
    active = django_filters.BooleanFilter(
        field_name="dissolved_on", lookup_expr="isnull", label="active (not dissolved)"
    )

    class Meta:
        model = Group
        fields = ["area", "level", "kind", "confidentiality_mode"]


class GroupMemberFilter(TenantFilterSet):
    current = django_filters.BooleanFilter(
        field_name="end_date", lookup_expr="isnull", label="current (not ended)"
    )

    class Meta:
        model = GroupMember
        fields = ["area", "group", "role", "user"]
