"""Writes for areas, memberships, API keys, and groups (organer) with members."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from municipalities.models import ApiKey, Area, Group, GroupMember, Membership, User
from slt_portal.exceptions import ApplicationError

API_KEY_PREFIX = "slt"


def _new_raw_key() -> tuple[str, str]:
    """A key looks like ``slt_<prefix>_<secret>``; the prefix identifies it in lists."""
    prefix = secrets.token_hex(4)
    return prefix, f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_key_create(
    *,
    area: Area,
    name: str,
    role: str,
    created_by: User,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiKey, str]:
    """Opprett API-nøkkel. Returns the key and its raw value, which is shown once."""
    if role not in ApiKey.Role.values:
        raise ApplicationError(_("Unknown role for an API key."), field="role")
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            _("The expiry must be in the future."), field="expires_at"
        )
    prefix, raw_key = _new_raw_key()
    service_user = User.objects.create_user(
        email=f"api-{prefix}@service.invalid",
        full_name=f"API: {name}",
        is_service_account=True,
    )
    api_key = ApiKey(
        area=area,
        name=name,
        role=role,
        prefix=prefix,
        key_hash=hashlib.sha256(raw_key.encode()).hexdigest(),
        service_user=service_user,
        expires_at=expires_at,
        created_by=created_by,
    )
    api_key.full_clean()
    api_key.save()
    return api_key, raw_key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, revoked_by: User) -> ApiKey:
    """Trekk tilbake API-nøkkel: it answers 401 from the next request on."""
    if api_key.revoked_at is not None:
        raise ApplicationError(_("This key is already revoked."))
    api_key.revoked_at = timezone.now()
    api_key.revoked_by = revoked_by
    api_key.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    User.objects.filter(pk=api_key.service_user_id).update(is_active=False)
    return api_key


TOUCH_INTERVAL = dt.timedelta(minutes=1)


def api_key_touch(*, api_key: ApiKey) -> None:
    """Record use at most once a minute, so reads stay cheap.

    The key itself comes from a cache (its ``last_used_at`` may be old), so the
    minute is claimed in Redis: one process writes, the others skip.
    """
    now = timezone.now()
    if api_key.last_used_at and now - api_key.last_used_at < TOUCH_INTERVAL:
        return
    seconds = int(TOUCH_INTERVAL.total_seconds())
    if not cache.add(f"api-key-touched:{api_key.pk}", True, timeout=seconds):
        return
    ApiKey.objects.with_scopes_disabled().filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now


@transaction.atomic
def membership_create(
    *,
    user: User,
    area: Area,
    role: str,
    created_by: User | None,
    agency=None,
    start_date: dt.date | None = None,
) -> Membership:
    """Gi rolle i et område."""
    membership = Membership(
        user=user,
        area=area,
        role=role,
        agency=agency,
        start_date=start_date or timezone.localdate(),
        created_by=created_by,
    )
    membership.full_clean(validate_constraints=False)
    if (
        Membership.objects.with_scopes_disabled()
        .filter(user=user, area=area, role=role, end_date__isnull=True)
        .exists()
    ):
        raise ApplicationError(
            _("This person already has this role here."), field="role"
        )
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: dt.date | None = None) -> None:
    """Avslutt rolle; the row is kept as history."""
    end_date = end_date or timezone.localdate()
    if end_date < membership.start_date:
        raise ApplicationError(
            _("The end cannot be before the start."), field="end_date"
        )
    membership.end_date = end_date
    membership.save(update_fields=["end_date", "updated_at"])


@transaction.atomic
def person_invite(
    *,
    area: Area,
    email: str,
    full_name: str,
    role: str,
    invited_by: User,
    agency=None,
    start_date: dt.date | None = None,
) -> Membership:
    """Inviter person: find or create the user, give the role, e-mail a login link.

    A new user gets no password; the invitation carries a one-time link to set one.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, full_name=full_name)
    elif user.is_service_account:
        raise ApplicationError(_("This address belongs to an API key."), field="email")
    membership = membership_create(
        user=user,
        area=area,
        role=role,
        agency=agency,
        start_date=start_date,
        created_by=invited_by,
    )
    _send_invitation(
        user=user, membership=membership, invited_by=invited_by, new=created
    )
    return membership


