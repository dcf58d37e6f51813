"""API foundation: session and API-key auth, scoping, errors, schema."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from municipalities import services
from tests import factories

pytestmark = pytest.mark.django_db


def key_for(area, role="system_client"):
    creator = factories.user_with_role(area, "coordinator")
    api_key, raw = services.api_key_create(
        area=area, name="Sak", role=role, created_by=creator
    )
    return api_key, raw


def auth(client, raw):
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def test_me_with_session(api_client, area):
    user = factories.user_with_role(area, "coordinator", "police_contact")
    api_client.force_login(user)
    body = api_client.get("/api/v1/me/").json()
    assert body["email"] == user.email
    assert body["is_api_key"] is False
    assert body["areas"] == [
        {
            "slug": area.slug,
            "name": area.name,
            "roles": ["coordinator", "police_contact"],
        }
    ]


def test_me_with_api_key_shows_its_one_area_and_role(api_client, area):
    _key, raw = key_for(area)
    body = auth(api_client, raw).get("/api/v1/me/").json()
    assert body["is_api_key"] is True
    assert body["areas"] == [
        {"slug": area.slug, "name": area.name, "roles": ["system_client"]}
    ]


def test_api_key_reads_only_its_own_area(api_client, area, other_area):
    factories.AgencyFactory(area=area, name="Barnevernet her")
    theirs = factories.AgencyFactory(area=other_area, name="Barnevernet der")
    _key, raw = key_for(area)
    auth(api_client, raw)
    names = [a["name"] for a in api_client.get("/api/v1/agencies/").json()["results"]]
    assert names == ["Barnevernet her"]
    assert api_client.get(f"/api/v1/agencies/{theirs.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/areas/{other_area.slug}/").status_code == 404


def test_user_of_one_area_gets_404_for_another_areas_objects(api_client):
    alna, baerum = (
        factories.AreaFactory(slug="alna"),
        factories.AreaFactory(slug="baerum"),
    )
    baerum_agency = factories.AgencyFactory(area=baerum)
    api_client.force_login(factories.user_with_role(alna, "coordinator"))
    response = api_client.get(f"/api/v1/agencies/{baerum_agency.pk}/")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "Ikke funnet.",
    }


def test_revoked_key_gets_401(api_client, area):
    api_key, raw = key_for(area)
    auth(api_client, raw)
    assert api_client.get("/api/v1/me/").status_code == 200
    services.api_key_revoke(api_key=api_key, revoked_by=api_key.created_by)
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Api-Key")


def test_expired_key_gets_401(api_client, area):
    api_key, raw = key_for(area)
    api_key.expires_at = timezone.now() - dt.timedelta(minutes=1)
    api_key.save()
    assert auth(api_client, raw).get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize(
    "header", ["Api-Key not-a-key", "Api-Key slt_zz_short", "Api-Key "]
)
def test_malformed_key_gets_a_clear_401(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Ugyldig utformet API-nøkkel."


def test_unknown_well_formed_key_gets_401(api_client):
    response = auth(api_client, "slt_0123abcd_" + "x" * 43).get("/api/v1/me/")
    assert response.status_code == 401


def test_key_is_stored_only_as_a_digest(area):
    api_key, raw = key_for(area)
    assert raw not in (api_key.key_hash, api_key.prefix)
    assert raw.startswith(f"slt_{api_key.prefix}_")
    assert len(api_key.key_hash) == 64


def test_key_use_is_recorded(api_client, area):
    api_key, raw = key_for(area)
    auth(api_client, raw).get("/api/v1/me/")
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


def test_key_use_is_recorded_at_most_once_a_minute(api_client, area):
    _api_key, raw = key_for(area)
    auth(api_client, raw).get("/api/v1/me/")
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get("/api/v1/me/").status_code == 200
    assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"]]


def test_anonymous_gets_401_json(api_client):
    response = api_client.get("/api/v1/agencies/")
    assert response.status_code in (401, 403)
    assert set(response.json()) >= {"status", "code", "detail"}


def test_system_client_may_not_list_memberships(api_client, area):
    _key, raw = key_for(area)
    response = auth(api_client, raw).get("/api/v1/memberships/")
    assert response.status_code == 403


def test_memberships_are_paginated_and_filtered(api_client, area, other_area):
    viewer = factories.user_with_role(area, "coordinator")
    for _ in range(3):
        factories.user_with_role(area, "operative")
    factories.user_with_role(other_area, "operative")
    api_client.force_login(viewer)
    body = api_client.get(
        "/api/v1/memberships/", {"page_size": 2, "role": "operative"}
    ).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"]


def test_bad_filter_value_gives_400_with_field_message(api_client, area):
    api_client.force_login(factories.user_with_role(area, "coordinator"))
    response = api_client.get("/api/v1/agencies/", {"kind": "ikke-en-type"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "kind" in body["errors"]


def test_list_endpoints_do_not_grow_queries_with_rows(
    api_client, area, django_assert_max_num_queries
):
    api_client.force_login(factories.user_with_role(area, "coordinator"))
    factories.AgencyFactory.create_batch(30, area=area)
    for _ in range(20):
        factories.user_with_role(area, "operative")
    for url in (
        "/api/v1/agencies/",
        "/api/v1/memberships/",
        "/api/v1/areas/",
        "/api/v1/me/",
    ):
        with django_assert_max_num_queries(8):
            assert api_client.get(url).status_code == 200


def test_schema_and_docs_are_served(client, api_client):
    schema = api_client.get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert schema.status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200
