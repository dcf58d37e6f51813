"""Writes for action plans, focus areas and goals: the plan's lifecycle and P1, P2, M9.

draft → submitted → approved (by a Decision in a steering body's held meeting)
→ ended, or superseded by a new version. An approved plan is frozen (P2): changes
are made in a new version that supersedes it when approved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea, Goal, Indicator, Measure
from meetings.models import Meeting
from municipalities.models import Agency, Area, Group, User
from slt_portal.exceptions import ApplicationError

EDITABLE_FIELDS = (
    "title",
    "kind",
    "period_start",
    "period_end",
    "summary",
    "parent_programme",
    "linked_plans",
)


def ensure_plan_editable(plan: ActionPlan) -> None:
    """Refuse changes to anything but a draft (rule P2)."""
    if plan.status == ActionPlan.Status.DRAFT:
        return
    if plan.status == ActionPlan.Status.SUBMITTED:
        raise ApplicationError(
            _(
                "The plan is submitted for approval. Withdraw it to a draft "
                "before you change it."
            ),
            code="plan_submitted",
        )
    raise ApplicationError(
        _(
            "An approved plan is frozen. Make a new version of it to make changes; "
            "the new version replaces this one when it is approved."
        ),
        code="plan_frozen",
    )


def _check_kind_and_programme(
    *, area: Area, kind: str, parent_programme: ActionPlan | None
) -> None:
    if kind == ActionPlan.Kind.PROGRAMME and area.kind == Area.Kind.BYDEL:
        raise ApplicationError(
            _("An action programme is made at city level, not in a district."),
            field="kind",
        )
    if parent_programme is None:
        return
    if parent_programme.kind != ActionPlan.Kind.PROGRAMME:
        raise ApplicationError(
            _("Only an action programme can be the parent of a plan."),
            field="parent_programme",
        )
    if kind == ActionPlan.Kind.PROGRAMME:
        raise ApplicationError(
            _("A programme has no parent programme."), field="parent_programme"
        )
    if parent_programme.area_id not in (area.pk, area.parent_id):
        raise ApplicationError(
            _("The programme must belong to this area or the city it is part of."),
            field="parent_programme",
        )


def _check_linked_plans(linked_plans: list) -> list[dict]:
    cleaned = []
    for entry in linked_plans or []:
        if not isinstance(entry, dict) or not str(entry.get("title", "")).strip():
            raise ApplicationError(
                _("Each linked plan needs a title."), field="linked_plans"
            )
        cleaned.append(
            {
                "title": str(entry["title"]).strip()[:200],
                "period": str(entry.get("period", "")).strip()[:40],
                "url": str(entry.get("url", "")).strip()[:500],
            }
        )
    return cleaned


@transaction.atomic
def plan_create(
    *,
    area: Area,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    created_by: User | None,
    kind: str = ActionPlan.Kind.ACTION_PLAN,
    summary: str = "",
    parent_programme: ActionPlan | None = None,
    contributors: Iterable[Agency] = (),
    linked_plans: list | None = None,
) -> ActionPlan:
    """Opprett handlingsplan (utkast)."""
    _check_kind_and_programme(area=area, kind=kind, parent_programme=parent_programme)
    plan = ActionPlan(
        area=area,
        title=title,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        summary=summary,
        parent_programme=parent_programme,
        linked_plans=_check_linked_plans(linked_plans or []),
        created_by=created_by,
    )
    plan.full_clean()
    contributors = list(contributors)
    _check_contributors(area, contributors)
    plan.save()
    plan.contributors.set(contributors)
    return plan


def _check_contributors(area: Area, contributors: list[Agency]) -> None:
    from actionplans.services.measures import check_area_links

    try:
        check_area_links(area=area, agencies=contributors)
    except ApplicationError as error:
        raise ApplicationError(error.message, field="contributors") from None


@transaction.atomic
def plan_update(
    *, plan: ActionPlan, contributors: Iterable[Agency] | None = None, **fields
) -> ActionPlan:
    """Endre utkast til handlingsplan."""
    ensure_plan_editable(plan)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if "linked_plans" in fields:
        fields["linked_plans"] = _check_linked_plans(fields["linked_plans"])
    for name, value in fields.items():
        setattr(plan, name, value)
    _check_kind_and_programme(
        area=plan.area, kind=plan.kind, parent_programme=plan.parent_programme
    )
    plan.full_clean()
    if contributors is not None:
        contributors = list(contributors)
        _check_contributors(plan.area, contributors)
    plan.save()
    if contributors is not None:
        plan.contributors.set(contributors)
    return plan


@transaction.atomic
def plan_submit(*, plan: ActionPlan) -> ActionPlan:
    """Send til behandling: the plan goes to the steering body, frozen until decided."""
    if plan.status != ActionPlan.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be submitted."))
    focus_areas = list(plan.focus_areas.all())
    if not focus_areas:
        raise ApplicationError(
            _("Add at least one focus area before you submit the plan.")
        )
    without_owner = list(
        Measure.objects.filter(focus_area__plan=plan)
        .filter(Q(owner__isnull=True) | Q(responsible_agency__isnull=True))
        .values_list("title", flat=True)
    )
    if without_owner:
        raise ApplicationError(
            _(
                "Every measure needs a responsible agency and an owner before the "
                "plan is submitted. Missing for: %(titles)s."
            )
            % {"titles": ", ".join(f"«{t}»" for t in without_owner)}
        )
    plan.status = ActionPlan.Status.SUBMITTED
    plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def plan_withdraw(*, plan: ActionPlan) -> ActionPlan:
    """Trekk tilbake til utkast, e.g. to make changes the steering group asked for."""
    if plan.status != ActionPlan.Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted plan can be withdrawn to a draft."))
    plan.status = ActionPlan.Status.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    return plan


def approving_group_allowed(*, plan: ActionPlan, group: Group) -> bool:
    """Rule M9/P1: a programme by a police council; other plans by a steering group
    or a police council acting as one. The body must cover the plan's area."""
    if plan.kind == ActionPlan.Kind.PROGRAMME:
        kind_ok = group.kind == Group.Kind.POLICE_COUNCIL
    else:
        kind_ok = group.kind == Group.Kind.STEERING_GROUP or (
            group.kind == Group.Kind.POLICE_COUNCIL and group.acts_as_steering_group
        )
    if not kind_ok or group.dissolved_on:
        return False
    return group.area_id == plan.area_id or any(
        a.pk == plan.area_id for a in group.covered_areas.all()
    )


