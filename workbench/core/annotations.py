"""Claims as W3C Web Annotations (JSON-LD), so they round-trip with other annotation tools.

Each claim is an Annotation with motivation "assessing": the verdict is an assessing
body, the note a commenting body, each tag a tagging body; the target names the
article by the SHA-256 of its original file and selects the span with a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (code points).
Confidence and evidence travel in workbench-namespaced properties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .anchoring import locate
from .store_claims import VERDICTS

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB = "https://workbench.invalid/ns#"


def _target(store, article_id: int, start: int, end: int, quote: str, prefix: str, suffix: str) -> dict:
    art = store.article(article_id)
    return {
        "source": f"urn:sha256:{art.sha256}",
        "workbench:file": art.file,
        "workbench:title": art.title,
        "selector": [
            {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def export_annotations(store) -> dict:
    from .anchoring import context

    items = []
    for c in store.claims():
        bodies = [{"type": "TextualBody", "purpose": "assessing", "value": c.verdict}]
        if c.note:
            bodies.append(
                {"type": "TextualBody", "purpose": "commenting", "value": c.note, "format": "text/plain"}
            )
        bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in c.tag_list]
        item = {
            "@context": [CONTEXT, {"workbench": WB}],
            "id": f"urn:workbench:claim:{c.id}",
            "type": "Annotation",
            "motivation": "assessing",
            "created": c.created_at,
            "modified": c.changed_at,
            "body": bodies,
            "target": _target(store, c.article_id, c.start, c.end, c.quote, c.prefix, c.suffix),
        }
        if c.author:
            item["creator"] = {"type": "Person", "name": c.author}
        if c.confidence is not None:
            item["workbench:confidence"] = c.confidence
        evidence = []
        for e in store.evidence(c.id):
            ev = {"stance": e.stance, "quote": e.quote}
            if e.note:
                ev["note"] = e.note
            if e.group_key:
                ev["group"] = e.group_key
            if e.article_id is not None:
                text = store.article_text(e.article_id)
                q, p, s = context(text, e.start, e.end)
                ev["target"] = _target(store, e.article_id, e.start, e.end, q, p, s)
            evidence.append(ev)
        if evidence:
            item["workbench:evidence"] = evidence
        items.append(item)
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def write_annotations(store, path) -> int:
    data = export_annotations(store)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return data["total"]


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already present
    unmatched: list[str] = field(default_factory=list)  # why each could not be placed

    def summary(self) -> str:
        return (
            f"{len(self.added)} claim(s) imported, {len(self.skipped)} already present, "
            f"{len(self.unmatched)} could not be placed"
        )


def _items(data) -> list:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    if data.get("type") == "Annotation" or "target" in data:
        return [data]
    if "items" in data:
        return data["items"]
    first = data.get("first")
    if isinstance(first, dict):
        return first.get("items", [])
    return []


def _selectors(target) -> tuple[dict, dict]:
    sels = target.get("selector", []) if isinstance(target, dict) else []
    if isinstance(sels, dict):
        sels = [sels]
    quote = next((s for s in sels if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    pos = next((s for s in sels if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    return quote, pos


def _place(store, target, by_sha: dict) -> tuple[int, int, int, str] | str:
    """(article_id, start, end, method) for a target, or the reason it cannot be placed."""
    if isinstance(target, list):
        target = target[0] if target else {}
    if isinstance(target, str):
        return "the target has no selector"
    quote, pos = _selectors(target)
    exact = quote.get("exact", "")
    if not exact:
        return "the target has no TextQuoteSelector"
    source = str(target.get("source", ""))
    candidates = []
    if source.startswith("urn:sha256:") and source[11:] in by_sha:
        candidates = [by_sha[source[11:]]]
    if not candidates:
        name = target.get("workbench:file")
        candidates = [
            a for a in store.article_ids() if name and store.article(a).file == name
        ] or store.article_ids()
    for aid in candidates:
        anchor = locate(
            store.article_text(aid),
            exact,
            quote.get("prefix", ""),
            quote.get("suffix", ""),
            pos.get("start"),
            pos.get("end"),
        )
        if anchor:
            return aid, anchor.start, anchor.end, anchor.method
    return f"quote not found in any article: “{exact[:60]}”"


def import_annotations(store, path, author: str = "") -> ImportReport:
    """Import claims from a JSON-LD file; every annotation is either added, skipped as present, or reported."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path} is not a readable JSON-LD file ({exc})") from None
    report = ImportReport()
    by_sha = {store.article(a).sha256: a for a in store.article_ids()}
    existing = {(c.article_id, c.start, c.end, c.verdict, c.note) for c in store.claims()}
    with store.transaction():
        for n, item in enumerate(_items(data), 1):
            label = str(item.get("id", f"annotation {n}")) if isinstance(item, dict) else f"annotation {n}"
            if not isinstance(item, dict):
                report.unmatched.append(f"{label}: not an annotation object")
                continue
            placed = _place(store, item.get("target", {}), by_sha)
            if isinstance(placed, str):
                report.unmatched.append(f"{label}: {placed}")
                continue
            aid, start, end, method = placed
            bodies = item.get("body", [])
            if isinstance(bodies, dict):
                bodies = [bodies]
            verdict, note, tags = "unverified", [], []
            for b in bodies if isinstance(bodies, list) else []:
                if not isinstance(b, dict):
                    continue
                purpose, value = b.get("purpose"), str(b.get("value", ""))
                if purpose == "assessing" and value.lower() in VERDICTS:
                    verdict = value.lower()
                elif purpose == "tagging":
                    tags.append(value)
                elif value:
                    note.append(value if purpose != "assessing" else f"assessment: {value}")
            note_text = "\n".join(note)
            if (aid, start, end, verdict, note_text) in existing:
                report.skipped.append(label)
                continue
            conf = item.get("workbench:confidence")
            creator = item.get("creator")
            who = creator.get("name", "") if isinstance(creator, dict) else str(creator or author)
            created = item.get("created") if isinstance(item.get("created"), str) else None
            cid = store.add_claim(
                aid,
                start,
                end,
                author=who or author,
                verdict=verdict,
                created_at=created,
                confidence=float(conf) if isinstance(conf, (int, float)) and 0 <= conf <= 1 else None,
                note=note_text,
                tags=tags,
                anchor="ok" if method == "ok" else method,
            )
            for ev in item.get("workbench:evidence", []) or []:
                if not isinstance(ev, dict) or ev.get("stance") not in ("supporting", "contradicting"):
                    continue
                where = _place(store, ev["target"], by_sha) if "target" in ev else None
                if isinstance(where, tuple):
                    store.add_evidence(
                        cid,
                        ev["stance"],
                        where[0],
                        where[1],
                        where[2],
                        note=ev.get("note", ""),
                        group_key=ev.get("group"),
                    )
                elif ev.get("quote") or ev.get("group"):
                    store.add_evidence(
                        cid,
                        ev["stance"],
                        quote=ev.get("quote", ""),
                        group_key=ev.get("group"),
                        note=ev.get("note", ""),
                    )
            existing.add((aid, start, end, verdict, note_text))
            report.added.append(cid)
    return report
