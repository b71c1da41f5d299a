"""The main window: docks, menus, status bar, import and export wiring."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox

from .. import __version__
from ..core import project
from ..core.changes import ChangeEvent, Changes
from . import tasks
from .editing import Editor
from .file_actions import FileActions
from .jobs import _extract_task, _import_task, _seed_task
from .pane_host import PaneHost
from .projects import ProjectActions, default_settings, project_title, remember_project
from .safe import message
from .state import AppState
from .stories import StoryActions
from .workspaces import Workspaces

#: raise when docks are added or renamed, so an old saved layout is not applied to a new set of panes
LAYOUT_VERSION = 9


def _preload(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (it is imported again, and reported, where it is needed)
            pass


class _AfterFirstPaint(QObject):
    """Calls back once, on the turn of the event loop after the widget's first paint, then lets go of it."""

    def __init__(self, widget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class MainWindow(PaneHost, FileActions, ProjectActions, StoryActions, Workspaces, QMainWindow):
    #: the project is open and its articles are listed (after a first-run seeding, if any)
    sig_project_ready = Signal()

    def __init__(self, state: AppState, settings: QSettings | None = None):
        super().__init__()
        self.state = state
        self.settings = settings or default_settings()
        self.lock = None  # set by app.open_window
        self._shut = False
        self._extracting = False  # an extraction task is running
        self.open_failed = False  # the project could not be opened (the user was told)
        # the title bar names the project (its file name without the suffix); the full path is in the status bar
        self.setWindowTitle(
            f"{project_title(state.path)} — workbench" + (" (read-only)" if state.readonly else "")
        )
        self.setWindowFilePath(str(state.path))
        #: the getting-started guide shows on a first start (not when taking a screenshot)
        self.show_guide_on_first_start = True
        self.setAcceptDrops(not state.readonly)
        self.setDockNestingEnabled(True)

        self.editor = Editor(state, self)
        from .live import ExternalChanges

        self.live = ExternalChanges(state, self)
        self.live.sig_changed.connect(self._changed_elsewhere)
        self._init_panes()
        self._add_dock("articles", "Articles", Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("search", "Search", Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(self.docks["articles"], self.docks["search"], Qt.Orientation.Vertical)
        # tabified so that Entities ends on top: the members table and its chart load only when first shown
        self._add_dock("members", "Members", Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("claims", "Claims", Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("entities", "Entities", Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.docks["members"], self.docks["claims"])
        self.tabifyDockWidget(self.docks["claims"], self.docks["entities"])
        self._add_dock("comparison", "Comparison", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.docks["comparison"].hide()  # Tools → Compare sources opens it
        self._add_dock("charts", "Charts", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["comparison"], self.docks["charts"])
        self.docks["charts"].hide()  # View → Charts
        self.docks["entities"].raise_()
        self.editor.sig_changed.connect(self._data_changed)
        self.editor.sig_failed.connect(
            lambda text: message(self, "workbench", text, icon=QMessageBox.Icon.Warning)
        )

        self._build_menus()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_label)
        state.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        state.sig_articles_changed.connect(self._update_status)
        self._update_status()
        self.resize(1400, 900)
        self._layout_restored = self._restore_layout()
        current = str(self.settings.value("workspace/current", ""))
        if self._layout_restored and current in self.workspace_actions:
            self.workspace = current  # the restored window state is that workspace's arrangement
            self.workspace_actions[current].setChecked(True)

    # ---------------------------------------------------------------- layout
    def _restore_layout(self) -> bool:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        # a layout saved before a pane was added is not applied
        return state is not None and self.restoreState(state, LAYOUT_VERSION)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            QTimer.singleShot(0, self._default_layout)

    def _default_layout(self) -> None:
        self.docks["entities"].raise_()  # the cheap pane in front; members and charts load when first shown
        width = self.width()
        self.resizeDocks(
            [self.docks["articles"], self.docks["entities"]],
            [int(width * 0.24), int(width * 0.29)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [self.docks["articles"], self.docks["search"]],
            [int(self.height() * 0.6), 300],
            Qt.Orientation.Vertical,
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_reader_readable()
        if self.isVisible():
            self._clamp_to_screen(event.oldSize().width())

    def save_layout(self) -> None:
        self.save_workspace()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.sync()

    def closeEvent(self, event) -> None:
        if tasks.running(asking_only=True):
            answer = QMessageBox.question(
                self,
                "Quit",
                "An import is still running. Stop it and quit? What was imported so far is kept.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if tasks.running():
            tasks.cancel_all()
        self.flush_edits()
        self.save_layout()
        super().closeEvent(event)
        self.shutdown()

    def shutdown(self) -> None:
        """Let go of the project: views forget their rows, the store closes, the lock is released."""
        if self._shut:
            return
        self._shut = True
        self.state.closed = True
        self.live.stop()
        for key in ("members", "charts"):
            if self._made(key):
                self._made(key).in_view = False  # their deferred loads must not run now
        tasks.cancel_all()  # background work stops before its project closes
        if self._made("articles"):
            self.articles.model.detach()
        if self._made("search"):
            self.search.model.set_hits([])
        if self._made("reader"):
            self.reader.clear()
        if self.state.store is not None:
            self.state.store.close()
        if self.lock is not None:
            self.lock.release()

    # ---------------------------------------------------------------- menus
    def _action(self, menu, text: str, slot, shortcut=None, enabled: bool = True) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        writable = not self.state.readonly
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_new_project = self._action(
            file_menu, "&New project…", self.new_project_dialog, QKeySequence.StandardKey.New
        )
        self.act_open_project = self._action(
            file_menu, "Open &project…", self.open_project_dialog, "Ctrl+Alt+O"
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.act_import_files = self._action(
            file_menu, "Import &files…", self.import_files_dialog, QKeySequence.StandardKey.Open, writable
        )
        self.act_import_folder = self._action(
            file_menu, "Import f&older…", self.import_folder_dialog, "Ctrl+Shift+O", writable
        )
        self.act_save_copy = self._action(file_menu, "Save a &copy…", self.save_copy_dialog, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self.act_export = self._action(file_menu, "&Export…", self.export_dialog, "Ctrl+E")
        self.act_brief = self._action(file_menu, "Analyst &brief…", self.brief_dialog, "Ctrl+B")
        self.act_qdpx = self._action(file_menu, "Export REFI-&QDA project (.qdpx)…", self.qdpx_dialog)
        self.act_export_annotations = self._action(
            file_menu, "Export claims as W3C &annotations…", self.export_annotations_dialog
        )
        self.act_import_annotations = self._action(
            file_menu, "Import W3C a&nnotations…", self.import_annotations_dialog, enabled=writable
        )
        self.act_export_ftm = self._action(
            file_menu, "Export members as &followthemoney…", self.export_ftm_dialog
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = bar.addMenu("&Edit")
        self.act_undo = self.editor.stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.editor.stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.act_undo)
        self.edit_menu.addAction(self.act_redo)
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, "&Copy", lambda: self.reader.text.copy(), QKeySequence.StandardKey.Copy)
        self._action(
            self.edit_menu,
            "&Find in this article…",
            lambda: self.reader.open_find(),
            QKeySequence.StandardKey.Find,
        )
        self._action(self.edit_menu, "&Search all articles…", self.show_search, "Ctrl+Shift+F")
        self.edit_menu.addSeparator()
        self.act_details = self._action(
            self.edit_menu, "Article &details…", self.edit_article_details, "Ctrl+I", writable
        )
        self.act_mark_entity = self._action(
            self.edit_menu,
            "Mark selection as &entity…",
            lambda: self._entity_action("add", {}),
            "Ctrl+Shift+E",
            writable,
        )
        self.act_mark_claim = self._action(
            self.edit_menu, "&Mark selection as claim", self.mark_claim, "Ctrl+M", writable
        )
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, "Analyst &name…", self.set_analyst_name)
        tools = bar.addMenu("&Tools")
        self.act_compare = self._action(tools, "&Compare sources", self.compare_sources, "Ctrl+K")
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("toolbar_main")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tips = {
            self.act_import_files: "Import article files (.txt, .md, .html, .pdf, .docx) into the project",
            self.act_mark_claim: "Mark the words selected in the reader as a claim to verify",
            self.act_mark_entity: "Mark the words selected in the reader as an organisation, person or place",
            self.act_compare: "Compare what the listed articles say, differences first",
            self.act_export: "Export tables as CSV files",
        }
        for act, tip in tips.items():
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text().replace('&', '')}: {tip}" + (f" ({keys})" if keys else ""))
            toolbar.addAction(act)

        self._build_story_bar()

        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self._build_workspace_bar(LAYOUT_VERSION)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Getting started", self.show_guide)
        self.act_shortcuts = self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "Ctrl+/")
        help_menu.addSeparator()
        self._action(help_menu, "&About workbench", self.about)

    def show_search(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.focus()

    def show_shortcuts(self) -> None:
        from .help import ShortcutSheet

        ShortcutSheet(self).exec()

    def show_guide(self):
        from .help import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()  # not modal: the analyst can follow it while working
        return self.guide

    def extra_shortcut_actions(self):
        return [("Articles", self.articles.act_delete)] if self._made("articles") else []

    def about(self) -> None:
        message(
            self,
            "About workbench",
            f"workbench {__version__}\n\nA desktop workbench for analysts who follow a story through many "
            f"news reports.\n\nProject: {self.state.path}",
        )

    # ---------------------------------------------------------------- project
    def start_after_first_paint(self, seed: bool = True) -> None:
        """Show the window first; then open the project, make the panes and load it into them (see start)."""
        self._start_seed = seed
        self._first_paint = _AfterFirstPaint(self, self._start_once)
        QTimer.singleShot(250, self._start_once)  # in case the platform never paints

    def _start_once(self) -> None:
        seed, self._start_seed = getattr(self, "_start_seed", None), None
        if seed is not None and not self._shut:
            self.start(seed)

    def start(self, seed: bool = True) -> None:
        """Finish opening: open the project, make the panes, and build the project from the seeds (with
        progress) or show it at once."""
        if self.state.store is None and not self._open_project():
            return
        self.make_panes()
        # a project made just now: the first start, when the getting-started guide is shown
        self._fresh_project = not self.state.readonly and project.needs_seeding(self.state.store)
        if self._fresh_project:
            if seed:
                task = tasks.Task(_seed_task, self.state.path)
                tasks.start(
                    task, self._seeded, self._task_failed, self, "Building the project from the bundled seeds"
                )
                return
            project.mark_unseeded_project(self.state.store)
        self._ready()

    def _open_project(self) -> bool:
        from ..core.errors import StoreError
        from ..core.store import Store

        # opening may take a moment (a project from an older workbench is upgraded, a crashed one recovered)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.state.store = Store(self.state.path, readonly=self.state.readonly)
        except StoreError as exc:
            problem = str(exc)
        else:
            problem = None
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            self.open_failed = True
            message(self, "workbench", problem, icon=QMessageBox.Icon.Critical)
            self.close()
            return False
        if (
            self.state.store.readonly and not self.state.readonly
        ):  # became read-only since the window was made
            self.state.readonly = True
            self.setWindowTitle(self.windowTitle() + " (read-only)")
            self.state.sig_status.emit(f"{self.state.store.readonly_reason}: the project is open read-only.")
        self._update_status()
        return True

    def _seeded(self, result) -> None:
        if self._shut:
            return  # the window closed while the task ran
        self.state.sig_articles_changed.emit()
        self._data_changed(Changes(entities=True, mentions=True))
        self.state.sig_status.emit(f"New project built from the bundled seeds: {result.summary()}")
        self._ready()

    def _ready(self) -> None:
        from ..core.fs import on_network_drive

        if on_network_drive(self.state.path):
            message(
                self,
                "Project on a network drive",
                f"The project {self.state.path} is on a network drive. SQLite cannot lock files reliably there: "
                "two people editing it at once can damage it. Keep projects on a local disk and share copies "
                "(File → Save a copy…).",
                icon=QMessageBox.Icon.Warning,
            )
        if self.state.current_article is None:
            self.articles.select_first()
        # counting mentions waits until the window has painted (and is skipped if it closed meanwhile)
        QTimer.singleShot(0, lambda: self._shut or self.entities.reload())
        self._update_status()
        self.live.start()
        self.fill_story_picker()
        if not self.state.readonly:
            remember_project(self.settings, self.state.path)
        fresh = getattr(self, "_fresh_project", False)
        if (
            fresh
            and self.show_guide_on_first_start
            and not self.settings.value("help/guide_shown", False, bool)
        ):
            self.settings.setValue("help/guide_shown", True)
            QTimer.singleShot(0, lambda: self._shut or self.show_guide())
        self.sig_project_ready.emit()
        # new model, rules or gazetteer, or an interrupted import: finish in the background
        self.extract_pending()
        # the first edit needs sqlite-utils and the first chart pyqtgraph (each about half a second to import):
        # import them off the GUI thread once the opening work is done, rather than competing with it or
        # freezing the window when they are first needed (a pane that needs one sooner imports it itself)
        modules = ([] if self.state.readonly else ["sqlite_utils"]) + ["pyqtgraph"]
        QTimer.singleShot(
            2000,
            self,
            lambda: self._shut or threading.Thread(target=_preload, args=(modules,), daemon=True).start(),
        )

    def _update_status(self) -> None:
        if self.state.store is None:
            self.status_label.setText(f"Opening {self.state.path}…")
            return
        n = self.state.store.article_count()
        self.status_label.setText(
            f"{n:,} articles  ·  {self.state.path}" + ("  ·  read-only" if self.state.readonly else "")
        )

    def _task_failed(self, text: str) -> None:
        if self._shut:
            return  # the window closed while the task ran
        message(self, "workbench", "The operation failed; nothing was lost.", text, QMessageBox.Icon.Warning)
        self.state.sig_articles_changed.emit()

    # ---------------------------------------------------------------- import
    def import_files_dialog(self) -> None:
        from ..core.ingest import SUPPORTED

        patterns = " ".join(f"*{ext}" for ext in SUPPORTED)
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", self._last_dir(), f"Articles ({patterns});;All files (*)"
        )
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles", self._last_dir())
        if folder:
            self.import_paths([folder])

    def _last_dir(self) -> str:
        return str(self.settings.value("import/last_dir", str(Path.home())))

    def import_paths(self, paths: list[str]) -> tasks.Task | None:
        if self.state.readonly:
            message(self, "Import", "This project is open read-only.", icon=QMessageBox.Icon.Warning)
            return None
        self.settings.setValue("import/last_dir", str(Path(paths[0]).parent))
        task = tasks.Task(_import_task, self.state.path, list(paths))
        return tasks.start(task, self._imported, self._task_failed, self, "Importing articles")

    def extract_pending(self) -> None:
        """Recognise entities in every article whose extraction is missing or stale, on a worker thread."""
        from ..core.extraction import pending as extraction_pending

        if self._extracting or self.state.readonly or self.state.store is None:
            return  # one extraction at a time: it takes every article that is pending
        if extraction_pending(self.state.store):
            self._extracting = True
            task = tasks.Task(_extract_task, self.state.path)
            task.ask_before_quit = False
            tasks.start(task, self._extracted, self._extraction_failed, self, "Recognising entities")

    def _extraction_failed(self, text: str) -> None:
        self._extracting = False
        self._task_failed(text)

    def _extracted(self, result: dict) -> None:
        self._extracting = False
        if self._shut:
            return  # the window closed while the task ran
        self._data_changed(Changes(entities=True, mentions=True))
        if result.get("articles"):
            self.state.sig_status.emit(f"Entities recognised in {result['articles']} article(s)")

    def _imported(self, result) -> None:
        if self._shut:
            return  # the window closed while the task ran
        report = result.report
        self.state.sig_articles_changed.emit()
        self._data_changed(Changes(entities=True, mentions=True))
        self.state.sig_status.emit(f"Import: {result.summary()}")
        if report.added and self.state.current_article is None:
            self.state.open_article(report.added[0].article_id)
        problems = [f"{r.status}: {r.path} — {r.reason}" for r in report.results if r.status != "added"]
        problems += [f"warning: {r.path} — {w}" for r in report.added for w in r.warnings]
        if problems or report.cancelled or not report.added:
            message(
                self,
                "Import",
                f"Import finished: {result.summary()}.",
                "\n".join(problems),
                QMessageBox.Icon.Warning if report.refused else QMessageBox.Icon.Information,
            )
        self.last_import = report

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and not self.state.readonly:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ---------------------------------------------------------------- edits
    def edit_article_details(self) -> None:
        article = self.reader.article
        if article is None:
            return
        from .dialogs import ArticleDetailsDialog

        dialog = ArticleDetailsDialog(article, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.changes():
            return
        # saved at once, undoable; another language means another pipeline (see _data_changed)
        self.editor.update_article_meta(article.id, dialog.changes())

    def delete_articles(self, ids: list[int]) -> bool:
        """Delete articles after saying what goes with them; undoable (Ctrl+Z puts everything back)."""
        store = self.state.store
        held = store.article_holdings(ids)
        what = "this article" if len(ids) == 1 else f"these {len(ids)} articles"
        if len(ids) == 1:
            summary = store.summaries(ids).get(ids[0])
            what = f"“{summary.title[:80]}”" if summary else what
        lines = [f"Delete {what} from the project?"]
        if held["claims"]:
            lines.append(
                f"It carries {held['claims']} claim(s): they are deleted with it (with their evidence)."
            )
        if held["evidence"]:
            lines.append(f"{held['evidence']} evidence passage(s) from it for other claims are removed.")
        if held["fixes"]:
            lines.append(f"{held['fixes']} entity fix(es) made in it are removed.")
        lines.append("Edit → Undo (Ctrl+Z) puts everything back.")
        box = QMessageBox(
            QMessageBox.Icon.Warning if held["claims"] else QMessageBox.Icon.Question,
            "Delete article",
            "\n\n".join(lines),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return False
        done = bool(self.editor.delete_articles(ids))
        if done:
            self.state.sig_status.emit(f"Deleted {len(ids)} article(s); Ctrl+Z undoes it")
        return done

    # ---------------------------------------------------------------- entities
    def _data_changed(self, what: Changes | ChangeEvent) -> None:
        if self._shut:
            return  # the window closed while the task ran
        areas = what.changes if isinstance(what, ChangeEvent) else what
        if areas.claims:
            self.reader.refresh_claims()
        if areas.articles:
            self.extract_pending()  # an article's language changed (or the change was undone)
            current = self.reader.article.id if self.reader.article is not None else None
            if current is not None and self.state.store.article(current) is None:
                current = None  # deleted (here or by another process)
                self.state.current_article = None
                self.reader.clear()
            if current is not None:
                self.reader.article = None  # show the new title and details
                self.state.open_article(current)
            self.state.sig_articles_changed.emit()
            if self.state.current_article is None:
                self.articles.select_first()
        if areas.mentions or areas.entities:
            self.reader.refresh_highlights()
            self.entities.reload()
            for key in ("members", "charts"):
                if self._made(key):
                    self._made(key).invalidate()

    def _changed_elsewhere(self) -> None:
        """Another connection wrote to the project (the command line, or a task of this window's own): the
        lists, counts and highlights are read again. While a task of this window runs, its own end does it."""
        if self._shut or tasks.running():
            return
        self.flush_edits()  # a note being typed is saved before the claims are read again
        self.fill_story_picker()
        self.state.sig_articles_changed.emit()
        self._data_changed(Changes(entities=True, mentions=True, claims=True))
        if self._made("claims"):
            self.claims.reload()

    def show_entity(self, entity_id: int) -> None:
        self.docks["entities"].show()
        self.docks["entities"].raise_()
        self.entities.select_entity(entity_id)

    def _entity_action(self, action: str, payload: dict) -> None:
        if action == "add":
            rng = payload.get("range") or self.reader.selected_range()
            article = self.reader.article
            if article is None or not rng or rng[1] <= rng[0]:
                message(self, "Mark entity", "Select the name in the article first.")
                return
            surface = article.text[rng[0] : rng[1]]
            from .dialogs import EntityPickerDialog

            dialog = EntityPickerDialog(
                self.state.store, f"Mark “{surface[:60]}” as…", initial=surface, parent=self
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.editor.add_mention(
                article.id, rng[0], rng[1], dialog.entity_id, dialog.new_name(), dialog.new_type()
            )
        elif action == "reject":
            self.editor.reject_mention(payload["mention"].id)
        elif action == "split":
            self.entities.split(payload["mention"])

    # ---------------------------------------------------------------- claims
    def analyst_name(self) -> str:
        import getpass

        try:
            default = getpass.getuser()
        except (KeyError, OSError):
            default = ""
        return str(self.settings.value("analyst/name", default))

    def set_analyst_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        name, ok = QInputDialog.getText(
            self,
            "Analyst name",
            "Name recorded as the author of new claims:",
            QLineEdit.EchoMode.Normal,
            self.analyst_name(),
        )
        if ok:
            self.settings.setValue("analyst/name", " ".join(name.split()))

    def mark_claim(self) -> None:
        article = self.reader.article
        rng = self.reader.selected_range()
        if article is None or not rng or rng[1] <= rng[0]:
            message(self, "Mark claim", "Select the words of the claim in the article first.")
            return
        claim_id = self.editor.add_claim(article.id, rng[0], rng[1], author=self.analyst_name())
        if claim_id:
            self.show_claim(claim_id)
            self.state.sig_status.emit("Claim marked: give it a verdict in the Claims pane")

    def show_claim(self, claim_id: int) -> None:
        self.docks["claims"].show()
        self.docks["claims"].raise_()
        self.claims.select_claim(claim_id)

    def add_evidence_from_selection(self, claim_id: int, stance: str) -> None:
        article = self.reader.article
        rng = self.reader.selected_range()
        if article is None or not rng or rng[1] <= rng[0]:
            message(
                self,
                "Evidence",
                f"Select the {stance} passage in the reader first (in any article), "
                "then press the button again.",
            )
            return
        self.editor.add_evidence(claim_id, stance, article_id=article.id, start=rng[0], end=rng[1])

    # ---------------------------------------------------------------- comparison
    def compare_sources(self) -> None:
        dock = self.docks["comparison"]
        dock.show()
        dock.raise_()
        self.resizeDocks([dock], [int(self.height() * 0.5)], Qt.Orientation.Vertical)
        self.comparison.run()

    def link_group_evidence(
        self, stance: str, group_key: str, quote: str, article_id: int, start: int, end: int
    ) -> None:
        """One click from the comparison: an aligned statement becomes evidence for the current claim."""
        claim = self.claims.current_claim()
        if claim is None:
            message(self, "Evidence", "Select a claim in the Claims pane first.")
            return
        if self.editor.add_evidence(
            claim.id, stance, article_id=article_id, start=start, end=end, group_key=group_key
        ):
            self.state.sig_status.emit(f"Linked {group_key} as {stance} evidence")
