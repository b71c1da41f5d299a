"""The main window: the parts it is built from, its menus and status bar, the project's opening, and the one
path by which every change reaches the panes.

Every change to the project (an analyst's edit, an import or entity recognition finishing, a write by another
process) becomes one ``ChangeEvent`` on ``MainWindow.sig_changed``. Each pane is connected to it once, when it
is made, and refreshes once, only when one of its own flags is set (Anki's ``operation_did_execute``).

The window paints its frame (menus, tool bars, docks) first, then opens the project. What the analyst opens
is imported when it is opened — a pane when it is first shown (pane_host.py), a dialog when it opens — and
the core's operations where they run (on a worker thread, jobs.py, or in the menu action). Each costs tens
of milliseconds to import, together about half a second: three times a bare window's first paint
(benchmarks/bench_startup.py measures the window against one).
"""

from __future__ import annotations

import getpass
import importlib
import threading
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from .. import __version__
from ..core import project
from ..core.changes import ChangeEvent, Changes
from ..core.errors import StoreError
from ..core.fs import on_network_drive
from . import tasks
from .editing import Editor
from .file_actions import FileActions
from .imports import Imports
from .jobs import seed_task
from .live import ExternalChanges
from .pane_host import PaneHost
from .projects import ProjectActions, default_settings, project_title, remember_project
from .safe import message
from .state import AppState
from .stories import StoryActions
from .workspaces import Workspaces

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..core.lock import ProjectLock
    from ..core.service import ImportResult
    from .help import GuideDialog
    from .panes.articles import ArticlesPane
    from .panes.charts import ChartsPane
    from .panes.claims import ClaimsPane
    from .panes.comparison import ComparisonPane
    from .panes.entities import EntitiesPane
    from .panes.members import MembersPane
    from .panes.reader import ReaderPane
    from .panes.search import SearchPane

#: raise when docks are added or renamed, so an old saved layout is not applied to a new set of panes
LAYOUT_VERSION = 9
#: how long after the project opens the look for articles whose entities need recognising starts (it loads
#: the language pipelines' versions on a worker thread; started at once, it slows the opening down)
EXTRACT_AFTER_MS = 500
#: how long after the project opens the heavy modules of the first edit and the first chart are imported
PRELOAD_AFTER_MS = 2000


