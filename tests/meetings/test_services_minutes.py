"""Attendance, minutes (locked once approved), corrections, decisions, follow-ups."""

import datetime as dt

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.utils import timezone

from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    Meeting,
)
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(structure):
    meeting = factories.MeetingFactory(group=structure.kg, held=True)
    factories.AgendaItemFactory(meeting=meeting, submitted_by=structure.member)
    return meeting


def entry(member, status, substitute=""):
    return services.AttendanceEntry(member, status, substitute)


def test_attendance_is_recorded_and_changed_per_member(structure, held):
    member = structure.kg.members.get(user=structure.member)
    services.attendance_record(
        meeting=held,
        by=structure.coordinator,
        entries=[entry(member, Attendance.Status.EXCUSED)],
    )
    services.attendance_record(
        meeting=held,
        by=structure.coordinator,
        entries=[entry(member, Attendance.Status.PRESENT)],
    )
    row = held.attendances.get()
    assert (row.status, row.agency_id) == (Attendance.Status.PRESENT, member.agency_id)


def test_a_substitute_needs_a_name(structure, held):
    member = structure.kg.members.get(user=structure.member)
    with pytest.raises(ApplicationError) as error:
        services.attendance_record(
            meeting=held,
            by=structure.coordinator,
            entries=[entry(member, Attendance.Status.SUBSTITUTE)],
        )
    assert error.value.field == "substitute_name"
    assert not held.attendances.exists()


def test_only_the_groups_members_can_be_registered(structure, held):
    stranger = factories.GroupMemberFactory(group=structure.team)
    with pytest.raises(ApplicationError):
        services.attendance_record(
            meeting=held,
            by=structure.coordinator,
            entries=[entry(stranger, Attendance.Status.PRESENT)],
        )


def test_guests_are_registered_as_present(structure, held):
    guest = services.attendance_add_guest(
        meeting=held, by=structure.coordinator, guest_name="Forsker fra NIBR"
    )
    assert guest.status == Attendance.Status.PRESENT
    services.attendance_remove_guest(attendance=guest, by=structure.coordinator)
    assert not held.attendances.exists()


def test_minutes_are_written_only_after_the_meeting_is_held(structure):
    planned = factories.MeetingFactory(group=structure.kg)
    with pytest.raises(ApplicationError, match="gjennomført"):
        services.minutes_save(meeting=planned, by=structure.coordinator, minutes="x")


