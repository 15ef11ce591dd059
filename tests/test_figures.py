"""Figures as tables print them and the share check readers prove readings by
(``jixiao.ingest.figures``)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.figures import figure, half_unit, is_share, percent


def test_a_figure_is_digits_with_thousands_and_decimals_and_nothing_else() -> None:
    assert figure("20000.00") == Decimal("20000.00")
    assert figure(" 8,827,620.53 ") == Decimal("8827620.53")
    assert figure("9 034") == Decimal(9034)  # (whitespace a page put inside it)
    for text in ("", "-5", "5%", "12万元", "1,00", "1e3", "NaN", ".5", "约5"):
        assert figure(text) is None, text


def test_a_percent_is_a_figure_with_its_mark() -> None:
    assert percent("86.19%") == Decimal("86.19")
    assert percent("100 ％") == Decimal(100)
    assert percent("100") is None and percent("≥90%") is None


def test_half_a_unit_of_the_last_printed_place() -> None:
    assert half_unit(Decimal("99")) == Decimal("0.5")
    assert half_unit(Decimal("86.19")) == Decimal("0.005")
    assert half_unit(Decimal("1E+2")) == Decimal("0.5")


def test_a_rate_is_a_share_within_its_slack() -> None:
    # 65.07 / 65.66 = 99.10…%: 99% to a percentage point, not 99.2% to its printed tenth
    assert is_share(Decimal("65.07"), Decimal("65.66"), Decimal(99), half_unit(Decimal(99)))
    rate = Decimal("99.2")
    assert not is_share(Decimal("65.07"), Decimal("65.66"), rate, half_unit(rate))
    assert not is_share(Decimal(1), Decimal(0), Decimal(100), Decimal(1))  # (no whole)
