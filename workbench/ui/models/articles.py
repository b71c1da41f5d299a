"""Article list model: holds ids in display order and fetches rows a page at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from ...core.language import name as language_name
from ...core.store import Store
from ..safe import tooltip
from .base import Index

COLUMNS = [
    ("title", "Title"),
    ("outlet", "Outlet"),
    ("published", "Date"),
    ("words", "Words"),
    ("language", "Lang"),
    ("file", "File"),
    ("id", "#"),
    ("origin", "Origin"),  # cached by the comparison: the origin named and who this article repeats
]
PAGE = 256


class ArticleListModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self._ids: list[int] = []
        self._rows: dict[int, object] = {}
        self._origin: dict[int, tuple[str, str]] = {}  # article -> (cell text, tooltip)
        self._sort = ("id", False)
        self._filter = ""
        self._language: str | None = None  # None: every language
        self._story: int | None = None  # only the articles of this story (None: all)
        self._loaded = False
        self.reload()

    # ---------------------------------------------------------------- data access
    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self.store.articles.ids(
            self._sort[0], self._sort[1], self._filter, self._language, self._story
        )
        self._rows.clear()
        self._origin.clear()
        self._loaded = True
        self.endResetModel()

    def detach(self) -> None:
        """Forget all rows (the project is closing)."""
        self.beginResetModel()
        self._ids, self._rows = [], {}
        self.endResetModel()

    def refresh_origins(self) -> None:
        """The comparison cached new origins or copies: show them without resetting the list."""
        self._origin.clear()
        if self._ids:
            col = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(0, col), self.index(len(self._ids) - 1, col))

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self.reload()

    def set_language(self, code: str | None) -> None:
        """Show only articles in this language ("" for not known; None for all)."""
        if code != self._language:
            self._language = code
            self.reload()

    def set_story(self, story_id: int | None) -> None:
        if story_id != self._story:
            self._story = story_id
            self.reload()

    def listed_ids(self) -> list[int]:
        return list(self._ids)

    def article_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    def _summary(self, row: int):
        aid = self._ids[row]
        summary = self._rows.get(aid)
        if summary is None:
            page_start = row - row % PAGE
            page = self._ids[page_start : page_start + PAGE]
            self._rows.update(self.store.articles.summaries(page))
            summary = self._rows.get(aid)
        return summary

    # ---------------------------------------------------------------- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        s = self._summary(index.row())
        if s is None:
            return None
        key = COLUMNS[index.column()][0]
        if key == "origin" and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if s.id not in self._origin:
                page_start = index.row() - index.row() % PAGE
                self._origin.update(origin_cells(self.store, self._ids[page_start : page_start + PAGE]))
            cell = self._origin.get(s.id, ("", ""))
            return cell[0] if role == Qt.ItemDataRole.DisplayRole else (tooltip(cell[1]) if cell[1] else None)
        if role == Qt.ItemDataRole.DisplayRole:
            value = s.shown_name if key == "file" else getattr(s, key)
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole and key == "language":
            return language_name(s.language) or "language not known"
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return tooltip(
                s.title
                + ("\n(title derived from the first sentence)" if s.title_derived else "")
                + f"\n{s.shown_name}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("words", "id"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == "title" and s.title_derived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS) and COLUMNS[column][0] != "origin":
            wanted = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
            if wanted == self._sort and self._loaded:
                return  # the view asks again for the order it already has
            self._sort = wanted
            self.reload()


def origin_cells(store, ids: list[int]) -> dict[int, tuple[str, str]]:
    """'Reuters · repeats #3' and a tooltip, from what the last comparison cached (nothing is computed here)."""
    origins, notes = store.copies.origin_labels(ids), store.copies.notes(ids)
    out = {}
    for aid in ids:
        kind, name = origins.get(aid, ("", ""))
        links = notes.get(aid, [])
        repeats = [f"#{other}" for how, other, _ in links if how == "repeats"]
        text = " · ".join(x for x in (name, ("repeats " + " ".join(repeats)) if repeats else "") if x)
        tip = [f"origin: {name} ({kind})"] if name else []
        tip += [
            f"{how} #{other}: {share:.0%} of {'its' if how == 'repeats' else 'that article’s'} sentences"
            for how, other, share in links
        ]
        out[aid] = (text, "\n".join(tip))
    return out
