"""Writes for the årsrapport: draft from the records, edit sections, review by the
styringsgruppe, approval by its chair, the frozen PDF, corrections, and the yearly
drafting for every area.

An approved (or submitted) report never changes (rule R3): every write below refuses
it, and its PDF is rendered once from the stored snapshot and sections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from guardian.shortcuts import assign_perm

from meetings.models import Meeting
from municipalities import roles
from municipalities.models import Area, Group, GroupMember, Membership, User
from reports.annual import sections as section_defs
from reports.annual.selectors import steering_group_for
from reports.annual.snapshot import build_snapshot
from reports.models import PDF_STALE_CLAIM, AnnualReport, ReportReview
from slt_portal.anonymisation import find_identifiers, has_national_id
from slt_portal.email import EmailMessageSpec, email_enqueue_many
from slt_portal.exceptions import ApplicationError

logger = logging.getLogger(__name__)
REVIEW_PERMISSION = "reports.review_annualreport"
FIRST_YEAR = 2000


# --- Who is who ---------------------------------------------------------------------


def steering_reviewers(*, group: Group, day: dt.date) -> list[GroupMember]:
    """Current members of the styringsgruppe who review (the secretary writes)."""
    return list(
        GroupMember.objects.for_area(group.area)
        .filter(group=group)
        .exclude(role=GroupMember.Role.SECRETARY)
        .active_on(day)
        .select_related("user")
        .order_by("role", "pk")
    )


def is_chair(*, area: Area, user: User, day: dt.date | None = None) -> bool:
    group = steering_group_for(area=area)
    return bool(
        group
        and GroupMember.objects.for_area(area)
        .filter(group=group, user=user, role=GroupMember.Role.CHAIR)
        .active_on(day or timezone.localdate())
        .exists()
    )


def coordinators(*, area: Area) -> list[User]:
    return [
        m.user
        for m in Membership.objects.for_area(area)
        .filter(role=roles.COORDINATOR)
        .active_on(timezone.localdate())
        .select_related("user")
        .order_by("pk")
    ]


def _require_coordinator(area: Area, user: User | None) -> None:
    """Only the coordinator writes the report (``None`` is the yearly system run)."""
    if user is not None and user.pk not in {u.pk for u in coordinators(area=area)}:
        raise ApplicationError(_("Only the area's coordinator writes the report."))


def _require_draft(report: AnnualReport) -> None:
    if report.is_frozen:
        raise ApplicationError(
            _(
                "The report is approved and never changes. Make a correction "
                "(a new version) instead."
            )
        )
    if report.status != AnnualReport.Status.DRAFT:
        raise ApplicationError(
            _("The report is in review. It can be changed when changes are asked for.")
        )


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


# --- Draft --------------------------------------------------------------------------


def _refresh_sections(current: dict, snapshot: dict, year: int) -> dict:
    """Fresh starting text for sections nobody has edited; edited text is kept."""
    fresh = section_defs.default_sections(snapshot=snapshot, year=year)
    for code, section in current.items():
        if code in fresh and section.get("edited_at"):
            fresh[code] = section
    return fresh


@transaction.atomic
def annual_report_draft(*, area: Area, year: int, user: User | None) -> AnnualReport:
    """Lag utkast til årsrapport in one click, or refresh a draft's figures."""
    _require_coordinator(area, user)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ApplicationError(_("Choose this year or an earlier one."), field="year")
    latest = (
        AnnualReport.objects.for_area(area)
        .select_for_update()
        .filter(year=year)
        .order_by("-version")
        .first()
    )
    if latest is not None and latest.status != AnnualReport.Status.DRAFT:
        _require_draft(latest)
    snapshot = build_snapshot(area=area, year=year)
    if latest is None:
        report = AnnualReport(area=area, year=year, created_by=user, sections={})
    else:
        report = latest
    report.data_snapshot = snapshot
    report.snapshot_taken_at = timezone.now()
    report.sections = _refresh_sections(report.sections, snapshot, year)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def annual_report_correct(*, report: AnnualReport, user: User) -> AnnualReport:
    """Rett årsrapport: a new version that corrects an approved one, drafted from it.

    The approved version stays as it is; the correction gets fresh figures and
    keeps the approved text as its starting point.
    """
    _require_coordinator(report.area, user)
    if not report.is_frozen:
        raise ApplicationError(_("Only an approved report is corrected."))
    newest = (
        AnnualReport.objects.for_area(report.area)
        .filter(year=report.year)
        .order_by("-version")
        .first()
    )
    if newest.pk != report.pk:
        raise ApplicationError(
            _("A newer version of this report exists. Correct that one.")
        )
    snapshot = build_snapshot(area=report.area, year=report.year)
    sections = {
        code: {**section, "edited_at": section.get("edited_at") or "approved"}
        for code, section in report.sections.items()
    }
    correction = AnnualReport(
        area=report.area,
        year=report.year,
        version=report.version + 1,
        corrects=report,
        sections=sections,
        data_snapshot=snapshot,
        snapshot_taken_at=timezone.now(),
        created_by=user,
    )
    correction.full_clean()
    correction.save()
    return correction


