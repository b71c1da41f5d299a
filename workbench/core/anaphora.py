"""Organisation anaphora: 'the company', 'the group', 'both companies', 'the venture', 同社, 両社, 新会社.

A definite description of an organisation refers back to one named before it. This module finds such
descriptions in one article and links each to the organisation it refers to, as a mention of that
organisation's entity (``source == "reference"``), so that a sentence saying "the company will invest
…" names the company for the comparison and for the member walks. A reference never creates an entity
nor an alias: it carries the candidate it refers to (:attr:`entities.Candidate.refers_to`) and
:func:`entities.resolve` gives it that candidate's entity.

The words are data (``resources/anaphora.<language>.json``, see their ``_about``); the mechanism is the
same for both languages:

* ``org`` cues ("the company", 同社) refer to the first compatible organisation of the nearest sentence
  (this one, then up to ``window_sentences`` before it) that names one; the first name of a sentence is
  usually its subject or topic, which a later "the company" most often means;
* ``venture`` cues ("the venture", "the new company", 新会社) refer to the name in apposition right after
  them ("The venture, X, will", 新会社「X」, 新会社の名称は「X」) or else to the latest venture-like name
  before them (a name that follows a venture marker: "a joint venture named X"); the first 新会社を設立
  of an article, with no name yet, stays unresolved;
* ``pair`` cues ("both companies", 両社) refer to the two organisations named most recently (a venture's
  own name left out), each giving one mention over the same words.

Compatibility: a cue with ``name_words`` wants a name holding one of them (the bank -> a bank); public
bodies (``public_words``) are the referents only of cues marked ``government`` (the ministry, 同省);
news agencies are never referents. Offsets are Python string indices.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .resources import resource_path

#: a kanji or katakana character: a Japanese cue right after one is part of a longer word (共同社宅)
_WORD_CHAR = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30fa\u30fc]")


@dataclass(frozen=True)
class Cue:
    phrase: str
    kind: str  # org | venture | pair
    name_words: tuple[str, ...] = ()
    government: bool = False
    exactly: bool = False
    not_before: frozenset[str] = frozenset()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    language: str
    cues: dict[str, Cue]
    pattern: re.Pattern
    window: int
    restrictive: frozenset[str]
    after: tuple[str, ...]
    naming: tuple[str, ...]
    name_chars: int
    markers: re.Pattern
    marker_gap: int
    public_words: tuple[str, ...]
    same_sentence_after: tuple[str, ...]
    public_re: re.Pattern


def _load(language: str) -> Lexicon:
    data = json.loads(resource_path(f"anaphora.{language}.json").read_text(encoding="utf-8"))
    cues = {
        e["phrase"]: Cue(
            e["phrase"],
            e["kind"],
            tuple(e.get("name_words", ())),
            bool(e.get("government")),
            bool(e.get("exactly")),
            frozenset(w.lower() for w in e.get("not_before", ())),
            tuple(w.lower() for w in e.get("not_after", ())),
        )
        for e in data["cues"]
    }
    phrases = sorted(cues, key=len, reverse=True)
    if language == "ja":
        pattern = re.compile("|".join(re.escape(p) for p in phrases))
        markers = re.compile("|".join(re.escape(w) for w in data["venture_markers"]))
    else:
        # a cue's first letter may be a capital (a sentence's start), the rest is as written
        alts = [f"[{p[0]}{p[0].upper()}]{re.escape(p[1:])}" for p in phrases]
        pattern = re.compile(r"\b(?:" + "|".join(alts) + r")\b")
        markers = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in data["venture_markers"]) + r")\b", re.I
        )
    return Lexicon(
        language,
        cues,
        pattern,
        int(data.get("window_sentences", 3)),
        frozenset(data.get("restrictive", ())),
        tuple(data.get("after", ())),
        tuple(sorted(data.get("naming", ()), key=len, reverse=True)),
        int(data.get("name_chars", 30)),
        markers,
        int(data.get("marker_gap", 40)),
        tuple(w.lower() for w in data.get("public_words", ())),
        tuple(data.get("same_sentence_after", ())),
        re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in data.get("public_words", ())) + r")\b"),
    )


@lru_cache(maxsize=4)
def lexicon(language: str) -> Lexicon:
    return _load("ja" if language == "ja" else "en")


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    """News agencies' names (resources/provenance.json): 'Reuters reported. The company …' is never Reuters."""
    data = json.loads(resource_path("provenance.json").read_text(encoding="utf-8"))
    return frozenset(v for variants in data.get("agencies", {}).values() for v in variants)


