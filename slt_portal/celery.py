"""Celery app. Tasks live in ``<app>/tasks.py``; the schedule is in the database
(django-celery-beat), editable in the admin site."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt_portal.settings")

app = Celery("slt_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
