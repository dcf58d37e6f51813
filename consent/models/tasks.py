"""Oppgaver that the consent rules create."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consent.models.common import text_field
from consent.models.consents import Consent
from consent.models.subjects import Subject
from slt_portal.tenancy import TenantModel


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
