from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Action plans and annual cycle")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the start-page panels and the reminder sources.
        from actionplans import panels, reminders  # noqa: F401
