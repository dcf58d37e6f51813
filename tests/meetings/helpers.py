"""Plain helpers for the meetings tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from municipalities.models import Group


@dataclass
class Structure:
    area: object
    coordinator: object
    agency: object
    sg: Group
    kg: Group
    team: Group
    member: object  # an operative, member of the team and the coordination group
    outsider: object  # a coordination_member in the area, member of no group

    def login(self, client, user=None):
        client.force_login(user or self.coordinator)
        return client


def future(days: int = 30, hour: int = 18) -> dt.datetime:
    """A time ``days`` ahead at ``hour`` o'clock, Oslo time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
