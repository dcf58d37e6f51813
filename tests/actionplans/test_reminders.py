"""The daily sweep with real årshjul tasks and measures: each reminder goes out once,
whether the sweep runs twice in a row or twice at the same time."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from actionplans.reminders import cycle_task_reminders, measure_reminders
from slt_portal.models import ReminderLog
from slt_portal.reminders import reminders_sweep
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = dt.date(2026, 11, 23)


def reminder_rows():
    """An owner with a task due tomorrow and an overdue one, and a measure owner
    whose measure ends in two days and whose evaluation is overdue."""
    area = factories.AreaFactory(name="Bydel Alna", slug="alna-test")
    assignee = factories.user_with_role(
        area, "coordinator", reminder_mode="digest", email="koordinator@example.no"
    )
    owner = factories.user_with_role(
        area, "police_contact", reminder_mode="single", email="politi@example.no"
    )
    factories.CycleTaskFactory(
        area=area,
        assignee=assignee,
        title="Send innkalling til styringsgruppen",
        due_date=TODAY + dt.timedelta(days=1),
    )
    factories.CycleTaskFactory(
        area=area,
        assignee=assignee,
        title="Samle saker til koordineringsgruppen",
        due_date=TODAY - dt.timedelta(days=5),
    )
    factories.CycleTaskFactory(
        area=area, assignee=assignee, title="Ferdig", status="done", due_date=TODAY
    )
    factories.CycleTaskFactory(
        area=area,
        assignee=assignee,
        title="Langt frem",
        due_date=TODAY + dt.timedelta(days=40),
    )
    factories.MeasureFactory(
        focus_area__plan__area=area,
        focus_area__plan__approved=True,
        active=True,
        owner=owner,
        title="Fleksiteam",
        start_date=TODAY - dt.timedelta(days=200),
        end_date=TODAY + dt.timedelta(days=2),
        evaluation_due=TODAY - dt.timedelta(days=1),
    )
    factories.MeasureFactory(
        focus_area__plan__area=area,
        focus_area__plan__status="superseded",
        active=True,
        owner=owner,
        title="Gammel versjon",
        start_date=TODAY - dt.timedelta(days=200),
        end_date=TODAY,
    )
    return assignee, owner


def sweep():
    return reminders_sweep(
        today=TODAY, sources=[cycle_task_reminders, measure_reminders]
    )


def test_sources_find_due_and_overdue_items_only():
    reminder_rows()
    tasks = {i.title for i in cycle_task_reminders(today=TODAY, due_soon_days=3)}
    measures = {
        (i.key.split(":")[0], i.title)
        for i in measure_reminders(today=TODAY, due_soon_days=3)
    }
    assert tasks == {
        "Send innkalling til styringsgruppen",
        "Samle saker til koordineringsgruppen",
    }
    assert measures == {
        ("measure_end", "Fleksiteam"),
        ("measure_evaluation", "Fleksiteam"),
    }


def test_the_sweep_twice_in_a_row_sends_each_reminder_once():
    assignee, owner = reminder_rows()
    first, second = sweep(), sweep()
    assert first["emails"] == 3  # one digest + two single e-mails
    assert second["emails"] == 0
    assert second["already_sent"] == 4
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [assignee.email, owner.email, owner.email]
    digest = next(m for m in mail.outbox if m.to == [assignee.email])
    assert "Send innkalling til styringsgruppen" in digest.body
    assert "Samle saker til koordineringsgruppen" in digest.body
    assert "/o/alna-test/plans/cycle/tasks/" in digest.body
    assert ReminderLog.objects.count() == 4


def test_two_sweeps_at_the_same_time_send_each_reminder_once():
    reminder_rows()
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(sweep())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r["emails"] for r in results) == [0, 3]
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.count() == 4


def test_the_sources_use_a_fixed_number_of_queries(django_assert_max_num_queries):
    reminder_rows()
    for _ in range(5):  # more areas and assignees do not mean more queries
        factories.CycleTaskFactory(due_date=TODAY, assignee=factories.UserFactory())
    with transaction.atomic(), django_assert_max_num_queries(3):
        items = [
            *cycle_task_reminders(today=TODAY, due_soon_days=3),
            *measure_reminders(today=TODAY, due_soon_days=3),
        ]
    assert len(items) == 9
