"""The meetings API: the same scoping and role rules as the pages."""

from meetings.api.views.matters import MatterViewSet
from meetings.api.views.meetings import (
    AgendaItemViewSet,
    AttendanceViewSet,
    MeetingViewSet,
)
from meetings.api.views.records import DecisionViewSet, FollowUpViewSet

__all__ = [
    "AgendaItemViewSet",
    "AttendanceViewSet",
    "DecisionViewSet",
    "FollowUpViewSet",
    "MatterViewSet",
    "MeetingViewSet",
]
