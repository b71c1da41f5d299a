"""The project store: the only module that speaks SQL.

A project is one SQLite file (WAL, synchronous=FULL, foreign keys on) that opens
as it is in ``sqlite3`` and Datasette.  Each public write method is one
transaction; callers group several with :meth:`Store.transaction`.
Every thread opens its own :class:`Store` on the same path.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import query as _query
from .errors import StoreError
from .models import (
    EDITABLE_META,
    Article,
    ArticleDraft,
    ArticleSummary,
    BoilerplateSpan,
    SearchHit,
    Segment,
)
from .schema import SCHEMA_VERSION
from .store_claims import ClaimQueries, MemberEditQueries
from .store_copies import CopyQueries
from .store_entities import EntityQueries

SORT_COLUMNS = {
    "id": "id",
    "title": "title COLLATE NOCASE",
    "outlet": "outlet COLLATE NOCASE",
    "published": "published",
    "words": "words",
}

_ARTICLE_COLS = (
    "id, title, title_derived, file, sha256, encoding, text, words, ingested_at, "
    "outlet, author, published, url"
)
_SUMMARY_COLS = "id, title, title_derived, outlet, published, words, file"
_SELECT_ARTICLE = "SELECT " + _ARTICLE_COLS + " FROM articles WHERE id = ?"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store(EntityQueries, ClaimQueries, MemberEditQueries, CopyQueries):
    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True):
        self.path = Path(path) if str(path) != ":memory:" else None
        self.readonly = readonly
        try:
            if self.path is None:
                conn = sqlite3.connect(":memory:")
            else:
                if not create and not self.path.exists():
                    raise StoreError(f"There is no project at {self.path}.")
                if self.path.exists() and self.path.is_dir():
                    raise StoreError(f"{self.path} is a folder, not a project file.")
                if not readonly:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                uri = self.path.resolve().as_uri() + ("?mode=ro" if readonly else "")
                conn = sqlite3.connect(uri, uri=True, timeout=10)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if self.path is not None and mode.lower() != "wal":
                    raise StoreError(f"Could not switch {self.path} to write-ahead logging ({mode}).")
            conn.execute("PRAGMA synchronous = FULL")
            self.conn = conn
            self._db = None
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path} was made by a newer workbench (schema {version}); update workbench to open it."
                )
            if version < SCHEMA_VERSION:
                if readonly:
                    raise StoreError(
                        "This project was made by an older workbench; open it once for writing to upgrade it."
                    )
                from .migrations import apply_all

                apply_all(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a workbench project or is damaged ({exc}).") from exc
        except OSError as exc:
            raise StoreError(f"Cannot open {path}: {exc.strerror or exc}.") from exc

    @property
    def db(self):
        """The sqlite-utils view of the connection (imported on first use: it is slow to import)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @classmethod
    def memory(cls) -> Store:
        return cls(":memory:")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all (nests as savepoints)."""
        with self.db.atomic():
            yield

    def pragma(self, name: str):
        # PRAGMA takes no parameters: only a plain identifier is accepted
        return self.conn.execute("PRAGMA " + name).fetchone()[0] if name.isidentifier() else None

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def backup_to(self, path: str | Path, progress=None) -> Path:
        """A consistent copy through SQLite's backup API (never a file copy), safe while others write.

        Written next to the destination and renamed into place, so a failed backup leaves no half file.
        """
        dest = Path(path)
        if self.path is not None and dest.resolve() == self.path.resolve():
            raise StoreError("Choose a different file for the copy than the project itself.")
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        target = sqlite3.connect(tmp)
        try:
            self.conn.backup(
                target,
                pages=256,
                progress=(lambda status, remaining, total: progress(total - remaining, total, ""))
                if progress
                else None,
            )
            target.execute("PRAGMA journal_mode = DELETE")
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if ok != "ok":
            tmp.unlink(missing_ok=True)
            raise StoreError(f"The copy failed its integrity check ({ok}); the project itself is unchanged.")
        tmp.replace(dest)
        return dest

    def applied_migrations(self) -> list[str]:
        from .migrations import migrations

        return [m.name for m in migrations.applied(self.db)]

    # ------------------------------------------------------------------ meta
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # ------------------------------------------------------------------ articles
    def article_id_for_sha(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def known_shas(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM articles")}

    def add_article(self, draft: ArticleDraft, warnings: Iterable[str] = ()) -> int:
        """Store one article with its segments; returns its id."""
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO articles (title, title_derived, file, sha256, encoding, text, words, "
                "ingested_at, outlet, author, published, url) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    draft.title,
                    int(draft.title_derived),
                    draft.file,
                    draft.sha256,
                    draft.encoding,
                    draft.text,
                    draft.words,
                    _now(),
                    draft.outlet,
                    draft.author,
                    draft.published,
                    draft.url,
                ],
            )
            aid = cur.lastrowid
            self.conn.executemany(
                'INSERT INTO paragraphs (article_id, idx, start, "end", kind) VALUES (?,?,?,?,?)',
                [(aid, i, p.start, p.end, p.kind) for i, p in enumerate(draft.paragraphs)],
            )
            bp_paras = {(b.start, b.end) for b in draft.boilerplate}
            para_is_bp = [(p.start, p.end) in bp_paras for p in draft.paragraphs]
            self.conn.executemany(
                'INSERT INTO sentences (article_id, idx, paragraph, start, "end", boilerplate) '
                "VALUES (?,?,?,?,?,?)",
                [
                    (aid, i, s.paragraph, s.start, s.end, int(para_is_bp[s.paragraph]))
                    for i, s in enumerate(draft.sentences)
                ],
            )
            self.conn.executemany(
                'INSERT INTO boilerplate (article_id, start, "end", reason) VALUES (?,?,?,?)',
                [(aid, b.start, b.end, b.reason) for b in draft.boilerplate],
            )
            self.conn.executemany(
                "INSERT INTO ingest_warnings (article_id, message) VALUES (?, ?)",
                [(aid, w) for w in warnings],
            )
        return aid

    def delete_articles(self, ids: Iterable[int]) -> int:
        ids = list(ids)
        with self.transaction():
            self.conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    def article(self, article_id: int) -> Article | None:
        row = self.conn.execute(_SELECT_ARTICLE, [article_id]).fetchone()
        if row is None:
            return None
        r = list(row)
        r[2] = bool(r[2])
        return Article(*r)

    def article_text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else ""

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self, sort: str = "id", descending: bool = False, filter_text: str = "") -> list[int]:
        """Ids in display order; filter_text matches title, outlet, author or file name."""
        order = SORT_COLUMNS.get(sort, "id")
        direction = "DESC" if descending else "ASC"
        sql = "SELECT id FROM articles"
        args: list = []
        filter_text = (filter_text or "").replace("\x00", "").strip()
        if filter_text:
            pattern = f"%{_like_escape(filter_text)}%"
            sql += (
                " WHERE title LIKE ? ESCAPE '\\' OR outlet LIKE ? ESCAPE '\\' "
                "OR author LIKE ? ESCAPE '\\' OR file LIKE ? ESCAPE '\\'"
            )
            args = [pattern] * 4
        # NULLs last whichever way we sort, then id for a stable order
        sql += f" ORDER BY ({order.split()[0]} IS NULL), {order} {direction}, id {direction}"
        return [r[0] for r in self.conn.execute(sql, args)]

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]:
        out: dict[int, ArticleSummary] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            sql = "SELECT " + _SUMMARY_COLS + " FROM articles WHERE id IN (" + marks + ")"  # marks: only '?'s
            for row in self.conn.execute(sql, chunk):
                r = list(row)
                r[2] = bool(r[2])
                out[r[0]] = ArticleSummary(*r)
        return out

    def update_article_meta(self, article_id: int, **fields) -> dict:
        """Edit title, outlet, author, published or url. Returns the previous values."""
        bad = set(fields) - set(EDITABLE_META)
        if bad:
            raise ValueError(f"not editable: {', '.join(sorted(bad))}")
        if not fields:
            return {}
        cols = list(fields)
        with self.transaction():
            old_row = self.conn.execute(
                f"SELECT {', '.join(cols)} FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if old_row is None:
                raise KeyError(article_id)
            sets = ", ".join(f"{c} = ?" for c in cols)
            values = [(v.strip() or None) if isinstance(v, str) else v for v in fields.values()]
            if "title" in fields:
                if not values[cols.index("title")]:
                    raise ValueError("a title cannot be empty")
                sets += ", title_derived = 0"
            # column names come from EDITABLE_META (checked above), values are parameters
            self.conn.execute("UPDATE articles SET " + sets + " WHERE id = ?", [*values, article_id])
        return dict(zip(cols, old_row, strict=False))

    def older_versions_with_claims(self, article_id: int) -> list[int]:
        """Earlier articles from the same file name or URL that carry claims: the versions this one replaces."""
        rows = self.conn.execute(
            "SELECT o.id FROM articles n JOIN articles o ON o.id < n.id "
            "AND (o.file = n.file OR (o.url IS NOT NULL AND o.url = n.url)) "
            "WHERE n.id = ? AND EXISTS (SELECT 1 FROM claims c WHERE c.article_id = o.id) ORDER BY o.id",
            [article_id],
        )
        return [r[0] for r in rows]

    def has_claims(self) -> bool:
        return self.conn.execute("SELECT EXISTS (SELECT 1 FROM claims)").fetchone()[0] == 1

    def restore_article_meta(self, article_id: int, values: dict, title_derived: bool) -> None:
        """Undo update_article_meta: put back the previous values and whether the title was derived."""
        with self.transaction():
            if values:
                self.update_article_meta(
                    article_id,
                    **{k: v or "" for k, v in values.items() if k != "title"},
                    **({"title": values["title"]} if values.get("title") else {}),
                )
            self.conn.execute(
                "UPDATE articles SET title_derived = ? WHERE id = ?", [int(title_derived), article_id]
            )

    def export_articles(self) -> Iterator[dict]:
        sql = (
            "SELECT id, title, title_derived, file, sha256, encoding, words, outlet, author, "
            "published, url, ingested_at FROM articles ORDER BY id"
        )
        cur = self.conn.execute(sql)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=False))

    # ------------------------------------------------------------------ segments
    def sentences(self, article_id: int) -> list[Segment]:
        rows = self.conn.execute(
            'SELECT id, article_id, start, "end", paragraph, boilerplate FROM sentences '
            "WHERE article_id = ? ORDER BY start",
            [article_id],
        )
        return [Segment(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def paragraphs(self, article_id: int) -> list[tuple[int, int, str]]:
        rows = self.conn.execute(
            'SELECT start, "end", kind FROM paragraphs WHERE article_id = ? ORDER BY idx', [article_id]
        )
        return [tuple(r) for r in rows]

    def boilerplate(self, article_id: int) -> list[BoilerplateSpan]:
        rows = self.conn.execute(
            'SELECT article_id, start, "end", reason FROM boilerplate WHERE article_id = ? ORDER BY start',
            [article_id],
        )
        return [BoilerplateSpan(*r) for r in rows]

    def warnings(self, article_id: int) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT message FROM ingest_warnings WHERE article_id = ? ORDER BY id", [article_id]
            )
        ]

    # ------------------------------------------------------------------ search
    #: the snippet of a hit: the body column with the matched words marked and ~14 tokens around them
    _SNIPPET = "snippet(articles_fts, 1, '«', '»', '…', 14)"

    def search(
        self, user_text: str, limit: int = 100, snippets: int = 25
    ) -> tuple[list[SearchHit], str | None]:
        """Ranked full-text hits for anything a user types; never raises on the query text.

        Returns (hits, message); message explains an empty answer to a query that has nothing
        searchable in it. Only the first ``snippets`` hits get their snippet (``None`` for the
        others: :meth:`snippets` makes them when they come into view); ranking is the fast part,
        a snippet per hit is the slow part.
        """
        parsed = _query.parse(user_text)
        if parsed.fts is None:
            return [], parsed.message
        message = None
        rank = (
            "SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS r FROM articles_fts "
            "WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY r LIMIT ?"
        )
        try:
            # ranking costs time per match: when more than RANK_WINDOW articles match, the newest
            # RANK_WINDOW of them are ranked (FTS5 walks its index newest first to find where they start)
            floor = self.conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                [parsed.fts, self.RANK_WINDOW],
            ).fetchone()
            if floor is not None:
                n = self.conn.execute(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [parsed.fts]
                ).fetchone()[0]
                message = (
                    f"{n:,} articles match; the newest {self.RANK_WINDOW:,} are ranked "
                    "(add a word to narrow the search)."
                )
            ranked = self.conn.execute(
                rank, [parsed.fts, floor[0] + 1 if floor else 0, int(limit)]
            ).fetchall()
        except sqlite3.OperationalError as exc:  # should not happen: parse() quotes every term
            return [], f"The search could not be run ({exc})."
        titles = {aid: summary.title for aid, summary in self.summaries([aid for aid, _ in ranked]).items()}
        texts = self._snippets(parsed.fts, [aid for aid, _ in ranked[: max(0, snippets)]])
        hits = [SearchHit(aid, titles.get(aid, ""), texts.get(aid), -1, -1, rank) for aid, rank in ranked]
        return hits, message or (None if hits else "No article matches.")

    def snippets(self, user_text: str, article_ids: list[int]) -> dict[int, str]:
        """Snippets of these hits of the search (for the hits that came back without one)."""
        parsed = _query.parse(user_text)
        return self._snippets(parsed.fts, article_ids) if parsed.fts else {}

    def _snippets(self, fts: str, article_ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for chunk_start in range(0, len(article_ids), 500):
            chunk = article_ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT rowid, " + self._SNIPPET + " FROM articles_fts WHERE articles_fts MATCH ? "
                "AND rowid IN (" + marks + ")"
            )  # marks: only '?'s
            try:
                out.update(
                    (aid, " ".join(text.split())) for aid, text in self.conn.execute(sql, [fts, *chunk])
                )
            except sqlite3.OperationalError:
                break
        return out

    #: at most this many matches are ranked (the newest): ranking 2,000 takes ~3 ms, 40,000 would take ~60
    RANK_WINDOW = 2000

    def locate_hit(self, article_id: int, user_text: str) -> tuple[int, int]:
        """Where in the article the search matched (found when the hit is opened, not for every hit)."""
        return _query.locate(self.article_text(article_id), _query.parse(user_text).terms)
