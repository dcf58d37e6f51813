"""The consent API: need-to-know, 404 for strategic roles and other keys, logging,
purposes, writes through the services, and aggregates with small-number suppression."""

import pytest
from django.utils import timezone

from consent.models import AccessLog, Consent, Disclosure, Subject
from municipalities import services as municipality_services
from tests import factories
from tests.consent.conftest import member

pytestmark = pytest.mark.django_db


def key(area, role):
    creator = factories.user_with_role(area, "coordinator")
    _key, raw = municipality_services.api_key_create(
        area=area, name="System", role=role, created_by=creator
    )
    return raw


def as_key(api_client, area, role):
    api_client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key(area, role)}")
    return api_client


def as_user(api_client, user):
    api_client.force_login(user)
    return api_client


# --- 404 for everyone without need to know ----------------------------------------


@pytest.mark.parametrize("role", ["steering_member", "secretariat", "viewer"])
def test_strategic_roles_get_404_on_subjects_consents_and_disclosures(
    api_client, world, role
):
    consent = world.consent()
    disclosure = world.share(consent)
    as_user(api_client, factories.user_with_role(world.area, role))
    for path in (
        "/api/v1/subjects/",
        f"/api/v1/subjects/{world.subject.pk}/",
        f"/api/v1/consents/{consent.pk}/",
        f"/api/v1/disclosures/{disclosure.pk}/",
    ):
        assert api_client.get(path).status_code == 404, path


def test_a_coordinator_of_another_area_gets_404(api_client, world):
    as_user(
        api_client, factories.user_with_role(factories.AreaFactory(), "coordinator")
    )
    response = api_client.get(f"/api/v1/subjects/{world.subject.pk}/?purpose=other")
    assert response.status_code == 404
    assert api_client.get("/api/v1/subjects/").json()["results"] == []


@pytest.mark.parametrize("role", ["system_client", "viewer", "police_contact"])
def test_api_keys_other_than_the_coordinators_get_404(api_client, world, role):
    as_key(api_client, world.area, role)
    assert api_client.get("/api/v1/subjects/").status_code == 404
    assert api_client.get(f"/api/v1/subjects/{world.subject.pk}/").status_code == 404


def test_a_coordinator_key_reads_subjects_and_each_read_is_logged(api_client, world):
    as_key(api_client, world.area, "coordinator")
    body = api_client.get("/api/v1/subjects/").json()
    assert [s["pseudonym"] for s in body["results"]] == [world.subject.pseudonym]
    row = AccessLog.objects.get(action="list")
    assert row.user.is_service_account
    assert row.subject == world.subject


# --- Reading ----------------------------------------------------------------------


def test_reading_a_record_outside_an_active_case_needs_a_purpose(api_client, world):
    as_user(api_client, world.coordinator)
    path = f"/api/v1/subjects/{world.subject.pk}/"
    refused = api_client.get(path)
    assert refused.status_code == 400
    assert refused.json()["code"] == "purpose_required"
    assert "purpose" in refused.json()["errors"]
    assert not AccessLog.objects.filter(action="view").exists()
    bad = api_client.get(path + "?purpose=other")
    assert bad.json()["errors"] == {
        "purpose_note": ["Beskriv formålet."]
    } or bad.json()["errors"].get("purpose_note")
    ok = api_client.get(path + "?purpose=quality_control&purpose_note=Kontroll")
    assert ok.status_code == 200
    assert ok.json()["pseudonym"] == world.subject.pseudonym
    row = AccessLog.objects.get(action="view")
    assert (row.purpose, row.purpose_note) == ("quality_control", "Kontroll")


def test_a_member_reads_only_what_its_agency_is_party_to(api_client, world):
    consent = world.consent()
    mine = world.share(consent)
    factories.DisclosureFactory(
        subject=world.subject, from_agency=world.nav, to_agency=world.bup
    )
    as_user(api_client, member(world, world.school))
    body = api_client.get("/api/v1/disclosures/").json()
    assert [d["id"] for d in body["results"]] == [mine.pk]
    detail = api_client.get(f"/api/v1/consents/{consent.pk}/")
    assert detail.status_code == 200
    assert detail.json()["status"] == "active"
    assert AccessLog.objects.filter(action="view", object_type="consent").exists()


