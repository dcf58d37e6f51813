from django.urls import path
from rest_framework.routers import SimpleRouter

from reports.api import views, views_city

router = SimpleRouter()
router.register("status-reports", views.StatusReportViewSet, basename="status-report")
router.register(
    "periodic-reports", views_city.PeriodicReportViewSet, basename="periodic-report"
)
router.register("annual-reports", views.AnnualReportViewSet, basename="annual-report")

urlpatterns = [
    *router.urls,
    path(
        "city-reports/<slug:area_slug>/",
        views_city.CityReportView.as_view(),
        name="city-report",
    ),
    path(
        "oslostandard/<slug:area_slug>/<int:year>/",
        views_city.ChecklistView.as_view(),
        name="oslostandard",
    ),
    path(
        "oslostandard/<slug:area_slug>/<int:year>/<str:code>/",
        views_city.ChecklistItemView.as_view(),
        name="oslostandard-item",
    ),
]
