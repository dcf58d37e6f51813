"""Admin for platform staff. Coordinators work in the app; the admin site is for
support and for editing the published årshjul templates."""

from django.contrib import admin

from actionplans.models import (
    ActionPlan,
    CycleFeed,
    CycleItem,
    CycleTask,
    CycleTemplate,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    fields = ["order", "title", "year"]
    extra = 0
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "kind", "status", "period_start", "period_end"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "area__name"]
    raw_id_fields = ["approval_decision", "supersedes", "parent_programme"]
    filter_horizontal = ["contributors"]
    inlines = [FocusAreaInline]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "focus_area"]
    raw_id_fields = ["focus_area", "parent"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "status", "prevention_level", "owner", "end_date"]
    list_filter = ["status", "prevention_level", "evaluation_type"]
    search_fields = ["title", "area__name"]
    raw_id_fields = [
        "focus_area",
        "goal",
        "owner",
        "responsible_agency",
        "previous_version",
    ]
    filter_horizontal = ["contributors"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["measure", "date", "author", "rating", "status_to"]
    raw_id_fields = ["measure", "author"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = [
        "period_start",
        "period_end",
        "value",
        "n",
        "comparison_value",
        "suppressed",
    ]
    readonly_fields = ["suppressed"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "source", "unit"]
    list_filter = ["source", "unit"]
    search_fields = ["name", "area__name"]
    inlines = [IndicatorValueInline]


class CycleItemInline(admin.StackedInline):
    model = CycleItem
    extra = 0
    fields = [
        ("order", "title"),
        "description",
        ("kind", "recurrence", "generates"),
        ("month", "months", "day", "week", "skip_months"),
        ("group_kind", "owner_role", "report_kind", "lead_days"),
        ("month_is_assumption", "source_ref"),
    ]


@admin.register(CycleTemplate)
class CycleTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "variant", "is_published"]
    list_filter = ["variant", "is_published"]
    inlines = [CycleItemInline]


@admin.register(CycleTask)
class CycleTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "year", "due_date", "assignee", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "area__name"]
    raw_id_fields = ["cycle_item", "assignee", "group"]


@admin.register(CycleFeed)
class CycleFeedAdmin(admin.ModelAdmin):
    list_display = ["token_prefix", "area", "created_at", "revoked_at", "last_used_at"]
    readonly_fields = ["token_prefix", "token_hash", "last_used_at"]
