"""Reader with highlights: time to show a 25 KB and a 1 MB article with all their entity highlights.

The articles are built from BBC texts, ingested and extracted; the figure is the wall
time of ReaderPane.show_article plus the layout and first paint it causes (offscreen).
Usage: python benchmarks/bench_reader.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC_FOLDERS, machine, median


def build(folder: Path, size: int, name: str, sources: list[Path]) -> Path:
    parts, total = [], 0
    i = 0
    while total < size:
        text = sources[i % len(sources)].read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        total += len(text.encode("utf-8"))
        i += 1
    body = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    path = folder / name
    path.write_text(f"{name} benchmark article\n\n" + body, encoding="utf-8")
    return path


def main() -> dict:
    from PySide6.QtWidgets import QApplication

    from workbench.core.project import mark_unseeded_project
    from workbench.core.service import import_articles
    from workbench.core.store import Store
    from workbench.ui.panes.reader import ReaderPane
    from workbench.ui.state import AppState

    sources = (
        sorted(BBC_FOLDERS[0].glob("*.txt"))
        if BBC_FOLDERS[0].is_dir()
        else sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    )
    tmp = Path(tempfile.mkdtemp())
    files = [build(tmp, 25_000, "a25k.txt", sources), build(tmp, 1_000_000, "a1m.txt", sources)]
    store = Store(tmp / "reader.workbench.db")
    mark_unseeded_project(store)
    import_articles(store, files)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    state = AppState(store, tmp / "reader.workbench.db")
    reader = ReaderPane(state)
    reader.resize(900, 800)
    reader.show()
    app.processEvents()
    results = {}
    for aid in store.articles.ids():
        art = store.articles.get(aid)
        times = []
        for _ in range(5):
            reader.article = None
            t0 = time.perf_counter()
            reader.show_article(aid)
            reader.repaint()
            app.processEvents()
            times.append(time.perf_counter() - t0)
        results[art.file] = (len(art.text.encode("utf-8")), len(reader.mentions), median(times))
    print(f"machine: {machine()}")
    for name, (size, n, t) in results.items():
        budget = 50 if size < 100_000 else 1000
        print(
            f"{name:<10} {size / 1000:8.0f} KB  {n:6d} highlights  {t * 1000:8.1f} ms  (budget {budget} ms)"
        )
    store.close()
    return results


if __name__ == "__main__":
    main()