# ---------------------------------------------------------------------------- finding cues


def _stands_alone(text: str, start: int, end: int, cue: Cue, lex: Lexicon) -> bool:
    """Is the cue at text[start:end] a noun phrase of its own (not 'the group stage', 同社長)?"""
    if lex.language == "ja":
        if start > 0 and _WORD_CHAR.match(text[start - 1]):
            return False
        rest = text[end : end + 4]
        return not rest or any(rest.startswith(a) for a in lex.after)
    after = text[end : end + 40]
    if re.match(r"-\w", after):
        return False  # "the group-wide"
    m = re.match(r"[ \t]+([A-Za-z][\w’'-]*)", after)
    if m:
        word = m.group(1).lower()
        if word in cue.not_before or word in lex.restrictive:
            return False
    before = " ".join(text[max(0, start - 30) : start].lower().split())
    return not any(before == w or before.endswith(" " + w) for w in cue.not_after)


@lru_cache(maxsize=4096)
def _public_name(name: str, language: str) -> bool:
    lex = lexicon(language)
    low = name.lower()
    if language == "ja":
        return low.endswith(lex.public_words) or any(w in low for w in lex.public_words if len(w) >= 3)
    return bool(lex.public_re.search(low))


def _public(name: str, lex: Lexicon) -> bool:
    return _public_name(name, lex.language)


def _dateline(text: str, c) -> bool:
    """'BERGEN - Five shipowners …': a place in capitals opening a paragraph, never an organisation."""
    if not c.text.isupper():
        return False
    before = text[max(0, c.start - 8) : c.start]
    at_line_start = c.start == 0 or not before.strip(" \t") or before.rstrip(" \t").endswith("\n")
    return at_line_start and bool(re.match(r"\s*(?:\([^)]{1,30}\)\s*)?[-–—]", text[c.end : c.end + 40]))


def _described_public(text: str, c, lex: Lexicon) -> bool:
    """'Enova, the state climate agency': a name that an apposition right after it calls a public body."""
    m = re.match(r",\s+(?:the|a|an|its|their)\s+([^,.;:()]{1,60})", text[c.end : c.end + 70])
    return m is not None and lex.language != "ja" and _public(m.group(1), lex)


def _compatible(c, cue: Cue, lex: Lexicon, text: str = "", described: frozenset = frozenset()) -> bool:
    """Can the name be the cue's referent? ``described``: the ids of the names the article calls a public
    body somewhere ('Enova, the state climate agency': every Enova of the article)."""
    names = (c.text, c.name or c.text)
    if any(n in _agencies() for n in names) or (text and _dateline(text, c)):
        return False
    if id(c) in described:
        return cue.government
    if cue.name_words:
        # the words as written: "Alpha" that the gazetteer names "Alpha Bank" is no bank's name here
        if not any(w.lower() in c.text.lower() for w in cue.name_words):
            return False
        return cue.government or not any(_public(n, lex) for n in names)
    public = any(_public(n, lex) for n in names)
    return public if cue.government else not public


def _extends(long: str, short: str) -> bool:
    """One organisation's key and another's: the same, or the shorter one the start of the longer at a word's
    end ("kawasaki heavy" / "kawasaki heavy industries"; 川崎重工 / 川崎重工業, Japanese has no spaces)."""
    if long == short:
        return True
    if len(short) < 2 or not long.startswith(short):
        return False
    return long[len(short)] == " " or bool(_WORD_CHAR.match(short[-1]))


def _key(c) -> str:
    return c.key or c.text.lower()


# ---------------------------------------------------------------------------- venture names


def _bracketed_name(text: str, pos: int, lex: Lexicon) -> tuple[int, int] | None:
    """新会社「X」, 新会社の名称は「X」: the span of X when a naming pattern starts at pos."""
    for n in lex.naming:
        if not text.startswith(n, pos) or not n.endswith(("「", "『")):
            continue
        a = pos + len(n)
        close = "」" if n.endswith("「") else "』"
        b = text.find(close, a, a + lex.name_chars + 1)
        if b > a and "\n" not in text[a:b]:
            return a, b
    return None