def meeting_has_taken_place(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Held (or minutes sent), or past its start and never cancelled."""
    now = now or timezone.now()
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT):
        return True
    return meeting.status != Meeting.Status.CANCELLED and meeting.starts_at <= now


@transaction.atomic
def plan_approve(
    *, plan: ActionPlan, meeting: Meeting, text: str, approved_by: User
) -> ActionPlan:
    """Registrer vedtak om godkjenning: an `approval` Decision in the steering body's
    held meeting, and the plan approved, in one transaction (P1, M9)."""
    from meetings import services as meeting_services
    from meetings.models import Decision

    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.SUBMITTED:
        raise ApplicationError(
            _("Only a plan submitted for approval can be approved."), field="meeting"
        )
    group = meeting.group
    if not approving_group_allowed(plan=plan, group=group):
        message = (
            _("An action programme is approved by the police council.")
            if plan.kind == ActionPlan.Kind.PROGRAMME
            else _(
                "The plan is approved by the area's steering group, or by a police "
                "council that acts as the steering group."
            )
        )
        raise ApplicationError(message, field="meeting")
    if not meeting_has_taken_place(meeting):
        raise ApplicationError(
            _("Pick a meeting that has been held: the decision is made in it."),
            field="meeting",
        )
    decision = meeting_services.decision_create(
        meeting=meeting,
        text=text,
        kind=Decision.Kind.APPROVAL,
        approves=plan,
        created_by=approved_by,
    )
    plan.status = ActionPlan.Status.APPROVED
    plan.approved_by_group = group
    plan.approval_decision = decision
    plan.approved_at = decision.decided_at
    plan.full_clean()
    plan.save()
    if plan.supersedes_id:
        ActionPlan.objects.filter(pk=plan.supersedes_id).update(
            status=ActionPlan.Status.SUPERSEDED, updated_at=timezone.now()
        )
    return plan


@transaction.atomic
def plan_close(*, plan: ActionPlan) -> ActionPlan:
    """Avslutt plan: an approved plan whose work is over is marked ended."""
    if plan.status != ActionPlan.Status.APPROVED:
        raise ApplicationError(_("Only an approved plan can be closed."))
    plan.status = ActionPlan.Status.ENDED
    plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def plan_revise(*, plan: ActionPlan, created_by: User) -> ActionPlan:
    """Ny versjon (P2): a draft copy of an approved plan, which supersedes it once
    approved. Focus areas, goals and measures are copied; progress stays with the
    version it was logged on, and the new measures point back to the old ones."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.APPROVED:
        raise ApplicationError(_("Only an approved plan can get a new version."))
    if ActionPlan.objects.filter(
        supersedes=plan,
        status__in=[ActionPlan.Status.DRAFT, ActionPlan.Status.SUBMITTED],
    ).exists():
        raise ApplicationError(
            _("A new version of this plan is already being prepared.")
        )
    new = ActionPlan.objects.get(pk=plan.pk)
    new.pk = None
    new.status = ActionPlan.Status.DRAFT
    new.version = plan.version + 1
    new.supersedes = plan
    new.approved_by_group = new.approval_decision = new.approved_at = None
    new.created_by = created_by
    new.save()
    new.contributors.set(plan.contributors.all())
    _copy_content(plan, new)
    return new


def _copy_content(old: ActionPlan, new: ActionPlan) -> None:
    for focus_area in old.focus_areas.prefetch_related(
        "goals__indicators",
        "measures__contributors",
        "evidence_reports",
        "evidence_indicators",
    ):
        goals, measures = list(focus_area.goals.all()), list(focus_area.measures.all())
        reports = list(focus_area.evidence_reports.all())
        indicators = list(focus_area.evidence_indicators.all())
        focus_area.pk, focus_area.plan = None, new
        focus_area._prefetched_objects_cache = {}  # else .set() sees the old rows
        focus_area.save()
        focus_area.evidence_reports.set(reports)
        focus_area.evidence_indicators.set(indicators)
        goal_map = _copy_goals(goals, focus_area)
        for measure in measures:
            contributors = list(measure.contributors.all())
            old_pk = measure.pk
            measure.pk, measure.focus_area = None, focus_area
            measure.goal = goal_map.get(measure.goal_id)
            measure.previous_version_id = old_pk
            measure._prefetched_objects_cache = {}
            measure.save()
            measure.contributors.set(contributors)


def _copy_goals(goals: list[Goal], focus_area: FocusArea) -> dict[int, Goal]:
    mapping: dict[int, Goal] = {}
    # Main goals first, so a sub-goal's parent is already copied.
    for goal in sorted(goals, key=lambda g: g.parent_id is not None):
        indicators = list(goal.indicators.all())
        old_pk = goal.pk
        goal.pk, goal.focus_area = None, focus_area
        goal.parent = mapping.get(goal.parent_id)
        goal._prefetched_objects_cache = {}
        goal.save()
        goal.indicators.set(indicators)
        mapping[old_pk] = goal
    return mapping


# --- Focus areas and goals ----------------------------------------------------------


@transaction.atomic
def focus_area_create(
    *,
    plan: ActionPlan,
    title: str,
    created_by: User | None,
    description: str = "",
    year: int | None = None,
    order: int | None = None,
    evidence_reports: Iterable = (),
    evidence_indicators: Iterable[Indicator] = (),
) -> FocusArea:
    """Legg til innsatsområde."""
    ensure_plan_editable(plan)
    if order is None:
        order = plan.focus_areas.count() + 1
    focus_area = FocusArea(
        area=plan.area,
        plan=plan,
        title=title,
        description=description,
        year=year,
        order=order,
        created_by=created_by,
    )
    focus_area.full_clean()
    _check_year(plan, year)
    focus_area.save()
    _set_evidence(focus_area, evidence_reports, evidence_indicators)
    return focus_area


def _check_year(plan: ActionPlan, year: int | None) -> None:
    if year and not (plan.period_start.year <= year <= plan.period_end.year):
        raise ApplicationError(
            _("The year must be within the plan's period."), field="year"
        )


def _set_evidence(focus_area: FocusArea, reports, indicators) -> None:
    reports, indicators = list(reports), list(indicators)
    if any(r.area_id != focus_area.area_id for r in reports) or any(
        i.area_id != focus_area.area_id for i in indicators
    ):
        raise ApplicationError(_("Evidence must come from the same area."))
    if any(r.status == "draft" for r in reports):
        raise ApplicationError(
            _("Only a submitted report can be cited."), field="evidence_reports"
        )
    focus_area.evidence_reports.set(reports)
    focus_area.evidence_indicators.set(indicators)


@transaction.atomic
def focus_area_update(
    *,
    focus_area: FocusArea,
    title: str,
    description: str = "",
    year: int | None = None,
    order: int | None = None,
    evidence_reports: Iterable = (),
    evidence_indicators: Iterable[Indicator] = (),
) -> FocusArea:
    ensure_plan_editable(focus_area.plan)
    focus_area.title, focus_area.description, focus_area.year = title, description, year
    if order is not None:
        focus_area.order = order
    focus_area.full_clean()
    _check_year(focus_area.plan, year)
    focus_area.save()
    _set_evidence(focus_area, evidence_reports, evidence_indicators)
    return focus_area


@transaction.atomic
def focus_area_delete(*, focus_area: FocusArea) -> None:
    ensure_plan_editable(focus_area.plan)
    if focus_area.measures.exists():
        raise ApplicationError(_("Move or delete the focus area's measures first."))
    focus_area.delete()


@transaction.atomic
def goal_create(
    *,
    focus_area: FocusArea,
    text: str,
    created_by: User | None,
    kind: str = Goal.Kind.MAIN,
    parent: Goal | None = None,
    indicators: Iterable[Indicator] = (),
) -> Goal:
    """Legg til hovedmål eller delmål."""
    ensure_plan_editable(focus_area.plan)
    goal = Goal(
        area=focus_area.area,
        focus_area=focus_area,
        text=text,
        kind=kind,
        parent=parent,
        order=focus_area.goals.count() + 1,
        created_by=created_by,
    )
    _check_goal(goal)
    goal.save()
    _set_goal_indicators(goal, indicators)
    return goal


def _check_goal(goal: Goal) -> None:
    goal.full_clean()
    if goal.kind == Goal.Kind.SUB and goal.parent is None:
        raise ApplicationError(_("A sub-goal belongs to a main goal."), field="parent")
    if goal.parent is not None:
        if goal.kind != Goal.Kind.SUB:
            raise ApplicationError(
                _("Only a sub-goal has a main goal above it."), field="parent"
            )
        if (
            goal.parent.focus_area_id != goal.focus_area_id
            or goal.parent.kind != Goal.Kind.MAIN
        ):
            raise ApplicationError(
                _("Pick a main goal in the same focus area."), field="parent"
            )


def _set_goal_indicators(goal: Goal, indicators) -> None:
    indicators = list(indicators)
    if any(i.area_id != goal.area_id for i in indicators):
        raise ApplicationError(
            _("Indicators must come from the same area."), field="indicators"
        )
    goal.indicators.set(indicators)


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    text: str,
    kind: str,
    parent: Goal | None = None,
    indicators: Iterable[Indicator] = (),
) -> Goal:
    ensure_plan_editable(goal.focus_area.plan)
    goal.text, goal.kind, goal.parent = text, kind, parent
    _check_goal(goal)
    goal.save()
    _set_goal_indicators(goal, indicators)
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    ensure_plan_editable(goal.focus_area.plan)
    goal.delete()
