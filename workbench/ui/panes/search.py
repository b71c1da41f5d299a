"""Full-text search box with ranked hits; a hit opens the article at the match."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from ..models.search import SearchResultsModel
from ..state import AppState
from .reader import plain_label


class SearchPane(QWidget):
    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self._query = ""
        self.box = QLineEdit()
        self.box.setPlaceholderText('Search articles: words, "a phrase", -exclude, OR, prefix*')
        self.box.setClearButtonEnabled(True)
        self.info = plain_label("", muted=True)
        self.model = SearchResultsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Interactive)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.view.horizontalHeader().resizeSection(0, 260)
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

    def run(self) -> None:
        self._timer.stop()
        text = self.box.text()
        if not text.strip():
            self.model.set_hits([])
            self.info.setText("")
            return
        self._query = text
        store = self.state.store
        hits, message = store.search(text, limit=200)
        self.model.set_hits(hits, fetch_snippets=lambda ids: store.snippets(text, ids))
        self.info.setText(message or f"{len(hits)} article(s)" + (" (first 200)" if len(hits) == 200 else ""))

    def _open(self, index) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            start, end = self.state.store.locate_hit(hit.article_id, self._query)
            self.state.open_article(hit.article_id, start, end)

    def focus(self) -> None:
        self.box.setFocus(Qt.ShortcutFocusReason)
        self.box.selectAll()