def _name_venture(text: str, cands: list, lex: Lexicon, make) -> dict[int, object]:
    """Japanese: the names a venture cue gives in brackets (新会社「X」), as organisations; a name the
    recogniser missed or mistyped becomes one. Returns cue start -> the name's candidate."""
    out: dict[int, object] = {}
    if lex.language != "ja":
        return out
    cands.sort(key=lambda c: (c.start, -c.end))
    starts = [c.start for c in cands]
    drop: set[int] = set()
    for m in lex.pattern.finditer(text):
        cue = lex.cues[m.group()]
        if cue.kind != "venture":
            continue
        span = _bracketed_name(text, m.end(), lex)
        if span is None:
            continue
        a, b = span
        lo = max(0, bisect_right(starts, a) - 2)
        inside = [
            c for c in cands[lo : bisect_right(starts, b)] if c.start < b and a < c.end and id(c) not in drop
        ]
        exact = [c for c in inside if (c.start, c.end) == (a, b)]
        mistyped = ("PRODUCT", "PERSON", "GPE", "LOC", "NORP")
        if exact:
            c = exact[0]
            if c.type in mistyped and c.refers_to is None:
                c.type = "ORG"
        elif all(x.type in mistyped and a <= x.start and x.end <= b for x in inside):
            drop.update(id(x) for x in inside)
            c = make(a, b, text[a:b], "ORG", "rule")
            cands.append(c)
        else:
            continue
        out[m.start()] = c
    if drop:
        cands[:] = [c for c in cands if id(c) not in drop]
    return out


def _venture_like(text: str, names: list, sentences: list[tuple[int, int]], lex: Lexicon) -> set[int]:
    """Indices (into names) of the names that follow a venture marker closely in the same sentence
    ('a joint venture named X', 'The venture, X,', 新会社「X」) with no other name between."""
    out = set()
    starts = [s for s, _e in sentences]
    for i, c in enumerate(names):
        k = bisect_right(starts, c.start) - 1
        s_start = sentences[k][0] if k >= 0 else 0
        lo = max(s_start, c.start - lex.marker_gap)
        if i > 0:
            lo = max(lo, names[i - 1].end)
        window = text[lo : c.start]
        ms = list(lex.markers.finditer(window))
        if not ms:
            continue
        gap = window[ms[-1].end() :]
        # only punctuation, a naming word or a particle between the marker and the name
        if lex.language == "ja":
            if re.fullmatch(r"[\s「『（(、]*(?:の?(?:名称|名前|社名)?[はを]?)[\s「『（(]*", gap):
                out.add(i)
        elif re.fullmatch(
            r"[\s,:(“\"']*(?:(?:to be |will be )?(?:named|called|dubbed|known as)[\s,:(“\"']*)?", gap, re.I
        ):
            out.add(i)
    return out


# ---------------------------------------------------------------------------- the referents


_JOINED = re.compile(r"\s*(?:,|and|or|&|と|や|、|及び|および)\s*")


