from django.db import migrations

from slt_portal.schedule import ensure_crontab_task, ensure_interval_task, remove_task

TASKS = ["slt-heartbeat", "slt-requeue-emails", "slt-reminder-sweep"]


def create_schedule(apps, schema_editor):
    ensure_interval_task(
        apps,
        name="slt-heartbeat",
        task="slt_portal.heartbeat",
        seconds=60,
        description="Liveness of beat and workers, read by /healthz.",
    )
    ensure_interval_task(
        apps,
        name="slt-requeue-emails",
        task="slt_portal.requeue_emails",
        seconds=300,
        description="Send e-mails a lost task or a killed worker left queued.",
    )
    ensure_crontab_task(
        apps,
        name="slt-reminder-sweep",
        task="slt_portal.reminder_sweep",
        minute="0",
        hour="6",
        description="Daily reminders for follow-ups, measures and annual-cycle tasks.",
    )


def remove_schedule(apps, schema_editor):
    for name in TASKS:
        remove_task(apps, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("slt_portal", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
