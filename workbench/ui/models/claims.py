"""Table models for the claims pane: claims, and the evidence of one claim."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...core.store_claims import Claim
from ..safe import tooltip
from .base import Index, RowsModel

VERDICT_COLORS = {
    "unverified": "#8a8a8a",
    "supported": "#2e7d32",
    "disputed": "#ef6c00",
    "false": "#c62828",
    "misleading": "#8e24aa",
}


def verdict_color(verdict: str) -> QColor:
    return QColor(VERDICT_COLORS.get(verdict, "#8a8a8a"))


class ClaimTableModel(RowsModel):
    """Rows are (Claim, article title)."""

    COLUMNS = ["Claim", "Verdict", "Conf.", "Tags", "Article"]

    def row_of(self, claim_id: int) -> int:
        return next((i for i, (c, _) in enumerate(self.rows) if c.id == claim_id), -1)

    def replace_claim(self, claim: Claim) -> bool:
        """Show claim's new verdict, confidence, tags and note in its row; False if it is not listed."""
        i = self.row_of(claim.id)
        if i < 0:
            return False
        self.rows[i] = (claim, self.rows[i][1])
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        c, title = r
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            quote = ("⚠ " if c.anchor == "orphaned" else "") + " ".join(c.quote.split())
            conf = "" if c.confidence is None else f"{c.confidence:.0%}"
            return (quote, c.verdict, conf, ", ".join(c.tag_list), title)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return verdict_color(c.verdict)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [c.quote]
            if c.note:
                lines += ["", c.note]
            if c.anchor == "orphaned":
                lines += ["", "Could not be placed in the newest version of this article."]
            elif c.anchor in ("moved", "fuzzy"):
                lines += ["", f"Re-anchored by its quote ({c.anchor})."]
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        return None


class EvidenceTableModel(RowsModel):
    """Rows are (Evidence, article title or '')."""

    COLUMNS = ["Stance", "Evidence", "Source"]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index.row()) if index.isValid() else None
        if r is None:
            return None
        e, title = r
        if role == Qt.ItemDataRole.DisplayRole:
            source = title or (f"aligned statement {e.group_key}" if e.group_key else "")
            return (e.stance, " ".join(e.quote.split()), source)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor("#2e7d32" if e.stance == "supporting" else "#c62828")
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(e.quote + (f"\n\n{e.note}" if e.note else ""))
        return None
