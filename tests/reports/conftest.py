"""An area with a styringsgruppe (chair and two members), a koordineringsgruppe with
last year's meetings, and a second area with its own steering member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from meetings.models import Attendance, Meeting
from municipalities.models import GroupMember
from reports.annual import services
from tests import factories


@dataclass
class ReportWorld:
    area: object
    other_area: object
    year: int
    steering: object
    coordination: object
    coordinator: object
    chair: object
    members: list
    viewer: object
    outsider: object


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def report_world(db) -> ReportWorld:
    area = factories.AreaFactory(name="Testkommune", slug="testkommune")
    other = factories.AreaFactory(name="Nabokommune", slug="nabokommune")
    year = timezone.localdate().year - 1
    coordinator = factories.user_with_role(area, "coordinator", full_name="Kari Koord")
    steering = factories.GroupFactory(area=area, steering=True, name="SLT-styret")
    chair = factories.user_with_role(area, "steering_member", full_name="Leder Lund")
    members = [
        factories.user_with_role(area, "steering_member", full_name=f"Medlem {n}")
        for n in (1, 2)
    ]
    factories.GroupMemberFactory(
        group=steering, user=chair, role=GroupMember.Role.CHAIR
    )
    for member in members:
        factories.GroupMemberFactory(group=steering, user=member)
    factories.GroupMemberFactory(
        group=steering, user=coordinator, role=GroupMember.Role.SECRETARY
    )
    coordination = factories.GroupFactory(area=area, name="Koordineringsgruppen")
    kg_member = factories.GroupMemberFactory(group=coordination)
    for month in (2, 4, 6, 9, 11):
        meeting = factories.MeetingFactory(
            group=coordination,
            status=Meeting.Status.MINUTES_SENT,
            starts_at=at(year, month, 10),
        )
        factories.AttendanceFactory(
            meeting=meeting,
            group_member=kg_member,
            agency=kg_member.agency,
            status=Attendance.Status.PRESENT
            if month != 4
            else Attendance.Status.ABSENT,
        )
        factories.AgendaItemFactory(meeting=meeting, title=f"Rus blant unge ({month})")
    for month in (3, 6, 9, 12):
        factories.MeetingFactory(
            group=steering,
            status=Meeting.Status.MINUTES_SENT,
            starts_at=at(year, month, 5),
        )
    return ReportWorld(
        area=area,
        other_area=other,
        year=year,
        steering=steering,
        coordination=coordination,
        coordinator=coordinator,
        chair=chair,
        members=members,
        viewer=factories.user_with_role(area, "viewer"),
        outsider=factories.user_with_role(other, "steering_member"),
    )


@pytest.fixture
def draft(report_world):
    return services.annual_report_draft(
        area=report_world.area, year=report_world.year, user=report_world.coordinator
    )


@pytest.fixture
def in_review(report_world, draft):
    return services.annual_report_submit(report=draft, user=report_world.coordinator)


@pytest.fixture
def approved(report_world, in_review, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_approve(
            report=in_review, user=report_world.chair
        )
    report.refresh_from_db()
    return report
