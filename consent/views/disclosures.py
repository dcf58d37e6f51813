"""Disclosures: record a sharing with its legal basis; the fvl. § 13 b nr. 6 steps."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consent import legal, policy, selectors, services
from consent.forms import CancelForm, DisclosureForm
from consent.models import Consent, Disclosure, Subject
from consent.policy import Actor
from consent.views.common import (
    Refusal,
    actor,
    crumbs,
    opened_or_prompt,
    refusal_text,
    subject_url,
)
from municipalities import selectors as municipality_selectors
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def disclosure_url(disclosure: Disclosure) -> str:
    return reverse(
        "consent:disclosure_detail",
        kwargs={"area_slug": disclosure.area.slug, "pk": disclosure.pk},
    )


def _from_agencies(request: HttpRequest, current: Actor):
    """The coordinator records for any agency; others only for their own."""
    agencies = municipality_selectors.agency_list(area=request.area)
    if current.is_coordinator(request.area.pk):
        return agencies
    return agencies.filter(pk__in=current.agency_ids)


def _form(request: HttpRequest, current: Actor, subject: Subject, data, ask: bool):
    form = DisclosureForm(
        data,
        consents=policy.consents_visible(
            current, Consent.objects.filter(subject=subject)
        ).order_by("-given_at"),
        from_agencies=_from_agencies(request, current),
        agencies=municipality_selectors.agency_list(area=request.area),
        groups=selectors.group_choices(area=request.area, named_only=False),
        meetings=selectors.meeting_choices(area=request.area),
    )
    if not ask:
        del form.fields["confirm_identifiers"]
    return form


@area_view()
def disclosure_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrer deling: refused with the reason when the basis does not cover it."""
    current = actor(request)
    opened = opened_or_prompt(request, pk, detail="disclosure_form")
    if isinstance(opened, HttpResponse):
        return opened
    subject = opened.subject
    ask = bool(request.POST.get("confirm_step"))
    data = request.POST if request.method == "POST" else None
    form = _form(request, current, subject, data, ask)
    if request.method == "GET" and request.GET.get("consent"):
        form.initial.update(
            {"legal_basis": legal.LegalBasis.CONSENT, "consent": request.GET["consent"]}
        )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["confirm_identifiers"] = fields.get("confirm_identifiers", False)
        try:
            disclosure = services.disclosure_create(
                actor=current, subject=subject, **fields
            )
        except services.NeedsConfirmation as warning:
            ask = True
            form = _form(request, current, subject, request.POST, ask)
            form.is_valid()
            add_error_to_form(form, warning)
        except Refusal as error:
            add_error_to_form(form, error)
        else:
            if disclosure.status == Disclosure.Status.PROPOSED:
                messages.success(
                    request,
                    _(
                        "The report is proposed. Someone else in the agency must "
                        "approve it before it is given."
                    ),
                )
            else:
                messages.success(request, _("The disclosure is recorded."))
            return redirect(disclosure_url(disclosure))
    context = {
        "area": request.area,
        "subject": subject,
        "form": form,
        "ask_confirmation": ask,
        "basis_help": [
            (label, legal.BASIS_HELP[code]) for code, label in legal.LegalBasis.choices
        ],
        "consent_does_not_oblige": legal.CONSENT_DOES_NOT_OBLIGE,
        "duty_to_report": legal.DUTY_TO_REPORT,
        "breadcrumbs": crumbs(
            request,
            (subject.pseudonym, subject_url(subject)),
            (_("Record a disclosure"), None),
        ),
    }
    return render(request, "consent/disclosure_form.html", context)


@area_view()
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    current = actor(request)
    disclosure = opened_or_prompt(
        request, pk, detail="disclosure", open_with=selectors.disclosure_open
    )
    if isinstance(disclosure, HttpResponse):
        return disclosure
    meeting_url = None
    if disclosure.meeting_id:
        try:
            meeting_url = reverse(
                "meetings:meeting_detail",
                kwargs={"area_slug": request.area.slug, "pk": disclosure.meeting_id},
            )
        except NoReverseMatch:  # the meetings pages are built separately
            meeting_url = None
    can_approve = (
        disclosure.status == Disclosure.Status.PROPOSED
        and disclosure.decided_by_agency_id in current.agency_ids
        and disclosure.created_by_id != request.user.pk
    )
    context = {
        "area": request.area,
        "disclosure": disclosure,
        "subject": disclosure.subject,
        "meeting_url": meeting_url,
        "can_approve": can_approve,
        "can_disclose": disclosure.status == Disclosure.Status.APPROVED
        and disclosure.decided_by_agency_id in current.agency_ids,
        "cancel_form": CancelForm() if disclosure.is_open else None,
        "checklist_labels": dict(legal.AnonymisationCheck.choices),
        "category_labels": dict(legal.InformationCategory.choices),
        "breadcrumbs": crumbs(
            request,
            (disclosure.subject.pseudonym, subject_url(disclosure.subject)),
            (_("Disclosure"), None),
        ),
    }
    return render(request, "consent/disclosure_detail.html", context)


def _step(request: HttpRequest, pk: int, detail: str, run) -> HttpResponse:
    current = actor(request)
    disclosure = opened_or_prompt(
        request, pk, detail=detail, open_with=selectors.disclosure_open
    )
    if isinstance(disclosure, HttpResponse):
        return disclosure
    try:
        message = run(current, disclosure)
    except Refusal as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, message)
    return redirect(disclosure_url(disclosure))


@require_POST
@area_view()
def disclosure_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def run(current, disclosure):
        services.disclosure_approve(actor=current, disclosure=disclosure)
        return _("The agency's decision is recorded.")

    return _step(request, pk, "approve", run)


@require_POST
@area_view()
def disclosure_disclose(request: HttpRequest, pk: int) -> HttpResponse:
    def run(current, disclosure):
        services.disclosure_mark_disclosed(actor=current, disclosure=disclosure)
        return _("The disclosure is recorded as given.")

    return _step(request, pk, "mark_disclosed", run)


@require_POST
@area_view()
def disclosure_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    form = CancelForm(request.POST)

    def run(current, disclosure):
        if not form.is_valid():
            raise ApplicationError(_("Say why it is stopped."), field="reason")
        services.disclosure_cancel(
            actor=current, disclosure=disclosure, reason=form.cleaned_data["reason"]
        )
        return _("The disclosure is stopped.")

    return _step(request, pk, "cancel", run)
