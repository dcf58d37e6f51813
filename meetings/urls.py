from django.urls import path

from meetings.views import agenda, dashboard, followups, matters, meetings, running

app_name = "meetings"

urlpatterns = [
    path("", meetings.meeting_list, name="meeting_list"),
    path("overview/", dashboard.dashboard, name="dashboard"),
    path("new/", meetings.meeting_new, name="meeting_new"),
    path("series/new/", meetings.series_new, name="series_new"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/invite/", meetings.meeting_invite, name="meeting_invite"),
    path("<int:pk>/held/", meetings.meeting_held, name="meeting_held"),
    path("<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/meeting.ics", meetings.meeting_ics, name="meeting_ics"),
    path("<int:pk>/items/new/", agenda.meeting_item_new, name="meeting_item_new"),
    path("<int:pk>/attendance/", running.attendance_edit, name="attendance_edit"),
    path("<int:pk>/guests/", running.guest_add, name="guest_add"),
    path(
        "<int:pk>/guests/<int:guest_pk>/remove/",
        running.guest_remove,
        name="guest_remove",
    ),
    path("<int:pk>/minutes/", running.minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes/approve/", running.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/correct/", running.correction_add, name="correction_add"),
    path("<int:pk>/decisions/new/", running.decision_new, name="decision_new"),
    path(
        "<int:pk>/decisions/<int:decision_pk>/delete/",
        running.decision_delete,
        name="decision_delete",
    ),
    path("<int:pk>/follow-ups/new/", running.follow_up_new, name="follow_up_new"),
    path("items/", agenda.item_queue, name="item_queue"),
    path("items/new/", agenda.item_new, name="item_new"),
    path("items/<int:pk>/screen/", agenda.item_screen, name="item_screen"),
    path("items/<int:pk>/remove/", agenda.item_remove, name="item_remove"),
    path("items/<int:pk>/move/", agenda.item_move, name="item_move"),
    path("items/<int:pk>/case-paper/", agenda.item_case_paper, name="item_case_paper"),
    path("follow-ups/", followups.follow_up_list, name="follow_up_list"),
    path("follow-ups/<int:pk>/", followups.follow_up_detail, name="follow_up_detail"),
    path("matters/", matters.matter_list, name="matter_list"),
    path("matters/new/", matters.matter_new, name="matter_new"),
    path("matters/<int:pk>/", matters.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/receive/", matters.matter_receive, name="matter_receive"),
    path("matters/<int:pk>/answer/", matters.matter_answer, name="matter_answer"),
    path("matters/<int:pk>/lift/", matters.matter_lift, name="matter_lift"),
    path("matters/<int:pk>/return/", matters.matter_return, name="matter_return"),
    path("matters/<int:pk>/close/", matters.matter_close, name="matter_close"),
]
