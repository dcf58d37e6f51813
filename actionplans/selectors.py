"""Reads for plans, measures, indicators and the årshjul. Single objects come only
from ``*_get_for_user``: missing, in another area, or not visible to the role all
answer 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from actionplans import policy
from actionplans.models import (
    ActionPlan,
    CycleFeed,
    CycleItem,
    CycleTask,
    CycleTemplate,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from meetings.models import Meeting
from municipalities.models import Agency, Area, Group, User

CLOSED_PLAN_STATUSES = (ActionPlan.Status.ENDED, ActionPlan.Status.SUPERSEDED)


# --- Plans --------------------------------------------------------------------------


def plan_list(*, area: Area, area_roles: Iterable[str]) -> QuerySet[ActionPlan]:
    """Plans in the area that the roles may see, newest period first."""
    return (
        ActionPlan.objects.for_area(area)
        .filter(policy.plan_visibility(area_roles))
        .select_related("parent_programme", "approved_by_group")
        .annotate(
            measure_count=Count("focus_areas__measures", distinct=True),
            focus_area_count=Count("focus_areas", distinct=True),
        )
        .order_by("-period_start", "title", "-version")
    )


def plan_get_for_user(*, area: Area, area_roles: Iterable[str], pk: int) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.for_area(area)
        .filter(policy.plan_visibility(area_roles))
        .select_related(
            "parent_programme",
            "approved_by_group",
            "approval_decision__meeting",
            "supersedes",
        ),
        pk=pk,
    )


def plan_focus_areas(*, plan: ActionPlan) -> list[FocusArea]:
    """The plan's focus areas with goals, measures and evidence, in a fixed number
    of queries."""
    today = timezone.localdate()
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    measures = (
        Measure.objects.select_related("owner", "responsible_agency", "goal")
        .annotate(
            last_update=latest.values("date")[:1],
            last_rating=latest.values("rating")[:1],
        )
        .order_by("order", "pk")
    )
    focus_areas = list(
        plan.focus_areas.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("indicators")),
            Prefetch("measures", queryset=measures),
            "evidence_reports",
            "evidence_indicators",
        )
    )
    for focus_area in focus_areas:
        for measure in focus_area.measures.all():
            measure.is_overdue = measure_is_overdue(measure, today, plan=plan)
    return focus_areas


def plan_superseded_by(*, plan: ActionPlan) -> ActionPlan | None:
    return ActionPlan.objects.filter(supersedes=plan).order_by("-version").first()


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str


def plan_warnings(
    *, plan: ActionPlan, focus_areas: list[FocusArea]
) -> list[PlanWarning]:
    """Rules P3–P6 as warnings: the plan proceeds, the gaps are shown."""
    warnings: list[PlanWarning] = []
    measures = [m for fa in focus_areas for m in fa.measures.all()]
    for measure in measures:
        if measure.status == Measure.Status.PLANNED and not (
            measure.evaluation_type and measure.evaluation_plan.strip()
        ):
            warnings.append(
                PlanWarning(
                    "P3",
                    _(
                        "«%(title)s» has no evaluation plan yet; it cannot start "
                        "without one."
                    )
                    % {"title": measure.title},
                )
            )
        if (
            measure.evaluation_flags
            and measure.evaluation_type == Measure.EvaluationType.NONE
        ):
            warnings.append(
                PlanWarning(
                    "P4",
                    _(
                        "«%(title)s» is a new, costly, risky or transferable measure: "
                        "an evaluation is recommended."
                    )
                    % {"title": measure.title},
                )
            )
        if getattr(measure, "is_overdue", False):
            warnings.append(
                PlanWarning(
                    "overdue",
                    _("«%(title)s» is past its end or evaluation date.")
                    % {"title": measure.title},
                )
            )
    warnings += _p5_warnings(plan)
    for focus_area in focus_areas:
        if not (
            focus_area.evidence_reports.all() or focus_area.evidence_indicators.all()
        ):
            warnings.append(
                PlanWarning(
                    "P6",
                    _(
                        "The focus area «%(title)s» cites no problem picture, "
                        "mapping or indicator."
                    )
                    % {"title": focus_area.title},
                )
            )
    return warnings


def _p5_warnings(plan: ActionPlan) -> list[PlanWarning]:
    """P5: in Oslo, a district plan links to the city programme and has the
    district, a school and the police as contributing parties."""
    if plan.area.kind != Area.Kind.BYDEL or plan.kind == ActionPlan.Kind.PROGRAMME:
        return []
    warnings = []
    if plan.parent_programme_id is None:
        warnings.append(
            PlanWarning(
                "P5",
                _("A district plan should build on the city's action programme."),
            )
        )
    kinds = {a.kind for a in plan.contributors.all()}
    own_area = any(
        a.area_id == plan.area_id
        and a.kind not in (Agency.Kind.SCHOOL, Agency.Kind.POLICE)
        for a in plan.contributors.all()
    )
    missing = []
    if not own_area:
        missing.append(_("the district"))
    if not kinds & {Agency.Kind.SCHOOL, Agency.Kind.EDUCATION_AUTHORITY}:
        missing.append(_("school"))
    if Agency.Kind.POLICE not in kinds:
        missing.append(_("police"))
    if missing:
        warnings.append(
            PlanWarning(
                "P5",
                _(
                    "District, school and police are equal parties to the plan. "
                    "Missing as contributors: %(missing)s."
                )
                % {"missing": ", ".join(missing)},
            )
        )
    return warnings


def approval_meetings(*, plan: ActionPlan) -> list[Meeting]:
    """Held meetings where the plan may be approved (P1, M9), newest first."""
    from actionplans.services import approving_group_allowed, meeting_has_taken_place

    with scopes_disabled():
        groups = [
            g
            for g in Group.objects.filter(
                Q(area=plan.area) | Q(covered_areas=plan.area),
                kind__in=[Group.Kind.STEERING_GROUP, Group.Kind.POLICE_COUNCIL],
            )
            .prefetch_related("covered_areas")
            .distinct()
            if approving_group_allowed(plan=plan, group=g)
        ]
        meetings = (
            Meeting.objects.filter(group__in=groups)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("group")
            .order_by("-starts_at")[:50]
        )
        now = timezone.now()
        return [m for m in meetings if meeting_has_taken_place(m, now)]


def programme_choices(*, area: Area) -> QuerySet[ActionPlan]:
    """Adopted programmes of this area or its parent (the city)."""
    ids = [area.pk] + ([area.parent_id] if area.parent_id else [])
    with scopes_disabled():
        return ActionPlan.objects.filter(
            area_id__in=ids,
            kind=ActionPlan.Kind.PROGRAMME,
            status__in=[ActionPlan.Status.APPROVED, ActionPlan.Status.ENDED],
        ).order_by("-period_start")


def active_plan(*, area: Area, today: dt.date | None = None) -> ActionPlan | None:
    """The approved plan whose period covers today ("active")."""
    today = today or timezone.localdate()
    return (
        ActionPlan.objects.for_area(area)
        .filter(
            status=ActionPlan.Status.APPROVED,
            period_start__lte=today,
            period_end__gte=today,
        )
        .exclude(kind=ActionPlan.Kind.PROGRAMME)
        .order_by("-period_start")
        .first()
    )


# --- Measures -----------------------------------------------------------------------


def overdue_condition(today: dt.date, prefix: str = "") -> Q:
    """Active, in a plan that is not closed, and past its end or evaluation date."""
    return (
        Q(**{f"{prefix}status": Measure.Status.ACTIVE})
        & ~Q(**{f"{prefix}focus_area__plan__status__in": CLOSED_PLAN_STATUSES})
        & (
            Q(**{f"{prefix}end_date__lt": today})
            | Q(
                **{
                    f"{prefix}evaluation_due__lt": today,
                    f"{prefix}evaluation_result": "",
                }
            )
        )
    )


def measure_is_overdue(
    measure: Measure, today: dt.date, plan: ActionPlan | None = None
) -> bool:
    plan = plan or measure.focus_area.plan
    if measure.status != Measure.Status.ACTIVE or plan.status in CLOSED_PLAN_STATUSES:
        return False
    past_end = measure.end_date is not None and measure.end_date < today
    evaluation_late = (
        measure.evaluation_due is not None
        and measure.evaluation_due < today
        and not measure.evaluation_result
    )
    return past_end or evaluation_late


def measure_list(
    *,
    area: Area,
    area_roles: Iterable[str],
    owner: User | None = None,
    status: str | None = None,
    overdue: bool = False,
    agency_ids: Iterable[int] | None = None,
) -> QuerySet[Measure]:
    """Measures of the plans the roles may see; filters for "mine" and overdue."""
    today = timezone.localdate()
    visible = policy.plan_visibility(area_roles)
    plans = ActionPlan.objects.for_area(area).filter(visible)
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    queryset = (
        Measure.objects.for_area(area)
        .filter(focus_area__plan__in=plans)
        .exclude(focus_area__plan__status__in=CLOSED_PLAN_STATUSES)
        .select_related("owner", "responsible_agency", "focus_area__plan")
        .annotate(
            last_update=latest.values("date")[:1],
            is_overdue=Case(
                When(overdue_condition(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("focus_area__plan__title", "focus_area__order", "order", "pk")
    )
    if owner is not None:
        mine = Q(owner=owner)
        if agency_ids:
            mine |= Q(responsible_agency_id__in=list(agency_ids))
            mine |= Q(contributors__in=list(agency_ids))
        queryset = queryset.filter(mine).distinct()
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(overdue_condition(today))
    return queryset


DONE_STATUSES = (Measure.Status.COMPLETED, Measure.Status.HANDED_OVER)
OPEN_MEASURE_STATUSES = (Measure.Status.PLANNED, Measure.Status.ACTIVE)


def measure_status_counts(*, area: Area, area_roles: Iterable[str]) -> dict[str, int]:
    """Tiltak by status in the plans the roles may see (plan progress at a glance)."""
    today = timezone.localdate()
    counts = measure_list(area=area, area_roles=area_roles).aggregate(
        total=Count("pk", distinct=True),
        active=Count("pk", filter=Q(status="active"), distinct=True),
        planned=Count("pk", filter=Q(status="planned"), distinct=True),
        done=Count("pk", filter=Q(status__in=DONE_STATUSES), distinct=True),
        overdue=Count("pk", filter=overdue_condition(today), distinct=True),
    )
    counts["percent_done"] = (
        round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
    )
    return counts


def measures_to_update(
    *,
    user: User,
    roles_by_area: dict[int, frozenset[str]],
    limit: int = 8,
) -> list[Measure]:
    """Tiltak the user may log progress on, in all their areas: the ones they own
    or their agencies are responsible for or contribute to, still open, in a plan
    they may see; the longest without an update first."""
    area_ids = [
        area_id
        for area_id, area_roles in roles_by_area.items()
        if area_roles & policy.PROGRESS_ROLES
    ]
    if not area_ids:
        return []
    agency_ids = _user_agency_ids_everywhere(user=user, area_ids=area_ids)
    mine = Q(owner=user)
    if agency_ids:
        mine |= Q(responsible_agency_id__in=agency_ids)
        mine |= Q(contributors__in=agency_ids)
    visible = policy.plan_visibility_by_area(
        {a: roles_by_area[a] for a in area_ids}, prefix="focus_area__plan__"
    )
    latest = (
        ProgressUpdate.objects.with_scope(area=area_ids)
        .filter(measure=OuterRef("pk"))
        .order_by("-date", "-pk")
    )
    ids = (
        Measure.objects.with_scope(area=area_ids)
        .filter(mine, visible, area_id__in=area_ids, status__in=OPEN_MEASURE_STATUSES)
        .exclude(focus_area__plan__status__in=CLOSED_PLAN_STATUSES)
        .values("pk")
    )
    return list(
        Measure.objects.with_scope(area=area_ids)
        .filter(pk__in=ids)
        .select_related("area", "focus_area__plan")
        .annotate(last_update=latest.values("date")[:1])
        .order_by(F("last_update").asc(nulls_first=True), "title")[:limit]
    )


def _user_agency_ids_everywhere(*, user: User, area_ids: list[int]) -> list[int]:
    from municipalities.models import Membership

    ids = set(
        Membership.objects.with_scope(area=area_ids)
        .filter(user=user, area_id__in=area_ids, agency__isnull=False)
        .active_on(timezone.localdate())
        .values_list("agency_id", flat=True)
    )
    if user.agency_id:
        ids.add(user.agency_id)
    return sorted(ids)


def district_plan_progress(
    *, area_ids: list[int], today: dt.date | None = None
) -> dict[int, dict[str, int]]:
    """Per area: measures of its approved local plan for today, by status (the
    city secretariat's districts side by side). Aggregates only."""
    today = today or timezone.localdate()
    rows = (
        Measure.objects.with_scope(area=area_ids)
        .filter(
            area_id__in=area_ids,
            focus_area__plan__status=ActionPlan.Status.APPROVED,
            focus_area__plan__period_start__lte=today,
            focus_area__plan__period_end__gte=today,
        )
        .exclude(focus_area__plan__kind=ActionPlan.Kind.PROGRAMME)
        .values("area_id")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status="active")),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES)),
            overdue=Count("pk", filter=overdue_condition(today)),
        )
        .order_by()
    )
    progress = {}
    for row in rows:
        row["percent_done"] = round(100 * row["done"] / row["total"])
        progress[row.pop("area_id")] = row
    return progress


