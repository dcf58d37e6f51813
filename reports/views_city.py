"""Byrapport: the city aggregate page and its PDF, for the parent's secretariat
(and coordinator). Counts only; a district or another city gets 404."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities import roles
from municipalities.selectors import area_breadcrumbs
from reports import city
from reports.checklist import year_choices
from slt_portal.tenancy import area_view

CITY_ROLES = (roles.SECRETARIAT, roles.COORDINATOR)


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]


def report_year(
    request: HttpRequest, default: int | None = None
) -> tuple[int, YearForm]:
    """The year asked for in ``?year=``; last year when absent or not allowed (the
    form then says why)."""
    default = default or timezone.localdate().year - 1
    if "year" not in request.GET:
        return default, YearForm(initial={"year": default})
    form = YearForm(request.GET)
    return (form.cleaned_data["year"] if form.is_valid() else default), form


def _city_or_404(request: HttpRequest) -> None:
    if not city.is_city(request.area):
        raise Http404(_("This area has no districts."))


@area_view(*CITY_ROLES)
def city_report(request: HttpRequest) -> HttpResponse:
    """Byrapport: every district side by side for one year."""
    _city_or_404(request)
    year, form = report_year(request)
    data = city.city_aggregate_build(parent=request.area, year=year)
    context = {
        "area": request.area,
        "form": form,
        "year": year,
        **city.city_context(data),
        "breadcrumbs": area_breadcrumbs(
            request.area, (_("City report %(year)d") % {"year": year}, None)
        ),
    }
    return render(
        request, "reports/city/report.html", context, status=400 if form.errors else 200
    )


@area_view(*CITY_ROLES)
def city_report_pdf(request: HttpRequest) -> HttpResponse:
    """Byrapport som PDF."""
    _city_or_404(request)
    year, _form = report_year(request)
    data = city.city_aggregate_build(parent=request.area, year=year)
    _html, pdf = city.city_aggregate_pdf(data=data)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"byrapport-{request.area.slug}-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
