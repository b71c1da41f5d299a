"""Articles: their text, details, segments, pages and the full-text search over them (SQL only here)."""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from collections.abc import Iterable, Iterator

from . import query as _query
from .models import (
    EDITABLE_META,
    Article,
    ArticleDraft,
    ArticleSummary,
    BoilerplateSpan,
    SearchHit,
    Segment,
)
from .repo import Repo, inserted_id

SORT_COLUMNS = {
    "id": "id",
    "title": "title COLLATE NOCASE",
    "outlet": "outlet COLLATE NOCASE",
    "published": "published",
    "words": "words",
    "language": "language",
    "file": "coalesce(path,file) COLLATE NOCASE",
}

_ARTICLE_COLS = (
    "id, title, title_derived, file, sha256, encoding, text, words, ingested_at, "
    "outlet, author, published, url, language, path"
)
_SUMMARY_COLS = "id, title, title_derived, outlet, published, words, file, language, path"
_SELECT_ARTICLE = "SELECT " + _ARTICLE_COLS + " FROM articles WHERE id = ?"


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _language_code(value: str | None) -> str | None:
    """An ISO 639-1 code from what the analyst typed or picked ("ja", "Japanese"); None for empty."""
    if not value:
        return None
    from .language import LANGUAGES

    low = value.strip().lower()
    for code, name in LANGUAGES.items():
        if low in (code, name.lower()):
            return code
    if re.fullmatch(r"[a-z]{2,3}", low):
        return low
    raise ValueError(f"'{value}' is not a language (use a two-letter code such as en or ja)")


def _cjk_snippet(text: str, terms, width: int = 24) -> str:
    """The text around the first term found, marked «like this»; text without spaces has no tokens to count."""
    start, end = _query.locate(text, list(terms))
    if start < 0:
        return " ".join(text[: width * 2].split()) + ("…" if len(text) > width * 2 else "")
    a, b = max(0, start - width), min(len(text), end + width * 2)
    piece = text[a:start] + "«" + text[start:end] + "»" + text[end:b]
    return ("…" if a > 0 else "") + " ".join(piece.split()) + ("…" if b < len(text) else "")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: tables a workbench project may hold before its first schema step has recorded a version


