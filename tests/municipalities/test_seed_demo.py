import re
from pathlib import Path

import pytest
from django.core.management import call_command

from municipalities.models import Agency, Area, Group, GroupMember, Membership, User

pytestmark = pytest.mark.django_db

SEED_NAMES = Path(__file__).parent.parent / "data" / "seed_person_names.txt"


def counts():
    return [
        m.objects.count() for m in (Area, Agency, User, Membership, Group, GroupMember)
    ]


def test_seed_demo_is_idempotent():
    call_command("seed_demo", "--quiet-logins")
    first = counts()
    call_command("seed_demo", "--quiet-logins")
    assert counts() == first


def test_seed_demo_creates_the_areas_of_the_domain_brief():
    call_command("seed_demo", "--quiet-logins")
    oslo = Area.objects.get(slug="oslo")
    assert oslo.children.count() == 15
    assert Area.objects.get(slug="alna").bydelsnummer == "030112"
    assert Area.objects.get(slug="baerum").kommunenummer == "3201"
    region = Area.objects.get(kind="region")
    assert sorted(region.children.values_list("slug", flat=True)) == [
        "luster",
        "sogndal",
    ]
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {
        "coordinator",
        "steering_member",
        "coordination_member",
        "operative",
        "police_contact",
        "secretariat",
        "viewer",
    }


def test_one_police_contact_serves_alna_grorud_and_stovner():
    call_command("seed_demo", "--quiet-logins")
    user = User.objects.get(email__startswith="politikontakt.ost@")
    areas = set(
        Membership.objects.filter(user=user).values_list("area__slug", flat=True)
    )
    assert areas == {"alna", "grorud", "stovner"}


def test_no_demo_person_is_named_like_a_person_in_the_sources():
    call_command("seed_demo", "--quiet-logins")
    lines = SEED_NAMES.read_text().splitlines()
    denied = {line.strip().lower() for line in lines if line.strip() and line[0] != "#"}
    names = {n.lower() for n in User.objects.values_list("full_name", flat=True)}
    assert len(denied) > 30
    assert names & denied == set()
    assert all(re.match(r"^[^\d]+$", n) for n in names if not n.startswith("api:"))
