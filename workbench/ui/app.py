"""Start the GUI: lock the project, open it, show the window (or take a screenshot)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.lock import ProjectLock
from ..core.store import Store, StoreError
from .safe import message
from .main_window import MainWindow
from .state import AppState


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("workbench")
    app.setApplicationName("workbench")
    app.setApplicationDisplayName("workbench")
    return app


def open_window(db: Path, seed: bool = True, screenshot: bool = False,
                settings: QSettings | None = None) -> tuple[MainWindow | None, ProjectLock | None]:
    """Open the project at db in a new main window (not yet shown). Returns (window, lock)."""
    lock = ProjectLock(db)
    readonly = False
    if not lock.acquire():
        lock = None
        if not db.exists():
            message(None, "workbench", f"The project {db} is being created by another workbench window.")
            return None, None
        if not screenshot:
            box = QMessageBox(QMessageBox.Question, "Project in use",
                              f"The project {db} is open in another workbench window (process {ProjectLock(db).holder()}).\n\n"
                              "Open it read-only?", QMessageBox.Open | QMessageBox.Cancel)
            box.setTextFormat(Qt.PlainText)
            if box.exec() != QMessageBox.Open:
                return None, None
        readonly = True
    try:
        store = Store(db, readonly=readonly)
    except StoreError as exc:
        if lock:
            lock.release()
        message(None, "workbench", str(exc), icon=QMessageBox.Critical)
        return None, None
    state = AppState(store, db, readonly=readonly)
    window = MainWindow(state, settings)
    window.lock = lock
    return window, lock


def run(db: Path, seed: bool = True, screenshot: str | None = None, size: str = "1400x900") -> int:
    no_display = (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
                  and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"))
    if screenshot and no_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif no_display:
        print("workbench: no display found. Run it in a desktop session or under Xvfb "
              "(xvfb-run uv run workbench), or use the command line: workbench --help", file=sys.stderr)
        return 2
    app = _application()
    window, lock = open_window(db, seed=seed, screenshot=bool(screenshot))
    if window is None:
        return 2
    result = {"code": 0}
    if screenshot:
        try:
            w, h = (int(v) for v in size.lower().split("x"))
        except ValueError:
            w, h = 1400, 900
        window.resize(w, h)

        def shoot():
            app.processEvents()
            ok = window.grab().save(str(screenshot))
            if not ok:
                print(f"workbench: could not write {screenshot}", file=sys.stderr)
                result["code"] = 2
            else:
                print(f"screenshot saved to {screenshot}")
            window.close()
            app.quit()

        window.sig_project_ready.connect(lambda: QTimer.singleShot(400, shoot))
    window.show()
    window.start_after_first_paint(seed=seed)
    code = app.exec()
    window.shutdown()
    return result["code"] or code
