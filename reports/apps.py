from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the start-page panels and the reports' Celery tasks.
        from reports import panels, panels_city, status_tasks  # noqa: F401
        from reports.annual import tasks  # noqa: F401