def plans_awaiting_approval(
    *, area: Area, area_roles: Iterable[str]
) -> list[ActionPlan]:
    """Plans submitted for approval that the roles may approve (styringsgruppen)."""
    return [
        plan
        for plan in plan_list(area=area, area_roles=area_roles).filter(
            status=ActionPlan.Status.SUBMITTED
        )
        if policy.can_approve_plan(area_roles, plan.kind)
    ]


def measure_get_for_user(*, area: Area, area_roles: Iterable[str], pk: int) -> Measure:
    plans = ActionPlan.objects.for_area(area).filter(policy.plan_visibility(area_roles))
    return get_object_or_404(
        Measure.objects.for_area(area)
        .filter(focus_area__plan__in=plans)
        .select_related(
            "owner",
            "responsible_agency",
            "goal",
            "focus_area__plan",
            "previous_version",
        )
        .prefetch_related("contributors"),
        pk=pk,
    )


def measure_history(*, measure: Measure) -> list[ProgressUpdate]:
    """Progress on this measure and on the same measure in earlier plan versions."""
    ids = [measure.pk]
    previous = measure.previous_version_id
    while previous and len(ids) < 20:
        ids.append(previous)
        previous = (
            Measure.objects.filter(pk=previous)
            .values_list("previous_version_id", flat=True)
            .first()
        )
    return list(
        ProgressUpdate.objects.filter(measure_id__in=ids)
        .select_related("author", "measure__focus_area__plan")
        .order_by("-date", "-pk")
    )


