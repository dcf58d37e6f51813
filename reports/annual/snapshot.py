"""The annual report's data snapshot: the figures taken from the system's records
when the report is drafted, stored as JSON and frozen at approval (rule R3).

The snapshot is a list of section builders (``BUILDERS``): each takes the context
and returns one JSON-ready part under its key. Adding a part (e.g. the Oslostandard
self-assessment) is one line. Only aggregates and system-level text go in (C1, R4):
no person's name, no individual case, consent counts with small numbers suppressed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans import selectors as plan_selectors
from actionplans.models import (
    ActionPlan,
    FocusArea,
    Measure,
    ProgressUpdate,
)
from consent import selectors as consent_selectors
from consent.legal import LegalBasis
from meetings.health import PRESENT, area_health, is_steering_body
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Matter,
    Meeting,
)
from municipalities import roles
from municipalities.models import Agency, Area, Group, GroupMember, Membership, Topic
from reports.checklist import oslostandard_summary
from reports.models import StatusReport
from slt_portal.anonymisation import find_identifiers

HELD = (Meeting.Status.HELD, Meeting.Status.MINUTES_SENT)
SYSTEM_LEVEL = (Group.ConfidentialityMode.SYSTEM_ONLY,)
# Free text longer than this is cut in the snapshot (the report is a summary).
MAX_TEXT = 1200


@dataclass(frozen=True)
class SnapshotContext:
    area: Area
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def as_of(self) -> dt.date:
        """The day the figures describe: the year's end, or today for this year."""
        return min(self.end, timezone.localdate())


Builder = Callable[[SnapshotContext], object]


def _cut(text: str) -> str:
    text = (text or "").strip()
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


# --- Builders -----------------------------------------------------------------------


def build_area(ctx: SnapshotContext) -> dict:
    area = ctx.area
    return {
        "name": area.name,
        "kind": area.get_kind_display(),
        "population": area.population,
        "slt_decision_date": _iso(area.slt_decision_date),
        "target_age_from": area.target_age_from,
        "target_age_to": area.target_age_to,
        # Positions in per cent of a full-time post: 1.00 → 100.
        "coordinator_percent": int(area.coordinator_fte * 100)
        if area.coordinator_fte
        else None,
        "coordinator_permanent": area.coordinator_permanent,
        "coordinator_placement": area.coordinator_placement,
        "police_district": area.police_district.name if area.police_district else "",
        "police_unit": area.police_unit,
        "agreement_title": area.agreement_title,
    }


def build_groups(ctx: SnapshotContext) -> list[dict]:
    """Every group: meetings held against the rule, attendance by agency, items,
    decisions and matters handled in the year (system-level groups only for text)."""
    health = area_health(area=ctx.area, today=ctx.as_of)
    groups = [row.group for row in health]
    ids = [g.pk for g in groups]
    members = _members(ids, ctx.as_of)
    items = _items(ids, ctx)
    decisions = _decisions(ids, ctx)
    matters = _matters(ids, ctx)
    attendance = _attendance(ids, ctx)
    result = []
    for row in health:
        group = row.group
        text_ok = group.confidentiality_mode in SYSTEM_LEVEL
        result.append(
            {
                "name": group.name,
                "level": group.level,
                "level_label": group.get_level_display(),
                "kind": group.kind,
                "kind_label": group.get_kind_display(),
                "is_steering": is_steering_body(group),
                "mandate": _cut(group.mandate),
                "established_on": _iso(group.established_on),
                "cadence": group.get_cadence_display(),
                "coverage": group.coverage,
                "age_from": group.age_from,
                "age_to": group.age_to,
                "required": row.required,
                "held": _held_in(row.held_dates, ctx.year),
                "meets_rule": row.required is None
                or _held_in(row.held_dates, ctx.year) >= row.required,
                "attendance_rate": _rate(attendance.get(group.pk, [])),
                "attendance": attendance.get(group.pk, []),
                "members": members.get(group.pk, []),
                "items": items.get(group.pk, []) if text_ok else [],
                "items_count": len(items.get(group.pk, [])),
                "decisions": decisions.get(group.pk, []) if text_ok else [],
                "decisions_count": len(decisions.get(group.pk, [])),
                "matters_up": matters["up"].get(group.pk, []) if text_ok else [],
                "matters_up_count": len(matters["up"].get(group.pk, [])),
                "matters_received_count": matters["received"].get(group.pk, 0),
            }
        )
    return result


