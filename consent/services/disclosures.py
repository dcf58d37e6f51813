"""Deling: every sharing of individual information, with exactly one legal basis.

A disclosure the basis does not cover is refused with the reason (rules C1–C4,
C8–C10); the refused attempt is written to the access log as ``denied``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consent import audit
from consent.legal import AnonymisationCheck, InformationCategory, LegalBasis
from consent.models import AccessLog, Consent, Disclosure, Subject
from consent.policy import Actor
from consent.services.common import (
    require_open_subject,
    required_text,
    stop_disclosure,
)
from municipalities import selectors as municipality_selectors
from municipalities.models import Agency, Group
from slt_portal.anonymisation import describe, find_identifiers
from slt_portal.exceptions import ApplicationError

Action = AccessLog.Action
PUBLIC_SECTORS = frozenset(
    {Agency.Sector.MUNICIPAL, Agency.Sector.COUNTY, Agency.Sector.STATE}
)
# fvl. § 13 b nr. 6: the prosecuting authority (police) or a supervisory authority.
OFFENCE_REPORT_RECIPIENT_KINDS = frozenset(
    {Agency.Kind.POLICE, Agency.Kind.STATE_AGENCY}
)


class NeedsConfirmation(ApplicationError):
    """Text may identify someone: shown as a warning the user must confirm."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message, field=field, code="needs_confirmation")


def disclosure_create(*, actor: Actor, subject: Subject, **fields) -> Disclosure:
    """Registrer deling. Refusals are logged as ``denied`` and re-raised."""
    try:
        return _disclosure_create(actor=actor, subject=subject, **fields)
    except NeedsConfirmation:
        raise
    except ApplicationError as error:
        audit.log_refusal(actor=actor, obj=subject, detail=f"disclosure:{error.code}")
        raise


@transaction.atomic
def _disclosure_create(
    *,
    actor: Actor,
    subject: Subject,
    legal_basis: str,
    from_agency: Agency,
    information_categories: Sequence[str],
    information_description: str,
    purpose: str,
    to_agency: Agency | None = None,
    to_group: Group | None = None,
    meeting=None,
    agenda_item=None,
    consent: Consent | None = None,
    purpose_within_consent: bool = False,
    original_purpose_ref: str = "",
    necessity_justification: str = "",
    anonymisation_attested: bool = False,
    anonymisation_checklist: Sequence[str] = (),
    decided_by_agency: Agency | None = None,
    decision_ref: str = "",
    disclosed_at: dt.datetime | None = None,
    confirm_identifiers: bool = False,
) -> Disclosure:
    require_open_subject(subject)
    if legal_basis not in LegalBasis.values:
        raise ApplicationError(_("Choose one legal basis."), field="legal_basis")
    information_description = required_text(
        information_description,
        "information_description",
        _("Describe what is shared (the minimum needed)."),
    )
    purpose = required_text(purpose, "purpose", _("Describe the purpose."))
    categories = sorted(set(information_categories))
    if not categories or set(categories) - set(InformationCategory.values):
        raise ApplicationError(
            _("Choose which kinds of information are shared."),
            field="information_categories",
        )
    to_group = _check_recipients(
        subject, legal_basis, from_agency, to_agency, to_group, meeting, agenda_item
    )
    now = timezone.now()
    offence_report = legal_basis == LegalBasis.OFFENCE_REPORT
    if offence_report:
        disclosed_at = None
    else:
        disclosed_at = disclosed_at or now
        if disclosed_at > now:
            raise ApplicationError(
                _("Record a disclosure when it has happened, not before."),
                field="disclosed_at",
            )

    checks = {
        LegalBasis.CONSENT: _check_consent,
        LegalBasis.ANONYMISED: _check_anonymised,
        LegalBasis.SAME_PURPOSE: _check_same_purpose,
        LegalBasis.NECESSARY_FOR_TASKS: _check_necessary,
        LegalBasis.OFFENCE_REPORT: _check_offence_report,
    }
    if legal_basis != LegalBasis.CONSENT and consent is not None:
        raise ApplicationError(
            _("A consent is only given when the basis is consent."), field="consent"
        )
    checks[legal_basis](
        subject=subject,
        consent=consent,
        categories=categories,
        from_agency=from_agency,
        to_agency=to_agency,
        to_group=to_group,
        disclosed_at=disclosed_at,
        purpose_within_consent=purpose_within_consent,
        original_purpose_ref=original_purpose_ref,
        necessity_justification=necessity_justification,
        anonymisation_attested=anonymisation_attested,
        anonymisation_checklist=anonymisation_checklist,
        decided_by_agency=decided_by_agency,
        decision_ref=decision_ref,
    )
    if _goes_unnamed(legal_basis, to_group) and not confirm_identifiers:
        _check_identifiers(information_description, "information_description")
        _check_identifiers(purpose, "purpose")

    disclosure = Disclosure(
        area=subject.area,
        subject=subject,
        legal_basis=legal_basis,
        consent=consent if legal_basis == LegalBasis.CONSENT else None,
        from_agency=from_agency,
        to_agency=to_agency,
        to_group=to_group,
        meeting=meeting,
        agenda_item=agenda_item,
        information_categories=categories,
        information_description=information_description,
        purpose=purpose,
        original_purpose_ref=(original_purpose_ref or "").strip(),
        necessity_justification=(necessity_justification or "").strip(),
        anonymisation_attested=anonymisation_attested,
        anonymisation_checklist=sorted(set(anonymisation_checklist)),
        decided_by_agency=decided_by_agency if offence_report else None,
        decision_ref=(decision_ref or "").strip() if offence_report else "",
        status=(
            Disclosure.Status.PROPOSED
            if offence_report
            else Disclosure.Status.DISCLOSED
        ),
        disclosed_at=disclosed_at,
        disclosed_by=None if offence_report else actor.user,
        created_by=actor.user,
    )
    disclosure.full_clean()
    disclosure.save()
    audit.log(
        actor=actor,
        obj=disclosure,
        action=Action.CREATE if offence_report else Action.DISCLOSE,
        detail=[
            f.name
            for f in Disclosure._meta.concrete_fields
            if getattr(disclosure, f.attname) not in (None, "", [], False)
            and f.name not in {"id", "area", "created_at", "updated_at", "created_by"}
        ],
        legal_basis=legal_basis,
    )
    return disclosure


