"""Årsrapport pages: the reports hub (archive), the report, one section at a time,
review, approval, and the PDF with its progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import policy as plan_policy
from municipalities import roles
from municipalities.selectors import area_breadcrumbs
from reports.annual import selectors, services
from reports.annual.forms import ApproveForm, DraftForm, ReviewForm, SectionForm
from reports.annual.pdf import document_context
from reports.annual.sections import BY_CODE
from reports.models import AnnualReport
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

READERS = tuple(roles.ALL_ROLES)


def _url(request: HttpRequest, name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"area_slug": request.area.slug, **kwargs})


def _crumbs(request: HttpRequest, *trail) -> list[dict]:
    return area_breadcrumbs(
        request.area, (_("Reports"), _url(request, "report_list")), *trail
    )


def _is_coordinator(request: HttpRequest) -> bool:
    return roles.COORDINATOR in request.area_roles


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    return selectors.annual_report_get_for_user(
        area=request.area, user=request.user, area_roles=request.area_roles, pk=pk
    )


@area_view(*READERS)
def report_list(request: HttpRequest) -> HttpResponse:
    """Rapporter: the area's annual reports by year, with downloads; the
    coordinator drafts from here."""
    reports = list(
        selectors.annual_report_list(
            area=request.area, user=request.user, area_roles=request.area_roles
        )
    )
    newest = selectors.newest_version_ids(area=request.area) if reports else set()
    context = {
        "area": request.area,
        "reports": reports,
        "newest": newest,
        "draft_form": DraftForm() if _is_coordinator(request) else None,
        "awaiting": selectors.awaiting_review(area=request.area, user=request.user)
        if roles.STEERING_MEMBER in request.area_roles
        else [],
        "show_picture": bool(request.area_roles & plan_policy.PICTURE_READERS),
        "breadcrumbs": area_breadcrumbs(request.area, (_("Reports"), None)),
    }
    return render(request, "reports/annual/report_list.html", context)


@require_POST
@area_view(roles.COORDINATOR)
def annual_draft(request: HttpRequest) -> HttpResponse:
    """Lag utkast i ett klikk (or refresh the draft's figures)."""
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year."))
        return redirect(_url(request, "report_list"))
    try:
        report = services.annual_report_draft(
            area=request.area, year=form.cleaned_data["year"], user=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_url(request, "report_list"))
    messages.success(request, _("The draft is made from the records."))
    return redirect(_url(request, "annual_detail", pk=report.pk))


def _detail_context(request: HttpRequest, report: AnnualReport) -> dict:
    reviews = selectors.annual_report_reviews(report=report)
    by_section: dict[str, list] = {}
    for review in reviews:
        by_section.setdefault(review.section, []).append(review)
    is_chair = report.status == AnnualReport.Status.IN_REVIEW and services.is_chair(
        area=request.area, user=request.user
    )
    can_review = services.can_review(report=report, user=request.user)
    document = document_context(report)
    for section in document["sections"]:
        section.comments = by_section.get(section.code, [])
    return {
        **document,
        "area": request.area,
        "general_reviews": by_section.get("", []),
        "is_coordinator": _is_coordinator(request),
        "can_edit": _is_coordinator(request)
        and report.status == AnnualReport.Status.DRAFT,
        "can_review": can_review,
        "review_form": ReviewForm(year=report.year) if can_review else None,
        "approve_form": ApproveForm(
            meetings=selectors.approval_meetings(area=request.area)
        )
        if is_chair
        else None,
        "breadcrumbs": _crumbs(request, (str(report), None)),
    }


@area_view(*READERS)
def annual_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Årsrapporten: every section with its figures, the reviews and the actions."""
    report = _report(request, pk)
    return render(
        request, "reports/annual/detail.html", _detail_context(request, report)
    )


@area_view(roles.COORDINATOR)
def annual_section_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Skriv ett avsnitt, with the generated figures beside it."""
    report = _report(request, pk)
    definition = BY_CODE.get(code)
    if definition is None:
        raise Http404
    if report.status != AnnualReport.Status.DRAFT:
        raise PermissionDenied(_("Only a draft is edited."))
    stored = report.sections.get(code, {})
    form = SectionForm(request.POST or None, initial={"text": stored.get("text", "")})
    detail = _url(request, "annual_detail", pk=report.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_section_update(
                report=report,
                code=code,
                text=form.cleaned_data["text"],
                user=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            found = services.section_warnings(form.cleaned_data["text"])
            if found:
                messages.warning(
                    request,
                    _(
                        "Check that no one can be recognised. The text may contain: "
                        "%(found)s."
                    )
                    % {"found": ", ".join(found[:8])},
                )
            messages.success(request, _("The section is saved."))
            return redirect(f"{detail}#s-{code.replace('.', '-')}")
    document = document_context(report)
    context = {
        **document,
        "area": request.area,
        "form": form,
        "section": next(s for s in document["sections"] if s.code == code),
        "warnings": services.section_warnings(stored.get("text", "")),
        "cancel_url": detail,
        "breadcrumbs": _crumbs(
            request, (str(report), detail), (definition.title(report.year), None)
        ),
    }
    return render(request, "reports/annual/section_form.html", context)


def _post_action(request, pk, action, success: str) -> HttpResponse:
    report = _report(request, pk)
    try:
        action(report)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(_url(request, "annual_detail", pk=report.pk))


@require_POST
@area_view(roles.COORDINATOR)
def annual_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send til styringsgruppen."""
    return _post_action(
        request,
        pk,
        lambda r: services.annual_report_submit(report=r, user=request.user),
        _("The report is sent to the steering group for review."),
    )


@require_POST
@area_view(roles.COORDINATOR)
def annual_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Oversend til politirådet."""
    return _post_action(
        request,
        pk,
        lambda r: services.annual_report_send(report=r, user=request.user),
        _("The report is marked as sent on."),
    )


@require_POST
@area_view(roles.COORDINATOR)
def annual_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Rett: a new version drafted from the approved one."""
    report = _report(request, pk)
    try:
        correction = services.annual_report_correct(report=report, user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(_url(request, "annual_detail", pk=report.pk))
    messages.success(request, _("A correction is drafted as a new version."))
    return redirect(_url(request, "annual_detail", pk=correction.pk))


@require_POST
@area_view(*READERS)
def annual_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Gjennomsyn: a comment per section, or a verdict on the report."""
    report = _report(request, pk)
    if not services.can_review(report=report, user=request.user):
        raise PermissionDenied(_("The report is not open for your review."))
    form = ReviewForm(request.POST, year=report.year)
    if form.is_valid():
        try:
            services.annual_report_review_add(
                report=report, reviewer=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect(_url(request, "annual_detail", pk=report.pk))
    context = _detail_context(request, report)
    context["review_form"] = form
    return render(request, "reports/annual/detail.html", context, status=400)


@require_POST
@area_view(*READERS)
def annual_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Godkjenn (the chair of the styringsgruppe)."""
    report = _report(request, pk)
    if not services.is_chair(area=request.area, user=request.user):
        raise PermissionDenied(_("Only the chair of the steering group approves."))
    form = ApproveForm(
        request.POST, meetings=selectors.approval_meetings(area=request.area)
    )
    if form.is_valid():
        try:
            services.annual_report_approve(
                report=report, user=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The report is approved. The PDF is being made.")
            )
            return redirect(_url(request, "annual_detail", pk=report.pk))
    context = _detail_context(request, report)
    context["approve_form"] = form
    return render(request, "reports/annual/detail.html", context, status=400)


@require_POST
@area_view(*READERS)
def annual_pdf_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Lag PDF (the coordinator for a draft; anyone who sees an approved one)."""
    report = _report(request, pk)
    if not (report.is_frozen or _is_coordinator(request)):
        raise PermissionDenied
    report = services.annual_report_pdf_request(report=report)
    if request.headers.get("HX-Request"):
        return _pdf_status_response(request, report)
    return redirect(_url(request, "annual_detail", pk=report.pk))


def _pdf_status_response(request: HttpRequest, report: AnnualReport) -> HttpResponse:
    return render(
        request,
        "reports/annual/_pdf_status.html",
        {
            "area": request.area,
            "report": report,
            "is_coordinator": _is_coordinator(request),
        },
    )


@area_view(*READERS)
def annual_pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF's progress (queued → rendering → ready), polled by htmx."""
    return _pdf_status_response(request, _report(request, pk))


@area_view(*READERS)
def annual_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored PDF, only through this view (private storage)."""
    report = _report(request, pk)
    if report.pdf_status != AnnualReport.PdfStatus.READY or not report.pdf:
        raise Http404(_("The PDF is not ready."))
    filename = f"arsrapport-{report.area.slug}-{report.year}-v{report.version}.pdf"
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
