"""Indikatorer: series with values per period, a chart with a table, CSV import."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actionplans import policy, selectors, services
from actionplans.charts import (
    format_value,
    indicator_chart,
    period_label,
    shown_value,
)
from actionplans.forms import CsvImportForm, IndicatorForm, IndicatorValueForm
from actionplans.models import Indicator
from actionplans.views.common import area_url, plan_crumbs
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    return selectors.indicator_get_for_user(area=request.area, pk=pk)


def _crumbs(request, *trail):
    return plan_crumbs(
        request, (_("Indicators"), area_url(request, "indicator_list")), *trail
    )


def _rows(indicator: Indicator) -> list[dict]:
    return [
        {
            "value": row,
            "period": period_label(row.period_start, row.period_end),
            "shown": shown_value(row, indicator.unit),
            "comparison": format_value(row.comparison_value, indicator.unit),
        }
        for row in indicator.values.all()
    ]


@area_view(*policy.INDICATOR_READERS)
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Indikatorer i området, each with its latest value."""
    indicators = []
    for indicator in selectors.indicator_list(area=request.area):
        values = list(indicator.values.all())
        latest = values[-1] if values else None
        indicators.append(
            {
                "indicator": indicator,
                "latest": latest,
                "latest_shown": shown_value(latest, indicator.unit) if latest else "",
                "latest_period": period_label(latest.period_start, latest.period_end)
                if latest
                else "",
                "count": len(values),
            }
        )
    context = {
        "area": request.area,
        "indicators": indicators,
        "can_edit": bool(request.area_roles & policy.INDICATOR_WRITERS),
        "breadcrumbs": plan_crumbs(request, (_("Indicators"), None)),
    }
    return render(request, "actionplans/indicator_list.html", context)


@area_view(*policy.INDICATOR_READERS)
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Indikator: chart (SVG) and the same figures as a table."""
    indicator = _indicator(request, pk)
    values = list(indicator.values.all())
    can_edit = bool(request.area_roles & policy.INDICATOR_WRITERS)
    context = {
        "area": request.area,
        "indicator": indicator,
        "chart": indicator_chart(indicator, values),
        "rows": _rows(indicator),
        "goals": selectors.indicator_goals(
            indicator=indicator, area_roles=request.area_roles
        ),
        "can_edit": can_edit,
        "value_form": IndicatorValueForm() if can_edit else None,
        "breadcrumbs": _crumbs(request, (indicator.name, None)),
    }
    return render(request, "actionplans/indicator_detail.html", context)


@area_view(*policy.INDICATOR_WRITERS)
def indicator_create(request: HttpRequest) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                area=request.area, created_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The indicator is created."))
            return redirect(area_url(request, "indicator_detail", pk=indicator.pk))
    context = {
        "area": request.area,
        "form": form,
        "title": _("New indicator"),
        "submit_label": _("Create"),
        "cancel_url": area_url(request, "indicator_list"),
        "breadcrumbs": _crumbs(request, (_("New indicator"), None)),
    }
    return render(request, "actionplans/form_page.html", context)


@area_view(*policy.INDICATOR_WRITERS)
def indicator_update(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    detail_url = area_url(request, "indicator_detail", pk=indicator.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, **form.cleaned_data)
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect(detail_url)
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit indicator"),
        "submit_label": _("Save"),
        "cancel_url": detail_url,
        "delete_url": area_url(request, "indicator_delete", pk=indicator.pk),
        "breadcrumbs": _crumbs(
            request, (indicator.name, detail_url), (_("Edit"), None)
        ),
    }
    return render(request, "actionplans/form_page.html", context)


@require_POST
@area_view(*policy.INDICATOR_WRITERS)
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    try:
        services.indicator_delete(indicator=indicator)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(area_url(request, "indicator_detail", pk=indicator.pk))
    messages.success(request, _("The indicator is deleted."))
    return redirect(area_url(request, "indicator_list"))


@area_view(*policy.INDICATOR_WRITERS)
def indicator_value_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ny verdi (or a new value for a period that has one)."""
    indicator = _indicator(request, pk)
    return _value_form(request, indicator, None)


@area_view(*policy.INDICATOR_WRITERS)
def indicator_value_update(request: HttpRequest, pk: int) -> HttpResponse:
    value = selectors.indicator_value_get_for_user(area=request.area, pk=pk)
    return _value_form(request, value.indicator, value)


def _value_form(request, indicator, instance) -> HttpResponse:
    form = IndicatorValueForm(request.POST or None, instance=instance)
    detail_url = area_url(request, "indicator_detail", pk=indicator.pk)
    if request.method == "POST" and form.is_valid():
        try:
            _row, created = services.indicator_value_set(
                indicator=indicator,
                created_by=request.user,
                instance=instance,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("The value is added.") if created else _("The value is updated."),
            )
            return redirect(detail_url)
    context = {
        "area": request.area,
        "form": form,
        "title": _("Edit value") if instance else _("New value"),
        "lead": indicator.name,
        "submit_label": _("Save"),
        "cancel_url": detail_url,
        "delete_url": area_url(request, "indicator_value_delete", pk=instance.pk)
        if instance
        else None,
        "breadcrumbs": _crumbs(
            request, (indicator.name, detail_url), (_("Value"), None)
        ),
    }
    return render(request, "actionplans/form_page.html", context)


@require_POST
@area_view(*policy.INDICATOR_WRITERS)
def indicator_value_delete(request: HttpRequest, pk: int) -> HttpResponse:
    value = selectors.indicator_value_get_for_user(area=request.area, pk=pk)
    services.indicator_value_delete(value=value)
    messages.success(request, _("The value is deleted."))
    return redirect(area_url(request, "indicator_detail", pk=value.indicator_id))


@area_view(*policy.INDICATOR_WRITERS)
def indicator_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Importer verdier fra CSV: all rows or none, with an error per bad row."""
    indicator = _indicator(request, pk)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    detail_url = area_url(request, "indicator_detail", pk=indicator.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.indicator_values_import(
                indicator=indicator,
                data=upload.read(services.indicators.MAX_IMPORT_BYTES + 1),
                imported_by=request.user,
            )
        except services.CsvImportError as error:
            form.add_error("file", error.message)
            row_errors = error.row_errors
        else:
            messages.success(
                request,
                ngettext(
                    "%(created)d value imported",
                    "%(created)d values imported",
                    result.created,
                )
                % {"created": result.created}
                + ", "
                + ngettext(
                    "%(updated)d updated.", "%(updated)d updated.", result.updated
                )
                % {"updated": result.updated},
            )
            return redirect(detail_url)
    context = {
        "area": request.area,
        "indicator": indicator,
        "form": form,
        "row_errors": row_errors,
        "breadcrumbs": _crumbs(
            request, (indicator.name, detail_url), (_("Import"), None)
        ),
    }
    return render(request, "actionplans/indicator_import.html", context)
