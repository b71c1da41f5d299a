"""Operations: every analyst edit is one function here, one transaction, recorded once for undo.

``op(store, …) -> OpResult`` is what the window, the command line and the tests call alike. Undo is not a set of
hand-written inverses: while an operation runs, triggers on the analyst's tables write, in the same
transaction, the SQL statements that put every touched row back as it was (SQLite's own undo/redo recipe,
https://sqlite.org/undoredo.html). Undoing an operation runs those statements in reverse order, and the triggers
record, as they run, the statements that redo it; redoing flips it back the same way. The log lives in the
project file (tables ``ops`` and ``op_log``), so ``workbench undo`` works from the command line and after a
restart, and the window's undo stack mirrors it.

Only the analyst's layer and the articles themselves are logged. Derived rows (extraction runs, member facts,
copies, origins, entity counts, search indexes) are not: they are kept by triggers or recomputed when their
inputs change, so putting the inputs back is enough.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .changes import Changes, OpResult
from .errors import StoreError

if TYPE_CHECKING:
    from .store import Store

#: tables whose rows an operation's undo puts back (the analyst's layer, and articles with their segments)
LOGGED = (
    "articles",
    "article_pages",
    "paragraphs",
    "sentences",
    "boilerplate",
    "ingest_warnings",
    "entities",
    "aliases",
    "mentions",
    "mention_fixes",
    "claims",
    "evidence",
    "member_edits",
    "stories",
    "story_articles",
)
#: tables that are derived from the logged ones (recomputed, or kept by triggers) or are bookkeeping
NOT_LOGGED = (
    "meta",
    "extraction",
    "entity_counts",
    "copies",
    "origins",
    "member_facts",
    "member_fact_runs",
    "ops",
    "op_log",
    "_sqlite_migrations",
)
#: how many operations are kept for undo; older ones are forgotten as new ones are made
KEEP = 200


@dataclass(frozen=True, slots=True)
class Op:
    id: int
    label: str
    changes: Changes
    done: bool
    created_at: str


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _trigger_sql(conn: sqlite3.Connection, table: str) -> list[str]:
    """Three TEMP triggers that write the inverse of each insert, update and delete on ``table``."""
    info = conn.execute(f"PRAGMA main.table_info({_q(table)})").fetchall()
    cols = [r[1] for r in info]
    pks = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
    without_rowid = bool(
        conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ? AND sql LIKE '%WITHOUT ROWID%'",
            [table],
        ).fetchone()
    )
    rowid_alias = (
        not without_rowid
        and len(pks) == 1
        and str(next(r[2] for r in info if r[1] == pks[0])).upper() == "INTEGER"
    )

    def where(row: str) -> str:
        if without_rowid:
            return " || ' AND ' || ".join(f"'{_q(c)} IS ' || quote({row}.{_q(c)})" for c in pks)
        return f"'rowid = ' || {row}.rowid"

    insert_cols = cols if (without_rowid or rowid_alias) else ["rowid", *cols]
    values = " || ',' || ".join(f"quote(old.{_q(c)})" for c in insert_cols)
    sets = " || ', ' || ".join(f"'{_q(c)} = ' || quote(old.{_q(c)})" for c in cols)
    record = "INSERT INTO op_log (op_id, stmt) SELECT op_id, {stmt} FROM temp.op_recording"
    when = "WHEN (SELECT op_id FROM temp.op_recording) IS NOT NULL"
    changed = " OR ".join(
        f"old.{_q(c)} IS NOT new.{_q(c)}" for c in cols
    )  # an update to the same values is none
    name = table.replace('"', "")
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS {_q('undo_' + name + '_insert')} AFTER INSERT ON main.{_q(table)} "
        f"{when} BEGIN "
        + record.format(stmt=f"'DELETE FROM {_q(table)} WHERE ' || {where('new')}")
        + "; END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS {_q('undo_' + name + '_update')} AFTER UPDATE ON main.{_q(table)} "
        f"{when} AND ({changed}) BEGIN "
        + record.format(stmt=f"'UPDATE {_q(table)} SET ' || {sets} || ' WHERE ' || {where('new')}")
        + "; END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS {_q('undo_' + name + '_delete')} BEFORE DELETE ON main.{_q(table)} "
        f"{when} BEGIN "
        + record.format(
            stmt=f"'INSERT OR REPLACE INTO {_q(table)} ("
            + ", ".join(_q(c) if c != "rowid" else "rowid" for c in insert_cols)
            + f") VALUES (' || {values} || ')'"
        )
        + "; END",
    ]


def _arm(store: Store) -> None:
    """Create this connection's recording table and triggers (once per connection; TEMP, so never in the file).

    Done outside the operation's transaction, so that an operation that fails does not take them with it."""
    conn = store.conn
    if store.ops_armed:
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS op_recording (op_id INTEGER)")
    for table in LOGGED:
        for sql in _trigger_sql(conn, table):
            conn.execute(sql)
    store.ops_armed = True


