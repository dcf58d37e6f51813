"""Factories for the municipalities app: areas, agencies, users, roles, groups."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from municipalities.models import (
    Agency,
    Area,
    Group,
    GroupMember,
    Membership,
    PoliceDistrict,
    User,
)

# --- municipalities -------------------------------------------------------------------


class PoliceDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceDistrict
        django_get_or_create = ["code"]

    name = "Oslo politidistrikt"
    code = "oslo"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    kind = Area.Kind.KOMMUNE
    kommunenummer = factory.Sequence(lambda n: f"{5000 + n:04d}")
    police_district = factory.SubFactory(PoliceDistrictFactory)

    class Params:
        bydel = factory.Trait(
            kind=Area.Kind.BYDEL,
            kommunenummer="",
            bydelsnummer=factory.Sequence(lambda n: f"0301{n % 100:02d}"),
            parent=factory.SubFactory(
                "tests.factories.municipalities.AreaFactory",
                name="Oslo",
                slug=factory.Sequence(lambda n: f"oslo-{n}"),
            ),
        )
        region = factory.Trait(kind=Area.Kind.REGION, kommunenummer="")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Etat {n}")
    kind = Agency.Kind.CHILD_WELFARE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "passord-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
    role = "coordinator"
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=30)
    )


def user_with_role(area: Area, *roles: str, **user_fields) -> User:
    """A user holding ``roles`` in ``area`` from a month ago."""
    user = UserFactory(**user_fields)
    for role in roles:
        MembershipFactory(user=user, area=area, role=role)
    return user


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Gruppe {n}")
    level = Group.Level.COORDINATING
    kind = Group.Kind.COORDINATION_GROUP
    cadence = Group.Cadence.MONTHLY
    mandate = "Samordne tiltak for barn og unge."

    class Params:
        steering = factory.Trait(
            level=Group.Level.STEERING,
            kind=Group.Kind.STEERING_GROUP,
            cadence=Group.Cadence.QUARTERLY,
        )
        operational = factory.Trait(
            level=Group.Level.OPERATIONAL,
            kind=Group.Kind.OPERATIONAL_TEAM,
            cadence=Group.Cadence.EVERY_4_WEEKS,
        )


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    area = factory.SelfAttribute("group.area")
    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory, area=factory.SelfAttribute("..area"))
    role = GroupMember.Role.MEMBER
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=365)
    )
