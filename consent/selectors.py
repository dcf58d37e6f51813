"""Reads of consent data. Every read of individual-level data is logged here (C11).

Single objects come from ``*_get_for_actor``: a young person the actor may not see
answers 404 exactly like a missing one (and the attempt is logged as ``denied``).
Opening a record outside an active case needs a stated purpose (PurposeRequired).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from consent import audit, policy
from consent.audit import Purpose
from consent.legal import LegalBasis
from consent.models import (
    AccessLog,
    Consent,
    ConsentGuardian,
    ConsentTask,
    Disclosure,
    Guardian,
    Subject,
    SubjectUserObjectPermission,
)
from consent.policy import Actor
from municipalities.models import Area, Group, Membership

Action = AccessLog.Action
OBJECT_LABELS = {
    "subject": gettext_lazy("The record"),
    "guardian": gettext_lazy("Guardian"),
    "consent": gettext_lazy("Consent"),
    "consentguardian": gettext_lazy("Guardian's consent"),
    "disclosure": gettext_lazy("Disclosure"),
    "consenttask": gettext_lazy("Task"),
}


class PurposeRequired(Exception):
    """The actor has no active case with this young person: ask for a purpose."""

    def __init__(self, subject: Subject):
        super().__init__(subject.pseudonym)
        self.subject = subject


@dataclass(frozen=True)
class Opened:
    """A young person's record as opened by one actor, and on which grounds."""

    subject: Subject
    legal_basis: str
    purpose: Purpose


# --- Subjects ---------------------------------------------------------------------


def subject_queryset(*, actor: Actor) -> QuerySet[Subject]:
    """The young people ``actor`` may see (no log: callers log what they show)."""
    today = timezone.localdate()
    consents = Consent.objects.filter(subject_id=OuterRef("pk"))
    return policy.subjects_visible(
        actor,
        Subject.objects.select_related("identity_held_by", "area").annotate(
            has_active_consent=Exists(consents.valid_on(today)),
            has_incomplete_consent=Exists(
                consents.filter(status=Consent.Status.INCOMPLETE)
            ),
        ),
    ).order_by("pseudonym")


def subject_list(
    *, actor: Actor, area: Area, status: str = "", search: str = ""
) -> QuerySet[Subject]:
    subjects = subject_queryset(actor=actor).filter(area=area)
    if status:
        subjects = subjects.filter(status=status)
    if search:
        subjects = subjects.filter(pseudonym__icontains=search.strip())
    return subjects


def record_listed(*, actor: Actor, objects) -> int:
    """Log a ``list`` row for every young person (or record) shown on a page."""
    return audit.log_many(actor=actor, objects=objects, action=Action.LIST)


def _deny(actor: Actor, area_id: int | None, model, pk: int, what: str):
    """404, after logging the attempt when the object exists in the actor's area."""
    areas = [area_id] if area_id is not None else list(actor.area_ids)
    with scopes_disabled():
        obj = model.objects.filter(pk=pk, area_id__in=areas).first()
    if obj is not None and actor.user is not None:
        audit.log_refusal(actor=actor, obj=obj, detail=what)
    raise Http404(_("No such record, or you have no access to it."))


def subject_visible_or_404(*, actor: Actor, area_id: int | None, pk: int) -> Subject:
    """The young person, without logging a read (the caller shows nothing of it,
    or writes and logs the write); a refused attempt is logged."""
    queryset = subject_queryset(actor=actor)
    if area_id is not None:
        queryset = queryset.filter(area_id=area_id)
    subject = queryset.filter(pk=pk).first()
    if subject is None:
        _deny(actor, area_id, Subject, pk, "purpose")
    return subject


