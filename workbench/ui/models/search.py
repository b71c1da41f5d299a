"""Search results: a small list of hits from the store."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ...core.models import SearchHit
from ..safe import tooltip
from .base import RowsModel


class SearchResultsModel(RowsModel):
    COLUMNS = ["Article", "Snippet"]

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_rows(hits)

    def hit(self, row: int) -> SearchHit | None:
        return self.row(row)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        h = self.hit(index.row())
        if h is None:
            return None
        if role == Qt.DisplayRole:
            return h.title if index.column() == 0 else h.snippet
        if role == Qt.ToolTipRole:
            return tooltip(h.title if index.column() == 0 else h.snippet)
        return None
