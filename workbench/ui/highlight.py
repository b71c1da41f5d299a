"""Character formats over spans of a document, applied block by block as Qt lays text out.

Spans are given in Qt positions (see offsets.py). Formats are character formats,
never HTML, so article text is always shown literally.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._spans: list[tuple[int, int, QTextCharFormat]] = []
        self._starts: list[int] = []
        self._max_len = 0

    def set_spans(self, spans: list[tuple[int, int, QTextCharFormat]]) -> None:
        """spans: (qt_start, qt_end, format); later spans are drawn over earlier ones."""
        ordered = sorted(enumerate(spans), key=lambda p: (p[1][0], p[0]))
        self._spans = [s for _, s in ordered]
        self._starts = [s[0] for s in self._spans]
        self._max_len = max((e - s for s, e, _ in self._spans), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self._spans:
            return
        block = self.currentBlock()
        b0 = block.position()
        b1 = b0 + block.length()
        # spans that start before the block end and may reach into it
        lo = bisect_right(self._starts, b0 - self._max_len - 1)
        hi = bisect_right(self._starts, b1)
        for s, e, fmt in self._spans[lo:hi]:
            if e <= b0 or s >= b1:
                continue
            a = max(s, b0) - b0
            z = min(e, b1) - b0
            if z > a:
                self.setFormat(a, z - a, fmt)
