"""Oslostandarden: the self-assessment page, one form per recommendation.

Each recommendation posts on its own; with htmx only that recommendation is swapped,
without JavaScript the page reloads at it. A district's coordinator answers the
district's items; the secretariat (or coordinator) of Oslo answers the city's.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import roles
from municipalities.selectors import area_breadcrumbs
from reports import checklist as assessments
from reports.checklist import ChecklistRow, checklist_scope
from reports.forms_city import ChecklistForm
from reports.oslostandard import BY_CODE
from reports.views_city import report_year
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view

READERS = roles.ALL_ROLES


def _scope_or_404(request: HttpRequest) -> str:
    scope = checklist_scope(request.area)
    if scope is None:
        raise Http404(_("The Oslostandard applies to Oslo and its districts."))
    return scope


def can_edit(request: HttpRequest, scope: str) -> bool:
    return bool(request.area_roles & assessments.editor_roles(scope))


def _form(row: ChecklistRow, data=None) -> ChecklistForm:
    initial = {}
    if row.assessment is not None:
        initial = {"rating": row.assessment.rating, "comment": row.assessment.comment}
    return ChecklistForm(data, code=row.code, initial=initial)


def _page_url(request: HttpRequest, year: int) -> str:
    url = reverse("reports:checklist", kwargs={"area_slug": request.area.slug})
    return f"{url}?year={year}"


def _page(
    request: HttpRequest,
    scope: str,
    year: int,
    year_form,
    bound: ChecklistForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = assessments.checklist_rows(area=request.area, year=year)
    editable = can_edit(request, scope)
    items = []
    for row in rows:
        form = None
        if editable:
            form = bound if bound and bound.prefix == row.code else _form(row)
        items.append({"row": row, "form": form})
    counts = assessments.oslostandard_summary(area=request.area, year=year)
    context = {
        "area": request.area,
        "year": year,
        "form": year_form,
        "items": items,
        "summary": counts,
        "scope": scope,
        "can_edit": editable,
        "breadcrumbs": area_breadcrumbs(
            request.area, (_("Oslostandard %(year)d") % {"year": year}, None)
        ),
    }
    return render(request, "reports/checklist/page.html", context, status=status)


@area_view(*READERS)
def checklist(request: HttpRequest) -> HttpResponse:
    """Egenvurdering etter Oslostandarden for one year."""
    scope = _scope_or_404(request)
    year, year_form = report_year(request)
    return _page(
        request, scope, year, year_form, status=400 if year_form.errors else 200
    )


@require_POST
@area_view(*READERS)
def checklist_assess(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """Lagre vurdering of one recommendation."""
    scope = _scope_or_404(request)
    if code not in BY_CODE or BY_CODE[code].scope != scope:
        raise Http404
    if not can_edit(request, scope):
        raise PermissionDenied(_("Your role in this area does not allow this."))
    form = ChecklistForm(request.POST, code=code)
    saved = False
    if form.is_valid():
        try:
            assessments.checklist_assess(
                area=request.area,
                year=year,
                code=code,
                user=request.user,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            saved = True
    if request.htmx:
        row = assessments.checklist_row(area=request.area, year=year, code=code)
        if row is None:
            raise Http404
        context = {
            "area": request.area,
            "year": year,
            "item": {"row": row, "form": _form(row) if saved else form},
            "saved": saved,
        }
        return render(request, "reports/checklist/_item.html", context)
    if saved:
        messages.success(request, _("%(code)s is saved.") % {"code": code})
        return redirect(f"{_page_url(request, year)}#{code}")
    year_form = report_year(request, default=year)[1]
    if year not in [c[0] for c in year_form.fields["year"].choices]:
        year = report_year(request)[0]
    return _page(request, scope, year, year_form, bound=form, status=400)
