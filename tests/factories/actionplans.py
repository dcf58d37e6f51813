"""Factories for the actionplans app: plans, measures, indicators and the årshjul."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
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
from tests.factories.municipalities import AgencyFactory, AreaFactory, UserFactory


def _this_year(month: int, day: int) -> dt.date:
    return dt.date(timezone.localdate().year, month, day)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Handlingsplan {n}")
    kind = ActionPlan.Kind.ACTION_PLAN
    period_start = factory.LazyFunction(lambda: _this_year(1, 1))
    period_end = factory.LazyFunction(
        lambda: _this_year(12, 31) + dt.timedelta(days=365)
    )
    status = ActionPlan.Status.DRAFT

    class Params:
        submitted = factory.Trait(status=ActionPlan.Status.SUBMITTED)
        approved = factory.Trait(
            status=ActionPlan.Status.APPROVED,
            approved_at=factory.LazyFunction(timezone.now),
        )


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    plan = factory.SubFactory(ActionPlanFactory)
    area = factory.SelfAttribute("plan.area")
    title = factory.Sequence(lambda n: f"Innsatsområde {n}")
    order = factory.Sequence(lambda n: n)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    focus_area = factory.SubFactory(FocusAreaFactory)
    area = factory.SelfAttribute("focus_area.area")
    text = factory.Sequence(lambda n: f"Mål {n}")
    kind = Goal.Kind.MAIN


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    focus_area = factory.SubFactory(FocusAreaFactory)
    area = factory.SelfAttribute("focus_area.area")
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    prevention_level = Measure.PreventionLevel.UNIVERSAL
    target_group = "Ungdom 13–16 år"
    responsible_agency = factory.SubFactory(
        AgencyFactory, area=factory.SelfAttribute("..area")
    )
    owner = factory.SubFactory(UserFactory)

    class Params:
        with_evaluation = factory.Trait(
            start_date=factory.LazyFunction(lambda: timezone.localdate()),
            evaluation_type=Measure.EvaluationType.PROCESS,
            evaluator=Measure.Evaluator.INTERNAL,
            evaluation_plan="Prosessevaluering i koordineringsgruppen.",
            evaluation_due=factory.LazyFunction(
                lambda: timezone.localdate() + dt.timedelta(days=300)
            ),
        )
        active = factory.Trait(
            with_evaluation=True,
            status=Measure.Status.ACTIVE,
            start_date=factory.LazyFunction(
                lambda: timezone.localdate() - dt.timedelta(days=60)
            ),
        )


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory, active=True)
    area = factory.SelfAttribute("measure.area")
    date = factory.LazyFunction(timezone.localdate)
    text = "Gjennomført som planlagt."
    author = factory.SubFactory(UserFactory)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    source = Indicator.Source.UNGDATA
    unit = Indicator.Unit.PERCENT
    cohort = "10. trinn"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SelfAttribute("indicator.area")
    # One day per value: never the same period as a value a test sets itself.
    period_start = factory.Sequence(
        lambda n: dt.date(1950, 1, 1) + dt.timedelta(days=n)
    )
    period_end = factory.SelfAttribute("period_start")
    value = 10


class CycleTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleTemplate

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Årshjul {n}")
    variant = CycleTemplate.Variant.GENERIC_SLT


class CycleItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleItem

    template = factory.SubFactory(CycleTemplateFactory)
    title = factory.Sequence(lambda n: f"Punkt {n}")
    kind = CycleItem.Kind.TASK
    months = factory.LazyFunction(lambda: [3])
    day = 15
    owner_role = "coordinator"
    generates = CycleItem.Generates.TASK


class CycleTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleTask

    area = factory.SubFactory(AreaFactory)
    cycle_item = factory.SubFactory(
        CycleItemFactory, template__area=factory.SelfAttribute("...area")
    )
    title = factory.SelfAttribute("cycle_item.title")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=2))
    year = factory.LazyAttribute(lambda t: t.due_date.year)
