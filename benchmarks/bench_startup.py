"""Start to first painted window on an existing project, against a bare PySide6 window.

Each measurement is a fresh interpreter; the figures are the wall time from just before the
process starts to the first paint event of the main window, and to the moment the project's
articles are listed and the first one is in the reader (the window is ready). Both are compared
with the first paint of a bare PySide6 window measured in the same run (budgets: first paint
<= 1.75x, ready <= 2.5x).
Usage: python benchmarks/bench_startup.py [--db PROJECT] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, median, run_child

#: the budgets, as ratios to the first paint of a bare PySide6 window
PAINT_BUDGET = 1.75
READY_BUDGET = 2.5

PAINT_HOOK = """
import time
from PySide6.QtCore import QObject, QEvent, QTimer
painted = []
class _Hook(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            painted.append(time.time()); obj.removeEventFilter(self); QTimer.singleShot(0, self.done)
        return False
    def done(self):
        print(painted[0]); app.quit()
"""

BARE = (
    PAINT_HOOK
    + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1400, 900)
h = _Hook(); w.installEventFilter(h); w.show(); app.exec()
"""
)

# exactly the quick start's `workbench` (no arguments: the default project, found through XDG_DATA_HOME)
WORKBENCH = (
    """
import sys
from workbench.cli import main  # as the entry point does: the core first, no Qt yet
"""
    + PAINT_HOOK
    + """
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])  # run() reuses it
from workbench.ui import main_window

# the same per-window hook as the bare window's (an application-wide filter would itself cost time:
# every object of every event would be wrapped for Python)
_init = main_window.MainWindow.__init__


def _ready():  # the project is listed and its first article is in the reader
    QTimer.singleShot(0, lambda: (print(painted[0], time.time()), app.quit()))


def _hooked_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.installEventFilter(h)
    self.sig_project_ready.connect(_ready)


main_window.MainWindow.__init__ = _hooked_init
h = _Hook()
h.done = lambda: None  # keep running until the project is ready
main([])
heavy = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'pyqtgraph', 'sklearn', 'thinc')]
assert not heavy, heavy
"""
)


def measure(code: str, env: dict) -> list[float]:
    """Seconds from just before the process starts to each time it prints (first paint[, ready])."""
    t0 = time.time()
    return [float(v) - t0 for v in run_child(code, env).split()]


def compare(db: str | Path, runs: int = 15) -> dict:
    """Median first paint of the bare window and of workbench on the project db, and the ratio."""
    from workbench.core.project import PROJECT_SUFFIX

    # the window's saved layout goes to a folder of its own, not the user's settings; the warm-up runs
    # save one, so the runs measured are second starts, as most are
    home = Path(tempfile.mkdtemp())
    (home / "data" / "workbench").mkdir(parents=True)
    (home / "data" / "workbench" / f"project{PROJECT_SUFFIX}").symlink_to(Path(db).resolve())
    env = {"XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    measure(BARE, env)  # warm the file cache
    for _ in range(2):
        measure(WORKBENCH, env)  # and write the bytecode cache, as any first start does
    bare, paint, ready = [], [], []
    for _ in range(runs):  # alternated, so that a busy moment of the machine affects both
        bare += measure(BARE, env)
        p, r = measure(WORKBENCH, env)
        paint.append(p)
        ready.append(r)
    return {
        "bare_ms": median(bare) * 1000,
        "workbench_ms": median(paint) * 1000,
        "ratio": median(paint) / median(bare),
        "ready_ms": median(ready) * 1000,
        "ready_ratio": median(ready) / median(bare),
    }


def report(db, m: dict) -> None:
    print(f"project: {db} ({Path(db).stat().st_size / 1e6:.0f} MB)")
    print(f"{'bare PySide6 window, first paint':<44} median {m['bare_ms']:7.0f} ms")
    print(f"{'workbench window, first paint':<44} median {m['workbench_ms']:7.0f} ms")
    print(f"{f'ratio (target <= {PAINT_BUDGET})':<44} {m['ratio']:7.2f}x")
    print(f"{'workbench, articles listed and first shown':<44} median {m['ready_ms']:7.0f} ms")
    print(f"{f'ratio to the bare paint (target <= {READY_BUDGET})':<44} {m['ready_ratio']:7.2f}x")


def main() -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="existing project (default: a new one built from the seeds)")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    db = args.db
    if not db:
        from workbench.core.service import build_from_seeds
        from workbench.core.store import Store

        db = str(Path(tempfile.mkdtemp()) / "bench.workbench.db")
        with Store(db) as s:
            build_from_seeds(s)
    m = compare(db, args.runs)
    print(f"machine: {machine()}")
    report(db, m)
    return m


if __name__ == "__main__":
    main()
