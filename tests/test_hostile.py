"""Issue 18: nothing lost, nothing hung, nothing doubled (kills, second processes, hostile input)."""

from __future__ import annotations

import os
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
        assert s.articles.count() == 0
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
        aid = s.articles.ids()[0]
        cid = s.claims.add(aid, 0, 10)
        s.claims.get(cid)  # a read before the edit, as the window does
        locked, release = threading.Event(), threading.Event()
        other = threading.Thread(target=_hold_write_lock, args=(seeded_copy, locked, release))
        other.start()
        assert locked.wait(10)
        # the other writer finishes while this edit waits for the lock
        threading.Timer(0.3, release.set).start()
        s.claims.update(cid, verdict="disputed", note="checked")
        other.join()
        assert s.claims.get(cid).verdict == "disputed"
        assert s.get_meta("other writer") == "x"


def test_an_edit_gives_up_with_a_message_when_the_project_stays_busy(seeded_copy, monkeypatch):
    import threading

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    monkeypatch.setattr(Store, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(Store, "WRITE_RETRIES", 1)
    with Store(seeded_copy) as s:
        cid = s.claims.add(s.articles.ids()[0], 0, 10)
        locked, release = threading.Event(), threading.Event()
        other = threading.Thread(target=_hold_write_lock, args=(seeded_copy, locked, release))
        other.start()
        assert locked.wait(10)
        try:
            with pytest.raises(StoreError, match="busy"):
                s.claims.update(cid, verdict="false")
        finally:
            release.set()
            other.join()
        assert s.claims.get(cid).verdict == "unverified"


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
        assert first.articles.count() == 3


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
        ids = first.articles.ids()
        extraction.extract_pending(first, article_ids=ids[:1])
        kestrel = first.conn.execute("SELECT id FROM entities WHERE name = 'Kestrel Machines'").fetchone()[0]
        other = first.conn.execute("SELECT id FROM entities WHERE id != ? LIMIT 1", [kestrel]).fetchone()[0]

        def merge():
            second.entities.merge(other, kestrel)  # Kestrel Machines folds into another entity

        result = _extract_with_interruption(monkeypatch, first, merge)
        assert result["articles"] == len(ids) - 1 and not result["cancelled"]
        assert first.conn.execute("PRAGMA foreign_key_check").fetchall() == []


# ---------------------------------------------------------------- annotation import (items 3, 7, 13)
@pytest.fixture
def small_store(small_folder):
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    s = Store.memory()
    ingest(s, [small_folder])
    yield s
    s.close()


def _span_of(store, phrase):
    for aid in store.articles.ids():
        text = store.articles.text(aid)
        if phrase in text:
            return aid, text.index(phrase), text.index(phrase) + len(phrase)
    raise AssertionError(phrase)


def _annotation(exact, ident=None, verdict="supported", note="", **extra):
    item = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": verdict}]
        + ([{"type": "TextualBody", "purpose": "commenting", "value": note}] if note else []),
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": exact}]},
        **extra,
    }
    if ident:
        item["id"] = ident
    return item


