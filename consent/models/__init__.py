"""Samtykke og lovlig informasjonsdeling: pseudonymised young people, their guardians,
consents, every disclosure with its legal basis, and the append-only access log.

No model here is tracked by pghistory on purpose: its event tables would copy the
free text about a young person outside tenant scoping and past erasure. The AccessLog
(names of changed fields, never values) is the audit trail of this app.
"""

from consent.models.access_log import AccessLog
from consent.models.common import category_labels, is_possibly_minor
from consent.models.consents import Consent, ConsentGuardian
from consent.models.disclosures import Disclosure
from consent.models.subjects import Guardian, Subject, SubjectUserObjectPermission
from consent.models.tasks import ConsentTask

__all__ = [
    "AccessLog",
    "Consent",
    "ConsentGuardian",
    "ConsentTask",
    "Disclosure",
    "Guardian",
    "Subject",
    "SubjectUserObjectPermission",
    "category_labels",
    "is_possibly_minor",
]
