"""Writes for measures (tiltak) and their progress updates: rules P2 and P3.

A measure's definition (what, for whom, who owns it) is frozen with its approved
plan. Running it is not: starting it (with its evaluation plan, P3), progress
updates, status changes and the evaluation result are recorded on the approved plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea, Goal, Measure, ProgressUpdate
from actionplans.services.plans import ensure_plan_editable
from municipalities.models import Agency, User
from slt_portal.exceptions import ApplicationError

DEFINITION_FIELDS = (
    "title",
    "description",
    "topics",
    "goal",
    "prevention_level",
    "target_group",
    "age_from",
    "age_to",
    "target_type",
    "evidence_basis",
    "responsible_agency",
    "owner",
    "start_date",
    "end_date",
    "funding_source",
    "funding_note",
    "funding_amount_nok",
    "funding_ends_on",
    "evaluation_type",
    "evaluator",
    "evaluation_plan",
    "evaluation_due",
    "evaluation_flags",
    "order",
)
CLOSED_PLAN_STATUSES = (ActionPlan.Status.ENDED, ActionPlan.Status.SUPERSEDED)
# planned → active → completed / handed_over / stopped; planned → stopped.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Measure.Status.PLANNED: (Measure.Status.ACTIVE, Measure.Status.STOPPED),
    Measure.Status.ACTIVE: (
        Measure.Status.COMPLETED,
        Measure.Status.HANDED_OVER,
        Measure.Status.STOPPED,
    ),
}


def allowed_transitions(measure: Measure) -> tuple[str, ...]:
    return TRANSITIONS.get(measure.status, ())


def _ensure_running_allowed(measure: Measure) -> None:
    if measure.focus_area.plan.status in CLOSED_PLAN_STATUSES:
        raise ApplicationError(
            _(
                "The plan this measure belongs to has ended or been replaced; "
                "record it in the current version."
            )
        )


def _check_owner(fields: dict) -> None:
    """Every measure names a responsible agency and an owner (P3)."""
    if not fields.get("responsible_agency"):
        raise ApplicationError(
            _("Name the agency responsible for the measure."),
            field="responsible_agency",
        )
    if not fields.get("owner"):
        raise ApplicationError(
            _("Name the person who owns the measure."), field="owner"
        )


def check_area_links(
    *, area, agencies: Iterable[Agency] = (), people: Iterable[User] = ()
) -> None:
    """Agencies come from the area or the city it is part of; people hold a role in
    the area (so they can log in and report on what they own)."""
    from django_scopes import scopes_disabled

    from municipalities import selectors as area_selectors

    allowed = {area.pk, area.parent_id}
    for agency in agencies:
        if agency is not None and agency.area_id not in allowed:
            raise ApplicationError(
                _("«%(name)s» belongs to another area.") % {"name": agency.name},
                field="responsible_agency",
            )
    for person in people:
        if person is None:
            continue
        with scopes_disabled():
            member = (
                area_selectors.membership_list(area=area).filter(user=person).exists()
            )
        if not member:
            raise ApplicationError(
                _("%(name)s has no role in %(area)s.")
                % {"name": person.full_name, "area": area.name},
                field="owner",
            )


def _check_goal(goal: Goal | None, focus_area: FocusArea) -> None:
    if goal is not None and goal.focus_area_id != focus_area.pk:
        raise ApplicationError(_("Pick a goal in the same focus area."), field="goal")


def _check_evaluation(measure: Measure) -> None:
    if measure.evaluation_type == Measure.EvaluationType.NONE and measure.evaluator:
        raise ApplicationError(
            _("A measure without evaluation has no evaluator."), field="evaluator"
        )


@transaction.atomic
def measure_create(
    *,
    focus_area: FocusArea,
    created_by: User | None,
    contributors: Iterable[Agency] = (),
    **fields,
) -> Measure:
    """Legg til tiltak (planned). An owner and a responsible agency are required."""
    ensure_plan_editable(focus_area.plan)
    unknown = set(fields) - set(DEFINITION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown measure fields: {sorted(unknown)}")
    _check_owner(fields)
    contributors = list(contributors)
    check_area_links(
        area=focus_area.area,
        agencies=[fields["responsible_agency"], *contributors],
        people=[fields["owner"]],
    )
    _check_goal(fields.get("goal"), focus_area)
    if "order" not in fields or fields["order"] is None:
        fields["order"] = focus_area.measures.count() + 1
    measure = Measure(
        area=focus_area.area, focus_area=focus_area, created_by=created_by, **fields
    )
    measure.full_clean()
    _check_evaluation(measure)
    measure.save()
    measure.contributors.set(contributors)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, contributors: Iterable[Agency] | None = None, **fields
) -> Measure:
    """Endre tiltak while its plan is a draft (P2)."""
    ensure_plan_editable(measure.focus_area.plan)
    unknown = set(fields) - set(DEFINITION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown measure fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(measure, name, value)
    _check_owner(
        {"responsible_agency": measure.responsible_agency, "owner": measure.owner}
    )
    contributors = list(contributors) if contributors is not None else None
    check_area_links(
        area=measure.area,
        agencies=[measure.responsible_agency, *(contributors or [])],
        people=[measure.owner] if "owner" in fields else [],
    )
    _check_goal(measure.goal, measure.focus_area)
    measure.full_clean()
    _check_evaluation(measure)
    measure.save()
    if contributors is not None:
        measure.contributors.set(contributors)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    ensure_plan_editable(measure.focus_area.plan)
    if measure.progress_updates.exists():
        raise ApplicationError(
            _("The measure has progress updates; stop it instead of deleting it.")
        )
    measure.delete()


def start_requirements_missing(measure: Measure) -> list[str]:
    """Field labels P3 needs before a measure can start; empty when it may start."""
    required = [
        ("responsible_agency", measure.responsible_agency_id),
        ("owner", measure.owner_id),
        ("start_date", measure.start_date),
        ("evaluation_type", measure.evaluation_type),
        ("evaluation_plan", measure.evaluation_plan.strip()),
        ("evaluation_due", measure.evaluation_due),
    ]
    return [
        str(Measure._meta.get_field(name).verbose_name)
        for name, value in required
        if not value
    ]


def _ensure_can_start(measure: Measure) -> None:
    missing = start_requirements_missing(measure)
    if missing:
        raise ApplicationError(
            _(
                "A measure starts only with an owner and an evaluation plan decided "
                "at the start. Missing: %(fields)s."
            )
            % {"fields": ", ".join(missing)},
            field="evaluation_plan",
            code="evaluation_plan_missing",
        )


@transaction.atomic
def measure_start(
    *,
    measure: Measure,
    started_by: User,
    start_date: dt.date,
    evaluation_type: str,
    evaluation_plan: str,
    evaluation_due: dt.date | None,
    evaluator: str = "",
    end_date: dt.date | None = None,
) -> Measure:
    """Sett i gang tiltak (P3): refuses without owner, agency and evaluation plan."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    _ensure_running_allowed(measure)
    if measure.status != Measure.Status.PLANNED:
        raise ApplicationError(_("Only a planned measure can be started."))
    measure.start_date, measure.end_date = start_date, end_date
    measure.evaluation_type, measure.evaluator = evaluation_type, evaluator
    measure.evaluation_plan, measure.evaluation_due = evaluation_plan, evaluation_due
    if evaluation_due and evaluation_due < start_date:
        raise ApplicationError(
            _("The evaluation cannot be due before the measure starts."),
            field="evaluation_due",
        )
    _ensure_can_start(measure)
    measure.full_clean()
    _check_evaluation(measure)
    old = measure.status
    measure.status = Measure.Status.ACTIVE
    measure.save()
    with translation.override(settings.LANGUAGE_CODE):  # stored data: default language
        text = _("The measure started.")
    _record_status(
        measure, old, started_by, text, when=min(start_date, timezone.localdate())
    )
    return measure


