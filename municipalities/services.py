"""Writes for areas, memberships and API keys."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import ApiKey, Area, Membership, User
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


def api_key_touch(*, api_key: ApiKey) -> None:
    """Record use at most once a minute, so reads stay cheap."""
    now = timezone.now()
    if api_key.last_used_at and now - api_key.last_used_at < dt.timedelta(minutes=1):
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
