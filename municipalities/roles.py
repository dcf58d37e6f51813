"""Role groups used by every app's permission checks (see design.md, domain.md §3.1)."""

from municipalities.models import Role

COORDINATOR = Role.COORDINATOR.value
STEERING_MEMBER = Role.STEERING_MEMBER.value
COORDINATION_MEMBER = Role.COORDINATION_MEMBER.value
OPERATIVE = Role.OPERATIVE.value
POLICE_CONTACT = Role.POLICE_CONTACT.value
SECRETARIAT = Role.SECRETARIAT.value
VIEWER = Role.VIEWER.value
# API keys only: a municipal system reading non-personal data.
SYSTEM_CLIENT = "system_client"

ALL_ROLES = frozenset(Role.values)
# Roles of people who work in the area's SLT structure (not read-only observers).
WORKING_ROLES = frozenset(
    {COORDINATOR, STEERING_MEMBER, COORDINATION_MEMBER, OPERATIVE, POLICE_CONTACT}
)
# May read the area's organisation (areas, agencies, groups, members).
ORGANISATION_READERS = ALL_ROLES | {SYSTEM_CLIENT}
# Strategic roles never see individual-level data (rule C1).
STRATEGIC_ROLES = frozenset({STEERING_MEMBER, SECRETARIAT, VIEWER})
