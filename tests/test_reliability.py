"""Crash safety, full disks, backups and hostile input: properties that must hold, tested so they fail if broken."""

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT

from workbench.core.store import Store

CLAIM_WRITER = r"""
import sys
from workbench.core.store import Store
s = Store(sys.argv[1])
aid = s.articles.ids()[0]
text = s.articles.text(aid)
i = 0
while True:
    i += 1
    start = (i * 7) % (len(text) - 40)
    with s.transaction():  # one user action: the claim and its evidence together
        cid = s.claims.add(aid, start, start + 30, note=f"claim {i}")
        s.claims.add_evidence(cid, "supporting", article_id=aid, start=start, end=start + 10)
    print(f"ACK {cid}", flush=True)
"""

IMPORTER = r"""
import sys
from workbench.core.store import Store
from workbench.core.ingest import ingest
s = Store(sys.argv[1])
ingest(s, [sys.argv[2]], batch=int(sys.argv[3]), progress=lambda d, t, n: print(f"AT {d}", flush=True))
print("DONE", flush=True)
"""


def _run_and_kill(args, acks_wanted, rng):
    proc = subprocess.Popen(
        [sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    acked = []
    try:
        for line in proc.stdout:
            if line.startswith("ACK"):
                acked.append(int(line.split()[1]))
            if len(acked) >= acks_wanted or (line.startswith(("AT", "DONE")) and rng.random() < 0.08):
                time.sleep(rng.random() * 0.02)
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    return acked


def test_sigkill_while_saving_claims_loses_nothing_acknowledged(seeded_copy):
    rng = random.Random(7)
    acknowledged = []
    trials = 20
    for _ in range(trials):
        acknowledged += _run_and_kill([CLAIM_WRITER, str(seeded_copy)], rng.randint(1, 12), rng)
    with Store(seeded_copy) as s:
        assert s.integrity_check() == "ok"
        ids = {c.id for c in s.claims.matching()}
        assert set(acknowledged) <= ids, "an acknowledged claim was lost"
        for cid in ids:
            assert len(s.claims.evidence(cid)) == 1, "a claim was saved without its evidence (half-saved)"
        assert len(acknowledged) >= trials


def test_sigkill_during_import_then_resume(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(240):
        (src / f"{i:04}.txt").write_text(
            f"Headline {i}\n\nBody of article {i}. It has two sentences.\n", encoding="utf-8"
        )
    db = tmp_path / "import.workbench.db"
    with Store(db) as s:
        s.set_meta("seeded", "none")
    rng = random.Random(11)
    counts = []
    for _ in range(12):
        _run_and_kill([IMPORTER, str(db), str(src), "15"], 10**9, rng)
        with Store(db) as s:
            assert s.integrity_check() == "ok"
            n = s.articles.count()
            counts.append(n)
            orphans = s.conn.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences WHERE article_id = a.id)"
            ).fetchone()[0]
            assert orphans == 0, "an article was stored without its sentences"
    assert counts == sorted(counts)  # every run resumes, never goes back
    assert counts[0] < 240, "the first import should have been killed part-way"
    from workbench.core.ingest import ingest

    with Store(db) as s:
        report = ingest(s, [src])
        assert s.articles.count() == 240
        assert len(report.added) + len(report.duplicates) == 240
        assert s.conn.execute("SELECT count(DISTINCT sha256) FROM articles").fetchone()[0] == 240


def test_disk_full_is_reported_and_the_project_stays_intact(seeded_copy):
    with Store(seeded_copy) as s:
        aid = s.articles.ids()[0]
        kept = s.claims.add(aid, 0, 10, note="before")
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError, match="full"):
            for _i in range(500):
                s.claims.add(aid, 0, 10, note="x" * 4000)
        assert s.integrity_check() == "ok"
        assert s.claims.get(kept).note == "before"
    with Store(seeded_copy) as s:
        assert s.integrity_check() == "ok"


def test_disk_full_in_the_window_shows_the_file_and_keeps_the_note(
    qtbot, seeded_copy, qsettings, monkeypatch
):
    from PySide6.QtWidgets import QApplication

    import workbench.ui.main_window as mw
    from workbench.ui.app import open_window

    shown = []
    monkeypatch.setattr(mw, "message", lambda *a, **k: shown.append(a))
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    text = win.reader.article.text
    start = text.index("Kyodo News")
    win.reader.select_range(start, start + 10)
    win.act_mark_claim.trigger()
    claim = win.state.store.claims.matching()[0]
    pane = win.claims
    conn = win.state.store.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    pane.note.setPlainText("a long note " * 2000)
    pane.flush()
    assert shown and "full" in shown[-1][2] and "shows what it holds" in shown[-1][2]
    assert pane.note.toPlainText() == ""  # the screen shows the file, not the unsaved change
    assert QApplication.clipboard().text().startswith("a long note")  # the words typed are kept
    assert win.state.store.claims.get(claim.id).note == ""  # nothing half-saved
    assert win.state.store.integrity_check() == "ok"
    win.close()


