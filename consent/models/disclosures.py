"""Deling: one sharing of individual-level information with its legal basis."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consent.legal import AnonymisationCheck, InformationCategory, LegalBasis
from consent.models.common import category_labels, text_field
from consent.models.consents import Consent
from consent.models.subjects import Subject
from consent.validators import reject_national_id
from municipalities.models import Agency, Group
from slt_portal.tenancy import TenantModel


class Disclosure(TenantModel):
    """Deling: one sharing of individual-level information, with one legal basis."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Decided by the agency")
        DISCLOSED = "disclosed", _("Shared")
        CANCELLED = "cancelled", _("Stopped")

    OPEN_STATUSES = frozenset({Status.PROPOSED, Status.APPROVED})

    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=_("young person"),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices
    )
    consent = models.ForeignKey(
        Consent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
        verbose_name=_("consent"),
    )
    from_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to agency"),
    )
    to_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to group"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    information_categories = ArrayField(
        models.CharField(max_length=24, choices=InformationCategory.choices),
        default=list,
        verbose_name=_("categories of information"),
    )
    information_description = text_field(_("what was shared"))
    purpose = text_field(_("purpose"))
    original_purpose_ref = text_field(
        _("the purpose the information was given for"), blank=True
    )
    necessity_justification = text_field(_("why sharing is necessary"), blank=True)
    anonymisation_attested = models.BooleanField(
        _("recognition is actually impossible"), default=False
    )
    anonymisation_checklist = ArrayField(
        models.CharField(max_length=16, choices=AnonymisationCheck.choices),
        default=list,
        blank=True,
        verbose_name=_("removed from the text"),
    )
    decided_by_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by agency"),
    )
    decision_ref = models.CharField(
        _("reference to the decision"),
        max_length=120,
        blank=True,
        validators=[reject_national_id],
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DISCLOSED
    )
    disclosed_at = models.DateTimeField(_("shared"), null=True, blank=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared by"),
    )
    cancelled_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    cancel_reason = text_field(_("why it was stopped"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_basis="consent", consent__isnull=False)
                | ~Q(legal_basis="consent") & Q(consent__isnull=True),
                name="disclosure_consent_iff_basis_consent",
            ),
            models.CheckConstraint(
                condition=Q(to_agency__isnull=False) | Q(to_group__isnull=False),
                name="disclosure_has_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(status="disclosed") | Q(disclosed_at__isnull=False),
                name="disclosure_disclosed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "legal_basis"]),
            models.Index(fields=["subject", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.from_agency} → {self.recipient_label}"

    @property
    def recipient_label(self) -> str:
        return str(self.to_agency or self.to_group or "")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def category_labels(self) -> list[str]:
        return category_labels(self.information_categories)

    def checklist_labels(self) -> list[str]:
        labels = dict(AnonymisationCheck.choices)
        return [str(labels.get(v, v)) for v in self.anonymisation_checklist]
