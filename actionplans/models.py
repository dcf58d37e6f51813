"""Action plans (handlingsplaner), indicators, and the annual cycle (årshjul)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from municipalities.models import Agency, Group, topics_field
from slt_portal.tenancy import TenantModel, TenantQuerySet, tenant_manager


@pghistory.track()
class ActionPlan(TenantModel):
    """Handlingsplan, strategiplan or (city level) handlingsprogram."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", _("Action plan")
        STRATEGY_PLAN = "strategy_plan", _("Strategy plan")
        PROGRAMME = "programme", _("Action programme")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", pgettext_lazy("action plan status", "Approved")
        ENDED = "ended", _("Ended")
        SUPERSEDED = "superseded", _("Superseded")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.ACTION_PLAN
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
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
    parent_programme = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="local_plans",
        verbose_name=_("city programme"),
    )
    contributors = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name=_("contributing agencies")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("supersedes"),
    )
    linked_plans = models.JSONField(_("linked plans"), default=list, blank=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        indexes = [models.Index(fields=["area", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="actionplan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}
            )


class FocusArea(TenantModel):
    """Innsatsområde."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    evidence_reports = models.ManyToManyField(
        "reports.StatusReport",
        blank=True,
        related_name="focus_areas",
        verbose_name=_("problem picture and mappings"),
    )
    evidence_indicators = models.ManyToManyField(
        "Indicator",
        blank=True,
        related_name="focus_areas",
        verbose_name=_("indicators"),
    )

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.title


class Goal(TenantModel):
    """Hovedmål or delmål."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Main goal")
        SUB = "sub", _("Sub-goal")

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="goals"
    )
    text = models.TextField(_("goal"))
    kind = models.CharField(
        _("kind"), max_length=8, choices=Kind.choices, default=Kind.MAIN
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_goals",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicators = models.ManyToManyField(
        "Indicator", blank=True, related_name="goals", verbose_name=_("indicators")
    )

    class Meta:
        ordering = ["focus_area", "order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text[:80]


@pghistory.track()
class Measure(TenantModel):
    """Tiltak with an owner, a prevention level and an evaluation plan."""

    class PreventionLevel(models.TextChoices):
        UNIVERSAL = "universal", _("Universal (building)")
        SELECTIVE = "selective", _("Selective (preventive)")
        INDICATED = "indicated", _("Indicated (crime-preventive)")

    class TargetType(models.TextChoices):
        SOCIAL_ENVIRONMENT = "social_environment", _("Social environments")
        INDIVIDUAL = "individual", _("Individuals")
        PHYSICAL = "physical", _("Physical surroundings")

    class EvidenceBasis(models.TextChoices):
        DOCUMENTED = "documented", _("Documented effect")
        EXPERIENCE = "experience", _("Experience-based")
        UNKNOWN = "unknown", _("Unknown")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Started")
        COMPLETED = "completed", _("Completed")
        HANDED_OVER = "handed_over", _("Handed over to ordinary operation")
        STOPPED = "stopped", _("Stopped")

    class FundingSource(models.TextChoices):
        ORDINARY_BUDGET = "ordinary_budget", _("Ordinary budget")
        STATE_GRANT = "state_grant", _("State grant")
        EARMARKED = "earmarked", _("Earmarked funds")
        COUNTY = "county", _("County funds")
        OTHER = "other", _("Other")

    class EvaluationType(models.TextChoices):
        EFFECT = "effect", _("Outcome evaluation")
        PROCESS = "process", _("Process evaluation")
        FORMATIVE = "formative", _("Formative evaluation")
        NONE = "none", _("None (justified)")

    class Evaluator(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        PARTNERSHIP = "partnership", _("In partnership")
        EXTERNAL = "external", _("External")

    class EvaluationFlag(models.TextChoices):
        NEW_TRIAL = "new_trial", _("New trial")
        HIGH_TRANSFER_VALUE = "high_transfer_value", _("High transfer value")
        COSTLY = "costly", _("Costly")
        RISK_OF_HARM = "risk_of_harm", _("Risk of harm")
        NATIONALLY_ANCHORED = "nationally_anchored", _("Nationally anchored")

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="measures"
    )
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = topics_field()
    prevention_level = models.CharField(
        _("prevention level"), max_length=12, choices=PreventionLevel.choices
    )
    target_group = models.CharField(_("target group"), max_length=200)
    age_from = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True)
    target_type = models.CharField(
        _("target type"), max_length=20, choices=TargetType.choices, blank=True
    )
    evidence_basis = models.CharField(
        _("evidence basis"), max_length=12, choices=EvidenceBasis.choices, blank=True
    )
    responsible_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible agency"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_measures",
        verbose_name=_("owner"),
    )
    contributors = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name=_("contributing agencies")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    funding_source = models.CharField(
        _("funding"), max_length=16, choices=FundingSource.choices, blank=True
    )
    funding_note = models.TextField(_("funding note"), blank=True)
    funding_amount_nok = models.PositiveIntegerField(
        _("amount (NOK)"), null=True, blank=True
    )
    funding_ends_on = models.DateField(_("funding ends"), null=True, blank=True)
    evaluation_type = models.CharField(
        _("evaluation type"), max_length=12, choices=EvaluationType.choices, blank=True
    )
    evaluator = models.CharField(
        _("evaluator"), max_length=12, choices=Evaluator.choices, blank=True
    )
    evaluation_plan = models.TextField(_("evaluation plan"), blank=True)
    evaluation_due = models.DateField(_("evaluation due"), null=True, blank=True)
    evaluation_result = models.TextField(_("evaluation result"), blank=True)
    evaluation_flags = ArrayField(
        models.CharField(max_length=24, choices=EvaluationFlag.choices),
        default=list,
        blank=True,
        verbose_name=_("evaluation flags"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("same measure in the previous plan version"),
    )

    class Meta:
        ordering = ["focus_area", "order", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(fields=["owner", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="measure_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The measure cannot end before it starts.")}
            )
        if self.age_from and self.age_to and self.age_from > self.age_to:
            raise ValidationError(
                {"age_to": _("The upper age must be at least the lower age.")}
            )


class ProgressUpdate(TenantModel):
    """Fremdrift: a dated update on a measure, with an optional status change."""

    class Rating(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("Uncertain")
        OFF_TRACK = "off_track", _("Delayed")

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="progress_updates"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("update"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    rating = models.CharField(
        _("rating"), max_length=12, choices=Rating.choices, blank=True
    )
    status_from = models.CharField(
        _("status before"), max_length=12, choices=Measure.Status.choices, blank=True
    )
    status_to = models.CharField(
        _("new status"), max_length=12, choices=Measure.Status.choices, blank=True
    )
    figure = models.DecimalField(
        _("figure"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    figure_label = models.CharField(
        _("what the figure counts"), max_length=120, blank=True
    )
    is_highlight = models.BooleanField(
        _("highlight for the annual report"), default=False
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["measure", "-date"])]


class Indicator(TenantModel):
    """Indikator: a named series (Ungdata, police statistics, FHI …)."""

    class Source(models.TextChoices):
        UNGDATA = "ungdata", _("Ungdata")
        POLICE = "police", _("Police statistics/tertial report")
        FHI = "fhi", _("FHI public health profile")
        SAFETY_SURVEY = "safety_survey", _("Safety survey")
        MUNICIPAL = "municipal", _("Municipal statistics")
        OTHER = "other", _("Other")

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Percent")
        COUNT = "count", _("Count")
        PER_1000 = "per_1000", _("Per 1,000")
        INDEX = "index", _("Index")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    cohort = models.CharField(_("cohort"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    comparison_label = models.CharField(_("comparison"), max_length=100, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"], name="indicator_name_per_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TenantModel):
    """One period's value of an indicator."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    n = models.PositiveIntegerField(_("number of respondents"), null=True, blank=True)
    comparison_value = models.DecimalField(
        _("comparison value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    suppressed = models.BooleanField(_("suppressed (small numbers)"), default=False)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="indicatorvalue_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="indicatorvalue_period_ordered",
            ),
        ]


class CycleTemplateQuerySet(TenantQuerySet):
    pass


class PublishedTemplateManager(models.Manager):
    """Templates any area may copy: the defaults (no area) and published city ones."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super().get_queryset().filter(Q(area__isnull=True) | Q(is_published=True))
        )


class CycleTemplate(models.Model):
    """Årshjulmal. ``area`` is null for a published default; an area edits its copy.

    ``objects`` is scoped like every tenant model (an area's copies); published
    defaults, which belong to no area, are read through ``published``.
    """

    class Variant(models.TextChoices):
        GENERIC_SLT = "generic_slt", _("Generic SLT")
        OSLO_SALTO = "oslo_salto", _("Oslo SaLTo")

    area = models.ForeignKey(
        "municipalities.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
    )
    name = models.CharField(_("name"), max_length=200)
    variant = models.CharField(_("variant"), max_length=16, choices=Variant.choices)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = tenant_manager(CycleTemplateQuerySet)
    published = PublishedTemplateManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("annual cycle template")
        verbose_name_plural = _("annual cycle templates")

    def __str__(self) -> str:
        return self.name


class CycleItem(models.Model):
    """One recurring item of an årshjul template."""

    class Recurrence(models.TextChoices):
        ONCE = "once", _("Once a year")
        WEEKLY = "weekly", _("Weekly")
        EVERY_4_WEEKS = "every_4_weeks", _("Every 4 weeks")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        TERTIAL = "tertial", _("Every four months")

    class Generates(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        TASK = "task", _("Task")
        REMINDER = "reminder", _("Reminder")
        REPORT = "report", _("Report")

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        TASK = "task", _("Task")
        REPORT_DEADLINE = "report_deadline", _("Report deadline")
        SURVEY = "survey", _("Survey")

    template = models.ForeignKey(
        CycleTemplate, on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.TASK
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    months = ArrayField(
        models.PositiveSmallIntegerField(
            validators=[MinValueValidator(1), MaxValueValidator(12)]
        ),
        default=list,
        blank=True,
        verbose_name=_("months"),
    )
    day = models.PositiveSmallIntegerField(
        _("day of month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    week = models.PositiveSmallIntegerField(
        _("week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
    )
    recurrence = models.CharField(
        _("recurrence"),
        max_length=16,
        choices=Recurrence.choices,
        default=Recurrence.ONCE,
    )
    skip_months = ArrayField(
        models.PositiveSmallIntegerField(), default=list, blank=True
    )
    group_kind = models.CharField(
        _("group kind"), max_length=24, choices=Group.Kind.choices, blank=True
    )
    owner_role = models.CharField(_("owner role"), max_length=24, blank=True)
    generates = models.CharField(
        _("generates"), max_length=10, choices=Generates.choices, default=Generates.TASK
    )
    report_kind = models.CharField(_("report kind"), max_length=24, blank=True)
    lead_days = models.PositiveSmallIntegerField(_("lead days"), null=True, blank=True)
    month_is_assumption = models.BooleanField(
        _("month is an assumption"), default=False
    )
    source_ref = models.CharField(_("source"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["template", "order", "month", "pk"]
        verbose_name = _("annual cycle item")
        verbose_name_plural = _("annual cycle items")

    def __str__(self) -> str:
        return self.title


class CycleTask(TenantModel):
    """A dated task of one year's årshjul."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    cycle_item = models.ForeignKey(
        CycleItem, on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    due_date = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cycle_tasks",
        verbose_name=_("assignee"),
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    generated_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_id = models.PositiveBigIntegerField(null=True, blank=True)
    generated = GenericForeignKey("generated_type", "generated_id")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("annual cycle task")
        verbose_name_plural = _("annual cycle tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "cycle_item", "due_date"],
                name="cycletask_unique_per_date",
            ),
        ]
        indexes = [models.Index(fields=["area", "year", "due_date"])]

    def __str__(self) -> str:
        return self.title


class CycleFeed(TenantModel):
    """Hemmelig kalenderadresse for årshjulet: a revocable per-area iCal feed token.

    Only a SHA-256 digest of the token is stored; the address is shown once.
    """

    token_prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("annual cycle calendar feed")
        verbose_name_plural = _("annual cycle calendar feeds")

    def __str__(self) -> str:
        return f"{self.token_prefix}…"
