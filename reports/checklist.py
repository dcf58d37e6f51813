"""Egenvurdering etter Oslostandarden: reads and writes for the checklist.

A district's coordinator assesses each ``bydel`` recommendation per year (met /
partly / not met, with a comment); the secretariat assesses the ``city`` ones for
Oslo and reads every district's answers side by side. Where the portal's own records
can evidence an item, the evidence is shown beside the answer (domain.md §9). Only
Oslo uses the standard: other areas get ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from municipalities import roles
from municipalities.models import Area, Group, User
from reports.models import ChecklistAssessment
from reports.oslostandard import (
    BY_CODE,
    BYDEL,
    CITY,
    Recommendation,
    recommendations_for,
)
from slt_portal.anonymisation import has_national_id
from slt_portal.exceptions import ApplicationError

OSLO_KOMMUNENUMMER = "0301"
Rating = ChecklistAssessment.Rating
# Partly met counts half in a district's score.
WEIGHTS = {Rating.MET: 1.0, Rating.PARTLY: 0.5, Rating.NOT_MET: 0.0}


def checklist_scope(area: Area) -> str | None:
    """``bydel`` for an Oslo district, ``city`` for Oslo itself, else None."""
    if area.kommunenummer == OSLO_KOMMUNENUMMER and area.kind == Area.Kind.KOMMUNE:
        return CITY
    if area.kind == Area.Kind.BYDEL and area.parent_id:
        parent = Area.objects.filter(pk=area.parent_id).only("kommunenummer").get()
        if parent.kommunenummer == OSLO_KOMMUNENUMMER:
            return BYDEL
    return None


def editor_roles(scope: str) -> frozenset[str]:
    """Who answers: the district's coordinator; for the city also the secretariat.
    (The secretariat's inherited role in a district only reads.)"""
    if scope == CITY:
        return frozenset({roles.COORDINATOR, roles.SECRETARIAT})
    return frozenset({roles.COORDINATOR})


def year_choices(today: dt.date | None = None) -> list[int]:
    """Years that can be assessed: this year and the four before it."""
    today = today or timezone.localdate()
    return list(range(today.year, today.year - 5, -1))


# --- Writes -------------------------------------------------------------------------


@transaction.atomic
def checklist_assess(
    *,
    area: Area,
    year: int,
    code: str,
    rating: str,
    comment: str = "",
    user: User | None,
) -> ChecklistAssessment:
    """Vurder anbefaling: record (or change) the area's answer for one year."""
    scope = checklist_scope(area)
    if scope is None:
        raise ApplicationError(_("The Oslostandard applies to Oslo and its districts."))
    recommendation = BY_CODE.get(code)
    if recommendation is None or recommendation.scope != scope:
        raise ApplicationError(_("Unknown recommendation."), field="code")
    if year not in year_choices():
        raise ApplicationError(_("Pick one of the last five years."), field="year")
    if rating not in Rating.values:
        raise ApplicationError(_("Choose met, partly met or not met."), field="rating")
    if has_national_id(comment):
        raise ApplicationError(
            _(
                "The text holds what looks like a national identity number. "
                "Remove it: reports hold system-level information only."
            ),
            field="comment",
        )
    assessment = (
        ChecklistAssessment.objects.select_for_update()
        .filter(area=area, year=year, code=code)
        .first()
    )
    if assessment is None:
        assessment = ChecklistAssessment(
            area=area, year=year, code=code, created_by=user
        )
    assessment.rating, assessment.comment = rating, comment.strip()
    assessment.assessed_by = user
    assessment.full_clean()
    assessment.save()
    return assessment


# --- Reads --------------------------------------------------------------------------


@dataclass
class ChecklistRow:
    recommendation: Recommendation
    assessment: ChecklistAssessment | None
    evidence: str = ""

    @property
    def code(self) -> str:
        return self.recommendation.code


def checklist_rows(*, area: Area, year: int) -> list[ChecklistRow]:
    """Every recommendation for the area's scope with its answer and evidence."""
    scope = checklist_scope(area)
    if scope is None:
        return []
    answers = {
        a.code: a
        for a in ChecklistAssessment.objects.for_area(area)
        .filter(year=year)
        .select_related("assessed_by")
    }
    evidence = checklist_evidence(area=area, year=year) if scope == BYDEL else {}
    return [
        ChecklistRow(
            recommendation=r,
            assessment=answers.get(r.code),
            evidence=evidence.get(r.code, ""),
        )
        for r in recommendations_for(scope)
    ]


def checklist_row(*, area: Area, year: int, code: str) -> ChecklistRow | None:
    return next(
        (r for r in checklist_rows(area=area, year=year) if r.code == code), None
    )


def checklist_evidence(*, area: Area, year: int) -> dict[str, str]:
    """What the portal's own records say for OS10, OS11, OS19 and OS25 (4 queries)."""
    from actionplans.models import CycleTask
    from meetings.models import AgendaItem, Meeting

    held = (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT)
    on_agenda = AgendaItem.objects.filter(
        meeting=OuterRef("pk"),
        status__in=(AgendaItem.Status.ACCEPTED, AgendaItem.Status.HANDLED),
    )
    meetings = (
        Meeting.objects.for_area(area)
        .filter(status__in=held, starts_at__year=year)
        .annotate(has_agenda=Exists(on_agenda))
        .aggregate(
            total=Count("pk"),
            clear=Count(
                "pk",
                filter=Q(has_agenda=True) & ~Q(group__mandate="") & ~Q(purpose=""),
            ),
        )
    )
    steering = (
        Group.objects.for_area(area)
        .filter(level=Group.Level.STEERING, dissolved_on__isnull=True)
        .count()
    )
    tasks = CycleTask.objects.for_area(area).filter(year=year).count()
    found = {
        "OS11": _("Steering groups registered: %(n)d.") % {"n": steering},
        "OS25": _("Annual-cycle tasks for %(year)d: %(n)d.")
        % {"year": year, "n": tasks},
    }
    if meetings["total"]:
        found["OS10"] = _(
            "%(clear)d of %(total)d meetings held had a mandate, a purpose and an "
            "agenda (%(share)d %%)."
        ) % {
            "clear": meetings["clear"],
            "total": meetings["total"],
            "share": round(100 * meetings["clear"] / meetings["total"]),
        }
    else:
        found["OS10"] = _("No meetings held in %(year)d.") % {"year": year}
    if area.coordinator_fte is not None:
        found["OS19"] = _("Coordinator position: %(fte)d %%, %(kind)s.") % {
            "fte": round(area.coordinator_fte * 100),
            "kind": _("permanent")
            if area.coordinator_permanent
            else _("not permanent"),
        }
    return found


def score(counts: Counter) -> int | None:
    """Share of the assessed items that are met (partly met counts half)."""
    assessed = sum(counts[r] for r in Rating.values)
    if not assessed:
        return None
    return round(100 * sum(WEIGHTS[r] * counts[r] for r in Rating.values) / assessed)


def _counts_dict(counts: Counter, total: int) -> dict:
    assessed = sum(counts[r] for r in Rating.values)
    return {
        "total": total,
        "assessed": assessed,
        "not_assessed": total - assessed,
        "met": counts[Rating.MET],
        "partly": counts[Rating.PARTLY],
        "not_met": counts[Rating.NOT_MET],
        "score": score(counts),
    }


def checklist_city_summary(*, districts: list[Area], year: int) -> dict:
    """Every district's answers side by side (one query however many districts):
    per recommendation how many met / partly / not met, per district a score."""
    items = recommendations_for(BYDEL)
    per_code: dict[str, Counter] = defaultdict(Counter)
    per_area: dict[int, Counter] = defaultdict(Counter)
    rows = ChecklistAssessment.objects.filter(
        area_id__in=[d.pk for d in districts], year=year
    ).values_list("area_id", "code", "rating")
    for area_id, code, rating in rows:
        if code in BY_CODE and BY_CODE[code].scope == BYDEL:
            per_code[code][rating] += 1
            per_area[area_id][rating] += 1
    return {
        "year": year,
        "recommendations": [
            {
                "code": r.code,
                "line": r.line,
                "text": r.text,
                **_counts_dict(per_code[r.code], len(districts)),
            }
            for r in items
        ],
        "districts": [
            {"area": d.slug, "name": d.name, **_counts_dict(per_area[d.pk], len(items))}
            for d in districts
        ],
    }


def oslostandard_summary(*, area: Area, year: int) -> dict | None:
    """Oslostandarden for the annual report: the area's own answers and counts, and
    for Oslo also the districts' answers side by side. None outside Oslo."""
    scope = checklist_scope(area)
    if scope is None:
        return None
    rows = checklist_rows(area=area, year=year)
    counts = Counter(r.assessment.rating for r in rows if r.assessment)
    summary = {
        "year": year,
        "scope": scope,
        "source": "Oslostandard for SaLTo-arbeidet",
        **_counts_dict(counts, len(rows)),
        "items": [
            {
                "code": r.code,
                "line": r.recommendation.line,
                "chapter": r.recommendation.chapter,
                "text": r.recommendation.text,
                "rating": r.assessment.rating if r.assessment else "",
                "rating_label": str(r.assessment.get_rating_display())
                if r.assessment
                else "",
                "comment": r.assessment.comment if r.assessment else "",
            }
            for r in rows
        ],
    }
    if scope == CITY:
        districts = list(
            Area.objects.filter(parent=area, is_active=True).order_by(
                "bydelsnummer", "name"
            )
        )
        with scopes_disabled():  # the city reads its districts' answers
            summary["districts"] = checklist_city_summary(
                districts=districts, year=year
            )
    return summary
