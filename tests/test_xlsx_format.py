"""A workbook cell as its sheet shows it (``jixiao.ingest.readers.xlsx_format``)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from jixiao.ingest.readers.xlsx_format import plain, shown


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (0.95, "0%", "95%"),  # a rate stored as a fraction
        (0.955, "0.0%", "95.5%"),
        (0.955, "0%", "96%"),  # Excel's rounding, half up, as the sheet shows it
        (1, "0.00%", "100.00%"),
        (12537, "#,##0.00", "12537.00"),  # thousands separators not written
        (2047.4499999999998, "General", "2047.45"),  # a formula's float noise
        (100, '0"人"', "100人"),
        (0.9, '"≥"0%', "≥90%"),
        (0.9, '0%"以上"', "90%以上"),
        (5, '#,##0"万元"', "5万元"),
        (0.1, "0.00\\%", "0.10%"),  # an escaped % is only a character
        (3, "0_ ", "3"),  # padding is no text
        (1.5, "[Red]0.00;[Blue]-0.00", "1.50"),
        (44561, "@", "44561"),
        (12.5, None, "12.5"),
        (1e30, "0.00", "1" + "0" * 30 + ".00"),  # past the default 28 digits of decimal
        (10**40, "General", "1" + "0" * 40),
        (7, "", "7"),
    ],
)
def test_numbers_as_the_sheet_shows_them(value: object, number_format: str, text: str) -> None:
    assert shown(value, number_format) == text


def test_dates_and_other_values() -> None:
    assert shown(datetime(2023, 12, 31), 'yyyy"年"m"月"d"日"') == "2023年12月31日"
    assert shown(datetime(2023, 12, 1), 'yyyy"年"m"月"') == "2023年12月"
    assert shown(datetime(2023, 12, 31), "yyyy-mm-dd") == "2023-12-31"
    assert shown(datetime(2023, 12, 31, 9, 30), "yyyy-mm-dd h:mm") == "2023-12-31 09:30:00"
    assert shown(date(2024, 1, 2), None) == "2024-01-02"
    assert shown(time(8, 0), "h:mm") == "08:00:00"
    assert shown(None, "0%") == "" and shown(True, "General") == "True"
    assert shown("≥95%", "0%") == "≥95%"  # text stays text
    assert plain(100.0) == "100" and plain(0.1 + 0.2) == "0.3" and plain(10**20) == str(10**20)
