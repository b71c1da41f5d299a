"""The reader: one article as plain text with entity highlights, boilerplate dimmed, and a metadata header."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QPalette,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.models import Article, Claim, DateValue, MentionInfo, Money, Value
from ..colors import LEGEND, LEGEND_GROUPS, TYPE_LABELS, color
from ..highlight import SpanHighlighter
from ..models.claims import verdict_color
from ..offsets import QtOffsets
from ..safe import tooltip
from ..state import AppState
from .find_bar import FindBar


def plain_label(text: str = "", muted: bool = False) -> QLabel:
    """A label that never interprets its text as HTML; muted ones are drawn in a softer colour."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if muted:
        pal = label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
        label.setPalette(pal)
    return label


def describe_value(v: Value | None) -> str:
    """A one-line reading of a normalised value for tooltips and tables."""
    if v is None:
        return ""
    bits = [v.display]
    if v.approx:
        bits.append("approximate")
    if v.bound == "upper":
        bits.append("upper bound (up to)")
    elif v.bound == "lower":
        bits.append("lower bound (more than)")
    if isinstance(v, DateValue) and v.inferred:
        bits.append("year inferred")
    if isinstance(v, DateValue) and v.fiscal:
        bits.append("fiscal year")
    if isinstance(v, Money) and v.converted_from is not None:
        c = v.converted_from
        bits.append(f"conversion of {c.amount:,.0f} {c.currency}")
    for c in v.conversions if isinstance(v, Money) else ():
        bits.append(f"stated as ≈ {c.amount:,.0f} {c.currency}")
    return " · ".join(b for b in bits if b)