def _send_invitation(
    *, user: User, membership: Membership, invited_by: User, new: bool
):
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from slt_portal.email import email_enqueue

    context = {
        "recipient_name": user.full_name,
        "area_name": membership.area.name,
        "role": str(membership.get_role_display()),
        "invited_by": invited_by.full_name,
        "login_path": reverse("accounts:login"),
    }
    if new or not user.has_usable_password():
        context["set_password_path"] = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    email_enqueue(
        key=f"invitation:{membership.pk}",
        to_address=user.email,
        to_user=user,
        area=membership.area,
        template="invitation",
        context=context,
    )


# --- Groups (organer) and their members ---------------------------------------------

GROUP_FIELDS = (
    "name",
    "level",
    "kind",
    "mandate",
    "reports_to",
    "anchored_in",
    "acts_as_steering_group",
    "cadence",
    "min_meetings_per_year",
    "skip_months",
    "confidentiality_mode",
    "age_from",
    "age_to",
    "coverage",
    "established_on",
    "dissolved_on",
)
# The coordinator is secretary of these by default (handbook L341, L393).
SECRETARY_BY_DEFAULT = frozenset(
    {Group.Kind.STEERING_GROUP, Group.Kind.COORDINATION_GROUP}
)


def _check_group_links(group: Group) -> None:
    from municipalities.selectors import area_ancestor_ids

    allowed = {group.area_id, *area_ancestor_ids(area=group.area)}
    for field in ("reports_to", "anchored_in"):
        other = getattr(group, field)
        if other is None:
            continue
        if group.pk and other.pk == group.pk:
            raise ApplicationError(_("A group cannot point to itself."), field=field)
        if other.area_id not in allowed:
            raise ApplicationError(
                _("Choose a group in this area or the municipality above."),
                field=field,
            )


def _apply_group_defaults(group: Group) -> None:
    """Strategic bodies handle system-level matters only (rule C1)."""
    if group.kind in Group.STEERING_KINDS:
        group.level = Group.Level.STEERING
    if group.is_strategic:
        group.confidentiality_mode = Group.ConfidentialityMode.SYSTEM_ONLY


@transaction.atomic
def group_create(
    *,
    area: Area,
    created_by: User,
    covered_areas=None,
    secretary_agency=None,
    **fields,
) -> Group:
    """Opprett organ. The coordinator who creates a styringsgruppe or
    koordineringsgruppe becomes its secretary (rule M3)."""
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown group fields: {sorted(unknown)}")
    group = Group(area=area, created_by=created_by, **fields)
    _apply_group_defaults(group)
    _check_group_links(group)
    group.full_clean()
    group.save()
    group.covered_areas.set(covered_areas or [area])
    if group.kind in SECRETARY_BY_DEFAULT:
        _coordinator_as_secretary(group, created_by, secretary_agency)
    return group


def _coordinator_as_secretary(group: Group, user: User, agency) -> None:
    """Add the creating coordinator as secretary, representing their agency (their
    role's, their own, or the area's SLT function). Without one, nothing is added
    and the dashboard flags the missing secretary (rule M3)."""
    from municipalities.models import Agency
    from municipalities.selectors import active_membership_for

    membership = active_membership_for(user=user, area=group.area, role="coordinator")
    if membership is None:
        return
    agency = (
        agency
        or membership.agency
        or user.agency
        or Agency.objects.for_area(group.area)
        .filter(kind=Agency.Kind.SLT_FUNCTION, is_active=True)
        .order_by("pk")
        .first()
    )
    if agency is None:
        return
    with translation.override(settings.LANGUAGE_CODE):  # stored: bokmål
        title = _("SLT coordinator")
    group_member_add(
        group=group,
        user=user,
        agency=agency,
        role=GroupMember.Role.SECRETARY,
        position_title=title,
        created_by=user,
    )


@transaction.atomic
def group_update(
    *, group: Group, updated_by: User, covered_areas=None, **fields
) -> Group:
    """Endre organ (mandate, frequency rule, confidentiality mode …)."""
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown group fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(group, name, value)
    _apply_group_defaults(group)
    _check_group_links(group)
    group.full_clean()
    group.save()
    if covered_areas is not None:
        group.covered_areas.set(covered_areas or [group.area])
    return group


@transaction.atomic
def group_structure_create(*, area: Area, created_by: User, agency=None) -> list[Group]:
    """Sett opp de tre nivåene: a styringsgruppe, a koordineringsgruppe and one
    operational team, linked upwards, with the coordinator as secretary."""
    existing = set(
        Group.objects.for_area(area)
        .filter(dissolved_on__isnull=True)
        .values_list("level", flat=True)
    )
    if existing:
        raise ApplicationError(
            _("The area already has groups; add the missing ones one by one.")
        )
    with translation.override(settings.LANGUAGE_CODE):  # stored names: bokmål
        return _three_levels(area, created_by, agency)


