from django.urls import path

from municipalities.views import api_keys, area, people

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
    path("api-keys/", api_keys.api_key_list, name="api_key_list"),
    path("api-keys/<int:pk>/revoke/", api_keys.api_key_revoke, name="api_key_revoke"),
]
