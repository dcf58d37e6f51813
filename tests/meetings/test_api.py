"""The meetings API: same scoping and role rules as the pages, filters, writes through
the services, and flat query counts."""

import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from municipalities import services as area_services
from tests import factories
from tests.meetings.helpers import future

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "meetings",
    "agenda-items",
    "attendance",
    "decisions",
    "follow-ups",
    "matters",
]


@pytest.fixture
def rows(structure):
    held = factories.MeetingFactory(group=structure.kg, held=True)
    item = factories.AgendaItemFactory(meeting=held, submitted_by=structure.member)
    member = structure.kg.members.get(user=structure.member)
    return {
        "meetings": held,
        "agenda-items": item,
        "attendance": factories.AttendanceFactory(meeting=held, group_member=member),
        "decisions": factories.DecisionFactory(meeting=held, agenda_item=item),
        "follow-ups": factories.FollowUpFactory(meeting=held, owner=structure.member),
        "matters": factories.MatterFactory(
            from_group=structure.team, to_group=structure.kg
        ),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_member_lists_and_reads_rows_of_their_groups(
    api_client, structure, rows, endpoint
):
    api_client.force_login(structure.member)
    listed = api_client.get(f"/api/v1/{endpoint}/")
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["results"]] == [rows[endpoint].pk]
    detail = api_client.get(f"/api/v1/{endpoint}/{rows[endpoint].pk}/")
    assert detail.status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_viewer_or_system_client_gets_403(api_client, structure, rows, endpoint):
    api_client.force_login(factories.user_with_role(structure.area, "viewer"))
    assert api_client.get(f"/api/v1/{endpoint}/").status_code == 403
    creator = structure.coordinator
    _key, raw = area_services.api_key_create(
        area=structure.area, name="Statistikk", role="system_client", created_by=creator
    )
    api_client.logout()
    api_client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert api_client.get(f"/api/v1/{endpoint}/").status_code == 403


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_another_area_gets_404_and_an_empty_list(api_client, structure, rows, endpoint):
    api_client.force_login(
        factories.user_with_role(factories.AreaFactory(), "coordinator")
    )
    assert api_client.get(f"/api/v1/{endpoint}/{rows[endpoint].pk}/").status_code == 404
    assert api_client.get(f"/api/v1/{endpoint}/").json()["results"] == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_someone_outside_the_group_gets_404(api_client, structure, rows, endpoint):
    api_client.force_login(structure.outsider)
    assert api_client.get(f"/api/v1/{endpoint}/{rows[endpoint].pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_queries_do_not_grow_with_rows(
    api_client, structure, endpoint, django_assert_max_num_queries
):
    for _ in range(15):
        held = factories.MeetingFactory(group=structure.kg, held=True)
        item = factories.AgendaItemFactory(meeting=held, submitted_by=structure.member)
        factories.AttendanceFactory(
            meeting=held, group_member=structure.kg.members.first()
        )
        factories.DecisionFactory(meeting=held, agenda_item=item)
        factories.FollowUpFactory(meeting=held)
        matter = factories.MatterFactory(
            from_group=structure.team, to_group=structure.kg
        )
        matter.events.create(area=structure.area, to_status="raised")
    api_client.force_login(structure.coordinator)
    with django_assert_max_num_queries(12):
        response = api_client.get(f"/api/v1/{endpoint}/")
    assert response.json()["count"] >= 15


def test_meetings_filter_by_group_status_and_date_range(api_client, structure):
    early = factories.MeetingFactory(group=structure.kg, starts_at=future(3))
    late = factories.MeetingFactory(group=structure.team, starts_at=future(40))
    api_client.force_login(structure.coordinator)

    def ids(query):
        return {
            r["id"]
            for r in api_client.get(f"/api/v1/meetings/?{query}").json()["results"]
        }

    assert ids(f"group={structure.kg.pk}") == {early.pk}
    assert ids(f"starts_after={future(20).date()}") == {late.pk}
    assert ids(f"starts_before={future(20).date()}&status=planned") == {early.pk}
    assert ids(f"area={structure.area.slug}") == {early.pk, late.pk}


def test_follow_ups_filter_overdue(api_client, structure):
    held = factories.MeetingFactory(group=structure.kg, held=True)
    late = factories.FollowUpFactory(
        meeting=held, due_date=timezone.localdate() - dt.timedelta(days=2)
    )
    factories.FollowUpFactory(meeting=held)
    api_client.force_login(structure.coordinator)
    body = api_client.get("/api/v1/follow-ups/?overdue=true").json()
    assert [r["id"] for r in body["results"]] == [late.pk]
    assert body["results"][0]["is_overdue"] is True


def test_the_coordinator_runs_a_meeting_through_the_api(api_client, structure):
    api_client.force_login(structure.coordinator)
    created = api_client.post(
        "/api/v1/meetings/",
        {
            "group": structure.kg.pk,
            "title": "KG",
            "starts_at": future(5).isoformat(),
            "purpose": "Samordning.",
        },
    )
    assert created.status_code == 201
    meeting_id = created.json()["id"]
    item = api_client.post(
        "/api/v1/agenda-items/",
        {"group": structure.kg.pk, "meeting": meeting_id, "title": "Rus"},
    )
    assert item.status_code == 201
    assert item.json()["item"]["status"] == AgendaItem.Status.ACCEPTED
    invited = api_client.post(f"/api/v1/meetings/{meeting_id}/invite/")
    assert invited.json()["status"] == "invited"


