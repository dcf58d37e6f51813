"""Demo data: Bærum's approved annual report for last year (domain.md §7).

Drafted from the demo records by a coordinator, two sections written, reviewed by
two members of SLT-styret and approved by its chair, all through the services. The
PDF is queued for the worker (made on first start), so seeding stays fast.
"""

from __future__ import annotations

from django.utils import translation

from municipalities.demo import DemoContext
from reports.annual import services
from reports.models import AnnualReport, ReportReview

SUMMARY = (
    "SLT-arbeidet i Bærum var i {year} godt forankret på alle tre nivåer. "
    "SLT-styret satte rus, ungdom, seksualitet og grenser, og utenforskap som "
    "innsatsområder, og koordineringsgruppen fulgte opp tiltakene gjennom året. "
    "Ungdomsteamene meldte særlig om bildedeling, beefing og russetiden."
)
CLOSING = (
    "Takk til alle tjenester, politiet og de frivillige som bidro i {year}. "
    "SLT-styret vil i året som kommer prioritere overgangen til videregående "
    "skole og samarbeidet med foreldre."
)


def seed(ctx: DemoContext) -> None:
    baerum = ctx.areas["baerum"]
    year = ctx.year - 1
    if AnnualReport.objects.filter(area=baerum, year=year).exists():
        return
    coordinator = ctx.users["koordinator1.baerum"]
    with translation.override("nb"):
        report = services.annual_report_draft(area=baerum, year=year, user=coordinator)
        for code, text in (("summary", SUMMARY), ("closing", CLOSING)):
            report = services.annual_report_section_update(
                report=report, code=code, text=text.format(year=year), user=coordinator
            )
        report = services.annual_report_submit(report=report, user=coordinator)
        _reviews(ctx, report)
        services.annual_report_approve(
            report=report, user=ctx.users["styreleder.baerum"]
        )


def _reviews(ctx: DemoContext, report: AnnualReport) -> None:
    comments = (
        (
            "visepolitimester.baerum",
            "practice.challenges",
            "Utfordringsbildet stemmer med politiets tall. Ta gjerne med at "
            "vinningskriminaliteten ved Sandvika storsenter har gått ned.",
        ),
        (
            "stasjonssjef.baerum",
            "model.focus_areas",
            "God oversikt over tiltakene. Mentorordningen bør omtales som "
            "statlig finansiert.",
        ),
    )
    for key, section, text in comments:
        reviewer = ctx.users[key]
        services.annual_report_review_add(
            report=report,
            reviewer=reviewer,
            verdict=ReportReview.Verdict.COMMENT,
            section=section,
            text=text,
        )
        services.annual_report_review_add(
            report=report,
            reviewer=reviewer,
            verdict=ReportReview.Verdict.RECOMMEND_APPROVAL,
        )