def _write(tmp_path, data, name="a.jsonld"):
    import json

    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_reimporting_an_edited_annotation_updates_its_claim(small_store, tmp_path):
    import json

    from workbench.core.annotations import import_annotations, write_annotations

    aid, s, e = _span_of(small_store, "ordered six cranes")
    cid = small_store.claims.add(aid, s, e, note="first look")
    path = tmp_path / "claims.jsonld"
    write_annotations(small_store, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    item = data["first"]["items"][0]
    item["body"] = [
        {"type": "TextualBody", "purpose": "assessing", "value": "disputed"},
        {"type": "TextualBody", "purpose": "commenting", "value": "the order was five"},
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    report = import_annotations(small_store, path)
    assert report.updated == [cid] and not report.added
    assert [(c.id, c.verdict, c.note) for c in small_store.claims.matching()] == [
        (cid, "disputed", "the order was five")
    ]


def test_two_annotations_with_one_id_are_one_claim(small_store, tmp_path):
    from workbench.core.annotations import import_annotations

    ident = "https://notes.example/anno/7"
    path = _write(
        tmp_path,
        [
            _annotation("six cranes", ident, "supported"),
            _annotation("six cranes", ident, "false", note="revised"),
            _annotation("Greyhill Orchard", "https://notes.example/anno/8"),
        ],
    )
    report = import_annotations(small_store, path)
    claims = small_store.claims.matching()
    assert len(report.added) == 2 and len(claims) == 2
    revised = next(c for c in claims if c.quote == "six cranes")
    assert (revised.verdict, revised.note) == ("false", "revised")


_MALFORMED = [
    {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": 42}}},
    {
        "type": "Annotation",
        "target": {
            "selector": [
                {"type": "TextQuoteSelector", "exact": "six cranes"},
                {"type": "TextPositionSelector", "start": "3", "end": "9"},
            ]
        },
    },
    {"type": "Annotation", "target": {"selector": "six cranes"}},
    {"type": "Annotation", "target": {"selector": [{"type": "TextQuoteSelector", "exact": ["x"]}]}},
    {
        "type": "Annotation",
        "body": 5,
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "Leeds"}},
    },
]


def test_malformed_annotations_get_a_message_each(small_store, tmp_path):
    from workbench.core.annotations import import_annotations

    good = _annotation("Greyhill Orchard", creator={"name": {"first": "Ana"}})
    path = _write(tmp_path, {"type": "AnnotationCollection", "items": [*_MALFORMED, good]})
    report = import_annotations(small_store, path)
    assert len(report.added) == 1 and len(report.unmatched) == len(_MALFORMED)
    assert "not text" in report.unmatched[0] and "whole number" in report.unmatched[1]


@pytest.mark.parametrize("data", [{"items": 5}, 7, "text", {"first": {"items": "x"}}])
def test_a_file_that_is_not_annotations_is_refused_with_a_reason(small_store, tmp_path, data, capsys):

    path = _write(tmp_path, data)
    with pytest.raises(ValueError, match="not a"):
        from workbench.core.annotations import import_annotations

        import_annotations(small_store, path)


def test_quotes_that_match_nothing_are_looked_for_outside_the_write_transaction(
    small_store, tmp_path, monkeypatch
):
    from workbench.core import anchoring, annotations

    during = []
    fuzzy_calls = []
    real_locate, real_fuzzy = annotations.locate, anchoring._fuzzy
    monkeypatch.setattr(
        annotations,
        "locate",
        lambda *a, **k: during.append(small_store.conn.in_transaction) or real_locate(*a, **k),
    )
    monkeypatch.setattr(anchoring, "_fuzzy", lambda *a: fuzzy_calls.append(1) or real_fuzzy(*a))
    path = _write(
        tmp_path,
        [_annotation(f"a sentence number {i} that no article holds anywhere") for i in range(5)]
        + [_annotation("packing line")],
    )
    report = annotations.import_annotations(small_store, path)
    assert len(report.unmatched) == 5 and len(report.added) == 1
    assert during and not any(during)
    assert fuzzy_calls == []  # no fuzzy search through articles the annotation does not name


# ---------------------------------------------------------------- the window after a failed save (item 2)
def _small_window(qtbot, db, qsettings, monkeypatch):
    """The main window on a project of our own articles (no seeds, no background extraction)."""
    import workbench.ui.main_window as mw
    from workbench.core.store import Store
    from workbench.ui.app import open_window

    with Store(db) as s:
        s.set_meta("seeded", "none")
    monkeypatch.setattr(mw.MainWindow, "_ready", lambda self: self.sig_project_ready.emit())
    win, _lock = open_window(db, settings=qsettings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    return win


def test_window_shows_the_file_after_a_save_fails_while_another_writes(
    qtbot, tmp_path, small_folder, qsettings, monkeypatch
):
    import threading

    import workbench.ui.main_window as mw
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    db = tmp_path / "w.workbench.db"
    with Store(db) as s:
        ingest(s, [small_folder])
        aid, start, end = _span_of(s, "bought the Greyhill Orchard")
        cid = s.claims.add(aid, start, end, note="to check")
    monkeypatch.setattr(Store, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(Store, "WRITE_RETRIES", 0)
    shown = []
    monkeypatch.setattr(mw, "message", lambda *a, **k: shown.append(a))
    win = _small_window(qtbot, db, qsettings, monkeypatch)
    pane = win.claims
    pane.reload()
    pane.select_claim(cid)
    locked, release = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_write_lock, args=(db, locked, release))
    other.start()
    assert locked.wait(10)
    try:
        pane.verdict.setCurrentIndex(pane.verdict.findData("false"))
    finally:
        release.set()
        other.join()
    assert shown and "shows what it holds" in shown[-1][2]
    assert pane.verdict.currentData() == "unverified"  # what the file holds, not the failed change
    assert win.state.store.claims.get(cid).verdict == "unverified"
    pane.verdict.setCurrentIndex(pane.verdict.findData("false"))  # with the other writer gone it saves
    assert win.state.store.claims.get(cid).verdict == "false"
    win.close()


# ---------------------------------------------------------------- linear sentence splitting (item 11)
_SPLIT_IN_CHILD = textwrap.dedent(
    """
    import sys
    from workbench.core.text import sentences

    line = {"dots": "." * 150_000, "abbreviations": "Mr. Dr. e.g. U.S. " * 10_000}[sys.argv[1]]
    print(len(sentences("Intro line.\\n\\n" + line + "\\n\\nThe End. It ends.")))
    """
)


@pytest.mark.parametrize("kind", ["dots", "abbreviations"])
def test_pathological_lines_split_without_hanging(kind):
    # a hang guard, not a timing: the quadratic splitter took minutes on these; linear takes milliseconds
    proc = subprocess.run(
        [sys.executable, "-c", _SPLIT_IN_CHILD, kind], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) >= 3


def test_abbreviations_and_runs_of_marks_still_split_as_before():
    from workbench.core.text import sentences

    text = "The ship docked at 5 p.m. Sunday. Dr. R. Olsen left... Nobody waved!! Then U.S. port staff came."
    got = [text[s.start : s.end] for s in sentences(text)]
    assert got == [
        "The ship docked at 5 p.m. Sunday.",
        "Dr. R. Olsen left...",
        "Nobody waved!!",
        "Then U.S. port staff came.",
    ]


# ---------------------------------------------------------------- big articles, cancel, worker processes (10, 12)
def _long_text(n_chars: int) -> str:
    para = (
        "Kestrel Machines said on 3 March 2024 that it would invest 40 million euros in Rotterdam. "
        "Anna Lindqvist, who leads the plan, said the cranes arrive in May.\n\n"
    )
    return "Port report\n\n" + para * (n_chars // len(para))


def test_extraction_of_a_long_article_stops_when_cancelled(db_path, tmp_path):
    from workbench.core import extraction
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    src = tmp_path / "long.txt"
    src.write_text(_long_text(250_000), encoding="utf-8")

    class CancelSoon:
        calls = 0

        def is_set(self):  # not at the start of the batch, but while the model works through the article
            self.calls += 1
            return self.calls > 2

    with Store(db_path) as s:
        ingest(s, [src])
        cancel = CancelSoon()
        result = extraction.extract_pending(s, cancel=cancel)
        assert result["cancelled"] and result["articles"] == 0
        assert s.entities.extraction_count() == 0 and cancel.calls < 6
        assert extraction.extract_pending(s)["articles"] == 1  # the next run does it


_KILLED_WITH_WORKERS = textwrap.dedent(
    """
    import multiprocessing, sys, threading, time
    from workbench.core import nlp

    rec = nlp.recognizer()
    para = "Kestrel Machines opened a plant in Leeds. Anna Lindqvist leads it.\\n\\n"
    texts = [para * 3000 for _ in range(8)]
    threading.Thread(target=lambda: list(rec.mentions(texts, n_process=2)), daemon=True).start()
    while len(multiprocessing.active_children()) < 2:
        time.sleep(0.05)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    threading.Event().wait()  # until killed
    """
)


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def _wait_for_exit(pid: int, timeout: float) -> None:
    """Block until the process has exited (a zombie has) or the timeout passes: a pidfd becomes readable
    when its process exits, so this waits for the exit itself instead of polling."""
    import select

    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        select.select([fd], [], [], timeout)
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="reads /proc and waits on pidfds (Linux)")
def test_killing_an_extraction_leaves_no_worker_processes():
    import signal

    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WITH_WORKERS], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    for p in workers:  # orphaned workers notice that their parent is gone and end (not a timing test)
        _wait_for_exit(p, 20)
    left = [p for p in workers if _alive(p)]
    for p in left:  # never leave them behind, whatever the outcome
        os.kill(p, signal.SIGKILL)
    assert not left


def test_common_words_are_found_once_per_article():
    from workbench.core.entities import _lower_phrases

    text = "Green Ledger (green ledger, in short) was shown. Fresh Start. fresh start, said Mia."
    phrases = _lower_phrases(text)
    assert "green ledger" in phrases  # the lower-case words elsewhere: a common phrase
    assert "fresh start" not in phrases  # only right after a sentence's end: not evidence
    assert "said mia" not in phrases  # not lower case


# ---------------------------------------------------------------- hostile searches (item 14)
def test_a_word_typed_many_times_is_searched_once(small_store):
    from workbench.core.query import parse

    assert parse(" ".join(["the"] * 200)).fts == '"the"'
    assert parse("cranes cranes ovens").fts == '"cranes" AND "ovens"'  # distinct words all stay
    hits, _ = small_store.articles.search(" ".join(["Kestrel"] * 200))
    assert len(hits) == 3


def test_many_exclusions_are_a_valid_search(small_store):
    words = [f"absent{i}" for i in range(150)]
    hits, message = small_store.articles.search("Kestrel " + " ".join("-" + w for w in words))
    assert len(hits) == 3 and message is None
    hits, message = small_store.articles.search("Kestrel " + " ".join("-" + w for w in words) + " -flour")
    assert len(hits) == 2  # an exclusion among them still excludes


def test_a_one_letter_prefix_is_searched_as_a_word(small_store):
    from workbench.core.query import parse

    parsed = parse("a*")
    assert parsed.fts == '"a"' and "at least 2" in parsed.note
    assert parse("Kes*").fts == '"Kes"*'  # two letters or more: a prefix
    hits, message = small_store.articles.search("Kes*")
    assert len(hits) == 3 and message is None
    hits, message = small_store.articles.search("a*")
    assert "searched as a word" in message


def test_window_searches_on_a_worker_thread_and_shows_only_the_latest(
    qtbot, tmp_path, small_folder, qsettings, monkeypatch
):
    import threading

    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    db = tmp_path / "s.workbench.db"
    with Store(db) as s:
        ingest(s, [small_folder])
    win = _small_window(qtbot, db, qsettings, monkeypatch)
    threads = []
    from workbench.core.store_articles import Articles

    real = Articles.search
    monkeypatch.setattr(
        Articles,
        "search",
        lambda self, *a, **k: threads.append(threading.current_thread()) or real(self, *a, **k),
    )
    pane = win.search
    pane.box.setText("Kestrel")
    pane.run()
    pane.box.setText("Greyhill")
    with qtbot.waitSignal(pane.sig_results, timeout=10000) as got:
        pane.run()
    assert got.args == [1] and pane.model.rowCount() == 1
    assert threads and threading.main_thread() not in threads
    pane._show(pane._generation - 1, "Kestrel", ([], None))  # an answer to a search typed over: dropped
    assert pane.model.rowCount() == 1
    win.close()


# ---------------------------------------------------------------- the Change-type dialog (item 16)
def test_change_type_dialog_shows_the_name_as_plain_text(
    qtbot, tmp_path, small_folder, qsettings, monkeypatch
):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLabel

    from workbench.core import extraction
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    db = tmp_path / "t.workbench.db"
    hostile = "<b>Kestrel</b> <a href='x'>link</a> <img src='file:///etc/x.png'>"
    with Store(db) as s:
        ingest(s, [small_folder])
        extraction.extract_pending(s)
        eid = s.conn.execute("SELECT id FROM entities WHERE name = 'Kestrel Machines'").fetchone()[0]
        s.entities.rename(eid, hostile)
    win = _small_window(qtbot, db, qsettings, monkeypatch)
    pane = win.entities
    pane.reload()
    assert pane.select_entity(eid) is not False
    seen = []

    def inspect():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, inspect)
            return
        seen.extend(
            (label.text(), label.textFormat()) for label in dialog.findChildren(QLabel) if label.text()
        )
        dialog.reject()

    QTimer.singleShot(0, inspect)
    pane.change_type()
    shown = [fmt for text, fmt in seen if "Kestrel" in text]
    assert shown == [Qt.PlainText]
    win.close()


