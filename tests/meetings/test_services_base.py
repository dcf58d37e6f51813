"""meeting_create and decision_create: the contract other apps build on."""

import datetime as dt

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Decision
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


def test_meeting_create_refuses_end_before_start():
    group = factories.GroupFactory()
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ApplicationError) as error:
        services.meeting_create(
            group=group,
            title="KG",
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
            created_by=None,
        )
    assert error.value.field == "ends_at"


def test_meeting_belongs_to_its_groups_area():
    group = factories.GroupFactory()
    meeting = services.meeting_create(
        group=group, title="KG", starts_at=timezone.now(), created_by=None
    )
    assert meeting.area == group.area


def test_only_steering_bodies_take_approval_decisions():
    plan_like = (
        factories.AreaFactory()
    )  # any model instance stands in for the approved object
    kg_meeting = factories.MeetingFactory(held=True)
    with pytest.raises(ApplicationError):
        services.decision_create(
            meeting=kg_meeting,
            text="Godkjent",
            kind=Decision.Kind.APPROVAL,
            approves=plan_like,
            created_by=None,
        )
    sg_meeting = factories.MeetingFactory(
        held=True, group=factories.GroupFactory(steering=True)
    )
    decision = services.decision_create(
        meeting=sg_meeting,
        text="Godkjent",
        kind=Decision.Kind.APPROVAL,
        approves=plan_like,
        created_by=None,
    )
    assert decision.approves == plan_like
