"""Samtykke og lovlig informasjonsdeling: pseudonymised young people, their guardians,
consents, every disclosure with its legal basis, and the append-only access log.

No model here is tracked by pghistory on purpose: its event tables would copy the
free text about a young person outside tenant scoping and past erasure. The AccessLog
(names of changed fields, never values) is the audit trail of this app.
"""

from __future__ import annotations

import datetime as dt

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from consent.legal import AnonymisationCheck, InformationCategory, LegalBasis
from consent.validators import NoPersonalName, reject_national_id, validate_pseudonym
from municipalities.models import Agency, Group
from slt_portal.tenancy import TenantModel, TenantQuerySet, tenant_manager

MIN_BIRTH_YEAR = 1990


def is_possibly_minor(birth_year: int, on: dt.date) -> bool:
    """Counts as under 18 while ``year − birth_year ≤ 18`` (domain.md §8 [A])."""
    return on.year - birth_year <= 18


def category_labels(values) -> list[str]:
    labels = dict(InformationCategory.choices)
    return [str(labels.get(v, v)) for v in values]


def text_field(label, *, blank: bool = False, **kwargs) -> models.TextField:
    return models.TextField(
        label, blank=blank, validators=[reject_national_id], **kwargs
    )


# --- Subject and guardians --------------------------------------------------------


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


# --- Consent ----------------------------------------------------------------------


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


# --- Disclosure -------------------------------------------------------------------


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


# --- Tasks ------------------------------------------------------------------------


class ConsentTask(TenantModel):
    """Oppgave: follow-up the consent rules create (oral consent, review, renewal)."""

    class Kind(models.TextChoices):
        OBTAIN_WRITTEN = "obtain_written", _("Obtain the consent in writing")
        REVIEW_BASIS = "review_basis", _("Review: no active basis for sharing")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    subject = models.ForeignKey(
        Subject,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("young person"),
    )
    consent = models.ForeignKey(
        Consent,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("consent"),
    )
    kind = models.CharField(_("task"), max_length=16, choices=Kind.choices)
    due_date = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assignee"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("completed by"),
    )
    note = text_field(_("note"), blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("consent task")
        verbose_name_plural = _("consent tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind"],
                condition=Q(status="open"),
                name="consenttask_one_open_per_subject_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["area", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.subject}"


# --- Access log -------------------------------------------------------------------


class AccessLog(models.Model):
    """Tilgangslogg: one row per read or write of individual-level data.

    Append-only, enforced by the database: triggers refuse UPDATE, DELETE and
    TRUNCATE for every database user, including the owner the app connects as
    (GRANT/REVOKE would not bind an owner). Rows are never changed by the app.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        LIST = "list", _("Listed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DISCLOSE = "disclose", _("Shared")
        WITHDRAW = "withdraw", _("Withdrew consent")
        EXPORT = "export", _("Exported")
        GRANT = "grant", _("Gave access")
        REVOKE = "revoke", _("Removed access")
        DENIED = "denied", _("Refused")

    class Purpose(models.TextChoices):
        ACTIVE_CASE = "active_case", _("Work in an active case")
        CASE_PREPARATION = "case_preparation", _("Preparing a case or a meeting")
        COORDINATION = "coordination", _("Coordination of follow-up")
        ACCESS_REQUEST = "access_request", _("Request for access from the person")
        QUALITY_CONTROL = "quality_control", _("Internal control and quality")
        RETENTION_REVIEW = "retention_review", _("Review for closing or deletion")
        OTHER = "other", _("Other (describe)")

    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Empty for the system's own daily run."),
    )
    area = models.ForeignKey(
        "municipalities.Area",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=32)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    subject = models.ForeignKey(
        Subject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("young person"),
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, blank=True
    )
    purpose_note = models.CharField(
        _("purpose, in words"),
        max_length=300,
        blank=True,
        validators=[reject_national_id],
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    request_id = models.CharField(_("request"), max_length=64, blank=True)

    objects = tenant_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["area", "at"]),
            models.Index(fields=["subject", "at"]),
        ]
        triggers = [
            pgtrigger.Protect(
                name="accesslog_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
            pgtrigger.Trigger(
                name="accesslog_no_truncate",
                level=pgtrigger.Statement,
                when=pgtrigger.Before,
                operation=pgtrigger.Truncate,
                func=(
                    "RAISE EXCEPTION 'pgtrigger: Cannot truncate % table', "
                    "TG_TABLE_NAME;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"