def test_lists_do_not_grow_queries_with_rows(
    api_client, world, django_assert_max_num_queries
):
    as_user(api_client, world.coordinator)
    consent = world.consent()
    world.share(consent)
    for path in ("/api/v1/subjects/", "/api/v1/consents/", "/api/v1/disclosures/"):
        api_client.get(path)
        with django_assert_max_num_queries(20) as few:
            api_client.get(path)
        for _ in range(4):
            other = factories.SubjectFactory(area=world.area)
            factories.ConsentFactory(subject=other, area=world.area)
            factories.DisclosureFactory(subject=other, area=world.area)
        with django_assert_max_num_queries(len(few)):
            api_client.get(path)


# --- Writing ----------------------------------------------------------------------


def consent_body(world, **overrides):
    now = timezone.now().isoformat()
    body = {
        "subject": world.subject.pk,
        "recorded_by_agency": world.salto.pk,
        "given_at": now,
        "information_scope": "Skolefravær.",
        "information_categories": ["education_work"],
        "recipient_agencies": [world.school.pk, world.barnevern.pk],
        "purpose": "Samordnet oppfølging.",
        "informed_about": "Konsekvensene og retten til å trekke samtykket.",
        "voluntary": True,
        "express": True,
        "form": "written",
        "document_reference": "Sak 2026/17",
        "guardian_consents": [
            {"guardian": g.pk, "consented_at": now} for g in world.guardians
        ],
    }
    body.update(overrides)
    return body


