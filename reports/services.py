"""Writes for reports. Status reports (utfordringsbilde, police tertial reports,
mappings) are written here; the reports issue adds the annual report and reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Agency, Area, Group, Topic, User
from reports.models import StatusReport
from slt_portal.anonymisation import find_identifiers, has_national_id
from slt_portal.exceptions import ApplicationError

# Periodic reports drafted from the records (statusrapport, rapport til politirådet).
STATUS_KINDS = (StatusReport.Kind.STATUS_REPORT, StatusReport.Kind.REPORT_TO_COUNCIL)
STATUS_KIND_CHOICES = [c for c in StatusReport.Kind.choices if c[0] in STATUS_KINDS]
EDITABLE_FIELDS = (
    "kind",
    "title",
    "period_start",
    "period_end",
    "body",
    "author_agency",
    "from_group",
    "to_group",
    "categories",
)


def _check(report: StatusReport) -> None:
    report.full_clean()
    if report.period_end < report.period_start:
        raise ApplicationError(
            _("The period cannot end before it starts."), field="period_end"
        )
    if any(c not in Topic.values for c in report.categories):
        raise ApplicationError(_("Unknown category."), field="categories")
    if has_national_id(report.body) or has_national_id(report.title):
        # A national identity number never enters the portal (rule C12).
        raise ApplicationError(
            _(
                "The text holds what looks like a national identity number. "
                "Remove it: reports hold system-level information only."
            ),
            field="body",
        )


def status_report_warnings(report: StatusReport) -> list[str]:
    """Anything in the text that may identify a person (rules C1, C2, R4)."""
    findings = [
        f
        for f in find_identifiers(f"{report.title}\n{report.body}")
        if f.kind != "national_id"
    ]
    return [f"{f.label} «{f.shown}»" for f in findings]


@transaction.atomic
def status_report_create(
    *,
    area: Area,
    kind: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    author: User,
    body: str = "",
    author_agency: Agency | None = None,
    from_group: Group | None = None,
    to_group: Group | None = None,
    categories: Iterable[str] = (),
) -> StatusReport:
    """Skriv statusrapport / utfordringsbilde (draft)."""
    report = StatusReport(
        area=area,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        body=body,
        author=author,
        author_agency=author_agency,
        from_group=from_group,
        to_group=to_group,
        categories=list(categories),
        created_by=author,
    )
    _check(report)
    report.save()
    return report


@transaction.atomic
def status_report_update(*, report: StatusReport, **fields) -> StatusReport:
    """Endre utkast. A submitted report is frozen."""
    if report.status != StatusReport.Status.DRAFT:
        raise ApplicationError(
            _("The report has been submitted and can no longer be changed.")
        )
    if set(fields) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not editable: {sorted(set(fields) - set(EDITABLE_FIELDS))}")
    for name, value in fields.items():
        setattr(report, name, list(value) if name == "categories" else value)
    _check(report)
    report.save()
    return report


@transaction.atomic
def status_report_submit(*, report: StatusReport, submitted_by: User) -> StatusReport:
    """Lever rapport: its text is frozen into ``data_snapshot``."""
    if report.status != StatusReport.Status.DRAFT:
        raise ApplicationError(_("The report has already been submitted."))
    if not report.body.strip():
        raise ApplicationError(
            _("Write the report before you submit it."), field="body"
        )
    _check(report)
    report.status = StatusReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.data_snapshot = {
        "title": report.title,
        "kind": report.kind,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "body": report.body,
        "categories": list(report.categories),
        "author": report.author.full_name,
        "author_agency": report.author_agency.name if report.author_agency else "",
        "submitted_by": submitted_by.full_name,
        "submitted_at": report.submitted_at.isoformat(),
    }
    if report.kind in STATUS_KINDS:
        from reports.status import status_report_figures

        # The figures are frozen with the text: the report never changes (R3).
        report.data_snapshot["figures"] = status_report_figures(
            area=report.area,
            period_start=report.period_start,
            period_end=report.period_end,
        )
    report.save()
    return report


@transaction.atomic
def status_report_delete(*, report: StatusReport) -> None:
    """Slett utkast."""
    if report.status != StatusReport.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be deleted."))
    report.focus_areas.clear()
    report.delete()