def user_agency_ids(*, user: User, area: Area) -> set[int]:
    """Agencies the user represents in the area (roles and profile)."""
    from municipalities import selectors

    ids = {
        m.agency_id
        for m in selectors.membership_list(area=area).filter(user=user)
        if m.agency_id
    }
    if user.agency_id:
        ids.add(user.agency_id)
    return ids


def area_people(*, area: Area) -> QuerySet[User]:
    """People with an active role in the area, for owner and assignee choices."""
    from municipalities import selectors

    user_ids = selectors.membership_list(area=area).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("full_name")


def area_groups(*, area: Area) -> QuerySet[Group]:
    return (
        Group.objects.for_area(area).filter(dissolved_on__isnull=True).order_by("name")
    )


# --- Indicators ---------------------------------------------------------------------


def indicator_list(*, area: Area) -> QuerySet[Indicator]:
    values = IndicatorValue.objects.order_by("period_start")
    return (
        Indicator.objects.for_area(area)
        .prefetch_related(Prefetch("values", queryset=values))
        .annotate(goal_count=Count("goals", distinct=True))
        .order_by("name")
    )


def indicator_get_for_user(*, area: Area, pk: int) -> Indicator:
    return get_object_or_404(indicator_list(area=area), pk=pk)


def indicator_value_get_for_user(*, area: Area, pk: int) -> IndicatorValue:
    return get_object_or_404(
        IndicatorValue.objects.for_area(area).select_related("indicator"), pk=pk
    )


