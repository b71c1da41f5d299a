"""Typed values (core/models.py): each kind to the JSON stored in mentions.value and back, the JSON that
projects already on disk hold, and text that is not a value."""

import json

import pytest

from workbench.core import values as V
from workbench.core.models import (
    Amount,
    Count,
    DateValue,
    Duration,
    Money,
    Percent,
    Value,
    value_from_json,
)

VALUES = [
    Money(amount=4.5e8, currency="NOK", display="450 million NOK"),
    Money(amount=2e9, currency="EUR", display="2 billion EUR", bound="upper", approx=True),
    Money(
        amount=2e9,
        currency="EUR",
        display="2 billion EUR",
        conversions=(Amount(2.2e9, "USD", approx=True), Amount(3.1e12, "KRW")),
    ),
    Money(
        amount=2.2e9, currency="USD", display="2.2 billion USD", converted_from=Amount(2e9, "EUR", start=118)
    ),
    Money(amount=1.4e10, currency="?", display="14 billion ?"),
    Percent(percent=12.5, display="12.5%"),
    Percent(percent=10.0, display="10%", bound="lower"),
    Count(number=40.0, display="40"),
    Count(number=300.0, unit="dairy farmers", display="300 dairy farmers", approx=True),
    DateValue(iso="2024-09-30", display="2024-09-30"),
    DateValue(iso="2025-03", display="2025-03", inferred=True, approx=True),
    DateValue(iso="2027", display="FY2027", fiscal=True),
    DateValue(iso="2020/2024", display="2020–2024"),
    DateValue(iso=None, month=9, day=None, display="September"),
    DateValue(iso=None, month=3, day=14, display="March 14"),
    Duration(period="P18M", display="18 months"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: v.to_json())
def test_each_kind_goes_to_json_and_back(value):
    text = value.to_json()
    assert value_from_json(text) == value
    assert value_from_json(text).to_json() == text
    assert json.loads(text)["display"] == value.display


def test_the_json_keeps_the_keys_projects_on_disk_hold():
    """Only the keys a value has: no approx or bound when the text neither rounds nor bounds it."""
    assert json.loads(Money(amount=1e6, currency="GBP", display="1 million GBP").to_json()) == {
        "amount": 1e6,
        "currency": "GBP",
        "display": "1 million GBP",
    }
    assert json.loads(Duration(period="P3Y", display="3 years").to_json()) == {
        "duration": "P3Y",
        "display": "3 years",
    }
    # a date without a year keeps its month and day; a full date has none
    assert json.loads(DateValue(iso=None, month=9, display="September").to_json()) == {
        "iso": None,
        "month": 9,
        "day": None,
        "display": "September",
    }
    assert "month" not in json.loads(DateValue(iso="2024-09", display="2024-09").to_json())
    # as workbench has always written it: sorted keys, non-ASCII as it is
    assert Count(number=3.0, unit="社員", display="3 社員").to_json() == (
        '{"display": "3 社員", "number": 3.0, "unit": "社員"}'
    )


# strings as projects before typed values stored them (the seeds' mentions, and a date without a year)
OLD = {
    '{"amount": 1000000000000.0, "bound": "upper", "conversions": [{"amount": 6300000000.0, "approx": true, '
    '"currency": "USD"}], "currency": "JPY", "display": "1 trillion JPY"}': Money(
        amount=1e12,
        currency="JPY",
        display="1 trillion JPY",
        bound="upper",
        conversions=(Amount(6.3e9, "USD", approx=True),),
    ),
    '{"amount": 6300000000.0, "approx": true, "converted_from": {"amount": 1000000000000.0, "currency": "JPY", '
    '"start": 3862}, "currency": "USD", "display": "6.3 billion USD"}': Money(
        amount=6.3e9,
        currency="USD",
        display="6.3 billion USD",
        approx=True,
        converted_from=Amount(1e12, "JPY", start=3862),
    ),
    '{"bound": "lower", "display": "10%", "percent": 10.0}': Percent(
        percent=10.0, display="10%", bound="lower"
    ),
    '{"approx": true, "display": "100 AI engineers", "number": 100.0, "unit": "AI engineers"}': Count(
        number=100.0, unit="AI engineers", display="100 AI engineers", approx=True
    ),
    '{"display": "FY2026", "fiscal": true, "iso": "2026"}': DateValue(
        iso="2026", fiscal=True, display="FY2026"
    ),
    '{"display": "2026-04-06", "inferred": true, "iso": "2026-04-06"}': DateValue(
        iso="2026-04-06", inferred=True, display="2026-04-06"
    ),
    '{"display": "5 years", "duration": "P5Y"}': Duration(period="P5Y", display="5 years"),
    '{"day": null, "display": "April", "iso": null, "month": 4}': DateValue(
        iso=None, month=4, display="April"
    ),
}


@pytest.mark.parametrize("text", OLD)
def test_old_json_is_read_and_written_back_the_same(text):
    value = value_from_json(text)
    assert value == OLD[text]
    assert value.to_json() == text


def test_what_the_parsers_read_is_stored_as_before():
    money = V.parse_money("up to 1 trillion yen")
    assert (
        money.to_json()
        == '{"amount": 1000000000000.0, "bound": "upper", "currency": "JPY", "display": "1 trillion JPY"}'
    )
    assert V.parse_date("fiscal 2026").to_json() == '{"display": "FY2026", "fiscal": true, "iso": "2026"}'
    assert V.parse_date("April").to_json() == '{"day": null, "display": "April", "iso": null, "month": 4}'


def test_a_value_read_leniently_ignores_keys_it_does_not_know():
    value = value_from_json('{"amount": 5.0, "currency": "EUR", "display": "5 EUR", "note": "x"}')
    assert value == Money(amount=5.0, currency="EUR", display="5 EUR")
    # a currency an older project left empty is the unknown currency
    assert value_from_json('{"amount": 5.0, "currency": null, "display": "5"}').currency == "?"


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "not json",
        "{",
        "[1, 2]",
        '"a string"',
        "null",
        '{"display": "no kind"}',
        '{"amount": "lots", "currency": "EUR"}',
        '{"amount": null}',
        '{"amount": true, "currency": "EUR"}',
        '{"percent": [10]}',
        '{"number": 3, "unit": 7}',
        '{"iso": 2026}',
        '{"iso": null, "month": "May"}',
        '{"duration": ""}',
        '{"amount": 5.0, "conversions": [{"currency": "USD"}]}',
        '{"amount": 5.0, "converted_from": "USD"}',
    ],
)
def test_text_that_is_not_a_value_reads_as_none(text):
    assert value_from_json(text) is None


def test_values_are_immutable_and_compare_by_content():
    a = Percent(percent=5.0, display="5%")
    assert a == Percent(percent=5.0, display="5%") and a != Percent(percent=5.0, display="5%", approx=True)
    assert isinstance(a, Value)
    with pytest.raises(AttributeError):
        a.percent = 6.0  # type: ignore[misc]
    assert Money(amount=1.0, currency="?", display="1 ?").known_currency is False
    assert Money(amount=1.0, currency="EUR", display="1 EUR").known_currency is True
