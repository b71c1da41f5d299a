"""Findings: the comparison read as plain lines, disagreements first, then facts resting on one origin.

"Purchase price: £1.2bn (#2 #5 #9, 2 origins) vs about £1.1bn (#4, one wire)". Each finding keeps its
statements (article, span, and the spans of the values that differ) so that a window can mark them and
open each in the reader; the brief and the export print the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("disagreement", "soft difference", "single origin")
MAX_SINGLE = 40
_GENERIC = ("organisation named", "modality", "status", "timing", "tenure")


@dataclass(frozen=True)
class StatementRef:
    article_id: int
    start: int
    end: int
    text: str
    marks: tuple[tuple[int, int], ...] = ()  # spans (in the article) of the values that differ


@dataclass
class Finding:
    kind: str  # disagreement | soft difference | single origin
    line: str
    topic: str
    group_id: int
    statements: list[StatementRef] = field(default_factory=list)


def _who(article_ids, comparison) -> str:
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


def _difference_line(d, topic: str, comparison) -> str:
    head = f"{_short_topic(topic)} — {d.label}" if d.label in _GENERIC else d.label
    return f"{head}: " + " vs ".join(f"{v.text} ({_who(v.article_ids, comparison)})" for v in d.versions)


def findings(comparison) -> list[Finding]:
    """Disagreements (most origins first), soft differences, then facts resting on a single origin."""
    hard, soft, seen = [], [], {}
    for g in comparison.groups:
        for d in getattr(g, "diffs", []):
            # the same difference seen in an aligned group and across groups is one finding
            key = (d.label.split(" (")[0], frozenset(v.text for v in d.versions))
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
            f = Finding(
                "disagreement" if d.hard else "soft difference",
                _difference_line(d, g.topic, comparison),
                g.topic,
                g.id,
                refs,
            )
            rank = (-len({comparison.cluster.get(a, a) for a in ids}), d.label in _GENERIC)
            (hard if d.hard else soft).append((rank, f, key))
    # the most origins first; a differing value before a differing name or qualifier
    out = [x[1] for x in sorted(hard, key=lambda x: x[0])] + [x[1] for x in sorted(soft, key=lambda x: x[0])]
    single = []
    for g in comparison.groups:
        if g.status != "single-source" or not any(st.values for st in g.statements.values()):
            continue
        values = sorted({v for v in g.values_by_article.values() if v})
        first = next(iter(g.statements.values()))
        words = " ".join(first.text.split())
        quote = words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + "…"
        line = f"{'; '.join(values)[:80]} — “{quote}” ({_who(g.statements, comparison)})"
        refs = [
            StatementRef(a, st.start, st.end, st.text, tuple((x[3], x[4]) for x in st.values.values()))
            for a, st in sorted(g.statements.items())
        ]
        # several articles that rest on one origin first: they look corroborated and are not
        single.append((-len(g.statements), g.id, Finding("single origin", line, g.topic, g.id, refs)))
    out += [f for *_, f in sorted(single, key=lambda x: x[:2])[:MAX_SINGLE]]
    return out


def export_rows(comparison):
    for rank, f in enumerate(comparison.findings, 1):
        for st in f.statements:
            yield {
                "rank": rank,
                "kind": f.kind,
                "finding": f.line,
                "article_id": st.article_id,
                "origin": comparison.origins[st.article_id].label,
                "copies": comparison.copy_line(st.article_id),
                "sentence": " ".join(st.text.split()),
                "start": st.start,
                "end": st.end,
            }


FIELDS = ["rank", "kind", "finding", "article_id", "origin", "copies", "sentence", "start", "end"]