def _goes_unnamed(legal_basis: str, to_group: Group | None) -> bool:
    """Text that travels anonymised, or to a group without named mode (C2, C8)."""
    return legal_basis == LegalBasis.ANONYMISED or (
        to_group is not None
        and to_group.confidentiality_mode != Group.ConfidentialityMode.NAMED
    )


def _check_identifiers(text: str, field: str) -> None:
    findings = find_identifiers(text)
    if findings:
        raise NeedsConfirmation(
            _(
                "The text may identify someone: %(findings)s. Remove it, or confirm "
                "that recognition is actually impossible."
            )
            % {"findings": describe(findings)},
            field=field,
        )


def _check_recipients(
    subject, legal_basis, from_agency, to_agency, to_group, meeting, agenda_item
) -> Group | None:
    """C1/C2: who may receive, and in which meeting. Returns the receiving group."""
    allowed = set(
        municipality_selectors.agency_list(area=subject.area).values_list(
            "pk", flat=True
        )
    )
    if from_agency is None or from_agency.pk not in allowed:
        raise ApplicationError(
            _("Choose the agency that shares the information."), field="from_agency"
        )
    if meeting is not None:
        if to_group is not None and to_group.pk != meeting.group_id:
            raise ApplicationError(
                _("The meeting belongs to another group."), field="meeting"
            )
        to_group = meeting.group
    if (to_agency is None) == (to_group is None):
        raise ApplicationError(
            _("Choose one recipient: an agency or a group."), field="to_agency"
        )
    if to_agency is not None:
        if to_agency.pk not in allowed:
            raise ApplicationError(
                _("Choose a receiving agency of this area."), field="to_agency"
            )
        if to_agency.pk == from_agency.pk:
            raise ApplicationError(
                _("The agency cannot share with itself."), field="to_agency"
            )
    if to_group is not None:
        _check_group(to_group, legal_basis, meeting)
    if meeting is not None and meeting.status == "cancelled":
        raise ApplicationError(_("The meeting was cancelled."), field="meeting")
    if agenda_item is not None and (
        meeting is None or agenda_item.meeting_id != meeting.pk
    ):
        raise ApplicationError(
            _("The agenda item belongs to another meeting."), field="agenda_item"
        )
    return to_group


def _check_group(group: Group, legal_basis: str, meeting) -> None:
    mode = Group.ConfidentialityMode
    if group.is_strategic:
        raise ApplicationError(
            _(
                "Steering groups and police councils never receive information "
                "about individuals (C1)."
            ),
            field="to_group",
            code="strategic_body",
        )
    if group.confidentiality_mode == mode.SYSTEM_ONLY:
        raise ApplicationError(
            _("«%(group)s» works at system level only: no individual cases.")
            % {"group": group.name},
            field="to_group",
            code="group_mode",
        )
    if meeting is not None and group.confidentiality_mode != mode.NAMED:
        raise ApplicationError(
            _(
                "A young person can only be linked to a meeting of a group with "
                "named individual cases (C2)."
            ),
            field="meeting",
            code="group_mode",
        )
    if (
        group.confidentiality_mode == mode.ANONYMISED
        and legal_basis != LegalBasis.ANONYMISED
    ):
        raise ApplicationError(
            _(
                "«%(group)s» discusses anonymised cases only: share anonymised "
                "(fvl. § 13 a nr. 2) or choose a group with named cases."
            )
            % {"group": group.name},
            field="to_group",
            code="group_mode",
        )


