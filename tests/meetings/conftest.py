"""Fixtures for the meetings tests: an area with its three levels set up."""

from __future__ import annotations

import pytest

from municipalities.models import Group
from tests import factories
from tests.meetings.helpers import Structure


@pytest.fixture
def structure(db) -> Structure:
    area = factories.AreaFactory(name="Bydel Test", slug="test")
    coordinator = factories.user_with_role(area, "coordinator", full_name="Kari Koord")
    agency = factories.AgencyFactory(area=area, name="SLT-koordinator")
    sg = factories.GroupFactory(area=area, steering=True, name="Styringsgruppe")
    kg = factories.GroupFactory(
        area=area,
        name="Koordineringsgruppe",
        reports_to=sg,
        confidentiality_mode=Group.ConfidentialityMode.ANONYMISED,
    )
    team = factories.GroupFactory(
        area=area, operational=True, name="Ungdomsteam", reports_to=kg
    )
    for group in (sg, kg):
        factories.group_run_by(coordinator, group, agency)
    member = factories.user_with_role(area, "operative", full_name="Ola Operativ")
    for group in (team, kg):
        factories.GroupMemberFactory(group=group, user=member)
    outsider = factories.user_with_role(area, "coordination_member")
    return Structure(area, coordinator, agency, sg, kg, team, member, outsider)
