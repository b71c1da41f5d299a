"""Import of a large folder through the app's own import path, cancelled, killed and resumed.

Generates N article files (default 100,000) from the BBC texts, each with a unique reference line,
plus one exact copy for every 500 (duplicates the import must report, not add). Then:

1. imports the folder and cancels when a third of it has been read (as the Cancel button does);
2. imports it again in a separate process and kills that process (SIGKILL) at about two thirds;
3. imports it again to the end.

Checks afterwards: every distinct file is in the project exactly once, every planted copy was reported
as a duplicate, every article has its sentences (nothing half-written), and the file passes
``PRAGMA integrity_check``. Entity extraction is left out (``extract=False``): at the rate measured
by bench_extract.py it would take most of an hour for 100,000 articles; its cancel and resume are
the same mechanism (articles without a current extraction are done on the next run).

Usage: python benchmarks/bench_import.py [--files 100000]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, ROOT, machine, rss_mb

from workbench.core.project import mark_unseeded_project
from workbench.core.service import import_articles
from workbench.core.store import Store

COPY_EVERY = 500

RESUME_CHILD = """
import sys
from workbench.core.service import import_articles
from workbench.core.store import Store
with Store(sys.argv[1]) as store:
    import_articles(store, [sys.argv[2]], extract=False)
"""


def generate(folder: Path, n: int) -> tuple[int, int]:
    """n distinct files (+ a copy of every COPY_EVERY-th); returns (distinct, copies)."""
    sources = [
        p.read_bytes().replace(b"\r\n", b"\n").rstrip(b"\n")
        for d in BBC_FOLDERS
        for p in sorted(d.glob("*.txt"))
    ]
    copies = 0
    for i in range(n):
        sub = folder / f"{i // 1000:03}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = sources[i % len(sources)] + f"\n\nReference {i}.\n".encode()
        (sub / f"a{i:06}.txt").write_bytes(data)
        if i % COPY_EVERY == 0:
            (sub / f"a{i:06}-copy.txt").write_bytes(data)
            copies += 1
    return n, copies


def count(db: Path) -> int:
    with Store(db, readonly=True) as s:
        return s.articles.count()


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=100_000)
    args = ap.parse_args()
    if not BBC_FOLDERS[0].is_dir():
        print("BBC corpus not found beside the checkout; skipped")
        return {}
    tmp = Path(tempfile.mkdtemp())
    folder, db = tmp / "articles", tmp / "import.workbench.db"
    t0 = time.perf_counter()
    distinct, copies = generate(folder, args.files)
    print(f"machine: {machine()}")
    print(
        f"generated         {distinct + copies:,} files ({distinct:,} distinct, {copies} exact copies) "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    with Store(db) as store:
        mark_unseeded_project(store)

    # 1. cancel at a third, as the progress dialog's Cancel button does (a flag the import checks per file)
    cancel = threading.Event()
    cancelled_at = {}

    def progress(done, total, label):
        if done >= total // 3 and not cancel.is_set():
            cancelled_at["t"] = time.perf_counter()
            cancel.set()

    t0 = time.perf_counter()
    with Store(db) as store:
        first = import_articles(store, [folder], progress=progress, cancel=cancel, extract=False)
    t1 = time.perf_counter()
    n1 = count(db)
    print(
        f"1. cancelled      {first.report.cancelled}; {n1:,} articles after {t1 - t0:.1f} s "
        f"({n1 / (t1 - t0):.0f} files/s); stopped {1000 * (t1 - cancelled_at['t']):.0f} ms after Cancel"
    )

    # 2. resume in another process and kill it at about two thirds
    child = subprocess.Popen(
        [sys.executable, "-c", RESUME_CHILD, str(db), str(folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    target = 2 * distinct // 3
    while child.poll() is None:
        time.sleep(0.5)
        try:
            if count(db) >= target:
                os.kill(child.pid, signal.SIGKILL)
                break
        except Exception:  # the file is being written: look again
            continue
    child.wait()
    n2 = count(db)
    print(f"2. killed         exit {child.returncode}; {n2:,} articles kept")

    # 3. resume to the end
    t0 = time.perf_counter()
    with Store(db) as store:
        last = import_articles(store, [folder], extract=False)
    t1 = time.perf_counter()
    report = last.report
    with Store(db, readonly=True) as s:
        n3 = s.articles.count()
        unique_shas = s.conn.execute("SELECT count(DISTINCT sha256) FROM articles").fetchone()[0]
        without_sentences = s.conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences WHERE article_id = a.id)"
        ).fetchone()[0]
        integrity = s.conn.execute("PRAGMA integrity_check").fetchone()[0]
    already = sum(1 for r in report.duplicates if r.reason == "already in the project")
    planted = sum(1 for r in report.duplicates if r.reason.startswith("same content as"))
    print(
        f"3. resumed        {len(report.added):,} added, {already:,} already in the project, "
        f"{planted} duplicates of a file in this run, {len(report.refused)} refused, in {t1 - t0:.1f} s"
    )
    print(f"articles          {n3:,} (distinct files {distinct:,}; distinct content {unique_shas:,})")
    print(f"without sentences {without_sentences}")
    print(f"integrity         {integrity}")
    print(f"project size      {db.stat().st_size / 1e6:.0f} MB; RSS {rss_mb():.0f} MB")
    ok = n3 == distinct == unique_shas and without_sentences == 0 and integrity == "ok"
    print("result            " + ("every file once, nothing half-written" if ok else "FAILED"))
    return {"articles": n3, "ok": ok}


if __name__ == "__main__":
    main()