def _three_levels(area: Area, created_by: User, agency) -> list[Group]:
    steering = group_create(
        area=area,
        created_by=created_by,
        secretary_agency=agency,
        name=_("Steering group"),
        level=Group.Level.STEERING,
        kind=Group.Kind.STEERING_GROUP,
        cadence=Group.Cadence.QUARTERLY,
        mandate=_(
            "Sets goals and priorities for the SLT work, approves the action plan, "
            "makes sure knowledge is gathered and has the final say. Handles "
            "system-level matters only."
        ),
    )
    coordination = group_create(
        area=area,
        created_by=created_by,
        secretary_agency=agency,
        name=_("Coordination group"),
        level=Group.Level.COORDINATING,
        kind=Group.Kind.COORDINATION_GROUP,
        cadence=Group.Cadence.MONTHLY,
        skip_months=list(settings.SLT["DEFAULT_SKIP_MONTHS"]),
        confidentiality_mode=Group.ConfidentialityMode.ANONYMISED,
        reports_to=steering,
        mandate=_(
            "Uncovers challenges, decides and coordinates measures, makes sure they "
            "are evaluated, and reports to the steering group."
        ),
    )
    team = group_create(
        area=area,
        created_by=created_by,
        name=_("Youth team"),
        level=Group.Level.OPERATIONAL,
        kind=Group.Kind.OPERATIONAL_TEAM,
        cadence=Group.Cadence.EVERY_4_WEEKS,
        skip_months=list(settings.SLT["DEFAULT_SKIP_MONTHS"]),
        reports_to=coordination,
        mandate=_(
            "Practical work with children and young people; raises matters to the "
            "coordination group."
        ),
    )
    return [steering, coordination, team]


@transaction.atomic
def group_member_add(
    *,
    group: Group,
    user: User,
    agency,
    role: str = GroupMember.Role.MEMBER,
    position_title: str = "",
    start_date: dt.date | None = None,
    created_by: User | None = None,
) -> GroupMember:
    """Legg til medlem: a person, the agency they represent and their role."""
    start_date = start_date or timezone.localdate()
    if agency is None:
        raise ApplicationError(
            _("Choose the agency the member represents."), field="agency"
        )
    if user.is_service_account:
        raise ApplicationError(_("An API key cannot be a member."), field="user")
    active = GroupMember.objects.for_area(group.area_id).filter(
        group=group, end_date__isnull=True
    )
    if active.filter(user=user).exists():
        raise ApplicationError(
            _("%(name)s is already a member of this group.") % {"name": user.full_name},
            field="user",
        )
    if role == GroupMember.Role.CHAIR and active.filter(role=role).exists():
        raise ApplicationError(
            _("The group already has a chair; end that role first."), field="role"
        )
    member = GroupMember(
        area=group.area,
        group=group,
        user=user,
        agency=agency,
        role=role,
        position_title=position_title.strip(),
        start_date=start_date,
        created_by=created_by,
    )
    member.full_clean(validate_constraints=False)
    member.save()
    return member


@transaction.atomic
def group_member_add_person(
    *,
    group: Group,
    email: str,
    full_name: str,
    agency,
    created_by: User,
    **member_fields,
) -> GroupMember:
    """Add someone who has no role in the portal yet. They get no login (no usable
    password) but receive the group's notices and minutes by e-mail."""
    email = User.objects.normalize_email(email).lower()
    if not full_name.strip():
        raise ApplicationError(_("Write the person's name."), field="full_name")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name.strip())
    return group_member_add(
        group=group, user=user, agency=agency, created_by=created_by, **member_fields
    )


@transaction.atomic
def group_member_end(
    *, member: GroupMember, end_date: dt.date | None = None
) -> GroupMember:
    """Avslutt medlemskap; the row stays as history («medlem fra … til …»)."""
    end_date = end_date or timezone.localdate()
    if member.end_date is not None:
        raise ApplicationError(_("This membership has already ended."))
    if end_date < member.start_date:
        raise ApplicationError(
            _("The end cannot be before the start."), field="end_date"
        )
    member.end_date = end_date
    member.save(update_fields=["end_date", "updated_at"])
    return member
