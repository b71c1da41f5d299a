"""Slots and qualifiers on sentences from other industries: compared only when they fill the same slot."""

from workbench.core import slots


def _slot(kind, value, sentence, token):
    start = sentence.index(token)
    return slots.slot(kind, value, sentence, start, start + len(token))


def test_counts_of_other_companies_and_of_firms_are_different_slots():
    a = _slot("CARDINAL", {"number": 8, "unit": "firms"}, "Eight firms founded the bakery chain.", "Eight")
    b = _slot(
        "CARDINAL", {"number": 6, "unit": "other companies"}, "Six other companies joined later.", "Six"
    )
    c = _slot("CARDINAL", {"number": 7, "unit": "companies"}, "Seven companies founded the chain.", "Seven")
    assert a.key != b.key and a.key == c.key


def test_a_plans_date_and_an_events_date_are_different_slots():
    s1 = "The shipyard was founded in 2019 by two engineers."
    s2 = "The shipyard plans to launch its first ferry by 2028."
    e = _slot("DATE", {"iso": "2019"}, s1, "2019")
    p = _slot("DATE", {"iso": "2028"}, s2, "2028")
    assert e.key == ("date", "founding", "done") and p.key[2] == "plan" and e.key != p.key
    # the start of deliveries is another event than the founding
    d = _slot("DATE", {"iso": "2019"}, "The yard started deliveries in 2019.", "2019")
    assert d.key == ("date", "start", "done")


def test_dates_of_one_event_are_compared_and_a_year_matches_a_full_date():
    assert slots.relation("DATE", {"iso": "2021-05-03"}, {"iso": "2021"}) == "same"
    assert slots.relation("DATE", {"iso": "2021-05-03"}, {"iso": "2021-05-09"}) == "differ"


def test_rounded_vs_precise_is_soft_and_far_apart_is_a_difference():
    assert slots.relation("MONEY", {"amount": 4e9, "approx": True}, {"amount": 4.3e9}) == "soft"
    assert slots.relation("MONEY", {"amount": 4e9}, {"amount": 6e9}) == "differ"
    assert slots.relation("MONEY", {"amount": 4e9}, {"amount": 4e9, "bound": "upper"}) == "differ"


def test_money_in_different_years_fills_different_slots():
    a = _slot(
        "MONEY", {"amount": 2e9, "currency": "USD"}, "Revenue reached $2bn in 2023 at the brewer.", "$2bn"
    )
    b = _slot(
        "MONEY", {"amount": 3e9, "currency": "USD"}, "Revenue reached $3bn in 2024 at the brewer.", "$3bn"
    )
    assert a.key == b.key and a.year != b.year


def test_qualifiers_from_general_cues():
    assert slots.qualifiers("The hospital has applied for a licence.")["status"] == "applied for"
    assert slots.qualifiers("The hospital secured a licence last month.")["status"] == "secured"
    assert slots.qualifiers("Ms Berg, a former director of the mill, spoke.")["tenure"] == "former"
    assert slots.qualifiers("The mill's director spoke.")["tenure"] == "current"
    assert "status" not in slots.qualifiers("The mill makes paper from spruce.")


def test_a_conversion_at_another_rate_is_soft_but_far_apart_is_not():
    base = {"amount": 5e8, "currency": "USD"}
    assert (
        slots.relation(
            "MONEY", {"amount": 2.66e8, "converted_from": base}, {"amount": 2.7e8, "converted_from": base}
        )
        == "soft"
    )
    assert (
        slots.relation(
            "MONEY", {"amount": 2.66e8, "converted_from": base}, {"amount": 3.5e8, "converted_from": base}
        )
        == "differ"
    )
