"""REFI-QDA project export (``.qdpx``), the exchange format of NVivo, MAXQDA, ATLAS.ti and QualCoder.

A ``.qdpx`` is a ZIP holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0`` namespace,
REFI-QDA 1.5) and each source's plain text as ``sources/GUID.txt``:

- every article is a ``TextSource`` (its text exactly as stored, UTF-8);
- the code book holds the entity types (``Entities › ORG`` …), the claim verdicts
  (``Claim verdicts › disputed`` …) and the claim tags (``Claim tags › …``);
- every claim and every entity mention is a ``PlainTextSelection`` with ``startPosition`` and
  ``endPosition`` in characters of that text (Python string offsets: code points) and a
  ``Coding`` for each code it carries; a claim's note, confidence and author are its description.

GUIDs are derived from the article's SHA-256 and the item's id, so exporting twice gives the same
GUIDs and a QDA program can tell an update from a new item.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import uuid
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree as ET

from .store import Store
from .store_claims import VERDICTS

NS = "urn:QDA-XML:project:1.0"
_GUID_ROOT = uuid.UUID("6f1d5a52-8e0e-4f3c-9a57-2f6f1b0c7e19")  # this program's namespace for uuid5
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_VERDICT_COLORS = {
    "unverified": "#9E9E9E",
    "supported": "#2E7D32",
    "disputed": "#EF6C00",
    "false": "#C62828",
    "misleading": "#6A1B9A",
}


class QdpxSummary(NamedTuple):
    sources: int
    codes: int
    claim_selections: int
    mention_selections: int
    skipped_claims: int  # claims whose place in the text is lost (flagged in the Claims pane)


def _guid(*parts: object) -> str:
    return str(uuid.uuid5(_GUID_ROOT, "\x1f".join(map(str, parts))))


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot hold are dropped (attribute and element text)."""
    return _XML_BAD.sub("", text or "")


def _el(parent: ET.Element, tag: str, **attrs: object) -> ET.Element:
    return ET.SubElement(
        parent, f"{{{NS}}}{tag}", {k: _clean(str(v)) for k, v in attrs.items() if v is not None}
    )


def _iso(value: str | None) -> str:
    """An xsd:dateTime (UTC, seconds), from a stored ISO time or now."""
    try:
        moment = _dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        moment = None
    moment = moment or _dt.datetime.now(_dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(
    store: Store, project_name: str = "workbench", progress=None
) -> tuple[bytes, dict[str, str], QdpxSummary]:
    """The project.qde XML and the sources' texts (name in the zip -> text)."""
    now = _iso(None)
    root = ET.Element(
        f"{{{NS}}}Project", {"name": _clean(project_name), "origin": "workbench", "creationDateTime": now}
    )
    machine = _guid("user", "workbench")
    users = {"workbench": machine}
    claims = store.claims.matching()
    for c in claims:
        if c.author and c.author not in users:
            users[c.author] = _guid("user", c.author)
    root.set("creatingUserGUID", machine)
    users_el = _el(root, "Users")
    for name, guid in users.items():
        _el(users_el, "User", guid=guid, name=name)

    # the code book: entity types, verdicts, tags
    ids = store.articles.ids()
    mentions_by_article = {aid: store.entities.article_mentions(aid) for aid in ids}
    types = sorted({m.type for ms in mentions_by_article.values() for m in ms})
    tags = sorted({t for c in claims for t in c.tag_list}, key=str.lower)
    codebook = _el(_el(root, "CodeBook"), "Codes")
    type_codes: dict[str, str] = {}
    verdict_codes: dict[str, str] = {}
    tag_codes: dict[str, str] = {}
    n_codes = 0
    for title, names, table, colors in (
        ("Entities", types, type_codes, {}),
        ("Claim verdicts", list(VERDICTS), verdict_codes, _VERDICT_COLORS),
        ("Claim tags", tags, tag_codes, {}),
    ):
        if not names:
            continue
        group = _el(codebook, "Code", guid=_guid("code", title), name=title, isCodable="false")
        n_codes += 1
        for name in names:
            table[name] = _guid("code", title, name)
            _el(group, "Code", guid=table[name], name=name, isCodable="true", color=colors.get(name))
            n_codes += 1

    sources_el = _el(root, "Sources")
    files: dict[str, str] = {}
    n_claims = n_mentions = skipped = 0
    claims_by_article: dict[int, list] = {}
    for c in claims:
        claims_by_article.setdefault(c.article_id, []).append(c)
    for i, aid in enumerate(ids):
        if progress:
            progress(i, len(ids), "articles")
        art = store.articles.get(aid)
        if art is None:
            continue
        guid = _guid("source", art.sha256)
        files[f"sources/{guid}.txt"] = art.text
        src = _el(
            sources_el,
            "TextSource",
            guid=guid,
            name=art.title,
            plainTextPath=f"internal://{guid}.txt",
            creatingUser=machine,
            creationDateTime=_iso(art.ingested_at),
        )
        about = [b for b in (art.outlet, art.author, art.published, art.url, art.shown_name) if b]
        if about:
            _el(src, "Description").text = _clean(" · ".join(about))
        n = len(art.text)
        for c in claims_by_article.get(aid, []):
            if not (0 <= c.start < c.end <= n) or c.anchor == "orphaned":
                skipped += 1
                continue
            user = users.get(c.author, machine)
            when = _iso(c.changed_at or c.created_at)
            sel = _el(
                src,
                "PlainTextSelection",
                guid=_guid("claim", art.sha256, c.id),
                name=art.text[c.start : c.end][:200],
                startPosition=c.start,
                endPosition=c.end,
                creatingUser=user,
                creationDateTime=when,
            )
            bits = [f"claim: {c.verdict}"]
            if c.confidence is not None:
                bits.append(f"confidence {c.confidence:g}")
            if c.note:
                bits.append(c.note)
            _el(sel, "Description").text = _clean(" · ".join(bits))
            for code in [verdict_codes.get(c.verdict)] + [tag_codes[t] for t in c.tag_list]:
                if code:
                    coding = _el(
                        sel,
                        "Coding",
                        guid=_guid("coding", sel.get("guid"), code),
                        creatingUser=user,
                        creationDateTime=when,
                    )
                    _el(coding, "CodeRef", targetGUID=code)
            n_claims += 1
        for m in mentions_by_article[aid]:
            if not (0 <= m.start < m.end <= n):
                continue
            sel = _el(
                src,
                "PlainTextSelection",
                guid=_guid("mention", art.sha256, m.start, m.end, m.entity_id),
                name=m.entity,
                startPosition=m.start,
                endPosition=m.end,
                creatingUser=machine,
                creationDateTime=now,
            )
            coding = _el(
                sel,
                "Coding",
                guid=_guid("coding", sel.get("guid")),
                creatingUser=machine,
                creationDateTime=now,
            )
            _el(coding, "CodeRef", targetGUID=type_codes[m.type])
            n_mentions += 1
    ET.register_namespace("", NS)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml, files, QdpxSummary(len(files), n_codes, n_claims, n_mentions, skipped)


def write_qdpx(store: Store, path: str | Path, progress=None) -> QdpxSummary:
    """Write the project as a ``.qdpx`` file; written beside it as ``.part`` and renamed into place."""
    dest = Path(path)
    xml, files, summary = build(store, project_name=dest.stem or "workbench", progress=progress)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("project.qde", xml)
            for name, text in files.items():
                z.writestr(name, text.encode("utf-8"))
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return summary
