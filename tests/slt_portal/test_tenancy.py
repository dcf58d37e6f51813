"""Tenant isolation: every tenant model fails closed, and area pages answer 404."""

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import ScopeError, scope

from municipalities.models import Area
from municipalities.selectors import access_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def _models_with_area_field():
    found = []
    for model in apps.get_models():
        if model._meta.app_label in {"pghistory"} or model.__name__.endswith("Event"):
            continue  # pghistory's audit copies are read in the admin site only
        field = next((f for f in model._meta.get_fields() if f.name == "area"), None)
        if field is not None and getattr(field, "related_model", None) is Area:
            found.append(model)
    return found


def test_the_walk_finds_the_tenant_models():
    names = {m.__name__ for m in _models_with_area_field()}
    assert {
        "Agency",
        "Membership",
        "Group",
        "GroupMember",
        "ApiKey",
        "Meeting",
    } <= names


@pytest.mark.parametrize(
    "model", _models_with_area_field(), ids=lambda m: m._meta.label
)
def test_every_model_with_an_area_refuses_unscoped_queries(model):
    with scope(), pytest.raises(ScopeError):
        list(model.objects.all())
    with scope(), pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


@pytest.mark.parametrize(
    "model", _models_with_area_field(), ids=lambda m: m._meta.label
)
def test_every_model_with_an_area_filters_to_the_active_scope(model):
    inside, outside = factories.AreaFactory(), factories.AreaFactory()
    with scope(area=[inside.pk]):
        sql = str(model.objects.all().query)
    assert f'area_id" IN ({inside.pk})' in sql or f'area_id" = {inside.pk}' in sql
    assert str(outside.pk) not in sql.split("WHERE", 1)[-1]


def test_area_page_of_another_area_is_404(client):
    alna, baerum = (
        factories.AreaFactory(slug="alna"),
        factories.AreaFactory(slug="baerum"),
    )
    client.force_login(factories.user_with_role(alna, "coordinator"))
    assert (
        client.get(reverse("municipalities:area_home", args=["alna"])).status_code
        == 200
    )
    assert (
        client.get(reverse("municipalities:area_home", args=["baerum"])).status_code
        == 404
    )
    assert baerum.pk  # exists: forbidden and missing look the same


def test_unknown_area_slug_is_404_not_500(coordinator_client):
    response = coordinator_client.get("/o/finnes-ikke/")
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(client, area):
    response = client.get(reverse("municipalities:area_home", args=[area.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_wrong_role_gets_403(client, area):
    client.force_login(factories.user_with_role(area, "viewer"))
    response = client.get(reverse("municipalities:api_key_list", args=[area.slug]))
    assert response.status_code == 403


def test_ended_membership_gives_no_access(client, area):
    import datetime as dt

    from django.utils import timezone

    user = factories.UserFactory()
    factories.MembershipFactory(
        user=user,
        area=area,
        end_date=timezone.localdate() - dt.timedelta(days=1),
        start_date=timezone.localdate() - dt.timedelta(days=10),
    )
    client.force_login(user)
    assert (
        client.get(reverse("municipalities:area_home", args=[area.slug])).status_code
        == 404
    )


def test_secretariat_at_parent_reads_its_districts():
    district = factories.AreaFactory(bydel=True)
    sibling = factories.AreaFactory(bydel=True, parent=district.parent)
    elsewhere = factories.AreaFactory()
    user = factories.user_with_role(district.parent, "secretariat")
    access = access_for_user(user=user)
    assert access.roles(district) == {"secretariat"}
    assert access.roles(sibling) == {"secretariat"}
    assert not access.has_area(elsewhere)


def test_every_area_view_is_decorated():
    """Every view under /o/<area_slug>/ goes through area_view (scope + 404)."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, route)
            else:
                yield route, p.callback

    undecorated = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if route.startswith("o/<slug:area_slug>/")
        and not hasattr(view, "area_view_roles")
        and not getattr(view, "cls", None)
    ]
    assert undecorated == []
