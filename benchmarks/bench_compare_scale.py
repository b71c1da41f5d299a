"""Comparison and brief at scale (issue 18, item 15): time and peak memory for the whole project.

Projects of N generated articles are built as in bench_scale.py (BBC texts with a unique line appended; the
extraction of each BBC original is reused), then, each in a fresh process, the comparison of every article
(`core.compare.compare`) and the brief (`core.brief.markdown`) are timed and the peak resident memory read.
Generated copies share their original's text, so the copy finder links them: the worst case for alignment.
Usage: python benchmarks/bench_compare_scale.py [--sizes 1000,2000,5000,10000,20000] [--originals 300]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, ROOT, machine
from bench_scale import build, originals

from workbench.core.extraction import extract_pending
from workbench.core.ingest import prepare
from workbench.core.project import mark_unseeded_project
from workbench.core.store import Store

PROBE = r"""
import json, resource, sys, time
from workbench.core import brief
from workbench.core.compare import compare
from workbench.core.store import Store
with Store(sys.argv[1]) as s:
    t0 = time.perf_counter()
    comp = compare(s)
    compare_s = time.perf_counter() - t0
    compare_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    groups, findings = len(comp.groups), len(comp.findings)
    del comp  # the brief makes its own comparison
    t0 = time.perf_counter()
    text = brief.markdown(s)
    brief_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"compare_s": compare_s, "brief_s": brief_s, "groups": groups, "findings": findings,
                      "brief_kb": len(text) / 1024, "compare_peak_mb": compare_peak, "peak_mb": peak}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,2000,5000")
    ap.add_argument("--originals", type=int, default=300)
    args = ap.parse_args()
    if not BBC_FOLDERS[0].is_dir():
        print("BBC corpus not found beside the checkout; skipped")
        return
    print(machine())
    tmp = Path(tempfile.mkdtemp())
    sources = originals()[: args.originals]
    base = tmp / "base.workbench.db"
    with Store(base) as b:
        mark_unseeded_project(b)
        for name, data in sources:
            draft, warns = prepare(
                Path(name), data=data.replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\nRef base.\n"
            )
            if b.articles.id_for_sha(draft.sha256) is None:
                b.articles.add(draft, warns)
        t0 = time.perf_counter()
        extract_pending(b)
        print(f"extraction of {b.articles.count()} originals: {time.perf_counter() - t0:.1f} s")
    print(
        f"{'articles':>9} {'compare s':>10} {'per 1k':>8} {'brief s':>8} {'peak MB':>8} {'groups':>7} {'findings':>9}"
    )
    for n in [int(x) for x in args.sizes.split(",")]:
        path = tmp / f"c{n}.workbench.db"
        build(path, n, sources, base)
        r = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=7200
        )
        if r.returncode != 0:
            print(f"{n:>9} failed: {r.stderr[-400:]}")
            continue
        m = json.loads(r.stdout.strip().splitlines()[-1])
        print(
            f"{n:>9} {m['compare_s']:>10.1f} {m['compare_s'] / n * 1000:>8.2f} {m['compare_peak_mb']:>8.0f} "
            f"{m['brief_s']:>8.1f} {m['peak_mb']:>8.0f} {m['groups']:>7} {m['findings']:>9}",
            flush=True,
        )
        path.unlink()


if __name__ == "__main__":
    main()
