"""Entities pane: every entity with its counts, filters, its mentions across articles, and the analyst's fixes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.kinds import ALL_TYPES
from ...core.store_entities import EntityRow
from .. import tasks
from ..colors import TYPE_LABELS
from ..dialogs import EntityPickerDialog
from ..jobs import entity_rows_task
from ..models.entities import EntityTableModel, MentionTableModel
from ..safe import ask_text, choose_item, message
from ..state import AppState
from ..widgets import SummaryLabel, column, table_view, vertical_split


class EntitiesPane(QWidget):
    def __init__(self, state: AppState, editor, parent=None):
        super().__init__(parent)
        self.state = state
        self.editor = editor
        self._pending: tasks.Task | None = None  # a search of the mentions under way on a worker thread
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter entities…")
        self.filter.setClearButtonEnabled(True)
        self.type_box = QComboBox()
        self.type_box.addItem("All types", None)
        for t in ALL_TYPES:
            self.type_box.addItem(TYPE_LABELS.get(t, t), t)
        self.only_article = QCheckBox("This article")
        self.only_article.setToolTip("Only entities mentioned in the article in the reader")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.type_box)
        top.addWidget(self.only_article)

        self.model = EntityTableModel(self)
        self.view = table_view(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 104), (2, 66), (3, 58)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._entity_menu)

        buttons = QHBoxLayout()
        self.btn_rename = QPushButton("Rename…")
        self.btn_type = QPushButton("Type…")
        self.btn_merge = QPushButton("Merge into…")
        for b, slot in (
            (self.btn_rename, self.rename),
            (self.btn_type, self.change_type),
            (self.btn_merge, self.merge),
        ):
            b.clicked.connect(slot)
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.mentions_label = SummaryLabel("Select an entity to see where it is mentioned.", muted=True)
        self.mentions_label.setWordWrap(True)  # a long list of spellings must not widen the pane
        self.mention_model = MentionTableModel(self)
        self.mention_view = table_view(self.mention_model)
        mh = self.mention_view.horizontalHeader()
        mh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        mh.resizeSection(0, 120)
        mh.resizeSection(1, 90)
        self.mention_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mention_view.customContextMenuRequested.connect(self._mention_menu)

        split = vertical_split(
            self, column(top, self.view, buttons), column(self.mentions_label, self.mention_view)
        )
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _: self._timer.start())
        self.type_box.currentIndexChanged.connect(lambda _: self.reload())
        self.only_article.toggled.connect(lambda _: self.reload())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_mentions())
        self.mention_view.clicked.connect(self._open_mention)
        self.mention_view.activated.connect(self._open_mention)
        state.sig_open_article.connect(self._article_opened)

    # ---------------------------------------------------------------- data
    def on_changes(self, event: ChangeEvent) -> None:
        if event.changes.entities or event.changes.mentions:
            self.reload()

    def _article_opened(self, *_: int) -> None:
        if self.only_article.isChecked():
            self.reload()

    #: above this many articles, a search of what the mentions say runs on a worker thread so the window
    #: never waits (the counts themselves are kept up to date by the store and list at once)
    BACKGROUND_ABOVE = 20000

    def reload(self) -> None:
        types = [self.type_box.currentData()] if self.type_box.currentData() else None
        if types == ["GPE"]:
            types = ["GPE", "LOC"]
        article = self.state.current_article if self.only_article.isChecked() else None
        query = (types, self.filter.text().strip(), article)
        if query[1] and article is None and self.state.store.articles.count() > self.BACKGROUND_ABOVE:
            self.mentions_label.setText("Searching the mentions…")
            task = self._pending = tasks.Task(entity_rows_task, self.state.path, *query)
            task.ask_before_quit = False

            # only the latest search is shown (an earlier one may finish after it)
            def done(rows: list[EntityRow]) -> None:
                if task is self._pending:
                    self._rows_ready(rows)

            def failed(message: str) -> None:
                if task is self._pending:
                    self.mentions_label.setText(message)

            tasks.start(task, done, failed, None)
            return
        self._pending = None
        self._rows_ready(self.state.store.entities.rows(*query))

    def _rows_ready(self, rows) -> None:
        if self.state.closed:
            return
        current = self.current_entity()
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if current is not None and self.model.row_of(current.id) >= 0:
            self.select_entity(current.id)  # still listed: keep it selected
        else:
            self._show_mentions()  # (select_entity would clear the filter the user is typing to bring it back)

    def current_entity(self):
        return self.model.row(self.view.currentIndex().row())

    def select_entity(self, entity_id: int) -> bool:
        row = self.model.row_of(entity_id)
        if row < 0 and (self.filter.text() or self.type_box.currentIndex() or self.only_article.isChecked()):
            self.filter.clear()
            self.type_box.setCurrentIndex(0)
            self.only_article.setChecked(False)
            self.reload()
            row = self.model.row_of(entity_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        self._show_mentions()
        return row >= 0

    def _show_mentions(self) -> None:
        e = self.current_entity()
        for b in (self.btn_rename, self.btn_type, self.btn_merge):
            b.setEnabled(e is not None and not self.state.readonly)
        if e is None:
            self.mention_model.set_rows([])
            self.mentions_label.setText("Select an entity to see where it is mentioned.")
            return
        rows = self.state.store.entities.mentions_of(e.id)
        self.mention_model.set_rows(rows)
        aliases = sorted({m.text for m, _, _ in rows})
        self.mentions_label.setText(
            f"{e.name} — {len(rows)} mention(s) in {e.articles} article(s); written as: " + ", ".join(aliases)
        )

    def _open_mention(self, index) -> None:
        r = self.mention_model.row(index.row())
        if r is not None:
            self.state.open_article(r[0].article_id, r[0].start, r[0].end)

    # ---------------------------------------------------------------- fixes
    def rename(self) -> None:
        e = self.current_entity()
        if e is None:
            return
        name, ok = ask_text(self, "Rename entity", "New name:", e.name)
        if ok and name.strip() and name.strip() != e.name:
            self.editor.rename_entity(e.id, name.strip())

    def change_type(self) -> None:
        e = self.current_entity()
        if e is None:
            return
        labels = [f"{TYPE_LABELS.get(t, t)} ({t})" for t in ALL_TYPES]
        current = ALL_TYPES.index(e.type) if e.type in ALL_TYPES else 0
        label, ok = choose_item(self, "Change type", f"Type of {e.name}:", labels, current)
        if ok:
            new = ALL_TYPES[labels.index(label)]
            if new != e.type:
                self.editor.set_entity_type(e.id, new)

    def merge(self) -> None:
        e = self.current_entity()
        if e is None:
            return
        dialog = EntityPickerDialog(
            self.state.store, f"Merge “{e.name}” into…", allow_new=False, exclude=e.id, parent=self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.entity_id is None:
            return
        if self.editor.merge_entities(dialog.entity_id, e.id):
            self.select_entity(dialog.entity_id)

    def _entity_menu(self, pos) -> None:
        if self.current_entity() is None:
            return
        menu = QMenu(self)
        for text, slot in (
            ("Rename…", self.rename),
            ("Change type…", self.change_type),
            ("Merge into…", self.merge),
        ):
            act = menu.addAction(text)
            act.triggered.connect(slot)
            act.setEnabled(not self.state.readonly)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _mention_menu(self, pos) -> None:
        r = self.mention_model.row(self.mention_view.indexAt(pos).row())
        if r is None:
            return
        m = r[0]
        menu = QMenu(self)
        menu.addAction("Open in reader").triggered.connect(
            lambda: self.state.open_article(m.article_id, m.start, m.end)
        )
        reject = menu.addAction("Reject this mention")
        reject.triggered.connect(lambda: self.editor.reject_mention(m.id))
        split = menu.addAction("Split off as a new entity…")
        split.triggered.connect(lambda: self.split(m))
        for act in (reject, split):
            act.setEnabled(not self.state.readonly)
        menu.exec(self.mention_view.viewport().mapToGlobal(pos))

    def split(self, mention) -> None:
        name, ok = ask_text(self, "Split off mention", "Name of the new entity:", mention.text)
        if not ok or not name.strip():
            return
        into = None
        existing = self.state.store.entities.named(name)
        if existing:
            e = existing[0]
            if e.id == mention.entity_id:
                message(
                    self,
                    "Split off mention",
                    f"This mention already belongs to “{e.name}”. Give the new entity another name "
                    "(or use Merge into… to join two entities).",
                )
                return
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Split off mention",
                f"An entity named “{e.name}” already exists ({TYPE_LABELS.get(e.type, e.type)}, "
                f"{e.mentions} mention(s) in {e.articles} article(s)).\n\n"
                f"Move “{mention.text}” into it, or make a second entity of the same name?",
                QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            use = box.addButton(f"Move into “{e.name[:40]}”", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Make a second entity", QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(use)
            box.exec()
            clicked = box.clickedButton()
            if clicked is None or box.buttonRole(clicked) == QMessageBox.ButtonRole.RejectRole:
                return
            into = e.id if clicked is use else None
        entity_id = self.editor.split_mention(mention.id, name.strip(), into)
        if entity_id is not None:
            self.select_entity(entity_id)
