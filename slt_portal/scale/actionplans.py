"""Scale data for the actionplans app: one handlingsplan a year with five
innsatsområder and forty tiltak with monthly progress, the year's årshjul tasks,
and the area's indicators with a value a year."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import random

from actionplans.models import (
    ActionPlan,
    CycleTask,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from actionplans.services.cycle import item_applies, item_due_dates
from municipalities.models import Area, Topic
from slt_portal.scale.common import AreaSetup, Run, at, insert

FOCUS_AREAS = [
    ("Rusforebygging", Topic.SUBSTANCES),
    ("Vold og trygghet", Topic.VIOLENCE),
    ("Utenforskap og fritid", Topic.EXCLUSION),
    ("Overganger", Topic.TRANSITIONS),
    ("Digitale arenaer", Topic.ONLINE),
]
MEASURES_PER_FOCUS_AREA = 8
INDICATORS = [
    ("Andel som har vært beruset siste år (10. trinn)", Indicator.Source.UNGDATA),
    ("Andel som trives på skolen", Indicator.Source.UNGDATA),
    ("Anmeldte voldssaker, gjerningsperson under 18", Indicator.Source.POLICE),
    ("Narkotikasaker, gjerningsperson under 18", Indicator.Source.POLICE),
    ("Frafall i videregående skole", Indicator.Source.FHI),
    ("Andel som føler seg trygge i nærmiljøet", Indicator.Source.SAFETY_SURVEY),
]


def indicators_create(area: Area, *, run: Run) -> None:
    when = at(dt.date(run.years[0], 1, 2))
    insert(
        Indicator,
        [
            Indicator(
                area=area,
                name=name,
                source=source,
                unit=Indicator.Unit.PERCENT,
                cohort="13–19 år",
                higher_is_better=n in (1, 5),
            )
            for n, (name, source) in enumerate(INDICATORS)
        ],
        when=when,
    )


def indicator_values_create(setup: AreaSetup, year: int, *, run: Run, rng) -> None:
    if dt.date(year, 6, 30) > run.today:
        return
    insert(
        IndicatorValue,
        [
            IndicatorValue(
                area=setup.area,
                indicator=indicator,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=decimal.Decimal(rng.randint(50, 900)) / 10,
                n=rng.randint(200, 3000),
                comparison_value=decimal.Decimal(rng.randint(50, 900)) / 10,
            )
            for indicator in setup.indicators
        ],
        when=at(dt.date(year, 7, 1)),
    )


def _measure_status(year: int, run: Run, rng: random.Random) -> str:
    if year < run.today.year:
        return rng.choices(
            (
                Measure.Status.COMPLETED,
                Measure.Status.HANDED_OVER,
                Measure.Status.STOPPED,
            ),
            weights=(70, 20, 10),
        )[0]
    return rng.choices(
        (Measure.Status.ACTIVE, Measure.Status.PLANNED), weights=(85, 15)
    )[0]


def plan_create(setup: AreaSetup, year: int, *, run: Run, rng, decisions) -> None:
    """The year's handlingsplan, its focus areas, goals, measures and progress."""
    current = year >= run.today.year
    approval = next(
        (d for d in decisions if d.meeting.group_id == setup.groups["sg"].pk), None
    )
    created = at(dt.date(year - 1, 11, 1))
    plan = insert(
        ActionPlan,
        [
            ActionPlan(
                area=setup.area,
                title=f"Handlingsplan for SLT {setup.area.name} {year}",
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                status=ActionPlan.Status.APPROVED
                if current
                else ActionPlan.Status.ENDED,
                summary="Planen bygger på problembildet og Ungdata.",
                approved_by_group=setup.groups["sg"],
                approval_decision=approval,
                approved_at=at(dt.date(year - 1, 12, 10)),
                created_by=setup.coordinator,
                created_at=created,
            )
        ],
        when=created,
    )[0]
    focus_areas = insert(
        FocusArea,
        [
            FocusArea(area=setup.area, plan=plan, title=title, order=n, year=year)
            for n, (title, _topic) in enumerate(FOCUS_AREAS)
        ],
        when=created,
    )
    goals = insert(
        Goal,
        [
            Goal(area=setup.area, focus_area=fa, text=f"Redusere risiko: {fa.title}")
            for fa in focus_areas
        ],
        when=created,
    )
    measures = insert(
        Measure, _measures(setup, year, focus_areas, goals, run, rng), when=created
    )
    insert(ProgressUpdate, _progress(setup, year, measures, run, rng), when=created)


