"""Small widget helpers shared by the panes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLayout,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .safe import tooltip


def table_view(model) -> QTableView:
    """A compact, row-selecting, single-selection table over model."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


def column(*items) -> QWidget:
    """A widget stacking widgets and layouts top to bottom, without margins."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        (layout.addLayout if isinstance(item, QLayout) else layout.addWidget)(item)
    return widget


def vertical_split(owner: QWidget, *parts: QWidget) -> QSplitter:
    """Fill owner with a vertical splitter over parts (the usual pane layout)."""
    split = QSplitter(Qt.Orientation.Vertical)
    for part in parts:
        split.addWidget(part)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(split)
    return split


class SummaryLabel(QLabel):
    """A one-line summary of data (counts, what is shown): plain text that wraps within its pane and never
    widens it (its width hint is ignored), with the whole text as a tooltip."""

    def __init__(self, text: str = "", muted: bool = False, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        if muted:
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
            self.setPalette(pal)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(tooltip(text))
