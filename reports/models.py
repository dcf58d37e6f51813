"""Reports: the annual report, status reports (incl. the problem picture), reviews."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from municipalities.models import Agency, Group, topics_field
from slt_portal.tenancy import TenantModel


class StatusReport(TenantModel):
    """Statusrapport, utfordringsbilde, tertialrapport, innspill fra tjenesten …"""

    class Kind(models.TextChoices):
        CHALLENGE_PICTURE = "challenge_picture", _("Problem picture")
        POLICE_TERTIAL = "police_tertial", _("Police tertial report")
        STATUS_REPORT = "status_report", _("Status report")
        REPORT_TO_COUNCIL = "report_to_council", _("Report to the police council")
        MAPPING_REPORT = "mapping_report", _("Mapping report")
        SERVICE_FEEDBACK = "service_feedback", _("Feedback from a service")
        REQUESTED_REPORT = "requested_report", _("Requested report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("status report status", "Submitted")
        REVIEWED = "reviewed", _("Reviewed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    author_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author's agency"),
    )
    from_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from group"),
    )
    to_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("to group"),
    )
    categories = topics_field()
    matter = models.ForeignKey(
        "meetings.Matter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("answers the request"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    data_snapshot = models.JSONField(default=dict, blank=True)
    pdf = models.FileField(upload_to="reports/status/%Y/", blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        indexes = [models.Index(fields=["area", "kind", "period_end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="statusreport_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# A PDF task that has not finished in this time is taken to be lost.
PDF_STALE_CLAIM = dt.timedelta(minutes=15)


class AnnualReport(TenantModel):
    """Årsrapport for one area and year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        SUBMITTED = "submitted", pgettext_lazy("annual report status", "Submitted")

    class PdfStatus(models.TextChoices):
        NONE = "none", _("Not made")
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    PUBLISHED = (Status.APPROVED, Status.SUBMITTED)

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sections = models.JSONField(default=dict, blank=True)
    data_snapshot = models.JSONField(default=dict, blank=True)
    snapshot_taken_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="reports/annual/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    approved_by_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approval_decision = models.ForeignKey(
        "meetings.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approval decision"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    submitted_to_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted to"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_started_at = models.DateTimeField(
        _("sent for review"), null=True, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by (chair)"),
    )
    pdf_status = models.CharField(
        _("PDF"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_task_id = models.CharField(max_length=64, blank=True)
    pdf_claimed_at = models.DateTimeField(null=True, blank=True)
    pdf_error = models.TextField(blank=True)
    rendered_at = models.DateTimeField(_("PDF made"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        permissions = [("review_annualreport", "Can review the annual report")]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "version"], name="annualreport_unique_version"
            ),
        ]

    def __str__(self) -> str:
        if self.version > 1:
            return f"{self.year} (v{self.version})"
        return f"{self.year}"

    @property
    def pdf_is_stuck(self) -> bool:
        """Queued or rendering for long: the task was lost, so it may be asked again."""
        return (
            self.pdf_status
            in (
                self.PdfStatus.QUEUED,
                self.PdfStatus.RENDERING,
            )
            and self.updated_at < timezone.now() - PDF_STALE_CLAIM
        )

    @property
    def is_frozen(self) -> bool:
        """Approved or submitted: snapshot, sections and PDF never change (R3)."""
        return self.status in self.PUBLISHED


class AnnualReportUserObjectPermission(UserObjectPermissionBase):
    """Gjennomsynstilgang: django-guardian grant on one annual report, given to each
    steering-group member when the report is sent for review."""

    content_object = models.ForeignKey(AnnualReport, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("access to review an annual report")
        verbose_name_plural = _("access to review annual reports")


class ReportReview(TenantModel):
    """Gjennomsyn: a steering-group member's comment or verdict on a report."""

    class Verdict(models.TextChoices):
        COMMENT = "comment", _("Comment")
        RECOMMEND_APPROVAL = "recommend_approval", _("Recommends approval")
        CHANGES_REQUESTED = "changes_requested", _("Asks for changes")

    report_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    report_id = models.PositiveBigIntegerField()
    report = GenericForeignKey("report_type", "report_id")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.CharField(_("section"), max_length=40, blank=True)
    text = models.TextField(_("comment"), blank=True)
    verdict = models.CharField(
        _("verdict"), max_length=20, choices=Verdict.choices, default=Verdict.COMMENT
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report review")
        verbose_name_plural = _("report reviews")
        indexes = [models.Index(fields=["report_type", "report_id"])]


class ChecklistAssessment(TenantModel):
    """Egenvurdering etter Oslostandarden: one recommendation, one area, one year.

    The recommendations themselves are data in ``reports/checklist.py`` (stable codes
    OS01–OS46 with the standard's line numbers); a row here is the area's answer.
    """

    class Rating(models.TextChoices):
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.CharField(_("recommendation"), max_length=8)
    rating = models.CharField(_("assessment"), max_length=8, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("Oslostandard self-assessment")
        verbose_name_plural = _("Oslostandard self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "code"], name="checklist_unique_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}"
