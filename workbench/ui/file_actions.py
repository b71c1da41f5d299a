"""File menu actions of the main window that write files: export, the analyst brief, a copy of the project."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog

from . import tasks
from .jobs import brief_task, copy_task, export_task, qdpx_task
from .safe import message

if TYPE_CHECKING:
    from .main_window import MainWindow


class FileActions:
    """The File menu's exports and copies; each runs as a task on a worker thread."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.state = window.state
        self.settings = window.settings

    # ---------------------------------------------------------------- export
    def export_dialog(self) -> None:
        from .dialogs import ExportDialog

        dialog = ExportDialog(str(self.settings.value("export/last_dir", "")), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        folder = dialog.folder.text().strip()
        self.settings.setValue("export/last_dir", folder)
        self.window.panes.flush_edits()  # a note still being typed goes into the export
        task = tasks.Task(export_task, self.state.path, dialog.tables(), folder, dialog.excel.isChecked())
        tasks.start(task, self._exported, self.window.task_failed, self.window, "Exporting")

    def _exported(self, done) -> None:
        if self.window.shut:
            return  # the window closed while the task ran
        lines = [f"{name}: {n} rows → {path}" for name, n, path in done]
        self.state.sig_status.emit(f"Exported {len(done)} table(s)")
        message(self.window, "Export", "Export finished.\n\n" + "\n".join(lines))

    # ---------------------------------------------------------------- brief
    def brief_dialog(self) -> None:
        start = str(Path(str(self.settings.value("export/last_dir", str(Path.home())))) / "brief.html")
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save the analyst brief", start, "HTML (*.html);;Markdown (*.md)"
        )
        if path:
            self.window.panes.flush_edits()
            task = tasks.Task(brief_task, self.state.path, path)
            tasks.start(
                task, self._brief_done, self.window.task_failed, self.window, "Writing the analyst brief"
            )

    def _brief_done(self, result) -> None:
        if self.window.shut:
            return
        path, kind = result
        self.state.sig_status.emit(f"Brief ({kind}) written to {path}")
        message(self.window, "Analyst brief", f"The brief was written to {path}.")

    # ---------------------------------------------------------------- REFI-QDA
    def qdpx_dialog(self) -> None:
        start = str(Path(str(self.settings.value("export/last_dir", str(Path.home())))) / "project.qdpx")
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export a REFI-QDA project", start, "REFI-QDA project (*.qdpx)"
        )
        if path:
            self.window.panes.flush_edits()
            task = tasks.Task(qdpx_task, self.state.path, path)
            tasks.start(
                task, self._qdpx_done, self.window.task_failed, self.window, "Writing the REFI-QDA project"
            )

    def _qdpx_done(self, result) -> None:
        if self.window.shut:
            return
        path, done = result
        self.state.sig_status.emit(f"REFI-QDA project written to {path}")
        lost = (
            f"\n{done.skipped_claims} claim(s) whose place is lost were left out."
            if done.skipped_claims
            else ""
        )
        message(
            self.window,
            "REFI-QDA export",
            f"{done.sources} article(s), {done.codes} code(s), {done.claim_selections} claim(s) and "
            f"{done.mention_selections} entity mention(s) were written to {path}.{lost}\n\n"
            "Open it in NVivo, MAXQDA, ATLAS.ti or QualCoder (import a REFI-QDA project).",
        )

    # ---------------------------------------------------------------- copies
    def save_copy_dialog(self) -> None:
        start = str(self.state.path.with_name(self.state.path.stem + "-copy.db"))
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save a copy of the project", start, "Workbench project (*.db)"
        )
        if path:
            self.window.panes.flush_edits()
            task = tasks.Task(copy_task, self.state.path, path)
            tasks.start(task, self._copied, self.window.task_failed, self.window, "Saving a copy")

    def _copied(self, path: str) -> None:
        if self.window.shut:
            return
        self.state.sig_status.emit(f"Copy saved to {path}")
        message(self.window, "Save a copy", f"A consistent copy of the project was saved to {path}.")
