from reports.models import StatusReport
from slt_portal.api.filters import TenantFilterSet


class StatusReportFilter(TenantFilterSet):
    class Meta:
        model = StatusReport
        fields = ["area", "kind", "status"]
