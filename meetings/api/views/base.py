"""The shared base of the meetings API: scoping to the groups a caller may see.

Every list is scoped to the caller's areas (django-scopes) and then to the groups the
caller may see: members of a group and the area's coordinator. Writes that run a
group's meetings need the coordinator or the group's secretary; submitting an agenda
item or raising a matter needs membership; a follow-up's owner may update its status.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions

from meetings.models import Meeting
from meetings.policy import MEETING_ROLES, GroupAccess, group_access_for
from municipalities.models import Group
from slt_portal.api.views import AreaScopedMixin

READ = ["get", "head", "options"]
READ_CREATE = [*READ, "post"]


class MeetingsApiMixin(AreaScopedMixin):
    read_roles = MEETING_ROLES
    write_roles = MEETING_ROLES
    group_path = "group"

    @property
    def groups(self) -> GroupAccess:
        if not hasattr(self, "_groups"):
            self._groups = group_access_for(access=self.access)
        return self._groups

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(self.base_queryset()).filter(
            self.groups.visible_q(self.group_path)
        )

    def require_manage(self, group: Group) -> None:
        if not self.groups.can_manage(group):
            raise exceptions.PermissionDenied(
                _("Only the coordinator or the group's secretary can do this.")
            )

    def visible_group(self, pk: int | None, field: str = "group") -> Group:
        group = self.scoped(Group.objects.select_related("area")).filter(pk=pk).first()
        if group is None or not self.groups.can_view(group):
            raise exceptions.ValidationError({field: [_("Not found.")]})
        return group

    def meeting(self, pk: int | None, field: str = "meeting") -> Meeting:
        found = (
            self.scoped(Meeting.objects.select_related("group", "area"))
            .filter(self.groups.visible_q("group"), pk=pk)
            .first()
        )
        if found is None:
            raise exceptions.ValidationError({field: [_("Not found.")]})
        return found


def one(queryset, pk, field: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise exceptions.ValidationError({field: [_("Not found.")]})
    return found


def valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
