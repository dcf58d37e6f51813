"""The annual report as a document: sections with their figures and charts, built
only from the stored snapshot and sections, so an approved report renders the same
forever. Used by the browser pages and by the PDF (``render_annual_report``)."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actionplans.charts import Chart, indicator_chart, period_label, shown_value
from actionplans.models import Indicator, IndicatorValue
from reports.annual.sections import SECTIONS, SectionDef
from reports.models import AnnualReport
from reports.pdf import render_pdf

PDF_TEMPLATE = "reports/annual/pdf.html"


@dataclass
class DocSection:
    definition: SectionDef
    title: str
    text: str
    edited_by: str = ""
    edited_at: str = ""
    figures: list[str] = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def anchor(self) -> str:
        return "s-" + self.code.replace(".", "-")

    @property
    def level(self) -> int:
        return self.definition.level

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


@dataclass
class IndicatorFigure:
    name: str
    source_label: str
    cohort: str
    comparison_label: str
    chart: Chart | None
    rows: list[dict]
    chart_id: str = ""

    @property
    def chart_data_uri(self) -> str:
        """The chart as a standalone SVG image (for the PDF, with ``alt`` text)."""
        if self.chart is None:
            return ""
        svg = render_to_string("reports/annual/_chart.svg", {"chart": self.chart})
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def document_sections(report: AnnualReport) -> list[DocSection]:
    result = []
    for definition in SECTIONS:
        stored = report.sections.get(definition.code, {})
        result.append(
            DocSection(
                definition=definition,
                title=definition.title(report.year),
                text=stored.get("text", ""),
                edited_by=stored.get("edited_by", ""),
                edited_at=stored.get("edited_at", ""),
                figures=list(definition.figures),
            )
        )
    return result


def _value(raw: str | None) -> Decimal | None:
    return None if raw is None else Decimal(raw)


def indicator_figures(snapshot: dict, *, source: str = "") -> list[IndicatorFigure]:
    """Charts (server-rendered SVG data) and tables from the snapshot's indicators."""
    figures = []
    for index, item in enumerate(snapshot.get("indicators", [])):
        if source and item["source"] != source:
            continue
        indicator = Indicator(
            name=item["name"],
            unit=item["unit"],
            comparison_label=item["comparison_label"],
        )
        values = [
            IndicatorValue(
                period_start=dt.date.fromisoformat(v["period_start"]),
                period_end=dt.date.fromisoformat(v["period_end"]),
                value=_value(v["value"]) if v["value"] is not None else Decimal(0),
                comparison_value=_value(v["comparison_value"]),
                suppressed=v["suppressed"],
            )
            for v in item["values"]
        ]
        figures.append(
            IndicatorFigure(
                name=item["name"],
                source_label=item["source_label"],
                cohort=item["cohort"],
                comparison_label=item["comparison_label"],
                chart=indicator_chart(indicator, values),
                rows=[
                    {
                        "period": period_label(v.period_start, v.period_end),
                        "value": shown_value(v, indicator.unit),
                        "comparison": ""
                        if v.comparison_value is None
                        else shown_value(
                            IndicatorValue(value=v.comparison_value), indicator.unit
                        ),
                    }
                    for v in values
                ],
                chart_id=f"{source or 'all'}-{index}",
            )
        )
    return figures


def document_context(report: AnnualReport) -> dict:
    """Everything the report's templates need, from the stored report only."""
    snapshot = report.data_snapshot or {}
    groups = snapshot.get("groups", [])
    area_name = snapshot.get("area", {}).get("name", report.area.name)
    return {
        "report": report,
        "area_name": area_name,
        "snapshot": snapshot,
        "sections": document_sections(report),
        "steering_groups": [g for g in groups if g["level"] == "steering"],
        "coordination_groups": [g for g in groups if g["level"] == "coordinating"],
        "operational_groups": [g for g in groups if g["level"] == "operational"],
        "indicators": indicator_figures(snapshot),
        "police_indicators": indicator_figures(snapshot, source="police"),
        "is_draft": not report.is_frozen,
        "title": _("Annual report %(year)s – SLT %(area)s")
        % {"year": report.year, "area": area_name},
    }


def render_annual_report(report: AnnualReport) -> tuple[str, bytes]:
    """(html, pdf) for the report: cover, contents with page numbers, sections."""
    return render_pdf(PDF_TEMPLATE, {**document_context(report), "for_pdf": True})
