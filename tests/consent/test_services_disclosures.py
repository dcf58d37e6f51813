"""Each disclosure needs exactly one legal basis that covers it (C1–C4, C8–C10)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from consent import services
from consent.legal import AnonymisationCheck
from consent.models import AccessLog, Disclosure
from municipalities.models import Agency, Group
from slt_portal.exceptions import ApplicationError
from tests import factories
from tests.consent.conftest import make_world, member

pytestmark = pytest.mark.django_db
OSLO = dt.timezone(dt.timedelta(hours=1))


def refusal(run) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        run()
    return refused.value


# --- The done-when scenario -------------------------------------------------------


def test_school_to_barnevern_inside_the_consent_is_accepted(world):
    consent = world.consent()
    disclosure = world.share(consent)
    assert disclosure.status == Disclosure.Status.DISCLOSED
    assert (disclosure.from_agency, disclosure.to_agency) == (
        world.school,
        world.barnevern,
    )
    row = AccessLog.objects.get(action="disclose")
    assert (row.legal_basis, row.subject, row.object_id) == (
        "consent",
        world.subject,
        disclosure.pk,
    )


def test_another_category_than_the_consent_covers_is_refused_with_the_reason(world):
    consent = world.consent()
    error = refusal(lambda: world.share(consent, information_categories=["health"]))
    assert error.field == "information_categories"
    assert "omfatter ikke" in error.message
    assert "helse" in error.message.lower()
    assert not Disclosure.objects.exists()


def test_an_agency_outside_the_consent_is_refused_with_the_reason(world):
    consent = world.consent()
    error = refusal(lambda: world.share(consent, to_agency=world.nav))
    assert error.field == "to_agency"
    assert world.nav.name in error.message
    error = refusal(lambda: world.share(consent, from_agency=world.bup))
    assert error.field == "from_agency"


def test_after_withdrawal_the_next_disclosure_is_refused_at_once(world):
    consent = world.consent()
    world.share(consent)
    services.consent_withdraw(actor=world.actor, consent=consent, party="subject")
    consent.refresh_from_db()
    error = refusal(lambda: world.share(consent))
    assert error.code == "consent_withdrawn"
    assert "trukket tilbake" in error.message
    assert Disclosure.objects.count() == 1


def test_a_refused_disclosure_is_logged_as_denied(world):
    consent = world.consent()
    refusal(lambda: world.share(consent, to_agency=world.nav))
    row = AccessLog.objects.get(action="denied")
    assert row.subject == world.subject
    assert row.detail == "disclosure:outside_scope"


def test_incomplete_consent_cannot_be_used(world):
    consent = world.consent(
        guardian_consents=[
            services.GuardianConsentInput(
                guardian=world.guardians[0], consented_at=timezone.now()
            )
        ]
    )
    assert refusal(lambda: world.share(consent)).code == "consent_incomplete"


def test_the_purpose_must_be_confirmed_within_the_consent(world):
    consent = world.consent()
    error = refusal(lambda: world.share(consent, purpose_within_consent=False))
    assert error.field == "purpose_within_consent"


def test_a_consent_of_another_young_person_is_refused(world):
    consent = world.consent()
    other = factories.SubjectFactory(area=world.area, identity_held_by=world.school)
    error = refusal(lambda: world.share(consent, subject=other))
    assert error.code == "no_consent"


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=OSLO), tick=False)
def test_consent_expiring_tomorrow_covers_today_but_not_the_day_after():
    world = make_world()
    world.subject.birth_year = 2012
    world.subject.save()
    consent = world.consent(valid_until=dt.date(2026, 3, 2))
    world.share(consent)
    with time_machine.travel(dt.datetime(2026, 3, 2, 20, tzinfo=OSLO), tick=False):
        world.share(consent)
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, tzinfo=OSLO), tick=False):
        error = refusal(lambda: world.share(consent))
    assert error.code == "consent_not_valid"
    assert "2.3.2026" in error.message or "2026" in error.message


@time_machine.travel(dt.datetime(2026, 12, 20, 12, tzinfo=OSLO), tick=False)
def test_consent_given_at_17_stops_covering_when_the_year_they_turn_18_ends():
    world = make_world()
    world.subject.birth_year = 2008
    world.subject.save()
    consent = world.consent(given_at=timezone.now() - dt.timedelta(days=200))
    assert consent.valid_until == dt.date(2026, 12, 31)
    world.share(consent)
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, tzinfo=OSLO), tick=False):
        assert refusal(lambda: world.share(consent)).code == "consent_not_valid"


# --- Groups and meetings (C1, C2) --------------------------------------------------


def test_a_steering_group_never_receives_individual_information(world):
    steering = factories.GroupFactory(area=world.area, steering=True)
    error = refusal(
        lambda: world.share(
            None,
            legal_basis="anonymised_13a_nr2",
            to_agency=None,
            to_group=steering,
        )
    )
    assert error.code == "strategic_body"


def test_sharing_in_a_named_group_meeting_is_linked_to_the_meeting(world, named_group):
    consent = world.consent(recipient_groups=[named_group])
    meeting = factories.MeetingFactory(group=named_group, area=world.area, held=True)
    disclosure = world.share(consent, to_agency=None, meeting=meeting)
    assert (disclosure.to_group, disclosure.meeting) == (named_group, meeting)


def test_a_subject_is_never_linked_to_a_meeting_of_a_group_without_named_mode(world):
    group = factories.GroupFactory(
        area=world.area, operational=True, confidentiality_mode="anonymised"
    )
    meeting = factories.MeetingFactory(group=group, area=world.area, held=True)
    error = refusal(
        lambda: world.share(
            None,
            legal_basis="anonymised_13a_nr2",
            to_agency=None,
            meeting=meeting,
            anonymisation_attested=True,
            anonymisation_checklist=AnonymisationCheck.values,
        )
    )
    assert error.field == "meeting"


def test_consent_based_sharing_in_an_anonymised_group_is_refused(world):
    group = factories.GroupFactory(
        area=world.area, operational=True, confidentiality_mode="anonymised"
    )
    consent = world.consent()
    error = refusal(lambda: world.share(consent, to_agency=None, to_group=group))
    assert error.code == "group_mode"
    assert "anonymiserte" in error.message


def test_a_group_not_named_in_the_consent_is_refused(world, named_group):
    consent = world.consent()
    error = refusal(lambda: world.share(consent, to_agency=None, to_group=named_group))
    assert error.field == "to_group"


# --- Anonymised (§ 13 a nr. 2, C8) ------------------------------------------------


@pytest.fixture
def consultation_team(world):
    return factories.GroupFactory(
        area=world.area,
        operational=True,
        kind=Group.Kind.CONSULTATION_TEAM,
        confidentiality_mode="anonymised",
    )


def anonymised(world, group, **overrides):
    fields = {
        "legal_basis": "anonymised_13a_nr2",
        "to_agency": None,
        "to_group": group,
        "purpose_within_consent": False,
        "information_description": "Ungdom i 9. trinn, bekymring for radikalisering.",
        "purpose": "Råd om videre oppfølging.",
        "anonymisation_attested": True,
        "anonymisation_checklist": AnonymisationCheck.values,
    }
    return world.share(None, **{**fields, **overrides})


def test_anonymised_case_to_the_consultation_team_is_accepted(world, consultation_team):
    disclosure = anonymised(world, consultation_team)
    assert disclosure.legal_basis == "anonymised_13a_nr2"
    assert disclosure.consent is None


def test_removing_name_and_place_alone_is_not_enough(world, consultation_team):
    error = refusal(
        lambda: anonymised(
            world, consultation_team, anonymisation_checklist=["name", "place"]
        )
    )
    assert error.field == "anonymisation_checklist"
    error = refusal(
        lambda: anonymised(world, consultation_team, anonymisation_attested=False)
    )
    assert error.field == "anonymisation_attested"


def test_text_with_a_name_needs_explicit_confirmation(world, consultation_team):
    text = "Mari (født 2011) fra Furusetveien 12 er bekymret."
    with pytest.raises(services.NeedsConfirmation) as warning:
        anonymised(world, consultation_team, information_description=text)
    assert "Mari" in warning.value.message
    assert "Furusetveien 12" in warning.value.message
    assert not Disclosure.objects.exists()
    assert not AccessLog.objects.filter(action="denied").exists()  # a warning
    disclosure = anonymised(
        world, consultation_team, information_description=text, confirm_identifiers=True
    )
    assert disclosure.pk


# --- fvl. § 13 b nr. 2, 5 and 6 (C9, C10) -------------------------------------------


def test_nr2_needs_the_original_purpose(world):
    error = refusal(
        lambda: world.share(None, legal_basis="fvl_13b_nr2", purpose_within_consent=0)
    )
    assert error.field == "original_purpose_ref"
    assert world.share(
        None, legal_basis="fvl_13b_nr2", original_purpose_ref="Skolens oppfølging."
    ).pk


def test_nr5_needs_a_justification_and_a_public_recipient(world):
    error = refusal(lambda: world.share(None, legal_basis="fvl_13b_nr5"))
    assert error.field == "necessity_justification"
    club = factories.AgencyFactory(
        area=world.area, kind=Agency.Kind.VOLUNTARY, sector=Agency.Sector.VOLUNTARY
    )
    error = refusal(
        lambda: world.share(
            None,
            legal_basis="fvl_13b_nr5",
            to_agency=club,
            necessity_justification="Nær og saklig sammenheng.",
        )
    )
    assert error.code == "basis_recipient"
    assert world.share(
        None,
        legal_basis="fvl_13b_nr5",
        to_agency=world.nav,
        necessity_justification="Nær og saklig sammenheng mellom etatene.",
    ).pk


def test_a_consent_cannot_be_attached_to_a_statutory_basis(world):
    consent = world.consent()
    error = refusal(
        lambda: world.share(
            consent, legal_basis="fvl_13b_nr5", necessity_justification="Nødvendig."
        )
    )
    assert error.field == "consent"


@pytest.fixture
def police(world):
    return factories.AgencyFactory(
        area=world.area, kind=Agency.Kind.POLICE, sector=Agency.Sector.STATE
    )


def propose_report(world, police, **overrides):
    fields = {
        "legal_basis": "fvl_13b_nr6",
        "from_agency": world.barnevern,
        "to_agency": police,
        "decided_by_agency": world.barnevern,
        "decision_ref": "Barnevernet vedtak 2026/9",
    }
    return world.share(None, **{**fields, **overrides})


def test_nr6_is_proposed_and_needs_the_agencys_decision(world, police):
    error = refusal(lambda: propose_report(world, police, decision_ref=""))
    assert error.field == "decision_ref"
    error = refusal(lambda: propose_report(world, police, to_agency=world.nav))
    assert error.code == "basis_recipient"
    disclosure = propose_report(world, police)
    assert disclosure.status == Disclosure.Status.PROPOSED
    assert disclosure.disclosed_at is None


def test_nr6_is_approved_by_another_person_of_the_deciding_agency(world, police):
    recorder = member(world, world.barnevern)
    recorder_actor = factories.actor_for_user(recorder, world.area)
    disclosure = propose_report(world, police, actor=recorder_actor)
    error = refusal(
        lambda: services.disclosure_approve(actor=recorder_actor, disclosure=disclosure)
    )
    assert "En annen enn den som foreslo" in error.message
    outsider = factories.actor_for_user(member(world, world.school), world.area)
    error = refusal(
        lambda: services.disclosure_approve(actor=outsider, disclosure=disclosure)
    )
    assert world.barnevern.name in error.message
    leader = factories.actor_for_user(member(world, world.barnevern), world.area)
    services.disclosure_approve(actor=leader, disclosure=disclosure)
    services.disclosure_mark_disclosed(actor=leader, disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.DISCLOSED
    assert disclosure.approved_by == leader.user
    assert disclosure.disclosed_at is not None


def test_an_open_disclosure_can_be_stopped_with_a_reason(world, police):
    disclosure = propose_report(world, police)
    error = refusal(
        lambda: services.disclosure_cancel(
            actor=world.actor, disclosure=disclosure, reason=""
        )
    )
    assert error.field == "reason"
    services.disclosure_cancel(
        actor=world.actor, disclosure=disclosure, reason="Ikke grunnlag."
    )
    assert Disclosure.objects.get().status == Disclosure.Status.CANCELLED


def test_a_disclosure_cannot_be_recorded_before_it_happens(world):
    consent = world.consent()
    error = refusal(
        lambda: world.share(
            consent, disclosed_at=timezone.now() + dt.timedelta(hours=2)
        )
    )
    assert error.field == "disclosed_at"


def test_an_agency_cannot_share_with_itself(world):
    error = refusal(
        lambda: world.share(
            None,
            legal_basis="fvl_13b_nr2",
            to_agency=world.school,
            original_purpose_ref="x",
        )
    )
    assert error.field == "to_agency"


def test_exactly_one_recipient_is_needed(world, named_group):
    error = refusal(
        lambda: world.share(
            None,
            legal_basis="fvl_13b_nr2",
            to_agency=None,
            original_purpose_ref="x",
        )
    )
    assert error.field == "to_agency"
