"""Background work for the årsrapport: the PDF, and the yearly drafting."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="reports.render_annual_report_pdf", acks_late=True)
def render_annual_report_pdf(report_id: int) -> bool:
    """Make the report's PDF. Idempotent: the service claims the report first."""
    from reports.annual.services import annual_report_render_pdf

    return annual_report_render_pdf(report_id=report_id)


@shared_task(name="reports.generate_annual_reports", acks_late=True)
def generate_annual_reports() -> dict:
    """Daily from beat: draft last year's report for every area that is due."""
    from reports.annual.services import annual_reports_generate

    return annual_reports_generate(today=timezone.localdate())