def test_choose_item_returns_the_choice_and_shows_plain_text(qtbot):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from workbench.ui.safe import choose_item

    answers = []

    def accept():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, accept)
            return
        answers.extend(label.textFormat() for label in dialog.findChildren(QLabel) if label.text())
        dialog.accept()

    QTimer.singleShot(0, accept)
    value, ok = choose_item(None, "Pick", "Which one:", ["one", "two"], 1)
    assert (value, ok) == ("two", True) and answers == [Qt.PlainText]


# ---------------------------------------------------------------- files that cannot be written or read (item 9)
@pytest.fixture
def make_readonly():
    """Make a file or folder read-only even for root (the immutable attribute); undone afterwards."""
    import os
    import shutil

    done = []

    def apply(path):
        if os.geteuid() != 0:
            path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(("chmod", path))
            return
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
            pytest.skip("cannot make a file read-only for root here")
        done.append(("chattr", path))

    yield apply
    for how, path in reversed(done):
        if how == "chattr":
            subprocess.run(["chattr", "-i", str(path)])
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def closed_project(tmp_path, small_folder):
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "p.workbench.db"
    with Store(db) as s:
        ingest(s, [small_folder])
        s.set_meta("seeded", "none")
    return db


def test_a_read_only_project_file_opens_read_only_and_says_so(
    closed_project, make_readonly, capsys, tmp_path
):
    from workbench import cli
    from workbench.core.store import Store

    make_readonly(closed_project)
    with Store(closed_project) as s:
        assert s.readonly and "read-only" in s.readonly_reason
        assert s.articles.count() == 3
    assert cli.main(["--db", str(closed_project), "search", "Kestrel"]) == 0
    captured = capsys.readouterr()
    assert "open read-only" in captured.err and "Kestrel" in captured.out
    new = tmp_path / "new.txt"
    new.write_text("Quarry reopens\n\nThe Flintmoor Quarry reopened on Friday.\n", encoding="utf-8")
    assert cli.main(["--db", str(closed_project), "ingest", "--no-extract", str(new)]) == 2
    err = capsys.readouterr().err
    assert "read-only" in err and "unexpected" not in err


