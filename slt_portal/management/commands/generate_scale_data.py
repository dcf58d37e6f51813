"""``manage.py generate_scale_data``: national-size data for the benchmarks (issue 7).

Deterministic for a given ``--seed`` and ``--today``; resumable (a rerun skips the
area-years already built). Never run it against a database that holds real data.
"""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from slt_portal.scale.generate import DEFAULT_AREAS, DEFAULT_YEARS, generate


class Command(BaseCommand):
    help = "Generate deterministic national-size data (areas × years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=DEFAULT_AREAS)
        parser.add_argument("--years", type=int, default=DEFAULT_YEARS)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="The date the data is 'as of' (default: today).",
        )
        parser.add_argument(
            "--no-migrate", action="store_true", help="Skip running migrations first."
        )
        parser.add_argument(
            "--shard",
            default="0/1",
            help="i/n: build only the areas whose index %% n == i, so n processes "
            "can share the work (each step is locked and recorded).",
        )

    def handle(self, *args, **options):
        if options["areas"] < 1 or options["years"] < 1:
            self.stderr.write("--areas and --years must be at least 1.")
            return
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        part, parts = (int(x) for x in options["shard"].split("/"))
        result = generate(
            shard=(part, parts),
            areas=options["areas"],
            years=options["years"],
            seed=options["seed"],
            today=options["today"] or timezone.localdate(),
            progress=lambda line: self.stderr.write(line),
        )
        self.stdout.write(
            f"steps built {result.steps_done}, skipped {result.steps_skipped}; "
            f"{result.seconds:.1f} s; database size "
            f"{result.database_bytes / 2**20:.0f} MiB"
        )
