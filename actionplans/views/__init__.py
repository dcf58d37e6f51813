"""Browser views for action plans, measures, indicators, the problem picture and the
årshjul, under /o/<area_slug>/plans/."""
