from django.db import migrations

from slt_portal.schedule import ensure_crontab_task, remove_task

NAME = "actionplans-cycle-rollover"


def create_schedule(apps, schema_editor):
    # Every night in November and December: a missed night (beat down, worker
    # killed) is made up by the next one, and areas already rolled over are skipped.
    ensure_crontab_task(
        apps,
        name=NAME,
        task="actionplans.cycle_rollover",
        minute="15",
        hour="3",
        month_of_year="11,12",
        description="Create next year's annual-cycle (årshjul) tasks for every area.",
    )


def remove_schedule(apps, schema_editor):
    remove_task(apps, name=NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0006_default_cycle_templates"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
