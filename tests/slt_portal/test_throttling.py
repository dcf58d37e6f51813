"""The API rate limit (slt_portal.api.throttling): a fixed-window counter per user
or API key in Redis."""

from __future__ import annotations

import pytest

from slt_portal.api.throttling import UserRateThrottle
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})


def test_the_request_over_the_limit_gets_429_with_retry_after(
    api_client, area, three_a_minute
):
    api_client.force_login(factories.user_with_role(area, "coordinator"))
    statuses = [api_client.get("/api/v1/me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api_client.get("/api/v1/me/")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["code"] == "throttled"


def test_each_user_has_an_allowance_of_their_own(api_client, area, three_a_minute):
    first, second = (factories.user_with_role(area, "viewer") for _ in range(2))
    api_client.force_login(first)
    for _ in range(3):
        api_client.get("/api/v1/me/")
    assert api_client.get("/api/v1/me/").status_code == 429
    api_client.force_login(second)
    assert api_client.get("/api/v1/me/").status_code == 200