def subject_open(
    *,
    actor: Actor,
    area_id: int | None,
    pk: int,
    purpose: Purpose = audit.NO_PURPOSE,
    detail: str = "record",
    action: str = Action.VIEW,
) -> Opened:
    """Open one young person's record; logs the read (``detail`` names the page)."""
    queryset = subject_queryset(actor=actor)
    if area_id is not None:
        queryset = queryset.filter(area_id=area_id)
    subject = queryset.filter(pk=pk).first()
    if subject is None:
        _deny(actor, area_id, Subject, pk, detail)
    basis = policy.active_case_basis(actor, subject)
    if not basis and not purpose.code:
        raise PurposeRequired(subject)
    if basis:
        purpose = Purpose(code=AccessLog.Purpose.ACTIVE_CASE, note=purpose.note)
    audit.log(
        actor=actor,
        obj=subject,
        action=action,
        detail=detail,
        purpose=purpose,
        legal_basis=basis,
    )
    return Opened(subject=subject, legal_basis=basis, purpose=purpose)


def subject_record(*, actor: Actor, subject: Subject) -> dict:
    """What the record page shows: only consents and disclosures the actor may see."""
    consents = (
        policy.consents_visible(actor, Consent.objects.filter(subject=subject))
        .select_related("recorded_by", "recorded_by_agency")
        .prefetch_related("recipient_agencies", "recipient_groups")
        .order_by("-given_at")
    )
    disclosures = disclosure_queryset(actor=actor).filter(subject=subject)
    return {
        "guardians": list(Guardian.objects.filter(subject=subject)),
        "consents": list(consents),
        "disclosures": list(disclosures),
        "tasks": list(
            ConsentTask.objects.filter(
                subject=subject, status=ConsentTask.Status.OPEN
            ).select_related("assignee")
        ),
    }


# --- Consents and disclosures -----------------------------------------------------


def consent_queryset(*, actor: Actor) -> QuerySet[Consent]:
    return (
        policy.consents_visible(actor, Consent.objects.all())
        .select_related("subject", "recorded_by", "recorded_by_agency", "area")
        .prefetch_related(
            "recipient_agencies",
            "recipient_groups",
            Prefetch(
                "guardian_consents",
                queryset=ConsentGuardian.objects.select_related("guardian"),
            ),
        )
        .order_by("-given_at", "-pk")
    )


def disclosure_queryset(*, actor: Actor) -> QuerySet[Disclosure]:
    return (
        policy.disclosures_visible(actor, Disclosure.objects.all())
        .select_related(
            "subject",
            "area",
            "consent",
            "from_agency",
            "to_agency",
            "to_group",
            "meeting",
            "decided_by_agency",
            "approved_by",
            "disclosed_by",
            "created_by",
        )
        .order_by("-created_at", "-pk")
    )


def _open_part(
    *, actor: Actor, area_id, queryset, model, pk, purpose: Purpose, detail: str
):
    if area_id is not None:
        queryset = queryset.filter(area_id=area_id)
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        _deny(actor, area_id, model, pk, detail)
    basis = policy.active_case_basis(actor, obj.subject)
    if not basis and not purpose.code:
        raise PurposeRequired(obj.subject)
    if basis:
        purpose = Purpose(code=AccessLog.Purpose.ACTIVE_CASE, note=purpose.note)
    audit.log(
        actor=actor,
        obj=obj,
        action=Action.VIEW,
        detail=detail,
        purpose=purpose,
        legal_basis=basis,
    )
    return obj


def consent_open(
    *,
    actor: Actor,
    area_id: int | None,
    pk: int,
    purpose: Purpose = audit.NO_PURPOSE,
    detail: str = "consent",
) -> Consent:
    return _open_part(
        actor=actor,
        area_id=area_id,
        queryset=consent_queryset(actor=actor),
        model=Consent,
        pk=pk,
        purpose=purpose,
        detail=detail,
    )


def disclosure_open(
    *,
    actor: Actor,
    area_id: int | None,
    pk: int,
    purpose: Purpose = audit.NO_PURPOSE,
    detail: str = "disclosure",
) -> Disclosure:
    return _open_part(
        actor=actor,
        area_id=area_id,
        queryset=disclosure_queryset(actor=actor),
        model=Disclosure,
        pk=pk,
        purpose=purpose,
        detail=detail,
    )


def consent_for_write(*, actor: Actor, pk: int) -> Consent:
    """A consent the actor may act on (a write logs itself; a refusal is logged)."""
    consent = consent_queryset(actor=actor).filter(pk=pk).first()
    if consent is None:
        _deny(actor, None, Consent, pk, "write")
    return consent