def _record(store: Store, op_id: int | None) -> None:
    store.conn.execute("DELETE FROM temp.op_recording")
    if op_id is not None:
        store.conn.execute("INSERT INTO temp.op_recording (op_id) VALUES (?)", [op_id])


def run(
    store: Store, label: str, changes: Changes, edit: Callable[[], Any], undo_first: Iterable[str] = ()
) -> OpResult:
    """Run ``edit`` as one undoable operation: one transaction, its undo recorded in it.

    ``undo_first``: statements that undo what was done before the operation began and so was not recorded
    (an import's articles, stored one by one as they were read); they run last when the operation is undone.
    """
    _arm(store)
    with store.transaction():
        conn = store.conn
        # a new edit ends the redo branch; the oldest operations are forgotten
        conn.execute("DELETE FROM ops WHERE state = 'undone'")
        cur = conn.execute(
            "INSERT INTO ops (label, changes, state, created_at) VALUES (?, ?, 'done', ?)",
            [label, changes.to_text(), _now()],
        )
        op_id = int(cur.lastrowid or 0)
        conn.executemany("INSERT INTO op_log (op_id, stmt) VALUES (?, ?)", [(op_id, u) for u in undo_first])
        _record(store, op_id)
        try:
            value = edit()
        finally:
            _record(store, None)
        if not conn.execute("SELECT EXISTS (SELECT 1 FROM op_log WHERE op_id = ?)", [op_id]).fetchone()[0]:
            conn.execute("DELETE FROM ops WHERE id = ?", [op_id])  # nothing changed: nothing to undo
            return OpResult(Changes(), None, value, label)
        conn.execute("DELETE FROM ops WHERE id <= ?", [op_id - KEEP])
    return OpResult(changes, op_id, value, label)


def _flip(store: Store, want_state: str, op_id: int | None, newest: bool) -> OpResult:
    current = "undone" if want_state == "done" else "done"
    _arm(store)
    with store.transaction():
        conn = store.conn
        order = "DESC" if newest else "ASC"
        row = conn.execute(
            f"SELECT id, label, changes FROM ops WHERE state = ? ORDER BY id {order} LIMIT 1", [current]
        ).fetchone()
        verb = "undo" if want_state == "undone" else "redo"
        if row is None:
            raise StoreError(f"There is nothing to {verb}.")
        if op_id is not None and row[0] != op_id:
            raise StoreError(
                f"the project was changed elsewhere since: the next change to {verb} is “{row[1]}”"
            )
        found_id, label, changes_text = row
        stmts = conn.execute(
            "SELECT seq, stmt FROM op_log WHERE op_id = ? ORDER BY seq DESC", [found_id]
        ).fetchall()
        conn.execute("DELETE FROM op_log WHERE op_id = ?", [found_id])
        conn.execute("PRAGMA defer_foreign_keys = ON")  # children may come back before their parents
        _record(store, found_id)
        try:
            for _seq, stmt in stmts:
                conn.execute(stmt)
        except sqlite3.IntegrityError as exc:
            raise StoreError(
                f"“{label}” cannot be {verb}ne: the rows it changed have changed since ({exc})."
            ) from exc
        finally:
            _record(store, None)
        conn.execute("UPDATE ops SET state = ? WHERE id = ?", [want_state, found_id])
    return OpResult(Changes.from_text(changes_text), found_id, None, label)


def undo(store: Store, op_id: int | None = None) -> OpResult:
    """Undo the newest operation that is done (``op_id``: only if it is that one). Raises StoreError."""
    return _flip(store, "undone", op_id, newest=True)


def redo(store: Store, op_id: int | None = None) -> OpResult:
    """Redo the oldest operation that was undone. Raises StoreError."""
    return _flip(store, "done", op_id, newest=False)


