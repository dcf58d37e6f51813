"""Demo data for plans, indicators, the problem picture and the årshjul (domain.md §7).

Plans go through the real services (draft → submitted → approved by a decision in
a held steering-body meeting), so the demo shows the rules at work. Idempotent:
each part is skipped when its natural key (area + title or name) exists. Real
figures are cited from the seeds; later values are fictional and say so.
"""

from __future__ import annotations

from actionplans.demo.cycle import seed_cycles
from actionplans.demo.evidence import seed_indicators, seed_problem_picture
from actionplans.demo.plans import (
    seed_alna_plan,
    seed_baerum_plan,
    seed_programme,
    seed_region_plan,
)
from municipalities.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    seed_cycles(ctx)
    pictures = seed_problem_picture(ctx)
    indicators = seed_indicators(ctx)
    programme = seed_programme(ctx)
    seed_alna_plan(ctx, programme, pictures, indicators)
    seed_baerum_plan(ctx, pictures, indicators)
    seed_region_plan(ctx)
