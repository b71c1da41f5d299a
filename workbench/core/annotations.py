"""Claims as W3C Web Annotations (JSON-LD), so they round-trip with other annotation tools.

Each claim is an Annotation with motivation "assessing": the verdict is an assessing
body, the note a commenting body, each tag a tagging body; the target names the
article by the SHA-256 of its original file and selects the span with a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (code points).
Confidence and evidence travel in workbench-namespaced properties.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .anchoring import locate
from .store_claims import VERDICTS

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB = "https://workbench.invalid/ns#"


def _target(store, article_id: int, start: int, end: int, quote: str, prefix: str, suffix: str) -> dict:
    art = store.articles.get(article_id)
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
    for c in store.claims.matching():
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
        for e in store.claims.evidence(c.id):
            ev = {"stance": e.stance, "quote": e.quote}
            if e.note:
                ev["note"] = e.note
            if e.group_key:
                ev["group"] = e.group_key
            if e.article_id is not None:
                text = store.articles.text(e.article_id)
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
    unmatched: list[str] = field(default_factory=list)  # why each could not be placed or read
    updated: list[int] = field(default_factory=list)  # claims changed by a newer version of their annotation

    def summary(self) -> str:
        updated = f", {len(self.updated)} updated" if self.updated else ""
        return (
            f"{len(self.added)} claim(s) imported, {len(self.skipped)} already present{updated}, "
            f"{len(self.unmatched)} could not be placed"
        )


class _Malformed(ValueError):
    """One annotation that cannot be read; the message says which part and why."""


def _items(data) -> list:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ValueError("it holds neither an annotation, a list of them nor an AnnotationCollection")
    if data.get("type") == "Annotation" or "target" in data:
        return [data]
    items = data.get("items")
    if items is None and isinstance(data.get("first"), dict):
        items = data["first"].get("items")
    if items is None:
        return []
    if isinstance(items, dict):
        return [items]
    if not isinstance(items, list):
        raise ValueError(f"its 'items' is {_kind(items)}, not a list of annotations")
    return items


def _kind(value) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def _text(value, what: str, default: str = "") -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise _Malformed(f"{what} is {_kind(value)}, not text")
    return value


def _position(value, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Malformed(f"{what} is {_kind(value)}, not a whole number")
    return value


def _selectors(target) -> tuple[dict, dict]:
    sels = target.get("selector", []) if isinstance(target, dict) else []
    if isinstance(sels, dict):
        sels = [sels]
    if not isinstance(sels, list):
        raise _Malformed(f"the target's selector is {_kind(sels)}, not an object or a list")
    quote = next((s for s in sels if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    pos = next((s for s in sels if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    return quote, pos


class _Placer:
    """Finds where a quote lies, reading only: by the article's SHA-256, else its file name, else any article
    that holds the quote (found by SQLite, not by reading every article into Python)."""

    def __init__(self, store):
        self.store = store
        self.by_sha = store.articles.ids_by_sha()

    def place(self, target) -> tuple[int, int, int, str] | str:
        """(article_id, start, end, method) for a target, or the reason it cannot be placed."""
        if isinstance(target, list):
            target = target[0] if target else {}
        if not isinstance(target, dict):
            return "the target has no selector"
        quote, pos = _selectors(target)
        exact = _text(quote.get("exact"), "the quote ('exact')")
        if not exact:
            return "the target has no TextQuoteSelector"
        prefix = _text(quote.get("prefix"), "the quote's prefix")
        suffix = _text(quote.get("suffix"), "the quote's suffix")
        start = _position(pos.get("start"), "the position's start")
        end = _position(pos.get("end"), "the position's end")
        source = target.get("source", "")
        source = source if isinstance(source, str) else ""
        name = target.get("workbench:file")
        known = []
        if source.startswith("urn:sha256:") and source[11:] in self.by_sha:
            known = [self.by_sha[source[11:]]]
        elif isinstance(name, str) and name:
            known = self.store.articles.ids_for_file(name)
        # the article the annotation names: by position, quote and context, or fuzzily
        for aid in known:
            anchor = locate(self.store.articles.text(aid), exact, prefix, suffix, start, end)
            if anchor:
                return aid, anchor.start, anchor.end, anchor.method
        # any other article that holds the quote exactly (or with its white space changed); no fuzzy search
        # through the whole project: a quote that matches nothing is answered at once
        for aid in self.store.articles.containing(_longest_word(exact)):
            if aid in known:
                continue
            anchor = locate(
                self.store.articles.text(aid), exact, prefix, suffix, start, end, fuzzy_threshold=2.0
            )
            if anchor:
                return aid, anchor.start, anchor.end, anchor.method
        return f"quote not found in any article: “{exact[:60]}”"


def _longest_word(text: str) -> str:
    return max(text.split(), key=len, default=text)


_OUR_ID = re.compile(r"urn:workbench:claim:(\d{1,18})")


@dataclass
class _Parsed:
    label: str
    key: str | None  # the annotation's own id
    article_id: int
    start: int
    end: int
    method: str
    verdict: str
    note: str
    tags: list[str]
    confidence: float | None
    author: str
    created: str | None
    evidence: list[tuple]  # (stance, placement or None, quote, group, note)


def _parse(item, n: int, placer: _Placer, author: str) -> _Parsed | str:
    """Read one annotation (no writes). Returns it, or the reason it cannot be imported."""
    if not isinstance(item, dict):
        return f"annotation {n}: not an annotation object"
    raw_id = item.get("id")
    key = raw_id if isinstance(raw_id, str) and raw_id.strip() else None
    label = key or f"annotation {n}"
    try:
        placed = placer.place(item.get("target", {}))
        if isinstance(placed, str):
            return f"{label}: {placed}"
        aid, start, end, method = placed
        bodies = item.get("body", [])
        if isinstance(bodies, (dict, str)):
            bodies = [bodies]
        if not isinstance(bodies, list):
            raise _Malformed(f"its body is {_kind(bodies)}")
        verdict, note, tags = "unverified", [], []
        for b in bodies:
            if isinstance(b, str):
                note.append(b)
                continue
            if not isinstance(b, dict):
                continue
            purpose = b.get("purpose")
            value = b.get("value", "")
            value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if purpose == "assessing" and value.lower() in VERDICTS:
                verdict = value.lower()
            elif purpose == "tagging":
                tags.append(value)
            elif value:
                note.append(value if purpose != "assessing" else f"assessment: {value}")
        conf = item.get("workbench:confidence")
        confidence = (
            float(conf)
            if isinstance(conf, (int, float)) and not isinstance(conf, bool) and 0 <= conf <= 1
            else None
        )
        creator = item.get("creator")
        if isinstance(creator, dict):
            creator = creator.get("name")
        if isinstance(creator, list):
            creator = next((c for c in creator if isinstance(c, str)), None)
        who = creator if isinstance(creator, str) else ""
        created = item.get("created") if isinstance(item.get("created"), str) else None
        evidence = []
        items = item.get("workbench:evidence") or []
        for ev in items if isinstance(items, list) else []:
            if not isinstance(ev, dict) or ev.get("stance") not in ("supporting", "contradicting"):
                continue
            where = placer.place(ev["target"]) if "target" in ev else None
            group = ev.get("group") if isinstance(ev.get("group"), str) else None
            quote = _text(ev.get("quote"), "an evidence quote")
            if isinstance(where, tuple) or quote or group:
                evidence.append(
                    (
                        ev["stance"],
                        where if isinstance(where, tuple) else None,
                        quote,
                        group,
                        _text(ev.get("note"), "an evidence note"),
                    )
                )
    except _Malformed as exc:
        return f"{label}: {exc}"
    return _Parsed(
        label,
        key,
        aid,
        start,
        end,
        method,
        verdict,
        "\n".join(note),
        tags,
        confidence,
        who.strip() or author,
        created,
        evidence,
    )


def import_annotations(store, path, author: str = "") -> ImportReport:
    """Import claims from a JSON-LD file; every annotation is added, updated, skipped as present, or reported.

    An annotation already imported (the same ``id``: a workbench claim's own id, or the id an earlier
    annotation of the same file carried) updates that claim instead of adding a second one. Everything is
    read and placed first; the write transaction holds only the writes.
    """
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{path} is not a readable JSON-LD file ({exc})") from None
    try:
        items = _items(data)
    except ValueError as exc:
        raise ValueError(f"{path} is not a W3C annotation file: {exc}.") from None
    report = ImportReport()
    placer = _Placer(store)
    parsed: list[_Parsed] = []
    for n, item in enumerate(items, 1):
        p = _parse(item, n, placer, author)
        if isinstance(p, str):
            report.unmatched.append(p)
        else:
            parsed.append(p)
    with store.transaction():
        by_key: dict[str, int] = {}
        for p in parsed:
            cid = _same_claim(store, p, by_key)
            if cid is None:
                cid = _add(store, p)
                report.added.append(cid)
            elif _update(store, cid, p):
                if cid not in report.added and cid not in report.updated:
                    report.updated.append(cid)
            else:
                report.skipped.append(p.label)
            if p.key:
                by_key[p.key] = cid
    return report


def _same_claim(store, p: _Parsed, by_key: dict[str, int]) -> int | None:
    """The claim this annotation is a version of, if it is already in the project."""
    if p.key in by_key:
        return by_key[p.key]
    m = _OUR_ID.fullmatch(p.key or "")
    if m:
        c = store.claims.get(int(m.group(1)))
        if c is not None and c.article_id == p.article_id and c.start < p.end and p.start < c.end:
            return c.id
    for c in store.claims.matching(p.article_id):
        if (c.start, c.end) == (p.start, p.end) and (
            (p.created and c.created_at == p.created) or (c.verdict, c.note) == (p.verdict, p.note)
        ):
            return c.id
    return None


def _add(store, p: _Parsed) -> int:
    m = _OUR_ID.fullmatch(p.key or "")
    wanted = int(m.group(1)) if m and store.claims.get(int(m.group(1))) is None else None
    cid = store.claims.add(
        p.article_id,
        p.start,
        p.end,
        author=p.author,
        verdict=p.verdict,
        created_at=p.created,
        confidence=p.confidence,
        note=p.note,
        tags=p.tags,
        anchor=p.method,
        claim_id=wanted,
    )
    _add_evidence(store, cid, p.evidence)
    return cid


def _update(store, cid: int, p: _Parsed) -> bool:
    """Bring the claim to the annotation's verdict, note, tags, confidence and evidence; True if changed."""
    from .store_claims import normalise_tags

    c = store.claims.get(cid)
    changes: dict[str, object] = {}
    if c.verdict != p.verdict:
        changes["verdict"] = p.verdict
    if c.note != p.note:
        changes["note"] = p.note
    if c.tags != normalise_tags(p.tags):
        changes["tags"] = p.tags
    if p.confidence is not None and c.confidence != p.confidence:
        changes["confidence"] = p.confidence
    if changes:
        store.claims.update(cid, **changes)
    have = {
        (e.stance, e.article_id, e.start, e.end, e.quote, e.group_key) for e in store.claims.evidence(cid)
    }
    new = []
    for stance, where, quote, group, note in p.evidence:
        if where:
            text = store.articles.text(where[0])
            key = (stance, where[0], where[1], where[2], text[where[1] : where[2]], group)
        else:
            key = (stance, None, None, None, quote, group)
        if key not in have:
            new.append((stance, where, quote, group, note))
    _add_evidence(store, cid, new)
    return bool(changes or new)


def _add_evidence(store, cid: int, evidence: list[tuple]) -> None:
    for stance, where, quote, group, note in evidence:
        if where:
            store.claims.add_evidence(cid, stance, where[0], where[1], where[2], note=note, group_key=group)
        else:
            store.claims.add_evidence(cid, stance, quote=quote, group_key=group, note=note)
