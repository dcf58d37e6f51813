"""Writes for indicators and their values, including CSV import.

Small numbers are suppressed (domain.md §8, rule C8/R4): a value based on fewer than
``SLT["SMALL_NUMBER_THRESHOLD"]`` respondents, or a count below it, is stored with
``suppressed=True`` and shown as «<5» (zero is shown).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans.models import Indicator, IndicatorValue
from municipalities.models import Area, User
from slt_portal.exceptions import ApplicationError

MAX_IMPORT_BYTES = 1024 * 1024
MAX_IMPORT_ROWS = 5000
TWO_PLACES = Decimal("0.01")


def is_suppressed(*, unit: str, value: Decimal | None, n: int | None) -> bool:
    """Small-number rule: 1 … threshold−1 respondents, or a count of 1 … threshold−1."""
    threshold = settings.SLT["SMALL_NUMBER_THRESHOLD"]
    if n is not None and 0 < n < threshold:
        return True
    return unit == Indicator.Unit.COUNT and value is not None and 0 < value < threshold


@transaction.atomic
def indicator_create(
    *,
    area: Area,
    name: str,
    source: str,
    unit: str,
    created_by: User | None,
    description: str = "",
    cohort: str = "",
    comparison_label: str = "",
    higher_is_better: bool | None = None,
) -> Indicator:
    """Opprett indikator."""
    if Indicator.objects.filter(area=area, name__iexact=name.strip()).exists():
        raise ApplicationError(
            _("The area already has an indicator with this name."), field="name"
        )
    indicator = Indicator(
        area=area,
        name=name.strip(),
        source=source,
        unit=unit,
        description=description,
        cohort=cohort,
        comparison_label=comparison_label,
        higher_is_better=higher_is_better,
        created_by=created_by,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, **fields) -> Indicator:
    allowed = {
        "name",
        "source",
        "unit",
        "description",
        "cohort",
        "comparison_label",
        "higher_is_better",
    }
    if set(fields) - allowed:
        raise ValueError(f"Not editable: {sorted(set(fields) - allowed)}")
    name = fields.get("name", indicator.name).strip()
    if (
        Indicator.objects.filter(area=indicator.area, name__iexact=name)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        raise ApplicationError(
            _("The area already has an indicator with this name."), field="name"
        )
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.name = name
    indicator.full_clean()
    indicator.save()
    unit_changed = "unit" in fields
    if unit_changed:
        _refresh_suppression(indicator)
    return indicator


def _refresh_suppression(indicator: Indicator) -> None:
    for value in indicator.values.all():
        flag = is_suppressed(unit=indicator.unit, value=value.value, n=value.n)
        if flag != value.suppressed:
            value.suppressed = flag
            value.save(update_fields=["suppressed", "updated_at"])


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    if indicator.goals.exists() or indicator.focus_areas.exists():
        raise ApplicationError(
            _("The indicator is used by a goal or focus area; remove it there first.")
        )
    indicator.values.all().delete()
    indicator.delete()


def _check_value(indicator: Indicator, value: Decimal) -> None:
    if indicator.unit == Indicator.Unit.PERCENT and not (0 <= value <= 100):
        raise ApplicationError(_("A percentage is between 0 and 100."), field="value")
    if indicator.unit in (Indicator.Unit.COUNT, Indicator.Unit.PER_1000) and value < 0:
        raise ApplicationError(_("The value cannot be negative."), field="value")


@transaction.atomic
def indicator_value_set(
    *,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    created_by: User | None,
    n: int | None = None,
    comparison_value: Decimal | None = None,
    note: str = "",
    instance: IndicatorValue | None = None,
) -> tuple[IndicatorValue, bool]:
    """Registrer verdi for en periode; updates the period's value if it exists.

    Returns (value, created).
    """
    if period_end < period_start:
        raise ApplicationError(
            _("The period cannot end before it starts."), field="period_end"
        )
    value = Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    _check_value(indicator, value)
    existing = (
        IndicatorValue.objects.filter(
            indicator=indicator, period_start=period_start, period_end=period_end
        )
        .exclude(pk=getattr(instance, "pk", None))
        .first()
    )
    if instance is not None and existing is not None:
        raise ApplicationError(
            _("There is already a value for this period."), field="period_start"
        )
    row = instance or existing
    created = row is None
    if created:
        row = IndicatorValue(area=indicator.area, indicator=indicator)
        row.created_by = created_by
    row.period_start, row.period_end, row.value = period_start, period_end, value
    row.n, row.comparison_value, row.note = n, comparison_value, note
    row.suppressed = is_suppressed(unit=indicator.unit, value=value, n=n)
    row.full_clean(validate_constraints=False)
    row.save()
    return row, created


@transaction.atomic
def indicator_value_delete(*, value: IndicatorValue) -> None:
    value.delete()


# --- CSV import ---------------------------------------------------------------------

COLUMN_ALIASES = {
    "period_start": {"period_start", "from", "fra", "periode_fra", "start"},
    "period_end": {"period_end", "to", "til", "periode_til", "end", "slutt"},
    "year": {"year", "år", "aar"},
    "value": {"value", "verdi"},
    "n": {"n", "respondents", "antall_svar", "antall"},
    "comparison_value": {
        "comparison_value",
        "comparison",
        "sammenligning",
        "sammenligningsverdi",
    },
    "note": {"note", "merknad", "kommentar"},
}


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d: %(message)s") % {
            "row": self.row,
            "message": self.message,
        }


class CsvImportError(ApplicationError):
    """The file was refused; ``row_errors`` says what is wrong on which row."""

    def __init__(self, message: str, row_errors: Iterable[RowError] = ()):
        super().__init__(message, field="file", code="csv_invalid")
        self.row_errors = list(row_errors)

    @property
    def errors(self) -> dict[str, list[str]]:
        return {"file": [self.message, *(str(e) for e in self.row_errors)]}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@dataclass(frozen=True)
class _ParsedRow:
    row: int
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    n: int | None
    comparison_value: Decimal | None
    note: str


def _decode(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise CsvImportError(_("The file is larger than 1 MB."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError(_("The file is not text (CSV)."))  # pragma: no cover


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(
        _("«%(text)s» is not a date (write 2024-01-01 or 01.01.2024)") % {"text": text}
    )


def _parse_decimal(text: str) -> Decimal:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("«%(text)s» is not a number") % {"text": text}) from None
    if not number.is_finite():
        raise ValueError(_("«%(text)s» is not a number") % {"text": text})
    return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower().replace(" ", "_")
        for column, aliases in COLUMN_ALIASES.items():
            if key in aliases and column not in found:
                found[column] = index
    if "value" not in found:
        raise CsvImportError(_("The file needs a column «value» (or «verdi»)."))
    if "year" not in found and not {"period_start", "period_end"} <= set(found):
        raise CsvImportError(
            _(
                "The file needs a column «year», or the columns «period_start» and "
                "«period_end»."
            )
        )
    return found


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _parse_row(row: int, cells, columns, indicator) -> _ParsedRow:
    year = _cell(cells, columns, "year")
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2100:
            raise ValueError(_("«%(text)s» is not a year") % {"text": year})
        start, end = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    else:
        start = _parse_date(_cell(cells, columns, "period_start"))
        end = _parse_date(_cell(cells, columns, "period_end"))
    if end < start:
        raise ValueError(_("the period ends before it starts"))
    raw_value = _cell(cells, columns, "value")
    if not raw_value:
        raise ValueError(_("the value is missing"))
    value = _parse_decimal(raw_value)
    try:
        _check_value(indicator, value)
    except ApplicationError as error:
        raise ValueError(error.message) from None
    raw_n = _cell(cells, columns, "n")
    if raw_n and not raw_n.isdigit():
        raise ValueError(_("n «%(text)s» is not a whole number") % {"text": raw_n})
    raw_comparison = _cell(cells, columns, "comparison_value")
    return _ParsedRow(
        row=row,
        period_start=start,
        period_end=end,
        value=value,
        n=int(raw_n) if raw_n else None,
        comparison_value=_parse_decimal(raw_comparison) if raw_comparison else None,
        note=_cell(cells, columns, "note")[:300],
    )


def parse_indicator_csv(*, indicator: Indicator, data: bytes) -> list[_ParsedRow]:
    """Read and check every row; raise CsvImportError listing every bad row."""
    text = _decode(data)
    if not text.strip():
        raise CsvImportError(_("The file is empty."))
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    columns = _columns(next(reader))
    parsed, errors, seen = [], [], {}
    for row_number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if row_number > MAX_IMPORT_ROWS + 1:
            raise CsvImportError(
                _("The file has more than %(max)d rows.") % {"max": MAX_IMPORT_ROWS}
            )
        try:
            row = _parse_row(row_number, cells, columns, indicator)
        except ValueError as error:
            errors.append(RowError(row_number, str(error)))
            continue
        period = (row.period_start, row.period_end)
        if period in seen:
            errors.append(
                RowError(
                    row_number,
                    _("the same period as row %(row)d") % {"row": seen[period]},
                )
            )
            continue
        seen[period] = row_number
        parsed.append(row)
    if errors:
        raise CsvImportError(
            _("Nothing was imported. Correct these rows and try again:"), errors
        )
    if not parsed:
        raise CsvImportError(_("The file has no rows with values."))
    return parsed


@transaction.atomic
def indicator_values_import(
    *, indicator: Indicator, data: bytes, imported_by: User
) -> ImportResult:
    """Importer verdier fra CSV: all rows or none; existing periods are updated."""
    rows = parse_indicator_csv(indicator=indicator, data=data)
    created = updated = 0
    for row in rows:
        _value, was_created = indicator_value_set(
            indicator=indicator,
            period_start=row.period_start,
            period_end=row.period_end,
            value=row.value,
            n=row.n,
            comparison_value=row.comparison_value,
            note=row.note,
            created_by=imported_by,
        )
        created += was_created
        updated += not was_created
    return ImportResult(created=created, updated=updated)
