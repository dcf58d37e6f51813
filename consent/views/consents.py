"""Consents: record (coordinator), read, add a guardian's consent, confirm in
writing, withdraw (anyone who may see it: a withdrawal is told to whoever hears it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consent import legal, selectors, services
from consent.forms import (
    ConsentForm,
    GuardianConsentForm,
    WithdrawForm,
    WrittenConsentForm,
    start_of_day,
)
from consent.models import Consent, Disclosure, Guardian
from consent.views.common import (
    Refusal,
    actor,
    crumbs,
    is_coordinator,
    opened_or_prompt,
    refusal_text,
    require_coordinator,
    subject_url,
)
from municipalities import selectors as municipality_selectors
from slt_portal.exceptions import add_error_to_form
from slt_portal.tenancy import area_view


def consent_url(consent: Consent) -> str:
    return reverse(
        "consent:consent_detail",
        kwargs={"area_slug": consent.area.slug, "pk": consent.pk},
    )


def _show_warnings(request: HttpRequest, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


@area_view()
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer samtykke for one young person (coordinator)."""
    current = require_coordinator(request)
    opened = opened_or_prompt(request, pk, detail="consent_form")
    if isinstance(opened, HttpResponse):
        return opened
    subject = opened.subject
    area = request.area
    agencies = municipality_selectors.agency_list(area=area)
    today = timezone.localdate()
    form = ConsentForm(
        request.POST or None,
        agencies=agencies,
        groups=selectors.group_choices(area=area, named_only=True),
        guardians=Guardian.objects.filter(subject=subject),
        open_consents=Consent.objects.filter(
            subject=subject, status__in=Consent.OPEN_STATUSES
        ),
        default_until=services.latest_valid_until(subject=subject, given_on=today),
        initial={
            "given_on": today,
            "recorded_by_agency": request.user.agency_id,
            "voluntary": False,
            "express": False,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given_at = start_of_day(data["given_on"])
        guardian_consents = [
            services.GuardianConsentInput(
                guardian=g, consented_at=given_at, form=data["guardian_form"]
            )
            for g in data.get("guardians") or []
        ]
        try:
            result = services.consent_create(
                actor=current,
                subject=subject,
                recorded_by_agency=data["recorded_by_agency"],
                given_at=given_at,
                information_scope=data["information_scope"],
                information_categories=data["information_categories"],
                recipient_agencies=data["recipient_agencies"],
                recipient_groups=data["recipient_groups"],
                purpose=data["purpose"],
                informed_about=data["informed_about"],
                voluntary=data["voluntary"],
                express=data["express"],
                form=data["form"],
                document_reference=data["document_reference"],
                context=data["context"],
                valid_until=data["valid_until"],
                guardian_consents=guardian_consents,
                supersedes=data.get("supersedes"),
            )
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The consent is recorded."))
            _show_warnings(request, result.warnings)
            return redirect(consent_url(result.consent))
    context = {
        "area": area,
        "subject": subject,
        "form": form,
        "minor": subject.is_minor_on(today),
        "confidentiality_duty": legal.CONFIDENTIALITY_DUTY,
        "breadcrumbs": crumbs(
            request, (subject.pseudonym, subject_url(subject)), (_("New consent"), None)
        ),
    }
    return render(request, "consent/consent_form.html", context)


@area_view()
def consent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    current = actor(request)
    consent = opened_or_prompt(
        request, pk, detail="consent", open_with=selectors.consent_open
    )
    if isinstance(consent, HttpResponse):
        return consent
    coordinator = is_coordinator(request)
    missing = selectors.missing_guardians(consent=consent)
    open_ = consent.status in Consent.OPEN_STATUSES
    disclosures = selectors.disclosure_queryset(actor=current).filter(consent=consent)
    context = {
        "area": request.area,
        "consent": consent,
        "subject": consent.subject,
        "missing": missing,
        "disclosures": list(disclosures),
        "usable": consent.is_usable_on(timezone.localdate()),
        "guardian_form": (
            GuardianConsentForm(
                guardians=Guardian.objects.filter(pk__in=[g.pk for g in missing]),
                initial={"consented_on": timezone.localdate()},
            )
            if coordinator and missing and consent.status == Consent.Status.INCOMPLETE
            else None
        ),
        "written_form": (
            WrittenConsentForm()
            if coordinator and open_ and _has_oral(consent)
            else None
        ),
        "can_withdraw": open_,
        "breadcrumbs": crumbs(
            request,
            (consent.subject.pseudonym, subject_url(consent.subject)),
            (_("Consent"), None),
        ),
    }
    return render(request, "consent/consent_detail.html", context)


def _has_oral(consent: Consent) -> bool:
    return consent.form == Consent.Form.ORAL or any(
        cg.form == Consent.Form.ORAL for cg in consent.guardian_consents.all()
    )


@require_POST
@area_view()
def consent_guardian_add(request: HttpRequest, pk: int) -> HttpResponse:
    current = require_coordinator(request)
    consent = opened_or_prompt(
        request, pk, detail="guardian_consent", open_with=selectors.consent_open
    )
    if isinstance(consent, HttpResponse):
        return consent
    form = GuardianConsentForm(
        request.POST,
        guardians=Guardian.objects.filter(subject_id=consent.subject_id),
    )
    if form.is_valid():
        try:
            result = services.consent_guardian_add(
                actor=current,
                consent=consent,
                guardian=form.cleaned_data["guardian"],
                consented_at=start_of_day(form.cleaned_data["consented_on"]),
                form=form.cleaned_data["form"],
            )
        except Refusal as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("The guardian's consent is recorded."))
            _show_warnings(request, result.warnings)
    else:
        _errors_as_messages(request, form)
    return redirect(consent_url(consent))


@require_POST
@area_view()
def consent_written(request: HttpRequest, pk: int) -> HttpResponse:
    current = require_coordinator(request)
    consent = opened_or_prompt(
        request, pk, detail="written_form", open_with=selectors.consent_open
    )
    if isinstance(consent, HttpResponse):
        return consent
    form = WrittenConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record_written(
                actor=current,
                consent=consent,
                document_reference=form.cleaned_data["document_reference"],
            )
        except Refusal as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("The written consent is recorded."))
    else:
        _errors_as_messages(request, form)
    return redirect(consent_url(consent))


@area_view()
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Trekk tilbake: takes effect at once; the recipients are told."""
    current = actor(request)
    consent = opened_or_prompt(
        request, pk, detail="withdraw_form", open_with=selectors.consent_open
    )
    if isinstance(consent, HttpResponse):
        return consent
    form = WithdrawForm(
        request.POST or None, parties=services.withdrawal_parties(consent)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=current,
                consent=consent,
                party=form.cleaned_data["party"],
                note=form.cleaned_data["note"],
                withdrawn_at=form.cleaned_data["withdrawn_at"],
            )
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The consent is withdrawn. Nothing more may be shared on it, and "
                    "the agencies that received information are told."
                ),
            )
            return redirect(consent_url(consent))
    context = {
        "area": request.area,
        "consent": consent,
        "form": form,
        "open_disclosures": consent.subject.disclosures.filter(
            status__in=Disclosure.OPEN_STATUSES
        ).count(),
        "breadcrumbs": crumbs(
            request,
            (consent.subject.pseudonym, subject_url(consent.subject)),
            (_("Consent"), consent_url(consent)),
            (_("Withdraw"), None),
        ),
    }
    return render(request, "consent/consent_withdraw.html", context)


def _errors_as_messages(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
