"""Whom each article rests on: the origin its report names.

The ways news names its origin are data in ``resources/provenance.json``: wire agencies and their
variants, datelines ("OSLO (Reuters) -"), credit and copyright lines ("© AFP", "Reporting by …;
editing by …"), attribution ("X reported", "according to X", "citing X", "told X", "X first
reported"), unnamed origins ("people familiar with the matter", "local reports") and "Source:" lines.

An article's origin is the earliest named source of its report, found in this order: a dateline or
credit of a wire, a "first reported by", a "Source:" line, the news organisation it attributes the
report to, an official statement, unnamed sources; failing all of these, the article is its own origin
(its outlet from the metadata, when known). People quoted are not origins ("said X, an analyst").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import resource_path

#: cached origins are recomputed when this changes (or the article text does)
VERSION = "provenance-3"
KINDS = ("wire", "outlet", "official", "unnamed", "own")
#: how strongly each rule names the origin of the report: lower wins
TIERS = {
    "dateline": 0,
    "credit": 1,
    "first reported": 2,
    "source line": 3,
    "citing": 4,
    "attribution": 5,
    "statement": 6,
    "told": 7,
    "unnamed": 7,
    "domain": 8,
    "metadata": 9,
    "own": 10,
}
_NAME_WORD = r"[A-Z][\w&.'’-]*"
_NAME = (
    rf"(?-i:(?P<name>{_NAME_WORD}(?:[ \t]+(?:(?:of|for|and|de|du|der|la|le|&)[ \t]+)?{_NAME_WORD}){{0,5}}"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co|uk|jp|no|de|fr|io|news|info|kr|cn|in|eu|se|dk)\b))"
)
_SKIP_NAMES = frozenset(
    [
        *[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "Published",
        "Updated",
        "The",
        "A",
        "An",
        "This",
        "That",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "As",
        "But",
        "And",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)


@dataclass(frozen=True)
class Origin:
    """A source the article names for its report, with the span of text that names it."""

    kind: str  # wire | outlet | official | unnamed | own
    name: str
    start: int = -1
    end: int = -1
    rule: str = "own"  # which way of naming found it (see TIERS)

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass
class Sourcing:
    """What one article rests on: its origin (the first of ``cited``) and everything else it cites."""

    article_id: int
    origin: Origin
    cited_origins: list[Origin] = field(default_factory=list)
    outlet: str | None = None
    via: int | None = None  # the article this one copies, when the origin came along a copy

    @property
    def key(self) -> str:
        o = self.origin
        if o.kind == "own" and not self.outlet:
            return f"article:{self.article_id}"
        if o.kind == "unnamed" or o.name == "wire, unnamed":
            return f"{o.kind}:{self.article_id}"
        return o.key

    @property
    def label(self) -> str:
        o = self.origin
        if o.kind == "own":
            return self.outlet or f"unattributed #{self.article_id}"
        name = o.name if o.kind != "unnamed" else f"{o.name} (unnamed)"
        if self.via is not None:
            name += f" (copy of #{self.via})"
        outlet = self.outlet and (lexicon().agency(self.outlet) or self.outlet)
        if outlet and outlet.lower() != o.name.lower():
            return f"{name} via {self.outlet}"
        return name

    @property
    def cited(self) -> list[str]:
        """The names the article cites, its origin first."""
        out: list[str] = []
        for o in self.cited_origins:
            if o.kind not in ("own",) and o.name not in out:
                out.append(o.name)
        return out

    @property
    def kind(self) -> str:
        return self.origin.kind


# ---------------------------------------------------------------------------- the lexicon


@dataclass
class Lexicon:
    agencies: dict[str, str]  # lower-cased variant -> canonical name
    agency_rx: str
    outlet_rx: re.Pattern
    official_rx: re.Pattern
    datelines: list[re.Pattern]
    credits: list[re.Pattern]
    credit_styles: list[tuple[re.Pattern, str | None]]
    first_reported: list[re.Pattern]
    first_reported_after: list[re.Pattern]
    before: list[re.Pattern]
    after: list[re.Pattern]
    statement_cues: re.Pattern
    not_origin_after: re.Pattern
    unnamed: list[re.Pattern]
    source_line: re.Pattern
    domain: re.Pattern
    outlet_after: list[tuple[re.Pattern, str]]
    statement_near: re.Pattern

    def agency(self, name: str) -> str | None:
        n = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        hit = self.agencies.get(n.lower())
        if hit is None:
            return None
        # short all-capital variants ("AP", "PA") only count when written in capitals
        if len(n) <= 4 and not n.isupper() and n.lower() not in ("dpa", "jiji"):
            return None
        return hit

    def kind_of(self, name: str) -> str | None:
        """wire / outlet / official for a name that can be an origin; None for anything else."""
        if self.agency(name):
            return "wire"
        if self.domain.match(name) or self.outlet_rx.search(name):
            return "outlet"
        if self.official_rx.search(name):
            return "official"
        return None


def _words_rx(words: list[str]) -> re.Pattern:
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resource_path("provenance.json").read_text(encoding="utf-8"))
    agencies = {}
    variants = []
    for canonical, names in raw["agencies"].items():
        for n in [canonical, *names]:
            agencies[n.lower()] = canonical
            variants.append(n)
    agency_rx = (
        "(?-i:(?P<agency>"
        + "|".join(re.escape(v) for v in sorted(set(variants), key=len, reverse=True))
        + "))"
    )

    def with_agency(p: str, flags: int) -> re.Pattern:
        return re.compile(p.replace("{AGENCY}", agency_rx), flags)

    def before(p: str) -> re.Pattern:
        return re.compile(p.rstrip("$") + _NAME, re.I)

    def after(p: str) -> re.Pattern:
        return re.compile(_NAME + p.lstrip("^"), re.I)

    return Lexicon(
        agencies=agencies,
        agency_rx=agency_rx,
        outlet_rx=_words_rx(raw["outlet_words"]),
        official_rx=_words_rx(raw["official_words"]),
        datelines=[with_agency(p, re.M) for p in raw["datelines"]],
        credits=[with_agency(p, re.I | re.M) for p in raw["credits"]],
        credit_styles=[(re.compile(s["pattern"], re.M), s["wire"]) for s in raw["credit_styles"]],
        first_reported=[before(p) for p in raw["first_reported"] if p.endswith("$")],
        first_reported_after=[after(p) for p in raw["first_reported_after"]],
        before=[before(p) for p in raw["attribution_before"]],
        after=[after(p) for p in raw["attribution_after"]],
        statement_cues=re.compile(
            r"\b(?:" + "|".join(re.escape(c) for c in raw["statement_cues"]) + r")\b", re.I
        ),
        not_origin_after=re.compile(raw["not_origin_after"], re.I),
        unnamed=[re.compile(p, re.I) for p in raw["unnamed"]],
        source_line=re.compile(raw["source_line"], re.I),
        domain=re.compile(raw["domain"], re.I),
        outlet_after=[
            (re.compile(r"\s+" + re.escape(noun) + r"\b", re.I), kind)
            for noun, kind in raw["outlet_nouns_after"].items()
        ],
        statement_near=re.compile(raw["statement_near"], re.I),
    )


# ---------------------------------------------------------------------------- finding origins


@dataclass
class _Candidate:
    tier: int
    start: int
    origin: Origin


def _mention_at(mentions, start: int, end: int):
    for m in mentions:
        if m.start < end and start < m.end:
            return m
    return None


def _named(lex: Lexicon, text: str, mentions, start: int, end: int, rule: str) -> Origin | None:
    """The origin a name found by a pattern stands for, or None when it is not one (a person, a word)."""
    name = text[start:end].strip(" .,'’")
    name = re.sub(r"['’]s$", "", name)
    first = name.split()[0] if name else ""
    if not name or (first in _SKIP_NAMES and len(name.split()) == 1):
        return None
    if first in ("The",):
        name = name[4:]
    m = _mention_at(mentions, start, end)
    agency = lex.agency(name)
    if agency is None and m is not None and m.type in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT"):
        agency = lex.agency(m.entity)
    if agency:
        return Origin("wire", agency, start, end, rule)
    named_as = next((k for rx, k in lex.outlet_after if rx.match(text, end)), None)
    if named_as:  # "the Kommersant newspaper", "the Interfax news agency", whatever the model tagged
        return Origin(named_as, m.entity if m is not None and m.type == "ORG" else name, start, end, rule)
    if m is not None and m.type == "PERSON" and lex.kind_of(m.entity) is None:
        return None  # a person quoted is not the origin of a report
    kind = lex.kind_of(name) or (lex.kind_of(m.entity) if m is not None else None)
    if kind is None:
        # "the Kommersant newspaper", "the Interfax news agency"
        kind = next((k for rx, k in lex.outlet_after if rx.match(text, end)), None)
    if kind is None and rule in ("statement", "attribution"):
        # "In a statement on Thursday, Euronext said": an organisation the model missed, speaking for itself
        near = text[max(0, start - 80) : end + 80]
        if lex.statement_near.search(near) and (m is None or m.type != "PERSON"):
            kind = "official"
    if kind is None:
        if m is not None and m.type == "ORG" and rule in ("statement", "attribution", "source line"):
            kind = "official"  # an organisation speaking for itself
        else:
            return None
    display = m.entity if m is not None and m.type != "PERSON" and len(m.entity) >= len(name) - 4 else name
    return Origin(kind, display, start, end, rule)


def find_origins(text: str, mentions=(), outlet: str | None = None) -> list[Origin]:
    """Every origin the text names, strongest and earliest first (``own`` last)."""
    lex = lexicon()
    found: list[_Candidate] = []

    def add(rule: str, origin: Origin | None):
        if origin is not None:
            found.append(_Candidate(TIERS[rule], origin.start, origin))

    head = text[:700]
    for rx in lex.datelines:
        for m in rx.finditer(head):
            add(
                "dateline",
                Origin("wire", lex.agencies[m.group("agency").lower()], *m.span("agency"), "dateline"),
            )
    for rx in lex.credits:
        for m in rx.finditer(text):
            if m.start() < 120 and rx.pattern.startswith("^\\s*[-—–]?"):
                continue  # a bare agency name as the first line is a heading, not a credit
            canonical = lex.agency(m.group("agency"))
            if canonical:
                add("credit", Origin("wire", canonical, *m.span("agency"), "credit"))
    named_credit = any(c.origin.rule in ("dateline", "credit") for c in found)
    for rx, wire in lex.credit_styles:
        for m in rx.finditer(text):
            if wire is None and (named_credit or re.search(lex.agency_rx, m.group(0))):
                continue  # "© 2025 The Associated Press" is named above; only an unnamed wire is "wire, unnamed"
            add("credit", Origin("wire", wire or "wire, unnamed", m.start(), m.end(), "credit"))
    for rx in lex.first_reported + lex.first_reported_after:
        for m in rx.finditer(text):
            add("first reported", _named(lex, text, mentions, *m.span("name"), "first reported"))
    for rx in lex.before:
        for m in rx.finditer(text):
            low = m.group(0).lower()
            rule = (
                "citing"
                if low.startswith(("citing", "cited"))
                else ("told" if low.startswith("tell") or low.startswith("told") else "attribution")
            )
            o = _named(lex, text, mentions, *m.span("name"), rule)
            if o is not None and o.kind == "official":
                o = Origin("official", o.name, o.start, o.end, "statement")
            elif o is not None and rule == "told":
                # "a source told the BBC": the outlet asked; what it was told rests on the speaker
                o = Origin(o.kind, o.name, o.start, o.end, "told")
            if o is not None and lex.not_origin_after.match(text, o.end):
                continue
            add(o.rule if o else rule, o)
    for rx in lex.after:
        for m in rx.finditer(text):
            if lex.not_origin_after.match(text, m.end("name")):
                continue
            o = _named(lex, text, mentions, *m.span("name"), "attribution")
            if o is None:
                continue
            said = not re.match(r"\s*(?:had\s+|has\s+)?report|['’]s", text[o.end : o.end + 12], re.I)
            if o.kind == "official" or (said and o.kind not in ("wire", "outlet")):
                o = Origin("official", o.name, o.start, o.end, "statement")
            elif said and o.kind in ("wire", "outlet"):
                # "Reuters said" reports what the wire says; a company's "said" is its own statement
                o = Origin(o.kind, o.name, o.start, o.end, "attribution")
            add(o.rule, o)
    # a "Source:" line, or a line saying "Source" followed by the names on the next line
    lines = list(re.finditer(r"[^\n]+", text))
    for i, line in enumerate(lines):
        source = lex.source_line.match(line.group(0))
        if not source or len(line.group(0)) > 160:
            continue
        if source.group(1).strip():
            a, b = line.start() + source.start(1), line.end()
        elif i + 1 < len(lines):
            a, b = lines[i + 1].span()
        else:
            continue
        for n in re.finditer(_NAME, text[a:b]):
            nm = n.group("name")
            nm = re.split(r"(?:Published|Updated)\b", nm)[0].strip()
            if not nm:
                continue
            o = _named(lex, text, mentions, a + n.start(), a + n.start() + len(nm), "source line")
            if o is None:
                kind = "outlet" if lex.domain.match(nm) or (len(nm) > 2 and nm not in _SKIP_NAMES) else None
                o = Origin(kind, nm, a + n.start(), a + n.start() + len(nm), "source line") if kind else None
            add("source line", o)
    for rx in lex.unnamed:
        for m in rx.finditer(text):
            add("unnamed", Origin("unnamed", m.group(0).strip().lower(), m.start(), m.end(), "unnamed"))
    for m in mentions:
        if lex.domain.match(m.entity) and not any(c.start <= m.start < c.origin.end for c in found):
            add("domain", Origin("outlet", m.entity, m.start, m.end, "domain"))
    if outlet:
        kind = "wire" if lex.agency(outlet) else "own"
        add("metadata", Origin(kind, lex.agency(outlet) or outlet, -1, -1, "metadata"))
    found.sort(key=lambda c: (c.tier, c.start))
    out: list[Origin] = []
    seen = set()
    spans: list[tuple[int, int]] = []
    for c in found:
        o = c.origin
        key = (o.kind == "unnamed", o.key)
        if key in seen or (o.kind == "unnamed" and any(a < o.end and o.start < b for a, b in spans)):
            continue
        seen.add(key)
        spans.append((o.start, o.end))
        out.append(o)
    return out


def sourcing(article, mentions=()) -> Sourcing:
    """The origin of one article (``article`` is a store Article)."""
    cited = find_origins(article.text, mentions, article.outlet)
    named = [o for o in cited if o.rule not in ("metadata",)]
    if named:
        origin = named[0]
    elif cited:
        origin = cited[0]
    else:
        origin = Origin("own", article.outlet or f"#{article.id}", -1, -1, "own")
    return Sourcing(article.id, origin, cited, article.outlet)


def propagate(sourcings: dict[int, Sourcing], links) -> None:
    """An article copying another rests on what that one rests on, unless it names a stronger origin.

    ``links`` are (copier, source) article id pairs, the source published first.
    """
    changed = True
    rounds = 0
    while changed and rounds < 10:
        changed, rounds = False, rounds + 1
        for copier, source in links:
            if copier not in sourcings or source not in sourcings:
                continue
            mine, theirs = sourcings[copier], sourcings[source]
            if TIERS[theirs.origin.rule] < TIERS[mine.origin.rule] and mine.origin.kind in (
                "own",
                "unnamed",
                "official",
            ):
                sourcings[copier] = Sourcing(
                    copier, theirs.origin, [theirs.origin, *mine.cited_origins], mine.outlet, source
                )
                changed = True


def independent_clusters(sourcings: dict[int, Sourcing], links) -> list[set[int]]:
    """Articles merged when one copies another or both rest on the same origin."""
    parent = {a: a for a in sourcings}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[str, int] = {}
    for aid, s in sorted(sourcings.items()):
        if s.key in by_key:
            union(aid, by_key[s.key])
        else:
            by_key[s.key] = aid
    for a, b in links:
        if a in parent and b in parent:
            union(a, b)
    clusters: dict[int, set[int]] = {}
    for a in sourcings:
        clusters.setdefault(find(a), set()).add(a)
    return sorted(clusters.values(), key=min)