def history(store: Store, limit: int = 50) -> list[Op]:
    """The newest operations first, done and undone."""
    rows = store.conn.execute(
        "SELECT id, label, changes, state, created_at FROM ops ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [Op(r[0], r[1], Changes.from_text(r[2]), r[3] == "done", r[4]) for r in rows]


# ---------------------------------------------------------------------------------------------- articles
_ARTICLES = Changes(articles=True)


def update_article(store: Store, article_id: int, **fields: Any) -> OpResult:
    """Edit an article's details (title, outlet, author, published, url, language)."""
    changes = _ARTICLES | Changes(language=True, mentions=True) if "language" in fields else _ARTICLES
    return run(
        store, "Edit article details", changes, lambda: store.articles.update_meta(article_id, **fields)
    )


def delete_articles(store: Store, ids: Iterable[int]) -> OpResult:
    """Delete articles with everything on them (claims, evidence, fixes, story places); undo puts all back."""
    ids = sorted(set(ids))
    n = len(ids)
    return run(
        store,
        f"Delete {n} article" + ("s" if n != 1 else ""),
        Changes(articles=True, entities=True, mentions=True, claims=True, members=True, stories=True),
        lambda: store.articles.delete(ids),
    )


def record_import(
    store: Store, article_ids: Iterable[int], then: Callable[[], Any] | None = None
) -> OpResult:
    """Make an import that has stored its articles undoable: undo deletes them (with everything on them) and
    redo puts them back. ``then`` runs inside the operation (moving claims onto new versions of articles), so
    that its changes are undone with the import."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return OpResult(Changes())
    n = len(ids)
    statements = [
        "DELETE FROM articles WHERE id IN (" + ",".join(map(str, ids[i : i + 500])) + ")"
        for i in range(0, n, 500)
    ]
    return run(
        store,
        f"Import {n} article" + ("s" if n != 1 else ""),
        Changes(articles=True, entities=True, mentions=True, claims=True, members=True, stories=True),
        then or (lambda: None),
        undo_first=statements,
    )


# ---------------------------------------------------------------------------------------------- claims
_CLAIMS = Changes(claims=True)


def add_claim(store: Store, article_id: int, start: int, end: int, **fields: Any) -> OpResult:
    """Mark a claim; the result's value is its id."""
    return run(store, "Mark claim", _CLAIMS, lambda: store.claims.add(article_id, start, end, **fields))


def update_claim(store: Store, claim_id: int, **fields: Any) -> OpResult:
    what = ", ".join(fields)
    return run(store, f"Change claim {what}", _CLAIMS, lambda: store.claims.update(claim_id, **fields))


def delete_claim(store: Store, claim_id: int) -> OpResult:
    return run(store, "Delete claim", _CLAIMS, lambda: store.claims.delete(claim_id))


def add_evidence(store: Store, claim_id: int, stance: str, **where: Any) -> OpResult:
    return run(
        store,
        f"Add {stance} evidence",
        _CLAIMS,
        lambda: store.claims.add_evidence(claim_id, stance, **where),
    )


def delete_evidence(store: Store, evidence_id: int) -> OpResult:
    return run(store, "Remove evidence", _CLAIMS, lambda: store.claims.delete_evidence(evidence_id))


# ---------------------------------------------------------------------------------------------- members
_MEMBER_LABELS = {"confirm": "Confirm", "reject": "Reject", "edit": "Correct", "add": "Add"}


def member_edit(
    store: Store, entity_id: int, organisation: str, role: str, action: str, **fields: Any
) -> OpResult:
    """Confirm, correct, reject or add a member of a venture."""
    if action not in _MEMBER_LABELS:
        raise ValueError(f"unknown member action: {action}")
    return run(
        store,
        f"{_MEMBER_LABELS[action]} member {organisation}",
        Changes(members=True),
        lambda: store.members.set_edit(entity_id, organisation, role, action, **fields),
    )


# ---------------------------------------------------------------------------------------------- entities
_FIXES = Changes(entities=True, mentions=True, members=True)


def rename_entity(store: Store, entity_id: int, name: str) -> OpResult:
    return run(store, f"Rename entity to “{name}”", _FIXES, lambda: store.entities.rename(entity_id, name))


def set_entity_type(store: Store, entity_id: int, type_: str) -> OpResult:
    return run(store, f"Change type to {type_}", _FIXES, lambda: store.entities.set_type(entity_id, type_))


def merge_entities(store: Store, keep_id: int, other_id: int) -> OpResult:
    keep = store.entities.get(keep_id)
    if keep is None or store.entities.get(other_id) is None:
        raise StoreError("That entity no longer exists.")
    return run(store, f"Merge into “{keep.name}”", _FIXES, lambda: store.entities.merge(keep_id, other_id))


def reject_mention(store: Store, mention_id: int) -> OpResult:
    return run(store, "Reject mention", _FIXES, lambda: store.entities.reject_mention(mention_id))


def split_mention(
    store: Store, mention_id: int, name: str | None = None, into: int | None = None
) -> OpResult:
    label = "Split mention off" if into is None else "Move mention"
    return run(store, label, _FIXES, lambda: store.entities.split_mention(mention_id, name, into))


def add_mention(
    store: Store,
    article_id: int,
    start: int,
    end: int,
    entity_id: int | None = None,
    name: str | None = None,
    type_: str = "ORG",
) -> OpResult:
    """Mark an entity the recogniser missed; the result's value is the new mention's id."""
    return run(
        store,
        "Mark entity",
        _FIXES,
        lambda: store.entities.add_mention(article_id, start, end, entity_id, name, type_),
    )


def remove_added_mention(store: Store, mention_id: int) -> OpResult:
    return run(store, "Remove marked entity", _FIXES, lambda: store.entities.remove_added_mention(mention_id))


# ---------------------------------------------------------------------------------------------- stories
_STORIES = Changes(stories=True)


def create_story(store: Store, name: str, article_ids: Iterable[int]) -> OpResult:
    ids = list(article_ids)
    return run(store, f"New story “{name}”", _STORIES, lambda: store.stories.create(name, ids))


def delete_story(store: Store, story_id: int) -> OpResult:
    return run(store, "Delete story", _STORIES, lambda: store.stories.delete(story_id))
