"""Young people: the list, registration, the record, access grants, closing, the
subject access report and the coordinator's tasks."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consent import legal, selectors, services
from consent.audit import Purpose
from consent.forms import (
    CloseForm,
    GrantForm,
    GuardianForm,
    PurposeForm,
    SubjectForm,
    TaskCompleteForm,
)
from consent.models import AccessLog, Subject
from consent.views.common import (
    PURPOSE_MINUTES,
    Refusal,
    actor,
    crumbs,
    is_coordinator,
    opened_or_prompt,
    refusal_text,
    remember_purpose,
    require_coordinator,
    subject_url,
)
from municipalities import selectors as municipality_selectors
from slt_portal.exceptions import add_error_to_form
from slt_portal.tenancy import area_view

PAGE_SIZE = 50


@area_view()
def subject_list(request: HttpRequest) -> HttpResponse:
    """Unge personer the user may see; each one listed is logged."""
    current = actor(request)
    status = request.GET.get("status", Subject.Status.ACTIVE)
    if status not in Subject.Status.values:
        status = ""
    subjects = selectors.subject_list(
        actor=current,
        area=request.area,
        status=status,
        search=request.GET.get("q", "")[:12],
    )
    page = Paginator(subjects, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.record_listed(actor=current, objects=page.object_list)
    context = {
        "area": request.area,
        "page": page,
        "status": status,
        "statuses": Subject.Status.choices,
        "query": request.GET.get("q", ""),
        "can_create": is_coordinator(request),
        "today": timezone.localdate(),
        "breadcrumbs": crumbs(request),
        "duty_to_report": legal.DUTY_TO_REPORT,
    }
    return render(request, "consent/subject_list.html", context)


@area_view()
def subject_create(request: HttpRequest) -> HttpResponse:
    current = require_coordinator(request)
    area = request.area
    agencies = municipality_selectors.agency_list(area=area)
    form = SubjectForm(
        request.POST or None,
        agencies=agencies,
        initial_agency=request.user.agency_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.subject_create(
                actor=current, area=area, **form.cleaned_data
            )
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            # The coordinator registered the record to work on it: opening it
            # next is coordination, logged as such, not a reason to ask why.
            remember_purpose(
                request, subject.pk, Purpose(code=AccessLog.Purpose.COORDINATION)
            )
            messages.success(
                request,
                _("%(pseudonym)s is registered. Add the guardians next.")
                % {"pseudonym": subject.pseudonym},
            )
            return redirect(subject_url(subject))
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": crumbs(request, (_("Register a young person"), None)),
    }
    return render(request, "consent/subject_form.html", context)


@require_POST
@area_view()
def subject_purpose(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the stated purpose, then go back to the page that asked for it."""
    current = actor(request)
    subject = selectors.subject_visible_or_404(
        actor=current, area_id=request.area.pk, pk=pk
    )
    form = PurposeForm(request.POST)
    if not form.is_valid():
        context = {
            "area": request.area,
            "form": form,
            "action": request.path,
            "minutes": PURPOSE_MINUTES,
            "breadcrumbs": crumbs(request, (_("State a purpose"), None)),
        }
        return render(request, "consent/purpose.html", context)
    remember_purpose(
        request,
        pk,
        Purpose(
            code=form.cleaned_data["purpose"],
            note=form.cleaned_data["purpose_note"].strip(),
        ),
    )
    target = form.cleaned_data.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ) or not target.startswith(f"/o/{request.area.slug}/consent/"):
        target = subject_url(subject)
    return redirect(target)


@area_view()
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The young person's record, as far as the user needs to know."""
    current = actor(request)
    opened = opened_or_prompt(request, pk, detail="record")
    if isinstance(opened, HttpResponse):
        return opened
    subject = opened.subject
    record = selectors.subject_record(actor=current, subject=subject)
    coordinator = is_coordinator(request)
    context = {
        "area": request.area,
        "subject": subject,
        "opened": opened,
        "coordinator": coordinator,
        "guardian_form": GuardianForm() if coordinator else None,
        "close_form": CloseForm() if coordinator else None,
        "minor": subject.is_minor_on(timezone.localdate()),
        "breadcrumbs": crumbs(request, (subject.pseudonym, None)),
        "consent_does_not_oblige": legal.CONSENT_DOES_NOT_OBLIGE,
        **record,
    }
    return render(request, "consent/subject_detail.html", context)


