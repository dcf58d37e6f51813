"""Byrapport: the city aggregate across a parent area's districts (Oslo's bydeler).

For one year, per district: meeting health of the styringsgruppe and the
koordineringsgruppe (held against the rule, attendance rate), plan progress (measures
by status, overdue, off track), open follow-ups and matters, sharing counts, the
Oslostandard self-assessment score, and indicators with the same name side by side.

Counts only, never individual-level data (rule C1/R4): no names, no pseudonyms, no
subject or consent rows. Counts that concern young people (consents, disclosures) and
indicator values from few respondents show as «<5» for 1–4 (domain.md §8).

Built in a fixed number of queries however many districts there are (the scale
benchmark runs it over 371 areas).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django_scopes import scope

from actionplans.charts import format_value, period_label
from actionplans.models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from actionplans.selectors import overdue_condition
from consent.models import Consent, Disclosure
from meetings.health import AHEAD, HELD, OPEN_MATTER, PRESENT, is_steering_body
from meetings.models import Attendance, FollowUp, Matter, Meeting
from municipalities.models import Area, Group
from reports.checklist import checklist_city_summary

ADOPTED_PLANS = (
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.ENDED,
    ActionPlan.Status.SUPERSEDED,
)
HEALTH_KINDS = (
    Group.Kind.STEERING_GROUP,
    Group.Kind.POLICE_COUNCIL,
    Group.Kind.COORDINATION_GROUP,
)


def suppress(count: int) -> str:
    """Small numbers (1 to threshold − 1) show as «<5»; zero is shown (§8)."""
    threshold = settings.SLT["SMALL_NUMBER_THRESHOLD"]
    return f"<{threshold}" if 0 < count < threshold else str(count)


def city_districts(*, parent: Area) -> list[Area]:
    """The parent's active districts in SSB order."""
    return list(
        Area.objects.filter(parent=parent, is_active=True).order_by(
            "bydelsnummer", "name"
        )
    )


def is_city(area: Area) -> bool:
    """An area with districts (Oslo) has a city aggregate."""
    return Area.objects.filter(parent=area, is_active=True).exists()


def city_aggregate_build(
    *, parent: Area, year: int, today: dt.date | None = None
) -> dict:
    """Byrapport for ``parent`` and ``year`` as plain data (JSON-ready)."""
    today = today or timezone.localdate()
    cutoff = min(today, dt.date(year, 12, 31))
    districts = city_districts(parent=parent)
    ids = [d.pk for d in districts]
    with scope(area=[parent.pk, *ids]):
        health = _meeting_health(ids, year, today)
        attendance = _attendance(ids, year)
        measures = _measures(ids, year, cutoff)
        follow_ups = _open_follow_ups(ids, cutoff)
        matters = _matters_waiting(ids)
        sharing = _sharing(ids, year)
        indicators = _indicators(districts, year)
        checklist = checklist_city_summary(districts=districts, year=year)
    scores = {row["area"]: row for row in checklist["districts"]}
    rows = []
    for d in districts:
        rows.append(
            {
                "area": d.slug,
                "name": d.name,
                "bydelsnummer": d.bydelsnummer,
                "steering": health[d.pk][Group.Level.STEERING],
                "coordination": health[d.pk][Group.Level.COORDINATING],
                "attendance_rate": attendance.get(d.pk),
                "measures": measures[d.pk],
                "follow_ups_overdue": follow_ups[d.pk],
                "matters_waiting": matters[d.pk],
                "consents_given": sharing[d.pk]["consents"],
                "disclosures": sharing[d.pk]["disclosures"],
                "checklist": {
                    k: scores[d.slug][k]
                    for k in ("assessed", "met", "partly", "not_met", "score", "total")
                },
                "indicators": {i["key"]: i["values"].get(d.slug) for i in indicators},
            }
        )
    return {
        "area": parent.slug,
        "name": parent.name,
        "year": year,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "threshold": settings.SLT["SMALL_NUMBER_THRESHOLD"],
        "districts": rows,
        "totals": _totals(rows),
        "indicators": indicators,
        "checklist": checklist,
    }


def city_table(data: dict) -> list[dict]:
    """District rows with their indicator values in the indicator column order."""
    keys = [i["key"] for i in data["indicators"]]
    return [
        {
            **row,
            "levels": [row["steering"], row["coordination"]],
            "indicator_cells": [row["indicators"].get(k) for k in keys],
        }
        for row in data["districts"]
    ]


