"""Run the whole app: web (gunicorn), Celery worker and Celery beat.

Loading the settings started (or reused) the embedded PostgreSQL and Redis when
``DATABASE_URL`` / ``REDIS_URL`` are unset; this process holds them for the children
it starts, and they stop, data kept, when it exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, optionally seed demo data, and run web + worker + beat."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Create the demo data.")
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT", 8000))
        )
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument("--no-beat", action="store_true")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            call_command("seed_demo")
        env = {
            **os.environ,
            "DATABASE_URL": settings.DATABASE_URL,
            "REDIS_URL": settings.REDIS_URL,
        }
        commands = self._commands(options)
        children = [subprocess.Popen(cmd, env=env) for cmd in commands.values()]
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(
            self.style.SUCCESS(f"\nSLT-portal runs at {url}  (Ctrl-C stops)")
        )
        self.stdout.write(f"Running: {', '.join(commands)}. Health: {url}healthz\n")
        self._wait(children)

    def _commands(self, options) -> dict[str, list[str]]:
        python = sys.executable
        commands = {
            "web": [
                python,
                "-m",
                "gunicorn",
                "slt_portal.wsgi",
                "--bind",
                f"{options['host']}:{options['port']}",
                "--workers",
                str(options["web_workers"]),
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
        }
        if not options["no_worker"]:
            commands["worker"] = [
                python,
                "-m",
                "celery",
                "-A",
                "slt_portal",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ]
        if not options["no_beat"]:
            commands["beat"] = [
                python,
                "-m",
                "celery",
                "-A",
                "slt_portal",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(settings.VAR_DIR / "celerybeat-schedule"),
            ]
        return commands

    def _wait(self, children: list[subprocess.Popen]) -> None:
        stopping = False

        def stop(*_args):
            nonlocal stopping
            if stopping:
                return
            stopping = True
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping:
                if any(child.poll() is not None for child in children):
                    self.stderr.write("A process stopped; stopping the others.")
                    stop()
                time.sleep(0.5)
        finally:
            deadline = time.monotonic() + 20
            for child in children:
                remaining = max(0.1, deadline - time.monotonic())
                try:
                    child.wait(timeout=remaining)
                except subprocess.TimeoutExpired:
                    child.kill()