def section_warnings(text: str) -> list[str]:
    """What in a section's text may identify a person (rules C1, C2, R4)."""
    return [f"{f.label} «{f.shown}»" for f in find_identifiers(text)]


@transaction.atomic
def annual_report_section_update(
    *, report: AnnualReport, code: str, text: str, user: User
) -> AnnualReport:
    """Skriv avsnitt: one narrative section at a time, by the coordinator."""
    report = _locked(report)
    _require_coordinator(report.area, user)
    _require_draft(report)
    if code not in section_defs.BY_CODE:
        raise ApplicationError(_("Unknown section."), field="code")
    if has_national_id(text):
        raise ApplicationError(
            _(
                "The text holds what looks like a national identity number. "
                "Remove it: reports hold system-level information only."
            ),
            field="text",
        )
    report.sections = {
        **report.sections,
        code: {
            "text": text.strip(),
            "edited_by": user.full_name,
            "edited_by_id": user.pk,
            "edited_at": timezone.now().isoformat(),
        },
    }
    report.save(update_fields=["sections", "updated_at"])
    return report


# --- Review and approval ------------------------------------------------------------


@transaction.atomic
def annual_report_submit(*, report: AnnualReport, user: User) -> AnnualReport:
    """Send til styringsgruppen: each member may read and review this report."""
    report = _locked(report)
    _require_coordinator(report.area, user)
    _require_draft(report)
    group = steering_group_for(area=report.area)
    reviewers = (
        steering_reviewers(group=group, day=timezone.localdate()) if group else []
    )
    if not reviewers:
        raise ApplicationError(
            _("The area has no steering group with members to review the report.")
        )
    report.status = AnnualReport.Status.IN_REVIEW
    report.review_started_at = timezone.now()
    report.save(update_fields=["status", "review_started_at", "updated_at"])
    users = list({m.user_id: m.user for m in reviewers}.values())
    for reviewer in users:
        assign_perm(REVIEW_PERMISSION, reviewer, report)
    _notify(
        report,
        users,
        event="review_requested",
        round_key=report.review_started_at.isoformat(),
    )
    return report


def can_review(*, report: AnnualReport, user: User) -> bool:
    return report.status == AnnualReport.Status.IN_REVIEW and user.has_perm(
        REVIEW_PERMISSION, report
    )


@transaction.atomic
def annual_report_review_add(
    *,
    report: AnnualReport,
    reviewer: User,
    verdict: str,
    text: str = "",
    section: str = "",
) -> ReportReview:
    """Gjennomsyn: a comment on a section, or a verdict on the whole report.

    Asking for changes sends the report back to the coordinator as a draft.
    """
    report = _locked(report)
    if not can_review(report=report, user=reviewer):
        raise ApplicationError(_("The report is not open for your review."))
    if section and section not in section_defs.BY_CODE:
        raise ApplicationError(_("Unknown section."), field="section")
    if verdict not in ReportReview.Verdict.values:
        raise ApplicationError(_("Choose a verdict."), field="verdict")
    text = text.strip()
    if verdict != ReportReview.Verdict.RECOMMEND_APPROVAL and not text:
        raise ApplicationError(_("Write what should change."), field="text")
    if has_national_id(text):
        raise ApplicationError(
            _("Remove the national identity number from the comment."), field="text"
        )
    review = ReportReview(
        area=report.area,
        report=report,
        reviewer=reviewer,
        group=steering_group_for(area=report.area),
        section=section,
        text=text,
        verdict=verdict,
        created_by=reviewer,
    )
    review.full_clean()
    review.save()
    if verdict == ReportReview.Verdict.CHANGES_REQUESTED:
        report.status = AnnualReport.Status.DRAFT
        report.save(update_fields=["status", "updated_at"])
        _notify(
            report,
            coordinators(area=report.area),
            event="changes_requested",
            round_key=f"review-{review.pk}",
            extra={"reviewer": reviewer.full_name, "note": text},
        )
    return review


