"""Samtykke and the guardians' consent to it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consent.legal import InformationCategory
from consent.models.common import category_labels, text_field
from consent.models.subjects import Guardian, Subject
from consent.validators import reject_national_id
from municipalities.models import Agency, Group
from slt_portal.tenancy import TenantModel, TenantQuerySet, tenant_manager


class ConsentQuerySet(TenantQuerySet):
    def valid_on(self, day: dt.date) -> ConsentQuerySet:
        """Active consents whose validity covers ``day`` (usable for sharing)."""
        return self.filter(
            status=Consent.Status.ACTIVE, valid_from__lte=day, valid_until__gte=day
        )


class Consent(TenantModel):
    """Samtykke: voluntary, express, informed and revocable (handbook L1330-1356)."""

    class Form(models.TextChoices):
        WRITTEN = "written", _("Written")
        ORAL = "oral", _("Oral")

    class Context(models.TextChoices):
        GENERAL = "general", _("General cooperation")
        ONE_TO_ONE = "one_to_one", _("One-to-one follow-up")
        YOUTH_SANCTION = "youth_sanction", _("Youth follow-up/youth sentence")
        SCHOOL_TEAM = "school_team", _("School intervention team")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("Incomplete")
        ACTIVE = "active", _("Valid")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Superseded")

    OPEN_STATUSES = frozenset({Status.INCOMPLETE, Status.ACTIVE})

    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("young person"),
    )
    subject_consented_at = models.DateTimeField(_("the young person consented"))
    information_scope = text_field(_("what information may be shared"))
    information_categories = ArrayField(
        models.CharField(max_length=24, choices=InformationCategory.choices),
        default=list,
        verbose_name=_("categories of information"),
    )
    recipient_agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="+",
        verbose_name=_("agencies that may give and receive information"),
    )
    recipient_groups = models.ManyToManyField(
        Group,
        blank=True,
        related_name="+",
        verbose_name=_("groups that may discuss the young person by name"),
    )
    purpose = text_field(_("purpose"))
    informed_about = text_field(_("what the person was told about the consequences"))
    voluntary = models.BooleanField(_("given voluntarily, without pressure"))
    express = models.BooleanField(_("given expressly"))
    form = models.CharField(_("form"), max_length=8, choices=Form.choices)
    document_reference = models.CharField(
        _("where the signed form is archived"),
        max_length=200,
        blank=True,
        validators=[reject_national_id],
    )
    context = models.CharField(
        _("context"), max_length=16, choices=Context.choices, blank=True
    )
    given_at = models.DateTimeField(_("given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded for agency"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INCOMPLETE
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by_party = models.CharField(_("withdrawn by"), max_length=40, blank=True)
    withdrawal_note = text_field(_("note on the withdrawal"), blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("replaces"),
    )

    objects = tenant_manager(ConsentQuerySet)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="consent_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(voluntary=True, express=True),
                name="consent_voluntary_and_express",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn")
                | Q(withdrawn_at__isnull=False) & ~Q(withdrawn_by_party=""),
                name="consent_withdrawal_recorded",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "status", "valid_until"]),
            models.Index(fields=["subject", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} – {self.given_at:%d.%m.%Y}"

    def category_labels(self) -> list[str]:
        return category_labels(self.information_categories)

    def is_usable_on(self, day: dt.date) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.valid_from <= day <= self.valid_until
        )


class ConsentGuardian(TenantModel):
    """A guardian's consent to one Consent (required while the youth is under 18)."""

    consent = models.ForeignKey(
        Consent, on_delete=models.CASCADE, related_name="guardian_consents"
    )
    guardian = models.ForeignKey(
        Guardian,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("guardian"),
    )
    consented_at = models.DateTimeField(_("consented"))
    form = models.CharField(_("form"), max_length=8, choices=Consent.Form.choices)

    class Meta:
        ordering = ["consent", "guardian__label"]
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")
        constraints = [
            models.UniqueConstraint(
                fields=["consent", "guardian"], name="consentguardian_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guardian} ({self.consented_at:%d.%m.%Y})"
