"""Findings: the comparison read as plain lines, disagreements first, then facts resting on one origin.

"Purchase price: £1.2bn (#2 #5 #9, 2 origins) vs about £1.1bn (#4, one wire)". Each finding keeps its
statements (article, span, and the spans of the values that differ) so that a window can mark them and
open each in the reader, and the difference it reports (a typed record: what differs, its versions and who
states each); :func:`line` words it, for the window, the brief and the export alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .models import Difference

if TYPE_CHECKING:
    from .compare import Comparison

MAX_SINGLE = 40


class FindingKind(StrEnum):
    DISAGREEMENT = "disagreement"
    SOFT = "soft difference"  # rounded vs precise, another rate for one conversion
    SINGLE_ORIGIN = "single origin"


KINDS = tuple(FindingKind)


@dataclass(frozen=True)
class StatementRef:
    article_id: int
    start: int
    end: int
    text: str
    marks: tuple[tuple[int, int], ...] = ()  # spans (in the article) of the values that differ


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    topic: str
    group_id: int
    statements: list[StatementRef] = field(default_factory=list)
    difference: Difference | None = None  # what the sources differ on; None for a fact on one origin
    values: tuple[str, ...] = ()  # a fact on one origin: its values as stated
    sentence: str = ""  # a fact on one origin: the statement quoted


def _who(article_ids: Iterable[int], comparison: Comparison) -> str:
    """'#2 #5, 2 origins' or '#4, one wire'."""
    ids = sorted(article_ids)
    clusters = {comparison.cluster.get(a, a) for a in ids}
    refs = " ".join(f"#{a}" for a in ids)
    if len(clusters) > 1:
        return f"{refs}, {len(clusters)} origins"
    kinds = {comparison.origins[a].origin.kind for a in ids}
    kind = kinds.pop() if len(kinds) == 1 else "origin"
    word = {"own": "own report", "unnamed": "unnamed sources"}.get(kind, kind)
    return f"{refs}, one {word}" if kind not in ("own", "unnamed") else f"{refs}, {word}"


def _short_topic(topic: str) -> str:
    return " · ".join(topic.split(" · ")[:2])


def line(f: Finding, comparison: Comparison) -> str:
    """The finding as one plain line: each version of what differs with who states it, or a fact on one
    origin with its values and words."""
    d = f.difference
    if d is not None:
        head = d.title if d.kind.of_value else f"{_short_topic(f.topic)} — {d.title}"
        return f"{head}: " + " vs ".join(f"{v.text} ({_who(v.article_ids, comparison)})" for v in d.versions)
    words = " ".join(f.sentence.split())
    quote = words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + "…"
    who = _who((st.article_id for st in f.statements), comparison)
    return f"{'; '.join(f.values)[:80]} — “{quote}” ({who})"


def findings(comparison: Comparison) -> list[Finding]:
    """Disagreements (most origins first), soft differences, then facts resting on a single origin."""
    hard: list[tuple[tuple, Finding, tuple]] = []
    soft: list[tuple[tuple, Finding, tuple]] = []
    seen: dict[tuple, int] = {}
    for g in comparison.groups:
        for d in g.differences:
            # the same difference seen in an aligned group and across groups is one finding
            key = (d.label, frozenset(v.text for v in d.versions))
            ids = {a for v in d.versions for a in v.article_ids}
            if key in seen and len(ids) <= seen[key]:
                continue
            if key in seen:  # a fuller version of one already listed replaces it
                hard = [x for x in hard if x[2] != key]
                soft = [x for x in soft if x[2] != key]
            seen[key] = len(ids)
            refs = [
                StatementRef(a, st.start, st.end, st.text, tuple(d.spans.get(a, ())))
                for a, st in sorted(g.statements.items())
                if a in ids
            ]
            kind = FindingKind.DISAGREEMENT if d.hard else FindingKind.SOFT
            f = Finding(kind, g.topic, g.id, refs, difference=d)
            rank = (-len({comparison.cluster.get(a, a) for a in ids}), not d.kind.of_value)
            (hard if d.hard else soft).append((rank, f, key))
    # the most origins first; a differing value before a differing name or qualifier
    out = [x[1] for x in sorted(hard, key=lambda x: x[0])] + [x[1] for x in sorted(soft, key=lambda x: x[0])]
    single: list[tuple[int, int, Finding]] = []
    for g in comparison.groups:
        if g.status != "single-source" or not any(st.values for st in g.statements.values()):
            continue
        values = tuple(sorted({v for v in g.values_by_article.values() if v}))
        first = next(iter(g.statements.values()))
        refs = [
            StatementRef(a, st.start, st.end, st.text, tuple((x.start, x.end) for x in st.values.values()))
            for a, st in sorted(g.statements.items())
        ]
        f = Finding(FindingKind.SINGLE_ORIGIN, g.topic, g.id, refs, values=values, sentence=first.text)
        # several articles that rest on one origin first: they look corroborated and are not
        single.append((-len(g.statements), g.id, f))
    out += [f for *_, f in sorted(single, key=lambda x: x[:2])[:MAX_SINGLE]]
    return out


def export_rows(comparison: Comparison) -> Iterator[dict[str, Any]]:
    for rank, f in enumerate(comparison.findings, 1):
        words = line(f, comparison)
        for st in f.statements:
            yield {
                "rank": rank,
                "kind": f.kind.value,
                "finding": words,
                "article_id": st.article_id,
                "origin": comparison.origins[st.article_id].label,
                "copies": comparison.copy_line(st.article_id),
                "sentence": " ".join(st.text.split()),
                "start": st.start,
                "end": st.end,
            }


FIELDS = ["rank", "kind", "finding", "article_id", "origin", "copies", "sentence", "start", "end"]
