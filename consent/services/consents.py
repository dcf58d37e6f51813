"""Samtykke: record, complete, confirm in writing, withdraw (rules C4–C7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consent import audit
from consent.legal import InformationCategory
from consent.models import (
    AccessLog,
    Consent,
    ConsentGuardian,
    ConsentTask,
    Guardian,
    Subject,
)
from consent.policy import Actor
from consent.services.common import add_months, require_open_subject, required_text
from municipalities import selectors as municipality_selectors
from municipalities.models import Agency, Group
from slt_portal.exceptions import ApplicationError

Action = AccessLog.Action
WRITTEN_FOLLOW_UP_DAYS = 14  # [A] time to obtain an oral consent in writing


@dataclass(frozen=True)
class GuardianConsentInput:
    guardian: Guardian
    consented_at: dt.datetime
    form: str = Consent.Form.WRITTEN


@dataclass
class ConsentResult:
    consent: Consent
    warnings: list[str] = field(default_factory=list)


def latest_valid_until(*, subject: Subject, given_on: dt.date) -> dt.date:
    """The longest validity the product allows (domain.md §8 [A]).

    ``CONSENT_VALIDITY_MONTHS`` after it was given; a consent given while the young
    person may be under 18 ends at the latest on 31 December of the year they turn
    18, because from then on they alone decide (re-consent at 18).
    """
    until = add_months(given_on, settings.SLT["CONSENT_VALIDITY_MONTHS"])
    if subject.is_minor_on(given_on):
        until = min(until, dt.date(subject.birth_year + 18, 12, 31))
    return until


def _check_scope(
    *,
    subject: Subject,
    categories: Sequence[str],
    agencies: Iterable[Agency],
    groups: Iterable[Group],
    recorded_by_agency: Agency,
) -> None:
    if not categories:
        raise ApplicationError(
            _("Choose which kinds of information the consent covers."),
            field="information_categories",
        )
    unknown = set(categories) - set(InformationCategory.values)
    if unknown:
        raise ApplicationError(
            _("Unknown category of information."), field="information_categories"
        )
    allowed = municipality_selectors.agency_list(area=subject.area)
    if not agencies and not groups:
        raise ApplicationError(
            _("Name at least one agency or group that may share the information."),
            field="recipient_agencies",
        )
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any(a.pk not in allowed_ids for a in agencies):
        raise ApplicationError(
            _("Choose agencies of this area."), field="recipient_agencies"
        )
    if recorded_by_agency is None or recorded_by_agency.pk not in allowed_ids:
        raise ApplicationError(
            _("Choose the agency you record the consent for."),
            field="recorded_by_agency",
        )
    for group in groups:
        if group.is_strategic or (
            group.confidentiality_mode != Group.ConfidentialityMode.NAMED
        ):
            raise ApplicationError(
                _(
                    "«%(group)s» does not discuss named individuals; a consent can "
                    "only name groups in named-case mode."
                )
                % {"group": group.name},
                field="recipient_groups",
            )


def _check_guardians(
    subject: Subject,
    given_on: dt.date,
    guardian_consents: Sequence[GuardianConsentInput],
) -> list[Guardian]:
    """C6: under 18 every guardian with parental responsibility consents too.

    Returns the guardians still missing (the consent is then ``incomplete``).
    """
    if not subject.is_minor_on(given_on):
        if guardian_consents:
            raise ApplicationError(
                _("From 18 the young person consents alone; leave out the guardians."),
                field="guardians",
            )
        return []
    responsible = list(
        Guardian.objects.filter(subject=subject, has_parental_responsibility=True)
    )
    if not responsible:
        raise ApplicationError(
            _(
                "Under 18 the guardians must consent too. Register the guardians "
                "with parental responsibility first."
            ),
            field="guardians",
            code="guardian_required",
        )
    if not guardian_consents:
        raise ApplicationError(
            _(
                "Under 18 the guardians must consent too. Record the consent of "
                "the guardians with parental responsibility."
            ),
            field="guardians",
            code="guardian_required",
        )
    own = {g.pk for g in Guardian.objects.filter(subject=subject)}
    for item in guardian_consents:
        if item.guardian.pk not in own:
            raise ApplicationError(
                _("The guardian belongs to another young person."), field="guardians"
            )
        if item.consented_at > timezone.now():
            raise ApplicationError(
                _("A guardian's consent cannot be dated in the future."),
                field="guardians",
            )
    given = {item.guardian.pk for item in guardian_consents}
    return [g for g in responsible if g.pk not in given]


def _check_validity(
    subject: Subject, given_on: dt.date, valid_from: dt.date, valid_until: dt.date
) -> None:
    latest = latest_valid_until(subject=subject, given_on=given_on)
    if valid_from < given_on:
        raise ApplicationError(
            _("A consent cannot be valid before it was given."), field="valid_from"
        )
    if valid_until < valid_from:
        raise ApplicationError(
            _("The consent must end after it starts."), field="valid_until"
        )
    if valid_until > latest:
        raise ApplicationError(
            _(
                "A consent can be valid until %(date)s at the latest (at most "
                "%(months)s months, and for a young person under 18 no longer than "
                "the year they turn 18)."
            )
            % {
                "date": latest.strftime("%d.%m.%Y"),
                "months": settings.SLT["CONSENT_VALIDITY_MONTHS"],
            },
            field="valid_until",
        )
    if valid_until < timezone.localdate():
        raise ApplicationError(
            _("This consent would already have expired."), field="valid_until"
        )


@transaction.atomic
def consent_create(
    *,
    actor: Actor,
    subject: Subject,
    recorded_by_agency: Agency,
    given_at: dt.datetime,
    information_scope: str,
    information_categories: Sequence[str],
    purpose: str,
    informed_about: str,
    voluntary: bool,
    express: bool,
    form: str,
    recipient_agencies: Iterable[Agency] = (),
    recipient_groups: Iterable[Group] = (),
    document_reference: str = "",
    context: str = "",
    subject_consented_at: dt.datetime | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    guardian_consents: Sequence[GuardianConsentInput] = (),
    supersedes: Consent | None = None,
) -> ConsentResult:
    """Registrer samtykke. Saves nothing if a rule refuses it (C4–C6)."""
    require_open_subject(subject)
    if not voluntary:
        raise ApplicationError(
            _("A consent must be given voluntarily, without pressure."),
            field="voluntary",
        )
    if not express:
        raise ApplicationError(_("A consent must be given expressly."), field="express")
    information_scope = required_text(
        information_scope,
        "information_scope",
        _("Describe which information may be shared."),
    )
    purpose = required_text(purpose, "purpose", _("Describe the purpose."))
    informed_about = required_text(
        informed_about,
        "informed_about",
        _("Describe what the person was told about the consequences."),
    )
    if form not in Consent.Form.values:
        raise ApplicationError(_("Choose written or oral."), field="form")
    document_reference = (document_reference or "").strip()
    if form == Consent.Form.WRITTEN and not document_reference:
        raise ApplicationError(
            _("Say where the signed form is archived (a reference, not a scan)."),
            field="document_reference",
        )
    now = timezone.now()
    if given_at > now:
        raise ApplicationError(
            _("A consent cannot be dated in the future."), field="given_at"
        )
    agencies, groups = list(recipient_agencies), list(recipient_groups)
    _check_scope(
        subject=subject,
        categories=information_categories,
        agencies=agencies,
        groups=groups,
        recorded_by_agency=recorded_by_agency,
    )
    given_on = timezone.localtime(given_at).date()
    valid_from = valid_from or given_on
    valid_until = valid_until or latest_valid_until(subject=subject, given_on=given_on)
    _check_validity(subject, given_on, valid_from, valid_until)
    missing = _check_guardians(subject, given_on, guardian_consents)
    if supersedes is not None and supersedes.subject_id != subject.pk:
        raise ApplicationError(
            _("The consent it replaces belongs to another young person."),
            field="supersedes",
        )

    consent = Consent(
        area=subject.area,
        subject=subject,
        subject_consented_at=subject_consented_at or given_at,
        information_scope=information_scope,
        information_categories=sorted(set(information_categories)),
        purpose=purpose,
        informed_about=informed_about,
        voluntary=True,
        express=True,
        form=form,
        document_reference=document_reference,
        context=context or "",
        given_at=given_at,
        recorded_by=actor.user,
        recorded_by_agency=recorded_by_agency,
        valid_from=valid_from,
        valid_until=valid_until,
        status=Consent.Status.INCOMPLETE if missing else Consent.Status.ACTIVE,
        supersedes=supersedes,
        created_by=actor.user,
    )
    consent.full_clean()
    consent.save()
    consent.recipient_agencies.set(agencies)
    consent.recipient_groups.set(groups)
    for item in guardian_consents:
        ConsentGuardian.objects.create(
            area=subject.area,
            consent=consent,
            guardian=item.guardian,
            consented_at=item.consented_at,
            form=item.form,
            created_by=actor.user,
        )
    audit.log(
        actor=actor,
        obj=consent,
        action=Action.CREATE,
        detail=[
            "information_scope",
            "information_categories",
            "recipient_agencies",
            "recipient_groups",
            "purpose",
            "informed_about",
            "form",
            "valid_until",
            "status",
            *(["guardian_consents"] if guardian_consents else []),
        ],
        legal_basis="consent",
    )
    result = ConsentResult(consent=consent)
    if missing:
        result.warnings.append(
            _(
                "The consent is incomplete and cannot be used until every guardian "
                "with parental responsibility has consented: %(missing)s."
            )
            % {"missing": ", ".join(g.label for g in missing)}
        )
    if form == Consent.Form.ORAL or any(
        g.form == Consent.Form.ORAL for g in guardian_consents
    ):
        _task_obtain_written(actor, consent)
        result.warnings.append(
            _(
                "Oral consent is binding, but get it in writing: a task to do so "
                "has been created."
            )
        )
    if consent.status == Consent.Status.ACTIVE:
        _on_activated(actor, consent)
    return result


def _task_obtain_written(actor: Actor, consent: Consent) -> None:
    ConsentTask.objects.filter(
        subject=consent.subject,
        kind=ConsentTask.Kind.OBTAIN_WRITTEN,
        status=ConsentTask.Status.OPEN,
    ).update(status=ConsentTask.Status.CANCELLED, completed_at=timezone.now())
    task = ConsentTask.objects.create(
        area=consent.area,
        subject=consent.subject,
        consent=consent,
        kind=ConsentTask.Kind.OBTAIN_WRITTEN,
        due_date=timezone.localdate() + dt.timedelta(days=WRITTEN_FOLLOW_UP_DAYS),
        assignee=actor.user,
        created_by=actor.user,
    )
    audit.log(actor=actor, obj=task, action=Action.CREATE, detail=["kind", "due_date"])


def _on_activated(actor: Actor, consent: Consent) -> None:
    """A new basis: end the review flag and a replaced consent."""
    now = timezone.now()
    subject = consent.subject
    Subject.objects.filter(pk=subject.pk, review_flagged_at__isnull=False).update(
        review_flagged_at=None, updated_at=now
    )
    subject.review_flagged_at = None
    ConsentTask.objects.filter(
        subject=subject,
        kind=ConsentTask.Kind.REVIEW_BASIS,
        status=ConsentTask.Status.OPEN,
    ).update(status=ConsentTask.Status.DONE, completed_at=now)
    old = consent.supersedes
    if old is not None and old.status in Consent.OPEN_STATUSES:
        old.status = Consent.Status.SUPERSEDED
        old.ended_at = now
        old.save(update_fields=["status", "ended_at", "updated_at"])
        audit.log(actor=actor, obj=old, action=Action.UPDATE, detail=["status"])


@transaction.atomic
def consent_guardian_add(
    *,
    actor: Actor,
    consent: Consent,
    guardian: Guardian,
    consented_at: dt.datetime,
    form: str = Consent.Form.WRITTEN,
) -> ConsentResult:
    """Registrer vergens samtykke; the consent becomes valid when none is missing."""
    require_open_subject(consent.subject)
    if consent.status != Consent.Status.INCOMPLETE:
        raise ApplicationError(
            _("Only an incomplete consent takes more guardian consents."),
            field="guardian",
        )
    if guardian.subject_id != consent.subject_id:
        raise ApplicationError(
            _("The guardian belongs to another young person."), field="guardian"
        )
    if consent.guardian_consents.filter(guardian=guardian).exists():
        raise ApplicationError(
            _("This guardian's consent is already recorded."), field="guardian"
        )
    if consented_at > timezone.now():
        raise ApplicationError(
            _("A guardian's consent cannot be dated in the future."),
            field="consented_at",
        )
    if form not in Consent.Form.values:
        raise ApplicationError(_("Choose written or oral."), field="form")
    ConsentGuardian.objects.create(
        area=consent.area,
        consent=consent,
        guardian=guardian,
        consented_at=consented_at,
        form=form,
        created_by=actor.user,
    )
    given = set(consent.guardian_consents.values_list("guardian_id", flat=True))
    missing = [
        g
        for g in Guardian.objects.filter(
            subject_id=consent.subject_id, has_parental_responsibility=True
        )
        if g.pk not in given
    ]
    changed = ["guardian_consents"]
    result = ConsentResult(consent=consent)
    if not missing:
        consent.status = Consent.Status.ACTIVE
        consent.save(update_fields=["status", "updated_at"])
        changed.append("status")
        _on_activated(actor, consent)
    else:
        result.warnings.append(
            _("Still missing: %(missing)s.")
            % {"missing": ", ".join(g.label for g in missing)}
        )
    if form == Consent.Form.ORAL:
        _task_obtain_written(actor, consent)
        result.warnings.append(
            _(
                "Oral consent is binding, but get it in writing: a task to do so "
                "has been created."
            )
        )
    audit.log(
        actor=actor,
        obj=consent,
        action=Action.UPDATE,
        detail=changed,
        legal_basis="consent",
    )
    return result


@transaction.atomic
def consent_record_written(
    *, actor: Actor, consent: Consent, document_reference: str
) -> Consent:
    """Skriftlig samtykke mottatt: record where the signed form is archived."""
    document_reference = required_text(
        document_reference,
        "document_reference",
        _("Say where the signed form is archived (a reference, not a scan)."),
    )
    if consent.status not in Consent.OPEN_STATUSES:
        raise ApplicationError(_("This consent has ended."))
    consent.form = Consent.Form.WRITTEN
    consent.document_reference = document_reference
    consent.full_clean()
    consent.save(update_fields=["form", "document_reference", "updated_at"])
    consent.guardian_consents.update(form=Consent.Form.WRITTEN)
    ConsentTask.objects.filter(
        consent=consent,
        kind=ConsentTask.Kind.OBTAIN_WRITTEN,
        status=ConsentTask.Status.OPEN,
    ).update(
        status=ConsentTask.Status.DONE,
        completed_at=timezone.now(),
        completed_by=actor.user,
    )
    audit.log(
        actor=actor,
        obj=consent,
        action=Action.UPDATE,
        detail=["form", "document_reference"],
        legal_basis="consent",
    )
    return consent


# --- Expiry (daily) ---------------------------------------------------------------


def consents_expire(*, actor: Actor, today: dt.date) -> int:
    """Utløpt: open consents past their validity. Idempotent."""
    due = list(
        Consent.objects.with_scopes_disabled()
        .filter(status__in=Consent.OPEN_STATUSES, valid_until__lt=today)
        .select_for_update()
    )
    if not due:
        return 0
    now = timezone.now()
    Consent.objects.with_scopes_disabled().filter(pk__in=[c.pk for c in due]).update(
        status=Consent.Status.EXPIRED, ended_at=now, updated_at=now
    )
    audit.log_many(actor=actor, objects=due, action=Action.UPDATE, detail="status")
    return len(due)
