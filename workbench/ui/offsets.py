"""The one place where Python string offsets become Qt (UTF-16) positions and back.

Core offsets count code points; Qt counts UTF-16 code units, so every character
outside the Basic Multilingual Plane (emoji, rare CJK) shifts Qt positions by one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class QtOffsets:
    def __init__(self, text: str):
        # code-point indices of astral characters; empty for almost every article
        self._astral = [] if text.isascii() else [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # their Qt positions: each earlier astral character adds one code unit
        self._astral_qt = [i + k for k, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index

    def from_qt(self, pos: int) -> int:
        """Python index for a Qt position; a position inside a surrogate pair rounds up."""
        if not self._astral:
            return pos
        return pos - bisect_right(self._astral_qt, pos - 2)