@require_POST
@area_view()
def guardian_create(request: HttpRequest, pk: int) -> HttpResponse:
    current = require_coordinator(request)
    opened = opened_or_prompt(request, pk, detail="guardian_form")
    if isinstance(opened, HttpResponse):
        return opened
    form = GuardianForm(request.POST)
    if form.is_valid():
        try:
            guardian = services.guardian_create(
                actor=current, subject=opened.subject, **form.cleaned_data
            )
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("%(label)s is registered.") % {"label": guardian.label}
            )
            return redirect(subject_url(opened.subject))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(subject_url(opened.subject))


@require_POST
@area_view()
def subject_close(request: HttpRequest, pk: int) -> HttpResponse:
    current = require_coordinator(request)
    opened = opened_or_prompt(request, pk, detail="close")
    if isinstance(opened, HttpResponse):
        return opened
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the follow-up ends."))
        return redirect(subject_url(opened.subject))
    try:
        subject = services.subject_close(
            actor=current, subject=opened.subject, reason=form.cleaned_data["reason"]
        )
    except Refusal as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request,
            _("The follow-up is closed. The personal data is deleted on %(date)s.")
            % {"date": subject.delete_after.strftime("%d.%m.%Y")},
        )
    return redirect(subject_url(opened.subject))


@area_view()
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Tilgang: who has been given access to this young person (coordinator)."""
    current = require_coordinator(request)
    opened = opened_or_prompt(request, pk, detail="access")
    if isinstance(opened, HttpResponse):
        return opened
    subject = opened.subject
    form = GrantForm(
        request.POST or None,
        memberships=selectors.grantable_memberships(area=request.area),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.subject_access_grant(
                actor=current, subject=subject, user=form.cleaned_data["user"]
            )
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s can now see %(pseudonym)s.")
                % {
                    "name": form.cleaned_data["user"].full_name,
                    "pseudonym": subject.pseudonym,
                },
            )
            return redirect(request.path)
    context = {
        "area": request.area,
        "subject": subject,
        "form": form,
        "grants": selectors.subject_grants(subject=subject),
        "breadcrumbs": crumbs(
            request, (subject.pseudonym, subject_url(subject)), (_("Access"), None)
        ),
    }
    return render(request, "consent/subject_access.html", context)


@require_POST
@area_view()
def subject_access_revoke(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    current = require_coordinator(request)
    opened = opened_or_prompt(request, pk, detail="access")
    if isinstance(opened, HttpResponse):
        return opened
    grant = get_object_or_404(
        selectors.grant_queryset(subject=opened.subject), user_id=user_id
    )
    try:
        services.subject_access_revoke(
            actor=current, subject=opened.subject, user=grant.user
        )
    except Refusal as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request,
            _("%(name)s no longer has access.") % {"name": grant.user.full_name},
        )
    return redirect("consent:subject_access", area_slug=request.area.slug, pk=pk)


@area_view()
def subject_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Innsyn: the printable report of everything about one young person."""
    require_coordinator(request)
    opened = opened_or_prompt(
        request, pk, detail="access_report", action=AccessLog.Action.EXPORT
    )
    if isinstance(opened, HttpResponse):
        return opened
    report = selectors.subject_access_report(opened=opened)
    context = {
        "area": request.area,
        **report,
        "breadcrumbs": crumbs(
            request,
            (opened.subject.pseudonym, subject_url(opened.subject)),
            (_("Access report"), None),
        ),
        "act_name": legal.ACT_NAME,
        "act_url": legal.ACT_URL,
    }
    return render(request, "consent/subject_report.html", context)


@area_view()
def task_list(request: HttpRequest) -> HttpResponse:
    """Oppgaver: open consent tasks (the coordinator's, or the user's own)."""
    current = actor(request)
    today = timezone.localdate()
    tasks = list(
        selectors.open_tasks(
            area=request.area, user=request.user, coordinator=is_coordinator(request)
        )
    )
    expiring = []
    if is_coordinator(request):
        expiring = list(
            selectors.consents_expiring(
                area=request.area,
                today=today,
                days=settings.SLT["CONSENT_REMINDER_DAYS"],
            )
        )
    selectors.record_listed(actor=current, objects=[*tasks, *expiring])
    context = {
        "area": request.area,
        "tasks": tasks,
        "expiring": expiring,
        "today": today,
        "form": TaskCompleteForm(),
        "breadcrumbs": crumbs(request, (_("Tasks"), None)),
    }
    return render(request, "consent/task_list.html", context)


@require_POST
@area_view()
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    current = actor(request)
    task = selectors.task_get(area=request.area, pk=pk)
    if not (is_coordinator(request) or task.assignee_id == request.user.pk):
        raise PermissionDenied(_("Only the coordinator or the assignee can do this."))
    form = TaskCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.consent_task_complete(
                actor=current, task=task, note=form.cleaned_data["note"]
            )
        except Refusal as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("The task is done."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("consent:task_list", area_slug=request.area.slug)
