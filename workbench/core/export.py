"""CSV export shared by the command line and the export dialog.

Cells are written by the csv module (quotes, commas and line breaks round-trip
exactly).  Any text cell that a spreadsheet would run as a formula - one starting
with ``=``, ``+``, ``-``, ``@``, tab, CR or LF - gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

ARTICLE_FIELDS = [
    "id",
    "title",
    "title_derived",
    "file",
    "path",
    "sha256",
    "encoding",
    "words",
    "outlet",
    "author",
    "published",
    "url",
    "language",
    "ingested_at",
]


def neutralise(value):
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if value.startswith(FORMULA_START):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return value


def write_csv(rows: Iterable[dict], fields: list[str], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: neutralise(row.get(k)) for k in fields})
        n += 1
    return n


def open_csv(path, excel: bool = False) -> IO[str]:
    """A file for write_csv: UTF-8, with a BOM when excel is set (so Excel reads Japanese correctly)."""
    return open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")


def to_string(rows: Iterable[dict], fields: list[str]) -> str:
    buf = io.StringIO()
    write_csv(rows, fields, buf)
    return buf.getvalue()


#: table name -> (CSV columns, function(store) -> rows as dicts). Features register their tables here.
ENTITY_FIELDS = ["id", "name", "type", "aliases", "mentions", "articles", "edited"]
MENTION_FIELDS = [
    "article_id",
    "start",
    "end",
    "text",
    "entity_id",
    "entity",
    "type",
    "value",
    "source",
    "mention_id",
]

CLAIM_FIELDS = [
    "claim_id",
    "article_id",
    "start",
    "end",
    "quote",
    "verdict",
    "confidence",
    "note",
    "tags",
    "evidence",
    "author",
    "anchor",
    "created",
    "changed",
]

MEMBER_FIELDS = [
    "organisation",
    "role",
    "stake",
    "percentage",
    "bound",
    "time",
    "kind",
    "title",
    "sources",
    "evidence",
    "confidence",
    "status",
    "note",
    "venture",
    "entity_id",
]


def _members(store):
    from .members import export_rows

    return export_rows(store)


COMPARISON_FIELDS = [
    "group_id",
    "topic",
    "status",
    "article_id",
    "origin",
    "independent_origins",
    "values",
    "differences",
    "findings",
    "copies",
    "sentence",
    "start",
    "end",
]


def _comparison(store):
    from .compare import export_rows

    return export_rows(store)


def _findings(store):
    from .compare import compare
    from .findings import export_rows

    return export_rows(compare(store))


def _findings_fields() -> list[str]:
    from .findings import FIELDS

    return FIELDS


TABLES: dict[str, tuple[list[str], Callable]] = {
    "articles": (ARTICLE_FIELDS, lambda store: store.articles.export()),
    "entities": (ENTITY_FIELDS, lambda store: store.entities.export()),
    "mentions": (MENTION_FIELDS, lambda store: store.entities.export_mentions()),
    "members": (MEMBER_FIELDS, _members),
    "claims": (CLAIM_FIELDS, lambda store: store.claims.export()),
    "comparison": (COMPARISON_FIELDS, _comparison),
    "findings": (_findings_fields(), _findings),
}


def write_table(store, name: str, path, excel: bool = False) -> int:
    """Write one table to path through PATH.part renamed into place: a failed or killed export leaves
    the file that was there before (or none), never half a table. Returns the number of rows."""
    fields, rows = TABLES[name]
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        with open_csv(tmp, excel=excel) as fh:
            n = write_csv(rows(store), fields, fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def export_tables(store, names: Iterable[str], folder: Path, excel: bool = False):
    """Write each named table to folder/NAME.csv. Yields (name, rows, path)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        path = folder / f"{name}.csv"
        yield name, write_table(store, name, path, excel=excel), path