class ReaderPane(QWidget):
    #: the user asked for an entity fix from the text: (action, payload dict)
    sig_entity_action = Signal(str, object)
    #: the user asked to see an entity in the entities pane
    sig_show_entity = Signal(int)
    #: the user asked to mark the selection as a claim
    sig_mark_claim = Signal()
    #: the user asked to see a claim in the claims pane
    sig_show_claim = Signal(int)

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.article: Article | None = None
        self.offsets = QtOffsets("")
        self.mentions: list[MentionInfo] = []
        self._mention_starts: list[int] = []
        self.hidden_types: set[str] = set()
        self.claims: list[Claim] = []  # the article's claims, drawn as underlines over the entity highlights
        self._claim_selections: list = []
        self._find_selections: list = []

        self.title = plain_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = plain_label(muted=True)
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # a tool bar: when the reader is narrow its buttons fold into an overflow menu
        self.legend = QToolBar()
        self.legend.setIconSize(QSize(12, 12))
        self.legend.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.type_buttons: dict[str, QAction] = {}
        for type_, label in LEGEND:
            pix = QPixmap(12, 12)
            pix.fill(color(type_))
            action = self.legend.addAction(QIcon(pix), label)
            action.setCheckable(True)
            action.setChecked(True)
            action.setToolTip(f"Show or hide {label.lower()} highlights")
            action.toggled.connect(lambda on, t=type_: self._toggle_type(t, on))
            self.type_buttons[type_] = action

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setPlaceholderText("Select an article to read it.")
        body = QFont(self.text.font())
        body.setPointSizeF(max(body.pointSizeF(), 10.5))
        self.text.setFont(body)
        self.text.document().setDocumentMargin(12)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.viewport().installEventFilter(self)
        self.text.viewport().setMouseTracking(True)
        self.highlighter = SpanHighlighter(self.text.document())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.legend)
        layout.addWidget(self.text, 1)
        self.find_bar = FindBar(self.text, lambda: self.offsets, self._paint_found)
        layout.addWidget(self.find_bar)
        self.clear()

        state.sig_open_article.connect(self.show_article)

    def clear(self) -> None:
        self.article = None
        self.claims = []
        self._claim_selections = []
        self._find_selections = []
        self.text.setExtraSelections([])
        self.mentions = []
        self._mention_starts = []
        self.title.setText("No article selected")
        self.meta.setText("")
        self.text.setPlainText("")
        self.find_bar.set_text("")
        self.highlighter.set_spans([])

    # ---------------------------------------------------------------- showing
    def show_article(self, article_id: int, start: int = -1, end: int = -1) -> None:
        if self.article is None or self.article.id != article_id:
            article = self.state.store.articles.get(article_id)
            if article is None:
                self.clear()
                return
            self._display(article)
        if start >= 0:
            self.select_range(start, end if end > start else start)
        else:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)

    def on_changes(self, event: ChangeEvent) -> None:
        if self.article is None:
            return
        changes = event.changes
        if changes.articles:
            fresh = self.state.store.articles.get(self.article.id)
            if fresh is None:  # deleted (here or by another process)
                if self.state.current_article == self.article.id:
                    self.state.current_article = None
                self.clear()
                return
            if fresh != self.article:  # new details (title, outlet …): shown afresh, with its highlights
                self._display(fresh)
                return
        if changes.entities or changes.mentions:
            self.refresh_highlights()
        if changes.claims:
            self.refresh_claims()

    def _display(self, article: Article) -> None:
        article_id = article.id
        self.article = article
        self.offsets = QtOffsets(article.text)
        self.title.setText(article.title + ("  (derived title)" if article.title_derived else ""))
        pages = self.state.store.articles.page_starts(article_id)
        bits = [
            article.outlet,
            article.author,
            article.published,
            f"{article.words:,} words",
            f"{len(pages)} pages" if pages else None,
            article.shown_name,
            article.encoding,
        ]
        warnings = self.state.store.articles.warnings(article_id)
        self.meta.setText(
            "  ·  ".join(b for b in bits if b) + ("\n⚠ " + "; ".join(warnings) if warnings else "")
        )
        self.meta.setToolTip(tooltip(article.url))
        self.text.setPlainText(article.text)
        self.find_bar.set_text(article.text, pages)
        self.refresh_highlights()
        self.refresh_claims()

    def refresh_highlights(self) -> None:
        if self.article is None:
            return
        self.mentions = self.state.store.entities.article_mentions(self.article.id)
        self._mention_starts = [m.start for m in self.mentions]
        self.highlighter.set_spans(self._spans())

    def _toggle_type(self, type_: str, on: bool) -> None:
        for t in LEGEND_GROUPS.get(type_, (type_,)):
            (self.hidden_types.discard if on else self.hidden_types.add)(t)
        self.refresh_highlights()

    def _spans(self) -> list[tuple[int, int, QTextCharFormat]]:
        if self.article is None:
            return []
        article_id = self.article.id
        to_qt = self.offsets.to_qt
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        spans = [
            (to_qt(a), to_qt(b), heading)
            for a, b, kind in self.state.store.articles.paragraphs(article_id)
            if kind == "heading"
        ]
        dim = QTextCharFormat()
        dim.setForeground(QColor(150, 150, 150))
        dim.setFontItalic(True)
        for b in self.state.store.articles.boilerplate(article_id):
            spans.append((to_qt(b.start), to_qt(b.end), dim))
        formats: dict[str, QTextCharFormat] = {}
        for m in self.mentions:
            if m.type in self.hidden_types:
                continue
            fmt = formats.get(m.type)
            if fmt is None:
                fmt = formats[m.type] = QTextCharFormat()
                fmt.setBackground(color(m.type))
                fmt.setForeground(QColor(20, 20, 20))
            spans.append((to_qt(m.start), to_qt(m.end), fmt))
        return spans

    def refresh_claims(self) -> None:
        """Claims are extra selections: underlines drawn over whatever highlight the text has."""
        self.claims = self.state.store.claims.matching(article_id=self.article.id) if self.article else []
        selections = []
        for c in self.claims:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self.offsets.to_qt(c.start))
            cursor.setPosition(self.offsets.to_qt(c.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(verdict_color(c.verdict))
            fmt.setFontUnderline(True)
            sel.format = fmt
            selections.append(sel)
        self._claim_selections = selections
        self.text.setExtraSelections(self._claim_selections + self._find_selections)

    def _paint_found(self, selections: list) -> None:
        self._find_selections = selections
        self.text.setExtraSelections(self._claim_selections + self._find_selections)

    def open_find(self) -> None:
        """Ctrl+F: find within the open article."""
        self.find_bar.open_bar()

    def claims_at(self, offset: int):
        return [c for c in self.claims if c.start <= offset < c.end]

    def select_range(self, start: int, end: int) -> None:
        cursor = self.text.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    # ---------------------------------------------------------------- positions
    def selected_range(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        return self.offsets.from_qt(cursor.selectionStart()), self.offsets.from_qt(cursor.selectionEnd())

    def offset_at(self, viewport_pos) -> int:
        return self.offsets.from_qt(self.text.cursorForPosition(viewport_pos).position())

    def mention_at(self, offset: int) -> MentionInfo | None:
        i = bisect_right(self._mention_starts, offset) - 1
        for j in range(i, max(-1, i - 8), -1):  # an analyst's mention may overlap a machine one
            m = self.mentions[j]
            if m.start <= offset < m.end:
                return m
        return None

    def eventFilter(self, obj, event) -> bool:
        if obj is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            offset = self.offset_at(event.pos())
            lines = []
            m = self.mention_at(offset)
            if m is not None and m.type not in self.hidden_types:
                lines.append(f"{m.entity}  ({TYPE_LABELS.get(m.type, m.type)})")
                value = describe_value(m.value)
                if value:
                    lines.append(value)
                lines.append(f"found by: {m.source}")
            for c in self.claims_at(offset):
                lines.append(
                    f"Claim: {c.verdict}"
                    + (f" ({c.confidence:.0%})" if c.confidence is not None else "")
                    + (f" — {c.note}" if c.note else "")
                )
            if lines:
                QToolTip.showText(event.globalPos(), tooltip("\n".join(lines)), self.text)
            else:
                QToolTip.hideText()
            return True
        if (
            obj is self.text.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and not self.text.textCursor().hasSelection()  # a drag that selected text is for a claim
        ):
            m = self.mention_at(self.offset_at(event.position().toPoint()))
            if m is not None and m.type not in self.hidden_types:
                self.sig_show_entity.emit(m.entity_id)  # a click on a highlighted name opens its entity
        return super().eventFilter(obj, event)

    # ---------------------------------------------------------------- context menu
    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        copy = menu.addAction("Copy")
        copy.setEnabled(self.text.textCursor().hasSelection())
        copy.triggered.connect(self.text.copy)
        self.add_actions(menu, self.offset_at(pos))
        menu.exec(self.text.viewport().mapToGlobal(pos))

    def add_actions(self, menu: QMenu, offset: int) -> None:
        """Entity actions for the text at offset / the selection; other panes add their own."""
        if self.article is None:
            return
        rng = self.selected_range()
        menu.addSeparator()
        claim = QAction("Mark selection as claim", menu)
        claim.setShortcut("Ctrl+M")
        claim.setEnabled(bool(rng) and not self.state.readonly)
        claim.triggered.connect(self.sig_mark_claim.emit)
        menu.addAction(claim)
        for c in self.claims_at(offset):
            menu.addAction(f"Show claim: “{' '.join(c.quote.split())[:40]}…”").triggered.connect(
                lambda _=False, cid=c.id: self.sig_show_claim.emit(cid)
            )
        mark = QAction("Mark selection as entity…", menu)
        mark.setEnabled(bool(rng) and not self.state.readonly)
        mark.triggered.connect(
            lambda: self.sig_entity_action.emit("add", {"article_id": self.article.id, "range": rng})
        )
        menu.addAction(mark)
        m = self.mention_at(offset)
        if m is not None:
            sub = menu.addMenu(f"Entity: {m.entity}")
            sub.addAction("Show in Entities pane").triggered.connect(
                lambda: self.sig_show_entity.emit(m.entity_id)
            )
            for text, action in (("Reject this mention", "reject"), ("Split off as a new entity…", "split")):
                act = sub.addAction(text)
                act.setEnabled(not self.state.readonly)
                act.triggered.connect(
                    lambda _=False, a=action: self.sig_entity_action.emit(a, {"mention": m})
                )
