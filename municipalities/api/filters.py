import django_filters

from municipalities.models import Agency, Area, Membership
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
