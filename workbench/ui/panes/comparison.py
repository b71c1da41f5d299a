"""Source comparison: the findings first; the matrix of aligned statements and two articles side by side as details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.findings import StatementRef
from ...core.store import Store
from .. import tasks
from ..models.comparison import ComparisonMatrixModel, FindingsModel
from ..offsets import QtOffsets
from ..safe import tooltip
from ..state import AppState
from ..widgets import column, vertical_split
from .reader import plain_label

MAX_ARTICLES = 200


def _compare_task(progress, cancel, db_path: Path, ids: list[int], readonly: bool = False):
    from ...core import copies
    from ...core.compare import compare

    # writable: the copies and origins found are cached in the project for the next run
    with Store(db_path, readonly=readonly) as store:
        copies.ensure(store, progress, cancel)
        progress(0, 1, "aligning statements")
        result = compare(store, ids)
        progress(1, 1, "")
        return result


class FindingsView(QWidget):
    """The findings, one plain line each; the statements of the chosen one below, differing values marked.

    Clicking a statement opens it in the reader.
    """

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full line is in the tooltip
        self.view.verticalHeader().setDefaultSectionSize(22)
        # long lines never widen the dock
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.text.setToolTip("Click a statement to open it in the reader; differing values are marked")
        self._spans: list[tuple[int, int, StatementRef]] = []  # (start, end in the text, the statement)
        self._offsets = QtOffsets("")
        self._filling = False
        vertical_split(self, self.view, self.text)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _: self.show_finding(cur.row()))
        self.text.cursorPositionChanged.connect(self._clicked)
        self.comparison = None

    def set_comparison(self, comparison) -> None:
        self.comparison = comparison
        self.model.set_comparison(comparison)
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self.show_finding(-1)

    def show_finding(self, row: int) -> None:
        f = self.model.finding(row)
        self._filling = True
        self._spans = []
        if f is None:
            self.text.setPlainText("No findings: the listed articles neither differ nor rest on one origin.")
            self._filling = False
            return
        parts, pos, marks = [], 0, []
        for st in f.statements:
            label = self.comparison.origins[st.article_id].label if self.comparison else ""
            head = f"#{st.article_id} ({label}): "
            body = " ".join(st.text.split()) if "\n" in st.text else st.text
            start = pos + len(head)
            if body == st.text:
                marks += [(start + a - st.start, start + b - st.start) for a, b in st.marks]
            parts.append(head + body)
            self._spans.append((pos, start + len(body), st))
            pos = start + len(body) + 2
        doc = "\n\n".join(parts)
        self.text.setPlainText(doc)
        self._offsets = QtOffsets(doc)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ff9e80"))
        fmt.setFontWeight(700)
        to_qt = self._offsets.to_qt
        self.text.setExtraSelections(
            [SideBySide._selection(self.text, to_qt(a), to_qt(b), fmt) for a, b in marks]
        )
        self._filling = False

    def _clicked(self) -> None:
        if self._filling:
            return
        pos = self._offsets.from_qt(self.text.textCursor().position())
        for a, b, st in self._spans:
            if a <= pos <= b:
                self.state.open_article(st.article_id, st.start, st.end)
                return


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
            body = self.state.store.articles.text(aid)
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
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel


class ComparisonPane(QWidget):
    #: link the selected statement group to the current claim: (stance, group key, quote, article id, start, end)
    sig_link_evidence = Signal(str, str, str, int, int, int)
    #: a comparison finished (its task cached the copies and origins it found in the project)
    sig_compared = Signal()

    def __init__(self, state: AppState, articles_pane, parent=None):
        super().__init__(parent)
        self.state = state
        self.articles_pane = articles_pane
        self.comparison = None
        self.titles: dict[int, str] = {}
        self._task: tasks.Task | None = None

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
        self.summary.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # never widens the dock
        self.link_support = QPushButton("Supports the current claim")
        self.link_contra = QPushButton("Contradicts the current claim")
        for b in (self.link_support, self.link_contra):
            b.setToolTip(
                "One click: link the selected statement group (its statement in the chosen article) "
                "as evidence to the claim selected in the Claims pane"
            )
            b.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addStretch(1)
        filters = QHBoxLayout()
        for w in (self.only_diff, self.only_single, self.include_single):
            filters.addWidget(w)
        filters.addStretch(1)
        top.addWidget(self.link_support)
        top.addWidget(self.link_contra)

        self.model = ComparisonMatrixModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setDefaultSectionSize(120)  # a cell shows its values' own words
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.differences = plain_label("", muted=False)
        self.differences.setWordWrap(True)
        self.differences.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.side = SideBySide(state)
        self.findings = FindingsView(state)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.findings, "Findings")
        self.tabs.addTab(column(filters, self.view, self.differences), "Matrix")
        self.tabs.addTab(self.side, "Side by side")
        self.tabs.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        self.run_button.clicked.connect(self.run)
        self.link_support.clicked.connect(lambda: self._link("supporting"))
        self.link_contra.clicked.connect(lambda: self._link("contradicting"))
        self._cell_article: int | None = None
        for box in (self.only_diff, self.only_single, self.include_single):
            box.toggled.connect(lambda _: self._refilter())
        self.view.clicked.connect(self._clicked)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _: self._show_group(cur.row()))

    def run(self) -> None:
        ids = self.articles_pane.model.listed_ids()[:MAX_ARTICLES]
        if len(ids) < 2:
            self.summary.setText("List at least two articles to compare.")
            return
        self.run_button.setEnabled(False)
        self.summary.setText(f"Comparing {len(ids)} articles…")
        task = tasks.Task(_compare_task, self.state.path, ids, self.state.readonly)
        task.ask_before_quit = False
        self._task = tasks.start(task, self._done, self._failed, None)

    def _failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText(f"The comparison failed: {message}")

    def _done(self, comparison) -> None:
        self.run_button.setEnabled(True)
        self.comparison = comparison
        self.titles = {
            a: s.title for a, s in self.state.store.articles.summaries(comparison.article_ids).items()
        }
        self.side.set_comparison(comparison, self.titles)
        self.findings.set_comparison(comparison)
        self.tabs.setCurrentWidget(self.findings)
        self._refilter()
        self.articles_pane.model.refresh_origins()
        self.sig_compared.emit()

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
        kinds = {
            k: sum(1 for f in c.findings if f.kind == k)
            for k in ("disagreement", "soft difference", "single origin")
        }
        counts = {s: sum(1 for g in c.groups if g.status == s) for s in ("agree", "differ", "single-source")}
        text = (
            f"{len(c.article_ids)} articles, {c.independent_count} independent origins, {len(c.copies)} copies; "
            f"{kinds['disagreement']} disagreements, {kinds['soft difference']} soft differences, "
            f"{kinds['single origin']} facts on a single origin. Matrix: {len(c.groups)} statement groups "
            f"({counts['agree']} agree, {counts['differ']} differ, {counts['single-source']} single-source), "
            f"showing {len(groups)}."
        )
        self.summary.setText(text)
        self.summary.setToolTip(tooltip(text))
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
        lines = self.model.difference_lines(g)
        self.differences.setText(
            "\n".join(lines) if lines else ("No differences between the sources." if g else "")
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
