"""SQL for claims and their evidence (part of the Store).

Each write is one transaction and returns what its undo needs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from .models import Claim, ClaimEvidence
from .repo import Repo, inserted_id

VERDICTS = ("unverified", "supported", "disputed", "false", "misleading")
STANCES = ("supporting", "contradicting")
EDITABLE = ("verdict", "confidence", "note", "tags")


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def normalise_tags(tags) -> str:
    """Tags as one '|'-separated string, trimmed, without duplicates, in the order given."""
    if isinstance(tags, str):
        tags = tags.replace("|", ",").split(",")
    out: list[str] = []
    for t in tags or []:
        t = " ".join(str(t).split())
        if t and t.lower() not in (x.lower() for x in out):
            out.append(t)
    return "|".join(out)


_CLAIM_COLS = ", ".join(f'"{f}"' if f == "end" else f for f in Claim._fields)
_EVIDENCE_COLS = ", ".join(f'"{f}"' if f == "end" else f for f in ClaimEvidence._fields)
# Statements built once from the record fields (constants, never user text).
_SELECT_CLAIM = f"SELECT {_CLAIM_COLS} FROM claims WHERE id = ?"
_SELECT_CLAIMS = f"SELECT {_CLAIM_COLS} FROM claims"
_INSERT_CLAIM = f"INSERT INTO claims ({_CLAIM_COLS}) VALUES ({','.join('?' * len(Claim._fields))})"
_SELECT_EVIDENCE_OF = f"SELECT {_EVIDENCE_COLS} FROM evidence WHERE claim_id = ? ORDER BY id"
_INSERT_EVIDENCE = (
    f"INSERT INTO evidence ({_EVIDENCE_COLS}) VALUES ({','.join('?' * len(ClaimEvidence._fields))})"
)


class Claims(Repo):
    def add(
        self,
        article_id: int,
        start: int,
        end: int,
        author: str = "",
        verdict: str = "unverified",
        confidence: float | None = None,
        note: str = "",
        tags="",
        claim_id: int | None = None,
        created_at: str | None = None,
        anchor: str = "ok",
    ) -> int:
        from .anchoring import context

        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{verdict}' (use one of {', '.join(VERDICTS)})")
        with self.transaction():
            row = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            if row is None:
                raise KeyError(f"no article {article_id}")
            text = row[0]
            if not (0 <= start < end <= len(text)) or not text[start:end].strip():
                raise ValueError("select the words of the claim in the article first")
            quote, prefix, suffix = context(text, start, end)
            now = _now()
            cur = self.conn.execute(
                'INSERT INTO claims (id, article_id, start, "end", quote, prefix, suffix, verdict, confidence, '
                "note, tags, author, anchor, created_at, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    claim_id,
                    article_id,
                    start,
                    end,
                    quote,
                    prefix,
                    suffix,
                    verdict,
                    confidence,
                    note,
                    normalise_tags(tags),
                    author,
                    anchor,
                    created_at or now,
                    now,
                ],
            )
        return inserted_id(cur)

    def get(self, claim_id: int) -> Claim | None:
        row = self.conn.execute(_SELECT_CLAIM, [claim_id]).fetchone()
        return Claim(*row) if row else None

    def matching(
        self,
        article_id: int | None = None,
        verdict: str | None = None,
        tag: str | None = None,
        text: str = "",
    ) -> list[Claim]:
        where: list[str] = []
        args: list[object] = []
        if article_id is not None:
            where.append("article_id = ?")
            args.append(article_id)
        if verdict:
            where.append("verdict = ?")
            args.append(verdict)
        if tag:
            where.append("('|' || lower(tags) || '|') LIKE ? ESCAPE '\\'")
            args.append("%|" + _like(tag.lower().strip()) + "|%")
        if text:
            where.append("(quote LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\')")
            args += ["%" + _like(text) + "%"] * 2
        sql = _SELECT_CLAIMS + (" WHERE " + " AND ".join(where) if where else "")
        sql += ' ORDER BY article_id, start, "end", id'
        return [Claim(*r) for r in self.conn.execute(sql, args)]

    def all_tags(self) -> list[str]:
        tags: set[str] = set()
        for (t,) in self.conn.execute("SELECT DISTINCT tags FROM claims WHERE tags != ''"):
            tags.update(x for x in t.split("|") if x)
        return sorted(tags, key=str.lower)

    def update(self, claim_id: int, **changes) -> dict:
        """Change verdict, confidence, note or tags. Returns the previous values."""
        bad = set(changes) - set(EDITABLE)
        if bad:
            raise ValueError(f"not editable: {', '.join(sorted(bad))}")
        if "verdict" in changes and changes["verdict"] not in VERDICTS:
            raise ValueError(f"unknown verdict '{changes['verdict']}'")
        if "tags" in changes:
            changes["tags"] = normalise_tags(changes["tags"])
        if "confidence" in changes and changes["confidence"] is not None:
            c = float(changes["confidence"])
            if not 0.0 <= c <= 1.0:
                raise ValueError("confidence is between 0 and 1")
            changes["confidence"] = c
        cols = list(changes)
        with self.transaction():
            # column names come from EDITABLE (checked above), values are parameters
            select = "SELECT " + ", ".join(cols) + " FROM claims WHERE id = ?"
            old = self.conn.execute(select, [claim_id]).fetchone()
            if old is None:
                raise KeyError(claim_id)
            update = (
                "UPDATE claims SET " + ", ".join(f"{c} = ?" for c in cols) + ", changed_at = ? WHERE id = ?"
            )
            self.conn.execute(update, [*changes.values(), _now(), claim_id])
        return dict(zip(cols, old, strict=False))

    def delete(self, claim_id: int) -> None:
        """Delete a claim with its evidence (the foreign key cascades)."""
        with self.transaction():
            if self.conn.execute("DELETE FROM claims WHERE id = ?", [claim_id]).rowcount == 0:
                raise KeyError(claim_id)

    def move(self, claim_id: int, article_id: int, start: int, end: int, anchor: str) -> None:
        from .anchoring import context

        with self.transaction():
            text = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            quote, prefix, suffix = context(text, start, end)
            self.conn.execute(
                'UPDATE claims SET article_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, '
                "anchor = ?, changed_at = ? WHERE id = ?",
                [article_id, start, end, quote, prefix, suffix, anchor, _now(), claim_id],
            )

    def mark_orphaned(self, claim_id: int) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE claims SET anchor = 'orphaned', changed_at = ? WHERE id = ?", [_now(), claim_id]
            )

    # ------------------------------------------------------------------ evidence
    def add_evidence(
        self,
        claim_id: int,
        stance: str,
        article_id: int | None = None,
        start: int | None = None,
        end: int | None = None,
        quote: str = "",
        group_key: str | None = None,
        note: str = "",
        evidence_id: int | None = None,
    ) -> int:
        if stance not in STANCES:
            raise ValueError(f"stance is one of {', '.join(STANCES)}")
        with self.transaction():
            if article_id is not None and start is not None and end is not None:
                text = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
                if text is None or not (0 <= start < end <= len(text[0])):
                    raise ValueError("the evidence span is not in that article")
                quote = quote or text[0][start:end]
            if not quote and group_key is None:
                raise ValueError("evidence needs a span of text or an aligned statement")
            cur = self.conn.execute(
                'INSERT INTO evidence (id, claim_id, article_id, start, "end", quote, group_key, stance, note, '
                "created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [evidence_id, claim_id, article_id, start, end, quote, group_key, stance, note, _now()],
            )
            self.conn.execute("UPDATE claims SET changed_at = ? WHERE id = ?", [_now(), claim_id])
        return inserted_id(cur)

    def evidence(self, claim_id: int) -> list[ClaimEvidence]:
        rows = self.conn.execute(_SELECT_EVIDENCE_OF, [claim_id])
        return [ClaimEvidence(*r) for r in rows]

    def delete_evidence(self, evidence_id: int) -> None:
        with self.transaction():
            if self.conn.execute("DELETE FROM evidence WHERE id = ?", [evidence_id]).rowcount == 0:
                raise KeyError(evidence_id)

    # ------------------------------------------------------------------ export
    def export(self) -> Iterator[dict]:
        for c in self.matching():
            ev = self.evidence(c.id)
            yield {
                "claim_id": c.id,
                "article_id": c.article_id,
                "start": c.start,
                "end": c.end,
                "quote": c.quote,
                "verdict": c.verdict,
                "confidence": "" if c.confidence is None else c.confidence,
                "note": c.note,
                "tags": c.tags,
                "author": c.author,
                "anchor": c.anchor,
                "created": c.created_at,
                "changed": c.changed_at,
                "evidence": " || ".join(
                    f"{e.stance}: "
                    + (f"#{e.article_id}@{e.start}-{e.end} " if e.article_id else "")
                    + (f"[{e.group_key}] " if e.group_key else "")
                    + f"“{e.quote}”"
                    for e in ev
                ),
            }

    def any(self) -> bool:
        return self.conn.execute("SELECT EXISTS (SELECT 1 FROM claims)").fetchone()[0] == 1


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