def city_context(data: dict) -> dict:
    """What the page and the PDF templates need besides the data."""
    return {
        "data": data,
        "rows": city_table(data),
        "measure_statuses": [(s.value, s.label) for s in Measure.Status],
    }


def city_aggregate_pdf(*, data: dict) -> tuple[str, bytes]:
    """Byrapport som PDF (tagged PDF/UA-1, page numbers): ``(html, pdf)``."""
    from django.utils.translation import gettext as _

    from reports.pdf import render_pdf

    title = _("City report %(year)d: %(name)s") % {
        "year": data["year"],
        "name": data["name"],
    }
    return render_pdf("reports/city/pdf.html", {"title": title, **city_context(data)})


# --- Parts (one or two queries each, across every district) -------------------------


def _empty_level() -> dict:
    return {"groups": 0, "held": 0, "planned": 0, "required": None, "behind": False}


def _meeting_health(ids: list[int], year: int, today: dt.date) -> dict:
    """Styringsgruppe and koordineringsgruppe: meetings held in ``year`` against the
    rule (M1, M2); ``planned`` counts meetings still ahead in the year."""
    start = dt.date(year, 1, 1)
    groups = list(
        Group.objects.filter(area_id__in=ids, kind__in=HEALTH_KINDS).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start)
        )
    )
    groups = [
        g
        for g in groups
        if is_steering_body(g) or g.kind == Group.Kind.COORDINATION_GROUP
    ]
    counts = {
        row["group_id"]: row
        for row in Meeting.objects.filter(
            group_id__in=[g.pk for g in groups], starts_at__year=year
        )
        .values("group_id")
        .annotate(
            held=Count("pk", filter=Q(status__in=HELD, starts_at__date__lte=today)),
            planned=Count("pk", filter=Q(status__in=AHEAD, starts_at__date__gte=today)),
        )
    }
    found: dict[int, dict] = defaultdict(
        lambda: {
            Group.Level.STEERING: _empty_level(),
            Group.Level.COORDINATING: _empty_level(),
        }
    )
    for g in groups:
        level = (
            Group.Level.STEERING if is_steering_body(g) else Group.Level.COORDINATING
        )
        row = found[g.area_id][level]
        row["groups"] += 1
        row["held"] += counts.get(g.pk, {}).get("held", 0)
        row["planned"] += counts.get(g.pk, {}).get("planned", 0)
        required = g.required_meetings_per_year
        if required is not None:
            row["required"] = max(row["required"] or 0, required)
    for levels in found.values():
        for row in levels.values():
            row["behind"] = bool(
                row["required"] and row["held"] + row["planned"] < row["required"]
            )
    return found


def _attendance(ids: list[int], year: int) -> dict[int, int]:
    """Attendance rate (%) at held meetings of the district's groups in ``year``."""
    rows = (
        Attendance.objects.filter(
            area_id__in=ids,
            meeting__status__in=HELD,
            meeting__starts_at__year=year,
            group_member__isnull=False,
        )
        .values("area_id")
        .annotate(total=Count("pk"), present=Count("pk", filter=Q(status__in=PRESENT)))
    )
    return {
        r["area_id"]: round(100 * r["present"] / r["total"]) for r in rows if r["total"]
    }


def _measures(ids: list[int], year: int, cutoff: dt.date) -> dict[int, dict]:
    """Measures of the district's adopted plans covering ``year``, by status, with
    the overdue ones and those whose latest progress update says delayed."""
    latest = ProgressUpdate.objects.filter(
        measure=OuterRef("pk"), date__lte=cutoff
    ).order_by("-date", "-pk")
    rows = (
        Measure.objects.filter(
            area_id__in=ids,
            focus_area__plan__status__in=ADOPTED_PLANS,
            focus_area__plan__period_start__lte=dt.date(year, 12, 31),
            focus_area__plan__period_end__gte=dt.date(year, 1, 1),
        )
        .exclude(focus_area__plan__kind=ActionPlan.Kind.PROGRAMME)
        .annotate(rating=Subquery(latest.values("rating")[:1]))
        .values("area_id", "status")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=overdue_condition(cutoff)),
            off_track=Count(
                "pk",
                filter=Q(
                    status=Measure.Status.ACTIVE,
                    rating=ProgressUpdate.Rating.OFF_TRACK,
                ),
            ),
        )
        .order_by()
    )
    found: dict[int, dict] = defaultdict(
        lambda: {
            "total": 0,
            "by_status": dict.fromkeys(Measure.Status.values, 0),
            "overdue": 0,
            "off_track": 0,
        }
    )
    for r in rows:
        entry = found[r["area_id"]]
        entry["total"] += r["n"]
        entry["by_status"][r["status"]] += r["n"]
        entry["overdue"] += r["overdue"]
        entry["off_track"] += r["off_track"]
    return found


