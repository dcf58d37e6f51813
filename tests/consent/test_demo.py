"""The Alna consent demo (domain.md §7) is lawful, complete and idempotent."""

import pytest
from django.core.management import call_command

from consent.models import AccessLog, Consent, ConsentTask, Disclosure, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", "--quiet-logins")


def status_of(pseudonym):
    return Consent.objects.get(subject__pseudonym=pseudonym).status


def test_the_four_young_people_have_the_consent_states_of_the_brief(seeded):
    assert status_of("UNG-7KQ2") == "active"
    assert status_of("UNG-M3X9") == "incomplete"
    assert status_of("UNG-P8D4") == "withdrawn"
    assert status_of("UNG-A2R6") == "expired"
    withdrawn = Consent.objects.get(subject__pseudonym="UNG-P8D4")
    assert withdrawn.withdrawn_by_party.startswith("guardian:")
    months = (withdrawn.withdrawn_at - withdrawn.given_at).days // 30
    assert months == 4  # in its fifth month


def test_the_disclosures_of_the_brief_are_there(seeded):
    shared = Disclosure.objects.filter(subject__pseudonym="UNG-7KQ2")
    assert {d.to_agency.name for d in shared if d.legal_basis == "consent"} == {
        "Nav Alna",
        "BUP Groruddalen",
    }
    proposed = shared.get(legal_basis="fvl_13b_nr6")
    assert proposed.status == "proposed"
    anonymised = Disclosure.objects.get(legal_basis="anonymised_13a_nr2")
    assert anonymised.to_group.name == "Konsultasjonsteamet"
    assert anonymised.to_group.area.slug == "oslo"


def test_the_oral_consent_left_a_task_and_everything_is_logged(seeded):
    assert ConsentTask.objects.filter(
        subject__pseudonym="UNG-M3X9", kind="obtain_written"
    ).exists()
    for subject in Subject.objects.filter(area__slug="alna"):
        assert AccessLog.objects.filter(subject=subject, action="create").exists()
    assert AccessLog.objects.filter(action="withdraw").count() == 1
    assert AccessLog.objects.filter(action="view").count() >= 3


def test_seeding_twice_adds_nothing(seeded):
    counts = [m.objects.count() for m in (Subject, Consent, Disclosure, AccessLog)]
    call_command("seed_demo", "--quiet-logins")
    assert [m.objects.count() for m in (Subject, Consent, Disclosure, AccessLog)] == (
        counts
    )