class _Article:
    """One article's names, read once: which of them name one organisation (key groups), how often each
    organisation is named before a place (references included), the names joined with another, the
    names the article calls a public body, and the sentences."""

    TOP = 20  # organisations followed as the article's possible topic

    def __init__(self, text: str, names: list, sentences: list[tuple[int, int]], lex: Lexicon, ventures):
        self.text, self.names, self.lex = text, names, lex
        self.sentences = sentences
        self.sent_starts = [a for a, _b in sentences]
        self.starts = [c.start for c in names]
        self.sent_of = [self.sentence_index(c.start) for c in names]
        # names of one organisation: sorted keys, each joined to a shorter one it extends
        group_of_key: dict[str, int] = {}
        stack: list[tuple[str, int]] = []
        for k in sorted({_key(c) for c in names}):
            while stack and not _extends(k, stack[-1][0]):
                stack.pop()
            group_of_key[k] = stack[-1][1] if stack else len(group_of_key)
            stack.append((k, group_of_key[k]))
        self.group = [group_of_key[_key(c)] for c in names]
        self.first_of_group: dict[int, int] = {}
        for i, g in enumerate(self.group):
            self.first_of_group.setdefault(g, i)
        self.joined = [self._joined(i) for i in range(len(names))]
        public = {self.group[i] for i, c in enumerate(names) if _described_public(text, c, lex)}
        self.described = frozenset(id(c) for i, c in enumerate(names) if self.group[i] in public)
        self.ventures = sorted(ventures)
        # how often each organisation has been named so far (advanced cue by cue, in text order)
        self.counts: dict[int, int] = {}
        self.top: list[int] = []
        self.counted = 0  # names[:counted] are in counts
        self.memo: dict[tuple[int, str], bool] = {}

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def _joined(self, i: int) -> bool:
        """Is the name one of several joined ('A and B', AとB, A、B) or a span holding two ('A Bank and B
        Bank')? A singular 'the company' after 'A and B will lend' means neither of them."""
        c = self.names[i]
        if re.search(r"\sand\s|[と、]", c.text):
            return True  # "Alpha Bank and Beta Bank" as one span ("Procter & Gamble" is one company)
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.names):
                d = self.names[j]
                a, b = (d.end, c.start) if j < i else (c.end, d.start)
                if 0 <= b - a <= 6 and _JOINED.fullmatch(self.text[a:b]):
                    return True
        return False

    def _count(self, g: int) -> None:
        self.counts[g] = self.counts.get(g, 0) + 1
        if g not in self.top:
            if len(self.top) < self.TOP:
                self.top.append(g)
            else:
                low = min(self.top, key=lambda x: self.counts[x])
                if self.counts[g] > self.counts[low]:
                    self.top[self.top.index(low)] = g

    def advance(self, pos: int) -> None:
        """Count the names and references before pos."""
        while self.counted < len(self.names) and self.names[self.counted].start < pos:
            self._count(self.group[self.counted])
            self.counted += 1

    def refer(self, r) -> None:
        i = self.index_of(r)
        if i is not None:
            self._count(self.group[i])

    def index_of(self, c) -> int | None:
        i = bisect_right(self.starts, c.start) - 1
        while i >= 0 and self.names[i].start == c.start:
            if self.names[i] is c:
                return i
            i -= 1
        return None

    def compatible(self, i: int, cue: Cue) -> bool:
        key = (i, cue.phrase)
        if key not in self.memo:
            self.memo[key] = _compatible(self.names[i], cue, self.lex, self.text, self.described)
        return self.memo[key]

    def before(self, pos: int, lo: int) -> range:
        """Indices of the names that start at or after lo and end before pos."""
        a = bisect_right(self.starts, lo - 1)
        b = bisect_right(self.starts, pos)
        while b > a and self.names[b - 1].end > pos:
            b -= 1
        return range(a, b)


def _across_clauses(text: str, a: int, b: int, lex: Lexicon) -> bool:
    """Does a word or mark that opens another clause ('said', 'after', a comma) stand between a and b?"""
    between = text[a:b]
    if lex.language == "ja":
        return any(w in between for w in lex.same_sentence_after)
    words = set(re.findall(r"[a-z]+", between.lower())) | set(re.findall(r"[,;]", between))
    return any(w in words for w in lex.same_sentence_after)


def _org_referent(art: _Article, cue: Cue, pos: int):
    """The organisation the article is about, among the compatible names of the cue's sentence (before
    it) and the ``window_sentences`` before: the one named most often so far (references included),
    then the nearest sentence's, then the first of a sentence (its subject or topic, usually). An
    organisation named at least twice and more often than any of them is the article's topic and wins
    even from beyond the window. A name joined with another ('A and B will lend … The company' means
    neither) is left out, and in the cue's own sentence only a name in another clause counts: 'KKR
    agreed to buy the retailer' is no reference to KKR."""
    art.advance(pos)
    k = art.sentence_index(pos)
    lo = art.sentences[max(0, k - art.lex.window)][0]
    found = []
    for i in art.before(pos, lo):
        if art.joined[i] or not art.compatible(i, cue):
            continue
        c, j = art.names[i], art.sent_of[i]
        if j == k and not _across_clauses(art.text, c.end, pos, art.lex):
            continue
        found.append((-art.counts.get(art.group[i], 0), k - j, c.start, c))
    best = min(found, key=lambda x: x[:3]) if found else None
    for g in sorted(art.top, key=lambda g: -art.counts[g]):
        times = art.counts[g]
        if times < 2 or (best is not None and times <= -best[0]):
            break
        i = art.first_of_group[g]
        if not art.joined[i] and art.compatible(i, cue):
            return art.names[i]
    return best[3] if best else None


