"""Admin for platform staff (the admin site runs with scopes disabled)."""

from django.contrib import admin

from meetings.models import (
    AgendaItem,
    Attendance,
    CalendarToken,
    Decision,
    FollowUp,
    Matter,
    MatterEvent,
    Meeting,
    MeetingSeries,
    MinutesCorrection,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["order", "title", "kind", "status", "is_standing"]
    show_change_link = True


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["group_member", "agency"]
    exclude = ["created_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "area", "starts_at", "status"]
    list_filter = ["status", "group__level"]
    search_fields = ["title", "group__name", "area__name"]
    list_select_related = ["group", "area"]
    date_hierarchy = "starts_at"
    raw_id_fields = [
        "area",
        "group",
        "series",
        "cycle_task",
        "minutes_approved_by",
        "created_by",
    ]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "area", "first_starts_at", "until"]
    list_select_related = ["group", "area"]
    raw_id_fields = ["area", "group", "created_by"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "meeting", "kind", "status", "submitted_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "group__name"]
    list_select_related = ["group", "meeting"]
    raw_id_fields = [
        "area",
        "group",
        "meeting",
        "submitted_by",
        "submitted_by_agency",
        "screened_by",
        "matter",
        "created_by",
    ]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind", "decided_at"]
    list_filter = ["kind"]
    list_select_related = ["meeting"]
    raw_id_fields = ["area", "meeting", "agenda_item", "created_by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_date", "status", "area"]
    list_filter = ["status"]
    search_fields = ["title", "owner__full_name"]
    list_select_related = ["owner", "area"]
    raw_id_fields = [
        "area",
        "meeting",
        "decision",
        "owner",
        "owner_agency",
        "created_by",
    ]


class MatterEventInline(admin.TabularInline):
    model = MatterEvent
    extra = 0
    fields = ["created_at", "from_status", "to_status", "group", "note"]
    readonly_fields = fields
    can_delete = False


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "from_group", "to_group", "status", "raised_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    list_select_related = ["from_group", "to_group"]
    raw_id_fields = [
        "area",
        "from_group",
        "to_group",
        "origin_agenda_item",
        "parent_matter",
        "response_decision",
        "created_by",
    ]
    inlines = [MatterEventInline]


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "reason", "created_by", "created_at"]
    raw_id_fields = ["area", "meeting", "created_by"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """The secret itself is never shown here; staff can only revoke."""

    list_display = ["user", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    fields = ["user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made by their owner, on the calendar page
