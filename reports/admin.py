from django.contrib import admin

from reports.models import AnnualReport, ReportReview, StatusReport


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "kind", "status", "period_start", "period_end"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "area__name"]
    raw_id_fields = ["author", "author_agency", "from_group", "to_group", "matter"]
    readonly_fields = ["data_snapshot", "submitted_at"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    """Årsrapporter. Content changes go through the services: the snapshot, the
    sections and the PDF are read-only here (an approved report never changes)."""

    list_display = ["area", "year", "version", "status", "pdf_status", "approved_at"]
    list_filter = ["status", "pdf_status"]
    search_fields = ["area__name"]
    raw_id_fields = ["corrects", "approved_by_group", "approval_decision"]
    readonly_fields = [
        "sections",
        "data_snapshot",
        "snapshot_taken_at",
        "pdf",
        "pdf_sha256",
        "pdf_status",
        "pdf_task_id",
        "pdf_claimed_at",
        "pdf_error",
        "rendered_at",
        "approved_by",
        "approved_at",
        "review_started_at",
    ]


@admin.register(ReportReview)
class ReportReviewAdmin(admin.ModelAdmin):
    list_display = ["report_type", "report_id", "reviewer", "section", "verdict"]
    list_filter = ["verdict"]
    raw_id_fields = ["reviewer", "group"]