def disclosure_for_write(*, actor: Actor, pk: int) -> Disclosure:
    disclosure = disclosure_queryset(actor=actor).filter(pk=pk).first()
    if disclosure is None:
        _deny(actor, None, Disclosure, pk, "write")
    return disclosure


def missing_guardians(*, consent: Consent) -> list[Guardian]:
    """Guardians with parental responsibility who have not yet consented (C6)."""
    given = {cg.guardian_id for cg in consent.guardian_consents.all()}
    return [
        g
        for g in Guardian.objects.filter(
            subject_id=consent.subject_id, has_parental_responsibility=True
        )
        if g.pk not in given
    ]


# --- Access grants, the subject access report --------------------------------------


def grant_queryset(*, subject: Subject) -> QuerySet[SubjectUserObjectPermission]:
    return (
        SubjectUserObjectPermission.objects.filter(
            content_object=subject, permission__codename=policy.VIEW_PERMISSION
        )
        .select_related("user", "user__agency")
        .order_by("user__full_name")
    )


def subject_grants(*, subject: Subject) -> list[SubjectUserObjectPermission]:
    return list(grant_queryset(subject=subject))


def grantable_memberships(*, area: Area) -> QuerySet[Membership]:
    """People the coordinator may give access to: working roles in the area."""
    return (
        Membership.objects.filter(area=area, role__in=policy.MEMBER_ROLES)
        .active_on(timezone.localdate())
        .select_related("user", "agency")
        .order_by("user__full_name")
    )


def subject_access_report(*, opened: Opened) -> dict:
    """Innsyn: everything about one young person, for the person or a guardian.

    Shows every consent, disclosure and access-log row, whoever made them; the
    coordinator alone may produce it, and opens it with the ``export`` action.
    """
    subject = opened.subject
    consents = (
        Consent.objects.filter(subject=subject)
        .select_related("recorded_by", "recorded_by_agency", "withdrawal_recorded_by")
        .prefetch_related(
            "recipient_agencies",
            "recipient_groups",
            Prefetch(
                "guardian_consents",
                queryset=ConsentGuardian.objects.select_related("guardian"),
            ),
        )
        .order_by("given_at")
    )
    disclosures = (
        Disclosure.objects.filter(subject=subject)
        .select_related(
            "from_agency", "to_agency", "to_group", "meeting", "consent", "approved_by"
        )
        .order_by("created_at")
    )
    log_rows = [
        {
            "at": row.at,
            "who": row.user.full_name if row.user else _("The system (daily run)"),
            "agency": row.user.agency.name if row.user and row.user.agency else "",
            "action": row.get_action_display(),
            "what": OBJECT_LABELS.get(row.object_type, row.object_type),
            "purpose": row.get_purpose_display() if row.purpose else "",
            "purpose_note": row.purpose_note,
            "basis": row.get_legal_basis_display() if row.legal_basis else "",
        }
        for row in AccessLog.objects.filter(subject=subject)
        .select_related("user", "user__agency")
        .order_by("at", "pk")
    ]
    return {
        "subject": subject,
        "guardians": list(Guardian.objects.filter(subject=subject)),
        "consents": list(consents),
        "disclosures": list(disclosures),
        "log_rows": log_rows,
        "generated_at": timezone.now(),
    }


# --- Tasks and the start page -----------------------------------------------------


def open_tasks(*, area: Area, user=None, coordinator: bool = False):
    tasks = ConsentTask.objects.filter(
        area=area, status=ConsentTask.Status.OPEN
    ).select_related("subject", "consent", "assignee")
    if not coordinator:
        tasks = tasks.filter(assignee=user)
    return tasks.order_by("due_date", "pk")


def consents_expiring(*, area: Area, today: dt.date, days: int) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(area=area, status=Consent.Status.ACTIVE)
        .filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days))
        .select_related("subject")
        .order_by("valid_until")
    )


