"""The benchmark baseline is routed only when BENCH_ENDPOINTS is on (issue 7)."""

from __future__ import annotations

import importlib

import pytest
from django.urls import Resolver404, clear_url_caches, resolve

from slt_portal import urls

BASELINE = "/api/v1/bench/baseline/"


@pytest.fixture
def bench_urls(settings):
    settings.BENCH_ENDPOINTS = True
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.BENCH_ENDPOINTS = False
    importlib.reload(urls)
    clear_url_caches()


def test_the_baseline_is_not_routed_by_default(client):
    with pytest.raises(Resolver404):
        resolve(BASELINE)
    assert client.get(BASELINE).status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("bench_urls")
def test_the_baseline_returns_100_rows_without_a_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(BASELINE)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100
