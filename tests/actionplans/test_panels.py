"""Start-page panels from the action plans app: plan progress, plans awaiting
approval, measures to update with the quick form, and the districts side by side."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import Measure, ProgressUpdate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """The pages in English, so the assertions read as the source strings."""
    client.cookies["slt_language"] = "en"


def home(client, area):
    return client.get(reverse("municipalities:area_home", args=[area.slug]))


def test_a_steering_member_sees_plans_awaiting_approval_and_progress(client, world):
    factories.ActionPlanFactory(area=world.area, submitted=True, title="Plan til SG")
    factories.MeasureFactory(
        focus_area=factories.FocusAreaFactory(plan=world.approved_plan),
        status=Measure.Status.COMPLETED,
    )
    other = factories.AreaFactory()
    factories.ActionPlanFactory(area=other, submitted=True, title="Fremmed plan")
    client.force_login(world.users["steering_member"])

    page = home(client, world.area).content.decode()

    assert "Awaiting your approval: Plan til SG" in page
    assert "1 of 2 measures done" in page
    assert 'value="50"' in page  # the progress bar
    assert "Fremmed plan" not in page


def test_a_viewer_is_not_asked_to_approve(client, world):
    factories.ActionPlanFactory(area=world.area, submitted=True, title="Plan til SG")
    client.force_login(world.users["viewer"])

    page = home(client, world.area).content.decode()

    assert "Awaiting your approval" not in page


def test_the_politikontakt_gets_a_quick_update_form_for_the_agencys_measures(
    client, world
):
    client.force_login(world.users["police_contact"])

    page = home(client, world.area).content.decode()

    assert "Measures to update" in page
    assert "Fleksiteam" in page  # the police contribute to it
    url = reverse(
        "actionplans:progress_create", args=[world.area.slug, world.active_measure.pk]
    )
    assert f'action="{url}"' in page
    assert "Utsett!" not in page  # a draft plan's measure, not the police's


def test_the_quick_update_saves_and_returns_to_the_start_page(client, world):
    client.force_login(world.users["police_contact"])
    back = reverse("municipalities:area_home", args=[world.area.slug])
    url = reverse(
        "actionplans:progress_create", args=[world.area.slug, world.active_measure.pk]
    )

    response = client.post(
        url, {"text": "Tre nye i fleksiteamet.", "rating": "on_track", "next": back}
    )

    assert response.status_code == 302
    assert response.url == back
    update = ProgressUpdate.objects.with_scope(area=[world.area.pk]).get(
        measure=world.active_measure
    )
    assert update.text == "Tre nye i fleksiteamet."
    assert update.rating == "on_track"


def test_the_quick_update_never_returns_to_another_site(client, world):
    client.force_login(world.users["police_contact"])
    url = reverse(
        "actionplans:progress_create", args=[world.area.slug, world.active_measure.pk]
    )

    response = client.post(url, {"text": "Ok.", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert "evil" not in response.url


def test_an_empty_quick_update_shows_the_error_and_keeps_the_rating(client, world):
    client.force_login(world.users["police_contact"])
    url = reverse(
        "actionplans:progress_create", args=[world.area.slug, world.active_measure.pk]
    )

    response = client.post(url, {"text": "", "rating": "at_risk", "next": "/"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "ds-error-summary" in page
    assert re.search(r'<input[^>]*value="at_risk"[^>]*checked', page)
    assert 'name="next" value="/"' in page


def test_the_global_start_page_lists_measures_and_meetings_across_areas(client, world):
    user = world.users["police_contact"]
    second = factories.AreaFactory(name="Nabobydel")
    factories.MembershipFactory(user=user, area=second, role="police_contact")
    plan = factories.ActionPlanFactory(area=second, approved=True)
    factories.MeasureFactory(
        focus_area=factories.FocusAreaFactory(plan=plan),
        active=True,
        owner=user,
        title="Nabotiltak",
    )
    group = factories.GroupFactory(area=second, name="Nabo-KG")
    factories.GroupMemberFactory(group=group, user=user)
    factories.MeetingFactory(group=group, title="Nabomøte")
    stranger = factories.AreaFactory(name="Fremmed")
    factories.MeasureFactory(
        focus_area=factories.FocusAreaFactory(
            plan=factories.ActionPlanFactory(area=stranger, approved=True)
        ),
        active=True,
        title="Fremmed tiltak",
    )
    client.force_login(user)

    page = client.get(reverse("start")).content.decode()

    for shown in ("Measures to update", "Fleksiteam", "Nabotiltak", "Nabomøte"):
        assert shown in page
    assert "Fremmed tiltak" not in page


def test_the_global_start_page_query_count_is_pinned(
    client, world, django_assert_max_num_queries
):
    user = world.users["police_contact"]
    for n in range(4):
        area = factories.AreaFactory()
        factories.MembershipFactory(user=user, area=area, role="police_contact")
        plan = factories.ActionPlanFactory(area=area, approved=True)
        for _ in range(3):
            measure = factories.MeasureFactory(
                focus_area=factories.FocusAreaFactory(plan=plan),
                active=True,
                owner=user,
            )
            factories.ProgressUpdateFactory(
                measure=measure, date=timezone.localdate() - dt.timedelta(days=n)
            )
        group = factories.GroupFactory(area=area)
        factories.GroupMemberFactory(group=group, user=user)
        factories.MeetingFactory(group=group)
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("start"))
    assert response.status_code == 200


def districts(n):
    city = factories.AreaFactory(name="Oslo", slug="oslo-test")
    rows = []
    for i in range(n):
        bydel = factories.AreaFactory(bydel=True, parent=city, name=f"Bydel {i:02d}")
        kg = factories.GroupFactory(area=bydel)
        factories.MeetingFactory(group=kg, held=True)
        plan = factories.ActionPlanFactory(area=bydel, approved=True)
        focus = factories.FocusAreaFactory(plan=plan)
        factories.MeasureFactory(focus_area=focus, active=True)
        factories.MeasureFactory(focus_area=focus, status=Measure.Status.COMPLETED)
        rows.append(bydel)
    return city, rows


def test_the_secretariat_sees_every_district_side_by_side(client):
    city, bydeler = districts(3)
    user = factories.user_with_role(city, "secretariat")
    factories.GroupFactory(area=factories.AreaFactory(name="Ikke Oslo"))
    client.force_login(user)

    page = home(client, city).content.decode()

    assert "The districts side by side" in page
    for bydel in bydeler:
        assert bydel.name in page
    assert page.count("1 of 2 done") == 3
    assert "Ikke Oslo" not in page


def test_a_coordinator_of_the_city_does_not_get_the_secretariat_table(client):
    city, _ = districts(2)
    client.force_login(factories.user_with_role(city, "coordinator"))

    page = home(client, city).content.decode()

    assert "The districts side by side" not in page


def test_the_secretariat_start_page_does_not_grow_with_districts(
    client, django_assert_max_num_queries
):
    city, _ = districts(8)
    client.force_login(factories.user_with_role(city, "secretariat"))
    with django_assert_max_num_queries(30):
        response = home(client, city)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "limit"), [("steering_member", 20), ("police_contact", 23)]
)
def test_the_area_start_page_query_count_is_pinned_per_role(
    client, world, django_assert_max_num_queries, role, limit
):
    for _ in range(6):
        factories.ActionPlanFactory(area=world.area, submitted=True)
        measure = factories.MeasureFactory(
            focus_area=factories.FocusAreaFactory(plan=world.approved_plan),
            active=True,
            owner=world.users[role],
        )
        factories.ProgressUpdateFactory(measure=measure)
    client.force_login(world.users[role])
    with django_assert_max_num_queries(limit):
        response = home(client, world.area)
    assert response.status_code == 200
