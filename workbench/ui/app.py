"""Start the GUI: lock the project, open it, show the window (or take a screenshot)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.fs import writable_reason
from ..core.lock import ProjectLock
from .main_window import MainWindow
from .safe import message
from .state import AppState


def _application() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName("workbench")
    app.setApplicationName("workbench")
    app.setApplicationDisplayName("workbench")
    return app


def open_window(
    db: Path, seed: bool = True, screenshot: bool = False, settings: QSettings | None = None
) -> tuple[MainWindow | None, ProjectLock | None]:
    """Open the project at db in a new main window (not yet shown). Returns (window, lock)."""
    lock: ProjectLock | None = ProjectLock(db)
    readonly = False
    reason = writable_reason(db) if db.exists() and not db.is_dir() else None
    if reason:
        # nobody can write it: no lock is needed (nor can one be made in a read-only folder)
        lock, readonly = None, True
        if not screenshot:
            message(None, "workbench", f"{reason[:1].upper()}{reason[1:]}: the project opens read-only.")
    elif lock is not None and not lock.acquire():
        lock = None
        if not db.exists():
            message(None, "workbench", f"The project {db} is being created by another workbench window.")
            return None, None
        if not screenshot:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Project in use",
                f"The project {db} is open in another workbench window (process {ProjectLock(db).holder()}).\n\n"
                "Open it read-only?",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            if box.exec() != QMessageBox.StandardButton.Open:
                return None, None
        readonly = True
    problem = _not_a_project(db)
    if problem:
        if lock:
            lock.release()
        message(None, "workbench", problem, icon=QMessageBox.Icon.Critical)
        return None, None
    # the project itself is opened by the window after its first paint (MainWindow.start): a large or
    # just-recovered file may take a moment, and the window is there meanwhile
    state = AppState(None, db, readonly=readonly)
    window = MainWindow(state, settings)
    window.lock = lock
    return window, lock


def _not_a_project(db: Path) -> str | None:
    """What is plainly wrong with the file, found without opening it (the store finds the rest)."""
    try:
        if db.is_dir():
            return f"{db} is a folder, not a project file."
        if db.exists() and db.stat().st_size >= 16:
            with open(db, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    return f"{db} is not a workbench project or is damaged (file is not a database)."
    except OSError as exc:
        return f"Cannot open {db}: {exc.strerror or exc}."
    return None


def run(db: Path, seed: bool = True, screenshot: str | None = None, size: str = "1400x900") -> int:
    no_display = (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    )
    if screenshot and no_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif no_display:
        print(
            "workbench: no display found. Run it in a desktop session or under Xvfb "
            "(xvfb-run uv run workbench), or use the command line: workbench --help",
            file=sys.stderr,
        )
        return 2
    app = _application()
    window, _lock = open_window(db, seed=seed, screenshot=bool(screenshot))
    if window is None:
        return 2
    window.show_guide_on_first_start = not screenshot
    if not screenshot and window.screen() is not None:
        avail = window.screen().availableGeometry()  # never larger than the screen it opens on
        if not window.settings.contains("window/geometry"):
            # a first start takes most of the screen it opens on (a saved layout is kept as it was)
            window.resize(int(avail.width() * 0.92), int(avail.height() * 0.92))
            window.move(
                avail.x() + (avail.width() - window.width()) // 2,
                avail.y() + (avail.height() - window.height()) // 2,
            )
        elif window.width() > avail.width() or window.height() > avail.height():
            window.resize(min(window.width(), avail.width()), min(window.height(), avail.height()))
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
    return result["code"] or (2 if window.open_failed else code)
