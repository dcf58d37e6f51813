from django.urls import path
from rest_framework.routers import SimpleRouter

from actionplans.views.feed import cycle_feed_ics

router = SimpleRouter()

urlpatterns = [
    # The årshjul's secret calendar address (a plain view: calendar programs have
    # no session and no API key; the token is the key).
    path("cycle-feeds/<str:token>.ics", cycle_feed_ics, name="cycle-feed"),
    *router.urls,
]
