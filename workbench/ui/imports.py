"""Importing articles and recognising their entities, each on a worker thread; when one finishes, the window
says once what it changed (``MainWindow.publish``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.changes import Changes
from . import tasks
from .jobs import extract_task, import_task, pending_task
from .safe import message

if TYPE_CHECKING:
    from ..core.ingest import IngestReport
    from ..core.service import ImportResult
    from .main_window import MainWindow

#: what recognising entities changes
RECOGNISED = Changes(entities=True, mentions=True)
#: what an import changes: new articles and their entities (and claims, when it re-anchors them on new versions)
IMPORTED = RECOGNISED | Changes(articles=True)


class Imports:
    """File → Import files… / Import folder…, dropped files, and entity recognition of pending articles."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.state = window.state
        self.settings = window.settings
        self.extracting = (
            False  # an extraction task is running (one at a time: it takes every pending article)
        )
        self.last_import: IngestReport | None = None

    def import_files_dialog(self) -> None:
        from ..core.ingest import SUPPORTED  # the readers of every format come with it

        patterns = " ".join(f"*{ext}" for ext in SUPPORTED)
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Import articles", self._last_dir(), f"Articles ({patterns});;All files (*)"
        )
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Import a folder of articles", self._last_dir()
        )
        if folder:
            self.import_paths([folder])

    def _last_dir(self) -> str:
        return str(self.settings.value("import/last_dir", str(Path.home())))

    def import_paths(self, paths: list[str]) -> tasks.Task | None:
        if self.state.readonly:
            message(self.window, "Import", "This project is open read-only.", icon=QMessageBox.Icon.Warning)
            return None
        self.settings.setValue("import/last_dir", str(Path(paths[0]).parent))
        task = tasks.Task(import_task, self.state.path, list(paths))
        return tasks.start(task, self._imported, self._import_failed, self.window, "Importing articles")

    def _imported(self, result: ImportResult) -> None:
        if self.window.shut:
            return  # the window closed while the task ran
        report = result.report
        first = report.added[0].article_id if report.added else None
        if first is not None and self.state.current_article is None:
            self.state.open_article(first)
        changes = IMPORTED if report.added else Changes()
        if result.extraction.get("articles"):
            changes |= RECOGNISED
        if result.claims_moved or result.claims_orphaned:
            changes |= Changes(claims=True)
        self.window.publish(changes, initiator=self)
        self.state.sig_status.emit(f"Import: {result.summary()}")
        problems = [f"{r.status}: {r.path} — {r.reason}" for r in report.results if r.status != "added"]
        problems += [f"warning: {r.path} — {w}" for r in report.added for w in r.warnings]
        if problems or report.cancelled or not report.added:
            message(
                self.window,
                "Import",
                f"Import finished: {result.summary()}.",
                "\n".join(problems),
                QMessageBox.Icon.Warning if report.refused else QMessageBox.Icon.Information,
            )
        self.last_import = report

    def _import_failed(self, text: str) -> None:
        if self.window.shut:
            return
        # what was imported before the failure is kept (and may have moved claims to new versions)
        self.window.publish(IMPORTED | Changes(claims=True), initiator=self)
        self.window.task_failed(text)

    def extract_pending(self) -> None:
        """Recognise entities in every article whose extraction is missing or stale, on a worker thread.

        Whether any is (a new model, rules or gazetteer, an interrupted import, a language changed) is found
        on a worker thread too: the check reads the versions of the language pipelines."""
        if self.state.readonly or not self.state.is_open:
            return
        if self.extracting:
            self._again = True  # it takes the articles pending when it starts: an article may be new since
            return
        self.extracting, self._again = True, False
        task = tasks.Task(pending_task, self.state.path)
        task.ask_before_quit = False
        tasks.start(task, self._counted, self._extraction_failed, None)

    def _counted(self, pending: int) -> None:
        if not pending or self.window.shut:
            self._finished()
            return
        task = tasks.Task(extract_task, self.state.path)
        task.ask_before_quit = False
        tasks.start(task, self._extracted, self._extraction_failed, self.window, "Recognising entities")

    def _extracted(self, result: dict) -> None:
        if not self.window.shut and result.get("articles"):
            self.window.publish(RECOGNISED, initiator=self)
            self.state.sig_status.emit(f"Entities recognised in {result['articles']} article(s)")
        self._finished()

    def _finished(self) -> None:
        self.extracting = False
        if self._again and not self.window.shut:
            self.extract_pending()

    def _extraction_failed(self, text: str) -> None:
        self.extracting = self._again = False  # not again at once: it would fail the same way
        if self.window.shut:
            return
        self.window.publish(RECOGNISED, initiator=self)  # what was recognised before the failure is kept
        self.window.task_failed(text)
