"""Base classes every API view builds on: tenant scoping and role checks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_scopes import scope
from rest_framework import exceptions, viewsets

from slt_portal import areacache
from slt_portal.tenancy import Access, access_for_request


class AreaScopedMixin:
    """Scope an API view to the areas where the caller holds one of ``read_roles``.

    The django-scopes scope is active from authentication to the end of the view, so
    every tenant-model query inside is limited to those areas; objects elsewhere
    answer 404. A caller with none of the roles anywhere gets 403. Writes need one of
    ``write_roles`` in the object's area (checked by :meth:`check_write`).
    """

    read_roles: Iterable[str] = ()
    write_roles: Iterable[str] = ()
    area_field = "area"
    # Serve list pages from the per-area cache (slt_portal.areacache). Only for
    # lists whose reads have no side effect (never the consent app: its reads are
    # written to the access log).
    cache_list = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.access: Access = access_for_request(request)
        self.scope_area_ids = self.access.area_ids_with(self.read_roles)
        if not self.scope_area_ids:
            raise exceptions.PermissionDenied(
                _("Your role does not give access to this.")
            )
        self._scope = scope(area=self.scope_area_ids)
        self._scope.__enter__()

    def finalize_response(self, request, response, *args, **kwargs):
        try:
            return super().finalize_response(request, response, *args, **kwargs)
        finally:
            if getattr(self, "_scope", None) is not None:
                self._scope.__exit__(None, None, None)
                self._scope = None

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if not self.cache_list or renderer.format != "json":
            return super().list(request, *args, **kwargs)

        def build() -> bytes:  # the page as the renderer writes it
            response = super(AreaScopedMixin, self).list(request, *args, **kwargs)
            context = self.get_renderer_context()
            return renderer.render(response.data, request.accepted_media_type, context)

        roles = sorted((a, sorted(self.access.roles(a))) for a in self.scope_area_ids)
        body = areacache.cached(
            f"api:{type(self).__module__}.{type(self).__qualname__}",
            area_ids=self.scope_area_ids,
            parts=[
                self.access.user_id,
                self.access.api_key_id,
                roles,
                request.get_full_path(),
                request.accepted_media_type,
            ],
            build=build,
        )
        return HttpResponse(body, content_type=request.accepted_media_type)

    def scoped(self, queryset: QuerySet) -> QuerySet:
        """Filter explicitly as well: the scope is the second lock, not the only one."""
        return queryset.filter(**{f"{self.area_field}__in": self.scope_area_ids})

    def check_write(self, area) -> None:
        if not self.access.has_role(area, *self.write_roles):
            raise exceptions.PermissionDenied(
                _("Your role does not allow this change.")
            )


class AreaScopedReadOnlyViewSet(AreaScopedMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only list/detail endpoint over one tenant model.

    Set ``queryset = Model.objects.none()`` (a scoped manager refuses real queries at
    import time) and build the real one in :meth:`base_queryset`.
    """

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(self.base_queryset())
