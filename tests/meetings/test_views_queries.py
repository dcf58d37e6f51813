"""List pages do not run more queries as rows grow."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = [
    ("meetings:meeting_list", {}),
    ("meetings:meeting_list", {"when": "earlier"}),
    ("meetings:dashboard", {}),
    ("meetings:item_queue", {}),
    ("meetings:follow_up_list", {"show": "all"}),
    ("meetings:matter_list", {"status": "all"}),
    ("municipalities:group_list", {}),
    ("municipalities:area_home", {}),
]


def add_rows(structure, n):
    soon = timezone.now() + dt.timedelta(days=3)
    for i in range(n):
        for group in (structure.kg, structure.team):
            upcoming = factories.MeetingFactory(
                group=group, starts_at=soon + dt.timedelta(days=i)
            )
            factories.AgendaItemFactory(meeting=upcoming, submitted_by=structure.member)
            held = factories.MeetingFactory(group=group, held=True)
            factories.AttendanceFactory(
                meeting=held, group_member=group.members.first()
            )
            factories.FollowUpFactory(meeting=held, owner=structure.member)
        factories.AgendaItemFactory(
            meeting=None,
            group=structure.kg,
            area=structure.area,
            status=AgendaItem.Status.SUBMITTED,
            submitted_by=structure.member,
        )
        factories.MatterFactory(from_group=structure.team, to_group=structure.kg)
        factories.GroupFactory(area=structure.area, operational=True)


def count(client, name, params, area):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=[area.slug]), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "params"), PAGES, ids=[f"{n}{p}" for n, p in PAGES])
def test_list_page_queries_do_not_grow_with_rows(client, structure, name, params):
    structure.login(client)
    count(
        client, name, params, structure.area
    )  # the signed-in user is read once, then cached
    add_rows(structure, 2)
    few = count(client, name, params, structure.area)
    add_rows(structure, 12)
    many = count(client, name, params, structure.area)
    assert many == few
    # The area start page gathers panels from every app.
    assert many <= (44 if name == "municipalities:area_home" else 30)


def test_the_meeting_page_does_not_grow_with_its_agenda(client, structure):
    meeting = factories.MeetingFactory(group=structure.kg, held=True)
    structure.login(client)
    url = reverse("meetings:meeting_detail", args=[structure.area.slug, meeting.pk])
    client.get(url)  # the signed-in user is read once, then cached

    def add(n):
        for _ in range(n):
            item = factories.AgendaItemFactory(
                meeting=meeting, submitted_by=structure.member
            )
            decision = factories.DecisionFactory(meeting=meeting, agenda_item=item)
            factories.FollowUpFactory(meeting=meeting, decision=decision)
            factories.AttendanceFactory(
                meeting=meeting, group_member=None, agency=None, guest_name="G"
            )

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(10)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
