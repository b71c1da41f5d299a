"""Which slot of a fact a value fills, and whether two values of one slot differ.

Values are compared only when they fill the same slot: a count is known by its unit and modifiers
("eight firms" and "six other companies" fill different slots), a date by the kind of predicate near it
(an event's date vs a plan's date), money by its role (price, funding, revenue …) and currency, and
any figure by the year it is about when the sentence names one. The cue lists are data in
``resources/qualifiers.json`` and, for Japanese, ``resources/qualifiers.ja.json`` under the same keys and
labels: each label's pattern matches either language's cues, so a Japanese 補助 and an English "subsidy"
fill the same slot. Nothing here knows a particular story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .models import Count, DateValue, Duration, Money, Percent, Value
from .resources import resource_path

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: a year, also inside Japanese text where no word boundary separates it (2026年度)
_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:19|20)\d\d(?![0-9A-Za-z])")


def _alternation(cues: Sequence[str], bare: Sequence[str] = ()) -> re.Pattern[str]:
    """English cues as whole words; ``bare`` cues (Japanese, written without spaces) as they stand."""
    parts = [r"(?<![\w-])(?:" + "|".join(cues) + r")(?![\w])"] if cues else []
    if bare:
        parts.append("(?:" + "|".join(bare) + ")")
    return re.compile("|".join(parts) or r"(?!)", re.I)


def _merge(en: dict[str, list], ja: dict[str, list]) -> dict[str, tuple[list, list]]:
    """label -> (English cues, Japanese cues), English labels first."""
    return {k: (en.get(k, []), ja.get(k, [])) for k in [*en, *(k for k in ja if k not in en)]}


@dataclass
class SlotLexicon:
    qualifiers: dict[str, list[tuple[str, re.Pattern]]]
    defaults: dict[str, tuple[str, re.Pattern]]
    modifiers: frozenset
    unit_class: dict[str, str]
    date_predicates: list[tuple[str, re.Pattern]]
    money_roles: list[tuple[str, re.Pattern]]
    date_by: re.Pattern
    date_modal: re.Pattern
    date_by_after: re.Pattern  # Japanese: 2030年までに
    date_modal_after: re.Pattern  # Japanese: 2028年度に始める予定
    dateline: tuple[re.Pattern, re.Pattern]
    currency_units: dict[str, str]
    currency_adjectives: dict[str, str | None]


@lru_cache(maxsize=1)
def lexicon() -> SlotLexicon:
    raw = json.loads(resource_path("qualifiers.json").read_text(encoding="utf-8"))
    ja = json.loads(resource_path("qualifiers.ja.json").read_text(encoding="utf-8"))
    unit_class = {}
    for cls, words in raw["unit_classes"].items():
        for w in words:
            unit_class[w.lower()] = cls
    ja_defaults = ja.get("qualifier_defaults", {})
    return SlotLexicon(
        qualifiers={
            fam: [
                (label, _alternation(en, jp))
                for label, (en, jp) in _merge(labels, ja["qualifiers"].get(fam, {})).items()
            ]
            for fam, labels in raw["qualifiers"].items()
        },
        defaults={
            fam: (label, _alternation(cues, ja_defaults.get(fam, [None, []])[1]))
            for fam, (label, cues) in raw["qualifier_defaults"].items()
        },
        modifiers=frozenset(raw["count_modifiers"]),
        unit_class=unit_class,
        date_predicates=[
            (k, _alternation([re.escape(w) for w in en], [re.escape(w) for w in jp]))
            for k, (en, jp) in _merge(raw["date_predicates"], ja["date_predicates"]).items()
        ],
        # a role cue takes any ending: "pay" finds "paying", "payment"
        money_roles=[
            (k, _alternation([re.escape(w) + r"\w*" for w in en], [re.escape(w) for w in jp]))
            for k, (en, jp) in _merge(raw["money_roles"], ja["money_roles"]).items()
        ],
        date_by=re.compile(raw["date_by"], re.I),
        date_modal=_alternation([re.escape(w) for w in raw["date_modal"]]),
        date_by_after=re.compile(ja["date_by_after"]),
        date_modal_after=_alternation([], [re.escape(w) for w in ja["date_modal_after"]]),
        dateline=(re.compile(raw["dateline_date"][0]), re.compile(raw["dateline_date"][1])),
        currency_units=raw["currency_units"],
        currency_adjectives=raw["currency_adjectives"],
    )


def qualifiers(text: str) -> dict[str, str]:
    """The one label of each qualifier family the text carries (families with two or none left out)."""
    return {family: hit[0] for family, hit in qualifier_hits(text).items()}


def qualifier_hits(text: str) -> dict[str, tuple[str, int, int]]:
    """Like qualifiers(), with the span of the cue: family -> (label, start, end)."""
    lex = lexicon()
    out = {}
    for family, options in lex.qualifiers.items():
        hit = [(label, m) for label, rx in options if (m := rx.search(text))]
        if len(hit) == 1:
            out[family] = (hit[0][0], *hit[0][1].span())
        elif not hit and family in lex.defaults and (m := lex.defaults[family][1].search(text)):
            out[family] = (lex.defaults[family][0], *m.span())
    return out


def _nearest(options: list[tuple[str, re.Pattern]], text: str, start: int, end: int, window: int = 60):
    """The class whose cue is nearest the value (within ``window`` characters), or None."""
    best, best_d = None, window + 1
    for label, rx in options:
        for m in rx.finditer(text):
            d = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
            if 0 <= d < best_d:
                best, best_d = label, d
    return best


def money_cue(sentence: str, start: int, end: int) -> str | None:
    """The word that says what an amount is ("invest", "grant", "revenue"), cut to its stem; None if none near."""
    lex = lexicon()
    best, best_d = None, 61
    for _label, rx in lex.money_roles:
        for m in rx.finditer(sentence):
            d = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
            if 0 <= d < best_d:
                best, best_d = m.group(0).lower()[:5], d
    return best


def year_of(text: str, start: int, end: int) -> str | None:
    """The one year the sentence names outside the value itself, if exactly one."""
    years = {m.group(0) for m in _YEAR.finditer(text) if not (start <= m.start() < end)}
    return years.pop() if len(years) == 1 else None


def count_unit(unit: str | None) -> tuple[str | None, frozenset]:
    """'six other companies' -> ('company', {'other'}); 'eight firms' -> ('company', {})."""
    lex = lexicon()
    words = [w.lower() for w in _WORD.findall(unit or "")]
    if not words:
        return None, frozenset()
    mods = frozenset(w for w in words[:-1] if w in lex.modifiers)
    head = words[-1]
    cls = lex.unit_class.get(head) or (head[:-1] if head.endswith("s") and len(head) > 4 else head)
    return cls, mods


@dataclass(frozen=True)
class Slot:
    """What a value is about. ``key[0]`` is its kind: money, conversion, percent, count, date or duration."""

    key: tuple
    label: str  # what the slot is called: "Investment", "Percentage", "Planned start date"
    year: str | None = None
    detail: str = ""  # what tells it apart further, shown in brackets after the label: "stake"


def slot(kind: str, v: Value | None, sentence: str, start: int, end: int) -> Slot | None:
    """The slot a value fills; offsets are relative to the sentence. None: not compared."""
    lex = lexicon()
    if kind == "MONEY":
        if not isinstance(v, Money):
            return None
        if v.converted_from is not None:
            base = v.converted_from
            cur = v.currency
            return Slot(("conversion", base.currency, base.amount, cur), f"{cur} conversion")
        if not v.known_currency:
            return None  # an amount in an unknown currency cannot be compared
        role = _nearest(lex.money_roles, sentence, start, end) or "amount"
        return Slot(("money", v.currency, role), role.capitalize(), year_of(sentence, start, end))
    if kind == "PERCENT" and isinstance(v, Percent):
        after = " ".join(_WORD.findall(sentence[end : end + 40])[:3]).lower()
        noun = next((w for w in after.split() if w not in ("of", "the", "a", "in", "its", "their")), "")
        return Slot(("percent", noun[:5]), "Percentage", year_of(sentence, start, end), noun)
    if kind in ("CARDINAL", "QUANTITY") and isinstance(v, Count):
        cls, mods = count_unit(v.unit)
        if cls is None:
            return None  # a bare number says nothing about what it counts
        label = " ".join([*sorted(mods), cls])
        return Slot(("count", cls, mods), f"Number of {label}", year_of(sentence, start, end))
    if kind == "DATE":
        if isinstance(v, Duration):
            return Slot(("duration", _nearest(lex.date_predicates, sentence, start, end)), "Duration")
        if not isinstance(v, DateValue) or not v.iso:
            return None
        if lex.dateline[0].match(sentence[:start]) and lex.dateline[1].match(sentence[end:]):
            return None  # "OSLO, March 3 (Reuters) -": the date of the dispatch, not of the event
        # the event the date belongs to (founding, start, completion …) and whether it is planned or done
        planned = bool(
            lex.date_by.search(sentence[max(0, start - 40) : start])
            or lex.date_modal.search(sentence[max(0, start - 70) : start])
            or lex.date_by_after.match(sentence[end : end + 10])
            or lex.date_modal_after.search(sentence[end : end + 30])
        )
        pred = _nearest(lex.date_predicates, sentence, start, end, window=80)
        if pred == "period" or (pred is None and not planned):
            return None
        pred = pred or "target"
        label = f"{'Planned ' if planned else ''}{pred} date".capitalize()
        return Slot(("date", pred, "plan" if planned else "done"), label)
    return None


def _currency_after(words: list[str]) -> str | None:
    """'Norwegian crowns' -> NOK, 'kroner' -> NOK, 'euros' -> EUR; None when the words name no currency."""
    lex = lexicon()
    words = [w.lower() for w in words[:2]]
    for i, w in enumerate(words):
        if w in lex.currency_units:
            adj = lex.currency_adjectives.get(words[i - 1]) if i else None
            return adj or lex.currency_units[w]
        if w not in lex.currency_adjectives:
            return None
    return None


def as_money(
    kind: str, v: Value | None, sentence: str = "", start: int = 0, end: int = 0
) -> tuple[str, Value | None]:
    """Money the extraction read as a bare number ("12 billion Norwegian crowns") or without its
    currency ("14 billion kroner" as '?'), with the currency named by the words after it."""
    from .values import human_amount

    if kind == "MONEY" and isinstance(v, Money) and not v.known_currency:
        cur = _currency_after(_WORD.findall(sentence[start:end])[-1:] or []) or _currency_after(
            _WORD.findall(sentence[end : end + 30])
        )
        if cur:
            return "MONEY", replace(v, currency=cur, display=f"{human_amount(v.amount)} {cur}")
        return kind, v
    if kind in ("CARDINAL", "QUANTITY") and isinstance(v, Count):
        unit_words = _WORD.findall(v.unit or "")
        inside = _WORD.findall(sentence[start:end])
        cur = (
            _currency_after(unit_words)
            if unit_words
            else (_currency_after(inside[-1:]) or _currency_after(_WORD.findall(sentence[end : end + 30])))
        )
        if cur:
            shown = f"{human_amount(v.number)} {cur}"
            return "MONEY", Money(
                amount=v.number, currency=cur, display=shown, approx=v.approx, bound=v.bound
            )
    return kind, v


def _digits(x: float) -> int:
    s = f"{x:g}".replace(".", "").rstrip("0")
    return len(s.lstrip("0-")) or 1


def date_text(v: Value | None) -> str:
    """A date's ISO text or a duration's ISO period; "" for anything else."""
    if isinstance(v, DateValue):
        return v.iso or ""
    return v.period if isinstance(v, Duration) else ""


def magnitude(kind: str, v: Value | None) -> float | None:
    """The number a value of this kind states: money's amount, a percentage, a count's number."""
    if kind == "MONEY":
        return v.amount if isinstance(v, Money) else None
    if kind == "PERCENT":
        return v.percent if isinstance(v, Percent) else None
    return v.number if isinstance(v, Count) else None


def _converted(v: Value) -> bool:
    return isinstance(v, Money) and v.converted_from is not None


def relation(kind: str, a: Value | None, b: Value | None) -> str:
    """'same', 'soft' (rounded vs precise, a different rate for one conversion) or 'differ'."""
    if kind == "DATE":
        x, y = date_text(a), date_text(b)
        return "same" if x and y and (x.startswith(y) or y.startswith(x)) else "differ"
    m, n = magnitude(kind, a), magnitude(kind, b)
    if a is None or b is None or m is None or n is None:
        return "same"
    if a.bound != b.bound:
        return "differ" if m == n else ("soft" if a.bound or b.bound else "differ")
    if m == n:
        return "same"
    if _converted(a) and _converted(b) and abs(m - n) <= 0.1 * max(abs(m), abs(n)):
        return "soft"  # the same base at another rate; far apart is another figure
    rounded = a.approx or b.approx or _digits(m) != _digits(n)
    if rounded and abs(m - n) <= 0.1 * max(abs(m), abs(n)):
        return "soft"
    return "differ"