def test_backup_while_writing_is_consistent(seeded_copy, tmp_path):
    stop, writing = threading.Event(), threading.Event()
    written = []

    def writer():
        with Store(seeded_copy) as w:
            aid = w.articles.ids()[0]
            while not stop.is_set():
                written.append(w.claims.add(aid, 5, 25, note="during backup"))
                writing.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(10), "the writer never wrote"
        with Store(seeded_copy, readonly=True) as s:
            during = len(written)
            copies = [s.backup_to(tmp_path / f"copy{i}.db") for i in range(3)]
            during = len(written) - during
    finally:
        stop.set()
        thread.join()
    assert during > 0, "no write happened while the copies were made"
    for copy in copies:
        with Store(copy, readonly=True) as c:
            assert c.integrity_check() == "ok"
            assert c.articles.count() == 5
    with Store(seeded_copy) as s, pytest.raises(Exception, match="different file"):
        s.backup_to(seeded_copy)


@pytest.mark.skipif(not shutil.which("findmnt"), reason="compares with util-linux's findmnt")
def test_filesystem_type_is_the_mount_holding_the_path(tmp_path):
    from workbench.core import fs

    expected = subprocess.run(
        ["findmnt", "-n", "-o", "FSTYPE", "--target", str(tmp_path)], capture_output=True, text=True
    ).stdout.strip()
    assert expected and fs.filesystem_type(tmp_path) == expected


def test_network_drive_warning(monkeypatch, tmp_path):
    from workbench.core import fs

    monkeypatch.setattr(fs, "filesystem_type", lambda p: "nfs4")
    assert fs.on_network_drive(tmp_path / "x.db")
    monkeypatch.setattr(fs, "filesystem_type", lambda p: "ext4")
    assert not fs.on_network_drive(tmp_path / "x.db")


@pytest.mark.parametrize(
    "nasty", ["<img src=file:///etc/hostname>", "<a href=file:///etc/passwd>x</a>", "AT&T <b>x</b>"]
)
def test_tooltips_show_literal_text(nasty):
    from PySide6.QtGui import QTextDocument

    from workbench.ui.safe import tooltip

    doc = QTextDocument()
    doc.setHtml(tooltip(nasty))
    assert doc.toPlainText() == nasty  # what Qt shows is the literal text


def test_hostile_names_and_notes_are_plain_everywhere(qtbot, tmp_path, qsettings):
    from workbench.core.ingest import ingest
    from workbench.ui.app import open_window

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "Hostile <b>Corp</b> headline\n\nThe firm AT&T <b>x</b> said so. "
        "See <img src=file:///etc/hostname> and <a href=file:///etc/passwd>x</a>.",
        encoding="utf-8",
    )
    db = tmp_path / "h.workbench.db"
    with Store(db) as s:
        ingest(s, [src])
        s.set_meta("seeded", "none")
        aid = s.articles.ids()[0]
        cid = s.claims.add(aid, 0, 20, note="<img src=file:///etc/hostname>", tags="<b>t</b>")
        eid = s.entities.create("AT&T <b>x</b>", "ORG")
        s.conn.execute(
            'INSERT INTO mentions (article_id, start, "end", text, entity_id, type, source) '
            "VALUES (?, 30, 44, 'AT&T <b>x</b>', ?, 'ORG', 'analyst')",
            [aid, eid],
        )
        s.conn.commit()
    win, _lock = open_window(db, settings=qsettings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    ent = win.entities.model
    win.entities.reload()
    names = [ent.data(ent.index(r, 0)) for r in range(ent.rowCount())]
    assert "AT&T <b>x</b>" in names
    win.claims.reload()
    cm = win.claims.model
    assert cm.rows and cm.rows[0][0].note == "<img src=file:///etc/hostname>"
    win.claims.select_claim(cid)
    assert win.claims.note.toPlainText() == "<img src=file:///etc/hostname>"
    assert win.reader.text.toPlainText().startswith("Hostile <b>Corp</b> headline")
    win.close()
