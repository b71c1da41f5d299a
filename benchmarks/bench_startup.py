"""Start to first painted window on an existing project, against a bare PySide6 window.

Each measurement is a fresh interpreter; the figure is the wall time from just
before the process starts to the first paint event of the main window.
Usage: python benchmarks/bench_startup.py [--db PROJECT] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, median, run_child  # noqa: E402

PAINT_HOOK = """
import time
from PySide6.QtCore import QObject, QEvent, QTimer
class _Hook(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            print(time.time()); QTimer.singleShot(0, app.quit); obj.removeEventFilter(self)
        return False
"""

BARE = PAINT_HOOK + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1400, 900)
h = _Hook(); w.installEventFilter(h); w.show(); app.exec()
"""

WORKBENCH = PAINT_HOOK + """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])  # run() reuses it
from workbench.ui import main_window

# the same per-window hook as the bare window's (an application-wide filter would itself cost time:
# every object of every event would be wrapped for Python)
_init = main_window.MainWindow.__init__


def _hooked_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.installEventFilter(h)


main_window.MainWindow.__init__ = _hooked_init
h = _Hook()
from workbench.cli import main
main(["gui", "--db", {db!r}])
heavy = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'pyqtgraph', 'sklearn', 'thinc')]
assert not heavy, heavy
"""


def measure(code: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        painted = float(run_child(code))
        out.append(painted - t0)
    return out


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
    measure(BARE, 1)  # warm the file cache
    measure(WORKBENCH.format(db=db), 1)  # and write the bytecode cache, as any first start does
    bare, wb = [], []
    for _ in range(args.runs):  # alternated, so that a busy moment of the machine affects both
        bare += measure(BARE, 1)
        wb += measure(WORKBENCH.format(db=db), 1)
    ratio = median(wb) / median(bare)
    print(f"machine: {machine()}")
    print(f"{'bare PySide6 window':<34} median {median(bare) * 1000:7.0f} ms")
    print(f"{'workbench, existing project':<34} median {median(wb) * 1000:7.0f} ms")
    print(f"{'ratio (target <= 1.5)':<34} {ratio:7.2f}x")
    return {"bare_ms": median(bare) * 1000, "workbench_ms": median(wb) * 1000, "ratio": ratio}


if __name__ == "__main__":
    main()
