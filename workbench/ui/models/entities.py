"""Table models for the entities pane: entities, and the mentions of one entity."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..colors import TYPE_LABELS, color
from ..safe import tooltip
from .base import Index, RowsModel


class EntityTableModel(RowsModel):
    COLUMNS = ["Name", "Type", "Mentions", "Articles"]

    def row_of(self, entity_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == entity_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.name + (" ✎" if r.edited else ""),
                TYPE_LABELS.get(r.type, r.type),
                r.mentions,
                r.articles,
            )[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return color(r.type)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return tooltip(r.name + ("\n(edited by the analyst)" if r.edited else ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        keys = [lambda r: r.name.lower(), lambda r: r.type, lambda r: r.mentions, lambda r: r.articles]
        if 0 <= column < len(keys):
            self.beginResetModel()
            self.rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
            self.endResetModel()


class MentionTableModel(RowsModel):
    """Mentions of one entity: (MentionInfo, article title, sentence)."""

    COLUMNS = ["Article", "As written", "Sentence"]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        m, title, sentence = r
        if role == Qt.ItemDataRole.DisplayRole:
            return (title, m.text, " ".join(sentence.split()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(sentence if index.column() == 2 else title)
        return None
