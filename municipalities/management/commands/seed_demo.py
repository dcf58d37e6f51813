"""``manage.py seed_demo``: create the demo data (idempotent) and print the logins."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from municipalities import demo

# Each app adds its part in <app>/demo.py with seed(ctx); order matters.
DEMO_APPS = ["municipalities", "meetings", "actionplans", "consent", "reports"]


class Command(BaseCommand):
    help = "Create demo areas, people, groups and records. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true")

    def handle(self, *args, **options):
        ctx = demo.new_context()
        with scopes_disabled(), transaction.atomic():
            for app in DEMO_APPS:
                module = _demo_module(app)
                if module is not None:
                    module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if not options["quiet_logins"]:
            self._print_logins(ctx)

    def _print_logins(self, ctx) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):")
        width = max(len(email) for email, _ in ctx.logins)
        for email, description in ctx.logins:
            self.stdout.write(f"  {email.ljust(width)}  {description}")


def _demo_module(app: str):
    try:
        return importlib.import_module(f"{app}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.demo":
            raise
        return None
