"""The annual report's sections: the stable codes and headings of domain.md §6
(modelled on the Bærum 2016 report), and the starting text a draft gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Starter = Callable[[dict, int], str]


@dataclass(frozen=True)
class SectionDef:
    code: str
    number: str
    heading: str | Promise  # may hold {year}
    figures: tuple[str, ...] = ()  # snapshot parts shown beside and under the text
    starter: Starter | None = None

    def title(self, year: int) -> str:
        text = str(self.heading).replace("{year}", str(year))
        return f"{self.number} {text}".strip()

    @property
    def level(self) -> int:
        return 2 if "." in self.code else 1


def _summary(snapshot: dict, year: int) -> str:
    groups = snapshot.get("groups", [])
    levels = sorted({g["level_label"] for g in groups})
    focus = [f["title"] for f in snapshot.get("focus_areas", {}).get("items", [])]
    pictures = [p["title"] for p in snapshot.get("problem_picture", [])][:3]
    parts = [
        _(
            "In %(year)s the SLT work in %(area)s was organised in %(groups)d groups "
            "at %(levels)s."
        )
        % {
            "year": year,
            "area": snapshot.get("area", {}).get("name", ""),
            "groups": len(groups),
            "levels": ", ".join(levels).lower() or "–",
        }
    ]
    if focus:
        parts.append(_("The focus areas were: %(list)s.") % {"list": ", ".join(focus)})
    if pictures:
        parts.append(
            _("The problem picture was described in: %(list)s.")
            % {"list": ", ".join(pictures)}
        )
    return " ".join(parts)


def _model(snapshot: dict, year: int) -> str:
    area = snapshot.get("area", {})
    text = _(
        "SLT (Samordning av lokale rus- og kriminalitetsforebyggende tiltak) is a "
        "model for coordinating the prevention of substance use and crime among "
        "children and young people, across the municipality's services and the "
        "police, at a steering, a coordinating and an operational level."
    )
    if area.get("slt_decision_date"):
        text += " " + _("%(area)s decided to use the model on %(date)s.") % {
            "area": area["name"],
            "date": date_format(_date(area["slt_decision_date"]), "j. F Y"),
        }
    text += " " + _("The target group is young people aged %(from)s–%(to)s.") % {
        "from": area.get("target_age_from", ""),
        "to": area.get("target_age_to", ""),
    }
    return text


def _steering(snapshot: dict, year: int) -> str:
    return _(
        "The work follows the prevention triangle: universal measures for all "
        "young people, selective measures for groups at risk, and indicated "
        "measures for those who have already shown problem behaviour."
    )


def _coordinator(snapshot: dict, year: int) -> str:
    area = snapshot.get("area", {})
    text = _(
        "The SLT coordinator drives the work and links the levels, and is "
        "secretary of the steering group and the coordination group."
    )
    if area.get("coordinator_percent"):
        text += " " + _(
            "The coordinator posts add up to %(percent)s %% of a full-time position."
        ) % {"percent": area["coordinator_percent"]}
    return text


def _date(value: str):
    import datetime as dt

    return dt.date.fromisoformat(value)


SECTIONS: tuple[SectionDef, ...] = (
    SectionDef("summary", "", gettext_lazy("Summary"), ("key_figures",), _summary),
    SectionDef("model", "1.", gettext_lazy("The SLT model – what is it?"), (), _model),
    SectionDef(
        "model.steering",
        "1.1",
        gettext_lazy("The SLT steering group, mandate and target group"),
        ("steering",),
        _steering,
    ),
    SectionDef(
        "model.focus_areas",
        "1.2",
        gettext_lazy("Status and progress on the SLT focus areas {year}"),
        ("focus_areas",),
    ),
    SectionDef("practice", "2.", gettext_lazy("SLT in practice")),
    SectionDef(
        "practice.coordinator",
        "2.1",
        gettext_lazy("The SLT coordinator's responsibilities and tasks"),
        ("coordinator",),
        _coordinator,
    ),
    SectionDef(
        "practice.police", "2.2", gettext_lazy("The police's structure"), ("police",)
    ),
    SectionDef(
        "practice.challenges",
        "2.3",
        gettext_lazy(
            "The police's picture of challenges with substances, crime and "
            "extremism in {year}"
        ),
        ("problem_picture", "police_indicators"),
    ),
    SectionDef(
        "practice.operational",
        "2.4",
        gettext_lazy("The youth teams / operational level"),
        ("operational",),
    ),
    SectionDef(
        "practice.coordination",
        "2.5",
        gettext_lazy("The SLT coordination group"),
        ("coordination", "service_feedback"),
    ),
    SectionDef(
        "anchoring",
        "3.",
        gettext_lazy("SLT cooperation and anchoring"),
        ("anchoring",),
    ),
    SectionDef("key_figures", "4.", gettext_lazy("Key figures"), ("key_figures",)),
    SectionDef(
        "key_figures.indicators",
        "4.1",
        gettext_lazy("Indicators"),
        ("indicators",),
    ),
    SectionDef(
        "key_figures.consent",
        "4.2",
        gettext_lazy("Consent and information sharing"),
        ("consent",),
    ),
    SectionDef(
        "key_figures.oslostandard",
        "4.3",
        gettext_lazy("The Oslostandard: self-assessment"),
        ("oslostandard",),
    ),
    SectionDef("closing", "5.", gettext_lazy("Closing words")),
)
SECTION_CODES = tuple(s.code for s in SECTIONS)
BY_CODE = {s.code: s for s in SECTIONS}


def default_sections(*, snapshot: dict, year: int) -> dict:
    """Every section with its starting text (empty where §6 says free text)."""
    return {
        s.code: {"text": s.starter(snapshot, year) if s.starter else ""}
        for s in SECTIONS
    }
