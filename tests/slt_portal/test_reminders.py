"""The reminder sweep sends each reminder once: twice in a row, or two at once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from slt_portal.models import ReminderLog
from slt_portal.reminders import ReminderItem, reminders_sweep
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = dt.date(2026, 11, 23)


def make_source(items):
    def source(*, today, due_soon_days):
        return [
            i for i in items if i.due_date <= today + dt.timedelta(days=due_soon_days)
        ]

    return source


def item(user, area, n, due):
    return ReminderItem(
        key=f"test:{n}",
        user_id=user.pk,
        area_id=area.pk,
        area_name=area.name,
        kind="Oppfølgingspunkt",
        title=f"Punkt {n}",
        due_date=due,
        path=f"/o/{area.slug}/x/{n}/",
    )


def test_sweep_twice_in_a_row_sends_once(db):
    area = factories.AreaFactory()
    user = factories.UserFactory(reminder_mode="digest")
    source = make_source(
        [item(user, area, 1, TODAY), item(user, area, 2, TODAY - dt.timedelta(days=3))]
    )
    first = reminders_sweep(today=TODAY, sources=[source])
    second = reminders_sweep(today=TODAY, sources=[source])
    assert first["emails"] == 1
    assert second["emails"] == 0
    assert len(mail.outbox) == 1
    assert "Punkt 1" in mail.outbox[0].body
    assert "Punkt 2" in mail.outbox[0].body


def test_two_sweeps_at_once_send_once(db):
    area = factories.AreaFactory()
    users = [factories.UserFactory(reminder_mode="single") for _ in range(3)]
    source = make_source([item(u, area, n, TODAY) for n, u in enumerate(users)])
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(reminders_sweep(today=TODAY, sources=[source]))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["emails"] for r in results) == [0, 3]
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.count() == 3


def test_single_mode_sends_one_email_per_item_and_off_sends_none(db):
    area = factories.AreaFactory()
    single, off = (
        factories.UserFactory(reminder_mode="single"),
        factories.UserFactory(reminder_mode="off"),
    )
    source = make_source(
        [
            item(single, area, 1, TODAY),
            item(single, area, 2, TODAY),
            item(off, area, 3, TODAY),
        ]
    )
    reminders_sweep(today=TODAY, sources=[source])
    assert sorted(m.to[0] for m in mail.outbox) == [single.email, single.email]


def test_overdue_items_are_reminded_again_the_next_week_not_the_next_day(db):
    area = factories.AreaFactory()
    user = factories.UserFactory()
    source = make_source([item(user, area, 1, TODAY - dt.timedelta(days=10))])
    reminders_sweep(today=TODAY, sources=[source])
    reminders_sweep(today=TODAY + dt.timedelta(days=1), sources=[source])
    assert len(mail.outbox) == 1
    reminders_sweep(today=TODAY + dt.timedelta(days=7), sources=[source])
    assert len(mail.outbox) == 2


def test_items_not_yet_due_soon_are_not_reminded(db):
    area = factories.AreaFactory()
    user = factories.UserFactory()
    reminders_sweep(
        today=TODAY,
        sources=[make_source([item(user, area, 1, TODAY + dt.timedelta(days=30))])],
    )
    assert mail.outbox == []


def test_sweep_query_count_does_not_grow_with_users(db, django_assert_max_num_queries):
    area = factories.AreaFactory()
    items = [item(factories.UserFactory(), area, n, TODAY) for n in range(40)]
    # Sending happens in tasks after commit; the sweep itself is what is counted.
    with transaction.atomic(), django_assert_max_num_queries(10):
        result = reminders_sweep(today=TODAY, sources=[make_source(items)])
    assert result["emails"] == 40