def task_get(*, area: Area, pk: int) -> ConsentTask:
    task = (
        ConsentTask.objects.filter(area=area, pk=pk).select_related("subject").first()
    )
    if task is None:
        raise Http404
    return task


# --- Choices for forms ------------------------------------------------------------


def group_choices(*, area: Area, named_only: bool) -> QuerySet[Group]:
    """Groups of the area and its parent that may receive individual information.

    Strategic bodies never do (C1); without named mode a group may only receive
    anonymised information (C2).
    """
    modes = [Group.ConfidentialityMode.NAMED]
    if not named_only:
        modes.append(Group.ConfidentialityMode.ANONYMISED)
    ids = [area.pk] + ([area.parent_id] if area.parent_id else [])
    with scopes_disabled():
        return (
            Group.objects.filter(
                area_id__in=ids, confidentiality_mode__in=modes, dissolved_on=None
            )
            .exclude(level=Group.Level.STEERING)
            .exclude(kind__in=Group.STEERING_KINDS)
            .select_related("area")
            .order_by("area__name", "name")
        )


def meeting_choices(*, area: Area):
    """Meetings of the area's named groups, from two months back to two ahead."""
    from meetings.models import Meeting

    now = timezone.now()
    return (
        Meeting.objects.filter(
            area=area,
            group__confidentiality_mode=Group.ConfidentialityMode.NAMED,
            starts_at__gte=now - dt.timedelta(days=62),
            starts_at__lte=now + dt.timedelta(days=62),
        )
        .exclude(status="cancelled")
        .select_related("group")
        .order_by("-starts_at")
    )


# --- Aggregates (every role that sees the area's statistics) ----------------------


def suppress(count: int) -> str:
    """Small numbers (1 to threshold − 1) show as «<5»; zero is shown (§8)."""
    threshold = settings.SLT["SMALL_NUMBER_THRESHOLD"]
    if 0 < count < threshold:
        return f"<{threshold}"
    return str(count)


def consent_statistics(*, area_ids: list[int], today: dt.date) -> list[dict]:
    """Counts per area: young people, consents by state, disclosures by basis.

    Five queries whatever the number of areas or rows. Erased young people keep
    anonymous counts in ``retained_counts`` and are added here.
    """
    areas = Area.objects.filter(pk__in=area_ids).order_by("name")
    subjects = Counter(
        dict(
            Subject.objects.filter(area_id__in=area_ids, status=Subject.Status.ACTIVE)
            .values_list("area_id")
            .annotate(n=Count("pk"))
        )
    )
    consents: dict[int, Counter] = defaultdict(Counter)
    for area_id, status, n in (
        Consent.objects.filter(area_id__in=area_ids)
        .values_list("area_id", "status")
        .annotate(n=Count("pk"))
    ):
        consents[area_id][status] += n
    valid = Counter(
        dict(
            Consent.objects.filter(area_id__in=area_ids)
            .valid_on(today)
            .values_list("area_id")
            .annotate(n=Count("pk"))
        )
    )
    by_basis: dict[int, Counter] = defaultdict(Counter)
    for area_id, basis, n in (
        Disclosure.objects.filter(
            area_id__in=area_ids, status=Disclosure.Status.DISCLOSED
        )
        .values_list("area_id", "legal_basis")
        .annotate(n=Count("pk"))
    ):
        by_basis[area_id][basis] += n
    for area_id, counts in Subject.objects.filter(
        area_id__in=area_ids, erased_at__isnull=False
    ).values_list("area_id", "retained_counts"):
        by_basis[area_id].update(counts.get("disclosures", {}))
    return [
        {
            "area": area.slug,
            "area_name": area.name,
            "active_subjects": suppress(subjects[area.pk]),
            "active_consents": suppress(valid[area.pk]),
            "incomplete_consents": suppress(consents[area.pk]["incomplete"]),
            "withdrawn_consents": suppress(consents[area.pk]["withdrawn"]),
            "expired_consents": suppress(consents[area.pk]["expired"]),
            "disclosures_by_basis": {
                basis: suppress(by_basis[area.pk][basis]) for basis in LegalBasis.values
            },
        }
        for area in areas
    ]
