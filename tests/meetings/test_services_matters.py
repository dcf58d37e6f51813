"""Matters between levels: lifted up (R1), anonymised before leaving a «named»
group (C2), system-level for steering groups (C1), answered back down the chain,
closed only when answered (M8), with the trail."""

import pytest

from meetings import selectors, services
from meetings.models import AgendaItem, Matter
from municipalities.models import Group
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db

TEXT = "Flere unge samles ved kjøpesenteret sent på kvelden. Trenger felles tiltak."


def lift(structure, from_group, to_group, **extra):
    return services.matter_escalate(
        from_group=from_group,
        to_group=to_group,
        title=extra.pop("title", "Uro ved kjøpesenteret"),
        description=extra.pop("description", TEXT),
        created_by=structure.coordinator,
        **extra,
    )


def statuses(matter):
    return [e.to_status for e in matter.events.order_by("created_at", "pk")]


def test_a_team_lifts_a_matter_to_the_coordination_group(structure):
    matter, findings = lift(structure, structure.team, structure.kg)
    assert (matter.area, matter.status, findings) == (
        structure.area,
        Matter.Status.RAISED,
        [],
    )
    assert statuses(matter) == [Matter.Status.RAISED]


def test_a_matter_goes_up_never_down_or_sideways(structure):
    for to_group in (
        structure.team,
        factories.GroupFactory(area=structure.area, operational=True),
    ):
        with pytest.raises(ApplicationError) as error:
            lift(
                structure,
                structure.kg if to_group == structure.team else structure.team,
                to_group,
            )
        assert error.value.field == "to_group"
    assert not Matter.objects.exists()


def test_a_group_in_an_unrelated_area_cannot_receive(structure):
    elsewhere = factories.GroupFactory(steering=True)
    with pytest.raises(ApplicationError, match="R1"):
        lift(structure, structure.kg, elsewhere, system_level_confirmed=True)


def test_a_bydel_steering_group_may_lift_to_the_city_police_council():
    district = factories.AreaFactory(bydel=True)
    council = factories.GroupFactory(
        area=district.parent,
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        name="Politirådet",
    )
    sg = factories.GroupFactory(area=district, steering=True)
    coordinator = factories.user_with_role(district, "coordinator")
    matter, _ = services.matter_escalate(
        from_group=sg,
        to_group=council,
        title="Felles innsats i Groruddalen",
        description=TEXT,
        system_level_confirmed=True,
        created_by=coordinator,
    )
    assert matter.area == district  # it belongs to the sender's area
    assert matter.to_group.area == district.parent


def test_a_steering_group_only_receives_matters_confirmed_as_system_level(structure):
    with pytest.raises(ApplicationError) as error:
        lift(structure, structure.kg, structure.sg)
    assert error.value.field == "system_level_confirmed"
    matter, _ = lift(structure, structure.kg, structure.sg, system_level_confirmed=True)
    assert matter.to_group == structure.sg


def named_team(structure):
    return factories.GroupFactory(
        area=structure.area,
        operational=True,
        name="Innsatsteam",
        confidentiality_mode=Group.ConfidentialityMode.NAMED,
        reports_to=structure.kg,
    )


def test_a_matter_from_a_named_group_is_refused_until_it_is_anonymised(structure):
    team = named_team(structure)
    text = "Mari (født 2010) i Storgata 12 har sluttet på skolen."
    with pytest.raises(ApplicationError) as error:
        lift(structure, team, structure.kg, description=text)
    assert error.value.code == "needs_anonymising"
    assert error.value.field == "description"
    assert "Mari" in error.value.message
    assert "Storgata 12" in error.value.message
    assert not Matter.objects.exists()
    redacted = services.redact(text, selectors_findings(text))
    assert "Mari" not in redacted
    assert "Storgata" not in redacted
    matter, findings = lift(structure, team, structure.kg, description=redacted)
    assert matter.pk
    assert findings == []


def selectors_findings(text):
    from slt_portal.anonymisation import find_identifiers

    return find_identifiers(text)


def test_text_from_a_group_that_is_not_named_only_warns(structure):
    matter, findings = lift(
        structure, structure.team, structure.kg, description="Ola trenger hjelp."
    )
    assert matter.pk
    assert [f.text for f in findings] == ["Ola"]


def test_a_national_identity_number_never_travels(structure):
    with pytest.raises(ApplicationError, match="fødselsnummeret"):
        lift(structure, structure.team, structure.kg, description="Gjelder 01020312345")


