"""Per-area cache versions (slt_portal.areacache): cached pages and API lists are
served until their area changes, and never across users or areas."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Measure
from slt_portal import areacache
from tests import factories

pytestmark = pytest.mark.django_db


def _measures(api_client):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/measures/?status=active")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [m["title"] for m in response.json()["results"]], len(queries)


@pytest.fixture
def coordinator(area):
    return factories.user_with_role(area, "coordinator")


def test_a_saved_row_moves_its_area_version_on(area, other_area):
    before = areacache.versions([area.pk, other_area.pk])
    factories.AgencyFactory(area=area)
    after = areacache.versions([area.pk, other_area.pk])
    assert after != before
    assert after.split(".")[2] == before.split(".")[2]  # the other area's is kept


def test_an_api_list_is_served_from_the_cache_until_the_area_changes(
    api_client, area, coordinator
):
    factories.MeasureFactory(area=area, focus_area__plan__area=area, active=True)
    api_client.force_login(coordinator)
    first, cold = _measures(api_client)
    again, warm = _measures(api_client)
    assert again == first
    assert warm < cold
    factories.MeasureFactory(
        area=area, focus_area__plan__area=area, active=True, title="Nytt tiltak"
    )
    fresh, _queries = _measures(api_client)
    assert "Nytt tiltak" in fresh


def test_an_update_without_signals_in_a_write_request_moves_the_version_on(
    client, area, coordinator
):
    measure = factories.MeasureFactory(
        area=area, focus_area__plan__area=area, active=True
    )
    client.force_login(coordinator)
    before = areacache.versions([area.pk])
    Measure.objects.filter(pk=measure.pk).update(title="Endret")  # no signal
    assert areacache.versions([area.pk]) == before
    client.post(reverse("municipalities:area_home", args=[area.slug]))
    assert areacache.versions([area.pk]) != before


def test_cached_lists_are_kept_apart_per_user(api_client, area, coordinator):
    factories.MeasureFactory(area=area, focus_area__plan__area=area, active=True)
    api_client.force_login(coordinator)
    assert _measures(api_client)[0]
    stranger = factories.user_with_role(factories.AreaFactory(), "coordinator")
    api_client.force_login(stranger)
    assert _measures(api_client)[0] == []


def test_the_start_page_shows_a_follow_up_added_after_it_was_cached(
    client, area, coordinator
):
    group = factories.GroupFactory(area=area)
    member = factories.GroupMemberFactory(group=group, user=coordinator, area=area)
    meeting = factories.MeetingFactory(group=group, held=True)
    client.force_login(coordinator)
    url = reverse("municipalities:area_home", args=[area.slug])
    assert "Ring skolen" not in client.get(url).content.decode()
    factories.FollowUpFactory(
        meeting=meeting, owner=member.user, title="Ring skolen", status="open"
    )
    assert "Ring skolen" in client.get(url).content.decode()


def test_a_finished_celery_task_moves_the_global_version_on(area):
    from slt_portal.tasks import heartbeat

    before = areacache.versions([area.pk])
    heartbeat.apply()
    assert areacache.versions([area.pk]).split(".")[0] != before.split(".")[0]


def test_the_meeting_list_shows_a_meeting_planned_after_it_was_cached(
    client, area, coordinator, django_assert_max_num_queries
):
    group = factories.GroupFactory(area=area)
    client.force_login(coordinator)
    url = reverse("meetings:meeting_list", args=[area.slug])
    assert "Ekstra møte" not in client.get(url).content.decode()
    with django_assert_max_num_queries(6):  # served from the cache
        client.get(url)
    factories.MeetingFactory(group=group, title="Ekstra møte")
    assert "Ekstra møte" in client.get(url).content.decode()
