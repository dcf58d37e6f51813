from django.urls import path

from reports import views_checklist, views_city, views_status
from reports.annual import views as annual

app_name = "reports"

urlpatterns = [
    # The reports hub: the annual report archive (årsrapporter)
    path("", annual.report_list, name="report_list"),
    path("annual/draft/", annual.annual_draft, name="annual_draft"),
    path("annual/<int:pk>/", annual.annual_detail, name="annual_detail"),
    path(
        "annual/<int:pk>/sections/<str:code>/",
        annual.annual_section_edit,
        name="annual_section_edit",
    ),
    path("annual/<int:pk>/submit/", annual.annual_submit, name="annual_submit"),
    path("annual/<int:pk>/review/", annual.annual_review, name="annual_review"),
    path("annual/<int:pk>/approve/", annual.annual_approve, name="annual_approve"),
    path("annual/<int:pk>/send/", annual.annual_send, name="annual_send"),
    path("annual/<int:pk>/correct/", annual.annual_correct, name="annual_correct"),
    path("annual/<int:pk>/pdf/", annual.annual_pdf_request, name="annual_pdf"),
    path(
        "annual/<int:pk>/pdf/status/",
        annual.annual_pdf_status,
        name="annual_pdf_status",
    ),
    path(
        "annual/<int:pk>/pdf/download/",
        annual.annual_pdf_download,
        name="annual_pdf_download",
    ),
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
