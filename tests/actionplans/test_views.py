"""Every page: the allowed role gets it, a wrong role gets 403, another area 404;
list pages do not grow their queries with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# (url name, object attribute of World or None, allowed role, refused role or None)
PAGES = [
    ("plan_list", None, "viewer", None),
    ("plan_create", None, "coordinator", "viewer"),
    ("plan_detail", "plan", "coordinator", None),
    ("plan_detail", "approved_plan", "viewer", None),
    ("plan_update", "plan", "coordinator", "police_contact"),
    ("focus_area_create", "plan", "coordinator", "operative"),
    ("focus_area_update", "focus_area", "coordinator", "operative"),
    ("goal_create", "focus_area", "coordinator", "operative"),
    ("goal_update", "goal", "coordinator", "operative"),
    ("measure_list", None, "police_contact", None),
    ("measure_create", "focus_area", "coordinator", "operative"),
    ("measure_detail", "measure", "operative", None),
    ("measure_update", "measure", "coordinator", "coordination_member"),
    ("measure_start", "measure", "coordinator", "operative"),
    ("progress_create", "active_measure", "police_contact", "operative"),
    ("evaluation_record", "active_measure", "coordinator", "operative"),
    ("indicator_list", None, "viewer", None),
    ("indicator_detail", "indicator", "viewer", None),
    ("indicator_create", None, "coordinator", "police_contact"),
    ("indicator_update", "indicator", "coordinator", "police_contact"),
    ("indicator_value_create", "indicator", "coordinator", "police_contact"),
    ("indicator_value_update", "value", "coordinator", "police_contact"),
    ("indicator_import", "indicator", "coordinator", "police_contact"),
    ("picture_list", None, "viewer", None),
    ("picture_detail", "report", "steering_member", None),
    ("picture_create", None, "police_contact", "viewer"),
    ("picture_update", "draft_report", "police_contact", "viewer"),
    ("cycle", None, "coordinator", "viewer"),
    ("cycle_list", None, "police_contact", "viewer"),
    ("cycle_task", "task", "operative", "viewer"),
    ("cycle_template", None, "coordinator", "viewer"),
    ("cycle_item_create", None, "coordinator", "police_contact"),
    ("cycle_item_update", "item", "coordinator", "police_contact"),
    ("cycle_feed", None, "coordinator", "police_contact"),
]


def url(world, name, attr):
    kwargs = {"area_slug": world.area.slug}
    if attr:
        kwargs["pk"] = getattr(world, attr).pk
    return reverse(f"actionplans:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("name", "attr", "allowed", "refused"), PAGES)
def test_page_access_by_role(client, world, name, attr, allowed, refused):
    client.force_login(world.users[allowed])
    assert client.get(url(world, name, attr)).status_code == 200
    if refused:
        client.force_login(world.users[refused])
        assert client.get(url(world, name, attr)).status_code == 403


@pytest.mark.parametrize(("name", "attr", "allowed", "refused"), PAGES)
def test_page_is_404_for_a_coordinator_of_another_area(
    client, world, other_area, name, attr, allowed, refused
):
    client.force_login(factories.user_with_role(other_area, "coordinator"))
    assert client.get(url(world, name, attr)).status_code == 404


@pytest.mark.parametrize(
    ("name", "attr"),
    [
        ("plan_detail", "plan"),
        ("measure_detail", "measure"),
        ("indicator_detail", "indicator"),
        ("picture_detail", "report"),
        ("cycle_task", "task"),
        ("cycle_item_update", "item"),
        ("indicator_value_update", "value"),
        ("goal_update", "goal"),
    ],
)
def test_an_object_of_another_area_is_404_under_ones_own_area(
    client, world, other_area, name, attr
):
    client.force_login(factories.user_with_role(other_area, "coordinator"))
    response = client.get(
        reverse(
            f"actionplans:{name}",
            kwargs={"area_slug": other_area.slug, "pk": getattr(world, attr).pk},
        )
    )
    assert response.status_code == 404


def test_viewers_and_steering_members_do_not_see_drafts(client, world):
    for role in ("viewer", "steering_member"):
        client.force_login(world.users[role])
        assert client.get(url(world, "plan_detail", "plan")).status_code == 404
        listing = client.get(url(world, "plan_list", None)).content.decode()
        assert "Utkast til plan" not in listing
        assert "Vedtatt" in listing


def test_a_steering_member_sees_a_plan_submitted_to_the_steering_group(client, world):
    world.plan.status = "submitted"
    world.plan.save()
    client.force_login(world.users["steering_member"])
    assert client.get(url(world, "plan_detail", "plan")).status_code == 200


def test_only_the_author_and_the_coordinator_see_a_draft_report(client, world):
    client.force_login(world.users["viewer"])
    assert client.get(url(world, "picture_detail", "draft_report")).status_code == 404
    client.force_login(world.users["coordinator"])
    assert client.get(url(world, "picture_detail", "draft_report")).status_code == 200


def test_the_area_start_page_shows_plan_and_cycle_panels(client, world):
    client.force_login(world.users["police_contact"])
    page = client.get(reverse("municipalities:area_home", args=[world.area.slug]))
    text = page.content.decode()
    assert "Handlingsplan" in text
    assert "Årshjul" in text
    assert "Skriv årshjul" in text


def test_the_menu_links_to_plans_and_the_annual_cycle(client, world):
    client.force_login(world.users["coordinator"])
    text = client.get(url(world, "plan_list", None)).content.decode()
    assert url(world, "plan_list", None) in text
    assert url(world, "cycle", None) in text


def _grow(world, n):
    """Add n more of everything the list pages show."""
    for _ in range(n):
        plan = factories.ActionPlanFactory(area=world.area, approved=True)
        focus_area = factories.FocusAreaFactory(plan=plan)
        measure = factories.MeasureFactory(focus_area=focus_area, active=True)
        factories.ProgressUpdateFactory(measure=measure)
        factories.GoalFactory(focus_area=world.focus_area).indicators.add(
            world.indicator
        )
        factories.MeasureFactory(focus_area=world.focus_area)
        factories.IndicatorValueFactory(
            indicator=factories.IndicatorFactory(area=world.area)
        )
        factories.StatusReportFactory(area=world.area, submitted=True)
        factories.CycleTaskFactory(
            area=world.area,
            cycle_item=factories.CycleItemFactory(template=world.template),
            assignee=world.users["coordinator"],
        )


@pytest.mark.parametrize(
    ("name", "attr", "role", "max_queries"),
    [
        ("plan_list", None, "coordinator", 12),
        ("plan_detail", "plan", "coordinator", 22),
        ("measure_list", None, "coordinator", 12),
        ("indicator_list", None, "coordinator", 12),
        ("indicator_detail", "indicator", "coordinator", 12),
        ("picture_list", None, "coordinator", 11),
        ("cycle", None, "coordinator", 14),
        ("cycle_list", None, "coordinator", 12),
        ("cycle_template", None, "coordinator", 13),
    ],
)
def test_list_pages_do_not_grow_their_queries_with_rows(
    client, world, name, attr, role, max_queries
):
    client.force_login(world.users[role])
    target = url(world, name, attr) + ("?view=all" if name == "measure_list" else "")
    client.get(target)  # the signed-in user is read once, then cached
    counts = []
    for more in (2, 8):
        _grow(world, more)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= max_queries
