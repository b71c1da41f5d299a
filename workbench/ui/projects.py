"""Projects and interchange from the File menu: new, open, recent projects; W3C annotations in and out;
the followthemoney export. Each project opens in its own window (this one closes once the other is up)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ..core.changes import Changes
from .safe import message

if TYPE_CHECKING:
    from .main_window import MainWindow

SUFFIX = ".workbench.db"
#: how many recent projects File → Open recent lists
MAX_RECENT = 8
_open_windows: list[MainWindow] = []  # windows opened from here: kept alive by this list, not by their opener


def _forget(window: MainWindow) -> None:
    if window in _open_windows:
        _open_windows.remove(window)


def default_settings() -> QSettings:
    """The window's settings (layouts, workspaces, recent projects) in an INI file in the user's config
    folder (platformdirs), the same place on every platform's conventions."""
    return QSettings(
        str(platformdirs.user_config_path("workbench") / "workbench.ini"), QSettings.Format.IniFormat
    )


def project_title(path: Path) -> str:
    name = path.name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) and len(name) > len(SUFFIX) else name


def recent_projects(settings: QSettings) -> list[str]:
    value = settings.value("projects/recent", [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def remember_project(settings: QSettings, path: Path | str) -> None:
    resolved = str(Path(path).resolve())
    others = [p for p in recent_projects(settings) if p != resolved]
    settings.setValue("projects/recent", [resolved, *others[: MAX_RECENT - 1]])


class ProjectActions:
    """File menu: new, open and recent projects, and the interchange formats (W3C annotations in and out,
    followthemoney out)."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.state = window.state
        self.settings = window.settings

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        paths = [p for p in recent_projects(self.settings) if Path(p) != self.state.path.resolve()]
        for p in paths:
            act = menu.addAction(f"{project_title(Path(p))}  —  {p}")
            act.setEnabled(Path(p).exists())
            act.triggered.connect(lambda _=False, p=p: self.open_project(p))
        if not paths:
            menu.addAction("No other recent projects").setEnabled(False)

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "New project",
            str(self.state.path.parent / f"story{SUFFIX}"),
            f"workbench project (*{SUFFIX})",
        )
        if not path:
            return
        if not path.endswith(SUFFIX):
            path += SUFFIX
        if Path(path).exists():
            message(
                self.window,
                "New project",
                f"{path} already exists. Use File → Open project… to open it, or choose another name.",
                icon=QMessageBox.Icon.Warning,
            )
            return
        self.open_project(path, seed=False)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open project",
            str(self.state.path.parent),
            f"workbench project (*{SUFFIX});;All files (*)",
        )
        if path:
            self.open_project(path)

    def open_project(self, path: str, seed: bool = False) -> MainWindow | None:
        """Open the project at path in a new window and close this one. Returns the new window (or None)."""
        from .app import open_window  # the application module imports this one

        target = Path(path).resolve()
        if target == self.state.path.resolve():
            return self.window
        window, _lock = open_window(target, seed=seed, settings=self.settings)
        if window is None:
            return None  # open_window told the user why
        remember_project(self.settings, target)
        _open_windows.append(window)
        window.destroyed.connect(lambda *_: _forget(window))
        window.show()
        window.start_after_first_paint(seed=seed)
        self.window.close()
        return window

    # ---------------------------------------------------------------- interchange
    def export_annotations_dialog(self) -> None:
        from ..core.annotations import write_annotations  # an operation: imported where it runs

        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export claims as W3C annotations", "claims.jsonld", "JSON-LD (*.jsonld *.json)"
        )
        if not path:
            return
        self.window.panes.flush_edits()
        try:
            n = write_annotations(self.state.store, path)
        except OSError as exc:
            message(
                self.window,
                "Export",
                f"Could not write {path}: {exc.strerror or exc}.",
                icon=QMessageBox.Icon.Warning,
            )
            return
        self.state.sig_status.emit(f"{n} claim(s) written to {path} as W3C Web Annotations")

    def import_annotations_dialog(self) -> None:
        from ..core.annotations import import_annotations  # an operation: imported where it runs

        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import W3C annotations", "", "JSON-LD (*.jsonld *.json);;All files (*)"
        )
        if not path:
            return
        try:
            report = import_annotations(self.state.store, path, author=self.window.analyst_name())
        except ValueError as exc:
            message(self.window, "Import annotations", str(exc), icon=QMessageBox.Icon.Warning)
            return
        self.window.publish(Changes(claims=True), initiator=self)
        message(
            self.window,
            "Import annotations",
            f"{report.summary()}.",
            "\n".join(report.unmatched),
            QMessageBox.Icon.Warning if report.unmatched else QMessageBox.Icon.Information,
        )

    def export_ftm_dialog(self) -> None:
        from ..core.members import ftm_entities  # an operation: imported where it runs

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export members as followthemoney entities",
            "members.ftm.json",
            "FtM JSON lines (*.json *.jsonl)",
        )
        if not path:
            return
        try:
            entities = ftm_entities(self.state.store)
            with open(path, "w", encoding="utf-8") as fh:
                for entity in entities:
                    fh.write(json.dumps(entity, ensure_ascii=False) + "\n")
        except OSError as exc:
            message(
                self.window,
                "Export",
                f"Could not write {path}: {exc.strerror or exc}.",
                icon=QMessageBox.Icon.Warning,
            )
            return
        self.state.sig_status.emit(f"{len(entities)} followthemoney entities written to {path}")
