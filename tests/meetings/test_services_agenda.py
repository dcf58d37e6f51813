"""Agenda items: any member submits, the coordinator screens (M5), C2 caps content,
and open follow-ups carry over (M7)."""

import datetime as dt

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, FollowUp
from municipalities.models import Group
from slt_portal.exceptions import ApplicationError
from tests import factories
from tests.meetings.helpers import future

pytestmark = pytest.mark.django_db


def plan(group, days=30):
    return services.meeting_create(
        group=group, title="Møte", starts_at=future(days), created_by=None
    )


def submit(group, by, **extra):
    return services.agenda_item_submit(
        group=group,
        submitted_by=by,
        title=extra.pop("title", "Skolefravær"),
        **extra,
    )


def test_a_member_submits_to_the_queue_and_the_coordinator_screens_it(structure):
    meeting = plan(structure.kg)
    item, findings = submit(structure.kg, structure.member)
    assert (item.status, item.meeting, findings) == (
        AgendaItem.Status.SUBMITTED,
        None,
        [],
    )
    services.agenda_item_screen(
        item=item,
        decision=AgendaItem.Status.ACCEPTED,
        meeting=meeting,
        by=structure.coordinator,
    )
    item.refresh_from_db()
    assert (item.status, item.meeting, item.screened_by) == (
        AgendaItem.Status.ACCEPTED,
        meeting,
        structure.coordinator,
    )
    assert item.order > max(
        meeting.agenda_items.filter(is_standing=True).values_list("order", flat=True)
    )


def test_the_coordinator_adding_to_a_meeting_puts_it_on_the_agenda_at_once(structure):
    meeting = plan(structure.kg)
    item, _ = submit(
        structure.kg, structure.coordinator, meeting=meeting, accept_now=True
    )
    assert (item.status, item.meeting) == (AgendaItem.Status.ACCEPTED, meeting)


def test_returning_an_item_needs_a_reason(structure):
    item, _ = submit(structure.kg, structure.member)
    with pytest.raises(ApplicationError) as error:
        services.agenda_item_screen(
            item=item, decision=AgendaItem.Status.RETURNED, by=structure.coordinator
        )
    assert error.value.field == "note"
    services.agenda_item_screen(
        item=item,
        decision=AgendaItem.Status.RETURNED,
        note="Hører hjemme i styringsgruppen.",
        by=structure.coordinator,
    )
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.RETURNED
    assert item.screening_note == "Hører hjemme i styringsgruppen."


def test_accepting_needs_a_meeting_of_the_same_group(structure):
    item, _ = submit(structure.kg, structure.member)
    with pytest.raises(ApplicationError) as missing:
        services.agenda_item_screen(
            item=item, decision=AgendaItem.Status.ACCEPTED, by=structure.coordinator
        )
    assert missing.value.field == "meeting"
    with pytest.raises(ApplicationError, match="annet organ"):
        services.agenda_item_screen(
            item=item,
            decision=AgendaItem.Status.ACCEPTED,
            meeting=plan(structure.team),
            by=structure.coordinator,
        )


def test_deferred_items_stay_in_the_queue_and_can_be_screened_again(structure):
    item, _ = submit(structure.kg, structure.member)
    services.agenda_item_screen(
        item=item, decision=AgendaItem.Status.DEFERRED, by=structure.coordinator
    )
    services.agenda_item_screen(
        item=item,
        decision=AgendaItem.Status.ACCEPTED,
        meeting=plan(structure.kg),
        by=structure.coordinator,
    )
    with pytest.raises(ApplicationError, match="allerede"):
        services.agenda_item_screen(
            item=item, decision=AgendaItem.Status.DEFERRED, by=structure.coordinator
        )


def test_items_for_a_steering_meeting_are_due_three_weeks_before(structure):
    soon = plan(structure.sg, days=10)
    with pytest.raises(ApplicationError) as error:
        submit(structure.sg, structure.member, meeting=soon)
    assert error.value.field == "meeting"
    later = plan(structure.sg, days=40)
    item, _ = submit(structure.sg, structure.member, meeting=later)
    assert item.status == AgendaItem.Status.SUBMITTED
    # The coordinator may still put a late item on the agenda.
    late, _ = submit(structure.sg, structure.coordinator, meeting=soon, accept_now=True)
    assert late.status == AgendaItem.Status.ACCEPTED


