"""The article list: sortable, filterable, lazily fetched."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from ..models.articles import ArticleListModel
from ..state import AppState


class ArticlesPane(QWidget):
    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, outlet, author or file…")
        self.filter.setClearButtonEnabled(True)
        self.model = ArticleListModel(state.store, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        # the model starts in id order: say so before sorting is enabled, so it is not fetched twice
        self.view.horizontalHeader().setSortIndicator(4, Qt.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        # fixed widths: sizing to contents would read every row of a large project
        for col, width in ((1, 72), (2, 80), (3, 50), (4, 36), (5, 90)):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            header.resizeSection(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(lambda: self.model.set_filter(self.filter.text()))
        self.filter.textChanged.connect(lambda _: self._filter_timer.start())
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        state.sig_articles_changed.connect(self.reload)
        state.sig_open_article.connect(self._follow)

    def reload(self) -> None:
        current = self.state.current_article
        self.model.reload()
        if current is not None:
            self._follow(current)

    def _on_current(self, current, _previous) -> None:
        aid = self.model.article_id(current.row())
        if aid is not None and aid != self.state.current_article:
            self.state.open_article(aid)

    def _follow(self, article_id: int, *_):
        row = self.model.row_of(article_id)
        if row >= 0 and self.view.currentIndex().row() != row:
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.selectionModel().blockSignals(False)
            self.view.scrollTo(self.model.index(row, 0))

    def select_first(self) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)
