"""The reader: one article as plain text, boilerplate dimmed, with a header of its metadata."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..highlight import SpanHighlighter
from ..offsets import QtOffsets
from ..state import AppState


def plain_label(text: str = "", muted: bool = False) -> QLabel:
    """A label that never interprets its text as HTML; muted ones are drawn in a softer colour."""
    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    if muted:
        pal = label.palette()
        pal.setColor(QPalette.WindowText, pal.color(QPalette.PlaceholderText))
        label.setPalette(pal)
    return label


class ReaderPane(QWidget):
    #: the user selected text: (article_id, start, end) in Python offsets
    sig_selection = Signal(int, int, int)

    def __init__(self, state: AppState, parent=None):
        super().__init__(parent)
        self.state = state
        self.article = None
        self.offsets = QtOffsets("")
        self.title = plain_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.meta = plain_label(muted=True)
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.text.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.text.setPlaceholderText("Select an article to read it.")
        body = QFont(self.text.font())
        body.setPointSizeF(max(body.pointSizeF(), 10.5))
        self.text.setFont(body)
        self.text.document().setDocumentMargin(12)
        self.highlighter = SpanHighlighter(self.text.document())
        self.text.selectionChanged.connect(self._on_selection)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        self.clear()

        state.sig_open_article.connect(self.show_article)

    def clear(self) -> None:
        self.article = None
        self.title.setText("No article selected")
        self.meta.setText("")
        self.text.setPlainText("")
        self.highlighter.set_spans([])

    # ---------------------------------------------------------------- showing
    def show_article(self, article_id: int, start: int = -1, end: int = -1) -> None:
        if self.article is None or self.article.id != article_id:
            article = self.state.store.article(article_id)
            if article is None:
                self.clear()
                return
            self.article = article
            self.offsets = QtOffsets(article.text)
            self.title.setText(article.title + ("  (derived title)" if article.title_derived else ""))
            bits = [article.outlet, article.author, article.published,
                    f"{article.words:,} words", article.file, article.encoding]
            warnings = self.state.store.warnings(article_id)
            self.meta.setText("  ·  ".join(b for b in bits if b) + ("\n⚠ " + "; ".join(warnings) if warnings else ""))
            self.meta.setToolTip(article.url or "")
            self.text.setPlainText(article.text)
            self.refresh_highlights()
        if start >= 0:
            self.select_range(start, end if end > start else start)
        else:
            self.text.moveCursor(QTextCursor.Start)

    def refresh_highlights(self) -> None:
        if self.article is None:
            return
        self.highlighter.set_spans(self._spans())

    def _spans(self):
        dim = QTextCharFormat()
        dim.setForeground(QColor(150, 150, 150))
        dim.setFontItalic(True)
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Bold)
        spans = [
            (self.offsets.to_qt(a), self.offsets.to_qt(b), heading)
            for a, b, kind in self.state.store.paragraphs(self.article.id)
            if kind == "heading"
        ]
        for b in self.state.store.boilerplate(self.article.id):
            fmt = QTextCharFormat(dim)
            fmt.setToolTip(f"Boilerplate ({b.reason}): left out of extraction and comparison")
            spans.append((self.offsets.to_qt(b.start), self.offsets.to_qt(b.end), fmt))
        return spans

    def select_range(self, start: int, end: int) -> None:
        cursor = self.text.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    # ---------------------------------------------------------------- selection
    def selected_range(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        return self.offsets.from_qt(cursor.selectionStart()), self.offsets.from_qt(cursor.selectionEnd())

    def _on_selection(self) -> None:
        rng = self.selected_range()
        if rng and self.article is not None:
            self.sig_selection.emit(self.article.id, *rng)
