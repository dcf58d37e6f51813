"""The årshjul: published templates, copies, dates, generating a year with proposed
meetings, the idempotent rollover, tasks and the calendar feed."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django_celery_beat.models import PeriodicTask
from django_scopes import scopes_disabled

from actionplans import services
from actionplans.models import CycleItem, CycleTask, CycleTemplate
from actionplans.tasks import cycle_rollover
from actionplans.workdays import is_working_day
from meetings.models import Meeting
from municipalities.models import Area
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def item(template, **fields):
    return factories.CycleItemFactory(template=template, **fields)


def test_both_default_templates_are_published_without_an_area():
    defaults = CycleTemplate.published.filter(area__isnull=True)
    variants = {t.variant: t for t in defaults}
    assert set(variants) == {"generic_slt", "oslo_salto"}
    generic = variants["generic_slt"].items.all()
    assert generic.count() >= 15
    kg = generic.get(title="Koordineringsgruppemøte")
    assert (kg.recurrence, kg.skip_months, kg.generates) == ("monthly", [7], "meeting")
    tertial = variants["oslo_salto"].items.get(title="Politiets tertialrapport")
    assert (tertial.owner_role, tertial.report_kind) == (
        "police_contact",
        "police_tertial",
    )


def test_the_rollover_is_scheduled_in_the_database():
    task = PeriodicTask.objects.get(name="actionplans-cycle-rollover")
    assert task.task == "actionplans.cycle_rollover"
    assert task.crontab.month_of_year == "11,12"


def test_monthly_items_skip_july_and_fall_on_working_days():
    template = factories.CycleTemplateFactory()
    kg = item(template, recurrence="monthly", months=[], skip_months=[7], day=15)
    dates = services.item_due_dates(kg, 2026)
    assert len(dates) == 11
    assert all(d.month != 7 and is_working_day(d) for d in dates)
    # 15 Feb 2026 is a Sunday: the meeting is on Monday the 16th.
    assert dt.date(2026, 2, 16) in dates


def test_an_item_on_17_may_moves_to_the_next_working_day():
    template = factories.CycleTemplateFactory()
    gathering = item(template, months=[5], day=17)
    assert services.item_due_dates(gathering, 2026) == [dt.date(2026, 5, 18)]


def test_lead_days_put_a_preparation_task_before_the_meeting_date():
    template = factories.CycleTemplateFactory()
    deadline = item(template, months=[2], day=15, lead_days=21)
    # The meeting moves to Monday 16 Feb; 21 days before is Monday 26 Jan.
    assert services.item_due_dates(deadline, 2026) == [dt.date(2026, 1, 26)]


def test_every_four_weeks_outside_july():
    template = factories.CycleTemplateFactory()
    team = item(
        template, recurrence="every_4_weeks", months=[], week=2, skip_months=[7]
    )
    dates = services.item_due_dates(team, 2026)
    assert dates[0] == dt.date(2026, 1, 7)
    assert all(d.month != 7 for d in dates)
    assert len(dates) == 12


def test_quarterly_and_tertial_items_use_their_default_months():
    template = factories.CycleTemplateFactory()
    quarterly = item(template, recurrence="quarterly", months=[], day=1)
    tertial = item(template, recurrence="tertial", months=[], day=20)
    assert [d.month for d in services.item_due_dates(quarterly, 2026)] == [3, 6, 9, 12]
    assert [d.month for d in services.item_due_dates(tertial, 2026)] == [1, 5, 9]


def test_an_item_without_a_month_makes_no_tasks():
    template = factories.CycleTemplateFactory()
    assert services.item_due_dates(item(template, months=[], month=None), 2026) == []


def test_copying_a_published_template_gives_the_area_its_own_editable_copy(area):
    source = CycleTemplate.published.get(area__isnull=True, variant="generic_slt")
    copy = services.cycle_template_clone(area=area, source=source, created_by=None)
    assert copy.area == area
    assert copy.based_on == source
    assert copy.items.count() == source.items.count()
    assert Area.objects.get(pk=area.pk).cycle_template == copy
    with pytest.raises(ApplicationError):
        services.cycle_template_clone(area=area, source=source, created_by=None)


def test_an_unpublished_area_template_cannot_be_copied(area, other_area):
    private = factories.CycleTemplateFactory(area=other_area)
    with pytest.raises(ApplicationError):
        services.cycle_template_clone(area=area, source=private, created_by=None)


def test_the_default_templates_cannot_be_edited():
    default = CycleTemplate.published.filter(area__isnull=True).first()
    with pytest.raises(ApplicationError):
        services.cycle_item_create(
            template=default, title="Nytt", owner_role="coordinator"
        )


def test_editing_an_items_timing_clears_the_assumption_flag(area):
    template = factories.CycleTemplateFactory(area=area)
    wheel = item(template, months=[3], month_is_assumption=True)
    services.cycle_item_update(item=wheel, months=[4])
    wheel.refresh_from_db()
    assert wheel.months == [4]
    assert not wheel.month_is_assumption


def test_a_meeting_item_needs_a_group_kind(area):
    template = factories.CycleTemplateFactory(area=area)
    with pytest.raises(ApplicationError) as error:
        services.cycle_item_create(
            template=template,
            title="Møte",
            generates="meeting",
            owner_role="coordinator",
            months=[3],
        )
    assert error.value.field == "group_kind"


@time_machine.travel(NOW, tick=False)
def test_generating_a_year_makes_tasks_and_proposes_meetings(area):
    coordinator = factories.user_with_role(area, "coordinator")
    police = factories.user_with_role(area, "police_contact")
    steering = factories.GroupFactory(area=area, steering=True, name="Styringsgruppe")
    template = factories.CycleTemplateFactory(area=area)
    sg = item(
        template,
        kind="meeting",
        generates="meeting",
        group_kind="steering_group",
        months=[2, 5, 9, 11],
    )
    picture = item(template, months=[1], day=31, owner_role="police_contact")
    result = services.cycle_year_generate(area=area, year=2027)
    assert result.tasks == 5
    assert result.meetings == 4
    tasks = CycleTask.objects.filter(area=area, year=2027)
    assert {t.assignee for t in tasks.filter(cycle_item=sg)} == {coordinator}
    assert tasks.get(cycle_item=picture).assignee == police
    meetings = Meeting.objects.filter(group=steering).order_by("starts_at")
    assert [m.status for m in meetings] == ["planned"] * 4
    first_task = tasks.filter(cycle_item=sg).order_by("due_date").first()
    assert meetings[0].cycle_task == first_task
    assert first_task.generated == meetings[0]
    assert first_task.group == steering


@time_machine.travel(NOW, tick=False)
def test_generating_twice_makes_nothing_new_even_after_a_task_was_moved(area):
    factories.user_with_role(area, "coordinator")
    factories.GroupFactory(area=area, steering=True)
    template = factories.CycleTemplateFactory(area=area)
    item(template, generates="meeting", group_kind="steering_group", months=[3, 9])
    services.cycle_year_generate(area=area, year=2027)
    moved = CycleTask.objects.filter(area=area).first()
    services.cycle_task_update(
        task=moved, due_date=moved.due_date + dt.timedelta(days=7), assignee=None
    )
    again = services.cycle_year_generate(area=area, year=2027)
    assert (again.tasks, again.meetings) == (0, 0)
    assert CycleTask.objects.filter(area=area).count() == 2
    assert Meeting.objects.filter(area=area).count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_new_item_gets_its_tasks_on_the_next_generation(area):
    template = factories.CycleTemplateFactory(area=area)
    item(template, months=[3])
    services.cycle_year_generate(area=area, year=2027)
    item(template, months=[6])
    assert services.cycle_year_generate(area=area, year=2027).tasks == 1


@time_machine.travel(NOW, tick=False)
def test_this_years_past_dates_are_left_out_when_asked(area):
    template = factories.CycleTemplateFactory(area=area)
    item(template, recurrence="monthly", months=[], day=15)
    result = services.cycle_year_generate(
        area=area, year=2026, from_date=dt.date(2026, 11, 2)
    )
    assert result.tasks == 2  # November and December


@time_machine.travel(NOW, tick=False)
def test_meetings_are_not_proposed_in_the_past(area):
    factories.GroupFactory(area=area)
    template = factories.CycleTemplateFactory(area=area)
    item(
        template,
        recurrence="monthly",
        months=[],
        generates="meeting",
        group_kind="coordination_group",
    )
    result = services.cycle_year_generate(area=area, year=2026)
    assert result.tasks == 12
    assert result.meetings == 2  # 15 Nov and 15 Dec are still ahead


def test_the_city_runs_the_secretariats_items_and_the_districts_the_rest():
    district = factories.AreaFactory(bydel=True)
    city_item = CycleItem(owner_role="secretariat")
    district_item = CycleItem(owner_role="coordinator")
    assert services.area_is_city(district.parent)
    assert not services.area_is_city(district)
    assert services.item_applies(city_item, is_city=True)
    assert not services.item_applies(district_item, is_city=True)
    assert services.item_applies(district_item, is_city=False)


def test_generating_without_a_template_explains_what_to_do(area):
    with pytest.raises(ApplicationError, match="Velg en mal"):
        services.cycle_year_generate(area=area, year=2027)


@time_machine.travel(NOW, tick=False)
def test_the_rollover_task_makes_next_years_tasks_for_every_area_once(area, other_area):
    for place in (area, other_area):
        item(factories.CycleTemplateFactory(area=place), months=[2, 8])
    first = cycle_rollover.delay().get()
    second = cycle_rollover.delay().get()
    assert first == {"areas": 2, "tasks": 4, "meetings": 0}
    assert second["tasks"] == 0
    assert set(CycleTask.objects.values_list("year", flat=True)) == {2027}


def test_a_moved_task_lands_on_a_working_day_and_needs_a_member_as_assignee(area):
    task = factories.CycleTaskFactory(area=area, due_date=dt.date(2026, 5, 11))
    member = factories.user_with_role(area, "coordinator")
    services.cycle_task_update(
        task=task, due_date=dt.date(2026, 5, 17), assignee=member
    )
    assert task.due_date == dt.date(2026, 5, 18)
    with pytest.raises(ApplicationError) as error:
        services.cycle_task_update(
            task=task, due_date=task.due_date, assignee=factories.UserFactory()
        )
    assert error.value.field == "assignee"


def test_marking_a_task_done_and_reopening_it(area):
    task = factories.CycleTaskFactory(area=area)
    services.cycle_task_set_status(task=task, status="done")
    assert task.completed_at is not None
    services.cycle_task_set_status(task=task, status="open")
    assert task.completed_at is None


def test_a_new_feed_address_stops_the_old_one(area):
    user = factories.user_with_role(area, "coordinator")
    _old, old_raw = services.cycle_feed_create(area=area, created_by=user)
    feed, raw = services.cycle_feed_create(area=area, created_by=user)
    assert services.cycle_feed_by_token(raw=old_raw) is None
    assert services.cycle_feed_by_token(raw=raw) == feed
    assert feed.token_hash != raw  # only a digest is stored
    services.cycle_feed_revoke(feed=feed)
    assert services.cycle_feed_by_token(raw=raw) is None


@pytest.mark.django_db(transaction=True)
def test_two_generations_at_once_make_each_task_once():
    area = factories.AreaFactory()
    factories.GroupFactory(area=area, steering=True)
    template = factories.CycleTemplateFactory(area=area)
    item(template, generates="meeting", group_kind="steering_group", months=[3, 6, 9])
    item(template, recurrence="monthly", months=[])
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        barrier.wait()
        try:
            # Like the Celery task: a thread starts without the test's scope context.
            with scopes_disabled():
                results.append(services.cycle_year_generate(area=area, year=2030))
        except Exception as exc:  # pragma: no cover - shown in the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.tasks for r in results) == [0, 15]
    assert CycleTask.objects.filter(area=area).count() == 15
    assert Meeting.objects.filter(area=area).count() == 3
