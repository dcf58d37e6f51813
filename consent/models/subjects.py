"""Ung person (pseudonymised), the coordinator's access grants, and verger."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from consent.models.common import MIN_BIRTH_YEAR, is_possibly_minor
from consent.validators import NoPersonalName, reject_national_id, validate_pseudonym
from municipalities.models import Agency
from slt_portal.tenancy import TenantModel, TenantQuerySet, tenant_manager


class SubjectQuerySet(TenantQuerySet):
    def not_erased(self) -> SubjectQuerySet:
        return self.filter(erased_at__isnull=True)


class Subject(TenantModel):
    """Ung person, pseudonymised: no name, national ID, address or birth date."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", pgettext_lazy("follow-up", "Closed")

    class ClosedReason(models.TextChoices):
        NO_LONGER_NEEDED = "no_longer_needed", _("Follow-up no longer needed")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        MOVED = "moved", _("Moved away")
        ADULT_NO_CONSENT = "adult_no_consent", _("Turned 18 without a new consent")
        OTHER = "other", _("Other")

    pseudonym = models.CharField(
        _("pseudonym"), max_length=12, validators=[validate_pseudonym]
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_BIRTH_YEAR), MaxValueValidator(2100)],
        help_text=_("The year only. Never the date of birth."),
    )
    identity_held_by = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("identity held by"),
        help_text=_(
            "The agency that knows who the young person is. The portal never does."
        ),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    delete_after = models.DateField(_("delete after"), null=True, blank=True)
    review_flagged_at = models.DateField(
        _("flagged for review"),
        null=True,
        blank=True,
        help_text=_("Set when the young person has no active basis for sharing."),
    )
    erased_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)
    # After erasure only these anonymous counts remain (never free text).
    retained_counts = models.JSONField(default=dict, blank=True)

    objects = tenant_manager(SubjectQuerySet)

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "pseudonym"], name="subject_pseudonym_unique_per_area"
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | Q(birth_year__isnull=False),
                name="subject_birth_year_until_erased",
            ),
        ]
        indexes = [models.Index(fields=["area", "status"])]

    def __str__(self) -> str:
        return self.pseudonym

    def is_minor_on(self, day: dt.date) -> bool:
        return self.birth_year is not None and is_possibly_minor(self.birth_year, day)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class SubjectUserObjectPermission(UserObjectPermissionBase):
    """Tilgang gitt av koordinator: django-guardian grant on one Subject.

    A direct foreign key (not guardian's generic one) keeps list filters one join.
    """

    content_object = models.ForeignKey(Subject, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("access to a young person")
        verbose_name_plural = _("access to young people")


class Guardian(TenantModel):
    """Verge/foresatt, as a labelled party without name or contact data."""

    class Relation(models.TextChoices):
        PARENT = "parent", _("Parent")
        OTHER_GUARDIAN = "other_guardian", _("Other guardian")

    subject = models.ForeignKey(
        Subject,
        on_delete=models.CASCADE,
        related_name="guardians",
        verbose_name=_("young person"),
    )
    label = models.CharField(
        _("label"),
        max_length=40,
        validators=[reject_national_id, NoPersonalName()],
        help_text=_("For example «Verge 1». Never a name."),
    )
    relation = models.CharField(
        _("relation"), max_length=16, choices=Relation.choices, default=Relation.PARENT
    )
    has_parental_responsibility = models.BooleanField(
        _("has parental responsibility"), default=True
    )

    class Meta:
        ordering = ["subject", "label"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "label"], name="guardian_label_unique_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return self.label
