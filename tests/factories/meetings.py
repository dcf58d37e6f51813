"""Factories for the meetings app."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    CalendarToken,
    Decision,
    FollowUp,
    Matter,
    Meeting,
)
from tests.factories.municipalities import (
    AgencyFactory,
    GroupFactory,
    GroupMemberFactory,
    UserFactory,
)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    area = factory.SelfAttribute("group.area")
    title = factory.Sequence(lambda n: f"Møte {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + dt.timedelta(hours=2))
    purpose = "Samordning av tiltak."
    status = Meeting.Status.PLANNED

    class Params:
        held = factory.Trait(
            status=Meeting.Status.HELD,
            starts_at=factory.LazyFunction(
                lambda: timezone.now() - dt.timedelta(days=7)
            ),
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    group = factory.SelfAttribute("meeting.group")
    area = factory.SelfAttribute("meeting.area")
    title = factory.Sequence(lambda n: f"Sak {n}")
    kind = AgendaItem.Kind.DISCUSSION
    status = AgendaItem.Status.ACCEPTED
    submitted_by = factory.SubFactory(UserFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory, held=True)
    area = factory.SelfAttribute("meeting.area")
    text = "Vedtatt som foreslått."
    decided_at = factory.SelfAttribute("meeting.starts_at")
    kind = Decision.Kind.RESOLUTION


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    meeting = factory.SubFactory(MeetingFactory, held=True)
    area = factory.SelfAttribute("meeting.area")
    title = factory.Sequence(lambda n: f"Oppfølgingspunkt {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=14)
    )


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter

    from_group = factory.SubFactory(GroupFactory, operational=True)
    area = factory.SelfAttribute("from_group.area")
    to_group = factory.SubFactory(GroupFactory, area=factory.SelfAttribute("..area"))
    title = factory.Sequence(lambda n: f"Sak mellom nivåer {n}")
    description = "Trenger avklaring på koordinerende nivå."
    kind = Matter.Kind.ESCALATION


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory, held=True)
    area = factory.SelfAttribute("meeting.area")
    group_member = factory.SubFactory(
        GroupMemberFactory, group=factory.SelfAttribute("..meeting.group")
    )
    agency = factory.SelfAttribute("group_member.agency")
    status = Attendance.Status.PRESENT


class CalendarTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarToken

    user = factory.SubFactory(UserFactory)
    token = factory.Sequence(lambda n: f"kalender-{n:04d}-" + "x" * 30)


def group_run_by(coordinator, group, agency=None):
    """Make ``coordinator`` the active secretary of ``group`` (rule M3)."""
    return GroupMemberFactory(
        group=group,
        user=coordinator,
        role="secretary",
        agency=agency or AgencyFactory(area=group.area),
    )
