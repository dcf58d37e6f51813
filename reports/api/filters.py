from reports.models import AnnualReport, StatusReport
from slt_portal.api.filters import TenantFilterSet


class StatusReportFilter(TenantFilterSet):
    class Meta:
        model = StatusReport
        fields = ["area", "kind", "status"]


class AnnualReportFilter(TenantFilterSet):
    class Meta:
        model = AnnualReport
        fields = ["area", "year", "status"]
