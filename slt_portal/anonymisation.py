"""Anonymiseringssjekk: find what may identify a person in free text.

Used wherever free text travels to a body without the «named individuals» mode
(domain.md rules C2 and C8) and to keep national identity numbers out of the portal
altogether (C12). A finding is a *warning* except an 11-digit number, which callers
treat as a hard error. Removing name and place is not enough on its own: the user is
asked to consider whether recognition is actually impossible.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAMES_FILE = Path(__file__).parent / "data" / "first_names_no.txt"

MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
    "desember|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des"
)
NATIONAL_ID = re.compile(r"(?<!\d)\d{6}[ .]?\d{5}(?!\d)")
NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")
TEXT_DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}\.?\s+(?:{MONTHS})\.?\s+\d{{4}}\b", re.IGNORECASE
)
BIRTH_PHRASE = re.compile(r"\bfødt\s+(?:i\s+)?\d{4}\b", re.IGNORECASE)
STREET = re.compile(
    r"\b[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ]?[a-zæøåé]+)?"
    r"(?:veien|vegen|vei|veg|gata|gaten|gate|plassen|plass|alleen|allé|stien|sti|"
    r"bakken|lia|ringen|svingen|torget|tunet|grenda|haugen|åsen|terrassen|kroken)"
    r"\s+\d{1,4}\s?[A-Za-z]?\b"
)
WORD = re.compile(r"\b[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?\b")

KIND_LABELS = {
    "national_id": gettext_lazy("national identity number"),
    "date": gettext_lazy("date (possibly a date of birth)"),
    "address": gettext_lazy("street address"),
    "name": gettext_lazy("possible first name"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # national_id, date, address, name
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def shown(self) -> str:
        """The finding as it may be repeated in a message (ID numbers masked)."""
        return "*" * 11 if self.kind == "national_id" else self.text


@functools.cache
def first_names() -> frozenset[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


def find_identifiers(text: str) -> list[Finding]:
    """Everything in ``text`` that may identify a person, in reading order."""
    if not text:
        return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match) -> None:
        start, end = match.span()
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, match.group(0), start, end))

    for match in NATIONAL_ID.finditer(text):
        add("national_id", match)
    for pattern in (NUMERIC_DATE, TEXT_DATE, BIRTH_PHRASE):
        for match in pattern.finditer(text):
            add("date", match)
    for match in STREET.finditer(text):
        add("address", match)
    names = first_names()
    for match in WORD.finditer(text):
        if any(part in names for part in match.group(0).split("-")):
            add("name", match)
    return sorted(findings, key=lambda f: f.start)


def has_national_id(text: str) -> bool:
    """True when ``text`` holds an 11-digit number (a fødselsnummer or D-nummer)."""
    return bool(text) and NATIONAL_ID.search(text) is not None


def describe(findings: list[Finding]) -> str:
    """One readable sentence for a form warning, e.g. «possible first name «Mari»»."""
    parts = [f"{f.label} «{f.shown}»" for f in findings[:8]]
    more = len(findings) - len(parts)
    text = ", ".join(parts)
    if more > 0:
        text += " " + _("and %(count)d more") % {"count": more}
    return text
