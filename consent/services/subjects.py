"""Young people (pseudonymised), their guardians, access grants, closing and erasure."""

from __future__ import annotations

import secrets
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from consent import audit, policy
from consent.models import (
    AccessLog,
    Consent,
    ConsentTask,
    Disclosure,
    Guardian,
    Subject,
    SubjectUserObjectPermission,
)
from consent.policy import Actor
from consent.services.common import (
    add_months,
    require_open_subject,
    stop_disclosure,
)
from consent.validators import validate_pseudonym
from municipalities import selectors as municipality_selectors
from municipalities.models import Agency, Area, Membership, User
from slt_portal.exceptions import ApplicationError

Action = AccessLog.Action
# No 0/O or 1/I: pseudonyms are read aloud and copied by hand.
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
OLDEST_AGE = 30  # [A] the portal follows children and young people


def new_pseudonym(*, area: Area) -> str:
    """A random pseudonym, e.g. UNG-7KQ2, unique in the area; never derived from
    anything about the person (C12)."""
    for _attempt in range(50):
        code = "UNG-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(4))
        if (
            not Subject.objects.with_scopes_disabled()
            .filter(area=area, pseudonym=code)
            .exists()
        ):
            return code
    raise ApplicationError(_("Could not make a free pseudonym; try again."))


def _check_agency(area: Area, agency: Agency | None, field: str) -> None:
    allowed = municipality_selectors.agency_list(area=area)
    if agency is None or not allowed.filter(pk=agency.pk).exists():
        raise ApplicationError(
            _("Choose an agency of this area."), field=field, code="agency"
        )


@transaction.atomic
def subject_create(
    *,
    actor: Actor,
    area: Area,
    birth_year: int,
    identity_held_by: Agency,
    pseudonym: str | None = None,
) -> Subject:
    """Registrer ung person: pseudonym, birth year and who holds the identity."""
    this_year = timezone.localdate().year
    if birth_year is None or not (this_year - OLDEST_AGE <= birth_year <= this_year):
        raise ApplicationError(
            _("Give a birth year between %(first)s and %(last)s.")
            % {"first": this_year - OLDEST_AGE, "last": this_year},
            field="birth_year",
        )
    _check_agency(area, identity_held_by, "identity_held_by")
    if pseudonym is not None:
        validate_pseudonym(pseudonym)
    subject = Subject(
        area=area,
        pseudonym=pseudonym or new_pseudonym(area=area),
        birth_year=birth_year,
        identity_held_by=identity_held_by,
        created_by=actor.user,
    )
    subject.full_clean()
    subject.save()
    audit.log(
        actor=actor,
        obj=subject,
        action=Action.CREATE,
        detail=["pseudonym", "birth_year", "identity_held_by"],
    )
    return subject


@transaction.atomic
def guardian_create(
    *,
    actor: Actor,
    subject: Subject,
    label: str,
    relation: str = Guardian.Relation.PARENT,
    has_parental_responsibility: bool = True,
) -> Guardian:
    """Registrer verge as a labelled party («Verge 1»), never by name."""
    require_open_subject(subject)
    label = (label or "").strip()
    if Guardian.objects.filter(subject=subject, label__iexact=label).exists():
        raise ApplicationError(
            _("This young person already has a guardian with that label."),
            field="label",
        )
    guardian = Guardian(
        area=subject.area,
        subject=subject,
        label=label,
        relation=relation,
        has_parental_responsibility=has_parental_responsibility,
        created_by=actor.user,
    )
    guardian.full_clean()
    guardian.save()
    audit.log(
        actor=actor,
        obj=guardian,
        action=Action.CREATE,
        detail=["label", "relation", "has_parental_responsibility"],
    )
    return guardian


# --- Access grants (django-guardian, per young person) -----------------------------


def _check_grantee(subject: Subject, user: User) -> None:
    """Only people with a working role in the area; never strategic roles (C1)."""
    today = timezone.localdate()
    roles = set(
        Membership.objects.with_scopes_disabled()
        .filter(user=user, area_id=subject.area_id)
        .active_on(today)
        .values_list("role", flat=True)
    )
    if not roles & policy.MEMBER_ROLES or user.is_service_account:
        raise ApplicationError(
            _(
                "Access can only be given to people with an operational, "
                "coordinating or police-contact role in this area."
            ),
            field="user",
        )


@transaction.atomic
def subject_access_grant(*, actor: Actor, subject: Subject, user: User) -> None:
    """Gi tilgang: let one more person see this young person (logged ``grant``)."""
    require_open_subject(subject)
    _check_grantee(subject, user)
    if SubjectUserObjectPermission.objects.filter(
        content_object=subject, user=user
    ).exists():
        raise ApplicationError(_("This person already has access."), field="user")
    assign_perm(policy.VIEW_PERMISSION, user, subject)
    audit.log(actor=actor, obj=subject, action=Action.GRANT, detail=f"user:{user.pk}")


