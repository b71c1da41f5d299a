"""Turn whatever a user types into a safe SQLite FTS5 query.

Supported, in the way people expect from a search box:

* words: all must occur (``merger steel``);
* ``"quoted phrases"``;
* ``-word`` or ``NOT word``: must not occur;
* ``OR`` between two terms: either;
* ``word*``: prefix.

Everything else (brackets, ``AND``, ``$``, ``:``, NUL, unbalanced quotes) is
treated as text, so every input yields a valid query or none at all.

Hostile input stays cheap: a term typed twice is searched once (``the`` ×200 is
``the``), exclusions are one flat ``NOT (a OR b OR …)`` (nesting one ``NOT`` per
exclusion overflowed FTS5's parser at about a hundred), and a prefix must have at
least MIN_PREFIX characters (``a*`` would expand to most of the vocabulary; it is
searched as the word ``a``, and the note says so).

A query with Japanese (or Chinese, Korean) characters in it is run on the trigram index of
the articles in those languages: words there have no spaces around them, so every term
matches as a substring; a term of one or two characters, too short for trigrams, is matched
with LIKE instead (see :func:`cjk_plan`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


#: shortest prefix searched as a prefix (FTS5 walks every word that starts with it)
MIN_PREFIX = 2


class ParsedQuery(NamedTuple):
    fts: str | None  # None: nothing to search for
    terms: tuple[str, ...] | list[str] = ()  # positive terms, for locating hits
    message: str | None = None  # why there is nothing to search for
    note: str | None = None  # how the search was read, when it differs from what was typed
    groups: tuple | list = ()  # the positive terms as AND-ed groups of OR-alternatives (plain words)
    negatives: tuple | list = ()  # the excluded terms (plain words)

    @property
    def cjk(self) -> bool:
        """Does the query hold Japanese, Chinese or Korean text (run on the trigram index)?"""
        return any(has_cjk(t) for t in self.terms) or any(has_cjk(t) for t in self.negatives)


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]")
#: the trigram tokenizer matches terms of at least this many characters
TRIGRAM = 3


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


class CjkPlan(NamedTuple):
    """How a CJK query runs: an FTS5 trigram MATCH for the long terms, LIKE patterns for the rest."""

    match: str | None  # None: no term is long enough for the trigram index
    like_groups: list[list[str]]  # each group: any of these substrings must occur
    like_negatives: list[str]  # none of these may occur


def _substring(term: str) -> str:
    """A term as a substring to find: punctuation at its edges ("(出資", "新会社。") is not part of it."""
    return re.sub(r"^\W+|\W+$", "", term)


def cjk_plan(parsed: ParsedQuery) -> CjkPlan:
    groups = [[w for w in map(_substring, g) if w] for g in parsed.groups]
    groups = [g for g in groups if g]
    long_groups = [g for g in groups if all(len(w) >= TRIGRAM for w in g)]
    short_groups = [g for g in groups if not all(len(w) >= TRIGRAM for w in g)]
    match = " AND ".join(
        _quote(g[0]) if len(g) == 1 else "(" + " OR ".join(_quote(w) for w in g) + ")" for g in long_groups
    )
    negatives = [w for w in map(_substring, parsed.negatives) if w]
    return CjkPlan(match or None, short_groups, negatives)


def like_pattern(term: str) -> str:
    """A LIKE pattern (ESCAPE '\\') for a substring."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _has_word(term: str) -> bool:
    return any(ch.isalnum() for ch in term)


def parse(user_text: str) -> ParsedQuery:
    text = (user_text or "").replace("\x00", " ").strip()
    if any(
        "\ud800" <= ch <= "\udfff" for ch in text
    ):  # lone surrogates (undecodable bytes): SQLite refuses them
        text = text.encode("utf-8", "replace").decode("utf-8")
    if not text:
        return ParsedQuery(None, message="Type a word to search for.")

    # groups: a list of OR-alternatives; each alternative is an FTS5 phrase string
    groups: list[list[str]] = []
    negatives: list[str] = []
    terms: list[str] = []
    word_groups: list[list[str]] = []
    negative_words: list[str] = []
    pending_or = False
    pending_not = False
    short_prefixes: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group(3) is not None:
            raw = m.group(3)
            negated = False
            if raw == "OR":
                pending_or = bool(groups)
                continue
            if raw == "NOT":
                pending_not = True
                continue
            if raw == "AND":
                continue
            if raw.startswith("-") and len(raw) > 1:
                negated, raw = True, raw[1:]
            prefix = raw.endswith("*") and _has_word(raw)
            word = raw.rstrip("*")
            if not _has_word(word):
                pending_or = False
                continue
            if prefix and len(word) < MIN_PREFIX:
                prefix = False
                short_prefixes.append(raw)
            phrase = _quote(word) + ("*" if prefix else "")
        else:
            negated = m.group(1) == "-"
            word = m.group(2)
            if not _has_word(word):
                continue
            phrase = _quote(word)
        negated = negated or pending_not
        pending_not = False
        if negated:
            negatives.append(phrase)
            negative_words.append(word)
            pending_or = False
            continue
        terms.append(word)
        if pending_or and groups:
            groups[-1].append(phrase)
            word_groups[-1].append(word)
        else:
            groups.append([phrase])
            word_groups.append([word])
        pending_or = False

    if not groups:
        if negatives:
            return ParsedQuery(None, message="Add a word to search for; '-word' only excludes.")
        return ParsedQuery(None, message="The search has no words in it.")
    parts = list(
        dict.fromkeys(g[0] if len(g) == 1 else "(" + " OR ".join(dict.fromkeys(g)) + ")" for g in groups)
    )
    fts = " AND ".join(parts)
    negatives = list(dict.fromkeys(negatives))
    if negatives:
        fts = (
            f"({fts}) NOT ({' OR '.join(negatives)})" if len(negatives) > 1 else f"({fts}) NOT {negatives[0]}"
        )
    note = None
    if short_prefixes:
        shown = ", ".join(dict.fromkeys(short_prefixes))
        note = f"{shown}: a prefix needs at least {MIN_PREFIX} letters; searched as a word."
    return ParsedQuery(fts, list(dict.fromkeys(terms)), None, note, word_groups, negative_words)


def locate(text: str, terms: list[str]) -> tuple[int, int]:
    """Offsets of the first occurrence of any term in text (case-insensitive), else (-1, -1)."""
    best = (-1, -1)
    for term in terms:
        words = [w for w in re.split(r"\W+", term.lower()) if w]
        if not words:
            continue
        # Japanese has no word boundaries: 出資 is found inside 出資する
        pattern = ("" if has_cjk(words[0][:1]) else r"\b") + r"\W+".join(re.escape(w) for w in words)
        m = re.search(pattern, text, re.IGNORECASE)
        if m and (best[0] < 0 or m.start() < best[0]):
            best = (m.start(), m.end())
    return best
