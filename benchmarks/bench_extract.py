"""Entity extraction throughput on the BBC corpus, as a ratio to raw spaCy ``nlp.pipe`` in the same run.

Reference: the same model with the same components (named-entity recognition only)
running ``nlp.pipe`` over the same texts in one process. Workbench: ``extract_pending``
on a project holding those articles (masking, rules, values, resolution and writes
included), with its default of two processes for large imports.
Usage: python benchmarks/bench_extract.py [--limit N] [--single]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, machine

from workbench.core.extraction import extract_pending
from workbench.core.ingest import ingest
from workbench.core.project import mark_unseeded_project
from workbench.core.store import Store


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--single", action="store_true", help="also time workbench with one process")
    args = ap.parse_args()
    if not BBC_FOLDERS[0].is_dir():
        print("BBC corpus not found beside the checkout; skipped")
        return {}
    import spacy

    from workbench.core.nlp import MODEL, UNUSED

    path = Path(tempfile.mkdtemp()) / "x.workbench.db"
    with Store(path) as store:
        mark_unseeded_project(store)
        ingest(store, BBC_FOLDERS)
        ids = store.articles.ids()
        if args.limit:
            store.articles.delete(ids[args.limit :])
            ids = ids[: args.limit]
        texts = [store.articles.text(i) for i in ids]
        chars = sum(map(len, texts))

        nlp = spacy.load(MODEL, exclude=UNUSED)
        list(nlp.pipe(texts[:20]))  # warm up
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        raw = time.perf_counter() - t0

        from workbench.core.nlp import recognizer

        recognizer()  # model load is not part of throughput
        t0 = time.perf_counter()
        result = extract_pending(store)
        ours = time.perf_counter() - t0
        single = None
        if args.single:
            store.conn.execute("DELETE FROM extraction")
            store.conn.commit()
            t0 = time.perf_counter()
            extract_pending(store, n_process=1)
            single = time.perf_counter() - t0
        mentions = store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    print(f"machine: {machine()}")
    print(f"articles {len(texts)}, {chars / 1e6:.1f} M characters, {mentions} mentions")
    print(f"raw nlp.pipe (NER only, 1 process)   {raw:7.1f} s  {len(texts) / raw:6.1f} articles/s")
    print(f"workbench extract_pending (default)  {ours:7.1f} s  {len(texts) / ours:6.1f} articles/s")
    if single:
        print(
            f"workbench extract_pending (1 proc)   {single:7.1f} s  {len(texts) / single:6.1f} articles/s"
            f"  ratio {raw / single:.2f}"
        )
    print(f"throughput ratio (target >= 0.8)     {raw / ours:7.2f}")
    return {"raw_s": raw, "ours_s": ours, "ratio": raw / ours, "articles": result["articles"]}


if __name__ == "__main__":
    main()
