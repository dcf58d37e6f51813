from django.urls import path
from rest_framework.routers import SimpleRouter

from municipalities.api import views

router = SimpleRouter()
router.register("areas", views.AreaViewSet, basename="area")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("groups", views.GroupViewSet, basename="group")
router.register("group-members", views.GroupMemberViewSet, basename="group-member")

urlpatterns = [path("me/", views.MeView.as_view(), name="me"), *router.urls]
