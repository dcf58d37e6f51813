"""The consent pages in the browser: roles, 404 for strategic roles and other areas,
the purpose prompt, the done-when flow, bad input, and query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.models import AccessLog, Consent, ConsentTask, Disclosure, Subject
from tests import factories
from tests.consent.conftest import member

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"consent:{name}", kwargs={"area_slug": world.area.slug, **kwargs})


def login(client, user):
    client.force_login(user)
    return client


def state_purpose(client, world, subject=None):
    subject = subject or world.subject
    return client.post(
        url("subject_purpose", world, pk=subject.pk),
        {"purpose": "quality_control", "purpose_note": "Internkontroll"},
    )


# --- Who gets in ------------------------------------------------------------------


def test_coordinator_lists_the_young_people(client, world):
    login(client, world.coordinator)
    response = client.get(url("subject_list", world))
    assert response.status_code == 200
    assert world.subject.pseudonym in response.content.decode()
    assert AccessLog.objects.filter(action="list", subject=world.subject).exists()


@pytest.mark.parametrize("role", ["steering_member", "secretariat", "viewer"])
def test_strategic_roles_get_404_on_every_consent_page(client, world, role):
    consent = world.consent()
    login(client, factories.user_with_role(world.area, role, agency=world.school))
    for page in (
        url("subject_list", world),
        url("subject_detail", world, pk=world.subject.pk),
        url("consent_detail", world, pk=consent.pk),
        url("subject_create", world),
        url("task_list", world),
    ):
        assert client.get(page).status_code == 404, page


def test_a_coordinator_of_another_area_gets_404(client, world):
    elsewhere = factories.AreaFactory()
    login(client, factories.user_with_role(elsewhere, "coordinator"))
    assert (
        client.get(url("subject_detail", world, pk=world.subject.pk)).status_code == 404
    )
    # …also through their own area's address: the record is not in it.
    other_area_url = reverse(
        "consent:subject_detail",
        kwargs={"area_slug": elsewhere.slug, "pk": world.subject.pk},
    )
    assert client.get(other_area_url).status_code == 404


def test_a_member_not_party_to_anything_gets_404_and_the_attempt_is_logged(
    client, world
):
    nav_user = member(world, world.nav)
    login(client, nav_user)
    assert (
        client.get(url("subject_detail", world, pk=world.subject.pk)).status_code == 404
    )
    row = AccessLog.objects.get(action="denied")
    assert (row.user, row.subject) == (nav_user, world.subject)


def test_a_member_whose_agency_is_in_the_consent_opens_the_record(client, world):
    world.consent()
    login(client, member(world, world.school))
    response = client.get(url("subject_detail", world, pk=world.subject.pk))
    assert response.status_code == 200
    assert response.context["opened"].legal_basis == "consent"


@pytest.mark.parametrize(
    "name", ["subject_create", "subject_access", "subject_report", "consent_create"]
)
def test_coordinator_pages_are_403_for_other_roles_with_consent_access(
    client, world, name
):
    world.consent()
    login(client, member(world, world.school))
    kwargs = {} if name == "subject_create" else {"pk": world.subject.pk}
    assert client.get(url(name, world, **kwargs)).status_code == 403


# --- The purpose prompt -----------------------------------------------------------


def test_outside_an_active_case_the_record_asks_for_a_purpose_first(client, world):
    login(client, world.coordinator)
    prompt = client.get(url("subject_detail", world, pk=world.subject.pk))
    assert prompt.status_code == 200
    assert "consent/purpose.html" in [t.name for t in prompt.templates]
    assert world.subject.pseudonym not in prompt.content.decode()
    assert not AccessLog.objects.exists()
    response = state_purpose(client, world)
    assert response.status_code == 302
    record = client.get(response["Location"])
    assert world.subject.pseudonym in record.content.decode()
    row = AccessLog.objects.get(action="view")
    assert (row.purpose, row.purpose_note) == ("quality_control", "Internkontroll")


def test_the_purpose_other_needs_words(client, world):
    login(client, world.coordinator)
    response = client.post(
        url("subject_purpose", world, pk=world.subject.pk), {"purpose": "other"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["purpose_note"]


def test_a_purpose_cannot_be_stated_for_a_hidden_young_person(client, world):
    login(client, member(world, world.nav))
    assert state_purpose(client, world).status_code == 404


# --- The done-when flow in the browser --------------------------------------------


def consent_post(world, **overrides):
    data = {
        "recorded_by_agency": world.salto.pk,
        "given_on": timezone.localdate().isoformat(),
        "information_categories": ["education_work"],
        "information_scope": "Skolefravær og oppfølging.",
        "recipient_agencies": [world.school.pk, world.barnevern.pk],
        "purpose": "Samordnet oppfølging.",
        "informed_about": "Hvem som får vite hva, og retten til å trekke samtykket.",
        "voluntary": "on",
        "express": "on",
        "form": "written",
        "document_reference": "Barnevernet sak 2026/17",
        "guardians": [g.pk for g in world.guardians],
        "guardian_form": "written",
        "context": "",
        "valid_until": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def disclosure_post(consent, world, **overrides):
    data = {
        "legal_basis": "consent",
        "consent": consent.pk,
        "from_agency": world.school.pk,
        "to_agency": world.barnevern.pk,
        "information_categories": ["education_work"],
        "information_description": "Fravær 30 % siste måned.",
        "purpose": "Samordnet oppfølging.",
        "purpose_within_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_done_when_flow_in_the_browser(client, world):
    login(client, world.coordinator)
    state_purpose(client, world)
    response = client.post(
        url("consent_create", world, pk=world.subject.pk), consent_post(world)
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.status == "active"
    assert consent.guardian_consents.count() == 2

    new_disclosure = url("disclosure_create", world, pk=world.subject.pk)
    accepted = client.post(new_disclosure, disclosure_post(consent, world))
    assert accepted.status_code == 302
    assert Disclosure.objects.count() == 1

    outside = client.post(
        new_disclosure, disclosure_post(consent, world, to_agency=world.nav.pk)
    )
    assert outside.status_code == 200
    assert world.nav.name in outside.content.decode()
    assert outside.context["form"].errors["to_agency"]
    other_category = client.post(
        new_disclosure,
        disclosure_post(consent, world, information_categories=["health"]),
    )
    assert other_category.context["form"].errors["information_categories"]

    withdrawn = client.post(
        url("consent_withdraw", world, pk=consent.pk),
        {"party": f"guardian:{world.guardians[0].pk}", "note": ""},
    )
    assert withdrawn.status_code == 302
    refused = client.post(new_disclosure, disclosure_post(consent, world))
    assert refused.status_code == 200
    assert "trukket tilbake" in " ".join(refused.context["form"].errors["consent"])
    assert Disclosure.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"information_scope": "", "information_categories": None}, None),
        ({"guardians": None}, None),
        ({"purpose": "Gjelder elev 12030912345."}, "purpose"),
        ({"voluntary": None}, "voluntary"),
    ],
)
def test_bad_consent_input_shows_a_clear_message_and_saves_nothing(
    client, world, overrides, field
):
    login(client, world.coordinator)
    state_purpose(client, world)
    response = client.post(
        url("consent_create", world, pk=world.subject.pk),
        consent_post(world, **overrides),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors
    assert "Rett opp dette for å gå videre" in response.content.decode()
    assert not Consent.objects.exists()


def test_under_18_without_guardian_says_so(client, world):
    login(client, world.coordinator)
    state_purpose(client, world)
    response = client.post(
        url("consent_create", world, pk=world.subject.pk),
        consent_post(world, guardians=None),
    )
    assert "må også vergene samtykke" in " ".join(
        response.context["form"].errors["guardians"]
    )


def test_oral_consent_shows_the_warning(client, world):
    login(client, world.coordinator)
    state_purpose(client, world)
    response = client.post(
        url("consent_create", world, pk=world.subject.pk),
        consent_post(world, form="oral", document_reference=""),
        follow=True,
    )
    assert "få det skriftlig" in response.content.decode()
    assert ConsentTask.objects.filter(kind="obtain_written").exists()


def test_anonymised_text_with_a_name_asks_for_confirmation_before_saving(client, world):
    team = factories.GroupFactory(
        area=world.area,
        operational=True,
        kind="consultation_team",
        confidentiality_mode="anonymised",
    )
    login(client, world.coordinator)
    state_purpose(client, world)
    data = {
        "legal_basis": "anonymised_13a_nr2",
        "from_agency": world.school.pk,
        "to_group": team.pk,
        "information_categories": ["family_home"],
        "information_description": "Jonas i 9. klasse har det vanskelig hjemme.",
        "purpose": "Råd.",
        "anonymisation_checklist": [
            "name",
            "place",
            "school",
            "age_date",
            "family",
            "incident",
            "other_traits",
        ],
        "anonymisation_attested": "on",
    }
    new = url("disclosure_create", world, pk=world.subject.pk)
    first = client.post(new, data)
    assert first.status_code == 200
    assert first.context["ask_confirmation"] is True
    assert "Jonas" in first.content.decode()
    assert not Disclosure.objects.exists()
    second = client.post(
        new, {**data, "confirm_step": "1", "confirm_identifiers": "on"}
    )
    assert second.status_code == 302
    assert Disclosure.objects.get().legal_basis == "anonymised_13a_nr2"


# --- Every read leaves a row ------------------------------------------------------

NO_INDIVIDUAL_DATA = {"subject_create"}  # an empty form: nothing about anyone


def _walk_consent_routes():
    from django.urls import get_resolver

    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) != "o/<slug:area_slug>/":
            continue
        for include in pattern.url_patterns:
            if getattr(include, "namespace", None) == "consent":
                yield from include.url_patterns


def test_every_consent_page_that_shows_data_logs_the_read(client, world):
    consent = world.consent(form="oral", document_reference="")
    disclosure = world.share(consent)
    task = ConsentTask.objects.get()
    login(client, world.coordinator)
    state_purpose(client, world)
    ids = {
        "subject": world.subject.pk,
        "consent": consent.pk,
        "disclosure": disclosure.pk,
        "task": task.pk,
    }
    checked = []
    for route in _walk_consent_routes():
        name = route.name
        if name in NO_INDIVIDUAL_DATA:
            continue
        route_text = str(route.pattern)
        kwargs = {}
        if "<int:pk>" in route_text:
            kwargs["pk"] = ids[route_text.split("s/", 1)[0]]
        if "<int:user_id>" in str(route.pattern):
            kwargs["user_id"] = world.coordinator.pk
        before = AccessLog.objects.count()
        response = client.get(url(name, world, **kwargs))
        if response.status_code == 405:
            continue  # a write: its service logs it (tested with the services)
        assert response.status_code == 200, name
        assert AccessLog.objects.count() > before, name
        checked.append(name)
    assert set(checked) >= {
        "subject_list",
        "subject_detail",
        "subject_access",
        "subject_report",
        "consent_create",
        "consent_detail",
        "consent_withdraw",
        "disclosure_create",
        "disclosure_detail",
        "task_list",
    }


def test_the_access_report_lists_consents_disclosures_and_reads_and_is_logged(
    client, world
):
    consent = world.consent()
    world.share(consent)
    login(client, world.coordinator)
    response = client.get(url("subject_report", world, pk=world.subject.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fravær 30 %" in body
    assert world.barnevern.name in body
    assert world.coordinator.full_name in body
    assert AccessLog.objects.filter(action="export", subject=world.subject).exists()
    assert "css/print.css" in body


# --- The other pages --------------------------------------------------------------


def test_coordinator_registers_a_young_person_and_a_guardian(client, world):
    login(client, world.coordinator)
    response = client.post(
        url("subject_create", world),
        {
            "birth_year": timezone.localdate().year - 14,
            "identity_held_by": world.nav.pk,
        },
    )
    subject = Subject.objects.exclude(pk=world.subject.pk).get()
    assert response["Location"] == url("subject_detail", world, pk=subject.pk)
    assert subject.pseudonym.startswith("UNG-")
    state_purpose(client, world, subject)
    client.post(
        url("guardian_create", world, pk=subject.pk),
        {"label": "Verge 1", "relation": "parent", "has_parental_responsibility": "on"},
    )
    assert subject.guardians.get().label == "Verge 1"
    named = client.post(
        url("guardian_create", world, pk=subject.pk),
        {"label": "Kari", "relation": "parent"},
        follow=True,
    )
    assert "ikke et navn" in named.content.decode()
    assert subject.guardians.count() == 1


def test_birth_year_outside_the_range_is_refused(client, world):
    login(client, world.coordinator)
    response = client.post(
        url("subject_create", world),
        {"birth_year": 1950, "identity_held_by": world.nav.pk},
    )
    assert response.context["form"].errors["birth_year"]


def test_coordinator_gives_and_removes_access(client, world):
    user = member(world, world.nav)
    login(client, world.coordinator)
    state_purpose(client, world)
    access = url("subject_access", world, pk=world.subject.pk)
    assert client.post(access, {"user": user.pk}).status_code == 302
    revoke = url("subject_access_revoke", world, pk=world.subject.pk, user_id=user.pk)
    assert client.post(revoke).status_code == 302
    assert list(
        AccessLog.objects.filter(action__in=["grant", "revoke"]).values_list(
            "action", flat=True
        )
    ) == ["revoke", "grant"]


def test_guardian_consent_added_later_completes_the_consent(client, world):
    login(client, world.coordinator)
    state_purpose(client, world)
    client.post(
        url("consent_create", world, pk=world.subject.pk),
        consent_post(world, guardians=[world.guardians[0].pk]),
    )
    consent = Consent.objects.get()
    assert consent.status == "incomplete"
    page = client.get(url("consent_detail", world, pk=consent.pk))
    assert page.context["guardian_form"] is not None
    client.post(
        url("consent_guardian_add", world, pk=consent.pk),
        {
            "guardian": world.guardians[1].pk,
            "consented_on": timezone.localdate().isoformat(),
            "form": "written",
        },
    )
    consent.refresh_from_db()
    assert consent.status == "active"


def test_written_form_recorded_on_the_consent_page(client, world):
    consent = world.consent(form="oral", document_reference="")
    login(client, world.coordinator)
    client.post(
        url("consent_written", world, pk=consent.pk),
        {"document_reference": "Arkiv 2026/3"},
    )
    consent.refresh_from_db()
    assert consent.form == "written"


def test_close_the_follow_up(client, world):
    login(client, world.coordinator)
    state_purpose(client, world)
    client.post(url("subject_close", world, pk=world.subject.pk), {"reason": "moved"})
    world.subject.refresh_from_db()
    assert world.subject.status == "closed"
    assert world.subject.delete_after > timezone.localdate()


def test_nr6_proposal_is_approved_by_a_colleague_in_the_browser(client, world):
    police = factories.AgencyFactory(area=world.area, kind="police", sector="state")
    proposer = member(world, world.barnevern)
    login(client, proposer)
    state_purpose(client, world)  # holds the identity, but no active case yet
    client.post(
        url("disclosure_create", world, pk=world.subject.pk),
        {
            "legal_basis": "fvl_13b_nr6",
            "from_agency": world.barnevern.pk,
            "to_agency": police.pk,
            "decided_by_agency": world.barnevern.pk,
            "decision_ref": "Vedtak 2026/4",
            "information_categories": ["family_home"],
            "information_description": "Mistanke om vold.",
            "purpose": "Anmeldelse.",
        },
    )
    disclosure = Disclosure.objects.get()
    assert disclosure.status == "proposed"
    own = client.get(url("disclosure_detail", world, pk=disclosure.pk))
    assert own.context["can_approve"] is False
    login(client, member(world, world.barnevern))
    client.post(url("disclosure_approve", world, pk=disclosure.pk))
    client.post(url("disclosure_disclose", world, pk=disclosure.pk))
    disclosure.refresh_from_db()
    assert disclosure.status == "disclosed"


def test_open_disclosure_is_stopped_with_a_reason(client, world):
    disclosure = factories.DisclosureFactory(
        subject=world.subject,
        legal_basis="fvl_13b_nr6",
        status="proposed",
        disclosed_at=None,
        decided_by_agency=world.barnevern,
        decision_ref="V1",
    )
    login(client, world.coordinator)
    state_purpose(client, world)
    client.post(url("disclosure_cancel", world, pk=disclosure.pk), {"reason": "Feil."})
    disclosure.refresh_from_db()
    assert disclosure.status == "cancelled"


def test_review_task_is_marked_done_by_the_coordinator(client, world):
    task = ConsentTask.objects.create(
        area=world.area,
        subject=world.subject,
        kind="review_basis",
        due_date=timezone.localdate(),
    )
    login(client, world.coordinator)
    client.post(url("task_complete", world, pk=task.pk), {"note": "Avsluttes."})
    task.refresh_from_db()
    assert task.status == "done"
    login(client, member(world, world.school))
    other = ConsentTask.objects.create(
        area=world.area,
        subject=world.subject,
        kind="review_basis",
        due_date=timezone.localdate(),
    )
    assert client.post(url("task_complete", world, pk=other.pk)).status_code == 403


def test_start_page_shows_the_coordinators_consent_panel_without_names(client, world):
    world.consent(form="oral", document_reference="")
    login(client, world.coordinator)
    response = client.get(
        reverse("municipalities:area_home", kwargs={"area_slug": world.area.slug})
    )
    body = response.content.decode()
    assert "consent/panels/tasks.html" in [t.name for t in response.templates]
    assert world.subject.pseudonym not in body
    assert response.status_code == 200


def test_start_page_shows_aggregates_to_the_steering_group(client, world):
    world.consent()
    login(client, factories.user_with_role(world.area, "steering_member"))
    response = client.get(
        reverse("municipalities:area_home", kwargs={"area_slug": world.area.slug})
    )
    names = [t.name for t in response.templates]
    assert "consent/panels/statistics.html" in names
    assert "consent/panels/tasks.html" not in names
    assert "&lt;5" in response.content.decode()


# --- Query counts -----------------------------------------------------------------


def test_subject_list_query_count_does_not_grow_with_rows(
    client, world, django_assert_max_num_queries
):
    login(client, member(world, world.barnevern))
    list_url = url("subject_list", world)
    client.get(list_url)
    with django_assert_max_num_queries(14) as few:
        client.get(list_url)
    for _ in range(12):
        factories.SubjectFactory(area=world.area, identity_held_by=world.barnevern)
    with django_assert_max_num_queries(len(few)):
        response = client.get(list_url)
    assert len(response.context["page"].object_list) == 13


def test_subject_record_query_count_does_not_grow_with_rows(
    client, world, django_assert_max_num_queries
):
    consent = world.consent()
    login(client, world.coordinator)
    page = url("subject_detail", world, pk=world.subject.pk)
    world.share(consent)
    client.get(page)
    with django_assert_max_num_queries(40) as few:
        client.get(page)
    for _ in range(5):
        world.share(consent, disclosed_at=timezone.now() - dt.timedelta(hours=1))
    with django_assert_max_num_queries(len(few)):
        client.get(page)


def test_the_coordinator_opens_the_record_she_just_registered_without_a_prompt(
    client, world
):
    login(client, world.coordinator)
    response = client.post(
        url("subject_create", world),
        {
            "birth_year": timezone.localdate().year - 15,
            "identity_held_by": world.salto.pk,
        },
        follow=True,
    )
    subject = Subject.objects.exclude(pk=world.subject.pk).get()
    assert "consent/purpose.html" not in [t.name for t in response.templates]
    assert subject.pseudonym in response.content.decode()
    row = AccessLog.objects.get(action="view", subject=subject)
    assert row.purpose == "coordination"
