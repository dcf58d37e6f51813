from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from slt_portal import views

api_v1 = [
    path("", include("municipalities.api.urls")),
    path("", include("meetings.api.urls")),
    path("", include("actionplans.api.urls")),
    path("", include("consent.api.urls")),
    path("", include("reports.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]

area_patterns = [
    path("", include("municipalities.urls")),
    path("meetings/", include("meetings.urls")),
    path("plans/", include("actionplans.urls")),
    path("consent/", include("consent.urls")),
    path("reports/", include("reports.urls")),
]

urlpatterns = [
    path("", views.start, name="start"),
    path("switch-area/", views.switch_area, name="switch_area"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("municipalities.account_urls")),
    path("calendar/", include("meetings.calendar_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("o/<slug:area_slug>/", include(area_patterns)),
]

if settings.BENCH_ENDPOINTS:  # benchmarks only (bench/run.py); never in normal runs
    from slt_portal.api.bench import BaselineView

    urlpatterns.append(
        path("api/v1/bench/baseline/", BaselineView.as_view(), name="bench-baseline")
    )
