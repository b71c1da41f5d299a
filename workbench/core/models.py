"""Plain, immutable records passed between the store, the core and the UI: one module for all of them.

Rows read from the project are named tuples (a row from SQLite becomes a record with ``Record(*row)``).
Normalised values (money, percentages, counts, dates, durations) are frozen dataclasses: ``Value`` and its
kinds, stored as JSON in ``mentions.value`` (:meth:`Value.to_json`) and read back once, where mentions are
read (:func:`value_from_json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, Literal, NamedTuple

#: when a member holds its role, as the members table shows it and the analyst may correct it
TENSES = ("current", "planned", "former")

#: Article metadata a user may edit after ingest.
EDITABLE_META = ("title", "outlet", "author", "published", "url", "language")


class ArticleDraft(NamedTuple):
    """Everything ingest knows about a document before it is stored."""

    file: str
    sha256: str
    encoding: str
    text: str
    title: str
    title_derived: bool
    words: int
    paragraphs: tuple | list = ()
    sentences: tuple | list = ()
    boilerplate: tuple | list = ()
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 (core/language.py)
    path: str | None = None  # relative to the folder imported; None for a file named on its own
    pages: tuple[int, ...] = ()  # where page 1, 2, … starts in text (PDF); empty when not paged


class Article(NamedTuple):
    id: int
    title: str
    title_derived: bool
    file: str
    sha256: str
    encoding: str
    text: str
    words: int
    ingested_at: str
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    language: str | None = None
    path: str | None = None

    @property
    def shown_name(self) -> str:
        """The file as the analyst knows it: its path below the folder imported, else its name."""
        return self.path or self.file


class ArticleSummary(NamedTuple):
    """A row of the article list: no text."""

    id: int
    title: str
    title_derived: bool
    outlet: str | None
    published: str | None
    words: int
    file: str
    language: str | None = None
    path: str | None = None

    @property
    def shown_name(self) -> str:
        return self.path or self.file


class Segment(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    paragraph: int
    boilerplate: bool


class BoilerplateSpan(NamedTuple):
    article_id: int
    start: int
    end: int
    reason: str


class SearchHit(NamedTuple):
    article_id: int
    title: str
    snippet: str | None  # None until made (Store.snippets): only the first hits get one at once
    start: int  # offset of the first matching term in the article text, -1 if unknown
    end: int
    rank: float


class Claim(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    verdict: str
    confidence: float | None
    note: str
    tags: str
    author: str
    anchor: str
    created_at: str
    changed_at: str

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("|") if t]


class ClaimEvidence(NamedTuple):
    """Evidence for or against a claim: a passage of an article (or a group of statements), with a stance."""

    id: int
    claim_id: int
    article_id: int | None
    start: int | None
    end: int | None
    quote: str
    group_key: str | None
    stance: str
    note: str
    created_at: str


class EntityRow(NamedTuple):
    id: int
    name: str
    type: str
    mentions: int
    articles: int
    edited: bool


class MentionInfo(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    text: str
    entity_id: int
    entity: str
    type: str
    value: Value | None  # read from the stored JSON by value_from_json
    source: str


class Story(NamedTuple):
    id: int
    name: str
    articles: int


# ---------------------------------------------------------------------------------- values

#: "upper": up to, at most; "lower": more than, at least
Bound = Literal["upper", "lower"]
#: the currency of an amount whose currency the text does not name
UNKNOWN_CURRENCY = "?"


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A normalised value: how it is shown, and whether the text rounds it or bounds it."""

    display: str
    approx: bool = False  # "about", "roughly", 約
    bound: Bound | None = None

    def to_json(self) -> str:
        """The value as stored in ``mentions.value``: the JSON keys projects on disk already hold."""
        out: dict[str, Any] = {"display": self.display, **self._json_fields()}
        if self.approx:
            out["approx"] = True
        if self.bound:
            out["bound"] = self.bound
        return json.dumps(out, ensure_ascii=False, sort_keys=True)

    def _json_fields(self) -> dict[str, Any]:
        return {}


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount in a currency beside a figure: the base a conversion was made from (with where it is stated
    in the article) or a conversion stated after a figure (with whether it is approximate)."""

    amount: float
    currency: str
    approx: bool = False
    start: int | None = None  # the base figure's offset in the article


@dataclass(frozen=True, slots=True, kw_only=True)
class Money(Value):
    amount: float
    currency: str  # ISO 4217; UNKNOWN_CURRENCY when the text names none
    converted_from: Amount | None = None  # "(approximately $6.3 billion)" after "1 trillion yen"
    conversions: tuple[Amount, ...] = ()  # the conversions stated after this figure

    @property
    def known_currency(self) -> bool:
        return self.currency != UNKNOWN_CURRENCY

    def _json_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"amount": self.amount, "currency": self.currency}
        if self.converted_from is not None:
            base = self.converted_from
            out["converted_from"] = {"amount": base.amount, "currency": base.currency}
            if base.start is not None:
                out["converted_from"]["start"] = base.start
        if self.conversions:
            out["conversions"] = [
                {"amount": c.amount, "currency": c.currency, "approx": c.approx} for c in self.conversions
            ]
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Percent(Value):
    percent: float

    def _json_fields(self) -> dict[str, Any]:
        return {"percent": self.percent}


@dataclass(frozen=True, slots=True, kw_only=True)
class Count(Value):
    number: float
    unit: str | None = None  # what is counted, as the text says it: "AI engineers", "companies"

    def _json_fields(self) -> dict[str, Any]:
        return {"number": self.number} | ({"unit": self.unit} if self.unit is not None else {})


@dataclass(frozen=True, slots=True, kw_only=True)
class DateValue(Value):
    """A date as ISO text: 2026, 2026-04, 2026-04-06, or a span 2020/2024. A date whose year the text leaves
    out and nothing tells has no ISO text, only its month and day."""

    iso: str | None
    month: int | None = None  # only when iso is None
    day: int | None = None
    fiscal: bool = False  # a fiscal year: FY2026, 2026年度
    inferred: bool = False  # the year (or the day) is not in the text: read from the article's date

    def _json_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"iso": self.iso}
        if self.iso is None:
            out |= {"month": self.month, "day": self.day}
        if self.fiscal:
            out["fiscal"] = True
        if self.inferred:
            out["inferred"] = True
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Duration(Value):
    period: str  # ISO 8601: P3Y, P6M, P2W, P10D

    def _json_fields(self) -> dict[str, Any]:
        return {"duration": self.period}


def value_from_json(text: str | None) -> Value | None:
    """The value stored in ``mentions.value``; None for no value, or for text that is not one (never raises)."""
    return _read_value(text) if text else None


@lru_cache(maxsize=4096)
def _read_value(text: str) -> Value | None:
    """Values are immutable: one figure stated again and again is read once."""
    try:
        return _value_from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _number(x: object) -> float:
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise TypeError(f"not a number: {x!r}")
    return float(x)


def _int_or_none(x: object) -> int | None:
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, int):
        raise TypeError(f"not an integer: {x!r}")
    return x


def _str_or_none(x: object) -> str | None:
    if x is not None and not isinstance(x, str):
        raise TypeError(f"not text: {x!r}")
    return x


def _amount(d: dict) -> Amount:
    return Amount(
        _number(d["amount"]),
        _str_or_none(d.get("currency")) or UNKNOWN_CURRENCY,
        bool(d.get("approx")),
        _int_or_none(d.get("start")),
    )


def _value_from_dict(d: Any) -> Value | None:
    if not isinstance(d, dict):
        return None
    bound = d.get("bound")
    common: dict[str, Any] = {
        "display": _str_or_none(d.get("display")) or "",
        "approx": bool(d.get("approx")),
        "bound": bound if bound in ("upper", "lower") else None,
    }
    if "amount" in d:
        base = d.get("converted_from")
        return Money(
            amount=_number(d["amount"]),
            currency=_str_or_none(d.get("currency")) or UNKNOWN_CURRENCY,
            converted_from=_amount(base) if base else None,
            conversions=tuple(_amount(c) for c in d.get("conversions") or ()),
            **common,
        )
    if "percent" in d:
        return Percent(percent=_number(d["percent"]), **common)
    if "number" in d:
        return Count(number=_number(d["number"]), unit=_str_or_none(d.get("unit")), **common)
    if "duration" in d:
        period = _str_or_none(d["duration"])
        return Duration(period=period, **common) if period else None
    if "iso" in d or "month" in d:
        return DateValue(
            iso=_str_or_none(d.get("iso")),
            month=_int_or_none(d.get("month")),
            day=_int_or_none(d.get("day")),
            fiscal=bool(d.get("fiscal")),
            inferred=bool(d.get("inferred")),
            **common,
        )
    return None


# ---------------------------------------------------------------------------------- differences


class DifferenceKind(StrEnum):
    """What the sources differ on: a value of one slot, the organisation named, or a qualifier."""

    MONEY = "money"
    CONVERSION = "conversion"
    PERCENT = "percent"
    COUNT = "count"
    DATE = "date"
    DURATION = "duration"
    ORGANISATION = "organisation named"
    MODALITY = "modality"  # applied for vs secured …: the qualifier families of resources/qualifiers.json
    STATUS = "status"
    TIMING = "timing"
    TENURE = "tenure"

    @property
    def of_value(self) -> bool:
        """A figure or date, not a name or a qualifier."""
        return self not in _NOT_VALUES


_NOT_VALUES = frozenset(
    {
        DifferenceKind.ORGANISATION,
        DifferenceKind.MODALITY,
        DifferenceKind.STATUS,
        DifferenceKind.TIMING,
        DifferenceKind.TENURE,
    }
)


@dataclass
class Version:
    """One way the sources state a slot, and the articles that state it so."""

    text: str  # how the value (or the name, or the qualifier) is stated: "~1.2 billion EUR", "secured"
    article_ids: list[int]


@dataclass
class Difference:
    """One slot of a fact on which the sources give more than one version."""

    kind: DifferenceKind
    label: str  # what differs: "Investment", "Percentage", "Planned start date", "status"
    hard: bool  # False: rounded vs precise, another rate for the same conversion
    versions: list[Version]
    spans: dict[int, list[tuple[int, int]]]  # article -> spans of the differing values
    detail: str = ""  # what tells the slot apart further: "stake", "JPY, 2026"

    @property
    def title(self) -> str:
        """The label with its detail: "Percentage (stake)"."""
        return f"{self.label} ({self.detail})" if self.detail else self.label
