"""Årshjul pages: editing the area's template, the secretariat's city template,
moving tasks off holidays, and rule R6 (next year's tasks by 1 December)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from actionplans import selectors, services
from actionplans.models import CycleItem, CycleTask
from tests import factories

pytestmark = pytest.mark.django_db


def url(area, name, **kwargs):
    return reverse(f"actionplans:{name}", kwargs={"area_slug": area.slug, **kwargs})


@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_r6_warns_when_next_years_tasks_are_missing_on_1_december(area):
    assert "Velg en mal" in selectors.cycle_warnings(area=area)[0]
    template = factories.CycleTemplateFactory(area=area)
    factories.CycleItemFactory(template=template, months=[3])
    assert "2027" in selectors.cycle_warnings(area=area)[0]
    services.cycle_year_generate(area=area, year=2027)
    assert selectors.cycle_warnings(area=area) == []


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False)
def test_r6_does_not_warn_before_december(area):
    template = factories.CycleTemplateFactory(area=area)
    factories.CycleItemFactory(template=template, months=[3])
    assert selectors.cycle_warnings(area=area) == []


def test_a_coordinator_adds_and_edits_items_of_the_areas_template(client, area):
    client.force_login(factories.user_with_role(area, "coordinator"))
    template = factories.CycleTemplateFactory(area=area)
    response = client.post(
        url(area, "cycle_item_create"),
        {
            "title": "Budsjettfrist",
            "kind": "report_deadline",
            "recurrence": "once",
            "months": ["9"],
            "day": "20",
            "owner_role": "coordinator",
            "generates": "reminder",
        },
    )
    assert response.status_code == 302
    item = CycleItem.objects.get(template=template, title="Budsjettfrist")
    assert (item.months, item.day) == ([9], 20)
    item.month_is_assumption = True
    item.save()
    client.post(
        url(area, "cycle_item_update", pk=item.pk),
        {
            "title": "Budsjettfrist",
            "kind": "report_deadline",
            "recurrence": "once",
            "months": ["10"],
            "day": "20",
            "owner_role": "coordinator",
            "generates": "reminder",
        },
    )
    item.refresh_from_db()
    assert item.months == [10]
    assert not item.month_is_assumption


def test_an_item_with_tasks_is_not_deleted(client, area):
    client.force_login(factories.user_with_role(area, "coordinator"))
    task = factories.CycleTaskFactory(area=area)
    response = client.post(url(area, "cycle_item_delete", pk=task.cycle_item_id))
    assert response.status_code == 302
    assert CycleItem.objects.filter(pk=task.cycle_item_id).exists()


def test_the_secretariat_publishes_the_city_template_but_does_not_edit_a_district():
    district = factories.AreaFactory(bydel=True)
    city = district.parent
    secretariat = factories.user_with_role(city, "secretariat")
    template = factories.CycleTemplateFactory(area=city)
    factories.CycleTemplateFactory(area=district)
    from django.test import Client

    client = Client()
    client.force_login(secretariat)
    client.post(url(city, "cycle_template_publish"), {"published": "1"})
    template.refresh_from_db()
    assert template.is_published
    assert client.get(url(city, "cycle_item_create")).status_code == 200
    assert client.get(url(district, "cycle_item_create")).status_code == 403


def test_moving_a_task_to_17_may_lands_on_the_next_working_day(client, area):
    coordinator = factories.user_with_role(area, "coordinator")
    client.force_login(coordinator)
    task = factories.CycleTaskFactory(area=area, due_date=dt.date(2026, 5, 11))
    response = client.post(
        url(area, "cycle_task", pk=task.pk),
        {"due_date": "2026-05-17", "assignee": coordinator.pk},
        follow=True,
    )
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 5, 18)
    assert "18.05.2026" in response.content.decode()


def test_the_list_filters_to_my_open_tasks(client, area):
    me = factories.user_with_role(area, "coordination_member")
    other = factories.user_with_role(area, "coordinator")
    mine = factories.CycleTaskFactory(area=area, assignee=me, title="Min oppgave")
    factories.CycleTaskFactory(area=area, assignee=other, title="Annens oppgave")
    client.force_login(me)
    response = client.get(
        url(area, "cycle_list") + f"?year={mine.year}&mine=1&status=open"
    )
    assert [t.title for t in response.context["tasks"]] == ["Min oppgave"]
    assert CycleTask.objects.count() == 2