def _attendance(group_ids: list[int], ctx: SnapshotContext) -> dict[int, list]:
    """Attendance by agency at the year's held meetings (members, not guests)."""
    rows: dict[int, list[dict]] = {}
    for c in (
        Attendance.objects.filter(
            meeting__group_id__in=group_ids,
            meeting__status__in=HELD,
            meeting__starts_at__date__range=(ctx.start, ctx.end),
            group_member__isnull=False,
        )
        .values("meeting__group_id", "agency__name")
        .annotate(total=Count("pk"), present=Count("pk", filter=Q(status__in=PRESENT)))
        .order_by("meeting__group_id", "agency__name")
    ):
        rows.setdefault(c["meeting__group_id"], []).append(
            {
                "agency": c["agency__name"] or _("No agency"),
                "present": c["present"],
                "total": c["total"],
                "rate": round(100 * c["present"] / c["total"]) if c["total"] else 0,
            }
        )
    return rows


def _rate(rows: list[dict]) -> int | None:
    total = sum(r["total"] for r in rows)
    return round(100 * sum(r["present"] for r in rows) / total) if total else None


def _held_in(dates: list[dt.date], year: int) -> int:
    return sum(1 for d in dates if d.year == year)


def _members(group_ids: list[int], day: dt.date) -> dict[int, list[dict]]:
    """Steering and coordination members by position, agency and role: no names."""
    rows: dict[int, list[dict]] = {}
    members = (
        GroupMember.objects.filter(
            group_id__in=group_ids,
            group__level__in=(Group.Level.STEERING, Group.Level.COORDINATING),
        )
        .active_on(day)
        .select_related("agency")
        .order_by("group_id", "role", "agency__name")
    )
    order = {"chair": 0, "vice_chair": 1, "member": 2, "secretary": 3}
    for m in members:
        rows.setdefault(m.group_id, []).append(
            {
                "position": m.position_title,
                "agency": m.agency.name if m.agency else "",
                "role": m.get_role_display(),
                "order": order.get(m.role, 9),
            }
        )
    for listed in rows.values():
        listed.sort(key=lambda r: (r["order"], r["agency"]))
    return rows


def _items(group_ids: list[int], ctx: SnapshotContext) -> dict[int, list[str]]:
    """Titles of system-level items handled in held meetings of the year."""
    rows: dict[int, list[str]] = {}
    for group_id, title in (
        AgendaItem.objects.filter(
            group_id__in=group_ids,
            meeting__status__in=HELD,
            meeting__starts_at__date__range=(ctx.start, ctx.end),
            confidentiality=Group.ConfidentialityMode.SYSTEM_ONLY,
            is_standing=False,
        )
        .exclude(kind=AgendaItem.Kind.CASE_DISCUSSION)
        .order_by("meeting__starts_at", "order")
        .values_list("group_id", "title")
    ):
        if title not in rows.setdefault(group_id, []):
            rows[group_id].append(title)
    return rows


def _decisions(group_ids: list[int], ctx: SnapshotContext) -> dict[int, list[dict]]:
    rows: dict[int, list[dict]] = {}
    for group_id, decided_at, text, kind in (
        Decision.objects.filter(
            meeting__group_id__in=group_ids,
            decided_at__date__range=(ctx.start, ctx.end),
        )
        .order_by("decided_at", "pk")
        .values_list("meeting__group_id", "decided_at", "text", "kind")
    ):
        rows.setdefault(group_id, []).append(
            {
                "date": _iso(timezone.localdate(decided_at)),
                "text": _cut(text)[:300],
                "kind": str(Decision.Kind(kind).label),
            }
        )
    return rows