@transaction.atomic
def subject_access_revoke(*, actor: Actor, subject: Subject, user: User) -> None:
    """Fjern tilgang (logged ``revoke``)."""
    if not SubjectUserObjectPermission.objects.filter(
        content_object=subject, user=user
    ).exists():
        raise ApplicationError(_("This person has no given access."), field="user")
    remove_perm(policy.VIEW_PERMISSION, user, subject)
    audit.log(actor=actor, obj=subject, action=Action.REVOKE, detail=f"user:{user.pk}")


# --- Closing and erasure ----------------------------------------------------------


@transaction.atomic
def subject_close(*, actor: Actor, subject: Subject, reason: str) -> Subject:
    """Avslutt oppfølging: sharing stops, and the data is deleted after the
    retention period (``SUBJECT_RETENTION_MONTHS``)."""
    require_open_subject(subject)
    if reason not in Subject.ClosedReason.values:
        raise ApplicationError(_("Choose why the follow-up ends."), field="reason")
    now = timezone.now()
    today = timezone.localdate()
    for consent in Consent.objects.filter(
        subject=subject, status__in=Consent.OPEN_STATUSES
    ):
        consent.status = Consent.Status.EXPIRED
        consent.ended_at = now
        consent.valid_until = max(consent.valid_from, min(consent.valid_until, today))
        consent.save(update_fields=["status", "ended_at", "valid_until", "updated_at"])
        audit.log(
            actor=actor,
            obj=consent,
            action=Action.UPDATE,
            detail=["status", "ended_at", "valid_until"],
        )
    _cancel_open_disclosures(actor, subject, _("The follow-up was closed."))
    ConsentTask.objects.filter(subject=subject, status=ConsentTask.Status.OPEN).update(
        status=ConsentTask.Status.CANCELLED, completed_at=now
    )
    subject.status = Subject.Status.CLOSED
    subject.closed_at = now
    subject.closed_reason = reason
    subject.delete_after = add_months(today, settings.SLT["SUBJECT_RETENTION_MONTHS"])
    subject.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_reason",
            "delete_after",
            "updated_at",
        ]
    )
    audit.log(
        actor=actor,
        obj=subject,
        action=Action.UPDATE,
        detail=["status", "closed_at", "closed_reason", "delete_after"],
    )
    return subject


def _cancel_open_disclosures(actor: Actor, subject: Subject, reason: str) -> int:
    now = timezone.now()
    cancelled = 0
    for disclosure in Disclosure.objects.filter(
        subject=subject, status__in=Disclosure.OPEN_STATUSES
    ):
        stop_disclosure(actor=actor, disclosure=disclosure, reason=reason, at=now)
        cancelled += 1
    return cancelled


@transaction.atomic
def subject_erase(*, actor: Actor, subject: Subject) -> Subject:
    """Slett personopplysninger when the retention period has run out.

    Guardians, consents, disclosures, tasks and access grants are deleted; the
    Subject row stays as a tombstone with its random pseudonym (the access log
    refers to it) and anonymous counts only.
    """
    today = timezone.localdate()
    if subject.is_erased:
        return subject
    if subject.status != Subject.Status.CLOSED or not (
        subject.delete_after and subject.delete_after <= today
    ):
        raise ApplicationError(
            _("Only a closed follow-up whose retention period has run out is deleted.")
        )
    disclosures = Disclosure.objects.filter(subject=subject)
    counts = {
        "consents": Consent.objects.filter(subject=subject).count(),
        "disclosures": dict(
            Counter(
                disclosures.filter(status=Disclosure.Status.DISCLOSED).values_list(
                    "legal_basis", flat=True
                )
            )
        ),
    }
    ConsentTask.objects.filter(subject=subject).delete()
    disclosures.delete()
    for consent in Consent.objects.filter(subject=subject):
        consent.guardian_consents.all().delete()
        consent.recipient_agencies.clear()
        consent.recipient_groups.clear()
    Consent.objects.filter(subject=subject).update(supersedes=None)
    Consent.objects.filter(subject=subject).delete()
    Guardian.objects.filter(subject=subject).delete()
    SubjectUserObjectPermission.objects.filter(content_object=subject).delete()
    subject.birth_year = None
    subject.identity_held_by = None
    subject.review_flagged_at = None
    subject.erased_at = timezone.now()
    subject.retained_counts = counts
    subject.save(
        update_fields=[
            "birth_year",
            "identity_held_by",
            "review_flagged_at",
            "erased_at",
            "retained_counts",
            "updated_at",
        ]
    )
    audit.log(
        actor=actor,
        obj=subject,
        action=Action.UPDATE,
        detail=["erased_at", "birth_year", "identity_held_by", "retained_counts"],
    )
    return subject
