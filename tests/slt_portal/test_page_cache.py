"""Whole pages and the signed-in user from the cache (slt_portal.areacache): served
without a query while nothing they show has changed, and never stale after a write,
a role change, a password change or across users."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from municipalities import services
from slt_portal import areacache
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def coordinator(area):
    return factories.user_with_role(area, "coordinator", full_name="Kari Nordmann")


def home(area) -> str:
    return reverse("municipalities:area_home", args=[area.slug])


def test_a_cached_page_and_its_user_cost_no_query(
    client, area, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    first = client.get(home(area))
    with django_assert_num_queries(0):
        again = client.get(home(area))
    assert again.status_code == 200
    assert again.content.decode().count("Kari") == first.content.decode().count("Kari")


def test_the_meeting_list_is_served_from_the_cache_until_a_meeting_is_planned(
    client, area, coordinator, django_assert_num_queries
):
    group = factories.GroupFactory(area=area)
    client.force_login(coordinator)
    url = reverse("meetings:meeting_list", args=[area.slug])
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    factories.MeetingFactory(group=group, title="Ekstra møte")
    assert "Ekstra møte" in client.get(url).content.decode()


def test_every_cached_response_has_its_own_valid_csrf_token(area, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    pages = [client.get(home(area)).content.decode() for _ in range(2)]
    tokens = [TOKEN.findall(page) for page in pages]
    assert all(tokens)
    assert areacache.CSRF_PLACEHOLDER not in "".join(pages)
    assert tokens[0][0] != tokens[1][0]  # masked afresh, as Django does
    secret = client.cookies["csrftoken"].value
    assert {_unmask_cipher_token(t) for t in tokens[0] + tokens[1]} == {secret}
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": home(area), "csrfmiddlewaretoken": tokens[1][0]},
    )
    assert response.status_code == 302


def test_a_page_with_a_message_waiting_is_not_cached(client, area, coordinator):
    client.force_login(coordinator)
    client.get(home(area))
    profile = {"full_name": "Kari Berg", "language": "nb", "reminder_mode": "digest"}
    client.post(reverse("accounts:profile"), profile)  # "Your profile is saved."
    with_message = client.get(home(area)).content.decode()
    assert "Profilen din er lagret." in with_message
    assert "Kari" in with_message
    assert "Profilen din er lagret." not in client.get(home(area)).content.decode()


def test_cached_pages_are_kept_apart_per_user(client, area, coordinator):
    other = factories.user_with_role(area, "coordinator", full_name="Ola Hansen")
    client.force_login(coordinator)
    assert "Kari" in client.get(home(area)).content.decode()
    client.force_login(other)
    page = client.get(home(area)).content.decode()
    assert "Ola" in page
    assert "Kari" not in page


def test_an_ended_role_closes_the_area_at_once(client, area, coordinator):
    client.force_login(coordinator)
    assert client.get(home(area)).status_code == 200
    membership = coordinator.memberships.get()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.membership_end(membership=membership, end_date=yesterday)
    assert client.get(home(area)).status_code == 404


def test_a_new_role_opens_the_area_at_once(client, area, other_area, coordinator):
    client.force_login(coordinator)
    assert client.get(home(other_area)).status_code == 404
    factories.MembershipFactory(user=coordinator, area=other_area, role="viewer")
    assert client.get(home(other_area)).status_code == 200


def test_a_renamed_area_shows_its_new_name_at_once(client, area, coordinator):
    client.force_login(coordinator)
    client.get(home(area))
    area.name = "Bydel Nytt Navn"
    area.save()
    assert "Bydel Nytt Navn" in client.get(home(area)).content.decode()


def test_a_password_change_ends_other_sessions_at_once(client, area, coordinator):
    client.force_login(coordinator)
    assert client.get(home(area)).status_code == 200
    coordinator.set_password("et-helt-nytt-passord")
    coordinator.save()
    response = client.get(home(area))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_deactivated_user_is_signed_out_at_once(client, area, coordinator):
    client.force_login(coordinator)
    client.get(home(area))
    coordinator.is_active = False
    coordinator.save()
    assert client.get(home(area)).status_code == 302


def _request(user, area):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().get(home(area))
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    request.area, request.area_roles = area, frozenset({"coordinator"})
    return request


def test_only_plain_pages_without_new_messages_are_kept(area, coordinator):
    from django.contrib import messages
    from django.http import HttpResponse, HttpResponseRedirect

    calls = []

    @areacache.cached_page
    def plain(request):
        calls.append("plain")
        return HttpResponse("<p>side</p>")

    @areacache.cached_page
    def moved(request):
        calls.append("moved")
        return HttpResponseRedirect("/elsewhere/")

    @areacache.cached_page
    def with_message(request):
        calls.append("message")
        messages.info(request, "Lagret.")
        return HttpResponse("<p>side</p>")

    for view in (plain, moved, with_message):
        for _ in range(2):
            view(_request(coordinator, area))
    assert calls == ["plain", "moved", "moved", "message", "message"]
