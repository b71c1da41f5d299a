"""Issue 18: nothing lost, nothing hung, nothing doubled (kills, second processes, hostile input)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# a process that starts an export and is SIGKILLed after writing half of it
_KILLED_EXPORT = textwrap.dedent(
    """
    import os, signal, sys
    from workbench import cli
    from workbench.core import export as X

    fields, rows = X.TABLES["articles"]

    def dying(store):
        for i, row in enumerate(rows(store)):
            yield row
            if i == 2:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    X.TABLES["articles"] = (fields, dying)
    cli.main(["--db", sys.argv[1], "export", "articles", "-o", sys.argv[2]])
    """
)


def test_export_killed_midway_leaves_the_previous_file(seeded_copy, tmp_path):
    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KILLED_EXPORT, str(seeded_copy), str(out)], timeout=120)
    assert proc.returncode == -9
    assert out.read_text(encoding="utf-8") == "the previous export\n"


def test_export_that_finishes_replaces_the_file(seeded_copy, tmp_path):
    from workbench import cli

    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    assert cli.main(["--db", str(seeded_copy), "export", "articles", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,title")
    assert not (tmp_path / "articles.csv.part").exists()


# ---------------------------------------------------------------- opening files that are not ours (item 4)
def _journal_mode(path) -> str:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def test_foreign_sqlite_file_is_refused_and_left_unchanged(tmp_path):
    import sqlite3

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    other = tmp_path / "recipes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(other)
    assert other.read_bytes() == before
    assert _journal_mode(other) == "delete"
    assert not (tmp_path / "recipes.db-wal").exists()


def test_empty_file_becomes_a_project(tmp_path):
    from workbench.core.store import Store

    empty = tmp_path / "new.db"
    empty.write_bytes(b"")
    with Store(empty) as s:
        assert s.article_count() == 0
        assert s.pragma("journal_mode") == "wal"


def test_newer_schema_is_refused_before_any_change(tmp_path):
    import sqlite3

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    newer = tmp_path / "newer.workbench.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer workbench"):
        Store(newer)
    assert _journal_mode(newer) == "delete"


def test_cli_on_foreign_file_says_so(tmp_path, capsys):
    import sqlite3

    from workbench import cli

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert cli.main(["--db", str(other), "search", "anything"]) == 2
    err = capsys.readouterr().err
    assert "another program" in err and "unexpected" not in err


# ---------------------------------------------------------------- one writer at a time (items 5, 8)
_ARTICLES = {
    "harbour.txt": "Harbour cranes ordered\n\nBrightwater Logistics Ltd. ordered six cranes from Kestrel "
    "Machines on Monday. Brightwater Logistics said the cranes arrive in May 2025.\n",
    "bakery.txt": "Bakery chain expands\n\nThe Oakfield Bakery Group opened a plant in Leeds. Kestrel "
    "Machines supplied the ovens, and Brightwater Logistics Ltd. moves the flour.\n",
    "orchard.txt": "Orchard sale\n\nMarisol Ventures bought the Greyhill Orchard for 4 million euros. "
    "Kestrel Machines will build its packing line.\n",
}


@pytest.fixture
def small_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in _ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _hold_write_lock(path, locked, release):
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta(key, value) VALUES ('other writer', 'x')")
    locked.set()
    release.wait(10)
    conn.execute("COMMIT")
    conn.close()


def test_an_edit_waits_for_another_writer(seeded_copy):
    import threading

    from workbench.core.store import Store

    with Store(seeded_copy) as s:
        aid = s.article_ids()[0]
        cid = s.add_claim(aid, 0, 10)
        s.claim(cid)  # a read before the edit, as the window does
        locked, release = threading.Event(), threading.Event()
        other = threading.Thread(target=_hold_write_lock, args=(seeded_copy, locked, release))
        other.start()
        assert locked.wait(10)
        # the other writer finishes while this edit waits for the lock
        threading.Timer(0.3, release.set).start()
        s.update_claim(cid, verdict="disputed", note="checked")
        other.join()
        assert s.claim(cid).verdict == "disputed"
        assert s.get_meta("other writer") == "x"


def test_an_edit_gives_up_with_a_message_when_the_project_stays_busy(seeded_copy, monkeypatch):
    import threading

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    monkeypatch.setattr(Store, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(Store, "WRITE_RETRIES", 1)
    with Store(seeded_copy) as s:
        cid = s.add_claim(s.article_ids()[0], 0, 10)
        locked, release = threading.Event(), threading.Event()
        other = threading.Thread(target=_hold_write_lock, args=(seeded_copy, locked, release))
        other.start()
        assert locked.wait(10)
        try:
            with pytest.raises(StoreError, match="busy"):
                s.update_claim(cid, verdict="false")
        finally:
            release.set()
            other.join()
        assert s.claim(cid).verdict == "unverified"


def test_two_imports_of_one_folder_at_once_store_each_article_once(db_path, small_folder):
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    with Store(db_path) as first, Store(db_path) as second:
        calls = []

        def progress(done, total, label):
            if not calls:  # the other import runs to its end while this one is reading files
                calls.append(ingest(second, [small_folder]))

        ingest(first, [small_folder], progress=progress)
        assert len(calls[0].added) == 3
        assert first.article_count() == 3


def _extract_with_interruption(monkeypatch, first, interrupt, batch=64):
    """Run first's extraction; interrupt() runs in the middle, after the model and before the writes."""
    from workbench.core import extraction, nlp

    rec = nlp.recognizer()
    original = rec.mentions
    state = {"calls": 0}

    def mentions(texts, **kw):
        out = list(original(texts, **kw))
        state["calls"] += 1
        if state["calls"] == 1:
            monkeypatch.setattr(rec, "mentions", original)
            interrupt()
            monkeypatch.setattr(rec, "mentions", mentions)
        return out

    monkeypatch.setattr(rec, "mentions", mentions)
    return extraction.extract_pending(first, batch=batch)


