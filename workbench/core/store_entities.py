"""SQL for entities, aliases, mentions and the analyst's entity fixes (part of the Store).

Analyst work is a layer on top of extraction: ``mention_fixes`` records rejected,
reassigned and added mentions by position, ``aliases`` records merges, and
``entities.edited`` keeps renames and type changes. ``replace_mentions`` re-applies
all of it whenever an article is extracted again.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator

from .models import EntityRow, MentionInfo, value_from_json
from .repo import Repo, inserted_id


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Entities(Repo):
    # ------------------------------------------------------------------ extraction bookkeeping
    def articles_needing_extraction(self, version: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN extraction x ON x.article_id = a.id "
            "WHERE x.article_id IS NULL OR x.version != ? OR x.sha256 != a.sha256 ORDER BY a.id",
            [version],
        )
        return [r[0] for r in rows]

    def extraction_pending_count(self, version: str) -> int:
        """How many articles lack a current extraction (article text never changes, so counting is enough)."""
        done = self.conn.execute("SELECT count(*) FROM extraction WHERE version = ?", [version]).fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0] - done

    def extraction_input(self, article_id: int) -> dict:
        row = self.conn.execute(
            "SELECT id, text, published, sha256, language, words FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return {
            "id": row[0],
            "text": row[1],
            "published": row[2],
            "sha256": row[3],
            "language": row[4],
            "words": row[5],
            "boilerplate": self.store.articles.boilerplate(article_id),
            "paragraphs": self.store.articles.paragraphs(article_id),
        }

    def alias_map(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT key, entity_id FROM aliases"))

    def create(self, name: str, type_: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO entities (name, type, created_at) VALUES (?, ?, ?)", [name, type_, _now()]
        )
        return inserted_id(cur)

    def add_alias(self, key: str, entity_id: int, source: str) -> None:
        self.conn.execute(
            "INSERT INTO aliases (key, entity_id, source) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET entity_id = excluded.entity_id, source = excluded.source "
            "WHERE aliases.source != 'analyst' OR excluded.source = 'analyst'",
            [key, entity_id, source],
        )

    def replace_mentions(self, article_id: int, rows: Iterable, sha256: str, version: str) -> None:
        """Swap the machine's mentions of an article for new ones; analyst fixes are re-applied."""
        # role facts point at mention spans: new mentions mean they are read again
        self.conn.execute("DELETE FROM member_fact_runs WHERE article_id = ?", [article_id])
        with self.transaction():
            self.conn.execute(
                "DELETE FROM mentions WHERE article_id = ? AND source != 'analyst'", [article_id]
            )
            fixes = {
                (s, e): (a, eid)
                for s, e, a, eid in self.conn.execute(
                    'SELECT start, "end", action, entity_id FROM mention_fixes WHERE article_id = ?',
                    [article_id],
                )
            }
            analyst = {
                (s, e)
                for s, e in self.conn.execute(
                    "SELECT start, \"end\" FROM mentions WHERE article_id = ? AND source = 'analyst'",
                    [article_id],
                )
            }
            batch = []
            for r in rows:
                fix = fixes.get((r.start, r.end))
                if (r.start, r.end) in analyst or (fix and fix[0] == "reject"):
                    continue
                entity_id = fix[1] if fix and fix[0] == "assign" and fix[1] else r.entity_id
                batch.append((article_id, r.start, r.end, r.text, entity_id, r.type, r.value, r.source))
            self.conn.executemany(
                'INSERT INTO mentions (article_id, start, "end", text, entity_id, type, value, source) '
                "VALUES (?,?,?,?,?,?,?,?)",
                batch,
            )
            self.conn.execute(
                "INSERT INTO extraction (article_id, sha256, version, done_at) VALUES (?,?,?,?) "
                "ON CONFLICT(article_id) DO UPDATE SET sha256 = excluded.sha256, version = excluded.version, "
                "done_at = excluded.done_at",
                [article_id, sha256, version, _now()],
            )

    def extracted_since(self, article_ids: list[int], version: str) -> set[int]:
        """Which of these articles already have a current extraction (written by another process)."""
        out: set[int] = set()
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))  # only '?'s
            out.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT x.article_id FROM extraction x JOIN articles a ON a.id = x.article_id "
                    "WHERE x.version = ? AND x.sha256 = a.sha256 AND x.article_id IN (" + marks + ")",
                    [version, *chunk],
                )
            )
        return out

    def extraction_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM extraction").fetchone()[0]

    # ------------------------------------------------------------------ reading
    # the counts are kept by triggers on mentions (migration 6): listing needs no count of the mentions
    _ENTITY_SQL = (
        "SELECT e.id, e.name, e.type, c.mentions, c.articles, e.edited "
        "FROM entity_counts c JOIN entities e ON e.id = c.entity_id "
    )

    def rows(
        self,
        types: Iterable[str] | None = None,
        text: str = "",
        article_id: int | None = None,
        limit: int | None = None,
    ) -> list[EntityRow]:
        """Entities with at least one mention, most mentioned first."""
        where = ["c.mentions > 0"]
        args: list[object] = []
        types = list(types or [])
        if types:
            where.append(f"e.type IN ({','.join('?' * len(types))})")
            args += types
        if text:
            where.append(
                "(e.name LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM mentions WHERE text LIKE ? ESCAPE '\\'))"
            )
            pat = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [pat, pat]
        if article_id is not None:
            where.append("e.id IN (SELECT entity_id FROM mentions WHERE article_id = ?)")
            args.append(article_id)
        sql = self._ENTITY_SQL + " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.mentions DESC, e.name COLLATE NOCASE"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [EntityRow(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in self.conn.execute(sql, args)]

    def get(self, entity_id: int) -> EntityRow | None:
        row = self.conn.execute(
            "SELECT e.id, e.name, e.type, coalesce(c.mentions, 0), coalesce(c.articles, 0), e.edited "
            "FROM entities e LEFT JOIN entity_counts c ON c.entity_id = e.id WHERE e.id = ?",
            [entity_id],
        ).fetchone()
        return EntityRow(row[0], row[1], row[2], row[3], row[4], bool(row[5])) if row else None

    def named(self, name: str) -> list[EntityRow]:
        """Entities with mentions whose name is name (case and spacing ignored), most mentioned first."""
        wanted = " ".join(name.split())
        rows = self.conn.execute(
            self._ENTITY_SQL + " WHERE c.mentions > 0 AND e.name = ? COLLATE NOCASE ORDER BY c.mentions DESC",
            [wanted],
        )
        return [EntityRow(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def _mention_sql(self, where: str) -> str:
        return (
            'SELECT m.id, m.article_id, m.start, m."end", m.text, m.entity_id, e.name, e.type, m.value, m.source '
            f"FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE {where}"
        )

    def article_mentions(self, article_id: int) -> list[MentionInfo]:
        rows = self.conn.execute(self._mention_sql("m.article_id = ?") + " ORDER BY m.start", [article_id])
        return [_mention_info(r) for r in rows]

    def mentions_of(self, entity_id: int) -> list[tuple[MentionInfo, str, str]]:
        """Every mention of an entity with its article title and sentence."""
        rows = self.conn.execute(
            'SELECT m.id, m.article_id, m.start, m."end", m.text, m.entity_id, e.name, e.type, m.value, m.source, '
            'a.title, substr(a.text, s.start + 1, s."end" - s.start) '
            "FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id "
            'LEFT JOIN sentences s ON s.article_id = m.article_id AND s.start <= m.start AND s."end" >= m."end" '
            "WHERE m.entity_id = ? ORDER BY m.article_id, m.start",
            [entity_id],
        )
        return [(_mention_info(r[:10]), r[10], r[11] or r[4]) for r in rows]

    def aliases_of(self, entity_id: int) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT text FROM mentions WHERE entity_id = ? ORDER BY text", [entity_id]
            )
        ]

    # ------------------------------------------------------------------ analyst fixes
    def rename(self, entity_id: int, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a name cannot be empty")
        with self.transaction():
            old = self.conn.execute("SELECT name FROM entities WHERE id = ?", [entity_id]).fetchone()[0]
            self.conn.execute("UPDATE entities SET name = ?, edited = 1 WHERE id = ?", [name, entity_id])
        return old

    def set_type(self, entity_id: int, type_: str) -> str:
        with self.transaction():
            old = self.conn.execute("SELECT type FROM entities WHERE id = ?", [entity_id]).fetchone()[0]
            self.conn.execute("UPDATE entities SET type = ?, edited = 1 WHERE id = ?", [type_, entity_id])
        return old

    def merge(self, keep_id: int, other_id: int) -> None:
        """Fold other into keep: its aliases, mentions and fixes follow."""
        if keep_id == other_id:
            raise ValueError("an entity cannot be merged with itself")
        with self.transaction():
            self.conn.execute(
                "UPDATE aliases SET entity_id = ?, source = 'analyst' WHERE entity_id = ?",
                [keep_id, other_id],
            )
            self.conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [keep_id, other_id])
            self.conn.execute(
                "UPDATE mention_fixes SET entity_id = ? WHERE entity_id = ?", [keep_id, other_id]
            )
            self.conn.execute("DELETE FROM entities WHERE id = ?", [other_id])

    def _set_fix(self, article_id: int, start: int, end: int, action: str, entity_id: int | None):
        self.conn.execute(
            'INSERT INTO mention_fixes (article_id, start, "end", action, entity_id, created_at) VALUES (?,?,?,?,?,?) '
            'ON CONFLICT(article_id, start, "end") DO UPDATE SET action = excluded.action, entity_id = excluded.entity_id',
            [article_id, start, end, action, entity_id, _now()],
        )

    def mention(self, mention_id: int) -> MentionInfo | None:
        row = self.conn.execute(self._mention_sql("m.id = ?"), [mention_id]).fetchone()
        return _mention_info(row) if row else None

    def reject_mention(self, mention_id: int) -> None:
        """Remove a wrong mention; it stays removed when extraction runs again."""
        with self.transaction():
            m = self.conn.execute(
                'SELECT article_id, start, "end", text, entity_id, type, value, source FROM mentions '
                "WHERE id = ?",
                [mention_id],
            ).fetchone()
            if m is None:
                raise KeyError(mention_id)
            if m[7] == "analyst":
                self.conn.execute(
                    'DELETE FROM mention_fixes WHERE article_id = ? AND start = ? AND "end" = ?',
                    [m[0], m[1], m[2]],
                )
            else:
                self._set_fix(m[0], m[1], m[2], "reject", None)
            self.conn.execute("DELETE FROM mentions WHERE id = ?", [mention_id])

    def split_mention(self, mention_id: int, name: str | None = None, into: int | None = None) -> int:
        """Give one mention an entity of its own, or move it into the existing entity into (kept when
        extraction runs again); returns the entity it now belongs to."""
        with self.transaction():
            m = self.mention(mention_id)
            if m is None:
                raise KeyError(mention_id)
            if into is not None and (into == m.entity_id or self.get(into) is None):
                raise ValueError("the mention cannot be moved there")
            if into is None:
                new_id = self.create(name or m.text, m.type)
                self.conn.execute("UPDATE entities SET edited = 1 WHERE id = ?", [new_id])
            else:
                new_id = into
            self.conn.execute("UPDATE mentions SET entity_id = ? WHERE id = ?", [new_id, mention_id])
            self._set_fix(m.article_id, m.start, m.end, "assign", new_id)
        return new_id

    def add_mention(
        self,
        article_id: int,
        start: int,
        end: int,
        entity_id: int | None = None,
        name: str | None = None,
        type_: str = "ORG",
    ) -> int:
        """The analyst marks a span as a mention of an entity (an existing one, or a new one by name)."""
        with self.transaction():
            text = self.conn.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?", [start + 1, end - start, article_id]
            ).fetchone()
            if text is None or not text[0].strip() or end <= start:
                raise ValueError("select some text in the article first")
            if entity_id is None:
                entity_id = self.create(" ".join((name or text[0]).split()), type_)
                self.conn.execute("UPDATE entities SET edited = 1 WHERE id = ?", [entity_id])
            etype = self.conn.execute("SELECT type FROM entities WHERE id = ?", [entity_id]).fetchone()[0]
            self.conn.execute(
                'DELETE FROM mentions WHERE article_id = ? AND start = ? AND "end" = ?',
                [article_id, start, end],
            )
            cur = self.conn.execute(
                'INSERT INTO mentions (article_id, start, "end", text, entity_id, type, value, source) '
                "VALUES (?,?,?,?,?,?,NULL,'analyst')",
                [article_id, start, end, text[0], entity_id, etype],
            )
            self._set_fix(article_id, start, end, "add", entity_id)
        return inserted_id(cur)

    def remove_added_mention(self, mention_id: int) -> None:
        with self.transaction():
            m = self.mention(mention_id)
            if m is None:
                return
            self.conn.execute("DELETE FROM mentions WHERE id = ?", [mention_id])
            self.conn.execute(
                'DELETE FROM mention_fixes WHERE article_id = ? AND start = ? AND "end" = ?',
                [m.article_id, m.start, m.end],
            )
            self.conn.execute(
                "DELETE FROM entities WHERE id = ? AND edited = 1 AND NOT EXISTS "
                "(SELECT 1 FROM mentions WHERE entity_id = ?)",
                [m.entity_id, m.entity_id],
            )

    # ------------------------------------------------------------------ export
    def export(self) -> Iterator[dict]:
        sql = (
            "SELECT e.id, e.name, e.type, count(m.id), count(DISTINCT m.article_id), "
            "(SELECT group_concat(t, '|') FROM (SELECT DISTINCT text AS t FROM mentions WHERE entity_id = e.id ORDER BY t)), "
            "e.edited FROM entities e JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY e.id"
        )
        for r in self.conn.execute(sql):
            yield {
                "id": r[0],
                "name": r[1],
                "type": r[2],
                "mentions": r[3],
                "articles": r[4],
                "aliases": r[5],
                "edited": r[6],
            }

    def export_mentions(self) -> Iterator[dict]:
        sql = (
            'SELECT m.article_id, m.start, m."end", m.text, m.entity_id, e.name, e.type, m.value, m.source, m.id '
            "FROM mentions m JOIN entities e ON e.id = m.entity_id ORDER BY m.article_id, m.start"
        )
        for r in self.conn.execute(sql):
            yield {
                "article_id": r[0],
                "start": r[1],
                "end": r[2],
                "text": r[3],
                "entity_id": r[4],
                "entity": r[5],
                "type": r[6],
                "value": r[7],
                "source": r[8],
                "mention_id": r[9],
            }


def _mention_info(row) -> MentionInfo:
    """A mention row with its value (stored as JSON) read once, here, into a typed value."""
    mention_id, article_id, start, end, text, entity_id, entity, type_, value, source = row
    return MentionInfo(
        mention_id, article_id, start, end, text, entity_id, entity, type_, value_from_json(value), source
    )
