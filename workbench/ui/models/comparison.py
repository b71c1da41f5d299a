"""The comparison matrix: rows are statement groups, columns are articles ordered by origin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from ..safe import tooltip
from .base import Index

if TYPE_CHECKING:
    from ...core.compare import Comparison, Group

STATUS_COLORS = {"agree": QColor("#cdebc5"), "differ": QColor("#ffc9b8"), "single-source": QColor("#e3e3f7")}
STATUS_MARK = {"agree": "✓", "differ": "≠", "single-source": "1"}


def cell_words(group, article_id: int, st) -> str:
    """What a cell shows after its mark: the statement's own words for its differing values (else for all
    its values), in the article's language ("250億円", "up to 30 billion yen"); with no value, its start."""
    spans = group.differing.get(article_id) or sorted((v.start, v.end) for v in st.values.values())
    words: list[str] = []
    for a, b in sorted(spans):
        w = " ".join(st.text[a - st.start : b - st.start].split())
        if w and w not in words:
            words.append(w)
    if words:
        return ", ".join(words)
    text = " ".join(st.text.split())
    return text if len(text) <= 24 else text[:23] + "…"


class ComparisonMatrixModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.groups: list[Group] = []
        self.columns: list[int] = []  # article ids, grouped by origin
        self.titles: dict[int, str] = {}

    def set_comparison(self, comparison, titles: dict[int, str], groups) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.titles = titles
        self.groups = list(groups)
        if comparison is None:
            self.columns = []
        else:
            origins = comparison.origins
            self.columns = sorted(comparison.article_ids, key=lambda a: (origins[a].label.lower(), a))
        self.endResetModel()

    def group(self, row: int):
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def difference_lines(self, group) -> list[str]:
        """The group's disagreements, one line each, with the origins that state each version."""
        if group is None or self.comparison is None:
            return []
        return [self.comparison.difference_line(d) for d in group.hard]

    def article(self, column: int) -> int | None:
        return self.columns[column - 1] if 1 <= column <= len(self.columns) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else (1 + len(self.columns) if self.comparison else 0)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or self.comparison is None:
            return None
        if section == 0:
            return "Statement" if role == Qt.ItemDataRole.DisplayRole else None
        aid = self.article(section)
        if aid is None:
            return None
        origin = self.comparison.origins[aid]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{origin.label[:18]}\n#{aid}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(
                f"{self.titles.get(aid, '')}\norigin: {origin.label}\ncites: {', '.join(origin.cited) or '—'}"
                + (f"\n{self.comparison.copy_line(aid)}" if self.comparison.copy_line(aid) else "")
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        g = self.group(index.row()) if index.isValid() else None
        if g is None:
            return None
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{STATUS_MARK[g.status]}  {g.topic}"
            if role == Qt.ItemDataRole.ToolTipRole:
                lines = self.difference_lines(g)
                return tooltip(f"{g.status}: {g.topic}" + ("\n" + "\n".join(lines) if lines else ""))
            if role == Qt.ItemDataRole.BackgroundRole:
                return STATUS_COLORS[g.status]
            return None
        aid = self.article(index.column())
        st = g.statements.get(aid) if aid is not None else None
        if aid is None or st is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "≠" if aid in g.differing else ("✓" if g.status == "agree" else "•")
            words = cell_words(g, aid, st)
            return f"{mark} {words}" if words else mark
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_COLORS["differ"] if aid in g.differing else STATUS_COLORS.get(g.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            values = g.values_by_article.get(aid, "")
            return tooltip(st.text + (f"\n\nvalues: {values}" if values else ""))
        return None


FINDING_COLORS = {
    "disagreement": QColor("#ffc9b8"),
    "soft difference": QColor("#fff1c2"),
    "single origin": QColor("#e3e3f7"),
}
FINDING_MARK = {"disagreement": "≠", "soft difference": "≈", "single origin": "1"}


class FindingsModel(QAbstractTableModel):
    """One finding a row: a plain line, disagreements first (the order core gives them)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings = []
        self.lines: list[str] = []

    def set_comparison(self, comparison) -> None:
        """The comparison's findings, each worded once."""
        self.beginResetModel()
        self.findings = list(comparison.findings) if comparison is not None else []
        self.lines = [comparison.finding_line(f) for f in self.findings]
        self.endResetModel()

    def finding(self, row: int):
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return "Finding"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.finding(index.row()) if index.isValid() else None
        if f is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{FINDING_MARK[f.kind]}  {self.lines[index.row()]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{f.kind}: {self.lines[index.row()]}")
        if role == Qt.ItemDataRole.BackgroundRole:
            return FINDING_COLORS[f.kind]
        return None
