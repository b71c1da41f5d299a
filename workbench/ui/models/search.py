"""Search results: a small list of hits from the store; snippets are made as rows come into view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.models import SearchHit
from ..safe import tooltip
from .base import Index, RowsModel


class SearchResultsModel(RowsModel):
    COLUMNS = ["Article", "Snippet"]
    #: how many snippets are made at once when a row without one is shown
    SNIPPET_PAGE = 40

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fetch_snippets = None

    def set_hits(self, hits: list[SearchHit], fetch_snippets=None) -> None:
        """fetch_snippets(article_ids) -> {article_id: snippet} makes the snippets the hits lack."""
        self._fetch_snippets = fetch_snippets
        self.set_rows(hits)

    def _snippet(self, row: int) -> str:
        hit = self.rows[row]
        if hit.snippet is None and self._fetch_snippets is not None:
            page = [
                i
                for i in range(row, min(len(self.rows), row + self.SNIPPET_PAGE))
                if self.rows[i].snippet is None
            ]
            made = self._fetch_snippets([self.rows[i].article_id for i in page])
            for i in page:  # a hit whose snippet cannot be made gets an empty one (and is not asked again)
                self.rows[i] = self.rows[i]._replace(snippet=made.get(self.rows[i].article_id, ""))
            hit = self.rows[row]
        return hit.snippet or ""

    def hit(self, row: int) -> SearchHit | None:
        return self.row(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        h = self.hit(index.row())
        if h is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return h.title if index.column() == 0 else self._snippet(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(h.title if index.column() == 0 else self._snippet(index.row()))
        return None
