"""The article list: sortable, filterable, lazily fetched."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.language import name as language_name
from ..models.articles import ArticleListModel
from ..state import AppState


class ArticlesPane(QWidget):
    #: the analyst asked to delete these articles (the window confirms and does it)
    sig_delete = Signal(list)

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by title, outlet, author or file…")
        self.filter.setClearButtonEnabled(True)
        self.language = QComboBox()
        self.language.setToolTip("Show the articles in one language")
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._following = False
        self.model = ArticleListModel(state.store, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the model starts in id order: say so before sorting is enabled, so it is not fetched twice
        self.view.horizontalHeader().setSortIndicator(6, Qt.SortOrder.AscendingOrder)  # the # column
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed widths: sizing to contents would read every row of a large project
        for col, width in ((1, 64), (2, 78), (3, 46), (4, 36), (5, 90), (6, 36), (7, 90)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter, 1)
        row.addWidget(self.language)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self._fill_languages()
        self.language.currentIndexChanged.connect(
            lambda _: self.model.set_language(self.language.currentData())
        )

        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(lambda: self.model.set_filter(self.filter.text()))
        self.filter.textChanged.connect(lambda _: self._filter_timer.start())
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        state.sig_open_article.connect(self.follow)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.act_delete = QAction("Delete article…", self.view)
        self.act_delete.setShortcut(QKeySequence.StandardKey.Delete)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_delete.setEnabled(not state.readonly)
        self.act_delete.triggered.connect(self.delete_selected)
        self.view.addAction(self.act_delete)

    def selected_ids(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return [aid for aid in (self.model.article_id(r) for r in sorted(rows)) if aid is not None]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids and not self.state.readonly:
            self.sig_delete.emit(ids)

    def _menu(self, pos) -> None:
        if self.model.article_id(self.view.indexAt(pos).row()) is None:
            return
        menu = QMenu(self)
        menu.addAction("Open").triggered.connect(lambda: self._on_current(self.view.indexAt(pos), None))
        menu.addAction(self.act_delete)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _fill_languages(self) -> None:
        """'All languages' and each language in the project, with its number of articles."""
        chosen = self.language.currentData()
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem("All languages", None)
        for code, n in self.state.store.articles.languages():
            self.language.addItem(f"{language_name(code) or 'Not known'} ({n})", code)
        index = self.language.findData(chosen) if chosen is not None else 0
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        if index < 0:  # the language chosen is gone: show every article
            self.model.set_language(None)

    def on_changes(self, event: ChangeEvent) -> None:
        if event.changes.articles:
            self.reload()

    def reload(self) -> None:
        current = self.state.current_article
        self._fill_languages()
        self.model.reload()
        if current is not None:
            self.follow(current)

    def _on_current(self, current, _previous) -> None:
        if self._following:
            return
        aid = self.model.article_id(current.row())
        if aid is not None and aid != self.state.current_article:
            self.state.open_article(aid)

    def follow(self, article_id: int, *_: int) -> None:
        """Select the article's row (it was opened elsewhere: a search hit, a mention, the story picker)."""
        row = self.model.row_of(article_id)
        if row >= 0 and self.view.currentIndex().row() != row:
            # the selection model's signals must reach the view (blocking them left the old rows painted
            # as selected); _following keeps the row change from opening the article a second time
            self._following = True
            try:
                self.view.selectRow(row)
            finally:
                self._following = False
            self.view.scrollTo(self.model.index(row, 0))
        elif row < 0:
            self.view.clearSelection()  # the article is not listed (filtered out): no stale row stays selected

    def select_first(self) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)
