"""Core operations: one transaction each, undo recorded in the project file, undo/redo from anywhere."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.cli import main
from workbench.core import ops
from workbench.core.changes import Changes
from workbench.core.errors import StoreError
from workbench.core.extraction import extract_pending
from workbench.core.ingest import ingest
from workbench.core.store import Store

TEXT = (
    "Harbour Crane Deal\n\n"
    "Norrland Ports AB and Baltic Lift Oy formed a joint venture to build cranes. "
    "Norrland Ports holds 60 percent of the venture, the rest belongs to Baltic Lift."
)


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "cranes.txt").write_text(TEXT, encoding="utf-8")
    (src / "other.txt").write_text("Second Report\n\nThe crane venture starts in May.", encoding="utf-8")
    path = tmp_path / "p.workbench.db"
    with Store(path) as store:
        store.set_meta("seeded", "none")
        ingest(store, [src])
        extract_pending(store)
    return path


def _rows(store: Store, table: str) -> list[tuple]:
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_every_table_is_either_logged_or_declared_derived(project):
    with Store(project) as store:
        tables = {
            r[0]
            for r in store.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
            if not r[0].startswith("articles_fts")
        }
    assert tables == set(ops.LOGGED) | set(ops.NOT_LOGGED)


def test_claim_edits_undo_and_redo_in_order(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        added = ops.add_claim(store, aid, 20, 60)
        assert added.changes == Changes(claims=True) and added.op_id is not None
        cid = added.value
        ops.update_claim(store, cid, verdict="disputed", note="one source only")
        ops.add_evidence(store, cid, "supporting", article_id=store.articles.ids()[1], start=0, end=6)
        assert store.claims.get(cid).verdict == "disputed" and len(store.claims.evidence(cid)) == 1

        undone = ops.undo(store)
        assert undone.label == "Add supporting evidence" and store.claims.evidence(cid) == []
        ops.undo(store)
        assert store.claims.get(cid).verdict == "unverified" and store.claims.get(cid).note == ""
        ops.undo(store)
        assert store.claims.get(cid) is None
        ops.redo(store)
        ops.redo(store)
        ops.redo(store)
        back = store.claims.get(cid)  # the same row, with the same id, as it was
        assert back.verdict == "disputed" and back.note == "one source only"
        assert len(store.claims.evidence(cid)) == 1
        with pytest.raises(StoreError, match="nothing to redo"):
            ops.redo(store)


def test_a_new_edit_ends_the_redo_branch(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        ops.add_claim(store, aid, 20, 60)
        ops.undo(store)
        ops.add_claim(store, aid, 70, 90)
        with pytest.raises(StoreError):
            ops.redo(store)
        assert [(c.start, c.end) for c in store.claims.matching()] == [(70, 90)]
        assert [op.label for op in ops.history(store)] == ["Mark claim"]


def test_deleting_articles_is_undone_row_for_row(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        cid = ops.add_claim(store, aid, 20, 60).value
        before = {t: _rows(store, t) for t in ("articles", "sentences", "paragraphs", "claims", "mentions")}
        hits_before = store.articles.search("cranes")[0]
        ops.delete_articles(store, [aid])
        assert store.articles.get(aid) is None and store.claims.get(cid) is None
        assert store.articles.search("cranes")[0] == []
        ops.undo(store)
        after = {t: _rows(store, t) for t in before}
        assert after == before
        assert [h.article_id for h in store.articles.search("cranes")[0]] == [
            h.article_id for h in hits_before
        ]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_edit_that_changes_nothing_leaves_no_undo_entry(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        title = store.articles.get(aid).title
        result = ops.update_article(store, aid, title=title)
        assert result.op_id is None and not result.changes
        assert ops.history(store) == []


def test_a_failed_edit_is_not_recorded(project):
    with Store(project) as store:
        with pytest.raises(ValueError):
            ops.update_claim(store, 1, verdict="maybe")
        with pytest.raises(ValueError):
            ops.add_claim(store, store.articles.ids()[0], 5, 5)
        assert ops.history(store) == []
        assert store.conn.execute("SELECT count(*) FROM op_log").fetchone()[0] == 0


def test_undo_of_a_language_change_extracts_again(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        store.conn.execute(
            "INSERT OR REPLACE INTO extraction (article_id, sha256, version, done_at) VALUES (?, 'x', 'v', 'now')",
            [aid],
        )
        store.conn.commit()
        result = ops.update_article(store, aid, language="de")
        assert result.changes.language
        assert (
            store.conn.execute("SELECT count(*) FROM extraction WHERE article_id = ?", [aid]).fetchone()[0]
            == 0
        )
        store.conn.execute(
            "INSERT INTO extraction (article_id, sha256, version, done_at) VALUES (?, 'x', 'v', 'now')", [aid]
        )
        store.conn.commit()
        ops.undo(store)
        assert store.articles.get(aid).language == "en"
        # the undo changed the language back: the article needs its own pipeline again
        assert (
            store.conn.execute("SELECT count(*) FROM extraction WHERE article_id = ?", [aid]).fetchone()[0]
            == 0
        )


def test_undo_only_the_operation_asked_for(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        first = ops.add_claim(store, aid, 20, 60)
        ops.add_claim(store, aid, 70, 90)
        with pytest.raises(StoreError, match="changed elsewhere"):
            ops.undo(store, first.op_id)  # the window's stack is behind the file: refused, nothing changed
        assert len(store.claims.matching()) == 2


def test_undo_across_connections_and_from_the_command_line(project, capsys):
    with Store(project) as window_side:
        aid = window_side.articles.ids()[0]
        cid = ops.add_claim(window_side, aid, 20, 60).value
    assert main(["history", "--db", str(project)]) == 0
    assert "Mark claim" in capsys.readouterr().out
    assert main(["undo", "--db", str(project)]) == 0
    assert "Undone: Mark claim" in capsys.readouterr().out
    with Store(project) as again:
        assert again.claims.get(cid) is None
    assert main(["redo", "--db", str(project)]) == 0
    with Store(project) as again:
        assert again.claims.get(cid) is not None
    assert main(["redo", "--db", str(project)]) == 2
    assert "nothing to redo" in capsys.readouterr().err


def test_delete_from_the_command_line_is_undoable(project, capsys):
    with Store(project) as store:
        ids = store.articles.ids()
    assert main(["delete", "--db", str(project), str(ids[0])]) == 0
    assert main(["delete", "--db", str(project), "999"]) == 2
    assert "no article with id 999" in capsys.readouterr().err
    with Store(project) as store:
        assert store.articles.ids() == ids[1:]
    assert main(["undo", "--db", str(project)]) == 0
    with Store(project) as store:
        assert store.articles.ids() == ids


def test_entity_fixes_undo_through_the_log(project):
    with Store(project) as store:
        rows = store.entities.rows()
        target = next(r for r in rows if r.name.startswith("Norrland"))
        ops.rename_entity(store, target.id, "Norrland Hamnar")
        assert store.entities.get(target.id).name == "Norrland Hamnar"
        assert store.entities.get(target.id).edited
        ops.undo(store)
        restored = store.entities.get(target.id)
        assert (restored.name, restored.edited) == (target.name, target.edited)


def test_history_is_bounded(project, monkeypatch):
    monkeypatch.setattr(ops, "KEEP", 3)
    with Store(project) as store:
        aid = store.articles.ids()[0]
        for i in range(5):
            ops.add_claim(store, aid, 20 + i, 60)
        assert len(ops.history(store)) == 3
        for _ in range(3):
            ops.undo(store)
        with pytest.raises(StoreError, match="nothing to undo"):
            ops.undo(store)
        assert len(store.claims.matching()) == 2  # the two forgotten operations stay as they are


def test_background_writes_are_not_recorded(project):
    with Store(project) as store:
        store.set_meta("anything", "x")
        store.conn.execute("UPDATE articles SET words = words + 1")
        store.conn.commit()
        ops.add_claim(store, store.articles.ids()[0], 20, 60)
        stmts = [r[0] for r in store.conn.execute("SELECT stmt FROM op_log")]
        assert stmts and all(s.startswith('DELETE FROM "claims"') for s in stmts)


def test_read_only_project_refuses_operations(project):
    with Store(project, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        ops.add_claim(store, store.articles.ids()[0], 20, 60)


def test_an_import_is_one_operation_that_undo_removes_and_redo_restores(project, tmp_path):
    from workbench.core.service import import_articles

    more = tmp_path / "more"
    more.mkdir()
    for i in range(3):
        (more / f"m{i}.txt").write_text(
            f"Crane Order {i}\n\nBaltic Lift ordered crane number {i}.", encoding="utf-8"
        )
    with Store(project) as store:
        before = store.articles.ids()
        result = import_articles(store, [more])
        assert result.op is not None and result.op.label == "Import 3 articles"
        added = result.report.added_ids
        ops.add_claim(store, added[0], 0, 10)
        ops.undo(store)  # the claim
        ops.undo(store)  # the import
        assert store.articles.ids() == before
        assert store.articles.search("ordered crane")[0] == []
        ops.redo(store)
        assert store.articles.ids() == before + added
        assert len(store.articles.search("ordered crane")[0]) == 3
        assert store.articles.sentences(added[0])  # the segments came back with the text


def test_an_import_that_adds_nothing_records_nothing(project, tmp_path):
    from workbench.core.service import import_articles

    empty = tmp_path / "empty"
    empty.mkdir()
    with Store(project) as store:
        result = import_articles(store, [empty])
        assert result.op is None and ops.history(store) == []


def test_an_undo_that_would_break_a_reference_is_refused_and_leaves_nothing_half_done(project):
    with Store(project) as store:
        aid = store.articles.ids()[0]
        cid = ops.add_claim(store, aid, 20, 60).value
        ops.delete_claim(store, cid)
        # behind the log's back, the article the claim was on goes away (as another program might do)
        store.conn.execute("PRAGMA foreign_keys = OFF")
        store.conn.execute("DELETE FROM articles WHERE id = ?", [aid])
        store.conn.commit()
        store.conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            ops.undo(store)  # the claim would come back pointing at no article
        assert not store.conn.in_transaction
        assert store.claims.get(cid) is None
        assert [op.done for op in ops.history(store)] == [True, True]  # still undoable later, nothing flipped
        ops.add_claim(store, store.articles.ids()[0], 0, 5)  # the connection works on
