from django.urls import path
from rest_framework.routers import SimpleRouter

from municipalities.api import views

router = SimpleRouter()
router.register("areas", views.AreaViewSet, basename="area")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("memberships", views.MembershipViewSet, basename="membership")

urlpatterns = [path("me/", views.MeView.as_view(), name="me"), *router.urls]