class Articles(Repo):
    # ------------------------------------------------------------------ articles
    def id_for_sha(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def ids_by_sha(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT sha256, id FROM articles"))

    def ids_for_file(self, name: str) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE file = ? ORDER BY id", [name])]

    def containing(self, piece: str) -> list[int]:
        """Articles whose text holds piece verbatim (SQLite scans the text; nothing is read into Python)."""
        if not piece:
            return []
        return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE instr(text, ?) > 0", [piece])]

    def known_shas(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT sha256 FROM articles")}

    def add(self, draft: ArticleDraft, warnings: Iterable[str] = ()) -> int:
        """Store one article with its segments; returns its id.

        When another process stored the same content since this import began (two imports of one
        folder at once), that article's id is returned and nothing is stored twice.
        """
        with self.transaction():
            existing = self.id_for_sha(draft.sha256)
            if existing is not None:
                return existing
            cur = self.conn.execute(
                "INSERT INTO articles (title, title_derived, file, sha256, encoding, text, words, "
                "ingested_at, outlet, author, published, url, language, path) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    draft.language,
                    draft.path,
                ],
            )
            aid = inserted_id(cur)
            self.conn.executemany(
                "INSERT INTO article_pages (article_id, page, start) VALUES (?,?,?)",
                [(aid, i + 1, start) for i, start in enumerate(draft.pages)],
            )
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

    def delete(self, ids: Iterable[int]) -> int:
        """Delete articles and everything that hangs on them (foreign keys cascade); one transaction."""
        ids = list(ids)
        with self.transaction():
            self.conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    def holdings(self, ids: Iterable[int]) -> dict[str, int]:
        """What deleting these articles takes with them that the analyst made: claims (with their evidence),
        evidence from them for claims elsewhere, and entity fixes."""
        ids = list(ids)
        marks = ",".join("?" * len(ids))
        if not ids:
            return {"claims": 0, "evidence": 0, "fixes": 0}
        claims = self.conn.execute(f"SELECT count(*) FROM claims WHERE article_id IN ({marks})", ids)
        evidence = self.conn.execute(
            "SELECT count(*) FROM evidence e JOIN claims c ON c.id = e.claim_id "
            f"WHERE e.article_id IN ({marks}) AND c.article_id NOT IN ({marks})",
            ids + ids,
        )
        fixes = self.conn.execute(f"SELECT count(*) FROM mention_fixes WHERE article_id IN ({marks})", ids)
        return {
            "claims": claims.fetchone()[0],
            "evidence": evidence.fetchone()[0],
            "fixes": fixes.fetchone()[0],
        }

    def set_words(self, article_id: int, words: int) -> None:
        """The word count a language pipeline measured (Japanese: tokens), replacing ingest's estimate."""
        self.conn.execute("UPDATE articles SET words = ? WHERE id = ?", [int(words), article_id])

    def get(self, article_id: int) -> Article | None:
        row = self.conn.execute(_SELECT_ARTICLE, [article_id]).fetchone()
        if row is None:
            return None
        r = list(row)
        r[2] = bool(r[2])
        return Article(*r)

    def page_starts(self, article_id: int) -> list[int]:
        """Where page 1, 2, … of a paged (PDF) article starts in its text; empty when it has no pages."""
        rows = self.conn.execute(
            "SELECT start FROM article_pages WHERE article_id = ? ORDER BY page", [article_id]
        )
        return [r[0] for r in rows]

    def page_of(self, article_id: int, offset: int) -> int | None:
        """The page number that holds ``offset`` in a paged article, or None."""
        row = self.conn.execute(
            "SELECT max(page) FROM article_pages WHERE article_id = ? AND start <= ?", [article_id, offset]
        ).fetchone()
        return row[0] if row else None

    def text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else ""

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def ids(
        self,
        sort: str = "id",
        descending: bool = False,
        filter_text: str = "",
        language: str | None = None,
        story: int | None = None,
    ) -> list[int]:
        """Ids in display order; filter_text matches title, outlet, author or file name; language is an
        ISO 639-1 code ("" for articles whose language is not known), None for every language; story keeps
        only the articles of that story."""
        order = SORT_COLUMNS.get(sort, "id")
        direction = "DESC" if descending else "ASC"
        sql = "SELECT id FROM articles"
        where: list[str] = []
        args: list = []
        where = []
        filter_text = (filter_text or "").replace("\x00", "").strip()
        if filter_text:
            pattern = f"%{_like_escape(filter_text)}%"
            where.append(
                "(title LIKE ? ESCAPE '\\' OR outlet LIKE ? ESCAPE '\\' "
                "OR author LIKE ? ESCAPE '\\' OR file LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\')"
            )
            args = [pattern] * 5
        if language is not None:
            where.append("coalesce(language, '') = ?")
            args.append(language)
        if story is not None:
            where.append("id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            args.append(story)
        if where:
            sql += " WHERE " + " AND ".join(where)
        # NULLs last whichever way we sort, then id for a stable order
        sql += f" ORDER BY ({order.split()[0]} IS NULL), {order} {direction}, id {direction}"
        return [r[0] for r in self.conn.execute(sql, args)]

    def languages(self) -> list[tuple[str, int]]:
        """(language code, number of articles) for every language in the project; "" for not known."""
        rows = self.conn.execute(
            "SELECT coalesce(language, ''), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return [tuple(r) for r in rows]

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

    def update_meta(self, article_id: int, **fields) -> dict:
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
            if "language" in fields:
                values[cols.index("language")] = _language_code(values[cols.index("language")])
                if values[cols.index("language")] != old_row[cols.index("language")]:
                    # another language means another pipeline: the article is extracted again
                    self.conn.execute("DELETE FROM extraction WHERE article_id = ?", [article_id])
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

    def export(self) -> Iterator[dict]:
        sql = (
            "SELECT id, title, title_derived, file, path, sha256, encoding, words, outlet, author, "
            "published, url, language, ingested_at FROM articles ORDER BY id"
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
        if parsed.cjk:
            return self._search_cjk(parsed, limit)
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
        extra = self._also_in_cjk_articles(parsed, {aid for aid, _ in ranked}, int(limit) - len(ranked))
        titles = {aid: summary.title for aid, summary in self.summaries([aid for aid, _ in ranked]).items()}
        texts = self._snippets(parsed.fts, [aid for aid, _ in ranked[: max(0, snippets)]])
        hits = [SearchHit(aid, titles.get(aid, ""), texts.get(aid), -1, -1, rank) for aid, rank in ranked]
        hits += self._cjk_hits(parsed, extra)
        message = message or (None if hits else "No article matches.")
        if parsed.note:
            message = parsed.note + (f" {message}" if message else "")
        return hits, message

    # ------------------------------------------------------------------ search in Japanese, Chinese, Korean
    _CJK_LANGS = "('ja', 'zh', 'ko')"  # as the trigram index's triggers (migration m008)

    def _search_cjk(self, parsed: _query.ParsedQuery, limit: int) -> tuple[list[SearchHit], str | None]:
        """A query with CJK text: trigram MATCH for terms of 3+ characters, LIKE for shorter ones,
        over the articles in CJK languages; ranked by bm25 when there is a MATCH, else newest first."""
        plan = _query.cjk_plan(parsed)
        if plan.match is None and not plan.like_groups:
            return [], "The search has no words in it."
        like_sql: list[str] = []
        args: list = []
        either = "(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')"
        for group in plan.like_groups:
            like_sql.append("(" + " OR ".join([either] * len(group)) + ")")
            for term in group:
                args += [_query.like_pattern(term)] * 2
        for term in plan.like_negatives:
            like_sql.append("NOT " + either)
            args += [_query.like_pattern(term)] * 2
        extra = "".join(" AND " + part for part in like_sql)  # only fixed SQL and '?'s
        if plan.match:
            sql = (
                "SELECT f.rowid, bm25(articles_fts_cjk, 5.0, 1.0) AS r FROM articles_fts_cjk f "
                "JOIN articles a ON a.id = f.rowid WHERE articles_fts_cjk MATCH ?"
                + extra
                + " ORDER BY r LIMIT ?"
            )
            params = [plan.match, *args, int(limit)]
        else:
            sql = (
                "SELECT a.id, 0.0 FROM articles a WHERE a.language IN "
                + self._CJK_LANGS
                + extra
                + " ORDER BY a.id DESC LIMIT ?"
            )
            params = [*args, int(limit)]
        try:
            ranked = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # should not happen: every term is quoted or a parameter
            return [], f"The search could not be run ({exc})."
        hits = self._cjk_hits(parsed, ranked)
        return hits, None if hits else "No article matches."

    def _also_in_cjk_articles(self, parsed, seen: set[int], room: int) -> list[tuple[int, float]]:
        """A Latin-script query ("NEC") also finds Japanese articles, where names sit against kana
        without spaces (NECや): the trigram index is asked too, for terms long enough for it."""
        if room <= 0 or any(len(w) < _query.TRIGRAM for g in parsed.groups for w in g):
            return []
        try:
            rows = self.conn.execute(
                "SELECT rowid, bm25(articles_fts_cjk, 5.0, 1.0) AS r FROM articles_fts_cjk "
                "WHERE articles_fts_cjk MATCH ? ORDER BY r LIMIT ?",
                [parsed.fts, room + len(seen)],
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(aid, rank) for aid, rank in rows if aid not in seen][:room]

    def _cjk_hits(self, parsed, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        if not ranked:
            return []
        titles = {aid: summary.title for aid, summary in self.summaries([aid for aid, _ in ranked]).items()}
        return [
            SearchHit(aid, titles.get(aid, ""), _cjk_snippet(self.text(aid), parsed.terms), -1, -1, rank)
            for aid, rank in ranked
        ]

    def snippets(self, user_text: str, article_ids: list[int]) -> dict[int, str]:
        """Snippets of these hits of the search (for the hits that came back without one)."""
        parsed = _query.parse(user_text)
        if parsed.fts and parsed.cjk:
            return {aid: _cjk_snippet(self.text(aid), parsed.terms) for aid in article_ids}
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
        return _query.locate(self.text(article_id), list(_query.parse(user_text).terms))
