from django.urls import path
from rest_framework.routers import SimpleRouter

from actionplans.api import views
from actionplans.views.feed import cycle_feed_ics

router = SimpleRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("focus-areas", views.FocusAreaViewSet, basename="focus-area")
router.register("goals", views.GoalViewSet, basename="goal")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register(
    "progress-updates", views.ProgressUpdateViewSet, basename="progress-update"
)
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register(
    "indicator-values", views.IndicatorValueViewSet, basename="indicator-value"
)
router.register(
    "cycle-templates", views.CycleTemplateViewSet, basename="cycle-template"
)
router.register("cycle-items", views.CycleItemViewSet, basename="cycle-item")
router.register("cycle-tasks", views.CycleTaskViewSet, basename="cycle-task")

urlpatterns = [
    # The årshjul's secret calendar address (a plain view: calendar programs have
    # no session and no API key; the token is the key).
    path("cycle-feeds/<str:token>.ics", cycle_feed_ics, name="cycle-feed"),
    *router.urls,
]
