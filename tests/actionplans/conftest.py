"""A small area with one of everything, and people in each role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests import factories


@dataclass
class World:
    area: object
    plan: object
    approved_plan: object
    focus_area: object
    goal: object
    measure: object
    active_measure: object
    indicator: object
    value: object
    report: object
    draft_report: object
    template: object
    item: object
    task: object
    users: dict


@pytest.fixture
def world(db) -> World:
    area = factories.AreaFactory(name="Bydel Test", slug="test")
    users = {
        role: factories.user_with_role(area, role, full_name=f"{role} person")
        for role in (
            "coordinator",
            "steering_member",
            "coordination_member",
            "operative",
            "police_contact",
            "viewer",
        )
    }
    police = factories.AgencyFactory(area=area, name="Nærpolitiet", kind="police")
    plan = factories.ActionPlanFactory(area=area, title="Utkast til plan")
    focus_area = factories.FocusAreaFactory(plan=plan, title="Rus")
    goal = factories.GoalFactory(focus_area=focus_area)
    measure = factories.MeasureFactory(focus_area=focus_area, title="Utsett!")
    approved = factories.ActionPlanFactory(area=area, approved=True, title="Vedtatt")
    active = factories.MeasureFactory(
        focus_area=factories.FocusAreaFactory(plan=approved),
        active=True,
        title="Fleksiteam",
    )
    active.contributors.set([police])
    police_user = users["police_contact"]
    police_user.agency = police
    police_user.save()
    indicator = factories.IndicatorFactory(area=area, name="Aksept for alkohol")
    value = factories.IndicatorValueFactory(
        indicator=indicator,
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 12, 31),
        value=13,
    )
    report = factories.StatusReportFactory(
        area=area, submitted=True, author=users["police_contact"]
    )
    draft_report = factories.StatusReportFactory(
        area=area, author=users["police_contact"], title="Utkast fra politiet"
    )
    template = factories.CycleTemplateFactory(area=area)
    item = factories.CycleItemFactory(template=template, title="Skriv årshjul")
    task = factories.CycleTaskFactory(
        area=area,
        cycle_item=item,
        assignee=users["coordinator"],
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    return World(
        area=area,
        plan=plan,
        approved_plan=approved,
        focus_area=focus_area,
        goal=goal,
        measure=measure,
        active_measure=active,
        indicator=indicator,
        value=value,
        report=report,
        draft_report=draft_report,
        template=template,
        item=item,
        task=task,
        users=users,
    )
