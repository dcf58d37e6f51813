"""API for plans, focus areas, goals, measures, progress, indicators and the årshjul.

Scoping and roles are those of the browser pages (actionplans.policy); writes call
the same services, so every rule answers with the same message (HTTP 400).
"""

from actionplans.api.views.cycle import (
    CycleItemViewSet,
    CycleTaskViewSet,
    CycleTemplateViewSet,
)
from actionplans.api.views.indicators import IndicatorValueViewSet, IndicatorViewSet
from actionplans.api.views.plans import (
    FocusAreaViewSet,
    GoalViewSet,
    MeasureViewSet,
    PlanViewSet,
    ProgressUpdateViewSet,
)

__all__ = [
    "CycleItemViewSet",
    "CycleTaskViewSet",
    "CycleTemplateViewSet",
    "FocusAreaViewSet",
    "GoalViewSet",
    "IndicatorValueViewSet",
    "IndicatorViewSet",
    "MeasureViewSet",
    "PlanViewSet",
    "ProgressUpdateViewSet",
]
