"""Baseline for the benchmarks (issue 7): a bare DRF view, no database, no auth.

Routed only when ``BENCH_ENDPOINTS`` is on (``make bench`` sets it): the figures of
the real pages and endpoints are given as ratios to this view, measured in the same
run by the same client, so they hold on any machine.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

BASELINE_ROWS = 100
# Shaped like a page of measures, so the payload is comparable.
_ROW = {
    "title": "Rusforebygging: tiltak 1",
    "description": "Tiltaket drives av tjenestene i fellesskap.",
    "topics": ["substances"],
    "prevention_level": "universal",
    "target_group": "Ungdom 13–18 år",
    "age_from": 13,
    "age_to": 18,
    "status": "completed",
    "start_date": "2024-01-01",
    "end_date": "2024-12-31",
    "funding_source": "ordinary_budget",
    "evaluation_type": "process",
    "evaluator": "internal",
    "evaluation_due": None,
    "order": 0,
    "is_overdue": False,
}
_PAGE = {
    "count": BASELINE_ROWS,
    "next": None,
    "previous": None,
    "results": [
        {"id": n, "area": 1, "focus_area": 1, "plan": 1, **_ROW}
        for n in range(1, BASELINE_ROWS + 1)
    ],
}


class BaselineView(APIView):
    """100 fixed rows through DRF's full request/response cycle, without a query."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = ()

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(_PAGE)
