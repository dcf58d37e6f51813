"""Base viewset for the actionplans API: scoping and plan visibility."""

from __future__ import annotations

from django.db.models import Q
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from actionplans import policy
from actionplans.models import ActionPlan
from slt_portal.api.views import AreaScopedMixin


class ScopedViewSet(
    AreaScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and detail in the caller's areas; subclasses add writes via services."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    cache_list = True  # plans are read far more often than written

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(self.base_queryset())

    def visible_plans(self, prefix: str = "") -> Q:
        return policy.plan_visibility_by_area(
            {a: self.access.roles(a) for a in self.scope_area_ids}, prefix
        )

    def require_plan_write(self, plan: ActionPlan) -> None:
        if not policy.can_write_plan(self.access.roles(plan.area_id), plan.kind):
            raise exceptions.PermissionDenied(
                "Your role does not allow changing this plan."
            )

    def respond(self, instance, serializer_class=None, code=status.HTTP_200_OK):
        serializer_class = serializer_class or self.get_serializer_class()
        return Response(
            serializer_class(instance, context=self.get_serializer_context()).data,
            status=code,
        )
