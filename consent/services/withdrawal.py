"""Trekke tilbake samtykke (rule C7): effective at once, recipients are told."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consent import audit
from consent.models import AccessLog, Consent, ConsentTask, Disclosure
from consent.policy import Actor
from consent.services.common import stop_disclosure
from municipalities.models import GroupMember, Membership, User
from slt_portal.email import EmailMessageSpec, email_enqueue_many
from slt_portal.exceptions import ApplicationError

Action = AccessLog.Action


def withdrawal_parties(consent: Consent) -> list[tuple[str, str]]:
    """Who can withdraw: the young person and each guardian who consented."""
    parties = [("subject", _("The young person"))]
    parties += [
        (f"guardian:{cg.guardian_id}", cg.guardian.label)
        for cg in consent.guardian_consents.select_related("guardian")
    ]
    return parties


@transaction.atomic
def consent_withdraw(
    *,
    actor: Actor,
    consent: Consent,
    party: str,
    note: str = "",
    withdrawn_at: dt.datetime | None = None,
) -> Consent:
    """Trekk tilbake samtykke: effective at once, in one transaction (C7).

    Any one party's withdrawal ends the whole consent [A]. Open disclosures of the
    young person and named links to meetings not yet held are stopped; disclosures
    already made stay in the log. The agencies that received information are told.
    """
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.status not in Consent.OPEN_STATUSES:
        raise ApplicationError(
            _("This consent has already ended (%(status)s).")
            % {"status": consent.get_status_display()}
        )
    if party not in dict(withdrawal_parties(consent)):
        raise ApplicationError(_("Choose who withdraws the consent."), field="party")
    now = timezone.now()
    withdrawn_at = _check_withdrawal_time(consent, withdrawn_at or now, now)
    consent.status = Consent.Status.WITHDRAWN
    consent.withdrawn_at = withdrawn_at
    consent.ended_at = withdrawn_at
    consent.withdrawn_by_party = party
    consent.withdrawal_note = (note or "").strip()
    consent.withdrawal_recorded_by = actor.user
    consent.full_clean()
    consent.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "ended_at",
            "withdrawn_by_party",
            "withdrawal_note",
            "withdrawal_recorded_by",
            "updated_at",
        ]
    )
    reason = _("The consent was withdrawn.")
    stopped = Disclosure.objects.filter(subject_id=consent.subject_id).filter(
        Q(status__in=Disclosure.OPEN_STATUSES)
        | Q(
            consent=consent,
            status=Disclosure.Status.DISCLOSED,
            meeting__starts_at__gt=now,
        )
    )
    for disclosure in stopped:
        stop_disclosure(actor=actor, disclosure=disclosure, reason=reason, at=now)
    ConsentTask.objects.filter(consent=consent, status=ConsentTask.Status.OPEN).update(
        status=ConsentTask.Status.CANCELLED, completed_at=now
    )
    audit.log(
        actor=actor,
        obj=consent,
        action=Action.WITHDRAW,
        detail=["status", "withdrawn_at", "withdrawn_by_party", "withdrawal_note"],
        legal_basis="consent",
    )
    _notify_withdrawal(consent)
    return consent


def _check_withdrawal_time(
    consent: Consent, withdrawn_at: dt.datetime, now: dt.datetime
) -> dt.datetime:
    """A withdrawal made known earlier (e.g. by phone) may be recorded afterwards,
    but not before the consent was given nor before something shared on it."""
    if withdrawn_at > now:
        raise ApplicationError(
            _("A withdrawal cannot be dated in the future."), field="withdrawn_at"
        )
    if withdrawn_at < consent.given_at:
        raise ApplicationError(
            _("A withdrawal cannot be dated before the consent was given."),
            field="withdrawn_at",
        )
    if consent.disclosures.filter(disclosed_at__gt=withdrawn_at).exists():
        raise ApplicationError(
            _(
                "Information was shared on this consent after that time. Give the "
                "time the withdrawal was made known."
            ),
            field="withdrawn_at",
        )
    return withdrawn_at


def withdrawal_recipients(consent: Consent) -> list[User]:
    """The people told of a withdrawal: the area's coordinators, and everyone with
    a role in the area for an agency (or in a group) that received information."""
    disclosures = Disclosure.objects.with_scopes_disabled().filter(consent=consent)
    agency_ids = {
        a for a in disclosures.values_list("to_agency_id", flat=True) if a is not None
    }
    group_ids = {
        g for g in disclosures.values_list("to_group_id", flat=True) if g is not None
    }
    today = timezone.localdate()
    memberships = (
        Membership.objects.with_scopes_disabled()
        .filter(area_id=consent.area_id)
        .active_on(today)
    )
    user_ids = set(
        memberships.filter(
            Q(role="coordinator")
            | Q(agency_id__in=agency_ids)
            | Q(user__agency_id__in=agency_ids)
        ).values_list("user_id", flat=True)
    )
    user_ids |= set(
        GroupMember.objects.with_scopes_disabled()
        .filter(group_id__in=group_ids)
        .active_on(today)
        .values_list("user_id", flat=True)
    )
    return list(
        User.objects.filter(
            pk__in=user_ids, is_active=True, is_service_account=False
        ).order_by("pk")
    )


def _notify_withdrawal(consent: Consent) -> None:
    path = reverse(
        "consent:consent_detail",
        kwargs={"area_slug": consent.area.slug, "pk": consent.pk},
    )
    withdrawn_on = timezone.localtime(consent.withdrawn_at).date().isoformat()
    specs = [
        EmailMessageSpec(
            key=f"consent-withdrawn:{consent.pk}:{user.pk}",
            to_address=user.email,
            template="consent_withdrawn",
            context={
                "recipient_name": user.full_name,
                "pseudonym": consent.subject.pseudonym,
                "area_name": consent.area.name,
                "withdrawn_on": withdrawn_on,
                "path": path,
            },
            to_user_id=user.pk,
            area_id=consent.area_id,
            language=user.language,
        )
        for user in withdrawal_recipients(consent)
    ]
    email_enqueue_many(specs=specs)