def test_the_done_when_flow_over_the_api(api_client, world):
    as_user(api_client, world.coordinator)
    created = api_client.post("/api/v1/consents/", consent_body(world), format="json")
    assert created.status_code == 201, created.json()
    consent_id = created.json()["id"]
    assert created.json()["status"] == "active"
    share = {
        "subject": world.subject.pk,
        "legal_basis": "consent",
        "consent": consent_id,
        "from_agency": world.school.pk,
        "to_agency": world.barnevern.pk,
        "information_categories": ["education_work"],
        "information_description": "Fravær.",
        "purpose": "Oppfølging.",
        "purpose_within_consent": True,
    }
    assert api_client.post("/api/v1/disclosures/", share).status_code == 201
    outside = api_client.post(
        "/api/v1/disclosures/", {**share, "to_agency": world.nav.pk}
    )
    assert outside.status_code == 400
    assert world.nav.name in outside.json()["errors"]["to_agency"][0]
    withdrawn = api_client.post(
        f"/api/v1/consents/{consent_id}/withdraw/", {"party": "subject"}
    )
    assert withdrawn.json()["status"] == "withdrawn"
    after = api_client.post("/api/v1/disclosures/", share)
    assert after.status_code == 400
    assert "trukket tilbake" in after.json()["errors"]["consent"][0]
    assert Disclosure.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"information_categories": [], "information_scope": ""}, "information_scope"),
        ({"guardian_consents": []}, "guardians"),
        ({"purpose": "Elev 12030912345"}, "purpose"),
    ],
)
def test_bad_consent_input_gives_400_with_the_field_and_saves_nothing(
    api_client, world, overrides, field
):
    as_user(api_client, world.coordinator)
    response = api_client.post(
        "/api/v1/consents/", consent_body(world, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Consent.objects.exists()


def test_only_the_coordinator_records_consents(api_client, world):
    world.consent()
    as_user(api_client, member(world, world.school))
    response = api_client.post("/api/v1/consents/", consent_body(world), format="json")
    assert response.status_code == 403


def test_coordinator_key_registers_a_young_person(api_client, world):
    as_key(api_client, world.area, "coordinator")
    response = api_client.post(
        "/api/v1/subjects/",
        {
            "area": world.area.slug,
            "birth_year": timezone.localdate().year - 13,
            "identity_held_by": world.nav.pk,
        },
    )
    assert response.status_code == 201
    subject = Subject.objects.get(pk=response.json()["id"])
    assert subject.pseudonym == response.json()["pseudonym"]
    assert AccessLog.objects.filter(action="create", subject=subject).exists()


def test_a_member_cannot_record_a_disclosure_from_another_agency(api_client, world):
    consent = world.consent()
    as_user(api_client, member(world, world.barnevern))
    response = api_client.post(
        "/api/v1/disclosures/",
        {
            "subject": world.subject.pk,
            "legal_basis": "consent",
            "consent": consent.pk,
            "from_agency": world.school.pk,
            "to_agency": world.barnevern.pk,
            "information_categories": ["education_work"],
            "information_description": "Fravær.",
            "purpose": "Oppfølging.",
            "purpose_within_consent": True,
        },
    )
    assert response.status_code == 400
    assert "from_agency" in response.json()["errors"]


def test_nr6_is_approved_over_the_api_by_a_colleague(api_client, world):
    police = factories.AgencyFactory(area=world.area, kind="police", sector="state")
    disclosure = factories.DisclosureFactory(
        subject=world.subject,
        legal_basis="fvl_13b_nr6",
        from_agency=world.barnevern,
        to_agency=police,
        decided_by_agency=world.barnevern,
        decision_ref="V1",
        status="proposed",
        disclosed_at=None,
        created_by=world.coordinator,
    )
    as_user(api_client, member(world, world.barnevern))
    response = api_client.post(f"/api/v1/disclosures/{disclosure.pk}/approve/")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"


# --- Aggregates -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["steering_member", "viewer", "coordinator"])
def test_statistics_are_open_to_every_area_role_with_small_numbers_hidden(
    api_client, world, role
):
    world.consent()
    as_user(api_client, factories.user_with_role(world.area, role))
    body = api_client.get("/api/v1/consent-statistics/").json()
    assert body == [
        {
            "area": world.area.slug,
            "area_name": world.area.name,
            "active_subjects": "<5",
            "active_consents": "<5",
            "incomplete_consents": "0",
            "withdrawn_consents": "0",
            "expired_consents": "0",
            "disclosures_by_basis": {
                "consent": "0",
                "anonymised_13a_nr2": "0",
                "fvl_13b_nr2": "0",
                "fvl_13b_nr5": "0",
                "fvl_13b_nr6": "0",
            },
        }
    ]


def test_a_system_client_key_reads_the_statistics(api_client, world):
    factories.DisclosureFactory.create_batch(6, subject=world.subject)
    as_key(api_client, world.area, "system_client")
    body = api_client.get("/api/v1/consent-statistics/").json()
    assert body[0]["disclosures_by_basis"]["fvl_13b_nr5"] == "6"


def test_the_secretariat_reads_the_districts_statistics(api_client, world):
    sibling = factories.AreaFactory(bydel=True, parent=world.area.parent)
    factories.SubjectFactory(area=sibling)
    user = factories.user_with_role(world.area.parent, "secretariat")
    as_user(api_client, user)
    body = api_client.get("/api/v1/consent-statistics/").json()
    assert {row["area"] for row in body} >= {world.area.slug, sibling.slug}
    only = api_client.get(f"/api/v1/consent-statistics/?area={sibling.slug}").json()
    assert [row["area"] for row in only] == [sibling.slug]
    assert api_client.get("/api/v1/subjects/").status_code == 404


def test_every_individual_endpoint_logs_each_read(api_client, world):
    consent = world.consent()
    disclosure = world.share(consent)
    as_user(api_client, world.coordinator)
    reads = [
        "/api/v1/subjects/",
        f"/api/v1/subjects/{world.subject.pk}/",
        "/api/v1/consents/",
        f"/api/v1/consents/{consent.pk}/",
        "/api/v1/disclosures/",
        f"/api/v1/disclosures/{disclosure.pk}/",
    ]
    for path in reads:
        before = AccessLog.objects.count()
        response = api_client.get(path)
        assert response.status_code == 200, path
        assert AccessLog.objects.count() > before, path
        row = AccessLog.objects.order_by("-pk").first()
        assert (row.user, row.subject) == (world.coordinator, world.subject)
        assert row.action in {"list", "view"}


def test_a_purpose_note_with_a_national_id_is_refused(api_client, world):
    as_user(api_client, world.coordinator)
    response = api_client.get(
        f"/api/v1/subjects/{world.subject.pk}/?purpose=other&purpose_note=12030912345"
    )
    assert response.status_code == 400
    assert "purpose_note" in response.json()["errors"]
    assert not AccessLog.objects.filter(action="view").exists()
