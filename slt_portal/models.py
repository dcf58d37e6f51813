"""Shared infrastructure rows: the e-mail outbox and the reminder ledger."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from slt_portal.tenancy import tenant_manager


class OutboundEmail(models.Model):
    """Utgående e-post. ``key`` makes sending idempotent: one row per logical e-mail.

    Rows are written in the same transaction as the change that causes them, and a
    worker sends them afterwards, so a crash never loses an e-mail and a retry never
    sends one twice (the send is claimed with a conditional UPDATE).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True)
    area = models.ForeignKey(
        "municipalities.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_address = models.EmailField()
    template = models.CharField(max_length=100)
    context = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=5, default="nb")
    subject = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    # Scoped like tenant data (it holds names and addresses); the outbox code in
    # slt_portal/email.py works across areas and says so with scopes_disabled().
    objects = tenant_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.template} → {self.to_address}"


class ReminderLog(models.Model):
    """One row per reminder sent; ``key`` = item + phase + period (reminders.py)."""

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email = models.ForeignKey(
        OutboundEmail, null=True, on_delete=models.SET_NULL, related_name="reminders"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key
