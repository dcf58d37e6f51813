"""Recording, completing, confirming and withdrawing consents (rules C4–C7)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from consent import services
from consent.models import AccessLog, Consent, ConsentTask, Disclosure
from slt_portal.exceptions import ApplicationError
from slt_portal.models import OutboundEmail
from tests import factories
from tests.consent.conftest import make_world, member

pytestmark = pytest.mark.django_db
OSLO = dt.timezone(dt.timedelta(hours=1))


def test_written_consent_for_a_15_year_old_with_both_guardians_is_valid(world):
    consent = world.consent()
    assert consent.status == Consent.Status.ACTIVE
    assert consent.guardian_consents.count() == 2
    assert set(consent.recipient_agencies.all()) == {world.school, world.barnevern}
    row = AccessLog.objects.get(object_type="consent", object_id=consent.pk)
    assert (row.action, row.user, row.subject) == (
        "create",
        world.coordinator,
        world.subject,
    )
    assert "information_scope" in row.detail
    assert "Skolefravær" not in row.detail  # field names, never values


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("voluntary", False, "frivillig"),
        ("express", False, "uttrykkelig"),
        ("informed_about", " ", "konsekvensene"),
        ("purpose", "", "formålet"),
        ("information_scope", "", "opplysninger"),
        ("information_categories", [], "typer opplysninger"),
        ("recipient_agencies", [], "minst én etat"),
        ("document_reference", "", "arkivert"),
    ],
)
def test_consent_without_an_element_of_valid_consent_is_refused_and_saves_nothing(
    world, field, value, message
):
    with pytest.raises(ApplicationError) as refused:
        world.consent(**{field: value})
    assert message in refused.value.message
    assert refused.value.field in {field, "recipient_agencies"}
    assert not Consent.objects.exists()
    assert not AccessLog.objects.exists()


def test_national_id_in_a_free_text_field_is_refused_and_saves_nothing(world):
    with pytest.raises(ValidationError) as refused:
        world.consent(purpose="Gjelder 12030912345, oppfølging av fravær.")
    assert "purpose" in refused.value.message_dict
    assert "11-sifrede" in refused.value.message_dict["purpose"][0]
    assert not Consent.objects.exists()


def test_under_18_without_any_guardian_consent_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        world.consent(guardian_consents=[])
    assert refused.value.field == "guardians"
    assert "må også vergene samtykke" in refused.value.message
    assert not Consent.objects.exists()


def test_under_18_without_registered_guardians_is_refused(world):
    for guardian in world.guardians:
        guardian.delete()
    with pytest.raises(ApplicationError, match="Registrer først vergene"):
        world.consent(guardian_consents=[])


def test_one_of_two_guardians_leaves_the_consent_incomplete(world):
    only_one = [
        services.GuardianConsentInput(
            guardian=world.guardians[0], consented_at=timezone.now()
        )
    ]
    result = services.consent_create(
        **{**_fields(world), "guardian_consents": only_one}
    )
    assert result.consent.status == Consent.Status.INCOMPLETE
    assert "Verge 2" in result.warnings[0]


def test_the_missing_guardian_completes_the_consent(world):
    only_one = [
        services.GuardianConsentInput(
            guardian=world.guardians[0], consented_at=timezone.now()
        )
    ]
    consent = world.consent(guardian_consents=only_one)
    services.consent_guardian_add(
        actor=world.actor,
        consent=consent,
        guardian=world.guardians[1],
        consented_at=timezone.now(),
    )
    consent.refresh_from_db()
    assert consent.status == Consent.Status.ACTIVE


def test_a_guardian_without_parental_responsibility_is_not_required(world):
    world.guardians[1].has_parental_responsibility = False
    world.guardians[1].save()
    consent = world.consent(
        guardian_consents=[
            services.GuardianConsentInput(
                guardian=world.guardians[0], consented_at=timezone.now()
            )
        ]
    )
    assert consent.status == Consent.Status.ACTIVE


@time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=OSLO))
def test_from_the_year_after_turning_18_the_young_person_consents_alone():
    world = make_world()
    world.subject.birth_year = 2008  # 2027 − 2008 = 19: certainly adult
    world.subject.save()
    consent = world.consent(guardian_consents=[])
    assert consent.status == Consent.Status.ACTIVE
    with pytest.raises(ApplicationError, match="samtykker den unge alene"):
        world.consent(
            guardian_consents=[
                services.GuardianConsentInput(
                    guardian=world.guardians[0], consented_at=timezone.now()
                )
            ]
        )


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=OSLO))
def test_in_the_year_the_young_person_turns_18_guardians_are_still_required():
    world = make_world()
    world.subject.birth_year = 2008  # 2026 − 2008 = 18: may still be 17
    world.subject.save()
    with pytest.raises(ApplicationError, match="må også vergene samtykke"):
        world.consent(guardian_consents=[])


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=OSLO))
def test_validity_defaults_to_twelve_months():
    world = make_world()
    world.subject.birth_year = 2012
    world.subject.save()
    consent = world.consent()
    assert consent.valid_until == dt.date(2027, 3, 1)


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=OSLO))
def test_consent_given_before_18_ends_with_the_year_the_young_person_turns_18():
    world = make_world()
    world.subject.birth_year = 2008
    world.subject.save()
    consent = world.consent()
    assert consent.valid_until == dt.date(2026, 12, 31)
    with pytest.raises(ApplicationError, match=r"31\.12\.2026") as refused:
        world.consent(valid_until=dt.date(2027, 2, 1))
    assert refused.value.field == "valid_until"


def test_validity_longer_than_the_product_default_is_refused(world, settings):
    settings.SLT = {**settings.SLT, "CONSENT_VALIDITY_MONTHS": 6}
    with pytest.raises(ApplicationError) as refused:
        world.consent(valid_until=timezone.localdate() + dt.timedelta(days=200))
    assert refused.value.field == "valid_until"


def test_consent_dated_in_the_future_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        world.consent(given_at=timezone.now() + dt.timedelta(days=2))
    assert refused.value.field == "given_at"


def test_a_group_without_named_mode_cannot_be_named_in_a_consent(world):
    group = factories.GroupFactory(area=world.area, confidentiality_mode="anonymised")
    with pytest.raises(ApplicationError) as refused:
        world.consent(recipient_groups=[group])
    assert refused.value.field == "recipient_groups"


def test_agency_of_another_area_cannot_be_named(world):
    elsewhere = factories.AgencyFactory()
    with pytest.raises(ApplicationError) as refused:
        world.consent(recipient_agencies=[elsewhere])
    assert refused.value.field == "recipient_agencies"


def test_oral_consent_warns_and_creates_a_task_to_get_it_in_writing(world):
    result = services.consent_create(
        **{**_fields(world), "form": Consent.Form.ORAL, "document_reference": ""}
    )
    assert result.consent.status == Consent.Status.ACTIVE
    assert any("skriftlig" in w for w in result.warnings)
    task = ConsentTask.objects.get(subject=world.subject)
    assert task.kind == ConsentTask.Kind.OBTAIN_WRITTEN
    assert task.assignee == world.coordinator
    assert task.due_date == timezone.localdate() + dt.timedelta(days=14)


def test_recording_the_written_form_completes_the_task(world):
    consent = world.consent(form=Consent.Form.ORAL, document_reference="")
    services.consent_record_written(
        actor=world.actor, consent=consent, document_reference="Arkiv 2026/44"
    )
    consent.refresh_from_db()
    assert consent.form == Consent.Form.WRITTEN
    assert ConsentTask.objects.get().status == ConsentTask.Status.DONE


def test_a_new_consent_supersedes_the_old_one(world):
    old = world.consent()
    new = world.consent(supersedes=old)
    old.refresh_from_db()
    assert (old.status, new.status) == (Consent.Status.SUPERSEDED, "active")


def test_nothing_new_is_recorded_for_a_closed_subject(world):
    services.subject_close(actor=world.actor, subject=world.subject, reason="moved")
    with pytest.raises(ApplicationError, match="avsluttet"):
        world.consent()


# --- Withdrawal (C7) --------------------------------------------------------------


def test_withdrawal_by_one_guardian_ends_the_whole_consent(world):
    consent = world.consent()
    party = f"guardian:{world.guardians[1].pk}"
    services.consent_withdraw(
        actor=world.actor, consent=consent, party=party, note="Ringte inn."
    )
    consent.refresh_from_db()
    assert consent.status == Consent.Status.WITHDRAWN
    assert consent.withdrawn_by_party == party
    assert consent.withdrawal_recorded_by == world.coordinator
    assert consent.withdrawn_at is not None
    row = AccessLog.objects.get(action="withdraw")
    assert row.subject == world.subject
    assert "Ringte" not in row.detail


def test_withdrawal_stops_open_disclosures_and_future_meeting_links(world, named_group):
    consent = world.consent(recipient_groups=[named_group])
    future = factories.MeetingFactory(group=named_group, area=world.area)
    past = world.share(consent)
    planned = world.share(consent, to_agency=None, meeting=future)
    proposed = factories.DisclosureFactory(
        subject=world.subject,
        legal_basis="fvl_13b_nr6",
        status=Disclosure.Status.PROPOSED,
        disclosed_at=None,
    )
    services.consent_withdraw(actor=world.actor, consent=consent, party="subject")
    statuses = {
        d.pk: d.status for d in Disclosure.objects.filter(subject=world.subject)
    }
    assert statuses == {
        past.pk: Disclosure.Status.DISCLOSED,
        planned.pk: Disclosure.Status.CANCELLED,
        proposed.pk: Disclosure.Status.CANCELLED,
    }


def test_withdrawal_tells_the_agencies_that_received_information(
    world, django_capture_on_commit_callbacks
):
    consent = world.consent()
    world.share(consent)
    barnevern_user = member(world, world.barnevern)
    school_user = member(world, world.school)  # gave, did not receive
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_withdraw(actor=world.actor, consent=consent, party="subject")
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {barnevern_user.email, world.coordinator.email}
    assert school_user.email not in recipients
    assert world.subject.pseudonym in mail.outbox[0].subject
    assert "12030912345" not in mail.outbox[0].body
    keys = set(OutboundEmail.objects.values_list("key", flat=True))
    assert f"consent-withdrawn:{consent.pk}:{barnevern_user.pk}" in keys


def test_a_consent_can_be_withdrawn_only_once(world):
    consent = world.consent()
    services.consent_withdraw(actor=world.actor, consent=consent, party="subject")
    with pytest.raises(ApplicationError, match="allerede avsluttet"):
        services.consent_withdraw(actor=world.actor, consent=consent, party="subject")


def test_withdrawal_needs_a_party_to_the_consent(world):
    consent = world.consent()
    other = factories.GuardianFactory()
    with pytest.raises(ApplicationError) as refused:
        services.consent_withdraw(
            actor=world.actor, consent=consent, party=f"guardian:{other.pk}"
        )
    assert refused.value.field == "party"


def _fields(world):
    now = timezone.now()
    return {
        "actor": world.actor,
        "subject": world.subject,
        "recorded_by_agency": world.salto,
        "given_at": now,
        "information_scope": "Skolefravær.",
        "information_categories": ["education_work"],
        "recipient_agencies": [world.school, world.barnevern],
        "purpose": "Oppfølging.",
        "informed_about": "Konsekvensene.",
        "voluntary": True,
        "express": True,
        "form": Consent.Form.WRITTEN,
        "document_reference": "Sak 1",
        "guardian_consents": [
            services.GuardianConsentInput(guardian=g, consented_at=now)
            for g in world.guardians
        ],
    }
