"""Helpers for data migrations that put periodic tasks into django-celery-beat.

The schedule lives in the database so operators can change it in the admin site;
a migration only creates an entry that is missing and never overwrites an edit.
"""

TIMEZONE = "Europe/Oslo"


def ensure_crontab_task(
    apps,
    *,
    name: str,
    task: str,
    minute="0",
    hour="*",
    day_of_week="*",
    day_of_month="*",
    month_of_year="*",
    description: str = "",
) -> None:
    crontab_model = apps.get_model("django_celery_beat", "CrontabSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    if task_model.objects.filter(name=name).exists():
        return
    schedule, _ = crontab_model.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_week=day_of_week,
        day_of_month=day_of_month,
        month_of_year=month_of_year,
        timezone=TIMEZONE,
    )
    task_model.objects.create(
        name=name, task=task, crontab=schedule, description=description
    )


def ensure_interval_task(
    apps, *, name: str, task: str, seconds: int, description: str = ""
) -> None:
    interval_model = apps.get_model("django_celery_beat", "IntervalSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    if task_model.objects.filter(name=name).exists():
        return
    schedule, _ = interval_model.objects.get_or_create(every=seconds, period="seconds")
    task_model.objects.create(
        name=name, task=task, interval=schedule, description=description
    )


def remove_task(apps, *, name: str) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name=name
    ).delete()
