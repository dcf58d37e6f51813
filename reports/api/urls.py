from rest_framework.routers import SimpleRouter

from reports.api import views

router = SimpleRouter()
router.register("status-reports", views.StatusReportViewSet, basename="status-report")
router.register("annual-reports", views.AnnualReportViewSet, basename="annual-report")

urlpatterns = [*router.urls]
