"""Årsrapport services: draft from the records, sections, review, approval, freeze."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from reports.annual import services
from reports.annual.sections import SECTION_CODES
from reports.models import AnnualReport, ReportReview
from slt_portal.exceptions import ApplicationError
from slt_portal.models import OutboundEmail
from tests import factories
from tests.reports.conftest import at

pytestmark = pytest.mark.django_db


def group(report, name):
    return next(g for g in report.data_snapshot["groups"] if g["name"] == name)


def test_a_draft_takes_meetings_attendance_and_items_from_the_records(
    report_world, draft
):
    kg = group(draft, "Koordineringsgruppen")
    assert (kg["held"], kg["required"], kg["meets_rule"]) == (5, 10, False)
    assert kg["attendance_rate"] == 80
    assert "Rus blant unge (2)" in kg["items"]
    sg = group(draft, "SLT-styret")
    assert (sg["held"], sg["required"], sg["meets_rule"]) == (4, 4, True)
    assert set(draft.sections) == set(SECTION_CODES)
    assert "Testkommune" in draft.sections["summary"]["text"]
    assert draft.status == AnnualReport.Status.DRAFT


def test_the_snapshot_holds_no_names_of_people(report_world, draft):
    text = json.dumps(draft.data_snapshot, ensure_ascii=False)
    for user in (report_world.chair, report_world.coordinator, *report_world.members):
        assert user.full_name not in text
    assert "Leder" in text  # the chair's role is shown, not the person


def test_consent_counts_are_suppressed_below_five_and_zero_is_shown(report_world):
    area = report_world.area
    for _ in range(3):
        factories.SubjectFactory(area=area)
    report = services.annual_report_draft(
        area=area, year=report_world.year, user=report_world.coordinator
    )
    consent = report.data_snapshot["consent"]
    assert consent["active_subjects"] == "<5"
    assert consent["withdrawn_consents"] == "0"
    for _ in range(3):
        factories.SubjectFactory(area=area)
    report = services.annual_report_draft(
        area=area, year=report_world.year, user=report_world.coordinator
    )
    assert report.data_snapshot["consent"]["active_subjects"] == "6"


def test_only_the_coordinator_drafts(report_world):
    with pytest.raises(ApplicationError):
        services.annual_report_draft(
            area=report_world.area, year=report_world.year, user=report_world.chair
        )


def test_a_future_year_is_refused(report_world):
    with pytest.raises(ApplicationError) as error:
        services.annual_report_draft(
            area=report_world.area,
            year=timezone.localdate().year + 1,
            user=report_world.coordinator,
        )
    assert error.value.field == "year"


def test_redrafting_refreshes_the_figures_and_keeps_edited_text(report_world, draft):
    services.annual_report_section_update(
        report=draft,
        code="closing",
        text="Takk for året.",
        user=report_world.coordinator,
    )
    factories.MeetingFactory(
        group=report_world.coordination,
        status=Meeting.Status.HELD,
        starts_at=at(report_world.year, 10, 10),
    )
    again = services.annual_report_draft(
        area=report_world.area, year=report_world.year, user=report_world.coordinator
    )
    assert again.pk == draft.pk
    assert group(again, "Koordineringsgruppen")["held"] == 6
    assert again.sections["closing"]["text"] == "Takk for året."
    assert again.sections["closing"]["edited_by"] == "Kari Koord"


def test_a_section_with_a_national_id_number_is_refused(report_world, draft):
    with pytest.raises(ApplicationError) as error:
        services.annual_report_section_update(
            report=draft,
            code="summary",
            text="Saken gjelder 01020312345.",
            user=report_world.coordinator,
        )
    assert error.value.field == "text"
    assert services.section_warnings("Vi møtte Ola i Storgata 5.")


def test_submitting_grants_each_steering_member_review_access_and_mails_them(
    report_world, in_review
):
    assert in_review.status == AnnualReport.Status.IN_REVIEW
    for user in (report_world.chair, *report_world.members):
        assert user.has_perm(services.REVIEW_PERMISSION, in_review)
    assert not report_world.outsider.has_perm(services.REVIEW_PERMISSION, in_review)
    assert not report_world.coordinator.has_perm(services.REVIEW_PERMISSION, in_review)
    recipients = set(
        OutboundEmail.objects.filter(
            key__startswith="annual-report:review_requested"
        ).values_list("to_address", flat=True)
    )
    assert recipients == {u.email for u in (report_world.chair, *report_world.members)}


def test_asking_for_changes_sends_it_back_to_the_coordinator(report_world, in_review):
    services.annual_report_review_add(
        report=in_review,
        reviewer=report_world.members[0],
        verdict=ReportReview.Verdict.CHANGES_REQUESTED,
        section="summary",
        text="Få med tallene for vold.",
    )
    in_review.refresh_from_db()
    assert in_review.status == AnnualReport.Status.DRAFT
    assert OutboundEmail.objects.filter(
        key__startswith="annual-report:changes_requested",
        to_address=report_world.coordinator.email,
    ).exists()
    with pytest.raises(ApplicationError):
        services.annual_report_review_add(
            report=in_review,
            reviewer=report_world.members[1],
            verdict=ReportReview.Verdict.RECOMMEND_APPROVAL,
        )


def test_a_comment_needs_text_and_outsiders_cannot_review(report_world, in_review):
    with pytest.raises(ApplicationError) as error:
        services.annual_report_review_add(
            report=in_review,
            reviewer=report_world.members[0],
            verdict=ReportReview.Verdict.COMMENT,
        )
    assert error.value.field == "text"
    with pytest.raises(ApplicationError):
        services.annual_report_review_add(
            report=in_review,
            reviewer=report_world.outsider,
            verdict=ReportReview.Verdict.RECOMMEND_APPROVAL,
        )


def test_a_member_who_is_not_chair_cannot_approve(report_world, in_review):
    with pytest.raises(ApplicationError):
        services.annual_report_approve(report=in_review, user=report_world.members[0])


def test_the_chair_approves_and_the_pdf_is_made(report_world, approved):
    assert approved.status == AnnualReport.Status.APPROVED
    assert approved.approved_by == report_world.chair
    assert approved.approved_by_group == report_world.steering
    assert approved.pdf_status == AnnualReport.PdfStatus.READY
    assert approved.pdf.read().startswith(b"%PDF-")


def test_the_approval_can_be_recorded_as_a_decision_in_a_held_meeting(
    report_world, in_review
):
    meeting = Meeting.objects.filter(group=report_world.steering).first()
    report = services.annual_report_approve(
        report=in_review, user=report_world.chair, meeting=meeting
    )
    assert report.approval_decision.meeting == meeting
    assert report.approval_decision.approves == report


def test_an_approved_report_does_not_change_when_the_records_change(
    report_world, approved, django_capture_on_commit_callbacks
):
    snapshot, sections, sha = (
        approved.data_snapshot,
        approved.sections,
        approved.pdf_sha256,
    )
    pdf_bytes = approved.pdf.read()
    report_world.coordination.name = "Nytt navn"
    report_world.coordination.save()
    factories.MeetingFactory(
        group=report_world.steering,
        status=Meeting.Status.HELD,
        starts_at=at(report_world.year, 11, 1),
    )
    for attempt in (
        lambda: services.annual_report_draft(
            area=report_world.area,
            year=report_world.year,
            user=report_world.coordinator,
        ),
        lambda: services.annual_report_section_update(
            report=approved,
            code="summary",
            text="Ny tekst",
            user=report_world.coordinator,
        ),
    ):
        with pytest.raises(ApplicationError):
            attempt()
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_pdf_request(report=approved)
    approved.refresh_from_db()
    assert approved.data_snapshot == snapshot
    assert approved.sections == sections
    assert approved.pdf_sha256 == sha
    assert approved.pdf.read() == pdf_bytes
    assert group(approved, "Koordineringsgruppen")


def test_a_correction_is_a_new_version_drafted_from_the_approved_one(
    report_world, approved
):
    correction = services.annual_report_correct(
        report=approved, user=report_world.coordinator
    )
    assert (correction.version, correction.corrects, correction.status) == (
        2,
        approved,
        AnnualReport.Status.DRAFT,
    )
    assert (
        correction.sections["summary"]["text"] == approved.sections["summary"]["text"]
    )
    with pytest.raises(ApplicationError):
        services.annual_report_correct(report=approved, user=report_world.coordinator)
    redrafted = services.annual_report_draft(
        area=report_world.area, year=report_world.year, user=report_world.coordinator
    )
    assert redrafted.pk == correction.pk


def test_an_approved_report_is_sent_on(report_world, approved):
    sent = services.annual_report_send(report=approved, user=report_world.coordinator)
    assert sent.status == AnnualReport.Status.SUBMITTED
    assert sent.is_frozen


def test_no_review_mail_leaves_without_members(report_world):
    area = factories.AreaFactory()
    coordinator = factories.user_with_role(area, "coordinator")
    report = services.annual_report_draft(
        area=area, year=report_world.year, user=coordinator
    )
    with pytest.raises(ApplicationError):
        services.annual_report_submit(report=report, user=coordinator)
    assert not mail.outbox


def test_a_district_report_includes_its_oslostandard_self_assessment(report_world):
    from tests.factories.reports_city import (
        ChecklistAssessmentFactory,
        oslo_with_districts,
    )

    _oslo, (district,) = oslo_with_districts(1)
    coordinator = factories.MembershipFactory(area=district).user
    year = report_world.year
    ChecklistAssessmentFactory(area=district, year=year, code="OS01")
    ChecklistAssessmentFactory(
        area=district, year=year, code="OS02", rating="not_met", comment="Ikke ennå"
    )

    report = services.annual_report_draft(area=district, year=year, user=coordinator)

    summary = report.data_snapshot["oslostandard"]
    assert (summary["met"], summary["not_met"]) == (1, 1)
    assert "key_figures.oslostandard" in report.sections


def test_a_report_outside_oslo_has_no_oslostandard_figures(draft):
    assert draft.data_snapshot["oslostandard"] is None
