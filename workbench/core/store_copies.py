"""Store queries for copy links and cached origins (mixed into Store; the only SQL for them)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .repo import Repo


class Copies(Repo):
    # ------------------------------------------------------------------ copies
    def inputs(self) -> Iterator[tuple[int, str, str | None, list[tuple[int, int]]]]:
        """Each article's id, text, publication date and the spans of its sentences (no scrape debris)."""
        spans: dict[int, list[tuple[int, int]]] = {}
        rows = self.conn.execute(
            'SELECT article_id, start, "end" FROM sentences WHERE boilerplate = 0 ORDER BY article_id, start'
        )
        for aid, a, b in rows:
            spans.setdefault(aid, []).append((a, b))
        for aid, text, published in self.conn.execute("SELECT id, text, published FROM articles ORDER BY id"):
            yield aid, text, published, spans.get(aid, [(0, len(text))])

    def signature(self) -> str:
        """Changes whenever an article is added, removed, or its date changes."""
        n, top, total, dates = self.conn.execute(
            "SELECT count(*), max(id), total(id), group_concat(coalesce(published, ''), '') FROM "
            "(SELECT id, published FROM articles ORDER BY id)"
        ).fetchone()
        import zlib

        return f"{n}:{top}:{int(total)}:{zlib.crc32((dates or '').encode())}"

    def links(self, article_ids: Iterable[int] | None = None):
        from .copies import CopyLink

        rows = self.conn.execute(
            "SELECT copier, source, share, sentences FROM copies ORDER BY copier, source"
        )
        wanted = set(article_ids) if article_ids is not None else None
        return [CopyLink(*r) for r in rows if wanted is None or (r[0] in wanted or r[1] in wanted)]

    def notes(self, article_ids: list[int]) -> dict[int, list[tuple[str, int, float]]]:
        """Per article: ('repeats', other, share) and ('repeated by', other, share) links."""
        out: dict[int, list] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT copier, source, share FROM copies WHERE copier IN (" + marks + ") "
                "OR source IN (" + marks + ")"
            )
            for copier, source, share in self.conn.execute(sql, chunk + chunk):
                out.setdefault(copier, []).append(("repeats", source, share))
                out.setdefault(source, []).append(("repeated by", copier, share))
        return out

    def replace_links(self, links, signature: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM copies")
            self.conn.executemany(
                "INSERT OR REPLACE INTO copies (copier, source, share, sentences) VALUES (?, ?, ?, ?)",
                [(x.copier, x.source, x.share, x.sentences) for x in links],
            )
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('copies_signature', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [signature],
            )

    # ------------------------------------------------------------------ origins
    def cached_origins(self, article_ids: list[int], version: str) -> dict[int, tuple]:
        """article id -> (kind, name, start, end, rule, cited as [(kind, name, start, end, rule)])
        for articles whose text (SHA-256) and the provenance version match what was cached."""
        out = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                'SELECT o.article_id, o.kind, o.name, o.start, o."end", o.rule, o.cited FROM origins o '
                "JOIN articles a ON a.id = o.article_id AND a.sha256 = o.sha256 "
                "WHERE o.version = ? AND o.article_id IN (" + marks + ")"
            )
            for aid, kind, name, a, b, rule, cited in self.conn.execute(sql, [version, *chunk]):
                out[aid] = (kind, name, a, b, rule, [tuple(c) for c in json.loads(cited)])
        return out

    def save_origins(self, rows: list[tuple], version: str) -> None:
        """rows: (article id, kind, name, start, end, rule, cited list)."""
        with self.transaction():
            for aid, kind, name, a, b, rule, cited in rows:
                self.conn.execute(
                    'INSERT OR REPLACE INTO origins (article_id, sha256, version, kind, name, start, "end", '
                    "rule, cited) SELECT id, sha256, ?, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ?",
                    [version, kind, name, a, b, rule, json.dumps([list(c) for c in cited]), aid],
                )

    def origin_labels(self, article_ids: list[int]) -> dict[int, tuple[str, str]]:
        """article id -> (kind, name) of its cached origin, whatever the version (for the article list)."""
        out = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = "SELECT article_id, kind, name FROM origins WHERE article_id IN (" + marks + ")"
            for aid, kind, name in self.conn.execute(sql, chunk):
                out[aid] = (kind, name)
        return out
