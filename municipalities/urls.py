from django.urls import path

from municipalities.views import api_keys, area, groups, people

app_name = "municipalities"

urlpatterns = [
    path("", area.area_home, name="area_home"),
    path("organisation/", area.organisation, name="organisation"),
    path("organisation/invite/", people.person_invite, name="person_invite"),
    path(
        "organisation/memberships/<int:pk>/end/",
        people.membership_end,
        name="membership_end",
    ),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_new, name="group_new"),
    path(
        "groups/three-levels/",
        groups.group_structure_new,
        name="group_structure_new",
    ),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path(
        "groups/<int:pk>/members/add/",
        groups.group_member_add,
        name="group_member_add",
    ),
    path(
        "groups/<int:pk>/members/<int:member_pk>/end/",
        groups.group_member_end,
        name="group_member_end",
    ),
    path("api-keys/", api_keys.api_key_list, name="api_key_list"),
    path("api-keys/<int:pk>/revoke/", api_keys.api_key_revoke, name="api_key_revoke"),
]
