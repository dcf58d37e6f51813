"""Meetings of the SLT bodies, their agendas, minutes, decisions, follow-ups, and the
matters (saker) that move between levels."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from municipalities.models import Agency, Group, GroupMember, topics_field
from slt_portal.tenancy import TenantModel


class MeetingSeries(TenantModel):
    """Møteserie: a recurring schedule (RFC 5545 RRULE) in Europe/Oslo local time."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="series", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(_("recurrence rule"), max_length=500)
    first_starts_at = models.DateTimeField(_("first meeting starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120
    )
    until = models.DateField(_("repeat until"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)

    class Meta:
        ordering = ["group", "first_starts_at"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class Meeting(TenantModel):
    """Møte in one group."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        INVITED = "invited", _("Invited")
        HELD = "held", _("Held")
        MINUTES_SENT = "minutes_sent", _("Minutes sent")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("group"),
    )
    series = models.ForeignKey(
        MeetingSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("series"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(
        _("minutes approved"), null=True, blank=True
    )
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes approved by"),
    )
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    cancelled_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    cycle_task = models.ForeignKey(
        "actionplans.CycleTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("annual cycle task"),
    )
    # iCalendar SEQUENCE: raised when the time or place changes after the notice,
    # so calendar programs replace the entry instead of keeping the old one.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["area", "starts_at"]),
            models.Index(fields=["group", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]
        triggers = [
            # Approved minutes are frozen in the database too: corrections are
            # MinutesCorrection rows (domain.md §3.2, issue rule).
            pgtrigger.Protect(
                name="approved_minutes_are_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(
                    old__minutes_approved_at__isnull=False,
                    new__minutes__df=pgtrigger.F("old__minutes"),
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes_locked(self) -> bool:
        """Approved minutes cannot be edited; corrections are new entries."""
        return self.minutes_approved_at is not None

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The meeting must end after it starts.")}
            )


class MinutesCorrection(TenantModel):
    """Rettelse: a logged correction to approved minutes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(_("correction"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("minutes correction")
        verbose_name_plural = _("minutes corrections")


@pghistory.track(
    model_name="MatterAuditEvent",
    obj_field=pghistory.ObjForeignKey(related_name="audit_events"),
)
class Matter(TenantModel):
    """Sak mellom nivåer: raised up, ordered down, or referred to another forum."""

    class Kind(models.TextChoices):
        ESCALATION = "escalation", _("Raised matter")
        ORDER = "order", _("Order")
        REPORT_REQUEST = "report_request", _("Report request")
        REFERRAL = "referral", _("Referred to another forum")

    class Status(models.TextChoices):
        RAISED = "raised", _("Sent")
        RECEIVED = "received", _("Received")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        RETURNED = "returned", _("Returned")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    topics = topics_field()
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    from_group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="matters_sent",
        verbose_name=_("from group"),
    )
    to_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters_received",
        verbose_name=_("to group"),
    )
    to_external = models.CharField(
        _("to (outside the portal)"), max_length=200, blank=True
    )
    origin_agenda_item = models.ForeignKey(
        "AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from agenda item"),
    )
    origin_decision = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("ordered by decision"),
    )
    parent_matter = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_matters",
        verbose_name=_("raised from matter"),
    )
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RAISED
    )
    raised_at = models.DateTimeField(_("sent"), auto_now_add=True)
    response = models.TextField(_("answer"), blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    response_decision = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answering decision"),
    )
    returned_reason = models.TextField(_("reason for returning"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(fields=["to_group", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_group__isnull=False) | ~Q(to_external=""),
                name="matter_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MatterEvent(TenantModel):
    """One step in a matter's visible trail (raised → received → answered → closed)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        max_length=16, choices=Matter.Status.choices, blank=True
    )
    to_status = models.CharField(max_length=16, choices=Matter.Status.choices)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("matter event")
        verbose_name_plural = _("matter events")


@pghistory.track()
class AgendaItem(TenantModel):
    """Sak på dagsorden: submitted by any member, screened by the coordinator."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Discussion")
        DECISION = "decision", _("Decision item")
        POLICE_UPDATE = "police_update", _("Police crime update")
        LEVEL_REPORT = "level_report", _("Report from operational level/working group")
        MATTER = "matter", _("Matter from another level")
        FOLLOW_UP_REVIEW = "follow_up_review", _("Follow-up of earlier decisions")
        PRESENTATION = "presentation", _("Presentation/guest")
        EVALUATION_ROUND = "evaluation_round", _("Evaluation round")
        CASE_DISCUSSION = "case_discussion", _("Discussion of an individual case")
        ANY_OTHER = "any_other", _("Any other business")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("agenda item status", "Submitted")
        ACCEPTED = "accepted", _("On the agenda")
        RETURNED = "returned", _("Returned")
        DEFERRED = "deferred", _("Deferred")
        HANDLED = "handled", _("Handled")

    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("group"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    case_paper = models.FileField(
        _("case paper"), upload_to="case_papers/%Y/", blank=True
    )
    topics = topics_field()
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.DISCUSSION
    )
    is_standing = models.BooleanField(_("standing item"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_by_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted for agency"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    screening_note = models.TextField(_("screening note"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=16,
        choices=Group.ConfidentialityMode.choices,
        default=Group.ConfidentialityMode.SYSTEM_ONLY,
    )
    matter = models.ForeignKey(
        Matter,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("matter"),
    )
    notes = models.TextField(_("minutes for this item"), blank=True)

    class Meta:
        ordering = ["meeting", "order", "submitted_at"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        indexes = [
            models.Index(fields=["group", "status"]),
            models.Index(fields=["meeting", "order"]),
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(TenantModel):
    """Oppmøte: a member's (or guest's) attendance at a meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Sent apologies")
        ABSENT = "absent", _("Absent")
        SUBSTITUTE = "substitute", _("Substitute")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    group_member = models.ForeignKey(
        GroupMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("member"),
    )
    guest_name = models.CharField(_("guest"), max_length=150, blank=True)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency"),
    )
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    substitute_name = models.CharField(_("substitute"), max_length=150, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "group_member"],
                condition=Q(group_member__isnull=False),
                name="attendance_once_per_member",
            ),
            models.CheckConstraint(
                condition=Q(group_member__isnull=False) | ~Q(guest_name=""),
                name="attendance_member_or_guest",
            ),
        ]


@pghistory.track()
class Decision(TenantModel):
    """Vedtak taken in a meeting, at that group's level."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        ORDER = "order", _("Order")
        APPROVAL = "approval", _("Approval")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))
    decided_at = models.DateTimeField(_("decided"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.RESOLUTION
    )
    approves_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approves_id = models.PositiveBigIntegerField(null=True, blank=True)
    approves = GenericForeignKey("approves_type", "approves_id")

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["approves_type", "approves_id"])]

    def __str__(self) -> str:
        return self.text[:80]


@pghistory.track()
class FollowUp(TenantModel):
    """Oppfølgingspunkt from the minutes, with an owner and a due date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="follow_ups"
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("decision"),
    )
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("owner"),
    )
    owner_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner's agency"),
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completion_note = models.TextField(_("completion note"), blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(fields=["area", "status", "due_date"]),
            models.Index(fields=["owner", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Overdue is derived: open and past its due date (Oslo time)."""
        return self.is_open and self.due_date < timezone.localdate()


class CalendarToken(models.Model):
    """Kalenderabonnement: a personal secret for iCalendar feeds, revocable.

    Not tenant-owned: one token serves every area of its user, and each feed request
    is scoped to what the user may see *at that moment* (roles and group
    memberships are read again on every request). The token is a 256-bit random
    value kept as is, like the «secret address» of other calendar services: its
    owner must be able to copy the address again for a new device or another
    group's feed. Revoking it (or making a new one) ends every old address at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("user"),
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.token[:6]}…)"
