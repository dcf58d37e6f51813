"""Areas (the tenants), agencies, users, roles, and the SLT bodies (organer)."""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt_portal.tenancy import TenantModel, TenantQuerySet, tenant_manager


class Topic(models.TextChoices):
    """Shared tag list for agenda items, matters, measures and status reports."""

    SUBSTANCES = "substances", _("Substance use")
    VIOLENCE = "violence", _("Violence among young people")
    SEXUAL_BEHAVIOUR = "sexual_behaviour", _("Boundless sexual behaviour")
    EXTREMISM = "extremism", _("Radicalisation and extremism")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    EXCLUSION = "exclusion", _("Exclusion")
    AREA_CONFLICT = "area_conflict", _("Area conflicts and gangs")
    ONLINE = "online", _("Online and social media")
    PROPERTY_CRIME = "property_crime", _("Property crime")
    TRANSITIONS = "transitions", _("Transitions (school, age 18)")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FAMILY = "family", _("Parents and siblings")
    STRUCTURE = "structure", _("Cooperation and structure")
    OTHER = "other", _("Other")


def topics_field(**kwargs) -> ArrayField:
    return ArrayField(
        models.CharField(max_length=32, choices=Topic.choices),
        default=list,
        blank=True,
        verbose_name=_("topics"),
        **kwargs,
    )