def test_approving_locks_the_minutes_sends_them_and_warns_about_missing_tasks(
    structure, held, django_capture_on_commit_callbacks
):
    item = held.agenda_items.get()
    services.minutes_save(
        meeting=held,
        by=structure.coordinator,
        minutes="Godt møte.",
        item_notes={item.pk: "Drøftet tiltak."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        warnings = services.minutes_approve(meeting=held, by=structure.coordinator)
    held.refresh_from_db()
    item.refresh_from_db()
    assert held.status == Meeting.Status.MINUTES_SENT
    assert held.minutes_locked
    assert held.minutes_sent_at
    assert item.status == AgendaItem.Status.HANDLED
    assert len(warnings) == 2  # no follow-ups, no attendance
    assert {m.to[0] for m in mail.outbox} == {
        structure.coordinator.email,
        structure.member.email,
    }
    assert "Drøftet tiltak." in mail.outbox[0].body


def test_minutes_cannot_be_approved_empty(structure, held):
    with pytest.raises(ApplicationError) as error:
        services.minutes_approve(meeting=held, by=structure.coordinator)
    assert error.value.field == "minutes"


def approve(structure, meeting):
    services.minutes_save(meeting=meeting, by=structure.coordinator, minutes="Referat.")
    services.minutes_approve(meeting=meeting, by=structure.coordinator)
    meeting.refresh_from_db()


def test_approved_minutes_cannot_be_edited_and_nothing_changes(structure, held):
    approve(structure, held)
    with pytest.raises(ApplicationError, match="låst"):
        services.minutes_save(meeting=held, by=structure.coordinator, minutes="Nytt")
    for write in (
        lambda: services.decision_create(
            meeting=held, text="Nytt vedtak", created_by=structure.coordinator
        ),
        lambda: services.follow_up_create(
            meeting=held,
            title="Ny oppgave",
            owner=structure.member,
            due_date=timezone.localdate(),
            created_by=structure.coordinator,
        ),
    ):
        with pytest.raises(ApplicationError, match="låst"):
            write()
    held.refresh_from_db()
    assert held.minutes == "Referat."
    assert not held.decisions.exists()
    assert not held.follow_ups.exists()


def test_the_database_refuses_to_change_approved_minutes(structure, held):
    approve(structure, held)
    with pytest.raises(DatabaseError), transaction.atomic():
        Meeting.objects.filter(pk=held.pk).update(minutes="Endret i ettertid")
    held.refresh_from_db()
    assert held.minutes == "Referat."


def test_corrections_are_logged_entries_after_approval(structure, held):
    with pytest.raises(ApplicationError, match="ikke godkjent"):
        services.minutes_correction_add(
            meeting=held, by=structure.coordinator, text="x", reason="y"
        )
    approve(structure, held)
    with pytest.raises(ApplicationError) as no_reason:
        services.minutes_correction_add(
            meeting=held,
            by=structure.coordinator,
            text="Riktig dato er 3. mai.",
            reason="",
        )
    assert no_reason.value.field == "reason"
    correction = services.minutes_correction_add(
        meeting=held,
        by=structure.coordinator,
        text="Riktig dato er 3. mai.",
        reason="Skrivefeil",
    )
    assert correction.created_by == structure.coordinator
    held.refresh_from_db()
    assert held.minutes == "Referat."


def test_an_order_sends_a_matter_down_and_needs_a_due_date(structure):
    meeting = factories.MeetingFactory(group=structure.sg, held=True)
    with pytest.raises(ApplicationError) as error:
        services.decision_create(
            meeting=meeting,
            text="Koordineringsgruppen kartlegger fritidstilbudene.",
            kind=Decision.Kind.ORDER,
            order_to_group=structure.kg,
            created_by=structure.coordinator,
        )
    assert error.value.field == "order_due_date"
    assert not Decision.objects.filter(meeting=meeting).exists()
    decision = services.decision_create(
        meeting=meeting,
        text="Koordineringsgruppen kartlegger fritidstilbudene.",
        kind=Decision.Kind.ORDER,
        order_to_group=structure.kg,
        order_due_date=timezone.localdate() + dt.timedelta(days=60),
        created_by=structure.coordinator,
    )
    order = Matter.objects.get(from_group=structure.sg)
    assert (order.kind, order.to_group, order.status) == (
        Matter.Kind.ORDER,
        structure.kg,
        Matter.Status.RAISED,
    )
    assert order.description == decision.text
    assert order.origin_decision == decision
    with pytest.raises(ApplicationError):
        services.decision_delete(decision=decision, by=structure.coordinator)
    assert order.events.get().to_status == Matter.Status.RAISED


def test_an_order_goes_down_not_up(structure):
    meeting = factories.MeetingFactory(group=structure.team, held=True)
    with pytest.raises(ApplicationError) as error:
        services.decision_create(
            meeting=meeting,
            text="Styret skal gjøre noe.",
            kind=Decision.Kind.ORDER,
            order_to_group=structure.sg,
            order_due_date=timezone.localdate() + dt.timedelta(days=10),
            created_by=structure.coordinator,
        )
    assert error.value.field == "to_group"


def test_a_decision_can_be_deleted_until_the_minutes_are_approved(structure, held):
    decision = services.decision_create(
        meeting=held, text="Feilført", created_by=structure.coordinator
    )
    services.decision_delete(decision=decision, by=structure.coordinator)
    assert not held.decisions.exists()


def test_a_follow_up_needs_an_owner_and_a_due_date(structure, held):
    for owner, due, field in (
        (None, timezone.localdate(), "owner"),
        (structure.member, None, "due_date"),
        (structure.member, timezone.localdate() - dt.timedelta(days=30), "due_date"),
    ):
        with pytest.raises(ApplicationError) as error:
            services.follow_up_create(
                meeting=held,
                title="Lage oversikt",
                owner=owner,
                due_date=due,
                created_by=structure.coordinator,
            )
        assert error.value.field == field
    assert not held.follow_ups.exists()


def test_a_follow_up_moves_through_its_statuses(structure, held):
    follow_up = factories.FollowUpFactory(meeting=held, owner=structure.member)
    services.follow_up_set_status(
        follow_up=follow_up, by=structure.member, status=FollowUp.Status.IN_PROGRESS
    )
    services.follow_up_set_status(
        follow_up=follow_up, by=structure.member, status=FollowUp.Status.DONE, note="Ok"
    )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.completed_at is not None
    with pytest.raises(ApplicationError):
        services.follow_up_set_status(
            follow_up=follow_up, by=structure.member, status=FollowUp.Status.CANCELLED
        )


def test_cancelling_a_follow_up_needs_a_reason(structure, held):
    follow_up = factories.FollowUpFactory(meeting=held)
    with pytest.raises(ApplicationError) as error:
        services.follow_up_set_status(
            follow_up=follow_up, by=structure.coordinator, status="cancelled"
        )
    assert error.value.field == "note"


def test_overdue_is_derived_from_the_due_date(structure, held):
    follow_up = factories.FollowUpFactory(
        meeting=held, due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert follow_up.is_overdue
    follow_up.status = FollowUp.Status.DONE
    assert not follow_up.is_overdue


def test_a_follow_up_can_get_a_new_owner_and_due_date(structure, held):
    follow_up = factories.FollowUpFactory(meeting=held)
    new_due = timezone.localdate() + dt.timedelta(days=40)
    services.follow_up_reassign(
        follow_up=follow_up,
        by=structure.coordinator,
        owner=structure.member,
        due_date=new_due,
    )
    follow_up.refresh_from_db()
    assert (follow_up.owner, follow_up.due_date) == (structure.member, new_due)
