"""Operations and their undo log (core/ops.py): what recording undo costs, and how long an undo takes.

Builds a project from 400 BBC articles (--articles N for another number; 0 for all ~2,200), extracts it, then
times
  * 500 claim edits (mark, change verdict) made as operations, against the same store calls without the log;
  * entity renames and merges as operations;
  * deleting 200 articles as one operation, undoing it and redoing it (every row, with text and segments);
and prints the size of the undo log. Usage: python benchmarks/bench_ops.py [--articles N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, machine

from workbench.core import ops
from workbench.core.extraction import extract_pending
from workbench.core.ingest import ingest
from workbench.core.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400, help="this many BBC articles (0: all)")
    args = ap.parse_args()
    files = sorted(p for d in BBC_FOLDERS for p in d.glob("*.txt"))
    if args.articles:
        files = files[: args.articles]
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for p in files:
            (src / f"{p.parent.name}-{p.name}").write_bytes(p.read_bytes())
        with Store(Path(tmp) / "p.workbench.db") as store:
            store.set_meta("seeded", "none")
            t = time.perf_counter()
            ingest(store, [src])
            extract_pending(store)
            print(f"project: {store.articles.count()} articles, built in {time.perf_counter() - t:.1f} s")
            ids = store.articles.ids()

            n = 500
            t = time.perf_counter()
            for i in range(n):
                cid = store.claims.add(ids[i % len(ids)], 0, 20)
                store.claims.update(cid, verdict="disputed")
            plain = (time.perf_counter() - t) / (2 * n) * 1000
            t = time.perf_counter()
            for i in range(n):
                cid = ops.add_claim(store, ids[i % len(ids)], 0, 20).value
                ops.update_claim(store, cid, verdict="supported")
            logged = (time.perf_counter() - t) / (2 * n) * 1000
            print(
                f"claim edit: {plain:.2f} ms as a store call, {logged:.2f} ms as an operation with its undo"
            )

            t = time.perf_counter()
            for _ in range(50):
                ops.undo(store)
            print(f"undo of a claim edit: {(time.perf_counter() - t) / 50 * 1000:.2f} ms")

            rows = store.entities.rows(limit=40)
            t = time.perf_counter()
            for r in rows[:20]:
                ops.rename_entity(store, r.id, r.name + " (checked)")
            rename = (time.perf_counter() - t) / 20 * 1000
            biggest = rows[20:40]
            t = time.perf_counter()
            for a, b in zip(biggest[::2], biggest[1::2], strict=False):
                ops.merge_entities(store, a.id, b.id)
            merge = (time.perf_counter() - t) / 10 * 1000
            t = time.perf_counter()
            for _ in range(10):
                ops.undo(store)
            unmerge = (time.perf_counter() - t) / 10 * 1000
            print(f"entity rename: {rename:.1f} ms; merge: {merge:.1f} ms; undo of a merge: {unmerge:.1f} ms")

            victims = ids[:200]
            t = time.perf_counter()
            ops.delete_articles(store, victims)
            deleted = time.perf_counter() - t
            logged_rows = store.conn.execute("SELECT count(*), sum(length(stmt)) FROM op_log").fetchone()
            t = time.perf_counter()
            ops.undo(store)
            undone = time.perf_counter() - t
            t = time.perf_counter()
            ops.redo(store)
            redone = time.perf_counter() - t
            print(
                f"delete 200 articles: {deleted:.2f} s; undo {undone:.2f} s; redo {redone:.2f} s "
                f"(log: {logged_rows[0]} statements, {logged_rows[1] / 1e6:.1f} MB, history kept: {ops.KEEP} ops)"
            )


if __name__ == "__main__":
    main()