@transaction.atomic
def annual_report_approve(
    *,
    report: AnnualReport,
    user: User,
    meeting: Meeting | None = None,
    text: str = "",
) -> AnnualReport:
    """Godkjenn årsrapport: the chair of the styringsgruppe approves; the snapshot
    and sections are frozen and the PDF is made once. With ``meeting``, the approval
    is also recorded as a Decision in that held steering-group meeting (M9)."""
    report = _locked(report)
    if report.status != AnnualReport.Status.IN_REVIEW:
        raise ApplicationError(_("Only a report in review can be approved."))
    group = steering_group_for(area=report.area)
    if group is None or not is_chair(area=report.area, user=user):
        raise ApplicationError(_("Only the chair of the steering group approves."))
    decision = None
    if meeting is not None:
        decision = _approval_decision(report, group, meeting, text, user)
    report.status = AnnualReport.Status.APPROVED
    report.approved_by_group = group
    report.approved_by = user
    report.approval_decision = decision
    report.approved_at = timezone.now()
    report.save()
    _queue_pdf(report)
    _notify(
        report,
        coordinators(area=report.area),
        event="approved",
        round_key="approved",
    )
    return report


def _approval_decision(report, group, meeting, text, user):
    from meetings import services as meeting_services
    from meetings.models import Decision

    if meeting.group_id != group.pk or meeting.status not in (
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_SENT,
    ):
        raise ApplicationError(
            _("Pick a held meeting of the steering group."), field="meeting"
        )
    return meeting_services.decision_create(
        meeting=meeting,
        text=text
        or _("The annual report for %(year)s is approved.") % {"year": report.year},
        kind=Decision.Kind.APPROVAL,
        approves=report,
        created_by=user,
    )


@transaction.atomic
def annual_report_send(
    *, report: AnnualReport, user: User, to_group: Group | None = None
) -> AnnualReport:
    """Oversend: the approved report is sent on (to the politiråd)."""
    report = _locked(report)
    _require_coordinator(report.area, user)
    if report.status != AnnualReport.Status.APPROVED:
        raise ApplicationError(_("Only an approved report is sent on."))
    report.status = AnnualReport.Status.SUBMITTED
    report.submitted_to_group = to_group
    report.submitted_at = timezone.now()
    report.save(
        update_fields=["status", "submitted_to_group", "submitted_at", "updated_at"]
    )
    return report


# --- PDF ----------------------------------------------------------------------------


def _queue_pdf(report: AnnualReport) -> None:
    report.pdf_status = AnnualReport.PdfStatus.QUEUED
    report.pdf_task_id = uuid.uuid4().hex
    report.pdf_error = ""
    report.save(update_fields=["pdf_status", "pdf_task_id", "pdf_error", "updated_at"])
    pk, task_id = report.pk, report.pdf_task_id

    def start() -> None:
        from reports.annual.tasks import render_annual_report_pdf

        render_annual_report_pdf.apply_async(args=[pk], task_id=task_id)

    transaction.on_commit(start)


@transaction.atomic
def annual_report_pdf_request(*, report: AnnualReport) -> AnnualReport:
    """Lag PDF. An approved report's PDF is made once and then kept as it is."""
    report = _locked(report)
    if report.pdf_is_stuck:
        # A lost task (no worker, a killed one): queue it again; the claim in
        # the task keeps a late original from rendering twice at once.
        _queue_pdf(report)
        return report
    if report.pdf_status in (
        AnnualReport.PdfStatus.QUEUED,
        AnnualReport.PdfStatus.RENDERING,
    ):
        return report
    if report.is_frozen and report.pdf_status == AnnualReport.PdfStatus.READY:
        return report
    _queue_pdf(report)
    return report


def pdf_name(report: AnnualReport) -> str:
    name = f"arsrapport-{report.year}-v{report.version}.pdf"
    return f"reports/annual/{report.area.slug}/{name}"


