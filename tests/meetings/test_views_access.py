"""Every meeting page: the allowed user gets it, a wrong role gets 403, another area
gets 404; members who do not run the group get 403 on management pages, and
people outside the group get 404 on its content."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(structure):
    planned = factories.MeetingFactory(group=structure.kg)
    factories.AgendaItemFactory(meeting=planned, submitted_by=structure.member)
    held = factories.MeetingFactory(group=structure.kg, held=True)
    item = factories.AgendaItemFactory(meeting=held, submitted_by=structure.member)
    decision = factories.DecisionFactory(meeting=held, agenda_item=item)
    guest = factories.AttendanceFactory(
        meeting=held, group_member=None, guest_name="Gjest", agency=None
    )
    sent = factories.MeetingFactory(
        group=structure.kg,
        held=True,
        status=Meeting.Status.MINUTES_SENT,
        minutes="Referat",
        minutes_approved_at=timezone.now(),
    )
    queued = factories.AgendaItemFactory(
        meeting=None,
        group=structure.kg,
        area=structure.area,
        status=AgendaItem.Status.SUBMITTED,
        submitted_by=structure.member,
    )
    follow_up = factories.FollowUpFactory(meeting=held, owner=structure.member)
    matter = factories.MatterFactory(from_group=structure.team, to_group=structure.kg)
    matter.events.create(area=structure.area, to_status="raised")
    return {
        "planned": planned,
        "held": held,
        "sent": sent,
        "item": queued,
        "decision": decision,
        "guest": guest,
        "follow_up": follow_up,
        "matter": matter,
    }


# (url name, kwargs from objects, method, status for the allowed coordinator)
VIEWS = [
    ("meeting_list", {}, "get", 200),
    ("dashboard", {}, "get", 200),
    ("meeting_new", {}, "get", 200),
    ("series_new", {}, "get", 200),
    ("meeting_detail", {"pk": "planned"}, "get", 200),
    ("meeting_edit", {"pk": "planned"}, "get", 200),
    ("meeting_invite", {"pk": "planned"}, "post", 302),
    ("meeting_held", {"pk": "held"}, "post", 302),
    ("meeting_cancel", {"pk": "planned"}, "get", 200),
    ("meeting_ics", {"pk": "planned"}, "get", 200),
    ("meeting_item_new", {"pk": "planned"}, "get", 200),
    ("attendance_edit", {"pk": "held"}, "get", 200),
    ("guest_add", {"pk": "held"}, "post", 302),
    ("guest_remove", {"pk": "held", "guest_pk": "guest"}, "post", 302),
    ("minutes_edit", {"pk": "held"}, "get", 200),
    ("minutes_approve", {"pk": "held"}, "post", 302),
    ("correction_add", {"pk": "sent"}, "get", 200),
    ("decision_new", {"pk": "held"}, "get", 200),
    ("decision_delete", {"pk": "held", "decision_pk": "decision"}, "post", 302),
    ("follow_up_new", {"pk": "held"}, "get", 200),
    ("item_queue", {}, "get", 200),
    ("item_new", {}, "get", 200),
    ("item_screen", {"pk": "item"}, "get", 200),
    ("item_remove", {"pk": "item"}, "post", 302),
    ("item_move", {"pk": "item"}, "post", 302),
    ("follow_up_list", {}, "get", 200),
    ("follow_up_detail", {"pk": "follow_up"}, "get", 200),
    ("matter_list", {}, "get", 200),
    ("matter_new", {}, "get", 200),
    ("matter_detail", {"pk": "matter"}, "get", 200),
    ("matter_receive", {"pk": "matter"}, "post", 302),
    ("matter_answer", {"pk": "matter"}, "get", 200),
    ("matter_lift", {"pk": "matter"}, "get", 200),
    ("matter_return", {"pk": "matter"}, "post", 302),
    ("matter_close", {"pk": "matter"}, "post", 302),
]
IDS = [name for name, *_ in VIEWS]


def url_for(area, name, kwargs, objects):
    resolved = {key: objects[value].pk for key, value in kwargs.items()}
    return reverse(f"meetings:{name}", kwargs={"area_slug": area.slug, **resolved})


def call(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "kwargs", "method", "ok"), VIEWS, ids=IDS)
def test_the_coordinator_may_use_the_page(
    client, structure, objects, name, kwargs, method, ok
):
    structure.login(client)
    response = call(client, method, url_for(structure.area, name, kwargs, objects))
    assert response.status_code == ok


@pytest.mark.parametrize(("name", "kwargs", "method", "ok"), VIEWS, ids=IDS)
def test_a_viewer_gets_403(client, structure, objects, name, kwargs, method, ok):
    client.force_login(factories.user_with_role(structure.area, "viewer"))
    response = call(client, method, url_for(structure.area, name, kwargs, objects))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "method", "ok"), VIEWS, ids=IDS)
def test_another_areas_coordinator_gets_404(
    client, structure, objects, name, kwargs, method, ok
):
    client.force_login(factories.user_with_role(factories.AreaFactory(), "coordinator"))
    response = call(client, method, url_for(structure.area, name, kwargs, objects))
    assert response.status_code == 404


MANAGE_ONLY = [
    ("meeting_edit", {"pk": "planned"}, "get"),
    ("meeting_invite", {"pk": "planned"}, "post"),
    ("meeting_held", {"pk": "held"}, "post"),
    ("meeting_cancel", {"pk": "planned"}, "get"),
    ("attendance_edit", {"pk": "held"}, "get"),
    ("guest_add", {"pk": "held"}, "post"),
    ("minutes_edit", {"pk": "held"}, "get"),
    ("minutes_approve", {"pk": "held"}, "post"),
    ("correction_add", {"pk": "sent"}, "get"),
    ("decision_new", {"pk": "held"}, "get"),
    ("decision_delete", {"pk": "held", "decision_pk": "decision"}, "post"),
    ("follow_up_new", {"pk": "held"}, "get"),
    ("item_screen", {"pk": "item"}, "get"),
    ("item_remove", {"pk": "item"}, "post"),
    ("matter_receive", {"pk": "matter"}, "post"),
    ("matter_answer", {"pk": "matter"}, "get"),
    ("matter_return", {"pk": "matter"}, "post"),
    ("matter_close", {"pk": "matter"}, "post"),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "method"), MANAGE_ONLY, ids=[n for n, *_ in MANAGE_ONLY]
)
def test_a_member_who_does_not_run_the_group_gets_403(
    client, structure, objects, name, kwargs, method
):
    structure.login(client, structure.member)
    response = call(client, method, url_for(structure.area, name, kwargs, objects))
    assert response.status_code == 403


CONTENT = [
    ("meeting_detail", {"pk": "held"}),
    ("meeting_ics", {"pk": "held"}),
    ("meeting_item_new", {"pk": "planned"}),
    ("follow_up_detail", {"pk": "follow_up"}),
    ("matter_detail", {"pk": "matter"}),
    ("item_screen", {"pk": "item"}),
]


@pytest.mark.parametrize(("name", "kwargs"), CONTENT, ids=[n for n, _ in CONTENT])
def test_someone_outside_the_group_gets_404_for_its_content(
    client, structure, objects, name, kwargs
):
    structure.login(client, structure.outsider)
    assert client.get(url_for(structure.area, name, kwargs, objects)).status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"), CONTENT[:5], ids=[n for n, _ in CONTENT[:5]]
)
def test_a_member_sees_the_content_of_the_group(
    client, structure, objects, name, kwargs
):
    structure.login(client, structure.member)
    assert client.get(url_for(structure.area, name, kwargs, objects)).status_code == 200


def test_the_dashboard_is_for_the_coordinator_only(client, structure):
    structure.login(client, structure.member)
    url = reverse("meetings:dashboard", args=[structure.area.slug])
    assert client.get(url).status_code == 403


def test_lists_show_nothing_of_groups_the_user_is_not_in(client, structure, objects):
    sg_meeting = factories.MeetingFactory(
        group=structure.sg, starts_at=timezone.now() + dt.timedelta(days=3)
    )
    structure.login(client, structure.outsider)
    response = client.get(reverse("meetings:meeting_list", args=[structure.area.slug]))
    assert response.status_code == 200
    assert sg_meeting.title not in response.content.decode()
    assert list(response.context["page"]) == []


@pytest.mark.parametrize(
    "path",
    [
        "meeting",
        "agendaitem",
        "matter",
        "followup",
        "decision",
        "calendartoken",
    ],
)
def test_staff_can_open_the_meetings_admin_lists(client, objects, path):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/meetings/{path}/").status_code == 200
