from django.urls import path

from reports import views_checklist, views_city, views_status

app_name = "reports"

urlpatterns: list = [
    # Byrapport: the city aggregate (secretariat of a parent area)
    path("city/", views_city.city_report, name="city"),
    path("city/pdf/", views_city.city_report_pdf, name="city_pdf"),
    # Oslostandarden: self-assessment per district and year
    path("oslostandard/", views_checklist.checklist, name="checklist"),
    path(
        "oslostandard/<int:year>/<str:code>/",
        views_checklist.checklist_assess,
        name="checklist_assess",
    ),
    # Statusrapporter and reports to the politiråd
    path("status/", views_status.status_list, name="status_list"),
    path("status/new/", views_status.status_create, name="status_create"),
    path("status/<int:pk>/", views_status.status_detail, name="status_detail"),
    path("status/<int:pk>/edit/", views_status.status_update, name="status_update"),
    path("status/<int:pk>/submit/", views_status.status_submit, name="status_submit"),
    path("status/<int:pk>/pdf/", views_status.status_pdf, name="status_pdf"),
]
