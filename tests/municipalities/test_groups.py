"""Groups (organer) and their dated membership: services, pages and API."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from municipalities import services
from municipalities.models import Group, GroupMember, User
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_agency(area, coordinator):
    agency = factories.AgencyFactory(area=area, name="SLT-koordinator")
    coordinator.memberships.update(agency=agency)
    return agency


def make(area, by, **fields):
    defaults = {
        "name": "Styringsgruppe",
        "level": Group.Level.STEERING,
        "kind": Group.Kind.STEERING_GROUP,
        "cadence": Group.Cadence.QUARTERLY,
        "mandate": "Setter mål.",
    }
    return services.group_create(area=area, created_by=by, **{**defaults, **fields})


def test_the_coordinator_becomes_secretary_of_a_new_steering_group(
    area, coordinator, coordinator_agency
):
    group = make(area, coordinator)
    member = group.members.get()
    assert (member.user, member.role, member.agency) == (
        coordinator,
        GroupMember.Role.SECRETARY,
        coordinator_agency,
    )
    assert list(group.covered_areas.all()) == [area]


def test_an_operational_team_gets_no_secretary_by_default(
    area, coordinator, coordinator_agency
):
    team = make(
        area,
        coordinator,
        name="Ungdomsteam",
        level=Group.Level.OPERATIONAL,
        kind=Group.Kind.OPERATIONAL_TEAM,
        cadence=Group.Cadence.EVERY_4_WEEKS,
    )
    assert not team.members.exists()


def test_a_steering_group_is_always_system_level_only(
    area, coordinator, coordinator_agency
):
    group = make(area, coordinator, confidentiality_mode="named")
    assert group.confidentiality_mode == Group.ConfidentialityMode.SYSTEM_ONLY


def test_a_coordination_group_cannot_discuss_named_cases(area, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make(
            area,
            coordinator,
            name="KG",
            level=Group.Level.COORDINATING,
            kind=Group.Kind.COORDINATION_GROUP,
            confidentiality_mode="named",
        )
    assert not Group.objects.exists()


def test_a_group_reports_to_its_own_or_an_ancestor_area_only(coordinator):
    district = factories.AreaFactory(bydel=True)
    factories.MembershipFactory(user=coordinator, area=district)
    council = factories.GroupFactory(
        area=district.parent, level="steering", kind="police_council"
    )
    group = make(district, coordinator, reports_to=council, secretary_agency=None)
    assert group.reports_to == council
    with pytest.raises(ApplicationError) as error:
        make(
            district,
            coordinator,
            name="Annen",
            reports_to=factories.GroupFactory(steering=True),
        )
    assert error.value.field == "reports_to"


def test_the_three_levels_are_set_up_in_one_step(area, coordinator, coordinator_agency):
    steering, coordination, team = services.group_structure_create(
        area=area, created_by=coordinator
    )
    assert (team.reports_to, coordination.reports_to) == (coordination, steering)
    assert coordination.confidentiality_mode == "anonymised"
    assert steering.name == "Styringsgruppe"  # stored in bokmål
    secretaries = GroupMember.objects.filter(role="secretary", user=coordinator)
    assert {m.group for m in secretaries} == {steering, coordination}
    with pytest.raises(ApplicationError):
        services.group_structure_create(area=area, created_by=coordinator)


def test_a_group_has_at_most_one_active_chair(area):
    group = factories.GroupFactory(area=area)
    agency = factories.AgencyFactory(area=area)
    services.group_member_add(
        group=group, user=factories.UserFactory(), agency=agency, role="chair"
    )
    with pytest.raises(ApplicationError) as error:
        services.group_member_add(
            group=group, user=factories.UserFactory(), agency=agency, role="chair"
        )
    assert error.value.field == "role"


def test_membership_is_dated_and_kept_as_history(area):
    group = factories.GroupFactory(area=area)
    user = factories.UserFactory()
    member = services.group_member_add(
        group=group,
        user=user,
        agency=factories.AgencyFactory(area=area),
        start_date=dt.date(2025, 8, 30),
    )
    with pytest.raises(ApplicationError) as early:
        services.group_member_end(member=member, end_date=dt.date(2025, 1, 1))
    assert early.value.field == "end_date"
    services.group_member_end(member=member, end_date=dt.date(2026, 6, 30))
    member.refresh_from_db()
    assert (member.start_date, member.end_date) == (
        dt.date(2025, 8, 30),
        dt.date(2026, 6, 30),
    )
    with pytest.raises(ApplicationError):
        services.group_member_end(member=member)


def test_a_person_without_a_login_can_be_a_member(area):
    group = factories.GroupFactory(area=area)
    member = services.group_member_add_person(
        group=group,
        email="Rektor@Skole.no",
        full_name="Rita Rektor",
        agency=factories.AgencyFactory(area=area),
        created_by=None,
    )
    user = User.objects.get(email="rektor@skole.no")
    assert member.user == user
    assert not user.has_usable_password()


def test_a_member_needs_an_agency(area):
    with pytest.raises(ApplicationError) as error:
        services.group_member_add(
            group=factories.GroupFactory(area=area),
            user=factories.UserFactory(),
            agency=None,
        )
    assert error.value.field == "agency"


# --- pages ---------------------------------------------------------------------------


def group_url(area, name, **kwargs):
    return reverse(f"municipalities:{name}", kwargs={"area_slug": area.slug, **kwargs})


PAGES = [
    ("group_list", {}, "get", 200, True),
    ("group_detail", {"pk": "group"}, "get", 200, True),
    ("group_new", {}, "get", 200, False),
    ("group_edit", {"pk": "group"}, "get", 200, False),
    ("group_structure_new", {}, "post", 302, False),
    ("group_member_add", {"pk": "group"}, "get", 200, False),
    ("group_member_end", {"pk": "group", "member_pk": "member"}, "post", 302, False),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "ok", "for_all"), PAGES, ids=[p[0] for p in PAGES]
)
def test_group_pages_allow_403_and_404(client, area, name, kwargs, method, ok, for_all):
    group = factories.GroupFactory(area=area)
    objects = {"group": group, "member": factories.GroupMemberFactory(group=group)}
    url = group_url(area, name, **{k: objects[v].pk for k, v in kwargs.items()})

    def call():
        return client.post(url) if method == "post" else client.get(url)

    client.force_login(factories.user_with_role(area, "coordinator"))
    assert call().status_code == ok
    client.force_login(factories.user_with_role(area, "viewer"))
    assert call().status_code == (200 if for_all else 403)
    client.force_login(factories.user_with_role(factories.AreaFactory(), "coordinator"))
    assert call().status_code == 404


def test_the_coordinator_creates_a_group_in_the_browser(
    coordinator_client, area, coordinator_agency
):
    response = coordinator_client.post(
        group_url(area, "group_new"),
        {
            "name": "Koordineringsgruppe",
            "kind": "coordination_group",
            "level": "coordinating",
            "mandate": "Samordner tiltak.",
            "cadence": "monthly",
            "confidentiality_mode": "anonymised",
            "skip_months": ["7"],
            "covered_areas": [area.pk],
        },
    )
    group = Group.objects.get(name="Koordineringsgruppe")
    assert response["Location"] == group_url(area, "group_detail", pk=group.pk)
    assert group.skip_months == [7]
    assert group.members.get().role == "secretary"


def test_the_coordinator_sets_up_the_three_levels_in_the_browser(
    coordinator_client, area, coordinator, coordinator_agency
):
    response = coordinator_client.post(
        group_url(area, "group_structure_new"), follow=True
    )
    page = response.content.decode()
    for name in ("Styringsgruppe", "Koordineringsgruppe", "Ungdomsteam"):
        assert name in page
    levels = set(Group.objects.filter(area=area).values_list("level", flat=True))
    assert levels == {"steering", "coordinating", "operational"}


def test_a_group_form_with_a_wrong_level_shows_the_error_and_saves_nothing(
    coordinator_client, area
):
    response = coordinator_client.post(
        group_url(area, "group_new"),
        {
            "name": "Styret",
            "kind": "steering_group",
            "level": "operational",
            "cadence": "quarterly",
            "confidentiality_mode": "system_only",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Group.objects.exists()


def test_the_coordinator_adds_a_new_person_as_member(coordinator_client, area):
    group = factories.GroupFactory(area=area)
    agency = factories.AgencyFactory(area=area)
    coordinator_client.post(
        group_url(area, "group_member_add", pk=group.pk),
        {
            "full_name": "Nils Nav",
            "email": "nils@nav.no",
            "agency": agency.pk,
            "role": "member",
            "position_title": "Leder",
        },
    )
    member = group.members.get()
    assert (member.user.full_name, member.agency) == ("Nils Nav", agency)


def test_the_group_page_shows_history_on_request(coordinator_client, area):
    group = factories.GroupFactory(area=area)
    ended = factories.GroupMemberFactory(
        group=group,
        end_date=timezone.localdate() - dt.timedelta(days=5),
        user=factories.UserFactory(full_name="Tidligere Medlem"),
    )
    url = group_url(area, "group_detail", pk=group.pk)
    assert ended.user.full_name not in coordinator_client.get(url).content.decode()
    assert (
        ended.user.full_name
        in coordinator_client.get(url + "?history=1").content.decode()
    )


def test_the_group_pages_do_not_grow_queries_with_rows(coordinator_client, area):
    def add(n):
        for _ in range(n):
            group = factories.GroupFactory(area=area)
            factories.GroupMemberFactory.create_batch(3, group=group)

    add(2)
    urls = [group_url(area, "group_list")]
    first = Group.objects.filter(area=area).first()
    urls.append(group_url(area, "group_detail", pk=first.pk))

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                coordinator_client.get(url)
            result.append(len(queries))
        return result

    counts()  # the signed-in user is read once, then cached
    few = counts()
    add(10)
    factories.GroupMemberFactory.create_batch(10, group=first)
    assert counts() == few


# --- API -----------------------------------------------------------------------------


def test_groups_api_lists_the_areas_groups_for_every_role(api_client, area):
    group = factories.GroupFactory(area=area)
    factories.GroupFactory()  # elsewhere
    api_client.force_login(factories.user_with_role(area, "viewer"))
    body = api_client.get("/api/v1/groups/").json()
    assert [g["id"] for g in body["results"]] == [group.pk]
    assert api_client.get(f"/api/v1/groups/{group.pk}/").status_code == 200
    other = factories.GroupFactory()
    assert api_client.get(f"/api/v1/groups/{other.pk}/").status_code == 404


def test_only_the_coordinator_creates_and_changes_groups_in_the_api(
    api_client, area, coordinator, coordinator_agency
):
    data = {
        "area": area.slug,
        "name": "Styringsgruppe",
        "level": "steering",
        "kind": "steering_group",
        "cadence": "quarterly",
        "mandate": "Setter mål.",
    }
    api_client.force_login(factories.user_with_role(area, "coordination_member"))
    assert api_client.post("/api/v1/groups/", data).status_code == 403
    api_client.force_login(coordinator)
    created = api_client.post("/api/v1/groups/", data)
    assert created.status_code == 201
    changed = api_client.patch(
        f"/api/v1/groups/{created.json()['id']}/", {"mandate": "Nytt mandat."}
    )
    assert changed.json()["mandate"] == "Nytt mandat."
    elsewhere = factories.AreaFactory()
    assert (
        api_client.post("/api/v1/groups/", {**data, "area": elsewhere.slug}).status_code
        == 400
    )


def test_group_members_api_adds_and_ends_memberships(api_client, area, coordinator):
    group = factories.GroupFactory(area=area)
    agency = factories.AgencyFactory(area=area)
    person = factories.user_with_role(area, "operative")
    api_client.force_login(coordinator)
    added = api_client.post(
        "/api/v1/group-members/",
        {"group": group.pk, "user": person.pk, "agency": agency.pk, "role": "member"},
    )
    assert added.status_code == 201
    member_id = added.json()["id"]
    ended = api_client.post(f"/api/v1/group-members/{member_id}/end/", {})
    assert ended.json()["end_date"] == str(timezone.localdate())
    listed = api_client.get(f"/api/v1/group-members/?group={group.pk}&current=false")
    assert [m["id"] for m in listed.json()["results"]] == [member_id]


def test_group_members_api_is_403_for_a_viewer_and_404_elsewhere(api_client, area):
    member = factories.GroupMemberFactory(group=factories.GroupFactory(area=area))
    api_client.force_login(factories.user_with_role(area, "viewer"))
    assert api_client.get("/api/v1/group-members/").status_code == 403
    api_client.force_login(
        factories.user_with_role(factories.AreaFactory(), "operative")
    )
    assert api_client.get(f"/api/v1/group-members/{member.pk}/").status_code == 404


def test_group_api_lists_do_not_grow_queries(
    api_client, area, coordinator, django_assert_max_num_queries
):
    for _ in range(10):
        group = factories.GroupFactory(area=area)
        factories.GroupMemberFactory.create_batch(2, group=group)
    api_client.force_login(coordinator)
    for url in ("/api/v1/groups/", "/api/v1/group-members/"):
        with django_assert_max_num_queries(8):
            assert api_client.get(url).status_code == 200