def _open_follow_ups(ids: list[int], cutoff: dt.date) -> Counter:
    return Counter(
        dict(
            FollowUp.objects.filter(
                area_id__in=ids,
                status__in=FollowUp.OPEN_STATUSES,
                due_date__lt=cutoff,
            )
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )


def _matters_waiting(ids: list[int]) -> Counter:
    """Matters the district's groups have sent and are still waiting on."""
    return Counter(
        dict(
            Matter.objects.filter(area_id__in=ids, status__in=OPEN_MATTER)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )


def _sharing(ids: list[int], year: int) -> dict[int, dict[str, str]]:
    """Consents given and disclosures made in ``year``: suppressed counts only."""
    consents = Counter(
        dict(
            Consent.objects.filter(area_id__in=ids, given_at__year=year)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    disclosures = Counter(
        dict(
            Disclosure.objects.filter(
                area_id__in=ids,
                status=Disclosure.Status.DISCLOSED,
                disclosed_at__year=year,
            )
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    return {
        area_id: {
            "consents": suppress(consents[area_id]),
            "disclosures": suppress(disclosures[area_id]),
        }
        for area_id in ids
    }


def _indicator_key(name: str, unit: str, cohort: str) -> str:
    return "|".join(part.strip().casefold() for part in (name, cohort, unit))


def _indicators(districts: list[Area], year: int) -> list[dict]:
    """Indicators with the same name (cohort, unit) in several districts, each with
    the district's latest value for a period ending by the end of ``year``."""
    slug_of = {d.pk: d.slug for d in districts}
    values = (
        IndicatorValue.objects.filter(
            area_id__in=list(slug_of), period_end__lte=dt.date(year, 12, 31)
        )
        .select_related("indicator")
        .only(
            "area_id",
            "period_start",
            "period_end",
            "value",
            "suppressed",
            "indicator__name",
            "indicator__unit",
            "indicator__cohort",
        )
        .order_by("indicator_id", "-period_end", "-pk")
    )
    found: dict[str, dict] = {}
    for v in values:
        ind = v.indicator
        key = _indicator_key(ind.name, ind.unit, ind.cohort)
        entry = found.setdefault(
            key,
            {
                "key": key,
                "name": ind.name,
                "cohort": ind.cohort,
                "unit": ind.unit,
                "unit_label": str(Indicator.Unit(ind.unit).label),
                "values": {},
            },
        )
        slug = slug_of[v.area_id]
        if slug in entry["values"]:
            continue  # newest first: the district's latest value is kept
        threshold = settings.SLT["SMALL_NUMBER_THRESHOLD"]
        entry["values"][slug] = {
            "value": f"<{threshold}"
            if v.suppressed
            else format_value(v.value, ind.unit),
            "period": period_label(v.period_start, v.period_end),
        }
    return sorted(found.values(), key=lambda i: (-len(i["values"]), i["name"]))


def _totals(rows: list[dict]) -> dict:
    def level_totals(level: str) -> dict:
        return {
            "held": sum(r[level]["held"] for r in rows),
            "behind": sum(1 for r in rows if r[level]["behind"]),
            "missing": sum(1 for r in rows if not r[level]["groups"]),
        }

    return {
        "districts": len(rows),
        "steering": level_totals("steering"),
        "coordination": level_totals("coordination"),
        "measures": sum(r["measures"]["total"] for r in rows),
        "measures_overdue": sum(r["measures"]["overdue"] for r in rows),
        "follow_ups_overdue": sum(r["follow_ups_overdue"] for r in rows),
        "checklist_assessed": sum(1 for r in rows if r["checklist"]["assessed"]),
    }
