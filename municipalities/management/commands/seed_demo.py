"""``manage.py seed_demo``: create the demo data (idempotent) and print the logins."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from municipalities import demo

# Each app adds its part in <app>/demo.py with seed(ctx); order matters.
DEMO_APPS = ["municipalities", "meetings", "actionplans", "consent", "reports"]
# Further demo modules with seed(ctx), run after the apps' own (a second part of an
# app's demo that lives beside <app>/demo.py).
DEMO_MODULES = ["reports.demo_city"]


class Command(BaseCommand):
    help = "Create demo areas, people, groups and records. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true")

    def handle(self, *args, **options):
        ctx = demo.new_context()
        with scopes_disabled(), transaction.atomic():
            for name in [*(f"{app}.demo" for app in DEMO_APPS), *DEMO_MODULES]:
                module = _demo_module(name)
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


def _demo_module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
