from django.contrib import admin

from slt_portal.models import OutboundEmail, ReminderLog


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = [
        "template",
        "to_address",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "template"]
    search_fields = ["to_address", "key"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "created_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "user", "email", "created_at"]
