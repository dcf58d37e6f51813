from rest_framework.routers import SimpleRouter

from meetings.api import views

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("attendance", views.AttendanceViewSet, basename="attendance")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")
router.register("matters", views.MatterViewSet, basename="matter")

urlpatterns = [*router.urls]