def _entity_names(store) -> list[str]:
    return sorted(r[0] for r in store.conn.execute("SELECT name FROM entities"))


def test_two_extractions_at_once_make_each_entity_once(db_path, small_folder, monkeypatch):
    from workbench.core import extraction
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    with Store(db_path) as first, Store(db_path) as second:
        ingest(first, [small_folder])
        _extract_with_interruption(monkeypatch, first, lambda: extraction.extract_pending(second))
        names = _entity_names(first)
        assert len(names) == len(set(names)), names
        orphans = first.conn.execute(
            "SELECT count(*) FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)"
        ).fetchone()[0]
        assert orphans == 0


def test_one_extraction_alone_makes_the_same_entities(db_path, small_folder, tmp_path):
    from workbench.core import extraction
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    with Store(db_path) as s:
        ingest(s, [small_folder])
        extraction.extract_pending(s)
        names = _entity_names(s)
    assert "Kestrel Machines" in names and len(names) == len(set(names))


def test_merging_during_an_extraction_does_not_stop_it(db_path, small_folder, monkeypatch):
    from workbench.core import extraction
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    with Store(db_path) as first, Store(db_path) as second:
        ingest(first, [small_folder])
        ids = first.article_ids()
        extraction.extract_pending(first, article_ids=ids[:1])
        kestrel = first.conn.execute("SELECT id FROM entities WHERE name = 'Kestrel Machines'").fetchone()[0]
        other = first.conn.execute("SELECT id FROM entities WHERE id != ? LIMIT 1", [kestrel]).fetchone()[0]

        def merge():
            second.merge_entities(other, kestrel)  # Kestrel Machines folds into another entity

        result = _extract_with_interruption(monkeypatch, first, merge)
        assert result["articles"] == len(ids) - 1 and not result["cancelled"]
        assert first.conn.execute("PRAGMA foreign_key_check").fetchall() == []