def test_an_item_cannot_be_more_sensitive_than_its_group(structure):
    with pytest.raises(ApplicationError) as error:
        submit(
            structure.kg,
            structure.member,
            confidentiality=Group.ConfidentialityMode.NAMED,
        )
    assert error.value.field == "confidentiality"
    with pytest.raises(ApplicationError) as case:
        submit(structure.sg, structure.member, kind=AgendaItem.Kind.CASE_DISCUSSION)
    assert case.value.field == "kind"
    assert not AgendaItem.objects.filter(submitted_by=structure.member).exists()


def test_a_national_identity_number_is_refused_everywhere(structure):
    named = factories.GroupFactory(
        area=structure.area,
        operational=True,
        confidentiality_mode=Group.ConfidentialityMode.NAMED,
    )
    for group in (structure.kg, named):
        with pytest.raises(ApplicationError) as error:
            submit(group, structure.member, description="Gjelder 01020312345.")
        assert error.value.field == "description"


def test_possible_names_give_a_warning_but_the_item_is_saved(structure):
    item, findings = submit(
        structure.kg, structure.member, description="Mari har skulket hele høsten."
    )
    assert item.pk
    assert [f.text for f in findings] == ["Mari"]
    assert "Mari" in services.findings_warning(findings)


def test_removing_a_standing_item_deletes_it_and_a_submitted_one_goes_back(structure):
    meeting = plan(structure.kg)
    standing = meeting.agenda_items.get(kind=AgendaItem.Kind.POLICE_UPDATE)
    services.agenda_item_remove(item=standing, by=structure.coordinator)
    assert not AgendaItem.objects.filter(pk=standing.pk).exists()
    item, _ = submit(
        structure.kg, structure.coordinator, meeting=meeting, accept_now=True
    )
    services.agenda_item_remove(item=item, by=structure.coordinator)
    item.refresh_from_db()
    assert (item.meeting, item.status) == (None, AgendaItem.Status.DEFERRED)


def test_moving_an_item_up_swaps_it_with_the_one_before(structure):
    meeting = plan(structure.kg)
    item, _ = submit(
        structure.kg, structure.coordinator, meeting=meeting, accept_now=True
    )
    services.agenda_item_move(item=item, by=structure.coordinator, up=True)
    titles = list(meeting.agenda_items.order_by("order").values_list("kind", flat=True))
    assert titles.index(AgendaItem.Kind.DISCUSSION) == 1


def test_open_follow_ups_carry_over_to_the_next_agenda(structure):
    held = factories.MeetingFactory(group=structure.kg, held=True)
    factories.FollowUpFactory(meeting=held, owner=structure.member)
    upcoming = plan(structure.kg)
    review = upcoming.agenda_items.get(kind=AgendaItem.Kind.FOLLOW_UP_REVIEW)
    assert review.is_standing
    assert services.ensure_follow_up_review(meeting=upcoming, by=None) is False


def test_a_new_follow_up_adds_the_review_item_to_the_next_meeting(structure):
    upcoming = plan(structure.kg)
    assert not upcoming.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP_REVIEW)
    held = factories.MeetingFactory(group=structure.kg, held=True)
    services.follow_up_create(
        meeting=held,
        title="Kartlegge tilbud",
        owner=structure.member,
        due_date=timezone.localdate() + dt.timedelta(days=20),
        created_by=structure.coordinator,
    )
    assert upcoming.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP_REVIEW).exists()


def test_no_review_item_when_every_follow_up_is_done(structure):
    held = factories.MeetingFactory(group=structure.kg, held=True)
    factories.FollowUpFactory(meeting=held, status=FollowUp.Status.DONE)
    upcoming = plan(structure.kg)
    assert not upcoming.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP_REVIEW)
