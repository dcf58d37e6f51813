"""What every consent page shares: the Actor, role gates, the purpose prompt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consent import policy, selectors
from consent.audit import Purpose
from consent.forms import PurposeForm
from consent.policy import Actor
from municipalities.selectors import area_breadcrumbs
from slt_portal.exceptions import ApplicationError
from slt_portal.tenancy import access_for_request

SESSION_KEY = "consent_purposes"
PURPOSE_MINUTES = 60  # [A] a stated purpose covers the record for an hour


def actor(request: HttpRequest) -> Actor:
    """The request's Actor in the current area (404 for roles without access, C1)."""
    cached = getattr(request, "_consent_actor", None)
    if cached is None:
        if not request.area_roles & policy.CONSENT_ROLES:
            raise Http404(_("No such page, or you have no access to it."))
        cached = policy.actor_for(
            access=access_for_request(request),
            user=request.user,
            area_ids=[request.area.pk],
            request_id=policy.request_id_for(request),
        )
        request._consent_actor = cached
    return cached


def require_coordinator(request: HttpRequest) -> Actor:
    """Writes of subjects and consents are the coordinator's (403 for other roles
    with consent access, 404 for roles without any)."""
    current = actor(request)
    if not current.is_coordinator(request.area.pk):
        raise PermissionDenied(_("Only the area's coordinator can do this."))
    return current


def is_coordinator(request: HttpRequest) -> bool:
    return policy.COORDINATOR in request.area_roles


# --- Purpose of opening a record outside an active case ---------------------------


def session_purpose(request: HttpRequest, subject_id: int) -> Purpose:
    stored = request.session.get(SESSION_KEY, {}).get(str(subject_id))
    if not stored:
        return Purpose()
    until = dt.datetime.fromisoformat(stored["until"])
    if until < timezone.now():
        return Purpose()
    return Purpose(code=stored["purpose"], note=stored.get("note", ""))


def remember_purpose(request: HttpRequest, subject_id: int, purpose: Purpose) -> None:
    purposes = {
        key: value
        for key, value in request.session.get(SESSION_KEY, {}).items()
        if dt.datetime.fromisoformat(value["until"]) > timezone.now()
    }
    purposes[str(subject_id)] = {
        "purpose": purpose.code,
        "note": purpose.note,
        "until": (timezone.now() + dt.timedelta(minutes=PURPOSE_MINUTES)).isoformat(),
    }
    request.session[SESSION_KEY] = purposes


def purpose_prompt(request: HttpRequest, subject_id: int) -> HttpResponse:
    """Ask why before showing anything: the page shows no data about the person."""
    area = request.area
    form = PurposeForm(initial={"next": request.get_full_path()})
    context = {
        "area": area,
        "form": form,
        "action": reverse(
            "consent:subject_purpose", kwargs={"area_slug": area.slug, "pk": subject_id}
        ),
        "minutes": PURPOSE_MINUTES,
        "breadcrumbs": crumbs(request, (_("State a purpose"), None)),
    }
    return render(request, "consent/purpose.html", context)


def opened_or_prompt(
    request: HttpRequest,
    pk: int,
    *,
    detail: str,
    open_with: Callable | None = None,
    **open_kwargs,
):
    """Open a record through ``open_with`` (default: the young person's record);
    on PurposeRequired return the prompt instead."""
    opener = open_with or selectors.subject_open
    try:
        return opener(
            actor=actor(request),
            area_id=request.area.pk,
            pk=pk,
            purpose=Purpose(),
            detail=detail,
            **open_kwargs,
        )
    except selectors.PurposeRequired as needed:
        purpose = session_purpose(request, needed.subject.pk)
        if not purpose.code:
            return purpose_prompt(request, needed.subject.pk)
        return opener(
            actor=actor(request),
            area_id=request.area.pk,
            pk=pk,
            purpose=purpose,
            detail=detail,
            **open_kwargs,
        )


Refusal = (ApplicationError, ValidationError)


def refusal_text(error: Exception) -> str:
    """The message of a service's refusal or a model validation error."""
    if isinstance(error, ApplicationError):
        return error.message
    return " ".join(error.messages)


def crumbs(request: HttpRequest, *trail: tuple[str, str | None]) -> list[dict]:
    area = request.area
    return area_breadcrumbs(
        area,
        (
            _("Consents"),
            reverse("consent:subject_list", kwargs={"area_slug": area.slug}),
        ),
        *trail,
    )


def subject_url(subject) -> str:
    return reverse(
        "consent:subject_detail",
        kwargs={"area_slug": subject.area.slug, "pk": subject.pk},
    )