def _measures(setup, year, focus_areas, goals, run, rng):
    kg = setup.members["kg"]
    rows = []
    for fa, goal, (title, topic) in zip(focus_areas, goals, FOCUS_AREAS, strict=True):
        for n in range(MEASURES_PER_FOCUS_AREA):
            owner = rng.choice(kg)
            rows.append(
                Measure(
                    area=setup.area,
                    focus_area=fa,
                    goal=goal,
                    title=f"{title}: tiltak {n + 1}",
                    description="Tiltaket drives av tjenestene i fellesskap.",
                    topics=[topic],
                    prevention_level=rng.choice(Measure.PreventionLevel.values),
                    target_group="Ungdom 13–18 år",
                    age_from=13,
                    age_to=18,
                    responsible_agency_id=owner.agency_id,
                    owner_id=owner.user_id,
                    start_date=dt.date(year, 1, 1),
                    end_date=dt.date(year, 12, 31),
                    status=_measure_status(year, run, rng),
                    funding_source=Measure.FundingSource.ORDINARY_BUDGET,
                    evaluation_type=Measure.EvaluationType.PROCESS,
                    evaluator=Measure.Evaluator.INTERNAL,
                    evaluation_due=(due := dt.date(year, rng.randint(3, 12), 1))
                    if n == 0
                    else None,
                    # evaluated within a month of the due date
                    evaluation_result="Evaluert."
                    if year < run.today.year
                    or (n == 0 and due < run.today - dt.timedelta(days=30))
                    else "",
                    order=n,
                )
            )
    return rows


def _progress(setup, year, measures, run, rng):
    rows = []
    for measure in measures:
        for month in range(1, 13):
            day = dt.date(year, month, 25)
            if day > run.today:
                break
            rows.append(
                ProgressUpdate(
                    area=setup.area,
                    measure=measure,
                    date=day,
                    text="Gjennomført som planlagt denne måneden.",
                    author_id=measure.owner_id,
                    rating=rng.choices(
                        ProgressUpdate.Rating.values, weights=(75, 18, 7)
                    )[0],
                    figure=rng.randint(5, 120),
                    figure_label="deltakere",
                    is_highlight=month == 12 and rng.random() < 0.2,
                    created_by_id=measure.owner_id,
                    created_at=at(day, 14),
                    updated_at=at(day, 14),
                )
            )
    return rows


@functools.cache
def _due_dates(item_key: tuple, year: int) -> list[dt.date]:
    from actionplans.models import CycleItem

    fields = dict(item_key)
    return item_due_dates(CycleItem(**fields), year)


def _item_key(item) -> tuple:
    names = ("month", "months", "day", "week", "recurrence", "skip_months", "lead_days")
    return tuple(
        (n, tuple(v) if isinstance(v := getattr(item, n), list) else v) for n in names
    )


def cycle_tasks_create(setup: AreaSetup, year: int, *, run: Run, rng) -> None:
    """The year's årshjul tasks from the area's template copy; done when past."""
    by_kind = {g.kind: g for g in setup.groups.values()}
    rows = []
    for item in setup.cycle_items:
        if not item_applies(item, is_city=setup.is_city):
            continue
        for due in _due_dates(_item_key(item), year):
            past = due < run.today
            skipped = past and rng.random() < 0.05
            rows.append(
                CycleTask(
                    area=setup.area,
                    cycle_item=item,
                    title=item.title,
                    year=year,
                    due_date=due,
                    assignee=setup.coordinator,
                    group=by_kind.get(item.group_kind),
                    status=(
                        CycleTask.Status.SKIPPED
                        if skipped
                        else CycleTask.Status.DONE
                        if past
                        else CycleTask.Status.OPEN
                    ),
                    completed_at=at(due, 15) if past and not skipped else None,
                    reminder_sent_at=at(due - dt.timedelta(days=7), 6)
                    if past
                    else None,
                )
            )
    insert(CycleTask, rows, when=at(dt.date(year, 1, 2)))
