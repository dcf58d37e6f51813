from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = _("Consent and information sharing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from consent import panels, reminders  # noqa: F401  (registration)
