"""Ingest of the BBC corpus (2,225 files) into a new project: every file accounted for, and the time.

Usage: python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, machine

from workbench.core.ingest import ingest
from workbench.core.store import Store


def main() -> dict:
    if not BBC_FOLDERS[0].is_dir():
        print("BBC corpus not found beside the checkout; skipped")
        return {}
    path = Path(tempfile.mkdtemp()) / "bbc.workbench.db"
    with Store(path) as store:
        t0 = time.perf_counter()
        report = ingest(store, BBC_FOLDERS)
        elapsed = time.perf_counter() - t0
        latin = [r for r in report.added if r.warnings]
        pound = all("£" in store.articles.text(r.article_id) for r in latin)
        size = path.stat().st_size / 1e6
    print(f"machine: {machine()}")
    print(f"files seen        {len(report.results)}")
    print(f"added             {len(report.added)}")
    print(f"duplicates        {len(report.duplicates)}")
    print(f"refused           {len(report.refused)}")
    print(
        f"fallback decoded  {len(latin)} ({', '.join(Path(r.path).parent.name + '/' + Path(r.path).name for r in latin)}), £ intact: {pound}"
    )
    print(f"time              {elapsed:.2f} s ({len(report.results) / elapsed:.0f} files/s)")
    print(f"project size      {size:.1f} MB")
    return {"seconds": elapsed, "files": len(report.results)}


if __name__ == "__main__":
    main()