def test_bad_input_gives_a_field_error_and_changes_nothing(api_client, structure):
    api_client.force_login(structure.coordinator)
    start = future(5)
    response = api_client.post(
        "/api/v1/meetings/",
        {
            "group": structure.kg.pk,
            "title": "KG",
            "starts_at": start.isoformat(),
            "ends_at": (start - dt.timedelta(hours=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "ends_at" in response.json()["errors"]
    assert not Meeting.objects.exists()
    held = factories.MeetingFactory(group=structure.kg, held=True)
    no_owner = api_client.post(
        "/api/v1/follow-ups/",
        {"meeting": held.pk, "title": "Oppgave", "due_date": str(timezone.localdate())},
    )
    assert no_owner.status_code == 400
    assert "owner" in no_owner.json()["errors"]


def test_locked_minutes_cannot_be_changed_through_the_api(api_client, structure):
    meeting = factories.MeetingFactory(
        group=structure.kg,
        held=True,
        status=Meeting.Status.MINUTES_SENT,
        minutes="Godkjent.",
        minutes_approved_at=timezone.now(),
    )
    api_client.force_login(structure.coordinator)
    response = api_client.post(
        f"/api/v1/meetings/{meeting.pk}/minutes/", {"minutes": "Endret"}
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.minutes == "Godkjent."


def test_a_member_cannot_run_the_groups_meetings(api_client, structure):
    meeting = factories.MeetingFactory(group=structure.kg)
    api_client.force_login(structure.member)
    assert api_client.post(f"/api/v1/meetings/{meeting.pk}/invite/").status_code == 403
    created = api_client.post(
        "/api/v1/meetings/",
        {"group": structure.kg.pk, "title": "KG", "starts_at": future(5).isoformat()},
    )
    assert created.status_code == 403


def test_a_member_submits_an_item_that_waits_for_screening(api_client, structure):
    api_client.force_login(structure.member)
    response = api_client.post(
        "/api/v1/agenda-items/",
        {"group": structure.kg.pk, "title": "Fravær", "description": "Ola skulker."},
    )
    assert response.status_code == 201
    assert response.json()["item"]["status"] == "submitted"
    assert response.json()["warnings"]
    api_client.force_login(structure.coordinator)
    meeting = factories.MeetingFactory(group=structure.kg)
    screened = api_client.post(
        f"/api/v1/agenda-items/{response.json()['item']['id']}/screen/",
        {"decision": "accepted", "meeting": meeting.pk},
    )
    assert screened.json()["meeting"] == meeting.pk


def test_a_matter_goes_up_and_is_answered_through_the_api(api_client, structure):
    api_client.force_login(structure.member)
    raised = api_client.post(
        "/api/v1/matters/",
        {
            "from_group": structure.team.pk,
            "to_group": structure.kg.pk,
            "title": "Uro",
            "description": "Uro i sentrum om kveldene.",
        },
    )
    assert raised.status_code == 201
    matter_id = raised.json()["matter"]["id"]
    assert api_client.post(f"/api/v1/matters/{matter_id}/receive/").status_code == 403
    api_client.force_login(structure.coordinator)
    api_client.post(f"/api/v1/matters/{matter_id}/receive/")
    answered = api_client.post(
        f"/api/v1/matters/{matter_id}/answer/", {"response": "Vi tar det."}
    )
    body = answered.json()
    assert body["status"] == "answered"
    assert [e["to_status"] for e in body["events"]] == [
        "raised",
        "received",
        "answered",
    ]
    closed = api_client.post(f"/api/v1/matters/{matter_id}/close/")
    assert closed.json()["status"] == "closed"


def test_a_matter_cannot_be_lifted_to_a_group_outside_the_chain(api_client, structure):
    api_client.force_login(structure.coordinator)
    response = api_client.post(
        "/api/v1/matters/",
        {
            "from_group": structure.kg.pk,
            "to_group": factories.GroupFactory(steering=True).pk,
            "title": "Uro",
            "description": "Uro.",
            "system_level_confirmed": True,
        },
    )
    assert response.status_code == 400
    assert "to_group" in response.json()["errors"]


def test_the_owner_updates_the_status_of_a_follow_up(api_client, structure):
    follow_up = factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.kg, held=True),
        owner=structure.member,
    )
    api_client.force_login(structure.member)
    response = api_client.post(
        f"/api/v1/follow-ups/{follow_up.pk}/status/", {"status": "done", "note": "Ok"}
    )
    assert response.json()["status"] == "done"
    other = factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.kg, held=True)
    )
    refused = api_client.post(
        f"/api/v1/follow-ups/{other.pk}/status/", {"status": "done"}
    )
    assert refused.status_code == 403


def test_a_series_is_planned_through_the_api(api_client, structure):
    api_client.force_login(structure.coordinator)
    start = future(5)
    response = api_client.post(
        "/api/v1/meetings/series/",
        {
            "group": structure.team.pk,
            "title": "Ungdomsteam",
            "first_starts_at": start.isoformat(),
            "frequency": "every_4_weeks",
            "until": str((start + dt.timedelta(days=120)).date()),
        },
    )
    assert response.status_code == 201
    assert len(response.json()) >= 4
