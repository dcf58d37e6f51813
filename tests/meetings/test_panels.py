"""Start-page panels from the meetings app, per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Matter
from tests import factories
from tests.meetings.helpers import future

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """The pages in English, so the assertions read as the source strings."""
    client.cookies["slt_language"] = "en"


def home(client, area):
    return client.get(reverse("municipalities:area_home", args=[area.slug]))


def other_area_rows():
    """A second area with one of everything, which must never show."""
    area = factories.AreaFactory(name="Annen kommune")
    kg = factories.GroupFactory(area=area, name="Fremmed KG")
    team = factories.GroupFactory(area=area, operational=True, name="Fremmed team")
    factories.MeetingFactory(group=kg, title="Fremmed møte", starts_at=future(2))
    factories.AgendaItemFactory(
        meeting=None,
        group=kg,
        area=area,
        title="Fremmed sak til screening",
        status=AgendaItem.Status.SUBMITTED,
    )
    factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=kg, held=True),
        title="Fremmed oppfølging",
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )
    factories.MatterFactory(from_group=team, to_group=kg, title="Fremmed sak")
    return area


def test_the_coordinator_sees_the_work_for_today(client, structure):
    other_area_rows()
    factories.MeetingFactory(
        group=structure.kg, title="KG-møte snart", starts_at=future(2)
    )
    factories.MeetingFactory(
        group=structure.kg, title="KG-møte om en måned", starts_at=future(30)
    )
    factories.AgendaItemFactory(
        meeting=None,
        group=structure.kg,
        area=structure.area,
        title="Skolefravær på 9. trinn",
        status=AgendaItem.Status.SUBMITTED,
        submitted_by=structure.member,
    )
    factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.kg, held=True),
        title="Sende tertialrapport",
        due_date=timezone.localdate() - dt.timedelta(days=2),
    )
    factories.MatterFactory(
        from_group=structure.team,
        to_group=structure.kg,
        title="Rekruttering til nettverk",
        status=Matter.Status.RECEIVED,
    )
    structure.login(client)

    page = home(client, structure.area).content.decode()

    assert "To do today" in page
    for shown in (
        "KG-møte snart",
        "Skolefravær på 9. trinn",
        "Sende tertialrapport",
        "Rekruttering til nettverk",
    ):
        assert shown in page
    # "the coming week" means the coming week
    today_panel = page.split('id="panel-today-heading"')[1].split("</section>")[0]
    assert "KG-møte om en måned" not in today_panel
    for foreign in ("Fremmed", "Annen kommune"):
        assert foreign not in page


def test_a_team_member_sees_the_groups_follow_ups_and_matters_raised(client, structure):
    other_area_rows()
    colleague = factories.UserFactory(full_name="Kollega Teamsen")
    factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.team, held=True),
        title="Kartlegge fritidstilbud",
        owner=colleague,
    )
    factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.sg, held=True),
        title="Styringsgruppens oppfølging",
        owner=colleague,
    )
    factories.MatterFactory(
        from_group=structure.team, to_group=structure.kg, title="Behov for natteravner"
    )
    structure.login(client, structure.member)

    page = home(client, structure.area).content.decode()

    assert "Follow-up in your groups" in page
    assert "Kartlegge fritidstilbud" in page
    assert "Behov for natteravner" in page
    assert "To do today" not in page  # the coordinator's panel
    assert "Styringsgruppens oppfølging" not in page  # not a member of the SG
    assert "Fremmed" not in page


def test_a_steering_member_sees_the_decisions_to_follow_up(client, structure):
    director = factories.user_with_role(structure.area, "steering_member")
    factories.GroupMemberFactory(group=structure.sg, user=director)
    factories.FollowUpFactory(
        meeting=factories.MeetingFactory(group=structure.sg, held=True),
        title="Utrede felles ungdomsløft",
        owner=structure.coordinator,
    )
    structure.login(client, director)

    page = home(client, structure.area).content.decode()

    assert "Decisions to follow up" in page
    assert "Utrede felles ungdomsløft" in page


def test_someone_in_no_group_gets_no_group_panel(client, structure):
    structure.login(client, structure.outsider)

    page = home(client, structure.area).content.decode()

    assert "Follow-up in your groups" not in page
    assert "To do today" not in page


def add_rows(structure, n):
    for _ in range(n):
        for group in (structure.kg, structure.team, structure.sg):
            factories.MeetingFactory(group=group, starts_at=future(2))
            held = factories.MeetingFactory(group=group, held=True)
            factories.FollowUpFactory(
                meeting=held, due_date=timezone.localdate() - dt.timedelta(days=1)
            )
        factories.AgendaItemFactory(
            meeting=None,
            group=structure.kg,
            area=structure.area,
            status=AgendaItem.Status.SUBMITTED,
        )
        factories.MatterFactory(from_group=structure.team, to_group=structure.kg)


@pytest.mark.parametrize(
    ("who", "limit"), [("coordinator", 44), ("member", 27), ("outsider", 22)]
)
def test_the_start_page_query_count_is_pinned_per_role(
    client, structure, django_assert_max_num_queries, who, limit
):
    add_rows(structure, 8)
    structure.login(client, getattr(structure, who))
    with django_assert_max_num_queries(limit):
        response = home(client, structure.area)
    assert response.status_code == 200
