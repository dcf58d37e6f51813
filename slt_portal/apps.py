from django.apps import AppConfig


class SltPortalConfig(AppConfig):
    """The project package: shared infrastructure (e-mail outbox, reminders, health)."""

    name = "slt_portal"
    verbose_name = "SLT-portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from slt_portal import areacache

        areacache.connect()
