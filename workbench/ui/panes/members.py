"""Members-and-stakes pane: who is in the venture, in what role, with what stake, on what evidence."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.members import ROLES, Venture, tables
from ...core.models import TENSES
from .. import tasks
from ..dialogs import EntityPickerDialog
from ..jobs import members_task
from ..models.members import EvidenceSentenceModel, MemberTableModel
from ..safe import message
from ..state import AppState
from ..widgets import column, table_view, vertical_split
from .reader import plain_label


class MemberDialog(QDialog):
    """Role, stake and note for a correction or an addition."""

    def __init__(
        self, title: str, role: str = "", stake: str = "", note: str = "", parent=None, tense: str = "current"
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(list(ROLES))
        # no default for an addition: the analyst says which role the text gives
        self.role.setCurrentIndex(ROLES.index(role) if role in ROLES else -1)
        if role and role not in ROLES:
            self.role.setCurrentText(role)
        editor = self.role.lineEdit()
        assert editor is not None  # the combo box is editable
        editor.setPlaceholderText("choose a role")
        self.stake = QLineEdit(stake)
        self.stake.setPlaceholderText("e.g. more than 10%, minority, 5 billion JPY, not stated")
        self.note = QLineEdit(note)
        self.tense = QComboBox()
        self.tense.addItems(list(TENSES))
        self.tense.setCurrentIndex(TENSES.index(tense) if tense in TENSES else 0)
        self.tense.setToolTip("When the member holds this role: now, announced for later, or no longer")
        form = QFormLayout()
        form.addRow("Role", self.role)
        form.addRow("Time", self.tense)
        form.addRow("Stake", self.stake)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.role.currentText().strip()))
        self.role.currentTextChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class MembersPane(QWidget):
    def __init__(self, state: AppState, editor, reader, articles_ids=None, parent=None):
        super().__init__(parent)
        self.state = state
        self.articles_ids = articles_ids  # callable: ids listed in the Articles pane
        self.editor = editor
        self.reader = reader
        self.venture = "the venture"
        self.ventures: list = []  # core.members.Venture, the main one first
        self.chart: QWidget | None = None  # a pyqtgraph GraphicsLayoutWidget, made when first in view
        self._stale = True
        self.in_view = False
        self._pending: tasks.Task | None = None  # the derivation under way (only its result is shown)

        self.title = plain_label("")
        self.title.setWordWrap(True)  # a long venture name must not widen the dock (and squeeze the reader)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.picker = QComboBox()
        self.picker.setToolTip("The ventures the articles report; each has its own table")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(12)
        self.picker.currentIndexChanged.connect(self._show_venture)
        self.model = MemberTableModel(self)
        self.view = table_view(self.model)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the member's name takes what is left: the other columns are kept narrow (a cell's tooltip says it all)
        for col, width in ((1, 70), (2, 78), (3, 58), (4, 112), (5, 44), (6, 44)):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            h.resizeSection(col, width)
        buttons = QHBoxLayout()
        self.btn_confirm = QPushButton("Confirm")
        self.btn_correct = QPushButton("Correct…")
        self.btn_reject = QPushButton("Reject")
        self.btn_add = QPushButton("Add member…")
        self.btn_add.setToolTip(
            "Add an organisation by hand; text selected in the reader becomes its evidence"
        )
        for b in (self.btn_confirm, self.btn_correct, self.btn_reject):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_add)
        self.evidence_label = plain_label("Select a row to see the sentences behind it.", muted=True)
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.evidence_model = EvidenceSentenceModel(self)
        self.evidence_view = table_view(self.evidence_model)
        eh = self.evidence_view.horizontalHeader()
        eh.resizeSection(0, 140)
        eh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.split = vertical_split(
            self,
            column(self.picker, self.title, self.view, buttons),
            column(self.evidence_label, self.evidence_view),
        )

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_evidence())
        self.evidence_view.clicked.connect(self._open_evidence)
        self.evidence_view.activated.connect(self._open_evidence)
        self.btn_confirm.clicked.connect(lambda: self._edit("confirm"))
        self.btn_reject.clicked.connect(lambda: self._edit("reject"))
        self.btn_correct.clicked.connect(self._correct)
        self.btn_add.clicked.connect(self._add)
        self._show_evidence()

    # ---------------------------------------------------------------- data
    def on_changes(self, event: ChangeEvent) -> None:
        changes = event.changes
        if changes.members or changes.mentions or changes.entities or changes.articles:
            self.invalidate()

    def invalidate(self) -> None:
        """What the rows derive from changed: derive them again now if the pane is in view, else when it
        comes into view."""
        self._stale = True
        if self.in_view:
            self.reload()

    def follow_list(self) -> None:
        """The Articles list was read again (another story, filter or order, or changed articles): derive
        again on the next turn of the event loop, unless a change has made the pane derive since."""
        self._stale = True
        if self.in_view:
            QTimer.singleShot(0, self, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self._stale and self.in_view and not self.state.closed:
            self.reload()

    def set_in_view(self, visible: bool) -> None:
        """Called by the dock (a tab behind others is 'visible' to Qt but not in view)."""
        self.in_view = visible
        if visible:
            # after the pane has painted: derivation reads the articles and the chart imports pyqtgraph
            QTimer.singleShot(0, self._on_shown)

    def _on_shown(self) -> None:
        if not self.in_view:
            return
        if self._stale:
            self.reload()  # the chart follows the rows (importing pyqtgraph takes a moment: the table first)
        elif self.chart is None:
            self._make_chart()

    #: above this many listed articles, members are derived on a worker thread (the window never waits)
    BACKGROUND_ABOVE = 100

    def reload(self) -> None:
        self._stale = False
        # the story in view: the articles listed in the Articles pane (filter it to choose), at most MAX_ARTICLES
        listed = self.articles_ids() if self.articles_ids else None
        n = len(listed) if listed is not None else self.state.store.articles.count()
        if n > self.BACKGROUND_ABOVE:
            self.title.setText(f"Finding the members and their stakes in {n:,} articles…")
            task = self._pending = tasks.Task(members_task, self.state.path, listed)
            task.ask_before_quit = False

            # only the latest derivation is shown (an earlier one may finish after it)
            def done(result: list[Venture]) -> None:
                if task is self._pending:
                    self._rows_ready(result)

            def failed(text: str) -> None:
                if task is self._pending:
                    self._failed(text)

            tasks.start(task, done, failed, None)
            return
        self._pending = None
        self._rows_ready(tables(self.state.store, listed))

    def _failed(self, text: str) -> None:
        self._pending = None
        self.title.setText(f"The members could not be derived: {text}")

    def _rows_ready(self, result) -> None:
        if self.state.closed:
            return
        self._pending = None
        chosen = (
            self.ventures[self.picker.currentIndex()].entity_id
            if self.picker.currentIndex() >= 0 and self.ventures
            else None
        )
        self.ventures = result
        self.picker.blockSignals(True)
        self.picker.clear()
        for v in result:
            n = len({r.entity_id for r in v.rows if r.status != "rejected"})
            self.picker.addItem(f"{v.name} ({n} member{'s' if n != 1 else ''})")
        index = next((i for i, v in enumerate(result) if v.entity_id == chosen and chosen is not None), 0)
        self.picker.setCurrentIndex(index)
        self.picker.setVisible(len(result) > 1)
        self.picker.blockSignals(False)
        self._show_venture()

    def _show_venture(self) -> None:
        if not self.ventures:
            return
        current = self.current()
        key = (current.entity_id, current.role) if current else None
        v = self.ventures[max(self.picker.currentIndex(), 0)]
        self.venture, rows = v.name, v.rows
        self.model.set_rows(rows)
        active = [r for r in rows if r.status != "rejected"]
        capital = "; ".join(
            f"{t} ({len(a)} source{'s' if len(a) != 1 else ''})" for t, a in v.capital.items()
        )
        self.title.setText(
            f"{self.venture}: {len({r.entity_id for r in active})} members in "
            f"{len(active)} roles, from {len({a for r in active for a in r.sources})} article(s)"
            + (f"; capital {capital}" if capital else "")
        )
        self.title.setToolTip(self.title.text())
        if key:
            for i, r in enumerate(rows):
                if (r.entity_id, r.role) == key:
                    self.view.selectRow(i)
                    break
        self._show_evidence()
        if self.chart is None:
            QTimer.singleShot(0, self, self._make_chart)  # after the table has painted
        else:
            self._update_chart()

    def current(self):
        return self.model.row(self.view.currentIndex().row())

    def _show_evidence(self) -> None:
        r = self.current()
        writable = not self.state.readonly
        for b in (self.btn_confirm, self.btn_correct, self.btn_reject):
            b.setEnabled(r is not None and writable)
        self.btn_add.setEnabled(writable)
        if r is None:
            self.evidence_model.set_rows([])
            self.evidence_label.setText("Select a row to see the sentences behind it.")
            return
        titles = {a: s.title for a, s in self.state.store.articles.summaries(r.sources).items()}
        self.evidence_model.set_rows([(e, titles.get(e.article_id, "")) for e in r.evidence])
        self.evidence_label.setText(
            f"{r.organisation} as {r.role}: {len(r.evidence)} sentence(s) in "
            f"{len(r.sources)} article(s); stake {r.stake_text()}" + (f"; note: {r.note}" if r.note else "")
        )

    def _open_evidence(self, index) -> None:
        r = self.evidence_model.row(index.row())
        if r is not None:
            self.state.open_article(r[0].article_id, r[0].start, r[0].end)

    # ---------------------------------------------------------------- edits
    def _edit(self, action: str, **fields) -> None:
        r = self.current()
        if r is not None:
            self.editor.member_edit(r.entity_id, r.organisation, r.role, action, **fields)

    def _correct(self) -> None:
        r = self.current()
        if r is None:
            return
        # the stake as stated (the most reported version), without the source counts shown in the table
        stated = max(r.stakes.items(), key=lambda kv: len(kv[1]))[0] if r.stakes else ""
        dialog = MemberDialog(f"Correct {r.organisation}", r.role, stated, r.note, self, tense=r.tense)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._edit(
                "edit",
                new_role=dialog.role.currentText().strip() or r.role,
                stake=dialog.stake.text().strip(),
                note=dialog.note.text().strip(),
                new_tense=dialog.tense.currentText(),
            )

    def _add(self) -> None:
        picker = EntityPickerDialog(self.state.store, "Add a member", allow_new=False, parent=self)
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.entity_id:
            return
        entity = self.state.store.entities.get(picker.entity_id)
        if entity is None:
            return  # deleted meanwhile (by another process)
        dialog = MemberDialog(f"Add {entity.name}", parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        evidence = []
        rng = self.reader.selected_range()
        if self.reader.article is not None and rng and rng[1] > rng[0]:
            evidence.append(
                {
                    "article_id": self.reader.article.id,
                    "start": rng[0],
                    "end": rng[1],
                    "sentence": self.reader.article.text[rng[0] : rng[1]],
                }
            )
        else:
            message(
                self,
                "Add member",
                "Tip: select the sentence that says so in the reader before adding, "
                "and it becomes the row's evidence.",
            )
        role = dialog.role.currentText().strip()
        if not role:
            return
        self.editor.member_edit(
            entity.id,
            entity.name,
            role,
            "add",
            new_role=role,
            stake=dialog.stake.text().strip(),
            note=dialog.note.text().strip(),
            evidence=evidence,
            new_tense=dialog.tense.currentText(),
        )

    # ---------------------------------------------------------------- chart
    def _make_chart(self) -> None:
        if not self.in_view or self.chart is not None or self.state.closed:
            return
        import pyqtgraph as pg  # only when the pane is first shown

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        chart = pg.GraphicsLayoutWidget()
        chart.setMinimumHeight(140)
        chart.setMaximumHeight(200)
        # short titles: the two plots share a narrow dock
        self.role_plot = chart.addPlot(title="Roles")
        self.source_plot = chart.addPlot(title="Sources")
        for p in (self.role_plot, self.source_plot):
            p.setMouseEnabled(False, False)
            p.hideButtons()
        self.chart = chart
        self.split.addWidget(chart)
        self.split.setSizes([420, 200, 180])
        self._update_chart()

    def _update_chart(self) -> None:
        if self.chart is None:
            return
        import pyqtgraph as pg

        active = [r for r in self.model.rows if r.status != "rejected"]
        roles = Counter(r.role for r in active)
        labels = [r for r in ROLES if roles.get(r)] + sorted(set(roles) - set(ROLES))
        self.role_plot.clear()
        # horizontal bars: the role names read along the left axis instead of colliding under narrow bars
        ys = list(range(len(labels)))[::-1]  # the first role on top
        self.role_plot.addItem(
            pg.BarGraphItem(x0=0, y=ys, width=[roles[r] for r in labels], height=0.6, brush="#5b8def")
        )
        short = {
            "founding member": "founder",
            "public funder / programme body": "funder",
            "technical partner": "tech partner",
        }
        self.role_plot.getAxis("left").setTicks(
            [[(y, short.get(r, r)) for y, r in zip(ys, labels, strict=False)]]
        )
        self.role_plot.getAxis("bottom").setTicks(None)
        self.role_plot.setLabel("bottom", "members")
        by_sources = Counter(len(r.sources) for r in active)
        xs = sorted(by_sources)
        self.source_plot.clear()
        self.source_plot.addItem(
            pg.BarGraphItem(x=xs, height=[by_sources[x] for x in xs], width=0.6, brush="#f0a35e")
        )
        self.source_plot.getAxis("bottom").setTicks([[(x, str(x)) for x in xs]])
        self.source_plot.setLabel("bottom", "articles per member")
