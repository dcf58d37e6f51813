from rest_framework.routers import SimpleRouter

from consent.api import views

router = SimpleRouter()
router.register("subjects", views.SubjectViewSet, basename="subject")
router.register("consents", views.ConsentViewSet, basename="consent")
router.register("disclosures", views.DisclosureViewSet, basename="disclosure")
router.register(
    "consent-statistics",
    views.ConsentStatisticsViewSet,
    basename="consent-statistics",
)

urlpatterns = [*router.urls]