def _preload(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (it is imported again, and reported, where it is needed)
            pass


class _AfterFirstPaint(QObject):
    """Calls back once, on the turn of the event loop after the widget's first paint, then lets go of it."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class MainWindow(QMainWindow):
    #: the project is open and its articles are listed (after a first-run seeding, if any)
    sig_project_ready = Signal()
    #: what changed in the project: a ChangeEvent (typed Changes and who made them), once per operation
    sig_changed = Signal(object)

    def __init__(self, state: AppState, settings: QSettings | None = None):
        super().__init__()
        self.state = state
        self.settings = settings or default_settings()
        self.lock: ProjectLock | None = None  # set by app.open_window
        #: the window let go of its project (closed): results of tasks that finish later are dropped
        self.shut = False
        self.open_failed = False  # the project could not be opened (the user was told)
        #: the getting-started guide shows on a first start (not when taking a screenshot)
        self.show_guide_on_first_start = True
        self.guide: GuideDialog | None = None
        self._start_seed: bool | None = None
        self._fresh_project = False  # made just now: the first start, when the guide is shown
        # the title bar names the project (its file name without the suffix); the full path is in the status bar
        self.setWindowTitle(
            f"{project_title(state.path)} — workbench" + (" (read-only)" if state.readonly else "")
        )
        self.setWindowFilePath(str(state.path))
        self.setAcceptDrops(not state.readonly)
        self.setDockNestingEnabled(True)

        self.editor = Editor(state, self)
        self.live = ExternalChanges(state, self)
        # the window's parts; each holds the window and its state
        self.panes = PaneHost(self)
        self.imports = Imports(self)
        self.files = FileActions(self)
        self.projects = ProjectActions(self)
        self._add_docks()
        self._build_menus()  # and the main tool bar
        self.stories = StoryActions(self)  # its tool bar follows the main one
        self.workspaces = Workspaces(self, self.workspaces_menu, LAYOUT_VERSION)  # a tool bar row of its own

        self.sig_changed.connect(self._on_changes)  # first: the panes connect as they are made
        self.editor.sig_changed.connect(self._deliver)
        self.editor.sig_failed.connect(
            lambda text: message(self, "workbench", text, icon=QMessageBox.Icon.Warning)
        )
        self.live.sig_changed.connect(self._changed_elsewhere)

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_label)
        state.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._update_status()
        self.resize(1400, 900)
        self._layout_restored = self._restore_layout()
        if self._layout_restored:
            self.workspaces.resume(str(self.settings.value("workspace/current", "")))

    # ---------------------------------------------------------------- panes
    @property
    def docks(self) -> dict[str, QDockWidget]:
        return self.panes.docks

    @property
    def reader(self) -> ReaderPane:
        return cast("ReaderPane", self.panes.pane("reader"))

    @property
    def articles(self) -> ArticlesPane:
        return cast("ArticlesPane", self.panes.pane("articles"))

    @property
    def search(self) -> SearchPane:
        return cast("SearchPane", self.panes.pane("search"))

    @property
    def entities(self) -> EntitiesPane:
        return cast("EntitiesPane", self.panes.pane("entities"))

    @property
    def claims(self) -> ClaimsPane:
        return cast("ClaimsPane", self.panes.pane("claims"))

    @property
    def members(self) -> MembersPane:
        return cast("MembersPane", self.panes.pane("members"))

    @property
    def comparison(self) -> ComparisonPane:
        return cast("ComparisonPane", self.panes.pane("comparison"))

    @property
    def charts(self) -> ChartsPane:
        return cast("ChartsPane", self.panes.pane("charts"))

    def _add_docks(self) -> None:
        left, right, bottom = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        add, docks = self.panes.add_dock, self.panes.docks
        add("articles", "Articles", left)
        add("search", "Search", left)
        self.splitDockWidget(docks["articles"], docks["search"], Qt.Orientation.Vertical)
        # tabified so that Entities ends on top: the members table and its chart load only when first shown
        add("members", "Members", right)
        add("claims", "Claims", right)
        add("entities", "Entities", right)
        self.tabifyDockWidget(docks["members"], docks["claims"])
        self.tabifyDockWidget(docks["claims"], docks["entities"])
        add("comparison", "Comparison", bottom)
        docks["comparison"].hide()  # Tools → Compare sources opens it
        add("charts", "Charts", bottom)
        self.tabifyDockWidget(docks["comparison"], docks["charts"])
        docks["charts"].hide()  # View → Charts
        docks["entities"].raise_()

    # ---------------------------------------------------------------- changes
    def publish(self, changes: Changes, initiator: object = None) -> None:
        """Tell every pane once what changed (a task finished, another process wrote, a part of the window
        wrote outside the editor). The task's writes, on its own connection, are not someone else's: the
        watcher of other processes' writes starts from here."""
        self._deliver(ChangeEvent(changes, initiator))
        self.live.rebase()
        if not self.shut:
            self.editor.load_history()  # an import is an operation too; another program may have undone one

    def _deliver(self, event: ChangeEvent) -> None:
        if self.shut or not event.changes:
            return  # the window closed while a task ran, or nothing changed
        self.sig_changed.emit(event)
        if event.changes.articles and self.state.current_article is None and self.panes.made("articles"):
            self.articles.select_first()  # the article shown was deleted: show another

    def _on_changes(self, event: ChangeEvent) -> None:
        """The window's own share: the status bar, and entity recognition of what needs it."""
        changes = event.changes
        if changes.articles:
            self._update_status()
        if changes.articles or changes.language:
            self.imports.extract_pending()  # an article's language changed (or the change was undone)

    def _changed_elsewhere(self) -> None:
        """Another connection wrote to the project (the command line, or a task of this window's own): the
        lists, counts and highlights are read again. While a task of this window runs, its own end does it."""
        if self.shut or tasks.running():
            return
        self.panes.flush_edits()  # a note being typed is saved before the claims are read again
        self.publish(Changes.everything(), initiator=self.live)

    # ---------------------------------------------------------------- layout
    def _restore_layout(self) -> bool:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        # a layout saved before a pane was added is not applied
        return isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            QTimer.singleShot(0, self._default_layout)

    def _default_layout(self) -> None:
        docks = self.docks
        docks["entities"].raise_()  # the cheap pane in front; members and charts load when first shown
        width = self.width()
        self.resizeDocks(
            [docks["articles"], docks["entities"]],
            [int(width * 0.24), int(width * 0.29)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [docks["articles"], docks["search"]], [int(self.height() * 0.6), 300], Qt.Orientation.Vertical
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.workspaces.keep_reader_readable()
        if self.isVisible():
            self.workspaces.clamp_to_screen(event.oldSize().width())

    def save_layout(self) -> None:
        self.workspaces.save()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
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
        self.panes.flush_edits()
        self.save_layout()
        super().closeEvent(event)
        self.shutdown()

    def shutdown(self) -> None:
        """Let go of the project: views forget their rows, the store closes, the lock is released."""
        if self.shut:
            return
        self.shut = True
        self.state.closed = True
        self.live.stop()
        made = self.panes.made
        if made("members"):
            self.members.in_view = False  # their deferred loads must not run now
        if made("charts"):
            self.charts.in_view = False
        tasks.cancel_all()  # background work stops before its project closes
        if made("articles"):
            self.articles.model.detach()
        if made("search"):
            self.search.model.set_hits([])
        if made("reader"):
            self.reader.clear()
        if self.state.is_open:
            self.state.store.close()
        if self.lock is not None:
            self.lock.release()

    # ---------------------------------------------------------------- menus
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        enabled: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        writable = not self.state.readonly
        keys = QKeySequence.StandardKey
        bar = self.menuBar()
        files, projects, imports = self.files, self.projects, self.imports
        file_menu = bar.addMenu("&File")
        self.act_new_project = self._action(file_menu, "&New project…", projects.new_project_dialog, keys.New)
        self.act_open_project = self._action(
            file_menu, "Open &project…", projects.open_project_dialog, "Ctrl+Alt+O"
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: projects.fill_recent_menu(self.recent_menu))
        file_menu.addSeparator()
        self.act_import_files = self._action(
            file_menu, "Import &files…", imports.import_files_dialog, keys.Open, writable
        )
        self.act_import_folder = self._action(
            file_menu, "Import f&older…", imports.import_folder_dialog, "Ctrl+Shift+O", writable
        )
        self.act_save_copy = self._action(file_menu, "Save a &copy…", files.save_copy_dialog, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self.act_export = self._action(file_menu, "&Export…", files.export_dialog, "Ctrl+E")
        self.act_brief = self._action(file_menu, "Analyst &brief…", files.brief_dialog, "Ctrl+B")
        self.act_qdpx = self._action(file_menu, "Export REFI-&QDA project (.qdpx)…", files.qdpx_dialog)
        self.act_export_annotations = self._action(
            file_menu, "Export claims as W3C &annotations…", projects.export_annotations_dialog
        )
        self.act_import_annotations = self._action(
            file_menu, "Import W3C a&nnotations…", projects.import_annotations_dialog, enabled=writable
        )
        self.act_export_ftm = self._action(
            file_menu, "Export members as &followthemoney…", projects.export_ftm_dialog
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, keys.Quit)

        self.edit_menu = bar.addMenu("&Edit")
        self.act_undo = self.editor.stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence(keys.Undo))
        self.act_redo = self.editor.stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(
            [QKeySequence(keys.Redo), QKeySequence("Ctrl+Y")]
        )  # Ctrl+Y as on Windows too
        self.edit_menu.addAction(self.act_undo)
        self.edit_menu.addAction(self.act_redo)
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, "&Copy", lambda: self.reader.text.copy(), keys.Copy)
        self._action(self.edit_menu, "&Find in this article…", lambda: self.reader.open_find(), keys.Find)
        self._action(self.edit_menu, "&Search all articles…", self.show_search, "Ctrl+Shift+F")
        self.edit_menu.addSeparator()
        self.act_details = self._action(
            self.edit_menu, "Article &details…", self.edit_article_details, "Ctrl+I", writable
        )
        self.act_mark_entity = self._action(
            self.edit_menu,
            "Mark selection as &entity…",
            lambda: self.entity_action("add", {}),
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
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text().replace('&', '')}: {tip}" + (f" ({shortcut})" if shortcut else ""))
            toolbar.addAction(act)

        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.workspaces_menu = self.view_menu.addMenu("&Workspaces")  # filled by Workspaces

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

    def show_guide(self) -> GuideDialog:
        from .help import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()  # not modal: the analyst can follow it while working
        return self.guide

    def extra_shortcut_actions(self) -> list[tuple[str, QAction]]:
        return [("Articles", self.articles.act_delete)] if self.panes.made("articles") else []

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
        seed, self._start_seed = self._start_seed, None
        if seed is not None and not self.shut:
            self.start(seed)

    def start(self, seed: bool = True) -> None:
        """Finish opening: open the project, make the panes, and build the project from the seeds (with
        progress) or show it at once."""
        if not self.state.is_open and not self.open_project_file():
            return
        self.panes.make_panes()
        self._fresh_project = not self.state.readonly and project.needs_seeding(self.state.store)
        if self._fresh_project:
            if seed:
                task = tasks.Task(seed_task, self.state.path)
                tasks.start(
                    task, self._seeded, self._seed_failed, self, "Building the project from the bundled seeds"
                )
                return
            project.mark_unseeded_project(self.state.store)
        self._ready()

    def open_project_file(self) -> bool:
        """Open the window's project (once). False, after telling the user why, when it cannot be opened."""
        from ..core.store import Store  # opened after the first paint: sqlite3 and the store come with it

        # opening may take a moment (a project from an older workbench is upgraded, a crashed one recovered)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store = self.state.store = Store(self.state.path, readonly=self.state.readonly)
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            self.open_failed = True
            message(self, "workbench", str(exc), icon=QMessageBox.Icon.Critical)
            self.close()
            return False
        QApplication.restoreOverrideCursor()
        if store.readonly and not self.state.readonly:  # became read-only since the window was made
            self.state.readonly = True
            self.setWindowTitle(self.windowTitle() + " (read-only)")
            self.state.sig_status.emit(f"{store.readonly_reason}: the project is open read-only.")
        self._update_status()
        return True

    def _seeded(self, result: ImportResult) -> None:
        if self.shut:
            return  # the window closed while the task ran
        self.publish(Changes(articles=True, entities=True, mentions=True), initiator=self)
        self.state.sig_status.emit(f"New project built from the bundled seeds: {result.summary()}")
        self._ready()

    def _seed_failed(self, text: str) -> None:
        if self.shut:
            return
        self.publish(Changes(articles=True, entities=True, mentions=True), initiator=self)
        self.task_failed(text)

    def _ready(self) -> None:
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
        # counting mentions waits until the window has painted
        QTimer.singleShot(0, self, self._unless_shut(self.entities.reload))
        self._update_status()
        self.live.start()
        self.editor.load_history()  # Ctrl+Z undoes what was done before the restart
        self.stories.fill_picker()
        if not self.state.readonly:
            remember_project(self.settings, self.state.path)
        if (
            self._fresh_project
            and self.show_guide_on_first_start
            and not self.settings.value("help/guide_shown", False, bool)
        ):
            self.settings.setValue("help/guide_shown", True)
            QTimer.singleShot(0, self, self._unless_shut(self.show_guide))
        self.sig_project_ready.emit()
        # new model, rules or gazetteer, or an interrupted import: finish in the background
        QTimer.singleShot(EXTRACT_AFTER_MS, self, self._unless_shut(self.imports.extract_pending))
        # the first edit needs sqlite-utils and the first chart pyqtgraph (each about half a second to import):
        # import them off the GUI thread once the opening work is done, rather than competing with it or
        # freezing the window when they are first needed (a pane that needs one sooner imports it itself)
        modules = ([] if self.state.readonly else ["sqlite_utils"]) + ["pyqtgraph"]
        thread = threading.Thread(target=_preload, args=(modules,), daemon=True)
        QTimer.singleShot(PRELOAD_AFTER_MS, self, self._unless_shut(thread.start))

    def _unless_shut(self, fn: Callable[[], object]) -> Callable[[], None]:
        """fn, for a timer: skipped if the window has let go of its project meanwhile."""

        def run() -> None:
            if not self.shut:
                fn()

        return run

    def _update_status(self) -> None:
        if not self.state.is_open:
            self.status_label.setText(f"Opening {self.state.path}…")
            return
        n = self.state.store.articles.count()
        self.status_label.setText(
            f"{n:,} articles  ·  {self.state.path}" + ("  ·  read-only" if self.state.readonly else "")
        )

    def task_failed(self, text: str) -> None:
        """A task of the window failed: the user is told (never with a traceback)."""
        if self.shut:
            return  # the window closed while the task ran
        message(self, "workbench", "The operation failed; nothing was lost.", text, QMessageBox.Icon.Warning)

    # ---------------------------------------------------------------- dropped files
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and not self.state.readonly:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.imports.import_paths(paths)

    # ---------------------------------------------------------------- edits
    def edit_article_details(self) -> None:
        from .dialogs import ArticleDetailsDialog

        article = self.reader.article
        if article is None:
            return
        dialog = ArticleDetailsDialog(article, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.changes():
            return
        # saved at once, undoable; another language means another pipeline (see _on_changes)
        self.editor.update_article_meta(article.id, dialog.changes())

    def delete_articles(self, ids: list[int]) -> bool:
        """Delete articles after saying what goes with them; undoable (Ctrl+Z puts everything back)."""
        store = self.state.store
        held = store.articles.holdings(ids)
        what = "this article" if len(ids) == 1 else f"these {len(ids)} articles"
        if len(ids) == 1:
            summary = store.articles.summaries(ids).get(ids[0])
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
    def show_entity(self, entity_id: int) -> None:
        self.docks["entities"].show()
        self.docks["entities"].raise_()
        self.entities.select_entity(entity_id)

    def entity_action(self, action: str, payload: dict) -> None:
        """An entity fix asked for from the reader (or the Edit menu): add, reject or split a mention."""
        if action == "add":
            from .dialogs import EntityPickerDialog

            rng = payload.get("range") or self.reader.selected_range()
            article = self.reader.article
            if article is None or not rng or rng[1] <= rng[0]:
                message(self, "Mark entity", "Select the name in the article first.")
                return
            surface = article.text[rng[0] : rng[1]]
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
        try:
            default = getpass.getuser()
        except (KeyError, OSError):
            default = ""
        return str(self.settings.value("analyst/name", default))

    def set_analyst_name(self) -> None:
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
