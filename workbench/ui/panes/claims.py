"""Claims pane: the analyst's claims with filters, a verdict editor, and evidence for and against."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.store_claims import VERDICTS, normalise_tags
from ..models.claims import ClaimTableModel, EvidenceTableModel
from ..state import AppState
from ..widgets import SummaryLabel, column, table_view, vertical_split
from .reader import plain_label


class ClaimsPane(QWidget):
    #: the user wants evidence from the reader's selection: (claim_id, stance)
    sig_add_evidence = Signal(int, str)

    def __init__(self, state: AppState, editor, parent=None):
        super().__init__(parent)
        self.state = state
        self.editor = editor
        self._loading = False
        self._shown: int | None = None  # the claim whose details the editor shows

        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter claims by quote or note…")
        self.text_filter.setClearButtonEnabled(True)
        self.verdict_filter = QComboBox()
        self.verdict_filter.addItem("All verdicts", None)
        for v in VERDICTS:
            self.verdict_filter.addItem(v, v)
        self.tag_filter = QComboBox()
        self.only_article = QCheckBox("This article")
        top = QHBoxLayout()
        top.addWidget(self.text_filter, 1)
        top.addWidget(self.verdict_filter)
        top.addWidget(self.tag_filter)
        top.addWidget(self.only_article)

        self.model = ClaimTableModel(self)
        self.view = table_view(self.model)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 80), (2, 44), (3, 90), (4, 120)):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            h.resizeSection(col, width)

        # editor of the current claim
        self.verdict = QComboBox()
        for v in VERDICTS:
            self.verdict.addItem(v, v)
        self.confidence = QSpinBox()
        self.confidence.setRange(-1, 100)
        self.confidence.setSpecialValueText("not set")
        self.confidence.setSuffix(" %")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma-separated tags")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note: why this verdict, what to check…")
        self.note.setMaximumHeight(90)
        self.info = SummaryLabel("", muted=True)
        self.info.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Verdict", self.verdict)
        form.addRow("Confidence", self.confidence)
        form.addRow("Tags", self.tags)
        form.addRow("Note", self.note)

        self.evidence_model = EvidenceTableModel(self)
        self.evidence_view = table_view(self.evidence_model)
        eh = self.evidence_view.horizontalHeader()
        eh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        eh.resizeSection(0, 90)
        eh.resizeSection(2, 120)
        ev_buttons = QHBoxLayout()
        self.btn_support = QPushButton("+ Supporting")
        self.btn_support.setToolTip("Add the text selected in the reader as evidence supporting this claim")
        self.btn_contra = QPushButton("+ Contradicting")
        self.btn_contra.setToolTip("Add the text selected in the reader as evidence contradicting this claim")
        self.btn_remove_ev = QPushButton("Remove")
        self.btn_delete = QPushButton("Delete claim")
        for b in (self.btn_support, self.btn_contra, self.btn_remove_ev):
            ev_buttons.addWidget(b)
        ev_buttons.addStretch(1)
        ev_buttons.addWidget(self.btn_delete)

        self.detail = QWidget()
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.info)
        dl.addLayout(form)
        dl.addWidget(plain_label("Evidence", muted=True))
        dl.addWidget(self.evidence_view)
        dl.addLayout(ev_buttons)

        vertical_split(self, column(top, self.view), self.detail)

        self._note_timer = QTimer(self, singleShot=True, interval=900)
        self._note_timer.timeout.connect(self._save_note)
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self.reload)
        self.text_filter.textChanged.connect(lambda _: self._filter_timer.start())
        self.verdict_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.tag_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.only_article.toggled.connect(lambda _: self.reload())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.view.clicked.connect(self._open_current)
        self.view.activated.connect(self._open_current)
        self.verdict.currentIndexChanged.connect(lambda _: self._save("verdict", self.verdict.currentData()))
        self.confidence.valueChanged.connect(lambda v: self._save("confidence", None if v < 0 else v / 100))
        self.tags.editingFinished.connect(lambda: self._save("tags", self.tags.text()))
        self.note.textChanged.connect(lambda: self._loading or self._note_timer.start())
        self.btn_support.clicked.connect(lambda: self._request_evidence("supporting"))
        self.btn_contra.clicked.connect(lambda: self._request_evidence("contradicting"))
        self.btn_remove_ev.clicked.connect(self._remove_evidence)
        self.btn_delete.clicked.connect(self._delete)
        self.evidence_view.activated.connect(self._open_evidence)
        self.evidence_view.doubleClicked.connect(self._open_evidence)
        state.sig_open_article.connect(self._article_opened)
        self.reload()

    # ---------------------------------------------------------------- data
    def on_changes(self, event: ChangeEvent) -> None:
        """Claims, and the titles of their articles. After an edit of its own (a verdict, a note, tags, a
        piece of evidence removed) the pane's editor already shows the new values: only the claim's row,
        its evidence and the list of tags are read again."""
        changes = event.changes
        if not (changes.claims or changes.articles):
            return
        if event.initiator is self and not changes.articles and self._refresh_shown():
            return
        self.reload()

    def _article_opened(self, *_: int) -> None:
        if self.only_article.isChecked():
            self.reload()

    def _refresh_shown(self) -> bool:
        claim = self.state.store.claims.get(self._shown) if self._shown is not None else None
        if claim is None or not self.model.replace_claim(claim):
            return False  # deleted, or not listed: the whole list is read again
        self._fill_tags()
        self._fill_evidence(claim.id)
        return True

    def _fill_tags(self) -> None:
        tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for t in self.state.store.claims.all_tags():
            self.tag_filter.addItem(t, t)
        i = self.tag_filter.findData(tag)
        self.tag_filter.setCurrentIndex(max(i, 0))
        self.tag_filter.blockSignals(False)

    def _fill_evidence(self, claim_id: int) -> None:
        evidence = self.state.store.claims.evidence(claim_id)
        titles = self._titles({e.article_id for e in evidence if e.article_id is not None})
        self.evidence_model.set_rows([(e, self._cited(e, titles)) for e in evidence])

    def reload(self) -> None:
        current = self.current_claim()
        self._loading = True
        self._fill_tags()
        article = self.state.current_article if self.only_article.isChecked() else None
        claims = self.state.store.claims.matching(
            article,
            self.verdict_filter.currentData(),
            self.tag_filter.currentData(),
            self.text_filter.text().strip(),
        )
        titles = self._titles({c.article_id for c in claims})
        self.model.set_rows([(c, titles.get(c.article_id, "")) for c in claims])
        self._loading = False
        if current is not None:
            self.select_claim(current.id)
        else:
            self._show_current()

    def _titles(self, article_ids) -> dict[int, str]:
        """Article titles in one query."""
        return {a: s.title for a, s in self.state.store.articles.summaries(list(article_ids)).items()}

    def current_claim(self):
        r = self.model.row(self.view.currentIndex().row())
        return r[0] if r else None

    def select_claim(self, claim_id: int) -> None:
        row = self.model.row_of(claim_id)
        if row >= 0:
            self.view.selectRow(row)
        self._show_current()

    def _show_current(self) -> None:
        self.flush()  # a note being typed belongs to the claim shown so far
        c = self.current_claim()
        self._shown = c.id if c is not None else None
        writable = not self.state.readonly
        self.detail.setEnabled(c is not None)
        for w in (
            self.verdict,
            self.confidence,
            self.tags,
            self.note,
            self.btn_support,
            self.btn_contra,
            self.btn_remove_ev,
            self.btn_delete,
        ):
            w.setEnabled(c is not None and writable)
        self._loading = True
        self._note_timer.stop()
        if c is None:
            self.info.setText("Select text in the reader and press Ctrl+M to mark a claim.")
            self.note.setPlainText("")
            self.tags.setText("")
            self.evidence_model.set_rows([])
        else:
            self.verdict.setCurrentIndex(max(0, self.verdict.findData(c.verdict)))
            self.confidence.setValue(-1 if c.confidence is None else round(c.confidence * 100))
            self.tags.setText(", ".join(c.tag_list))
            if self.note.toPlainText() != c.note:
                self.note.setPlainText(c.note)
            state = {
                "orphaned": "  ·  ⚠ not found in the newest version of the article",
                "moved": "  ·  re-anchored by quote",
                "fuzzy": "  ·  re-anchored by a close match",
            }
            self.info.setText(
                f"“{' '.join(c.quote.split())}”\n{c.author or 'unknown author'} · "
                f"created {c.created_at[:16].replace('T', ' ')} · changed "
                f"{c.changed_at[:16].replace('T', ' ')}{state.get(c.anchor, '')}"
            )
            self._fill_evidence(c.id)
        self._loading = False

    def _cited(self, e, titles: dict) -> str:
        """The evidence's article title, with its page when the article is a PDF ("Report, p. 4")."""
        title = titles.get(e.article_id, "")
        if title and e.start is not None:
            page = self.state.store.articles.page_of(e.article_id, e.start)
            if page:
                return f"{title}, p. {page}"
        return title

    # ---------------------------------------------------------------- edits
    def _save(self, field: str, value) -> None:
        c = self.state.store.claims.get(self._shown) if self._shown is not None else None
        if self._loading or c is None:
            return
        current = {"verdict": c.verdict, "confidence": c.confidence, "tags": c.tags, "note": c.note}[field]
        if field == "tags":
            value = normalise_tags(value)
        if (
            value != current
            and self.editor.update_claim(c.id, initiator=self, **{field: value}) is None
            and field == "note"
        ):
            # the pane now shows the saved note: the words typed are kept for the analyst to paste back
            QApplication.clipboard().setText(value)
            self.state.sig_status.emit("The note that could not be saved is on the clipboard.")

    def _save_note(self) -> None:
        self._save("note", self.note.toPlainText())

    def flush(self) -> None:
        """Save a note still being typed (before quitting or switching claims)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()

    def _request_evidence(self, stance: str) -> None:
        c = self.current_claim()
        if c is not None:
            self.sig_add_evidence.emit(c.id, stance)

    def _remove_evidence(self) -> None:
        r = self.evidence_model.row(self.evidence_view.currentIndex().row())
        if r is not None:
            self.editor.delete_evidence(r[0].id, initiator=self)

    def _delete(self) -> None:
        c = self.current_claim()
        if c is not None:
            self.editor.delete_claim(c.id)

    def _open_current(self, *_):
        self.flush()
        c = self.current_claim()
        if c is not None:
            self.state.open_article(c.article_id, c.start, c.end)

    def _open_evidence(self, index) -> None:
        r = self.evidence_model.row(index.row())
        if r is not None and r[0].article_id is not None:
            self.state.open_article(r[0].article_id, r[0].start, r[0].end)
