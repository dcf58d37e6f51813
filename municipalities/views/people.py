"""People with roles in the area: the coordinator invites and ends roles."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities import roles, selectors, services
from municipalities.forms import PersonInviteForm
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


@area_view(roles.COORDINATOR)
def person_invite(request: HttpRequest) -> HttpResponse:
    area = request.area
    form = PersonInviteForm(
        request.POST or None, agencies=selectors.agency_list(area=area)
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.person_invite(
                area=area, invited_by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s now has the role %(role)s and has been sent an e-mail.")
                % {
                    "name": membership.user.full_name,
                    "role": membership.get_role_display(),
                },
            )
            return redirect("municipalities:organisation", area_slug=area.slug)
    context = {
        "area": area,
        "form": form,
        "breadcrumbs": selectors.area_breadcrumbs(
            area,
            (_("Organisation"), _organisation_url(area)),
            (_("Invite a person"), None),
        ),
    }
    return render(request, "municipalities/person_invite.html", context)


@require_POST
@area_view(roles.COORDINATOR)
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(selectors.membership_list(area=request.area), pk=pk)
    if membership.user_id == request.user.pk and membership.role == roles.COORDINATOR:
        messages.error(request, _("You cannot end your own coordinator role."))
    else:
        try:
            services.membership_end(membership=membership)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The role %(role)s for %(name)s has ended.")
                % {
                    "role": membership.get_role_display(),
                    "name": membership.user.full_name,
                },
            )
    return redirect("municipalities:organisation", area_slug=request.area.slug)


def _organisation_url(area) -> str:
    from django.urls import reverse

    return reverse("municipalities:organisation", kwargs={"area_slug": area.slug})
