"""Demo meetings (domain.md §7): last year and this year for every bydel and Bærum.

* Every bydel: a styringsgruppe meeting four times a year (March, June, September,
  December) and a koordineringsgruppe monthly except July, each with the standing
  items (police update; report from the operational level, rule M10), decisions,
  follow-ups and attendance. Past meetings have their minutes sent.
* Grorud's koordineringsgruppe met only twice last year, so the M2 warning shows.
* Alna, Grorud, Sagene and Bærum get their own topics from the seeds; their
  operational teams meet too; Alna has a held meeting whose minutes are late (M6),
  items waiting to be screened, and matters on their way up (one to the city).
* Bærum: a matter from an ungdomsteam lifted to the koordineringsgruppe, on to
  SLT-styret, answered by decision and closed, with the whole trail.

Rows are written with bulk inserts (no e-mails, no services: this is history), and
the seed is skipped when demo meetings already exist, so running it again is safe.
"""

from __future__ import annotations

from meetings.demo.seeder import BAERUM_SG_MONTHS, KG_MONTHS, OSLO_SG_MONTHS, Seeder
from meetings.demo.stories import alna_matters, baerum_matter, submitted_items
from meetings.models import Meeting
from municipalities.demo import OSLO_DISTRICTS, DemoContext


def seed(ctx: DemoContext) -> None:
    """Meetings, minutes, follow-ups and matters for the demo (skips if present)."""
    if Meeting.objects.filter(area_id=ctx.areas["alna"].pk).exists():
        return
    seeder = Seeder(ctx)
    full_year = {ctx.year - 1: KG_MONTHS, ctx.year: KG_MONTHS}
    for _name, slug in OSLO_DISTRICTS:
        months = full_year
        if slug == "grorud":  # withered: only twice last year (NIBR L952-972)
            months = {ctx.year - 1: (3, 10), ctx.year: (2, 12)}
        elif slug == "sagene":  # meets 5–6 times a year (NIBR §5)
            months = {ctx.year - 1: (1, 3, 5, 9, 11), ctx.year: (1, 3, 5, 9, 11, 12)}
        seeder.steering_and_coordination(slug, OSLO_SG_MONTHS, months)
    seeder.steering_and_coordination("baerum", BAERUM_SG_MONTHS, full_year)
    seeder.teams(
        "baerum",
        [n for (s, n) in ctx.groups if s == "baerum" and n.startswith("Ungdomsteam")],
        28,
        (ctx.year - 1, ctx.year),
    )
    seeder.teams("alna", ["Fleksiteam Operativt SaLTo"], 14, (ctx.year,))
    seeder.teams("grorud", ["SLT-team Apalløkka", "SLT-team Bjøråsen"], 28, (ctx.year,))
    seeder.teams("sagene", ["Innsatsteam ungdom 13–18"], 21, (ctx.year,))
    seeder.write()
    submitted_items(ctx)
    baerum_matter(ctx)
    alna_matters(ctx)
