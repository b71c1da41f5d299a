"""Workspaces: each task gets the window to itself, with its own arrangement of the docks around the reader.

A bar (and Ctrl+1 … Ctrl+6) switches between them. Leaving a workspace saves the window's dock state
under its name; coming back restores it, so each remembers how the analyst arranged it. The reader is the
central widget: every workspace has it, and no dock may squeeze it below READER_SHARE of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the least share of the window's width the reader keeps
READER_SHARE = 0.4


@dataclass(frozen=True)
class Workspace:
    key: str
    title: str
    tip: str
    left: tuple[str, ...]  # docks on the left, top to bottom
    right: tuple[str, ...]  # docks on the right (tabbed, first in front)
    bottom: tuple[str, ...] = ()  # docks below the reader (tabbed)
    side_share: float = 0.22  # each side's share of the width


WORKSPACES = (
    Workspace(
        "read",
        "Read && annotate",
        "Read articles, search them and mark claims",
        ("articles", "search"),
        ("claims",),
    ),
    Workspace(
        "entities",
        "Entities",
        "Check and fix the organisations, people and places",
        ("articles",),
        ("entities",),
        side_share=0.27,
    ),
    Workspace(
        "members",
        "Members",
        "Who belongs to the venture, with what role and stake",
        ("articles",),
        ("members",),
        side_share=0.3,
    ),
    Workspace("compare", "Compare", "Where the sources agree and differ", ("articles",), (), ("comparison",)),
    Workspace(
        "claims",
        "Claims review",
        "Verdicts, notes and evidence of every claim",
        ("articles", "search"),
        ("claims",),
        side_share=0.3,
    ),
    Workspace("charts", "Charts", "The corpus at a glance", ("articles",), (), ("charts",)),
)
BY_KEY = {w.key: w for w in WORKSPACES}


class Workspaces:
    """The workspace bar and View → Workspaces; saves and restores each workspace's dock arrangement."""

    def __init__(self, window: MainWindow, menu: QMenu, layout_version: int):
        self.window = window
        self.settings = window.settings
        self._layout_version = layout_version
        #: the workspace shown (None: the window's saved arrangement, not one of the workspaces)
        self.current: str | None = None
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own: all six fit at 1280 px
        self.bar = window.addToolBar("Workspaces")
        self.bar.setObjectName("toolbar_workspaces")
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.group = QActionGroup(window)
        self.actions: dict[str, QAction] = {}
        for n, ws in enumerate(WORKSPACES, 1):
            act = QAction(ws.title, window)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            act.setToolTip(f"{ws.title.replace('&&', '&')} workspace — {ws.tip} (Ctrl+{n})")
            act.triggered.connect(lambda _=False, key=ws.key: self.switch(key))
            self.group.addAction(act)
            self.bar.addAction(act)
            menu.addAction(act)
            self.actions[ws.key] = act

    def resume(self, key: str) -> None:
        """The window's restored state is workspace key's arrangement (a second start)."""
        if key in self.actions:
            self.current = key
            self.actions[key].setChecked(True)

    def switch(self, key: str) -> None:
        if key not in BY_KEY:
            return
        if self.current == key:
            self.actions[key].setChecked(True)
            return
        self.save()
        self.current = key
        self.actions[key].setChecked(True)
        self.settings.setValue("workspace/current", key)
        saved = self.settings.value(f"workspace/{key}/state")
        if not isinstance(saved, (QByteArray, bytes)) or not self.window.restoreState(
            saved, self._layout_version
        ):
            self._arrange(BY_KEY[key])
        self.keep_reader_readable()

    def save(self) -> None:
        if self.current is not None:
            self.settings.setValue(
                f"workspace/{self.current}/state", self.window.saveState(self._layout_version)
            )

    def _arrange(self, ws: Workspace) -> None:
        """The workspace's default arrangement of the docks."""
        window, docks = self.window, self.window.panes.docks
        wanted = set(ws.left) | set(ws.right) | set(ws.bottom)
        for key, dock in docks.items():
            dock.setFloating(False)
            if key not in wanted:
                dock.hide()
        areas = (
            (ws.left, Qt.DockWidgetArea.LeftDockWidgetArea),
            (ws.right, Qt.DockWidgetArea.RightDockWidgetArea),
            (ws.bottom, Qt.DockWidgetArea.BottomDockWidgetArea),
        )
        for keys, area in areas:
            first = None
            for key in keys:
                dock = docks[key]
                window.addDockWidget(area, dock)
                dock.show()
                if first is None:
                    first = dock
                elif area == Qt.DockWidgetArea.LeftDockWidgetArea:
                    window.splitDockWidget(first, dock, Qt.Orientation.Vertical)
                else:
                    window.tabifyDockWidget(first, dock)
            if first is not None:
                first.raise_()
        width, height = max(window.width(), 600), max(window.height(), 400)
        sides = [docks[k[0]] for k in (ws.left, ws.right) if k]
        if sides:
            window.resizeDocks(sides, [int(width * ws.side_share)] * len(sides), Qt.Orientation.Horizontal)
        if ws.bottom:
            window.resizeDocks([docks[ws.bottom[0]]], [int(height * 0.5)], Qt.Orientation.Vertical)
        if len(ws.left) > 1:
            window.resizeDocks(
                [docks[k] for k in ws.left], [int(height * 0.6), int(height * 0.4)], Qt.Orientation.Vertical
            )

    def keep_reader_readable(self) -> None:
        """The reader keeps READER_SHARE of the window's width: docks give way, the window does not grow."""
        self.window.panes.reader_holder.setMinimumWidth(int(self.window.width() * READER_SHARE))

    def clamp_to_screen(self, old_width: int) -> None:
        window = self.window
        screen = window.screen()
        if screen is None or window.isMaximized() or window.isFullScreen():
            return
        avail = screen.availableGeometry()
        if window.width() > old_width and window.width() > avail.width():
            window.resize(avail.width(), min(window.height(), avail.height()))
