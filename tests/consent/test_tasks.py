"""The daily run: expiry, reminders, review flags and deletion, all idempotent."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django_celery_beat.models import PeriodicTask

from consent import services
from consent.models import (
    AccessLog,
    Consent,
    ConsentTask,
    Disclosure,
    Guardian,
    Subject,
)
from consent.reminders import consent_reminders
from consent.tasks import daily_run
from tests import factories
from tests.consent.conftest import make_world

pytestmark = pytest.mark.django_db
OSLO = dt.timezone(dt.timedelta(hours=1))
START = dt.datetime(2026, 3, 2, 9, tzinfo=OSLO)


def run(day: dt.date) -> dict:
    return services.consent_daily_run(today=day)


@pytest.fixture
def world_2026(db):
    with time_machine.travel(START, tick=False):
        world = make_world()
        world.subject.birth_year = 2012
        world.subject.save()
        yield world


def test_the_daily_run_is_scheduled_in_the_database():
    task = PeriodicTask.objects.get(name="consent-daily-run")
    assert task.task == "consent.daily_run"
    assert (task.crontab.hour, task.crontab.minute) == ("5", "30")


def test_the_celery_task_runs_the_daily_run(world):
    assert daily_run.delay().get() == {
        "expired": 0,
        "flagged": 0,
        "erased": 0,
        "reminder_emails": 0,
    }


def test_a_consent_past_its_validity_expires_once(world_2026):
    consent = world_2026.consent(valid_until=dt.date(2026, 3, 10))
    assert run(dt.date(2026, 3, 10))["expired"] == 0
    with time_machine.travel(dt.datetime(2026, 3, 11, 5, tzinfo=OSLO), tick=False):
        assert run(dt.date(2026, 3, 11))["expired"] == 1
        rows = AccessLog.objects.filter(object_type="consent", user=None).count()
        assert run(dt.date(2026, 3, 11))["expired"] == 0
        assert (
            AccessLog.objects.filter(object_type="consent", user=None).count() == rows
        )
    consent.refresh_from_db()
    assert consent.status == Consent.Status.EXPIRED


def test_the_recorder_is_reminded_n_days_before_expiry_once(
    world_2026, settings, django_capture_on_commit_callbacks
):
    settings.SLT = {**settings.SLT, "CONSENT_REMINDER_DAYS": 30}
    world_2026.consent(valid_until=dt.date(2026, 4, 30))
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(dt.datetime(2026, 3, 30, 5, tzinfo=OSLO), tick=False):
            assert run(dt.date(2026, 3, 30))["reminder_emails"] == 0  # 31 days
        with time_machine.travel(dt.datetime(2026, 3, 31, 5, tzinfo=OSLO), tick=False):
            assert run(dt.date(2026, 3, 31))["reminder_emails"] == 1
            assert run(dt.date(2026, 3, 31))["reminder_emails"] == 0
        with time_machine.travel(dt.datetime(2026, 4, 1, 5, tzinfo=OSLO), tick=False):
            assert run(dt.date(2026, 4, 1))["reminder_emails"] == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world_2026.coordinator.email]
    assert world_2026.subject.pseudonym in mail.outbox[0].body


def test_a_young_person_without_an_active_basis_is_flagged_for_review_once(world_2026):
    consent = world_2026.consent(valid_until=dt.date(2026, 3, 10))
    with time_machine.travel(dt.datetime(2026, 3, 11, 5, tzinfo=OSLO), tick=False):
        assert run(dt.date(2026, 3, 11))["flagged"] == 1
        assert run(dt.date(2026, 3, 11))["flagged"] == 0
    subject = Subject.objects.get(pk=world_2026.subject.pk)
    assert subject.review_flagged_at == dt.date(2026, 3, 11)
    task = ConsentTask.objects.get(kind=ConsentTask.Kind.REVIEW_BASIS)
    assert (task.assignee, task.status) == (consent.recorded_by, "open")
    with time_machine.travel(dt.datetime(2026, 3, 12, 9, tzinfo=OSLO), tick=False):
        world_2026.consent()
    subject.refresh_from_db()
    task.refresh_from_db()
    assert subject.review_flagged_at is None
    assert task.status == ConsentTask.Status.DONE


def test_an_open_nr6_decision_counts_as_a_basis(world_2026):
    factories.DisclosureFactory(
        subject=world_2026.subject,
        legal_basis="fvl_13b_nr6",
        status=Disclosure.Status.PROPOSED,
        disclosed_at=None,
    )
    with time_machine.travel(dt.datetime(2026, 3, 11, 5, tzinfo=OSLO), tick=False):
        assert run(dt.date(2026, 3, 11))["flagged"] == 0


def test_a_closed_young_person_is_erased_after_the_retention_period(
    world_2026, settings
):
    settings.SLT = {**settings.SLT, "SUBJECT_RETENTION_MONTHS": 12}
    world_2026.share(world_2026.consent())
    subject = world_2026.subject
    services.subject_close(actor=world_2026.actor, subject=subject, reason="moved")
    subject.refresh_from_db()
    assert subject.delete_after == dt.date(2027, 3, 2)
    logged = AccessLog.objects.filter(subject=subject).count()
    with time_machine.travel(dt.datetime(2027, 3, 1, 5, tzinfo=OSLO), tick=False):
        assert run(dt.date(2027, 3, 1))["erased"] == 0
    with time_machine.travel(dt.datetime(2027, 3, 2, 5, tzinfo=OSLO), tick=False):
        assert run(dt.date(2027, 3, 2))["erased"] == 1
        assert run(dt.date(2027, 3, 2))["erased"] == 0
    subject.refresh_from_db()
    assert subject.erased_at is not None
    assert (subject.birth_year, subject.identity_held_by) == (None, None)
    assert subject.retained_counts == {
        "consents": 1,
        "disclosures": {"consent": 1},
    }
    assert not Consent.objects.filter(subject=subject).exists()
    assert not Guardian.objects.filter(subject=subject).exists()
    assert not Disclosure.objects.filter(subject=subject).exists()
    # The access log keeps every row and the pseudonym.
    assert AccessLog.objects.filter(subject=subject).count() == logged + 1
    assert subject.pseudonym.startswith("UNG-")


def test_closing_ends_open_consents_and_sets_the_deletion_date(world_2026):
    consent = world_2026.consent()
    services.subject_close(
        actor=world_2026.actor, subject=world_2026.subject, reason="no_longer_needed"
    )
    consent.refresh_from_db()
    assert consent.status == Consent.Status.EXPIRED
    assert consent.valid_until == dt.date(2026, 3, 2)


def test_open_tasks_remind_the_assignee_or_else_the_coordinators(world_2026):
    world_2026.consent(form="oral", document_reference="")
    unassigned = ConsentTask.objects.create(
        area=world_2026.area,
        subject=world_2026.subject,
        kind=ConsentTask.Kind.REVIEW_BASIS,
        due_date=dt.date(2026, 3, 3),
    )
    items = list(consent_reminders(today=dt.date(2026, 3, 14), due_soon_days=3))
    by_key = {i.key: i for i in items}
    coordinator = world_2026.coordinator.pk
    assert by_key[f"consent_task:{unassigned.pk}:{coordinator}"].user_id == coordinator
    written = ConsentTask.objects.get(kind=ConsentTask.Kind.OBTAIN_WRITTEN)
    assert by_key[f"consent_task:{written.pk}:{coordinator}"].due_date == dt.date(
        2026, 3, 16
    )


def test_the_reminder_source_uses_a_fixed_number_of_queries(
    world_2026, django_assert_max_num_queries
):
    for _ in range(3):
        other = make_world()
        other.consent(form="oral", document_reference="")
    with django_assert_max_num_queries(3):
        list(consent_reminders(today=dt.date(2026, 3, 14), due_soon_days=3))
