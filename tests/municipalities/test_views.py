"""Accounts, the start page, the area switcher, people and API keys in the browser."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from municipalities.models import ApiKey, Membership, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client, area):
    user = factories.user_with_role(area, "coordinator", email="kari@example.no")
    response = client.post(
        reverse("accounts:login"),
        {"username": "Kari@Example.no", "password": "passord-123"},
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_failure_shows_form_error(client, area):
    factories.user_with_role(area, "coordinator", email="kari@example.no")
    response = client.post(
        reverse("accounts:login"), {"username": "kari@example.no", "password": "feil"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_repeated_login_failures_are_throttled(client, area, settings):
    factories.user_with_role(area, "coordinator", email="kari@example.no")
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "kari@example.no", "password": "feil"})
    locked = client.post(
        url, {"username": "kari@example.no", "password": "passord-123"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(coordinator_client):
    assert coordinator_client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in coordinator_client.session


def test_password_reset_sends_a_working_link(client, area):
    user = factories.user_with_role(area, "coordinator", email="kari@example.no")
    client.post(reverse("accounts:password_reset"), {"email": "kari@example.no"})
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body
    )
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url,
        {
            "new_password1": "Nytt-langt-passord-9",
            "new_password2": "Nytt-langt-passord-9",
        },
    )
    user.refresh_from_db()
    assert user.check_password("Nytt-langt-passord-9")


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "ingen@example.no"}
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_saves_and_rejects_invalid_input(coordinator_client, coordinator):
    url = reverse("accounts:profile")
    bad = coordinator_client.post(
        url, {"full_name": "", "language": "nb", "reminder_mode": "digest"}
    )
    assert bad.status_code == 200
    assert "full_name" in bad.context["form"].errors
    coordinator_client.post(
        url,
        {
            "full_name": "Kari Nordmann",
            "phone": "99",
            "language": "en",
            "reminder_mode": "single",
        },
    )
    coordinator.refresh_from_db()
    assert (coordinator.full_name, coordinator.reminder_mode) == (
        "Kari Nordmann",
        "single",
    )


def test_start_page_lists_every_area_of_the_user(client):
    alna, grorud = (
        factories.AreaFactory(name="Alna"),
        factories.AreaFactory(name="Grorud"),
    )
    user = factories.user_with_role(alna, "police_contact")
    factories.MembershipFactory(user=user, area=grorud, role="police_contact")
    client.force_login(user)
    response = client.get(reverse("start"))
    assert [a.name for a, _roles in response.context["areas"]] == ["Alna", "Grorud"]


def test_start_page_with_one_area_goes_to_it(coordinator_client, area):
    response = coordinator_client.get(reverse("start"))
    assert response["Location"] == reverse("municipalities:area_home", args=[area.slug])


def test_user_with_two_areas_can_switch(client):
    alna, grorud = (
        factories.AreaFactory(slug="alna"),
        factories.AreaFactory(slug="grorud"),
    )
    user = factories.user_with_role(alna, "police_contact")
    factories.MembershipFactory(user=user, area=grorud, role="police_contact")
    client.force_login(user)
    response = client.get(reverse("switch_area"), {"area": "grorud"})
    assert response["Location"] == "/o/grorud/"
    page = client.get("/o/grorud/")
    assert page.status_code == 200
    assert b'id="area-switcher-select"' in page.content


def test_switching_to_an_area_without_access_is_404(coordinator_client, other_area):
    response = coordinator_client.get(reverse("switch_area"), {"area": other_area.slug})
    assert response.status_code == 404


def test_coordinator_creates_a_key_shown_once_and_revokes_it(coordinator_client, area):
    url = reverse("municipalities:api_key_list", args=[area.slug])
    response = coordinator_client.post(url, {"name": "Arkiv", "role": "system_client"})
    raw = response.context["new_key"]
    assert raw
    assert raw.encode() in response.content
    assert raw.encode() not in coordinator_client.get(url).content
    key = ApiKey.objects.get(name="Arkiv")
    coordinator_client.post(
        reverse("municipalities:api_key_revoke", args=[area.slug, key.pk])
    )
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_api_key_form_rejects_past_expiry(coordinator_client, area):
    url = reverse("municipalities:api_key_list", args=[area.slug])
    response = coordinator_client.post(
        url, {"name": "Arkiv", "role": "viewer", "expires_on": "2000-01-01"}
    )
    assert (
        "expires_at" in response.context["form"].errors
        or response.context["form"].errors
    )
    assert not ApiKey.objects.exists()


def test_revoking_another_areas_key_is_404(coordinator_client, area, other_area):
    other = factories.user_with_role(other_area, "coordinator")
    from municipalities import services

    key, _raw = services.api_key_create(
        area=other_area, name="X", role="viewer", created_by=other
    )
    response = coordinator_client.post(
        reverse("municipalities:api_key_revoke", args=[area.slug, key.pk])
    )
    assert response.status_code == 404


def test_coordinator_invites_a_person_who_gets_a_set_password_link(
    coordinator_client, area, django_capture_on_commit_callbacks
):
    url = reverse("municipalities:person_invite", args=[area.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url,
            {"email": "Ny@Example.no", "full_name": "Ny Person", "role": "operative"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.no")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, area=area, role="operative").exists()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_invite_form_errors_keep_the_input(coordinator_client, area):
    url = reverse("municipalities:person_invite", args=[area.slug])
    response = coordinator_client.post(
        url, {"email": "ikke-epost", "full_name": "Ny", "role": "operative"}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert b'value="Ny"' in response.content
    assert b"ds-error-summary" in response.content


def test_operative_cannot_invite(client, area):
    client.force_login(factories.user_with_role(area, "operative"))
    assert (
        client.get(
            reverse("municipalities:person_invite", args=[area.slug])
        ).status_code
        == 403
    )


def test_organisation_page_hides_people_from_viewers(client, area):
    client.force_login(factories.user_with_role(area, "viewer"))
    response = client.get(reverse("municipalities:organisation", args=[area.slug]))
    assert response.status_code == 200
    assert response.context["memberships"] is None


def test_coordinator_ends_a_role(coordinator_client, area):
    other = factories.user_with_role(area, "operative")
    membership = Membership.objects.get(user=other)
    coordinator_client.post(
        reverse("municipalities:membership_end", args=[area.slug, membership.pk])
    )
    membership.refresh_from_db()
    assert membership.end_date is not None


def test_organisation_page_query_count_is_flat(
    coordinator_client, area, django_assert_max_num_queries
):
    for _ in range(25):
        factories.user_with_role(area, "operative")
    factories.AgencyFactory.create_batch(20, area=area)
    with django_assert_max_num_queries(12):
        coordinator_client.get(reverse("municipalities:organisation", args=[area.slug]))


def test_admin_site_lists_rows_of_every_area_for_staff(client, area):
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    factories.AgencyFactory(area=area)
    client.force_login(staff)
    assert client.get("/admin/municipalities/agency/").status_code == 200
