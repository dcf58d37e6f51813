from django.urls import path

from actionplans.views import cycle, indicators, measures, picture, plans

app_name = "actionplans"

urlpatterns = [
    # Plans, focus areas and goals
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_update, name="plan_update"),
    path("<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("<int:pk>/withdraw/", plans.plan_withdraw, name="plan_withdraw"),
    path("<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("<int:pk>/revise/", plans.plan_revise, name="plan_revise"),
    path("<int:pk>/close/", plans.plan_close, name="plan_close"),
    path(
        "<int:pk>/focus-areas/new/",
        plans.focus_area_create,
        name="focus_area_create",
    ),
    path(
        "focus-areas/<int:pk>/edit/",
        plans.focus_area_update,
        name="focus_area_update",
    ),
    path(
        "focus-areas/<int:pk>/delete/",
        plans.focus_area_delete,
        name="focus_area_delete",
    ),
    path("focus-areas/<int:pk>/goals/new/", plans.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", plans.goal_update, name="goal_update"),
    path("goals/<int:pk>/delete/", plans.goal_delete, name="goal_delete"),
    # Measures and progress
    path("measures/", measures.measure_list, name="measure_list"),
    path(
        "focus-areas/<int:pk>/measures/new/",
        measures.measure_create,
        name="measure_create",
    ),
    path("measures/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", measures.measure_update, name="measure_update"),
    path("measures/<int:pk>/delete/", measures.measure_delete, name="measure_delete"),
    path("measures/<int:pk>/start/", measures.measure_start, name="measure_start"),
    path(
        "measures/<int:pk>/progress/",
        measures.progress_create,
        name="progress_create",
    ),
    path(
        "measures/<int:pk>/evaluation/",
        measures.evaluation_record,
        name="evaluation_record",
    ),
    # Indicators
    path("indicators/", indicators.indicator_list, name="indicator_list"),
    path("indicators/new/", indicators.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path(
        "indicators/<int:pk>/edit/",
        indicators.indicator_update,
        name="indicator_update",
    ),
    path(
        "indicators/<int:pk>/delete/",
        indicators.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "indicators/<int:pk>/values/new/",
        indicators.indicator_value_create,
        name="indicator_value_create",
    ),
    path(
        "indicators/<int:pk>/import/",
        indicators.indicator_import,
        name="indicator_import",
    ),
    path(
        "indicator-values/<int:pk>/edit/",
        indicators.indicator_value_update,
        name="indicator_value_update",
    ),
    path(
        "indicator-values/<int:pk>/delete/",
        indicators.indicator_value_delete,
        name="indicator_value_delete",
    ),
    # Problem picture (utfordringsbilde)
    path("problem-picture/", picture.picture_list, name="picture_list"),
    path("problem-picture/new/", picture.picture_create, name="picture_create"),
    path("problem-picture/<int:pk>/", picture.picture_detail, name="picture_detail"),
    path(
        "problem-picture/<int:pk>/edit/",
        picture.picture_update,
        name="picture_update",
    ),
    path(
        "problem-picture/<int:pk>/submit/",
        picture.picture_submit,
        name="picture_submit",
    ),
    path(
        "problem-picture/<int:pk>/delete/",
        picture.picture_delete,
        name="picture_delete",
    ),
    # Årshjul
    path("cycle/", cycle.cycle, name="cycle"),
    path("cycle/tasks/", cycle.cycle_list, name="cycle_list"),
    path("cycle/tasks/<int:pk>/", cycle.cycle_task, name="cycle_task"),
    path(
        "cycle/tasks/<int:pk>/status/",
        cycle.cycle_task_status,
        name="cycle_task_status",
    ),
    path("cycle/generate/", cycle.cycle_generate, name="cycle_generate"),
    path("cycle/template/", cycle.cycle_template, name="cycle_template"),
    path(
        "cycle/template/choose/",
        cycle.cycle_template_choose,
        name="cycle_template_choose",
    ),
    path(
        "cycle/template/publish/",
        cycle.cycle_template_publish,
        name="cycle_template_publish",
    ),
    path("cycle/items/new/", cycle.cycle_item_create, name="cycle_item_create"),
    path(
        "cycle/items/<int:pk>/edit/", cycle.cycle_item_update, name="cycle_item_update"
    ),
    path(
        "cycle/items/<int:pk>/delete/",
        cycle.cycle_item_delete,
        name="cycle_item_delete",
    ),
    path("cycle/calendar-address/", cycle.cycle_feed, name="cycle_feed"),
    path(
        "cycle/calendar-address/stop/",
        cycle.cycle_feed_revoke,
        name="cycle_feed_revoke",
    ),
]