def indicator_goals(*, indicator: Indicator, area_roles: Iterable[str]) -> list[Goal]:
    plans = ActionPlan.objects.for_area(indicator.area).filter(
        policy.plan_visibility(area_roles)
    )
    return list(
        indicator.goals.filter(focus_area__plan__in=plans).select_related(
            "focus_area__plan"
        )
    )


# --- Årshjul ------------------------------------------------------------------------


def area_template(*, area: Area) -> CycleTemplate | None:
    return CycleTemplate.objects.for_area(area).order_by("pk").first()


def template_items(*, template: CycleTemplate) -> list[CycleItem]:
    return list(template.items.order_by("order", "month", "pk"))


def published_templates() -> QuerySet[CycleTemplate]:
    """Templates an area may copy: the defaults and published city templates."""
    return (
        CycleTemplate.published.select_related("area")
        .annotate(item_count=Count("items"))
        .order_by("area", "name")
    )


def published_template_get(*, pk: int) -> CycleTemplate:
    return get_object_or_404(CycleTemplate.published.all(), pk=pk)


def cycle_item_get_for_user(*, area: Area, pk: int) -> CycleItem:
    return get_object_or_404(
        CycleItem.objects.filter(template__area=area).select_related("template"),
        pk=pk,
    )


def cycle_tasks(
    *,
    area: Area,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str | None = None,
    assignee: User | None = None,
) -> QuerySet[CycleTask]:
    queryset = (
        CycleTask.objects.for_area(area)
        .select_related("assignee", "group", "cycle_item")
        .order_by("due_date", "cycle_item__order", "pk")
    )
    if year is not None:
        queryset = queryset.filter(year=year)
    if start is not None:
        queryset = queryset.filter(due_date__gte=start)
    if end is not None:
        queryset = queryset.filter(due_date__lte=end)
    if status:
        queryset = queryset.filter(status=status)
    if assignee is not None:
        queryset = queryset.filter(assignee=assignee)
    return queryset


