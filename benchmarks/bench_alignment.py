"""Alignment quality and speed: top-1 accuracy of three scoring methods on the labelled seed pairs,
and comparison time for the seeds and for 100 articles.

For each labelled pair, the statement of article b that scores highest against the statement of
article a is taken if its score reaches the grouping threshold; it is correct if it is the labelled
statement, or if there is none and the label says article b does not report the fact.
Usage: python benchmarks/bench_alignment.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, ROOT, machine

from workbench.core import compare as C
from workbench.core.service import build_from_seeds, import_articles
from workbench.core.store import Store

GOLD = json.loads((ROOT / "tests" / "gold" / "alignment.json").read_text(encoding="utf-8"))
THRESHOLDS = {"tfidf": 0.25, "entities": 0.2, "combined": 0.25}


def evaluate(store, method: str) -> tuple[int, int]:
    ids = store.articles.ids()
    stmts = C.statements(store, ids)
    scores = C.score_pairs(stmts, method)
    index = {}
    for i, s in enumerate(stmts):
        index.setdefault(s.article_id, []).append(i)
    correct = 0
    for p in GOLD["pairs"]:
        a = next(i for i in index[ids[p["a"] - 1]] if p["text_a"] in stmts[i].text)
        best, best_score = None, 0.0
        for j in index[ids[p["b"] - 1]]:
            s = scores.get((min(a, j), max(a, j)), 0.0)
            if s > best_score:
                best, best_score = j, s
        if best_score < THRESHOLDS[method]:
            best = None
        expected = p["text_b"]
        ok = (best is None and expected is None) or bool(
            best is not None and expected and expected in stmts[best].text
        )
        correct += ok
    return correct, len(GOLD["pairs"])


def main() -> dict:
    tmp = Path(tempfile.mkdtemp())
    store = Store(tmp / "seeds.workbench.db")
    build_from_seeds(store)
    print(f"machine: {machine()}")
    results = {}
    for method in ("tfidf", "entities", "combined"):
        ok, n = evaluate(store, method)
        results[method] = ok / n
        print(f"{method:<10} top-1 {ok}/{n} = {ok / n:.0%}")
    t0 = time.perf_counter()
    comp = C.compare(store)
    seeds_s = time.perf_counter() - t0
    print(
        f"comparison of the 5 seeds: {seeds_s * 1000:.0f} ms, {len(comp.groups)} groups "
        f"({sum(g.status == 'differ' for g in comp.groups)} differ, "
        f"{sum(g.status == 'agree' for g in comp.groups)} agree)"
    )
    if BBC_FOLDERS[0].is_dir():
        files = sorted(BBC_FOLDERS[0].glob("*.txt"))[:95]
        import_articles(store, files)
        ids = store.articles.ids()[:100]
        t0 = time.perf_counter()
        comp = C.compare(store, ids)
        hundred = time.perf_counter() - t0
        print(f"comparison of {len(ids)} articles: {hundred:.2f} s, {len(comp.groups)} groups")
        results["hundred_s"] = hundred
    store.close()
    return results


if __name__ == "__main__":
    main()
