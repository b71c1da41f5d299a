"""Members-and-stakes table model: rows are core.members.MemberRow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from ..safe import tooltip
from .base import Index, RowsModel

STATUS_COLORS = {"confirmed": "#2e7d32", "edited": "#1565c0", "added": "#1565c0", "rejected": "#9e9e9e"}


class MemberTableModel(RowsModel):
    # the analyst's decision next to the name: it is what a click on Confirm or Reject changes
    COLUMNS = ["Member", "Status", "Role", "Time", "Stake", "Sources", "Conf."]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            role_text = f"{r.role} ({r.title})" if r.title else r.role
            return (
                r.organisation,
                r.status,
                role_text,
                r.tense,
                r.stake_text(),
                len(r.sources),
                f"{r.confidence:.0%}",
            )[col]
        if role == Qt.ItemDataRole.ForegroundRole and (col == 1 or r.status == "rejected"):
            return QColor(STATUS_COLORS.get(r.status, "#555555"))
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and r.tense != "current":
            return QColor("#b26a00" if r.tense == "planned" else "#757575")
        if role == Qt.ItemDataRole.FontRole and r.status == "rejected":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(
                f"{r.organisation} ({r.kind}) — {r.role}"
                + (f", {r.title}" if r.title else "")
                + f" — {r.tense}\nstake: {r.stake_text()}"
                + (f"\nthe text denies it in {len(r.denied_in)} article(s)" if r.denied_in else "")
                + (f"\nnote: {r.note}" if r.note else "")
            )
        return None


class EvidenceSentenceModel(RowsModel):
    """Evidence sentences of one member row: (Evidence, article title)."""

    COLUMNS = ["Article", "Sentence"]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        ev, title = r
        if role == Qt.ItemDataRole.DisplayRole:
            return (title, " ".join(ev.sentence.split()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(ev.sentence)
        return None