def _pair_referents(art: _Article, cue: Cue, pos: int, ventures: set[int]) -> list:
    """The two organisations named most recently before the cue (a venture's own name left out)."""
    k = art.sentence_index(pos)
    lo = art.sentences[max(0, k - art.lex.window)][0]
    groups: list[int] = []
    out: list = []
    for i in reversed(art.before(pos, lo)):
        if i in ventures or not art.compatible(i, cue) or art.group[i] in groups:
            continue
        groups.append(art.group[i])
        out.append(art.names[i])
    if len(out) < 2 or (cue.exactly and len(out) != 2):
        return []
    return sorted(out[:2], key=lambda c: c.start)


def _venture_referent(art: _Article, start: int, end: int, named: dict):
    """The name in apposition right after the cue, else the latest venture-like name before it."""
    if start in named:
        return named[start]
    m = re.match(r"[ \t]*[,，、]?[ \t]*[「『\"“]?", art.text[end : end + 6])
    at = end + (m.end() if m else 0)
    i = bisect_right(art.starts, at) - 1
    if i >= 0 and art.starts[i] == at:
        while i > 0 and art.starts[i - 1] == at:
            i -= 1
        return art.names[i]
    before = [v for v in art.ventures if art.names[v].end <= start]
    return art.names[before[-1]] if before else None


# ---------------------------------------------------------------------------- the whole article


def add_references(text: str, cands: list, sentences: list[tuple[int, int]], language: str | None) -> list:
    """Add to cands (an article's cleaned candidates, sorted, keys assigned) a reference candidate for each
    cue that refers to an organisation named in the article; returns the references added.

    ``text`` may be the article with its boilerplate blanked (the cues are looked for in it)."""
    from .entities import Candidate

    lex = lexicon("ja" if language == "ja" else "en")
    if not lex.pattern.search(text):
        return []
    sentences = sorted(sentences) or [(0, len(text))]

    def make(a, b, piece, kind, source):
        from .entities import _assign_keys

        c = Candidate(a, b, piece, kind, source)
        _assign_keys(text, [c])
        return c

    # the recogniser sometimes takes a cue for a name (同省/ORG): it is the cue, not an organisation
    cands[:] = [c for c in cands if not (c.source == "model" and c.text in lex.cues)]
    named = _name_venture(text, cands, lex, make)
    cands.sort(key=lambda c: (c.start, -c.end))
    names = [c for c in cands if c.type == "ORG" and c.refers_to is None]
    ventures = _venture_like(text, names, sentences, lex)
    art = _Article(text, names, sentences, lex, ventures)
    starts = [c.start for c in cands]
    found = []
    for m in lex.pattern.finditer(text):
        cue = lex.cues.get(m.group()) or lex.cues.get(m.group()[0].lower() + m.group()[1:])
        if cue is None:
            continue
        i = bisect_right(starts, m.start())
        near = cands[max(0, i - 3) : i + 1]
        if any(c.start < m.end() and m.start() < c.end for c in near):
            continue
        found.append((m.start(), m.end(), cue, _stands_alone(text, m.start(), m.end(), cue, lex)))
    # one sense per article: where one 'the group' is a tournament's ('the group stage'), none is a company
    other_sense = {cue.phrase for _s, _e, cue, alone in found if not alone}
    added: list = []
    for start, end, cue, alone in found:
        if not alone or cue.phrase in other_sense:
            continue
        if cue.kind == "pair":
            referents = _pair_referents(art, cue, start, ventures)
        elif cue.kind == "venture":
            r = _venture_referent(art, start, end, named)
            referents = [r] if r is not None else []
        else:
            r = _org_referent(art, cue, start)
            referents = [r] if r is not None else []
        for r in referents:
            c = Candidate(start, end, text[start:end], r.type, "reference")
            c.refers_to = r
            c.key = "\u2192" + (r.key or r.text)  # never a name's key: _assign_keys leaves it alone
            c.name = r.name
            added.append(c)
            art.refer(r)
    cands.extend(added)
    cands.sort(key=lambda c: (c.start, -c.end))
    return added
