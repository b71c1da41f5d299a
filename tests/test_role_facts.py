"""The one way both member walks make role facts (core/role_facts.py), without a parse."""

from types import SimpleNamespace

from workbench.core.models import Amount, Count, Money, Percent
from workbench.core.role_facts import (
    FactEmitter,
    Mention,
    RoleFact,
    line_fact,
    percent_stake,
    stake_from_value,
)

TEXT = "Acme and Borealis put 2 billion euros into Gridco. Norway backs it. Each holds 50%."


def _at(word: str, type_: str, value=None) -> Mention:
    start = TEXT.index(word)
    return Mention(start, start + len(word), type_, value)


def _emitter(totals=()):
    mentions = [
        _at("Acme", "ORG"),
        _at("Borealis", "ORG"),
        _at("2 billion euros", "MONEY", Money(amount=2e9, currency="EUR", display="2 billion EUR")),
        _at("Gridco", "ORG"),
        _at("Norway", "GPE"),
        _at("50%", "PERCENT", Percent(percent=50.0, display="50%")),
    ]
    sentence = SimpleNamespace(mentions=mentions, is_total=lambda k: k in totals)
    return FactEmitter(sentence, 0, len(TEXT)), mentions


CUE = SimpleNamespace(text="put", subtree=[])


def _by_role(facts: list[RoleFact]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in facts:
        out.setdefault(f.role, []).append(TEXT[f.start : f.end] if f.start >= 0 else "")
    return out


def test_a_figure_two_members_share_is_the_ventures_capital():
    emitter, _ = _emitter()
    emitter.emit("investor", [0, 1], CUE, ("named", 3), "current", False, stake_ks=[2])
    assert _by_role(emitter.facts) == {"capital": ["Gridco"], "investor": ["Acme", "Borealis"]}
    capital = emitter.facts[0]
    assert capital.stake.text == "2 billion EUR" and not capital.stake.distributive
    assert all(f.stake is None and f.venture_start == TEXT.index("Gridco") for f in emitter.facts[1:])
    assert emitter.emitted == [("investor", [0, 1])]


def test_a_figure_each_member_holds_is_each_ones_stake():
    emitter, _ = _emitter()
    emitter.emit("investor", [0, 1], CUE, ("named", 3), "current", False, stake_ks=[2], distributive=True)
    assert _by_role(emitter.facts) == {"investor": ["Acme", "Borealis"]}  # "each put …": no capital
    assert {f.stake.text for f in emitter.facts} == {"2 billion EUR"}
    assert all(f.stake.distributive for f in emitter.facts)
    marked, _ = _emitter(totals={2})  # "a total of …": the venture's capital even for one member
    marked.emit("investor", [0], CUE, ("named", 3), "current", False, stake_ks=[2])
    assert _by_role(marked.facts) == {"capital": ["Gridco"], "investor": ["Acme"]}
    percent, _ = _emitter()  # a percentage is never capital
    percent.emit("investor", [0, 1], CUE, ("named", 3), "current", False, stake_ks=[5])
    assert _by_role(percent.facts) == {"investor": ["Acme", "Borealis"]}
    assert all(f.stake.text == "50%" for f in percent.facts)


def test_the_venture_is_never_its_own_member_and_a_country_only_funds():
    emitter, _ = _emitter()
    emitter.emit("founder", [3], CUE, ("named", 3), "current", False)
    emitter.emit("investor", [4], CUE, ("noun", None), "current", False)
    assert emitter.facts == [] and emitter.emitted == [("investor", [4])]
    emitter.emit("funder", [4], CUE, ("noun", None), "planned", True)
    (fact,) = emitter.facts
    assert (TEXT[fact.start : fact.end], fact.role, fact.tense, fact.negated) == (
        "Norway",
        "funder",
        "planned",
        True,
    )
    assert fact.venture_start == fact.venture_end == -1  # an unnamed venture


def test_a_language_adjusts_the_emitter_through_its_hooks():
    class Words(FactEmitter):
        def stake_words(self, cue_tok):
            return ["minority"]

        def keeps_stake(self, stake, role, tense):
            return stake.kind != "money"

    sentence = _emitter()[0].s
    emitter = Words(sentence, 0, len(TEXT))
    emitter.emit("investor", [0], CUE, ("named", 3), "current", False, stake_ks=[2])
    (fact,) = emitter.facts  # the money figure was refused: no capital, and the stake word stands in
    assert fact.stake.kind == "text" and fact.stake.text == "minority"
    plain, _ = _emitter()
    plain.emit("partner", [0], CUE, ("named", 3), "current", False)
    assert plain.facts[0].stake is None  # without the hook, nothing stands in


def test_line_facts_and_percent_stakes():
    _e, mentions = _emitter()
    assert percent_stake(mentions).text == "50%"
    assert percent_stake(mentions[:3]) is None
    fact = line_fact(mentions[0], "founder", 0, 20, "table", percent_stake(mentions))
    assert (fact.role, fact.cue, fact.stake.text, fact.sent_start, fact.sent_end) == (
        "founder",
        "table",
        "50%",
        0,
        20,
    )


def test_a_stake_is_read_from_a_typed_value():
    def stake(type_, value):
        return stake_from_value(Mention(0, 1, type_, value))

    more = stake("PERCENT", Percent(percent=10.0, display="10%", bound="lower"))
    assert (more.kind, more.value, more.bound, more.text) == ("percent", 10.0, "lower", "more than 10%")
    about = stake("MONEY", Money(amount=2e9, currency="EUR", display="2 billion EUR", approx=True))
    assert (about.kind, about.currency, about.text) == ("money", "EUR", "about 2 billion EUR")
    shares = stake("CARDINAL", Count(number=3e6, unit="shares", display="3e+06 shares"))
    assert (shares.kind, shares.text) == ("shares", "3,000,000 shares")
    crowns = stake("QUANTITY", Count(number=5e8, unit="euros", display="5e+08 euros"))
    assert (crowns.kind, crowns.currency) == ("money", "EUR")
    # no stake: no reading, a conversion of another figure, a count of people, a value of another kind
    assert stake("MONEY", None) is None
    converted = Money(
        amount=2.2e9, currency="USD", display="2.2 billion USD", converted_from=Amount(2e9, "EUR")
    )
    assert stake("MONEY", converted) is None
    assert stake("CARDINAL", Count(number=40.0, unit="engineers", display="40 engineers")) is None
    assert stake("PERCENT", Money(amount=2e9, currency="EUR", display="2 billion EUR")) is None
