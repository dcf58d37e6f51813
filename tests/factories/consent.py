"""Factories for the consent app.

Rows made here skip the services (and so the access log); tests of the rules go
through ``consent.services``. ``actor_for_user`` builds the Actor a request would.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from consent.legal import LegalBasis
from consent.models import Consent, ConsentGuardian, Disclosure, Guardian, Subject
from tests.factories.municipalities import AgencyFactory, AreaFactory, UserFactory

__all__ = [
    "ConsentFactory",
    "ConsentGuardianFactory",
    "DisclosureFactory",
    "GuardianFactory",
    "SubjectFactory",
    "actor_for_user",
]


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    area = factory.SubFactory(AreaFactory)
    pseudonym = factory.Sequence(
        lambda n: (
            "UNG-" + "".join("ABCDEFGHJKLMNPQR"[(n >> s) % 16] for s in (0, 4, 8, 12))
        )
    )
    birth_year = factory.LazyFunction(lambda: timezone.localdate().year - 15)
    identity_held_by = factory.SubFactory(
        AgencyFactory, area=factory.SelfAttribute("..area")
    )


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    subject = factory.SubFactory(SubjectFactory)
    area = factory.SelfAttribute("subject.area")
    label = factory.Sequence(lambda n: f"Verge {n + 1}")
    relation = Guardian.Relation.PARENT
    has_parental_responsibility = True


class ConsentFactory(factory.django.DjangoModelFactory):
    """An active written consent given today, valid a year, for one agency."""

    class Meta:
        model = Consent
        skip_postgeneration_save = True

    subject = factory.SubFactory(SubjectFactory)
    area = factory.SelfAttribute("subject.area")
    subject_consented_at = factory.LazyFunction(timezone.now)
    given_at = factory.SelfAttribute("subject_consented_at")
    information_scope = "Skolefravær og oppfølging."
    information_categories = factory.LazyFunction(lambda: ["education_work"])
    purpose = "Samordnet oppfølging."
    informed_about = "Hvem som får vite hva, og at samtykket kan trekkes."
    voluntary = True
    express = True
    form = Consent.Form.WRITTEN
    document_reference = "Sak 2026/1"
    recorded_by = factory.SubFactory(UserFactory)
    recorded_by_agency = factory.SubFactory(
        AgencyFactory, area=factory.SelfAttribute("..area")
    )
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=365)
    )
    status = Consent.Status.ACTIVE

    @factory.post_generation
    def recipient_agencies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.recipient_agencies.set(extracted)

    @factory.post_generation
    def recipient_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.recipient_groups.set(extracted)


class ConsentGuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentGuardian

    consent = factory.SubFactory(ConsentFactory)
    area = factory.SelfAttribute("consent.area")
    guardian = factory.SubFactory(
        GuardianFactory, subject=factory.SelfAttribute("..consent.subject")
    )
    consented_at = factory.LazyFunction(timezone.now)
    form = Consent.Form.WRITTEN


class DisclosureFactory(factory.django.DjangoModelFactory):
    """A disclosure under fvl. § 13 b nr. 5 between two agencies of the area."""

    class Meta:
        model = Disclosure

    subject = factory.SubFactory(SubjectFactory)
    area = factory.SelfAttribute("subject.area")
    legal_basis = LegalBasis.NECESSARY_FOR_TASKS
    from_agency = factory.SubFactory(
        AgencyFactory, area=factory.SelfAttribute("..area")
    )
    to_agency = factory.SubFactory(AgencyFactory, area=factory.SelfAttribute("..area"))
    information_categories = factory.LazyFunction(lambda: ["education_work"])
    information_description = "Fravær siste måned."
    purpose = "Oppfølging."
    necessity_justification = "Nødvendig for skolens oppfølging."
    status = Disclosure.Status.DISCLOSED
    disclosed_at = factory.LazyFunction(timezone.now)


def actor_for_user(user, area, request_id: str = "test"):
    """The Actor ``user`` has in ``area`` (as the browser views compute it)."""
    from consent import policy
    from municipalities.selectors import access_for_user

    return policy.actor_for(
        access=access_for_user(user=user),
        user=user,
        area_ids=[area.pk],
        request_id=request_id,
    )
