"""API keys for machine clients: created and revoked by the area's coordinator."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import roles, selectors, services
from municipalities.forms import ApiKeyCreateForm
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def _breadcrumbs(area):
    return selectors.area_breadcrumbs(area, (_("API keys"), None))


@area_view(roles.COORDINATOR)
def api_key_list(request: HttpRequest) -> HttpResponse:
    area = request.area
    form = ApiKeyCreateForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(dt.datetime.combine(expires_on, dt.time(23, 59)))
            if expires_on
            else None
        )
        try:
            api_key, new_key = services.api_key_create(
                area=area,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                expires_at=expires_at,
                created_by=request.user,
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, _("The key «%(name)s» was created.") % {"name": api_key.name}
            )
            form = ApiKeyCreateForm()
    context = {
        "area": area,
        "form": form,
        "new_key": new_key,  # shown once, never stored
        "api_keys": selectors.api_key_list(area=area),
        "breadcrumbs": _breadcrumbs(area),
    }
    return render(request, "municipalities/api_keys.html", context)


@require_POST
@area_view(roles.COORDINATOR)
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    api_key = selectors.api_key_get_for_user(area=request.area, pk=pk)
    try:
        services.api_key_revoke(api_key=api_key, revoked_by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The key «%(name)s» was revoked.") % {"name": api_key.name}
        )
    return redirect("municipalities:api_key_list", area_slug=request.area.slug)
