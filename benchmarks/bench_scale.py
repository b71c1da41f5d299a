"""A large project stays fast: list, search, entities, members, comparison and memory at 1k/10k/100k articles.

The corpus is generated here from the BBC texts: each generated article is a BBC article with a
unique reference line appended (so it is not a duplicate) and its title varied. Entity extraction is
run for real on the BBC originals once; generated copies reuse those results (same text up to the
appended line, so the offsets hold), which keeps a 100k run to minutes instead of an hour of spaCy.
Usage: python benchmarks/bench_scale.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, ROOT, machine, p95

from workbench.core.extraction import current_version, extract_pending
from workbench.core.ingest import prepare
from workbench.core.members import facts_version
from workbench.core.project import mark_unseeded_project
from workbench.core.store import Store


def originals() -> list[tuple[str, bytes]]:
    files = [p for folder in BBC_FOLDERS for p in sorted(folder.glob("*.txt"))]
    return [(p.name, p.read_bytes()) for p in files]


def build(path: Path, n: int, sources, base: Path) -> float:
    """Generate n articles into a new project; copies reuse the extraction of their original."""
    t0 = time.perf_counter()
    with Store(base, readonly=True) as b:
        by_sha = {}
        facts_by_file: dict[str, list] = {}
        for aid in b.articles.ids():
            art = b.articles.get(aid)
            rows = b.conn.execute(
                'SELECT m.start, m."end", m.text, e.name, e.type, m.value, m.source FROM mentions m '
                "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
                [aid],
            ).fetchall()
            by_sha[art.file] = rows
            facts_by_file[art.file] = b.facts.of([aid])[aid]
    fact_version = facts_version()
    store = Store(path)
    mark_unseeded_project(store)
    entity_ids: dict[tuple[str, str], int] = {}
    version = current_version()
    rng = random.Random(1)
    batch = []
    draft_name: dict[str, str] = {}
    for i in range(n):
        name, data = sources[i % len(sources)]
        data = data.replace(b"\r\n", b"\n").rstrip(b"\n") + f"\n\nRef {i} / {rng.random():.6f}.\n".encode()
        draft, warns = prepare(Path(f"gen{i:06}_{name}"), data=data)
        batch.append((draft, warns, by_sha.get(name, [])))
        draft_name[draft.sha256] = name
        if len(batch) == 500 or i == n - 1:
            with store.transaction():
                for draft, warns, mentions in batch:
                    aid = store.articles.add(draft, warns)
                    rows = []
                    for s, e, text, ename, etype, value, source in mentions:
                        key = (ename, etype)
                        if key not in entity_ids:
                            entity_ids[key] = store.entities.create(ename, etype)
                        rows.append((aid, s, e, text, entity_ids[key], etype, value, source))
                    store.conn.executemany(
                        'INSERT INTO mentions (article_id, start, "end", text, entity_id, type, '
                        "value, source) VALUES (?,?,?,?,?,?,?,?)",
                        rows,
                    )
                    store.conn.execute(
                        "INSERT INTO extraction (article_id, sha256, version, done_at) "
                        "VALUES (?,?,?,'bench')",
                        [aid, draft.sha256, version],
                    )
                    # the role facts read at extraction, as for the original (same text up to the last line)
                    store.facts.replace(aid, facts_by_file.get(draft_name[draft.sha256], []), fact_version)
            batch.clear()
    store.close()
    return time.perf_counter() - t0


WINDOW_PROBE = r"""
import os, sys, time, json
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from workbench.ui.app import _application, open_window
app = _application()
t0 = time.perf_counter()
win, lock = open_window(Path(sys.argv[1]), settings=QSettings(sys.argv[2], QSettings.IniFormat))
win.show(); win.start(); app.processEvents()
opened = time.perf_counter() - t0
view = win.articles.view
t0 = time.perf_counter()
for step in range(40):
    view.verticalScrollBar().setValue(step * view.verticalScrollBar().maximum() // 40)
    app.processEvents()
scroll = (time.perf_counter() - t0) / 40
t0 = time.perf_counter()
win.entities.reload()
entities = time.perf_counter() - t0
t0 = time.perf_counter()
win.docks["members"].show(); win.docks["members"].raise_()  # as a click on its tab does
# the pane is made and derives on a worker thread above 100 listed articles: timed until its rows are in
# (waiting in Qt's event loop, as the app does, so that this loop takes no time from the worker thread)
from PySide6.QtCore import QEventLoop, QTimer
tick = QTimer(); tick.start(50)
while win._made("members") is None or win.members._stale or win.members._pending is not None:
    app.processEvents(QEventLoop.WaitForMoreEvents)
members = time.perf_counter() - t0
while win.members.chart is None:  # then its chart (pyqtgraph is imported the first time)
    app.processEvents(QEventLoop.WaitForMoreEvents)
members_chart = time.perf_counter() - t0
tick.stop()
rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
print(json.dumps({"open_s": opened, "scroll_step_ms": scroll * 1000, "entities_s": entities,
                  "members_s": members, "members_chart_s": members_chart, "rss_mb": rss}))
win.close()  # as the user closes it (the project is let go)
win.deleteLater(); app.processEvents()
"""


def measure(path: Path) -> dict:
    out = {}
    with Store(path, readonly=True) as s:
        t0 = time.perf_counter()
        ids = s.articles.ids()
        out["list_ids_s"] = time.perf_counter() - t0
        words = [
            "minister",
            "shares",
            "profit",
            "film",
            "election",
            '"chief executive"',
            "bank -football",
            "growth OR inflation",
            "microsoft",
            "champion*",
            "U.S.",
            "$6.3bn",
            "oil prices",
            "tax",
            "music",
            "court",
            "phone",
            "record",
            "league",
            "internet",
        ]
        times = []
        for q in words * 3:
            t0 = time.perf_counter()
            s.articles.search(q, limit=100)
            times.append(time.perf_counter() - t0)
        out["search_p95_ms"] = p95(times) * 1000
        out["search_median_ms"] = statistics.median(times) * 1000
        t0 = time.perf_counter()
        s.entities.rows()
        out["entity_rows_s"] = time.perf_counter() - t0
        from workbench.core.compare import compare

        t0 = time.perf_counter()
        compare(s, ids[:100])
        out["compare100_s"] = time.perf_counter() - t0
        out["articles"] = len(ids)
    settings = Path(tempfile.mkdtemp()) / "s.ini"
    r = subprocess.run(
        [sys.executable, "-c", WINDOW_PROBE, str(path), str(settings)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=1800,
    )
    if r.returncode == 0:
        out.update(json.loads(r.stdout.strip().splitlines()[-1]))
    else:
        out["window_error"] = r.stderr[-500:]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args()
    if not BBC_FOLDERS[0].is_dir():
        print("BBC corpus not found beside the checkout; skipped")
        return
    tmp = Path(tempfile.mkdtemp())
    sources = originals()
    base = tmp / "base.workbench.db"
    with Store(base) as b:
        mark_unseeded_project(b)
        for name, data in sources[:300]:
            try:
                draft, warns = prepare(
                    Path(name), data=data.replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\nRef base.\n"
                )
            except Exception:
                continue
            if b.articles.id_for_sha(draft.sha256) is None:
                b.articles.add(draft, warns)
        t0 = time.perf_counter()
        extract_pending(b)
        print(f"extraction of {b.articles.count()} originals: {time.perf_counter() - t0:.1f} s")
    sources = sources[:300]
    print(f"machine: {machine()}")
    sizes = [int(x) for x in args.sizes.split(",")]
    for n in sizes:
        path = tmp / f"scale{n}.workbench.db"
        built = build(path, n, sources, base)
        m = measure(path)
        size = path.stat().st_size / 1e6
        print(f"\n{n} articles ({size:.0f} MB, built in {built:.0f} s)")
        for key, budget in (
            ("open_s", "window with the list ≤ 1 s"),
            ("list_ids_s", ""),
            ("scroll_step_ms", "smooth"),
            ("search_p95_ms", "≤ 20 ms"),
            ("search_median_ms", ""),
            ("entities_s", "≤ 1 s"),
            ("entity_rows_s", ""),
            ("members_s", "≤ 1 s"),
            ("members_chart_s", ""),
            ("compare100_s", "≤ 10 s"),
            ("rss_mb", "≤ 400 MB"),
        ):
            if key in m:
                print(f"  {key:<18} {m[key]:10.3f}   {budget}")
        if "window_error" in m:
            print("  window probe failed:", m["window_error"])
        if n == max(sizes):  # start-up on the largest project, against a bare window in the same run
            from bench_startup import compare, report

            report(path, compare(path))


if __name__ == "__main__":
    main()
