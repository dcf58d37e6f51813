"""Indicators: values per period, small-number suppression, CSV import with row-level
errors (all rows or none), and the accessible SVG chart."""

import datetime as dt
from decimal import Decimal

import pytest

from actionplans import services
from actionplans.charts import indicator_chart, period_label
from actionplans.models import Indicator, IndicatorValue
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


def year(y):
    return {"period_start": dt.date(y, 1, 1), "period_end": dt.date(y, 12, 31)}


def test_a_value_from_few_respondents_is_suppressed(settings):
    settings.SLT = {**settings.SLT, "SMALL_NUMBER_THRESHOLD": 5}
    indicator = factories.IndicatorFactory()
    small, _ = services.indicator_value_set(
        indicator=indicator, value=Decimal("40"), n=4, created_by=None, **year(2022)
    )
    enough, _ = services.indicator_value_set(
        indicator=indicator, value=Decimal("40"), n=5, created_by=None, **year(2023)
    )
    assert small.suppressed
    assert not enough.suppressed


def test_small_counts_are_suppressed_but_zero_is_shown():
    indicator = factories.IndicatorFactory(unit=Indicator.Unit.COUNT)
    three, _ = services.indicator_value_set(
        indicator=indicator, value=3, created_by=None, **year(2022)
    )
    zero, _ = services.indicator_value_set(
        indicator=indicator, value=0, created_by=None, **year(2023)
    )
    assert three.suppressed
    assert not zero.suppressed


def test_setting_a_value_for_an_existing_period_updates_it():
    indicator = factories.IndicatorFactory()
    first, created = services.indicator_value_set(
        indicator=indicator, value=13, created_by=None, **year(2014)
    )
    again, created_again = services.indicator_value_set(
        indicator=indicator, value=12, created_by=None, **year(2014)
    )
    assert created
    assert not created_again
    assert first.pk == again.pk
    assert IndicatorValue.objects.get().value == 12


def test_a_percentage_above_100_is_refused():
    indicator = factories.IndicatorFactory()
    with pytest.raises(ApplicationError) as error:
        services.indicator_value_set(
            indicator=indicator, value=101, created_by=None, **year(2014)
        )
    assert error.value.field == "value"


def test_two_indicators_in_one_area_cannot_share_a_name(area):
    factories.IndicatorFactory(area=area, name="Alkoholaksept")
    with pytest.raises(ApplicationError) as error:
        services.indicator_create(
            area=area,
            name="alkoholaksept",
            source="ungdata",
            unit="percent",
            created_by=None,
        )
    assert error.value.field == "name"


def test_csv_import_reads_semicolons_and_decimal_commas():
    indicator = factories.IndicatorFactory()
    data = (
        "år;verdi;n;sammenligning;merknad\n2014;13;612;11,5;Ungdata\n2017;9,5;590;;\n"
    )
    result = services.indicator_values_import(
        indicator=indicator, data=data.encode(), imported_by=None
    )
    assert (result.created, result.updated) == (2, 0)
    values = {v.period_start.year: v for v in indicator.values.all()}
    assert values[2014].comparison_value == Decimal("11.50")
    assert values[2017].value == Decimal("9.50")
    assert values[2014].note == "Ungdata"


def test_csv_import_with_periods_and_an_existing_value_updates_it():
    indicator = factories.IndicatorFactory()
    factories.IndicatorValueFactory(
        indicator=indicator,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 4, 30),
        value=1,
    )
    data = (
        b"period_start,period_end,value\n"
        b"2025-01-01,2025-04-30,4\n"
        b"01.05.2025,31.08.2025,7\n"
    )
    result = services.indicator_values_import(
        indicator=indicator, data=data, imported_by=None
    )
    assert (result.created, result.updated) == (1, 1)


def test_malformed_csv_names_every_bad_row_and_saves_nothing():
    indicator = factories.IndicatorFactory()
    data = (
        "year,value,n\n"
        "2014,13,600\n"
        "2015,abc,600\n"
        "20x6,10,600\n"
        "2017,,600\n"
        "2018,120,600\n"
        "2014,12,600\n"
        "2019,12,many\n"
    )
    with pytest.raises(services.CsvImportError) as error:
        services.indicator_values_import(
            indicator=indicator, data=data.encode(), imported_by=None
        )
    rows = {e.row: e.message for e in error.value.row_errors}
    assert sorted(rows) == [3, 4, 5, 6, 7, 8]
    assert "«abc» er ikke et tall" in rows[3]
    assert "«20x6» er ikke et årstall" in rows[4]
    assert "mangler" in rows[5]
    assert "mellom 0 og 100" in rows[6]
    assert "rad 2" in rows[7]
    assert "heltall" in rows[8]
    assert not IndicatorValue.objects.exists()


def test_csv_without_a_value_column_is_refused_with_a_clear_message():
    indicator = factories.IndicatorFactory()
    with pytest.raises(services.CsvImportError, match="«value»"):
        services.indicator_values_import(
            indicator=indicator, data=b"year,amount\n2014,3\n", imported_by=None
        )


def test_an_empty_or_binary_file_is_refused():
    indicator = factories.IndicatorFactory()
    with pytest.raises(services.CsvImportError, match="tom"):
        services.indicator_values_import(
            indicator=indicator, data=b"", imported_by=None
        )
    with pytest.raises(services.CsvImportError):
        services.indicator_values_import(
            indicator=indicator, data=b"year,value\n", imported_by=None
        )


def test_the_chart_has_a_title_a_description_and_leaves_suppressed_values_out():
    indicator = factories.IndicatorFactory(
        name="Aksept for alkohol", comparison_label="Landet"
    )
    rows = [
        factories.IndicatorValueFactory(
            indicator=indicator, value=13, comparison_value=11, **year(2014)
        ),
        factories.IndicatorValueFactory(
            indicator=indicator, value=40, suppressed=True, **year(2017)
        ),
        factories.IndicatorValueFactory(
            indicator=indicator, value=9, comparison_value=10, **year(2020)
        ),
    ]
    chart = indicator_chart(indicator, rows)
    assert chart.title == "Aksept for alkohol"
    assert "13 %" in chart.desc
    assert "9 %" in chart.desc
    own = chart.series[0]
    assert len(own.points) == 2  # the suppressed 2017 value is a gap
    assert len(own.segments) == 2
    assert chart.series[1].name == "Landet"


def test_period_labels_read_naturally():
    assert period_label(dt.date(2023, 1, 1), dt.date(2023, 12, 31)) == "2023"
    assert period_label(dt.date(2025, 1, 1), dt.date(2025, 4, 30)) == "1–4.2025"