def cycle_task_get_for_user(*, area: Area, pk: int) -> CycleTask:
    return get_object_or_404(cycle_tasks(area=area), pk=pk)


def cycle_task_years(*, area: Area) -> list[int]:
    return sorted(
        set(CycleTask.objects.for_area(area).values_list("year", flat=True).distinct())
    )


def cycle_warnings(*, area: Area, today: dt.date | None = None) -> list[str]:
    """R6: every area has an årshjul, with next year's tasks by 1 December."""
    today = today or timezone.localdate()
    if area_template(area=area) is None:
        return [_("The area has no annual cycle. Choose a template to start one.")]
    next_year = today.year + 1
    if today >= dt.date(today.year, 12, 1) and not (
        CycleTask.objects.for_area(area).filter(year=next_year).exists()
    ):
        return [
            _("There are no annual-cycle tasks for %(year)d yet.") % {"year": next_year}
        ]
    return []


def cycle_feed_active(*, area: Area) -> CycleFeed | None:
    return (
        CycleFeed.objects.for_area(area)
        .filter(revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


def cycle_feed_tasks(*, area: Area, today: dt.date) -> QuerySet[CycleTask]:
    """What the calendar feed carries: this year's and next year's tasks."""
    return (
        cycle_tasks(area=area)
        .filter(year__gte=today.year - 1, year__lte=today.year + 1)
        .exclude(status=CycleTask.Status.SKIPPED)
    )


def focus_area_get_for_user(
    *, area: Area, area_roles: Iterable[str], pk: int
) -> FocusArea:
    plans = ActionPlan.objects.for_area(area).filter(policy.plan_visibility(area_roles))
    return get_object_or_404(
        FocusArea.objects.for_area(area).filter(plan__in=plans).select_related("plan"),
        pk=pk,
    )


def goal_get_for_user(*, area: Area, area_roles: Iterable[str], pk: int) -> Goal:
    plans = ActionPlan.objects.for_area(area).filter(policy.plan_visibility(area_roles))
    return get_object_or_404(
        Goal.objects.for_area(area)
        .filter(focus_area__plan__in=plans)
        .select_related("focus_area__plan"),
        pk=pk,
    )
