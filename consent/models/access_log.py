"""Tilgangslogg: append-only, enforced by database triggers."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consent.legal import LegalBasis
from consent.models.subjects import Subject
from consent.validators import reject_national_id
from slt_portal.tenancy import tenant_manager


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
