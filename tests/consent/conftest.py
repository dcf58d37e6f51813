"""A bydel with the agencies of the done-when scenario: a school, child welfare
(barnevern), NAV, BUP and the coordinator's SLT function; a coordinator and a
15-year-old with two guardians."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from consent import services
from consent.models import Consent, Guardian, Subject
from municipalities.models import Agency, Area, Group, User
from tests import factories


@dataclass
class World:
    area: Area
    salto: Agency
    school: Agency
    barnevern: Agency
    nav: Agency
    bup: Agency
    coordinator: User
    subject: Subject
    guardians: list[Guardian]

    @property
    def actor(self):
        return factories.actor_for_user(self.coordinator, self.area)

    def consent(self, **overrides) -> Consent:
        """A written consent for the 15-year-old with both guardians, recorded by
        the coordinator: school and barnevern may share school information."""
        now = timezone.now()
        fields = {
            "actor": self.actor,
            "subject": self.subject,
            "recorded_by_agency": self.salto,
            "given_at": now,
            "information_scope": "Skolefravær, karakterer og oppfølging.",
            "information_categories": ["education_work", "family_home"],
            "recipient_agencies": [self.school, self.barnevern],
            "purpose": "Samordnet oppfølging av skolefravær.",
            "informed_about": "Hvem som får vite hva, og at samtykket kan trekkes.",
            "voluntary": True,
            "express": True,
            "form": Consent.Form.WRITTEN,
            "document_reference": "Barnevernet sak 2026/17",
            "guardian_consents": [
                services.GuardianConsentInput(guardian=g, consented_at=now)
                for g in self.guardians
            ],
        }
        fields.update(overrides)
        return services.consent_create(**fields).consent

    def share(self, consent: Consent, **overrides):
        fields = {
            "actor": self.actor,
            "subject": self.subject,
            "legal_basis": "consent",
            "consent": consent,
            "from_agency": self.school,
            "to_agency": self.barnevern,
            "information_categories": ["education_work"],
            "information_description": "Fravær 30 % siste måned.",
            "purpose": "Samordnet oppfølging av skolefravær.",
            "purpose_within_consent": True,
        }
        fields.update(overrides)
        return services.disclosure_create(**fields)


def make_world(area=None) -> World:
    area = area or factories.AreaFactory(bydel=True)
    agency = factories.AgencyFactory
    salto = agency(area=area, name="SaLTo-koordinator", kind=Agency.Kind.SLT_FUNCTION)
    school = agency(area=area, name="Granstangen skole", kind=Agency.Kind.SCHOOL)
    barnevern = agency(area=area, name="Barnevernet", kind=Agency.Kind.CHILD_WELFARE)
    nav = agency(area=area, name="Nav", kind=Agency.Kind.NAV, sector="state")
    bup = agency(area=area, name="BUP", kind=Agency.Kind.BUP, sector="state")
    coordinator = factories.user_with_role(area, "coordinator", agency=salto)
    subject = factories.SubjectFactory(
        area=area,
        birth_year=timezone.localdate().year - 15,
        identity_held_by=barnevern,
    )
    guardians = [
        factories.GuardianFactory(subject=subject, label="Verge 1"),
        factories.GuardianFactory(subject=subject, label="Verge 2"),
    ]
    return World(
        area, salto, school, barnevern, nav, bup, coordinator, subject, guardians
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def named_group(world) -> Group:
    return factories.GroupFactory(
        area=world.area,
        operational=True,
        name="Fleksiteam",
        confidentiality_mode=Group.ConfidentialityMode.NAMED,
    )


def member(world: World, agency: Agency, role: str = "operative") -> User:
    """A user with ``role`` in the area whose membership is for ``agency``."""
    user = factories.UserFactory()
    factories.MembershipFactory(user=user, area=world.area, role=role, agency=agency)
    return user
