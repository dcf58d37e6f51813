"""The demo meetings (domain.md §7): a year for every bydel, Grorud's withered
koordineringsgruppe, and Bærum's matter that went up two levels and was answered."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.health import area_health
from meetings.models import AgendaItem, Decision, FollowUp, Matter, Meeting
from municipalities.demo import OSLO_DISTRICTS
from municipalities.models import Area, Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--quiet-logins")


def test_every_bydel_has_last_years_meetings_with_minutes_and_tasks(seeded):
    last_year = timezone.localdate().year - 1
    for _name, slug in OSLO_DISTRICTS:
        meetings = Meeting.objects.filter(area__slug=slug, starts_at__year=last_year)
        steering = meetings.filter(group__kind=Group.Kind.STEERING_GROUP)
        coordination = meetings.filter(group__kind=Group.Kind.COORDINATION_GROUP)
        # Four ordinary meetings; Alna's plan approval adds one (actionplans demo).
        assert steering.count() == (5 if slug == "alna" else 4), slug
        assert {m.status for m in steering} == {Meeting.Status.MINUTES_SENT}
        if slug not in ("grorud", "sagene"):
            assert coordination.count() == 11, slug
    items = AgendaItem.objects.filter(meeting__area__slug="frogner")
    assert items.filter(kind=AgendaItem.Kind.POLICE_UPDATE).exists()
    assert items.filter(kind=AgendaItem.Kind.LEVEL_REPORT).exists()
    assert Decision.objects.filter(area__slug="frogner").exists()
    assert FollowUp.objects.filter(area__slug="frogner").exists()


def test_grorud_coordination_group_shows_the_m2_warning(seeded):
    grorud = Area.objects.get(slug="grorud")
    row = next(
        r
        for r in area_health(area=grorud)
        if r.group.kind == Group.Kind.COORDINATION_GROUP
    )
    assert row.held_last_year == 2
    assert any("M2" in flag for flag in row.flags)


def test_the_baerum_matter_went_up_two_levels_and_was_answered(seeded):
    up = Matter.objects.get(area__slug="baerum", parent_matter__isnull=False)
    down = up.parent_matter
    assert down.from_group.kind == Group.Kind.OPERATIONAL_TEAM
    assert (down.to_group, up.to_group.name) == (up.from_group, "SLT-styret")
    assert up.response_decision.meeting.group == up.to_group
    assert down.response == up.response
    assert [e.to_status for e in down.events.order_by("created_at")] == [
        "raised",
        "received",
        "received",
        "answered",
        "closed",
    ]


def test_alna_has_work_waiting_for_the_coordinator(seeded):
    alna = Area.objects.get(slug="alna")
    assert AgendaItem.objects.filter(area=alna, status="submitted").exists()
    assert Matter.objects.filter(area=alna, to_group__area__slug="oslo").exists()
    assert any(r.minutes_overdue for r in area_health(area=alna))


def test_seeding_again_adds_nothing(seeded):
    before = [m.objects.count() for m in (Meeting, AgendaItem, Decision, Matter)]
    call_command("seed_demo", "--quiet-logins")
    assert [
        m.objects.count() for m in (Meeting, AgendaItem, Decision, Matter)
    ] == before