def _check_consent(
    *,
    subject,
    consent,
    categories,
    from_agency,
    to_agency,
    to_group,
    disclosed_at,
    purpose_within_consent,
    **_rest,
) -> None:
    """C4: an active consent on that day, covering categories, parties and purpose."""
    if consent is None or consent.subject_id != subject.pk:
        raise ApplicationError(
            _("Choose the consent this sharing is based on."),
            field="consent",
            code="no_consent",
        )
    # Lock the consent: a withdrawal running at the same moment either finishes
    # first (and this disclosure is refused) or waits until this one is recorded.
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    day = timezone.localtime(disclosed_at).date()
    _check_consent_state(consent, day, disclosed_at)
    outside = sorted(set(categories) - set(consent.information_categories))
    if outside:
        labels = dict(InformationCategory.choices)
        raise ApplicationError(
            _("The consent does not cover this information: %(categories)s.")
            % {"categories": ", ".join(str(labels[c]) for c in outside)},
            field="information_categories",
            code="outside_scope",
        )
    parties = set(consent.recipient_agencies.values_list("pk", flat=True))
    if from_agency.pk not in parties | {consent.recorded_by_agency_id}:
        raise ApplicationError(
            _("The consent does not let %(agency)s share information.")
            % {"agency": from_agency.name},
            field="from_agency",
            code="outside_scope",
        )
    if to_agency is not None and to_agency.pk not in parties:
        raise ApplicationError(
            _("The consent does not let %(agency)s receive information.")
            % {"agency": to_agency.name},
            field="to_agency",
            code="outside_scope",
        )
    if (
        to_group is not None
        and not consent.recipient_groups.filter(pk=to_group.pk).exists()
    ):
        raise ApplicationError(
            _("The consent does not cover discussion in «%(group)s».")
            % {"group": to_group.name},
            field="to_group",
            code="outside_scope",
        )
    if not purpose_within_consent:
        raise ApplicationError(
            _("Confirm that the purpose is within the purpose of the consent."),
            field="purpose_within_consent",
            code="outside_scope",
        )


def _check_consent_state(consent: Consent, day: dt.date, at: dt.datetime) -> None:
    status = Consent.Status
    if consent.status == status.INCOMPLETE:
        raise ApplicationError(
            _(
                "The consent is incomplete: not every guardian with parental "
                "responsibility has consented (C6)."
            ),
            field="consent",
            code="consent_incomplete",
        )
    if consent.status == status.WITHDRAWN or (
        consent.withdrawn_at is not None and consent.withdrawn_at <= at
    ):
        raise ApplicationError(
            _("The consent was withdrawn on %(date)s; nothing more may be shared.")
            % {"date": date_format(timezone.localtime(consent.withdrawn_at))},
            field="consent",
            code="consent_withdrawn",
        )
    if consent.status != status.ACTIVE or not (
        consent.valid_from <= day <= consent.valid_until
    ):
        raise ApplicationError(
            _("The consent is not valid on %(date)s (valid %(from)s–%(until)s).")
            % {
                "date": date_format(day),
                "from": date_format(consent.valid_from),
                "until": date_format(consent.valid_until),
            },
            field="consent",
            code="consent_not_valid",
        )


def _check_anonymised(
    *, anonymisation_attested, anonymisation_checklist, **_rest
) -> None:
    """C8: all identifying traits removed, not only name and place."""
    missing = set(AnonymisationCheck.values) - set(anonymisation_checklist)
    if missing:
        raise ApplicationError(
            _(
                "Go through the whole checklist: removing name and place is not "
                "enough (fvl. § 13 a nr. 2)."
            ),
            field="anonymisation_checklist",
            code="anonymisation",
        )
    if not anonymisation_attested:
        raise ApplicationError(
            _("Confirm that recognition is actually impossible."),
            field="anonymisation_attested",
            code="anonymisation",
        )


def _check_same_purpose(*, original_purpose_ref, **_rest) -> None:
    required_text(
        original_purpose_ref,
        "original_purpose_ref",
        _("State the purpose the information was given or collected for."),
    )


