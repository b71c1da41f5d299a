"""Small widget helpers shared by the panes."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def table_view(model) -> QTableView:
    """A compact, row-selecting, single-selection table over model."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view