def _record_status(
    measure: Measure, old: str, user: User, text: str, when: dt.date
) -> None:
    ProgressUpdate.objects.create(
        area=measure.area,
        measure=measure,
        date=when,
        text=text,
        author=user,
        status_from=old,
        status_to=measure.status,
        created_by=user,
    )


def _transition(measure: Measure, status_to: str) -> str:
    """Move the measure to ``status_to``; returns the old status."""
    if status_to not in allowed_transitions(measure):
        raise ApplicationError(
            _("A measure that is «%(old)s» cannot become «%(new)s».")
            % {
                "old": measure.get_status_display(),
                "new": Measure.Status(status_to).label,
            },
            field="status_to",
        )
    if status_to == Measure.Status.ACTIVE:
        if not measure.start_date:
            measure.start_date = timezone.localdate()
        _ensure_can_start(measure)
    old = measure.status
    measure.status = status_to
    if status_to != Measure.Status.ACTIVE and not measure.end_date:
        measure.end_date = max(
            timezone.localdate(), measure.start_date or timezone.localdate()
        )
    measure.full_clean()
    measure.save()
    return old


@transaction.atomic
def progress_update_create(
    *,
    measure: Measure,
    author: User,
    text: str,
    date: dt.date | None = None,
    rating: str = "",
    status_to: str = "",
    figure: Decimal | None = None,
    figure_label: str = "",
    is_highlight: bool = False,
) -> ProgressUpdate:
    """Logg fremdrift, optionally changing the measure's status (history is kept)."""
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    _ensure_running_allowed(measure)
    if not text.strip():
        raise ApplicationError(_("Write what has happened."), field="text")
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ApplicationError(
            _("A progress update cannot be dated in the future."), field="date"
        )
    if figure is not None and not figure_label.strip():
        raise ApplicationError(_("Say what the figure counts."), field="figure_label")
    status_from = ""
    if status_to and status_to != measure.status:
        status_from = _transition(measure, status_to)
    update = ProgressUpdate(
        area=measure.area,
        measure=measure,
        date=date,
        text=text.strip(),
        author=author,
        rating=rating,
        status_from=status_from,
        status_to=status_to if status_from else "",
        figure=figure,
        figure_label=figure_label.strip() if figure is not None else "",
        is_highlight=is_highlight,
        created_by=author,
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def measure_evaluation_record(
    *, measure: Measure, result: str, recorded_by: User
) -> Measure:
    """Registrer evalueringsresultat (allowed on an approved plan)."""
    _ensure_running_allowed(measure)
    if not result.strip():
        raise ApplicationError(
            _("Write the result of the evaluation."), field="evaluation_result"
        )
    if measure.status == Measure.Status.PLANNED:
        raise ApplicationError(
            _("A measure that has not started has no evaluation result yet."),
            field="evaluation_result",
        )
    measure.evaluation_result = result.strip()
    measure.save(update_fields=["evaluation_result", "updated_at"])
    return measure