def _check_necessary(*, necessity_justification, to_agency, to_group, **_rest) -> None:
    """C10: fvl. § 13 b nr. 5 allows sharing with another public body only."""
    if to_agency is None or to_group is not None:
        raise ApplicationError(
            _(
                "fvl. § 13 b nr. 5 allows sharing with another public body, "
                "not with a group."
            ),
            field="to_agency",
            code="basis_recipient",
        )
    if to_agency.sector not in PUBLIC_SECTORS:
        raise ApplicationError(
            _("fvl. § 13 b nr. 5 allows sharing with public bodies only."),
            field="to_agency",
            code="basis_recipient",
        )
    required_text(
        necessity_justification,
        "necessity_justification",
        _("Explain why sharing is necessary for your agency's tasks."),
    )


def _check_offence_report(
    *, decided_by_agency, decision_ref, from_agency, to_agency, to_group, **_rest
) -> None:
    """C9: a decision by the body, to the prosecuting or a supervisory authority."""
    if to_agency is None or to_group is not None:
        raise ApplicationError(
            _("An offence is reported to the police or a supervisory authority."),
            field="to_agency",
            code="basis_recipient",
        )
    if to_agency.kind not in OFFENCE_REPORT_RECIPIENT_KINDS:
        raise ApplicationError(
            _("An offence is reported to the police or a supervisory authority."),
            field="to_agency",
            code="basis_recipient",
        )
    if decided_by_agency is None or decided_by_agency.pk != from_agency.pk:
        raise ApplicationError(
            _("The agency that shares must decide (fvl. § 13 b nr. 6)."),
            field="decided_by_agency",
            code="decision",
        )
    required_text(
        decision_ref,
        "decision_ref",
        _("Give the reference to the agency's decision."),
    )


# --- fvl. § 13 b nr. 6: proposed → approved → disclosed ----------------------------


@transaction.atomic
def disclosure_approve(*, actor: Actor, disclosure: Disclosure) -> Disclosure:
    """Besluttet av virksomheten: another person of the deciding agency approves."""
    require_open_subject(disclosure.subject)
    if disclosure.status != Disclosure.Status.PROPOSED:
        raise ApplicationError(_("Only a proposed disclosure can be approved."))
    if actor.user is None or actor.user.pk == disclosure.created_by_id:
        raise ApplicationError(
            _("Someone other than the person who proposed it must approve (C9)."),
            code="decision",
        )
    if disclosure.decided_by_agency_id not in actor.agency_ids:
        raise ApplicationError(
            _("Only someone of %(agency)s can approve on its behalf.")
            % {"agency": disclosure.decided_by_agency},
            code="decision",
        )
    disclosure.status = Disclosure.Status.APPROVED
    disclosure.approved_by = actor.user
    disclosure.approved_at = timezone.now()
    disclosure.save(
        update_fields=["status", "approved_by", "approved_at", "updated_at"]
    )
    audit.log(
        actor=actor,
        obj=disclosure,
        action=Action.UPDATE,
        detail=["status", "approved_by", "approved_at"],
        legal_basis=disclosure.legal_basis,
    )
    return disclosure


@transaction.atomic
def disclosure_mark_disclosed(*, actor: Actor, disclosure: Disclosure) -> Disclosure:
    """Delt: the approved report has been given."""
    require_open_subject(disclosure.subject)
    if disclosure.status != Disclosure.Status.APPROVED:
        raise ApplicationError(_("Only an approved disclosure can be marked shared."))
    disclosure.status = Disclosure.Status.DISCLOSED
    disclosure.disclosed_at = timezone.now()
    disclosure.disclosed_by = actor.user
    disclosure.save(
        update_fields=["status", "disclosed_at", "disclosed_by", "updated_at"]
    )
    audit.log(
        actor=actor,
        obj=disclosure,
        action=Action.DISCLOSE,
        detail=["status", "disclosed_at", "disclosed_by"],
        legal_basis=disclosure.legal_basis,
    )
    return disclosure


@transaction.atomic
def disclosure_cancel(
    *, actor: Actor, disclosure: Disclosure, reason: str
) -> Disclosure:
    """Stans: an open disclosure is stopped; a reason is required."""
    if not disclosure.is_open:
        raise ApplicationError(_("Only an open disclosure can be stopped."))
    reason = required_text(reason, "reason", _("Say why it is stopped."))
    disclosure.cancel_reason = reason
    disclosure.full_clean()  # the field refuses identifiers in free text (C12)
    stop_disclosure(actor=actor, disclosure=disclosure, reason=reason)
    return disclosure