@scopes_disabled()
def annual_report_render_pdf(*, report_id: int) -> bool:
    """Make the PDF. Claims the report with a conditional UPDATE first, so two
    workers never both render it and a rerun after success does nothing; a claim
    left by a killed worker is taken over after a while."""
    from reports.annual.pdf import render_annual_report

    now = timezone.now()
    claimable = Q(pdf_status=AnnualReport.PdfStatus.QUEUED) | Q(
        pdf_status=AnnualReport.PdfStatus.RENDERING,
        pdf_claimed_at__lt=now - PDF_STALE_CLAIM,
    )
    if not AnnualReport.objects.filter(claimable, pk=report_id).update(
        pdf_status=AnnualReport.PdfStatus.RENDERING, pdf_claimed_at=now
    ):
        return False
    report = AnnualReport.objects.select_related("area").get(pk=report_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _html, pdf = render_annual_report(report)
    except Exception as exc:
        logger.exception("Rendering the annual report %s failed", report_id)
        AnnualReport.objects.filter(pk=report_id).update(
            pdf_status=AnnualReport.PdfStatus.FAILED, pdf_error=str(exc)[:2000]
        )
        return False
    name = pdf_name(report)
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(pdf))
    AnnualReport.objects.filter(pk=report_id).update(
        pdf=stored,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        pdf_status=AnnualReport.PdfStatus.READY,
        rendered_at=timezone.now(),
        pdf_error="",
    )
    return True


# --- Yearly drafting ----------------------------------------------------------------


def draft_date(year: int) -> dt.date:
    month, day = settings.SLT["ANNUAL_REPORT_DRAFT_DATE"]
    return dt.date(year, month, day)


def areas_due(*, today: dt.date) -> list[Area]:
    """Areas whose previous-year report is due: from the configured date for all,
    earlier where the area's årshjul has its annual-report item due."""
    from actionplans.models import CycleTask

    with_coordinator = Membership.objects.filter(role=roles.COORDINATOR).active_on(
        today
    )
    areas = Area.objects.filter(
        is_active=True, pk__in=with_coordinator.values("area_id")
    ).order_by("name")
    if today >= draft_date(today.year):
        return list(areas)
    lead = dt.timedelta(days=settings.SLT["ANNUAL_REPORT_LEAD_DAYS"])
    due_ids = {
        task.area_id
        for task in CycleTask.objects.filter(
            year=today.year,
            cycle_item__report_kind="annual_report",
            status=CycleTask.Status.OPEN,
            due_date__lte=today + lead,
        ).select_related("cycle_item")
    }
    return [a for a in areas if a.pk in due_ids]


@scopes_disabled()
def annual_reports_generate(*, today: dt.date) -> dict:
    """Draft last year's report for every due area that has none, and tell the
    coordinator. Idempotent: an area with a report is skipped, the unique version
    constraint stops a race, and the e-mail key is per area and year."""
    year = today.year - 1
    made, skipped = [], 0
    for area in areas_due(today=today):
        if AnnualReport.objects.filter(area=area, year=year).exists():
            skipped += 1
            continue
        try:
            with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
                report = annual_report_draft(area=area, year=year, user=None)
                _notify(
                    report,
                    coordinators(area=area),
                    event="drafted",
                    round_key="drafted",
                )
        except IntegrityError:
            skipped += 1
            continue
        made.append(area.slug)
    return {"year": year, "drafted": made, "skipped": skipped}


# --- E-mail -------------------------------------------------------------------------


def report_path(report: AnnualReport) -> str:
    return reverse(
        "reports:annual_detail",
        kwargs={"area_slug": report.area.slug, "pk": report.pk},
    )


def _notify(
    report: AnnualReport,
    users: list[User],
    *,
    event: str,
    round_key: str,
    extra: dict | None = None,
) -> int:
    specs = [
        EmailMessageSpec(
            key=f"annual-report:{event}:{report.area_id}:{report.year}:"
            f"v{report.version}:{round_key}:{user.pk}",
            to_address=user.email,
            template="annual_report",
            context={
                "event": event,
                "recipient_name": user.full_name,
                "area": report.area.name,
                "year": report.year,
                "path": report_path(report),
                **(extra or {}),
            },
            to_user_id=user.pk,
            area_id=report.area_id,
            language=user.language or "nb",
        )
        for user in users
        if user.is_active and user.email
    ]
    return len(email_enqueue_many(specs=specs))