def test_a_writable_project_opens_for_writing(closed_project):
    from workbench.core.store import Store

    with Store(closed_project) as s:
        assert not s.readonly and s.readonly_reason is None


def test_a_project_in_a_read_only_folder_can_be_searched(closed_project, make_readonly, capsys):
    from workbench import cli

    make_readonly(closed_project.parent)
    assert cli.main(["--db", str(closed_project), "search", "Greyhill"]) == 0
    captured = capsys.readouterr()
    assert "folder" in captured.err and "Greyhill" in captured.out


def test_a_read_only_project_opens_read_only_in_the_window(
    closed_project, make_readonly, qtbot, qsettings, monkeypatch
):
    import workbench.ui.app as app_module
    import workbench.ui.main_window as mw

    told = []
    monkeypatch.setattr(app_module, "message", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(mw, "message", lambda *a, **k: told.append(a[2]))
    make_readonly(closed_project)
    monkeypatch.setattr(mw.MainWindow, "_ready", lambda self: self.sig_project_ready.emit())
    win, lock = app_module.open_window(closed_project, settings=qsettings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    assert lock is None and win.state.readonly and "read-only" in win.windowTitle()
    assert told and "read-only" in told[0]
    assert not win.act_import_files.isEnabled()
    win.close()


def test_symbolic_link_loops_and_dangling_links_are_named(tmp_path, capsys):
    from workbench import cli

    loop = tmp_path / "loop.db"
    loop.symlink_to(loop)
    assert cli.main(["--db", str(loop), "search", "x"]) == 2
    assert "loop" in capsys.readouterr().err
    dangling = tmp_path / "gone.db"
    dangling.symlink_to(tmp_path / "nowhere.db")
    assert cli.main(["--db", str(dangling), "search", "x"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "unexpected" not in err


def test_a_latin1_search_argument_is_read_as_latin1(closed_project, capsys):
    from workbench import cli

    assert cli.main(["--db", str(closed_project), "search", "Kestrel caf\udce9"]) == 0
    err = capsys.readouterr().err
    assert "Latin-1: Kestrel café" in err and "unexpected" not in err
    assert cli.main(["--db", str(closed_project), "search", "Kestrel"]) == 0
    assert "Latin-1" not in capsys.readouterr().err


def test_a_deleted_wal_is_explained(closed_project):
    import os

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    with Store(closed_project) as holder:
        holder.conn.execute("PRAGMA wal_autocheckpoint = 0")
        for i in range(30):
            holder.set_meta(f"note {i}", "x" * 2000)
        os.unlink(str(closed_project) + "-wal")
        with pytest.raises(StoreError, match="write-ahead log"):
            Store(closed_project).articles.count()
    with Store(closed_project) as s:  # the holder wrote its log back on closing
        assert s.get_meta("note 29") == "x" * 2000