def test_receiving_puts_the_matter_on_the_receiving_groups_agenda(structure):
    matter, _ = lift(structure, structure.team, structure.kg)
    meeting = factories.MeetingFactory(group=structure.kg)
    services.matter_receive(matter=matter, by=structure.coordinator, meeting=meeting)
    matter.refresh_from_db()
    item = meeting.agenda_items.get(matter=matter)
    assert (item.kind, item.status) == (
        AgendaItem.Kind.MATTER,
        AgendaItem.Status.ACCEPTED,
    )
    assert matter.status == Matter.Status.RECEIVED
    assert meeting.title in matter.events.last().note


def test_receiving_refuses_a_meeting_of_another_group(structure):
    matter, _ = lift(structure, structure.team, structure.kg)
    with pytest.raises(ApplicationError) as error:
        services.matter_receive(
            matter=matter,
            by=structure.coordinator,
            meeting=factories.MeetingFactory(group=structure.sg),
        )
    assert error.value.field == "meeting"
    matter.refresh_from_db()
    assert matter.status == Matter.Status.RAISED


def test_a_matter_is_answered_only_after_it_is_received(structure):
    matter, _ = lift(structure, structure.team, structure.kg)
    with pytest.raises(ApplicationError, match="Motta saken"):
        services.matter_answer(matter=matter, by=structure.coordinator, response="Ja")
    services.matter_receive(matter=matter, by=structure.coordinator)
    with pytest.raises(ApplicationError) as empty:
        services.matter_answer(matter=matter, by=structure.coordinator, response=" ")
    assert empty.value.field == "response"


def test_the_answer_from_the_top_flows_down_to_the_team_that_raised_it(structure):
    first, _ = lift(structure, structure.team, structure.kg)
    services.matter_receive(matter=first, by=structure.coordinator)
    second, _ = lift(
        structure,
        structure.kg,
        structure.sg,
        parent_matter=first,
        system_level_confirmed=True,
    )
    services.matter_receive(matter=second, by=structure.coordinator)
    decision = factories.DecisionFactory(
        meeting=factories.MeetingFactory(group=structure.sg, held=True),
        text="Styret prioriterer tiltaket.",
    )
    services.matter_answer(
        matter=second,
        by=structure.coordinator,
        response="Styret prioriterer tiltaket.",
        decision=decision,
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.status == first.status == Matter.Status.ANSWERED
    assert first.response == "Styret prioriterer tiltaket."
    assert first.response_decision == decision
    assert statuses(first) == ["raised", "received", "received", "answered"]
    trail = selectors.matter_trail(matter=first)
    assert [(e.matter_id, e.to_status) for e in trail][-2:] == [
        (second.pk, "answered"),
        (first.pk, "answered"),
    ]
    assert structure.sg.name in trail[-1].note


def test_only_the_receiving_group_lifts_a_matter_further(structure):
    first, _ = lift(structure, structure.team, structure.kg)
    with pytest.raises(ApplicationError) as error:
        lift(
            structure,
            structure.team,
            structure.sg,
            parent_matter=first,
            system_level_confirmed=True,
        )
    assert error.value.field == "parent_matter"


def test_an_answer_must_come_from_a_decision_of_the_receiving_group(structure):
    matter, _ = lift(structure, structure.team, structure.kg)
    services.matter_receive(matter=matter, by=structure.coordinator)
    other = factories.DecisionFactory(
        meeting=factories.MeetingFactory(group=structure.sg, held=True)
    )
    with pytest.raises(ApplicationError) as error:
        services.matter_answer(
            matter=matter, by=structure.coordinator, response="Ja", decision=other
        )
    assert error.value.field == "decision"


def test_returning_needs_a_reason_and_closing_needs_an_answer(structure):
    matter, _ = lift(structure, structure.team, structure.kg)
    with pytest.raises(ApplicationError, match="M8"):
        services.matter_close(matter=matter, by=structure.coordinator)
    with pytest.raises(ApplicationError) as error:
        services.matter_return(matter=matter, by=structure.coordinator, reason="")
    assert error.value.field == "reason"
    services.matter_return(
        matter=matter, by=structure.coordinator, reason="Hører hjemme i skolen."
    )
    services.matter_close(matter=matter, by=structure.coordinator)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.CLOSED
    assert statuses(matter) == ["raised", "returned", "closed"]


def test_the_other_side_is_told_by_email(
    structure, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        matter, _ = lift(structure, structure.team, structure.kg)
    assert [m.to[0] for m in mailoutbox] == [structure.coordinator.email]
    assert matter.title in mailoutbox[0].body
