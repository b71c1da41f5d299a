"""Placing a quoted span in a text: by position, by exact quote with its context, or fuzzily.

Used when claims move to a new version of an article and when W3C annotations are
imported. Offsets are Python string indices.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept with a quote


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    method: str  # ok | moved | fuzzy


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) for a span."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    score = 0
    if prefix and text[max(0, start - len(prefix)) : start].endswith(prefix[-12:]):
        score += 2
    if suffix and text[end : end + len(suffix)].startswith(suffix[:12]):
        score += 2
    return score


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    fuzzy_threshold: float = 0.8,
    fuzzy: bool = True,
) -> Anchor | None:
    """Find quote in text. Returns None when it cannot be placed with confidence.

    ``fuzzy=False`` tries only the exact quote and the quote with its white space changed (fast: for
    looking through articles that were not named).
    """
    if not quote:
        return None
    if start is not None and end is not None and 0 <= start < end <= len(text) and text[start:end] == quote:
        return Anchor(start, end, "ok")
    hits = [m.start() for m in re.finditer(re.escape(quote), text)]
    if hits:
        best = max(
            hits,
            key=lambda h: (_context_score(text, h, h + len(quote), prefix, suffix), -abs(h - (start or 0))),
        )
        return Anchor(best, best + len(quote), "moved")
    # whitespace may have changed: compare with runs of white space folded
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, text) if pattern else None
    if m:
        return Anchor(m.start(), m.end(), "fuzzy")
    return _fuzzy(text, quote, fuzzy_threshold) if fuzzy else None


def _fuzzy(text: str, quote: str, threshold: float) -> Anchor | None:
    """Best-matching window of about the quote's length, at sentence granularity first."""
    n = len(quote)
    if n < 12 or not text:
        return None
    best = (0.0, 0, 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    step = max(1, n // 4)
    for a in range(0, max(1, len(text) - n // 2), step):
        window = text[a : a + n + n // 4]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        r = matcher.ratio()
        if r > best[0]:
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            s = a + blocks[0].a
            e = a + blocks[-1].a + blocks[-1].size
            best = (r, s, e)
    if best[0] >= threshold:
        return Anchor(best[1], best[2], "fuzzy")
    return None
