"""Source comparison: a matrix of aligned statements by article, and two articles side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.store import Store
from .. import tasks
from ..models.comparison import ComparisonMatrixModel
from ..offsets import QtOffsets
from ..state import AppState
from ..widgets import column, vertical_split
from .reader import plain_label

MAX_ARTICLES = 200


def _compare_task(progress, cancel, db_path: Path, ids: list[int]):
    from ...core.compare import compare

    with Store(db_path, readonly=True) as store:
        progress(0, 1, "aligning statements")
        result = compare(store, ids)
        progress(1, 1, "")
        return result


class SideBySide(QWidget):
    """Two articles next to each other; the aligned statements of the chosen group and their differing values marked."""

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.boxes = [QComboBox(), QComboBox()]
        self.texts = [QPlainTextEdit(), QPlainTextEdit()]
        self.offsets = [QtOffsets(""), QtOffsets("")]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box, text in zip(self.boxes, self.texts, strict=False):
            text.setReadOnly(True)
            column = QVBoxLayout()
            column.addWidget(box)
            column.addWidget(text)
            layout.addLayout(column)
            box.currentIndexChanged.connect(lambda _=0: self.refresh())
        self.comparison = None
        self.group = None

    def set_comparison(self, comparison, titles: dict[int, str]) -> None:
        self.comparison = comparison
        for i, box in enumerate(self.boxes):
            box.blockSignals(True)
            box.clear()
            for aid in comparison.article_ids:
                box.addItem(f"#{aid} {titles.get(aid, '')[:50]} — {comparison.origins[aid].label[:30]}", aid)
            box.setCurrentIndex(min(i, box.count() - 1))
            box.blockSignals(False)
        self.refresh()

    def show_group(self, group) -> None:
        self.group = group
        if group is not None and self.comparison is not None:
            present = [a for a in self.comparison.article_ids if a in group.statements]
            for box, aid in zip(self.boxes, present[:2], strict=False):
                box.blockSignals(True)
                box.setCurrentIndex(box.findData(aid))
                box.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        if self.comparison is None:
            return
        for i, (box, text) in enumerate(zip(self.boxes, self.texts, strict=False)):
            aid = box.currentData()
            if aid is None:
                continue
            body = self.state.store.article_text(aid)
            if text.property("article") != aid:
                text.setPlainText(body)
                text.setProperty("article", aid)
                self.offsets[i] = QtOffsets(body)
            to_qt = self.offsets[i].to_qt
            selections = []
            aligned = QTextCharFormat()
            aligned.setBackground(QColor("#e6eefc"))
            current = QTextCharFormat()
            current.setBackground(QColor("#fff1a8"))
            differ = QTextCharFormat()
            differ.setBackground(QColor("#ff9e80"))
            differ.setFontWeight(700)
            focus = None
            for g in self.comparison.groups:
                st = g.statements.get(aid)
                if st is None or len(g.statements) < 2:
                    continue
                is_current = g is self.group
                selections.append(
                    self._selection(text, to_qt(st.start), to_qt(st.end), current if is_current else aligned)
                )
                if is_current:
                    focus = to_qt(st.start)
                    for s, e in g.differing.get(aid, []):
                        selections.append(self._selection(text, to_qt(s), to_qt(e), differ))
            text.setExtraSelections(selections)
            if focus is not None:
                cursor = text.textCursor()
                cursor.setPosition(focus)
                text.setTextCursor(cursor)
                text.centerCursor()

    @staticmethod
    def _selection(text: QPlainTextEdit, start: int, end: int, fmt: QTextCharFormat):
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel


class ComparisonPane(QWidget):
    #: link the selected statement group to the current claim: (stance, group key, quote, article id, start, end)
    sig_link_evidence = Signal(str, str, str, int, int, int)

    def __init__(self, state: AppState, articles_pane, parent=None):
        super().__init__(parent)
        self.state = state
        self.articles_pane = articles_pane
        self.comparison = None
        self.titles: dict[int, str] = {}
        self._task = None

        self.run_button = QPushButton("Compare")
        self.run_button.setToolTip(
            "Compare the articles listed in the Articles pane (filter it to choose a story; "
            f"at most {MAX_ARTICLES})"
        )
        self.only_diff = QCheckBox("Only differences")
        self.only_single = QCheckBox("Only single-source")
        self.include_single = QCheckBox("Show statements only one article makes")
        self.summary = plain_label(
            "Press Compare to align the statements of the listed articles.", muted=True
        )
        self.summary.setWordWrap(True)
        self.link_support = QPushButton("Supports the current claim")
        self.link_contra = QPushButton("Contradicts the current claim")
        for b in (self.link_support, self.link_contra):
            b.setToolTip(
                "One click: link the selected statement group (its statement in the chosen article) "
                "as evidence to the claim selected in the Claims pane"
            )
            b.setEnabled(False)
        top = QHBoxLayout()
        for w in (self.run_button, self.only_diff, self.only_single, self.include_single):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.link_support)
        top.addWidget(self.link_contra)

        self.model = ComparisonMatrixModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setDefaultSectionSize(92)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.differences = plain_label("", muted=False)
        self.differences.setWordWrap(True)
        self.side = SideBySide(state)

        vertical_split(self, column(top, self.summary, self.view, self.differences), self.side)

        self.run_button.clicked.connect(self.run)
        self.link_support.clicked.connect(lambda: self._link("supporting"))
        self.link_contra.clicked.connect(lambda: self._link("contradicting"))
        self._cell_article: int | None = None
        for box in (self.only_diff, self.only_single, self.include_single):
            box.toggled.connect(lambda _: self._refilter())
        self.view.clicked.connect(self._clicked)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _: self._show_group(cur.row()))

    def run(self) -> None:
        ids = self.articles_pane.model._ids[:MAX_ARTICLES]
        if len(ids) < 2:
            self.summary.setText("List at least two articles to compare.")
            return
        self.run_button.setEnabled(False)
        self.summary.setText(f"Comparing {len(ids)} articles…")
        task = tasks.Task(_compare_task, self.state.path, ids)
        task.ask_before_quit = False
        self._task = tasks.start(task, self._done, self._failed, None)

    def _failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText(f"The comparison failed: {message}")

    def _done(self, comparison) -> None:
        self.run_button.setEnabled(True)
        self.comparison = comparison
        self.titles = {a: s.title for a, s in self.state.store.summaries(comparison.article_ids).items()}
        self.side.set_comparison(comparison, self.titles)
        self._refilter()

    def _refilter(self) -> None:
        c = self.comparison
        if c is None:
            return
        groups = c.groups
        if not self.include_single.isChecked() and not self.only_single.isChecked():
            groups = [g for g in groups if len(g.statements) > 1]
        if self.only_diff.isChecked():
            groups = [g for g in groups if g.status == "differ"]
        if self.only_single.isChecked():
            groups = [g for g in groups if g.status == "single-source"]
        order = {"differ": 0, "agree": 1, "single-source": 2}
        groups = sorted(
            groups, key=lambda g: (order[g.status], -len(g.statements), g.id)
        )  # differences first
        self.model.set_comparison(c, self.titles, groups)
        origins = {o.key for o in c.origins.values()}
        counts = {s: sum(1 for g in c.groups if g.status == s) for s in ("agree", "differ", "single-source")}
        self.summary.setText(
            f"{len(c.article_ids)} articles from {len(origins)} independent origins; {len(c.groups)} statement "
            f"groups: {counts['agree']} agree, {counts['differ']} differ, {counts['single-source']} rest on a "
            f"single origin. Showing {len(groups)}."
        )
        self.view.horizontalHeader().resizeSection(0, 300)

    def _link(self, stance: str) -> None:
        g = self.model.group(self.view.currentIndex().row())
        if g is None:
            return
        aid = self._cell_article if self._cell_article in g.statements else next(iter(sorted(g.statements)))
        st = g.statements[aid]
        key = f"group {g.id}: {g.topic}"
        self.sig_link_evidence.emit(stance, key, " ".join(st.text.split()), aid, st.start, st.end)

    def _show_group(self, row: int) -> None:
        g = self.model.group(row)
        for b in (self.link_support, self.link_contra):
            b.setEnabled(g is not None and not self.state.readonly)
        self.differences.setText(
            "\n".join(g.differences)
            if g and g.differences
            else ("No differences between the sources." if g else "")
        )
        self.side.show_group(g)

    def _clicked(self, index) -> None:
        g = self.model.group(index.row())
        aid = self.model.article(index.column())
        if g is None:
            return
        if g is not self.side.group:
            self._show_group(index.row())
        if aid is None or aid not in g.statements:
            aid = next(iter(g.statements))
        self._cell_article = aid
        st = g.statements[aid]
        self.state.open_article(aid, st.start, st.end)