def _matters(group_ids: list[int], ctx: SnapshotContext) -> dict[str, dict]:
    sent = Matter.objects.filter(
        from_group_id__in=group_ids, raised_at__date__range=(ctx.start, ctx.end)
    )
    up: dict[int, list[str]] = {}
    for group_id, title in sent.order_by("raised_at").values_list(
        "from_group_id", "title"
    ):
        up.setdefault(group_id, []).append(title)
    received = dict(
        Matter.objects.filter(
            to_group_id__in=group_ids, raised_at__date__range=(ctx.start, ctx.end)
        )
        .values_list("to_group_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {"up": up, "received": received}


def _plan_for(ctx: SnapshotContext) -> ActionPlan | None:
    return (
        ActionPlan.objects.for_area(ctx.area)
        .filter(
            status__in=(
                ActionPlan.Status.APPROVED,
                ActionPlan.Status.ENDED,
                ActionPlan.Status.SUPERSEDED,
            ),
            period_start__lte=ctx.end,
            period_end__gte=ctx.start,
        )
        .exclude(kind=ActionPlan.Kind.PROGRAMME)
        .order_by("-period_start", "-version")
        .first()
    )


def build_focus_areas(ctx: SnapshotContext) -> dict:
    """Per focus area: measures (status, prevention level, responsible agency) and
    «Dette er gjort i {år}» from highlighted progress and completed measures."""
    plan = _plan_for(ctx)
    if plan is None:
        return {"plan": None, "items": [], "linked_plans": []}
    focus_areas = FocusArea.objects.filter(plan=plan).filter(
        Q(year__isnull=True) | Q(year=ctx.year)
    )
    measures = list(
        Measure.objects.filter(focus_area__in=focus_areas)
        .select_related("responsible_agency")
        .order_by("focus_area_id", "order", "pk")
    )
    highlights = ProgressUpdate.objects.filter(
        measure__in=measures, is_highlight=True, date__range=(ctx.start, ctx.end)
    ).order_by("date", "pk")
    done: dict[int, list[str]] = {}
    for update in highlights:
        done.setdefault(update.measure_id, []).append(_cut(update.text))
    finished = {Measure.Status.COMPLETED, Measure.Status.HANDED_OVER}
    items = []
    for focus_area in focus_areas.order_by("order", "pk"):
        own = [m for m in measures if m.focus_area_id == focus_area.pk]
        items.append(
            {
                "title": focus_area.title,
                "description": _cut(focus_area.description),
                "measures": [
                    {
                        "title": m.title,
                        "status": m.status,
                        "status_label": m.get_status_display(),
                        "prevention_level": m.prevention_level,
                        "prevention_label": m.get_prevention_level_display(),
                        "agency": m.responsible_agency.name
                        if m.responsible_agency
                        else "",
                    }
                    for m in own
                ],
                "done": [
                    {"measure": m.title, "text": text}
                    for m in own
                    for text in done.get(m.pk, [])
                ]
                + [
                    {"measure": m.title, "text": m.get_status_display()}
                    for m in own
                    if m.status in finished and m.pk not in done
                ],
            }
        )
    return {
        "plan": {
            "title": plan.title,
            "period": f"{plan.period_start.year}–{plan.period_end.year}",
        },
        "items": items,
        "linked_plans": [
            {k: str(v) for k, v in p.items() if k in ("title", "period", "url")}
            for p in plan.linked_plans
            if isinstance(p, dict)
        ],
    }


def _reports_of(ctx: SnapshotContext, kinds) -> list[StatusReport]:
    return list(
        StatusReport.objects.for_area(ctx.area)
        .filter(
            kind__in=kinds,
            period_start__lte=ctx.end,
            period_end__gte=ctx.start,
        )
        .exclude(status=StatusReport.Status.DRAFT)
        .select_related("author_agency")
        .order_by("period_start", "pk")
    )


def _topic_labels(codes: list[str]) -> list[str]:
    return [str(Topic(c).label) for c in codes if c in Topic.values]


def build_problem_picture(ctx: SnapshotContext) -> list[dict]:
    """The year's utfordringsbilde and police tertial reports."""
    kinds = (StatusReport.Kind.CHALLENGE_PICTURE, StatusReport.Kind.POLICE_TERTIAL)
    return [
        {
            "title": r.title,
            "kind": r.get_kind_display(),
            "period": f"{r.period_start:%d.%m.%Y}–{r.period_end:%d.%m.%Y}",
            "categories": _topic_labels(r.categories),
            "body": _cut(r.body),
        }
        for r in _reports_of(ctx, kinds)
    ]


def build_service_feedback(ctx: SnapshotContext) -> list[dict]:
    """«Fra {tjeneste}»: each service's answer to the year-end feedback round."""
    return [
        {
            "agency": r.author_agency.name if r.author_agency else r.title,
            "title": r.title,
            "body": _cut(r.body),
        }
        for r in _reports_of(ctx, (StatusReport.Kind.SERVICE_FEEDBACK,))
    ]


def build_partners(ctx: SnapshotContext) -> list[str]:
    """«SLT har følgende etablerte eksterne samarbeid»."""
    return list(
        Agency.objects.for_area(ctx.area)
        .filter(is_external_partner=True, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )


def build_people(ctx: SnapshotContext) -> dict:
    """Coordinators and police contacts counted by agency (no names), police units."""
    memberships = (
        Membership.objects.for_area(ctx.area)
        .filter(role__in=(roles.COORDINATOR, roles.POLICE_CONTACT))
        .active_on(ctx.as_of)
        .values_list("role", "agency__name")
    )
    counts: dict[str, Counter] = {roles.COORDINATOR: Counter(), "police": Counter()}
    for role, agency in memberships:
        key = roles.COORDINATOR if role == roles.COORDINATOR else "police"
        counts[key][agency or ""] += 1
    police_agencies = list(
        Agency.objects.for_area(ctx.area)
        .filter(kind=Agency.Kind.POLICE, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {
        "coordinators": sum(counts[roles.COORDINATOR].values()),
        "coordinator_agencies": sorted(a for a in counts[roles.COORDINATOR] if a),
        "police_contacts": sum(counts["police"].values()),
        "police_agencies": police_agencies,
    }


def build_indicators(ctx: SnapshotContext) -> list[dict]:
    """Indicators with their values up to the year's end (suppressed stay hidden)."""
    result = []
    for indicator in plan_selectors.indicator_list(area=ctx.area):
        values = [v for v in indicator.values.all() if v.period_end <= ctx.end]
        if not values:
            continue
        result.append(
            {
                "name": indicator.name,
                "source": indicator.source,
                "source_label": indicator.get_source_display(),
                "cohort": indicator.cohort,
                "unit": indicator.unit,
                "comparison_label": indicator.comparison_label,
                "values": [
                    {
                        "period_start": _iso(v.period_start),
                        "period_end": _iso(v.period_end),
                        "value": None if v.suppressed else str(v.value),
                        "comparison_value": None
                        if v.comparison_value is None
                        else str(v.comparison_value),
                        "suppressed": v.suppressed,
                    }
                    for v in values
                ],
            }
        )
    return result


def build_consent(ctx: SnapshotContext) -> dict:
    """Consent and disclosure counts only, 1–4 shown as «<5» (R4, §8)."""
    rows = consent_selectors.consent_statistics(area_ids=[ctx.area.pk], today=ctx.as_of)
    if not rows:
        return {}
    row = rows[0]
    return {
        "active_subjects": row["active_subjects"],
        "active_consents": row["active_consents"],
        "incomplete_consents": row["incomplete_consents"],
        "withdrawn_consents": row["withdrawn_consents"],
        "expired_consents": row["expired_consents"],
        "disclosures": [
            {"basis": str(LegalBasis(basis).label), "count": count}
            for basis, count in row["disclosures_by_basis"].items()
        ],
    }


def build_key_figures(ctx: SnapshotContext) -> dict:
    """Nøkkeltall: follow-ups, measures by status and prevention level, matters."""
    follow_ups = FollowUp.objects.filter(
        area=ctx.area, meeting__starts_at__date__range=(ctx.start, ctx.end)
    ).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=FollowUp.Status.DONE)),
        overdue=Count(
            "pk",
            filter=Q(status__in=FollowUp.OPEN_STATUSES, due_date__lt=ctx.as_of),
        ),
    )
    plan = _plan_for(ctx)
    measures = Measure.objects.filter(focus_area__plan=plan) if plan else None
    by_status = (
        Counter(dict(measures.values_list("status").annotate(n=Count("pk")).order_by()))
        if measures is not None
        else Counter()
    )
    by_level = (
        Counter(
            dict(
                measures.values_list("prevention_level")
                .annotate(n=Count("pk"))
                .order_by()
            )
        )
        if measures is not None
        else Counter()
    )
    matters = Matter.objects.filter(
        from_group__area=ctx.area, raised_at__date__range=(ctx.start, ctx.end)
    ).aggregate(
        up=Count("pk", filter=Q(kind=Matter.Kind.ESCALATION)),
        down=Count(
            "pk", filter=Q(kind__in=(Matter.Kind.ORDER, Matter.Kind.REPORT_REQUEST))
        ),
    )
    return {
        "follow_ups": follow_ups,
        "measures_by_status": [
            {"label": str(label), "count": by_status[value]}
            for value, label in Measure.Status.choices
        ],
        "measures_by_level": [
            {"label": str(label), "count": by_level[value]}
            for value, label in Measure.PreventionLevel.choices
        ],
        "matters": matters,
    }


BUILDERS: list[tuple[str, Builder]] = [
    ("area", build_area),
    ("groups", build_groups),
    ("focus_areas", build_focus_areas),
    ("problem_picture", build_problem_picture),
    ("service_feedback", build_service_feedback),
    ("partners", build_partners),
    ("people", build_people),
    ("indicators", build_indicators),
    ("consent", build_consent),
    ("key_figures", build_key_figures),
    ("oslostandard", lambda ctx: oslostandard_summary(area=ctx.area, year=ctx.year)),
]


def build_snapshot(*, area: Area, year: int) -> dict:
    """The figures for ``area`` and ``year`` from every builder, plus text warnings."""
    ctx = SnapshotContext(area=area, year=year)
    snapshot: dict = {"year": year, "taken_at": timezone.now().isoformat()}
    for key, builder in BUILDERS:
        snapshot[key] = builder(ctx)
    snapshot["warnings"] = text_warnings(snapshot)
    return snapshot


def text_warnings(snapshot: dict) -> list[str]:
    """Anything in the copied free text that may identify a person (C1, C2, R4)."""
    texts = [p["body"] for p in snapshot.get("problem_picture", [])]
    texts += [p["body"] for p in snapshot.get("service_feedback", [])]
    for group in snapshot.get("groups", []):
        texts += group["items"] + group["matters_up"]
        texts += [d["text"] for d in group["decisions"]]
    for item in snapshot.get("focus_areas", {}).get("items", []):
        texts += [d["text"] for d in item["done"]]
    found = [f for text in texts for f in find_identifiers(text)]
    return sorted({f"{f.label} «{f.shown}»" for f in found})[:20]