class PoliceDistrict(models.Model):
    """Politidistrikt: a shared lookup, not tenant-owned; police structure changes."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("police district")
        verbose_name_plural = _("police districts")

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Area(models.Model):
    """Område: a kommune, a bydel or an intermunicipal region. The tenant."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Municipality")
        BYDEL = "bydel", _("District")
        REGION = "region", _("Intermunicipal region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent area"),
    )
    kommunenummer = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Four digits."))],
    )
    bydelsnummer = models.CharField(
        _("district number"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("Six digits."))],
    )
    police_district = models.ForeignKey(
        PoliceDistrict,
        on_delete=models.PROTECT,
        related_name="areas",
        verbose_name=_("police district"),
    )
    police_unit = models.CharField(_("police unit"), max_length=120, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    slt_decision_date = models.DateField(
        _("date of SLT decision"), null=True, blank=True
    )
    slt_decision_ref = models.CharField(
        _("SLT decision reference"), max_length=120, blank=True
    )
    police_confirmation_date = models.DateField(
        _("date the police confirmed"), null=True, blank=True
    )
    agreement_title = models.CharField(_("agreement"), max_length=200, blank=True)
    agreement_start = models.DateField(_("agreement start"), null=True, blank=True)
    agreement_end = models.DateField(_("agreement end"), null=True, blank=True)
    coordinator_fte = models.DecimalField(
        _("coordinator position (FTE)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    coordinator_permanent = models.BooleanField(
        _("permanent coordinator position"), null=True, blank=True
    )
    coordinator_placement = models.CharField(
        _("placement of the coordinator"), max_length=200, blank=True
    )
    target_age_from = models.PositiveSmallIntegerField(_("target age from"), default=12)
    target_age_to = models.PositiveSmallIntegerField(_("target age to"), default=18)
    cycle_template = models.ForeignKey(
        "actionplans.CycleTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("annual cycle template"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_age_from__lte=models.F("target_age_to")),
                name="area_target_ages_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        parent_kind = self.parent.kind if self.parent_id else None
        if self.kind == self.Kind.BYDEL:
            if parent_kind != self.Kind.KOMMUNE:
                errors["parent"] = _("A district belongs to a municipality.")
            if not self.bydelsnummer:
                errors["bydelsnummer"] = _("A district needs its district number.")
        elif self.kind == self.Kind.KOMMUNE:
            if parent_kind not in (None, self.Kind.REGION):
                errors["parent"] = _("A municipality's parent can only be a region.")
            if not self.kommunenummer:
                errors["kommunenummer"] = _("A municipality needs its number.")
        elif self.kind == self.Kind.REGION and self.parent_id:
            errors["parent"] = _("A region has no parent area.")
        if (
            self.agreement_start
            and self.agreement_end
            and self.agreement_end < self.agreement_start
        ):
            errors["agreement_end"] = _("The agreement cannot end before it starts.")
        if self.target_age_from > self.target_age_to:
            errors["target_age_to"] = _("The upper age must be at least the lower age.")
        if errors:
            raise ValidationError(errors)


class AgencyQuerySet(TenantQuerySet):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


@pghistory.track()
class Agency(TenantModel):
    """Etat/tjeneste: the unit a member represents."""

    class Kind(models.TextChoices):
        MUNICIPAL_LEADERSHIP = (
            "municipal_leadership",
            _("Municipal/district leadership"),
        )
        POLITICAL_BODY = "political_body", _("Political body")
        SLT_FUNCTION = "slt_function", _("SLT/SaLTo function")
        POLICE = "police", _("Police")
        SCHOOL = "school", _("School")
        EDUCATION_AUTHORITY = "education_authority", _("School owner/Education agency")
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        CHILD_WELFARE = "child_welfare", _("Child welfare")
        HEALTH_CLINIC = "health_clinic", _("Health clinic/school health service")
        NAV = "nav", _("NAV")
        FOLLOW_UP_SERVICE = "follow_up_service", _("Follow-up service")
        OUTREACH = "outreach", _("Outreach service")
        LEISURE = "leisure", _("Culture and leisure")
        PPT = "ppt", _("Educational psychology service (PPT)")
        SUBSTANCE_MENTAL_HEALTH = (
            "substance_mental_health",
            _("Substance use and mental health"),
        )
        BUP = "bup", _("Child and adolescent psychiatry (BUP)")
        FAMILY_CENTRE = "family_centre", _("Family centre")
        REFUGEE_SERVICE = "refugee_service", _("Refugee service")
        HOUSING = "housing", _("Housing")
        MEDIATION_SERVICE = "mediation_service", _("Mediation service (Konfliktrådet)")
        CORRECTIONAL_SERVICE = "correctional_service", _("Correctional service")
        COUNTY = "county", _("County authority")
        STATE_AGENCY = "state_agency", _("State agency")
        COMPETENCE_CENTRE = "competence_centre", _("Competence centre/research")
        VOLUNTARY = "voluntary", _("Voluntary organisation/sports club")
        FAITH_COMMUNITY = "faith_community", _("Faith community")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other")

    class Sector(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        COUNTY = "county", _("County")
        STATE = "state", _("State")
        VOLUNTARY = "voluntary", _("Voluntary/non-profit")
        PRIVATE = "private", _("Private")

    class SchoolLevel(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")

    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(
        _("sector"), max_length=16, choices=Sector.choices, default=Sector.MUNICIPAL
    )
    school_level = models.CharField(
        _("school level"), max_length=16, choices=SchoolLevel.choices, blank=True
    )
    located_in = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("located in"),
    )
    police_primary_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("police primary contact"),
    )
    is_external_partner = models.BooleanField(_("external partner"), default=False)
    confidentiality_note = models.TextField(_("what this agency may share"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = tenant_manager(AgencyQuerySet)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        indexes = [models.Index(fields=["area", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        school_only = {
            "school_level": self.school_level,
            "located_in": self.located_in_id,
            "police_primary_contact": self.police_primary_contact_id,
        }
        if self.kind != self.Kind.SCHOOL:
            errors = {
                name: _("Only for schools.")
                for name, value in school_only.items()
                if value
            }
            if errors:
                raise ValidationError(errors)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(
        self, email: str, password: str | None = None, **extra
    ) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Bruker: logs in with e-mail. Never holds a national identity number."""

    class ReminderMode(models.TextChoices):
        DIGEST = "digest", _("One daily digest")
        SINGLE = "single", _("One e-mail per item")
        OFF = "off", _("No reminders by e-mail")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency"),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )
    reminder_mode = models.CharField(
        _("reminders"),
        max_length=10,
        choices=ReminderMode.choices,
        default=ReminderMode.DIGEST,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff (admin site)"), default=False)
    is_service_account = models.BooleanField(_("service account"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    """A user's role in an area (Membership.role)."""

    COORDINATOR = "coordinator", _("SLT coordinator")
    STEERING_MEMBER = "steering_member", _("Steering group member")
    COORDINATION_MEMBER = "coordination_member", _("Coordination group member")
    OPERATIVE = "operative", _("Operational level member")
    POLICE_CONTACT = "police_contact", _("Police contact")
    SECRETARIAT = "secretariat", _("City secretariat")
    VIEWER = "viewer", _("Read access")


class MembershipQuerySet(TenantQuerySet):
    def active_on(self, day: dt.date) -> MembershipQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


@pghistory.track()
class Membership(TenantModel):
    """A user's role in an area; the source of every right."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency"),
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = tenant_manager(MembershipQuerySet)

    class Meta:
        ordering = ["area__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "area", "role"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_row_per_role",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["user", "area"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    def clean(self) -> None:
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end cannot be before the start.")}
            )


@pghistory.track()
class Group(TenantModel):
    """Organ: a styringsgruppe, koordineringsgruppe, ungdomsteam, nettverk …"""

    class Level(models.TextChoices):
        STEERING = "steering", _("Steering level")
        COORDINATING = "coordinating", _("Coordinating level")
        OPERATIONAL = "operational", _("Operational level")

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        POLICE_COUNCIL = "police_council", _("Police council")
        COORDINATION_GROUP = "coordination_group", _("Coordination group")
        OPERATIONAL_TEAM = "operational_team", _("Operational team")
        NETWORK = "network", _("Network")
        WORKING_GROUP = "working_group", _("Working group")
        CORE_GROUP = "core_group", _("Core group")
        CONSULTATION_TEAM = "consultation_team", _("Consultation team")
        GATHERING = "gathering", _("Annual gathering")

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        EVERY_2_WEEKS = "every_2_weeks", _("Every 2 weeks")
        EVERY_3_WEEKS = "every_3_weeks", _("Every 3 weeks")
        EVERY_4_WEEKS = "every_4_weeks", _("Every 4 weeks")
        MONTHLY = "monthly", _("Monthly")
        EVERY_2_MONTHS = "every_2_months", _("Every 2 months")
        QUARTERLY = "quarterly", _("Quarterly")
        AD_HOC = "ad_hoc", _("When needed")

    class ConfidentialityMode(models.TextChoices):
        SYSTEM_ONLY = "system_only", _("System level only")
        ANONYMISED = "anonymised", _("Anonymised case discussion")
        NAMED = "named", _("Named individual cases (with legal basis)")

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    mandate = models.TextField(_("mandate"), blank=True)
    reports_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_groups",
        verbose_name=_("reports to"),
    )
    anchored_in = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        verbose_name=_("anchored in"),
    )
    acts_as_steering_group = models.BooleanField(
        _("acts as steering group"), default=False
    )
    covered_areas = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("covered areas")
    )
    cadence = models.CharField(
        _("meeting frequency"), max_length=16, choices=Cadence.choices
    )
    min_meetings_per_year = models.PositiveSmallIntegerField(
        _("minimum meetings per year"), null=True, blank=True
    )
    skip_months = ArrayField(
        models.PositiveSmallIntegerField(
            validators=[MinValueValidator(1), MaxValueValidator(12)]
        ),
        default=list,
        blank=True,
        verbose_name=_("months without meetings"),
    )
    confidentiality_mode = models.CharField(
        _("confidentiality mode"),
        max_length=16,
        choices=ConfidentialityMode.choices,
        default=ConfidentialityMode.SYSTEM_ONLY,
    )
    age_from = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True)
    coverage = models.CharField(_("coverage"), max_length=200, blank=True)
    established_on = models.DateField(_("established"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved"), null=True, blank=True)

    class Meta:
        ordering = ["area__name", "level", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        indexes = [models.Index(fields=["area", "level"])]

    def __str__(self) -> str:
        return self.name

    STEERING_KINDS = frozenset({Kind.STEERING_GROUP, Kind.POLICE_COUNCIL})

    @property
    def is_strategic(self) -> bool:
        """Strategic bodies never see individual-level data (rule C1)."""
        return self.level == self.Level.STEERING or self.kind in self.STEERING_KINDS

    @property
    def required_meetings_per_year(self) -> int | None:
        """The frequency rule's minimum (M1/M2), with the product defaults."""
        if self.min_meetings_per_year is not None:
            return self.min_meetings_per_year
        if self.kind == self.Kind.POLICE_COUNCIL and not self.acts_as_steering_group:
            return None
        if self.level == self.Level.STEERING:
            return settings.SLT["STEERING_MIN_MEETINGS"]
        if self.kind == self.Kind.COORDINATION_GROUP:
            return settings.SLT["COORDINATION_MIN_MEETINGS"]
        return None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        mode = self.ConfidentialityMode
        if self.kind in self.STEERING_KINDS and self.level != self.Level.STEERING:
            errors["level"] = _(
                "A steering group or police council is at steering level."
            )
        if self.is_strategic and self.confidentiality_mode != mode.SYSTEM_ONLY:
            errors["confidentiality_mode"] = _(
                "Strategic bodies handle system-level matters only, never "
                "individual cases."
            )
        if (
            self.level == self.Level.COORDINATING
            and self.confidentiality_mode == mode.NAMED
        ):
            errors["confidentiality_mode"] = _(
                "A coordinating group may at most discuss anonymised cases."
            )
        if self.acts_as_steering_group and self.kind != self.Kind.POLICE_COUNCIL:
            errors["acts_as_steering_group"] = _(
                "Only a police council can act as the steering group."
            )
        if self.age_from and self.age_to and self.age_from > self.age_to:
            errors["age_to"] = _("The upper age must be at least the lower age.")
        if (
            self.established_on
            and self.dissolved_on
            and self.dissolved_on < self.established_on
        ):
            errors["dissolved_on"] = _("A group cannot be dissolved before it started.")
        if errors:
            raise ValidationError(errors)


class GroupMemberQuerySet(TenantQuerySet):
    def active_on(self, day: dt.date) -> GroupMemberQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


@pghistory.track()
class GroupMember(TenantModel):
    """Medlem i et organ: a person, the agency they represent, and their role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="group_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    position_title = models.CharField(_("position"), max_length=150, blank=True)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = tenant_manager(GroupMemberQuerySet)

    class Meta:
        ordering = ["group", "role", "user__full_name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", end_date__isnull=True),
                name="groupmember_one_open_chair",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="groupmember_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["group", "end_date"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.group})"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end cannot be before the start.")}
            )


@pghistory.track()
class ApiKey(TenantModel):
    """API-nøkkel: a machine client's key, for one area and one role.

    Only a SHA-256 digest is stored; the key itself is shown once when created.
    """

    class Role(models.TextChoices):
        SYSTEM_CLIENT = "system_client", _("System client (no personal data)")
        VIEWER = "viewer", _("Read access")
        COORDINATOR = "coordinator", _("SLT coordinator")
        POLICE_CONTACT = "police_contact", _("Police contact")
        COORDINATION_MEMBER = "coordination_member", _("Coordination group member")

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    service_user = models.OneToOneField(
        User, on_delete=models.PROTECT, related_name="api_key"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    is_api_key = True  # lets tenancy tell a key from other request.auth values

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > now
        )
