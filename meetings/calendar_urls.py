"""Calendar addresses live outside /o/<area>/: one token covers all the user's areas."""

from django.urls import path

from meetings.views import calendar

app_name = "calendar"

urlpatterns = [
    path("", calendar.calendar_settings, name="settings"),
    path("new/", calendar.calendar_token_new, name="token_new"),
    path("revoke/", calendar.calendar_token_revoke, name="token_revoke"),
    path("<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    path(
        "<str:token>/groups/<int:group_id>.ics",
        calendar.group_feed,
        name="group_feed",
    ),
]
