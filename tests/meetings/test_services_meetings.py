"""Meetings: standing items, invitations (M3, M4), changes, holding and cancelling."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting
from slt_portal.exceptions import ApplicationError
from slt_portal.models import OutboundEmail
from tests import factories
from tests.meetings.helpers import future

pytestmark = pytest.mark.django_db


def plan(group, by, days=30, **extra):
    return services.meeting_create(
        group=group,
        title=extra.pop("title", "Møte"),
        starts_at=future(days),
        ends_at=future(days) + dt.timedelta(hours=2),
        purpose=extra.pop("purpose", "Samordning."),
        created_by=by,
        **extra,
    )


def kinds(meeting):
    return sorted(meeting.agenda_items.values_list("kind", flat=True))


def test_steering_agenda_gets_the_police_update_as_standing_item(structure):
    meeting = plan(structure.sg, structure.coordinator)
    assert kinds(meeting) == [AgendaItem.Kind.POLICE_UPDATE]
    assert meeting.agenda_items.get().is_standing


def test_coordination_agenda_also_gets_the_report_from_the_operational_level(
    structure,
):
    meeting = plan(structure.kg, structure.coordinator)
    assert kinds(meeting) == [
        AgendaItem.Kind.LEVEL_REPORT,
        AgendaItem.Kind.POLICE_UPDATE,
    ]


def test_operational_team_has_no_standing_items(structure):
    assert kinds(plan(structure.team, structure.coordinator)) == []


def test_meeting_create_refuses_a_group_dissolved_before_the_date(structure):
    structure.team.dissolved_on = timezone.localdate()
    structure.team.save()
    with pytest.raises(ApplicationError) as error:
        plan(structure.team, structure.coordinator)
    assert error.value.field == "starts_at"


def add_item(meeting, by):
    item, _findings = services.agenda_item_submit(
        group=meeting.group,
        meeting=meeting,
        title="Rus blant unge",
        submitted_by=by,
        accept_now=True,
    )
    return item


def test_invite_sends_the_notice_with_the_agenda_to_every_member_once(
    structure, django_capture_on_commit_callbacks
):
    meeting = plan(structure.kg, structure.coordinator)
    add_item(meeting, structure.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.meeting_invite(meeting=meeting, by=structure.coordinator)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED
    assert sent == 2  # the coordinator (secretary) and the operative
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [structure.coordinator.email, structure.member.email]
    )
    body = mail.outbox[0].body
    assert "Rus blant unge" in body
    assert "Politiets" in body  # the standing item, in bokmål
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    with pytest.raises(ApplicationError):
        services.meeting_invite(meeting=meeting, by=structure.coordinator)
    assert OutboundEmail.objects.filter(template="meeting_notice").count() == 2


def test_invite_refuses_without_mandate_purpose_or_accepted_item(structure):
    meeting = plan(structure.team, structure.coordinator, purpose="")
    with pytest.raises(ApplicationError) as no_purpose:
        services.meeting_invite(meeting=meeting, by=structure.coordinator)
    assert no_purpose.value.field == "purpose"
    meeting.purpose = "Oppfølging."
    meeting.save()
    with pytest.raises(ApplicationError, match="dagsordenen"):
        services.meeting_invite(meeting=meeting, by=structure.coordinator)
    add_item(meeting, structure.coordinator)
    structure.team.mandate = ""
    structure.team.save()
    with pytest.raises(ApplicationError) as no_mandate:
        services.meeting_invite(meeting=meeting, by=structure.coordinator)
    assert no_mandate.value.field == "mandate"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_steering_group_cannot_invite_without_the_coordinator_as_secretary(structure):
    meeting = plan(structure.sg, structure.coordinator)
    structure.sg.members.filter(role="secretary").update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(ApplicationError, match="M3"):
        services.meeting_invite(meeting=meeting, by=structure.coordinator)
    factories.group_run_by(structure.coordinator, structure.sg)
    assert services.meeting_invite(meeting=meeting, by=structure.coordinator) >= 1


def test_secretary_who_is_not_coordinator_does_not_satisfy_m3(structure):
    meeting = plan(structure.sg, structure.coordinator)
    structure.sg.members.filter(role="secretary").update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    factories.GroupMemberFactory(group=structure.sg, role="secretary")
    with pytest.raises(ApplicationError, match="M3"):
        services.meeting_invite(meeting=meeting, by=structure.coordinator)


def test_changing_time_after_the_notice_sends_a_new_notice_and_bumps_sequence(
    structure, django_capture_on_commit_callbacks
):
    meeting = plan(structure.team, structure.coordinator)
    factories.GroupMemberFactory(group=structure.team, user=structure.coordinator)
    add_item(meeting, structure.coordinator)
    services.meeting_invite(meeting=meeting, by=structure.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            by=structure.coordinator,
            title=meeting.title,
            starts_at=meeting.starts_at + dt.timedelta(hours=1),
            ends_at=meeting.ends_at + dt.timedelta(hours=1),
            location="Rådhuset",
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert OutboundEmail.objects.filter(
        key__startswith=f"meeting-notice:{meeting.pk}:1:"
    )
    assert any("endret" in m.subject.lower() for m in mail.outbox)


def test_update_refuses_end_before_start_and_changes_nothing(structure):
    meeting = plan(structure.team, structure.coordinator)
    before = meeting.starts_at
    with pytest.raises(ApplicationError) as error:
        services.meeting_update(
            meeting=meeting,
            by=structure.coordinator,
            title="Nytt navn",
            starts_at=before,
            ends_at=before - dt.timedelta(minutes=30),
        )
    assert error.value.field == "ends_at"
    meeting.refresh_from_db()
    assert (meeting.title, meeting.starts_at) == ("Møte", before)


def test_a_meeting_is_marked_held_only_after_it_started(structure):
    meeting = plan(structure.team, structure.coordinator, days=2)
    add_item(meeting, structure.coordinator)
    with pytest.raises(ApplicationError, match="innkalt"):
        services.meeting_mark_held(meeting=meeting, by=structure.coordinator)
    services.meeting_invite(meeting=meeting, by=structure.coordinator)
    with pytest.raises(ApplicationError, match="ikke startet"):
        services.meeting_mark_held(meeting=meeting, by=structure.coordinator)
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=3)):
        services.meeting_mark_held(meeting=meeting, by=structure.coordinator)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_cancel_needs_a_reason_returns_items_to_the_queue_and_tells_the_invited(
    structure, django_capture_on_commit_callbacks
):
    meeting = plan(structure.kg, structure.coordinator)
    item = add_item(meeting, structure.coordinator)
    services.meeting_invite(meeting=meeting, by=structure.coordinator)
    with pytest.raises(ApplicationError) as error:
        services.meeting_cancel(meeting=meeting, by=structure.coordinator, reason=" ")
    assert error.value.field == "cancelled_reason"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(
            meeting=meeting, by=structure.coordinator, reason="For få kan møte."
        )
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert (item.meeting, item.status) == (None, AgendaItem.Status.DEFERRED)
    assert not meeting.agenda_items.exists()  # standing items are gone
    assert len(mail.outbox) == 2
    assert "For få kan møte." in mail.outbox[0].body


def test_held_meeting_cannot_be_cancelled(structure):
    meeting = factories.MeetingFactory(group=structure.kg, held=True)
    with pytest.raises(ApplicationError):
        services.meeting_cancel(meeting=meeting, by=structure.coordinator, reason="x")
