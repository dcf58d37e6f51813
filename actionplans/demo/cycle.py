"""Demo årshjul: both published templates in use, with this year's tasks."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from actionplans import services
from actionplans.models import CycleTask, CycleTemplate
from municipalities.demo import DemoContext

CYCLE_DISTRICTS = ("alna", "grorud", "sagene")


def seed_cycles(ctx: DemoContext) -> None:
    """Both templates in use: Oslo's SaLTo copy (published by the secretariat) for
    the city and three districts; the generic SLT template for Bærum and the
    region. This year's tasks are made; the past ones are marked done."""
    defaults = {t.variant: t for t in CycleTemplate.published.filter(area__isnull=True)}
    oslo = ctx.areas["oslo"]
    oslo_copy = services.area_template(oslo)
    if oslo_copy is None:
        oslo_copy = services.cycle_template_clone(
            area=oslo,
            source=defaults["oslo_salto"],
            created_by=ctx.users["sekretariat1"],
        )
        services.cycle_template_publish(template=oslo_copy, published=True)
    plan = [(oslo, oslo_copy)]
    plan += [(ctx.areas[slug], oslo_copy) for slug in CYCLE_DISTRICTS]
    plan += [(ctx.areas[s], defaults["generic_slt"]) for s in ("baerum", "indre-sogn")]
    for area, source in plan:
        if services.area_template(area) is None:
            services.cycle_template_clone(area=area, source=source, created_by=None)
        services.cycle_year_generate(area=area, year=ctx.year)
    recent = ctx.today - dt.timedelta(days=14)
    CycleTask.objects.filter(
        area__in=[a for a, _s in plan],
        year=ctx.year,
        due_date__lt=recent,
        status=CycleTask.Status.OPEN,
    ).update(status=CycleTask.Status.DONE, completed_at=timezone.now())
