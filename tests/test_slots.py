"""Slots and qualifiers on sentences from other industries: compared only when they fill the same slot."""

from workbench.core import slots
from workbench.core.models import Amount, Count, DateValue, Money


def _count(n, unit):
    return Count(number=n, unit=unit, display=f"{n} {unit}")


def _date(iso):
    return DateValue(iso=iso, display=iso)


def _money(amount, currency="USD", **kw):
    return Money(amount=amount, currency=currency, display=f"{amount:g} {currency}", **kw)


def _slot(kind, value, sentence, token):
    start = sentence.index(token)
    return slots.slot(kind, value, sentence, start, start + len(token))


def test_counts_of_other_companies_and_of_firms_are_different_slots():
    a = _slot("CARDINAL", _count(8, "firms"), "Eight firms founded the bakery chain.", "Eight")
    b = _slot("CARDINAL", _count(6, "other companies"), "Six other companies joined later.", "Six")
    c = _slot("CARDINAL", _count(7, "companies"), "Seven companies founded the chain.", "Seven")
    assert a.key != b.key and a.key == c.key


def test_a_plans_date_and_an_events_date_are_different_slots():
    s1 = "The shipyard was founded in 2019 by two engineers."
    s2 = "The shipyard plans to launch its first ferry by 2028."
    e = _slot("DATE", _date("2019"), s1, "2019")
    p = _slot("DATE", _date("2028"), s2, "2028")
    assert e.key == ("date", "founding", "done") and p.key[2] == "plan" and e.key != p.key
    # the start of deliveries is another event than the founding
    d = _slot("DATE", _date("2019"), "The yard started deliveries in 2019.", "2019")
    assert d.key == ("date", "start", "done")


def test_dates_of_one_event_are_compared_and_a_year_matches_a_full_date():
    assert slots.relation("DATE", _date("2021-05-03"), _date("2021")) == "same"
    assert slots.relation("DATE", _date("2021-05-03"), _date("2021-05-09")) == "differ"
    assert slots.relation("DATE", _date("2021-05-03"), None) == "differ"  # a date with no reading


def test_rounded_vs_precise_is_soft_and_far_apart_is_a_difference():
    assert slots.relation("MONEY", _money(4e9, approx=True), _money(4.3e9)) == "soft"
    assert slots.relation("MONEY", _money(4e9), _money(6e9)) == "differ"
    assert slots.relation("MONEY", _money(4e9), _money(4e9, bound="upper")) == "differ"
    assert slots.relation("MONEY", _money(4e9), _money(4e9)) == "same"
    # a value of another kind than the mention's says nothing about it
    assert slots.relation("MONEY", _money(4e9), _count(6e9, "shares")) == "same"


def test_money_in_different_years_fills_different_slots():
    a = _slot("MONEY", _money(2e9), "Revenue reached $2bn in 2023 at the brewer.", "$2bn")
    b = _slot("MONEY", _money(3e9), "Revenue reached $3bn in 2024 at the brewer.", "$3bn")
    assert a.key == b.key and a.year != b.year


def test_qualifiers_from_general_cues():
    assert slots.qualifiers("The hospital has applied for a licence.")["status"] == "applied for"
    assert slots.qualifiers("The hospital secured a licence last month.")["status"] == "secured"
    assert slots.qualifiers("Ms Berg, a former director of the mill, spoke.")["tenure"] == "former"
    assert slots.qualifiers("The mill's director spoke.")["tenure"] == "current"
    assert "status" not in slots.qualifiers("The mill makes paper from spruce.")


def test_a_conversion_at_another_rate_is_soft_but_far_apart_is_not():
    base = Amount(5e8, "USD")
    a, b, far = (_money(x, "EUR", converted_from=base) for x in (2.66e8, 2.71e8, 3.5e8))
    assert slots.relation("MONEY", a, b) == "soft"
    assert slots.relation("MONEY", a, far) == "differ"
    # the same two amounts stated as figures of their own, not conversions: precise, so they differ
    assert slots.relation("MONEY", _money(2.66e8, "EUR"), _money(2.71e8, "EUR")) == "differ"


def test_money_in_an_unknown_currency_fills_no_slot_until_the_words_after_name_it():
    sentence = "The yard sold ships for 14 billion kroner last year."
    start = sentence.index("14 billion")
    bare = Money(amount=1.4e10, currency="?", display="14 billion ?")
    assert slots.slot("MONEY", bare, sentence, start, start + 10) is None
    kind, v = slots.as_money("MONEY", bare, sentence, start, start + 10)
    assert kind == "MONEY" and v.currency == "NOK" and v.display == "14 billion NOK"
    assert slots.slot(kind, v, sentence, start, start + 10) is not None
    # a count of shares stays a count
    shares = _count(3e6, "shares")
    assert slots.as_money("CARDINAL", shares, "It bought 3 million shares.", 9, 18) == ("CARDINAL", shares)
