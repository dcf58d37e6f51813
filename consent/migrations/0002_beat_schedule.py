from django.db import migrations

from slt_portal.schedule import ensure_crontab_task, remove_task

NAME = "consent-daily-run"


def create_schedule(apps, schema_editor):
    ensure_crontab_task(
        apps,
        name=NAME,
        task="consent.daily_run",
        minute="30",
        hour="5",
        description=(
            "Consents: expire past validity, remind before expiry, flag young "
            "people without an active basis, delete data past retention."
        ),
    )


def remove_schedule(apps, schema_editor):
    remove_task(apps, name=NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0001_initial"),
        ("slt_portal", "0002_beat_schedule"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
