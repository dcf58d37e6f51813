from django.contrib import admin

from reports.models import StatusReport


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "kind", "status", "period_start", "period_end"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "area__name"]
    raw_id_fields = ["author", "author_agency", "from_group", "to_group", "matter"]
    readonly_fields = ["data_snapshot", "submitted_at"]
