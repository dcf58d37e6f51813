"""Need-to-know (C11): who sees which young person, and the purpose of reading."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from consent import selectors, services
from consent.audit import Purpose
from consent.models import AccessLog, Disclosure, Subject
from slt_portal.exceptions import ApplicationError
from tests import factories
from tests.consent.conftest import member

pytestmark = pytest.mark.django_db


def visible(actor):
    return set(selectors.subject_queryset(actor=actor))


def test_the_coordinator_sees_every_young_person_of_the_area(world):
    other = factories.SubjectFactory(area=world.area)
    elsewhere = factories.SubjectFactory()
    assert visible(world.actor) == {world.subject, other}
    assert elsewhere not in visible(world.actor)


def test_an_agency_named_in_a_consent_sees_the_young_person(world):
    world.consent()
    school = factories.actor_for_user(member(world, world.school), world.area)
    nav = factories.actor_for_user(member(world, world.nav), world.area)
    assert visible(school) == {world.subject}
    assert visible(nav) == set()


def test_the_users_own_agency_counts_as_well_as_the_memberships(world):
    world.consent()
    user = factories.user_with_role(world.area, "police_contact", agency=world.school)
    assert visible(factories.actor_for_user(user, world.area)) == {world.subject}


def test_a_party_to_a_disclosure_sees_the_young_person(world):
    factories.DisclosureFactory(
        subject=world.subject, from_agency=world.nav, to_agency=world.bup
    )
    bup = factories.actor_for_user(member(world, world.bup), world.area)
    assert visible(bup) == {world.subject}


def test_the_agency_holding_the_identity_sees_its_young_person(world):
    barnevern = factories.actor_for_user(member(world, world.barnevern), world.area)
    assert visible(barnevern) == {world.subject}


def test_a_member_of_a_named_group_in_the_consent_sees_it(world, named_group):
    world.consent(recipient_groups=[named_group])
    user = member(world, world.nav)
    factories.GroupMemberFactory(group=named_group, user=user, agency=world.nav)
    assert visible(factories.actor_for_user(user, world.area)) == {world.subject}


def test_a_grant_by_the_coordinator_gives_access_and_is_logged(world):
    user = member(world, world.nav)
    services.subject_access_grant(actor=world.actor, subject=world.subject, user=user)
    assert visible(factories.actor_for_user(user, world.area)) == {world.subject}
    services.subject_access_revoke(actor=world.actor, subject=world.subject, user=user)
    assert visible(factories.actor_for_user(user, world.area)) == set()
    actions = list(
        AccessLog.objects.filter(subject=world.subject).values_list("action", "detail")
    )
    assert actions == [("revoke", f"user:{user.pk}"), ("grant", f"user:{user.pk}")]


@pytest.mark.parametrize("role", ["steering_member", "secretariat", "viewer"])
def test_strategic_roles_can_never_be_given_access(world, role):
    user = factories.user_with_role(world.area, role)
    with pytest.raises(ApplicationError) as refused:
        services.subject_access_grant(
            actor=world.actor, subject=world.subject, user=user
        )
    assert "utførende" in str(refused.value)


@pytest.mark.parametrize("role", ["steering_member", "secretariat", "viewer"])
def test_strategic_roles_see_nothing_even_when_their_agency_is_a_party(world, role):
    world.consent()
    user = factories.user_with_role(world.area, role, agency=world.school)
    assert visible(factories.actor_for_user(user, world.area)) == set()


def test_a_member_sees_only_the_consents_and_disclosures_of_its_agency(world):
    consent = world.consent()
    world.share(consent)
    factories.DisclosureFactory(
        subject=world.subject, from_agency=world.nav, to_agency=world.bup
    )
    school = factories.actor_for_user(member(world, world.school), world.area)
    record = selectors.subject_record(actor=school, subject=world.subject)
    assert record["consents"] == [consent]
    assert [d.to_agency for d in record["disclosures"]] == [world.barnevern]


def test_opening_inside_an_active_case_logs_the_basis(world):
    world.consent()
    school = factories.actor_for_user(member(world, world.school), world.area)
    opened = selectors.subject_open(
        actor=school, area_id=world.area.pk, pk=world.subject.pk
    )
    assert opened.legal_basis == "consent"
    row = AccessLog.objects.get(action="view")
    assert (row.purpose, row.legal_basis) == ("active_case", "consent")


def test_opening_outside_an_active_case_needs_a_purpose(world):
    with pytest.raises(selectors.PurposeRequired):
        selectors.subject_open(
            actor=world.actor, area_id=world.area.pk, pk=world.subject.pk
        )
    assert not AccessLog.objects.exists()
    selectors.subject_open(
        actor=world.actor,
        area_id=world.area.pk,
        pk=world.subject.pk,
        purpose=Purpose(code="quality_control", note="Internkontroll"),
    )
    row = AccessLog.objects.get()
    assert (row.action, row.purpose, row.purpose_note, row.legal_basis) == (
        "view",
        "quality_control",
        "Internkontroll",
        "",
    )


def test_an_expired_consent_is_no_active_case(world):
    consent = world.consent()
    consent.status = "expired"
    consent.save()
    school = factories.actor_for_user(member(world, world.school), world.area)
    with pytest.raises(selectors.PurposeRequired):
        selectors.subject_open(actor=school, area_id=world.area.pk, pk=world.subject.pk)


def test_an_attempt_to_open_a_hidden_young_person_is_404_and_logged(world):
    nav = factories.actor_for_user(member(world, world.nav), world.area)
    with pytest.raises(Http404):
        selectors.subject_open(actor=nav, area_id=world.area.pk, pk=world.subject.pk)
    row = AccessLog.objects.get()
    assert (row.action, row.user, row.subject) == ("denied", nav.user, world.subject)


def test_listing_logs_one_row_per_young_person_in_one_query(
    world, django_assert_num_queries
):
    subjects = [
        world.subject,
        *factories.SubjectFactory.create_batch(3, area=world.area),
    ]
    actor = world.actor
    with django_assert_num_queries(1):
        selectors.record_listed(actor=actor, objects=subjects)
    assert set(
        AccessLog.objects.filter(action="list").values_list("subject", flat=True)
    ) == {s.pk for s in subjects}


def test_statistics_suppress_small_numbers_but_show_zero(world):
    world.consent()
    factories.DisclosureFactory.create_batch(5, subject=world.subject)
    row = selectors.consent_statistics(
        area_ids=[world.area.pk], today=timezone.localdate()
    )[0]
    assert row["active_consents"] == "<5"
    assert row["active_subjects"] == "<5"
    assert row["disclosures_by_basis"]["fvl_13b_nr5"] == "5"
    assert row["disclosures_by_basis"]["fvl_13b_nr6"] == "0"


def test_erased_young_people_keep_only_their_counts_in_the_statistics(world):
    factories.DisclosureFactory(subject=world.subject)
    services.subject_close(actor=world.actor, subject=world.subject, reason="moved")
    Subject.objects.filter(pk=world.subject.pk).update(
        delete_after=timezone.localdate() - dt.timedelta(days=1)
    )
    world.subject.refresh_from_db()
    services.subject_erase(actor=world.actor, subject=world.subject)
    assert not Disclosure.objects.filter(subject=world.subject).exists()
    other = factories.SubjectFactory(area=world.area)
    factories.DisclosureFactory.create_batch(4, subject=other)
    row = selectors.consent_statistics(
        area_ids=[world.area.pk], today=timezone.localdate()
    )[0]
    assert row["disclosures_by_basis"]["fvl_13b_nr5"] == "5"
