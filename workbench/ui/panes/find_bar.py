"""Find in the open article: a bar under the reader with next/previous and a match count (Ctrl+F; Esc closes).

Matches are found in the article's Python string (case-insensitive, literal) and shown as Qt
selections through ``ui/offsets.py``; the project-wide search is another pane (Ctrl+Shift+F).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton, QWidget

#: more matches than this are counted but not all painted (a one-letter search in a long article)
MAX_PAINTED = 2000


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) Python offsets of every case-insensitive, literal occurrence of query in text."""
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(query), text, re.IGNORECASE)]


class FindBar(QWidget):
    #: the current match changed: (start, end) Python offsets into the article
    sig_match = Signal(int, int)

    def __init__(self, editor: QPlainTextEdit, offsets, paint, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.offsets = offsets  # a callable returning the reader's current QtOffsets
        self.paint = paint  # paint(selections): the reader draws them with its own (claims)
        self.text = ""
        self.page_starts: list[int] = []  # a paged (PDF) article: the count says the page of the match
        self.matches: list[tuple[int, int]] = []
        self.current = -1

        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in this article")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self.next)
        self.prev_button = self._button("▲", "Previous match (Shift+Enter, Shift+F3)", self.previous)
        self.next_button = self._button("▼", "Next match (Enter, F3)", self.next)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        close = self._button("✕", "Close (Esc)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        layout.addWidget(close)
        for keys, slot in (
            ("Esc", self.close_bar),
            ("Shift+Return", self.previous),
            ("Shift+Enter", self.previous),
            ("F3", self.next),
            ("Shift+F3", self.previous),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def _button(self, label: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(label)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # ---------------------------------------------------------------- opening and closing
    def open_bar(self) -> None:
        """Show the bar with the reader's selection (if short and on one line) as the search."""
        selected = self.editor.textCursor().selectedText()
        if selected and len(selected) <= 200 and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.hide()
        self.paint([])
        self.matches, self.current = [], -1
        self.editor.setFocus()

    def set_text(self, text: str, page_starts: list[int] | None = None) -> None:
        """The reader shows another article: search it afresh."""
        self.text = text
        self.page_starts = list(page_starts or [])
        if self.isVisible():
            self._search()

    # ---------------------------------------------------------------- finding
    def _search(self) -> None:
        self.matches = find_all(self.text, self.field.text())
        # start from the cursor: the first match at or after it
        pos = self.offsets().from_qt(self.editor.textCursor().selectionStart())
        starts = [m[0] for m in self.matches]
        self.current = bisect_left(starts, pos) % len(self.matches) if self.matches else -1
        self._show()

    def next(self) -> None:
        if self.matches:
            self.current = (self.current + 1) % len(self.matches)
            self._show()

    def previous(self) -> None:
        if self.matches:
            self.current = (self.current - 1) % len(self.matches)
            self._show()

    def _show(self) -> None:
        query = self.field.text()
        if not query:
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No matches")
        else:
            page = ""
            if self.page_starts:
                page = f"  ·  p. {bisect_right(self.page_starts, self.matches[self.current][0])}"
            self.count.setText(f"{self.current + 1} of {len(self.matches)}{page}")
        self.prev_button.setEnabled(len(self.matches) > 1)
        self.next_button.setEnabled(len(self.matches) > 1)
        offsets = self.offsets()
        others = QTextCharFormat()
        others.setBackground(QColor(255, 230, 120))
        here = QTextCharFormat()
        here.setBackground(QColor(255, 150, 50))
        selections = []
        lo = max(0, self.current - MAX_PAINTED // 2)
        for i, (start, end) in enumerate(self.matches[lo : lo + MAX_PAINTED], start=lo):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = here if i == self.current else others
            selections.append(sel)
        self.paint(selections)
        if self.current >= 0:
            start, end = self.matches[self.current]
            cursor = self.editor.textCursor()
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
            self.sig_match.emit(start, end)
