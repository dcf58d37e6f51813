from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from municipalities.models import (
    Agency,
    ApiKey,
    Area,
    Group,
    GroupMember,
    Membership,
    PoliceDistrict,
    User,
)


@admin.register(PoliceDistrict)
class PoliceDistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "parent",
        "kommunenummer",
        "bydelsnummer",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "police_district"]
    search_fields = ["name", "slug", "kommunenummer"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "kind", "sector", "is_active"]
    list_filter = ["kind", "sector", "is_active"]
    search_fields = ["name", "area__name"]
    list_select_related = ["area"]
    raw_id_fields = ["parent", "located_in", "police_primary_contact", "created_by"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    raw_id_fields = ["area", "agency", "created_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff", "is_service_account"]
    list_filter = ["is_active", "is_staff", "is_service_account"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    raw_id_fields = ["agency"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {"fields": ["full_name", "phone", "title", "agency", "language"]},
        ),
        (_("Reminders"), {"fields": ["reminder_mode"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "is_service_account"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2"],
            },
        ),
    ]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "role", "start_date", "end_date"]
    list_filter = ["role", "area__kind"]
    search_fields = ["user__full_name", "user__email", "area__name"]
    list_select_related = ["user", "area"]
    raw_id_fields = ["user", "area", "agency", "created_by"]


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    raw_id_fields = ["user", "agency", "area", "created_by"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "level", "kind", "cadence", "confidentiality_mode"]
    list_filter = ["level", "kind", "confidentiality_mode"]
    search_fields = ["name", "area__name"]
    list_select_related = ["area"]
    raw_id_fields = ["area", "reports_to", "anchored_in", "created_by"]
    filter_horizontal = ["covered_areas"]
    inlines = [GroupMemberInline]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "area",
        "role",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["name", "prefix", "area__name"]
    readonly_fields = ["prefix", "key_hash", "service_user", "last_used_at"]
    raw_id_fields = ["area", "created_by", "revoked_by"]
