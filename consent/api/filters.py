from consent.models import Consent, Disclosure, Subject
from slt_portal.api.filters import TenantFilterSet


class SubjectFilter(TenantFilterSet):
    class Meta:
        model = Subject
        fields = ["area", "status"]


class ConsentFilter(TenantFilterSet):
    class Meta:
        model = Consent
        fields = ["area", "status", "subject", "form"]


class DisclosureFilter(TenantFilterSet):
    class Meta:
        model = Disclosure
        fields = ["area", "legal_basis", "status", "subject"]
