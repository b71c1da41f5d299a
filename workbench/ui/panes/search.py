"""Full-text search box with ranked hits; a hit opens the article at the match.

Searches run on a worker thread (the GUI never waits for FTS5); only the answer to
the latest search is shown, answers to searches typed over are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from .. import tasks
from ..jobs import search_task
from ..models.search import SearchResultsModel
from ..state import AppState
from ..widgets import SummaryLabel

#: the share of the pane's width the article title column starts with
TITLE_SHARE = 0.33


class SearchPane(QWidget):
    #: the hits of the latest search are on screen: their number
    sig_results = Signal(int)

    LIMIT = 200

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self._query = ""
        self._generation = 0  # the number of the latest search; older answers are dropped
        self._task: tasks.Task | None = None
        self.box = QLineEdit()
        self.box.setPlaceholderText('Search articles: words, "a phrase", -exclude, OR, prefix*')
        self.box.setClearButtonEnabled(True)
        self.info = SummaryLabel("", muted=True)
        self.model = SearchResultsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # the snippet is what is read: it gets the room, the article title a third of it
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        header.resizeSection(0, 160)
        self._title_share = TITLE_SHARE
        header.sectionResized.connect(self._title_resized)
        self.view.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.box)
        layout.addWidget(self.info)
        layout.addWidget(self.view)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _: self._timer.start())
        self.box.returnPressed.connect(self.run)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()  # on the view's own resize: the pane's comes before the view is laid out
        return False

    def _fit_title(self) -> None:
        width = self.view.viewport().width()
        if width > 0:
            self._fitting = True
            self.view.horizontalHeader().resizeSection(0, max(80, int(width * self._title_share)))
            self._fitting = False

    def _title_resized(self, section: int, _old: int, new: int) -> None:
        """The analyst dragged the title column: keep that share of the width from now on."""
        width = self.view.viewport().width()
        if section == 0 and not getattr(self, "_fitting", False) and width > 0:
            self._title_share = min(0.8, max(0.1, new / width))

    def run(self) -> None:
        self._timer.stop()
        text = self.box.text()
        self._generation += 1
        if self._task is not None:
            self._task.cancel.set()  # its answer will not be shown
            self._task = None
        if not text.strip():
            self.model.set_hits([])
            self.info.setText("")
            return
        generation = self._generation
        self.info.setText("Searching…")
        task = tasks.Task(search_task, self.state.path, text, self.LIMIT)
        task.ask_before_quit = False
        self._task = task
        tasks.start(
            task,
            lambda result: self._show(generation, text, result),
            lambda message: self._failed(generation, message),
            None,
        )

    def _show(self, generation: int, text: str, result) -> None:
        if generation != self._generation:
            return  # a later search is under way or shown
        self._task = None
        hits, message = result
        self._query = text
        store = self.state.store
        self.model.set_hits(hits, fetch_snippets=lambda ids: store.articles.snippets(text, ids))
        limit = self.LIMIT
        self.info.setText(
            message or f"{len(hits)} article(s)" + (f" (first {limit})" if len(hits) == limit else "")
        )
        self.sig_results.emit(len(hits))

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.model.set_hits([])
        self.info.setText(f"The search could not be run: {message.split(': ', 1)[-1]}")
        self.sig_results.emit(0)

    def _open(self, index) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            start, end = self.state.store.articles.locate_hit(hit.article_id, self._query)
            self.state.open_article(hit.article_id, start, end)

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
