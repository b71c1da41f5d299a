"""Japanese figures normalise into the same values as English ones."""

import pytest

from workbench.core import values as V
from workbench.core.entities import Candidate, _value_key
from workbench.core.models import DateValue, Money


def _key(type_, text, value):
    return _value_key(Candidate(0, len(text), text, type_, "model", value=value))[0]


@pytest.mark.parametrize(
    "ja, en",
    [
        ("73億円", "7.3 billion yen"),
        ("７３億円", "7.3 billion yen"),  # full-width digits
        ("1兆2000億円", "1.2 trillion yen"),
        ("3千億円", "300 billion yen"),
        ("10億ドル", "$1 billion"),
        ("5000万ユーロ", "50 million euros"),
        ("9.3兆ウォン", "9.3 trillion won"),
        ("１兆円", "1 trillion yen"),
    ],
)
def test_japanese_money_equals_english_money(ja, en):
    a, b = V.parse_money(ja), V.parse_money(en)
    assert (a.amount, a.currency) == (b.amount, b.currency)
    assert _key("MONEY", ja, a) == _key("MONEY", en, b)


def test_japanese_money_qualifiers():
    assert V.parse_money("約73億円").approx is True
    assert V.parse_money("73億円", before="およそ").approx is True
    assert V.parse_money("最大300億円").bound == "upper"
    assert V.parse_money("100億円以上").bound == "lower"
    assert V.parse_money("100億円", after="超を投じる").bound == "lower"
    plain = V.parse_money("300億円", before="経済産業省は", after="を補助する")
    assert not plain.approx and plain.bound is None


def test_a_currency_just_after_the_figure_counts():
    assert V.parse_money("73億", after="円を出資").currency == "JPY"


def test_japanese_figures_that_are_not_money():
    assert V.parse_money("10万トン") is None
    assert V.parse_money("73億") is None  # no currency
    assert V.parse_money("元社長") is None  # 元 is "former" here, and there is no figure


def test_japanese_percentages():
    assert V.parse_percent("10%").percent == 10
    assert V.parse_percent("１０％").percent == 10
    assert V.parse_percent("1割").percent == 10
    assert V.parse_percent("2割5分").percent == 25
    assert V.parse_percent("三割").percent == 30
    assert V.parse_percent("10%超").bound == "lower"
    assert V.parse_percent("約4割").approx is True
    assert _key("PERCENT", "1割", V.parse_percent("1割")) == _key("PERCENT", "10%", V.parse_percent("10%"))
    assert V.parse_percent("割引") is None


def test_japanese_counts_carry_the_english_unit():
    three = V.parse_count("3社")
    assert three.number == 3 and three.unit == "companies"
    assert _key("CARDINAL", "3社", three) == _key(
        "CARDINAL", "3 companies", V.parse_count("3", after=" companies")
    )
    assert V.parse_count("約100人").approx is True
    assert V.parse_count("三社").number == 3
    assert V.parse_count("社長") is None


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2022年11月11日", "2022-11-11"),
        ("２０２２年１１月１１日", "2022-11-11"),
        ("2025年4月", "2025-04"),
        ("令和4年", "2022"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("2030年", "2030"),
    ],
)
def test_japanese_dates(text, iso):
    d = V.parse_date(text)
    assert d.iso == iso and not d.inferred


def test_japanese_date_equals_english_date():
    ja, en = V.parse_date("2022年11月11日"), V.parse_date("November 11, 2022")
    assert _key("DATE", "x", ja) == _key("DATE", "y", en)


def test_a_missing_year_is_inferred_and_marked():
    d = V.parse_date("11月11日", reference=(2022, 12))
    assert d == DateValue(iso="2022-11-11", display="2022-11-11", inferred=True)
    assert V.parse_date("11月11日").iso is None  # nothing to infer it from
    assert V.parse_date("今年4月", reference=(2025, 6)).iso == "2025-04"


def test_fiscal_years_and_durations():
    assert V.parse_date("2026年度") == DateValue(iso="2026", fiscal=True, display="FY2026")
    assert V.parse_date("令和8年度").iso == "2026"
    assert _key("DATE", "a", V.parse_date("2026年度")) == _key("DATE", "b", V.parse_date("fiscal 2026"))
    assert V.parse_date("3年間").period == V.parse_date("three years").period == "P3Y"
    assert V.parse_date("4月上旬", reference=(2025, 1)).approx is True


def test_japanese_text_without_a_date():
    assert V.parse_date("毎年") is None
    assert V.parse_date("令和") is None


def test_reference_month_reads_japanese_dates():
    assert V.reference_month(["2025年4月8日", "2024年12月"]) == (2025, 4)
    assert V.reference_month(["来月"]) is None


def test_english_values_are_unchanged():
    assert V.parse_money("approximately $6.3 billion") == Money(
        amount=6.3e9, currency="USD", approx=True, display="6.3 billion USD"
    )
    assert V.parse_percent("more than 10%").bound == "lower"
