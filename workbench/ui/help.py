"""Help: the keyboard-shortcut sheet (made from the window's own actions, so it is never out of date) and a
short guide to the workflow, shown once on first start and from Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from .main_window import MainWindow

GUIDE = [
    (
        "Import",
        "File → Import files… or Import folder… (or drop files on the window): .txt, .md, .html, .pdf, "
        ".docx. Duplicates are skipped; refused files are listed with a reason.",
    ),
    (
        "Read",
        "Pick an article in Articles; the reader shows it with organisations, people, places, money "
        "and dates highlighted. Ctrl+F searches every article.",
    ),
    (
        "Entities",
        "The Entities pane lists who and what the articles name. Right-click to rename, change the "
        "type, merge, or split a mention off; every fix is kept and undoable (Ctrl+Z).",
    ),
    (
        "Members",
        "The Members pane derives who belongs to the venture, in what role and with what stake, "
        "with the evidence sentences. Confirm, correct or reject rows.",
    ),
    (
        "Compare",
        "Tools → Compare sources (Ctrl+K) lines up what the listed articles say and marks where "
        "they differ, grouped by the origin each one cites.",
    ),
    (
        "Claims",
        "Select words in the reader and press Ctrl+M to mark a claim; give it a verdict and "
        "evidence for and against from any article in the Claims pane.",
    ),
    (
        "Export",
        "File → Export… (CSV), Analyst brief… (Markdown/HTML), W3C annotations and followthemoney "
        "entities for other tools.",
    ),
]
WORKSPACE_HINT = (
    "Each task has its own workspace (View → Workspaces, Ctrl+1 … Ctrl+6): Read & annotate, Entities, "
    "Members, Compare, Claims review, Charts. Each remembers how you arrange it."
)


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every action with a shortcut in the window's menus and panes."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def walk(menu: QMenu, path: str) -> None:
        for act in menu.actions():
            sub = act.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {sub.title().replace('&', '')}")
                continue
            keys = [
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty()
            ]
            text = act.text().replace("&", "")
            if keys and (text, keys[0]) not in seen:
                seen.add((text, keys[0]))
                rows.append((path, text, ", ".join(keys)))

    for act in window.menuBar().actions():
        menu = act.menu()
        if isinstance(menu, QMenu):
            walk(menu, menu.title().replace("&", ""))
    for area, act in window.extra_shortcut_actions():
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty()
        ]
        if keys:
            rows.append((area, act.text().replace("&", ""), ", ".join(keys)))
    return rows


class ShortcutSheet(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Shortcut"])
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 520)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        layout = QVBoxLayout(self)
        intro = QLabel("A story, step by step:")
        layout.addWidget(intro)
        for n, (step, text) in enumerate(GUIDE, 1):
            label = QLabel(f"{n}. {step} — {text}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)
        hint = QLabel(
            WORKSPACE_HINT + "\n\nHelp → Getting started shows this again; Help → Keyboard shortcuts "
            "lists every shortcut."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
