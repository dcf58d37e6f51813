"""Writes of the consent app. Each service is atomic, checks the rules (domain.md
C1–C14) and writes the access log in the same transaction."""

from consent.services.consents import (
    ConsentResult,
    GuardianConsentInput,
    consent_create,
    consent_guardian_add,
    consent_record_written,
    consents_expire,
    latest_valid_until,
)
from consent.services.disclosures import (
    NeedsConfirmation,
    disclosure_approve,
    disclosure_cancel,
    disclosure_create,
    disclosure_mark_disclosed,
)
from consent.services.followups import (
    consent_daily_run,
    consent_task_complete,
    subjects_erase_due,
    subjects_flag_without_basis,
)
from consent.services.subjects import (
    guardian_create,
    new_pseudonym,
    subject_access_grant,
    subject_access_revoke,
    subject_close,
    subject_create,
    subject_erase,
)
from consent.services.withdrawal import (
    consent_withdraw,
    withdrawal_parties,
    withdrawal_recipients,
)

__all__ = [
    "ConsentResult",
    "GuardianConsentInput",
    "NeedsConfirmation",
    "consent_create",
    "consent_daily_run",
    "consent_guardian_add",
    "consent_record_written",
    "consent_task_complete",
    "consent_withdraw",
    "consents_expire",
    "disclosure_approve",
    "disclosure_cancel",
    "disclosure_create",
    "disclosure_mark_disclosed",
    "guardian_create",
    "latest_valid_until",
    "new_pseudonym",
    "subject_access_grant",
    "subject_access_revoke",
    "subject_close",
    "subject_create",
    "subject_erase",
    "subjects_erase_due",
    "subjects_flag_without_basis",
    "withdrawal_parties",
    "withdrawal_recipients",
]
