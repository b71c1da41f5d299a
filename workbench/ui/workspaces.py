"""Workspaces: each task gets the window to itself, with its own arrangement of the docks around the reader.

A bar (and Ctrl+1 … Ctrl+6) switches between them. Leaving a workspace saves the window's dock state
under its name; coming back restores it, so each remembers how the analyst arranged it. The reader is the
central widget: every workspace has it, and no dock may squeeze it below READER_SHARE of the window.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

#: the least share of the window's width the reader keeps
READER_SHARE = 0.4


class Workspace(NamedTuple):
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
    """Mixed into MainWindow (uses docks, settings and LAYOUT_VERSION through save/restore)."""

    def _build_workspace_bar(self, layout_version: int) -> None:
        self._layout_version = layout_version
        self.workspace = None
        self.addToolBarBreak(
            Qt.ToolBarArea.TopToolBarArea
        )  # a row of its own: all six fit at 1280 px beside nothing else
        self.workspace_bar = self.addToolBar("Workspaces")
        self.workspace_bar.setObjectName("toolbar_workspaces")
        self.workspace_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.workspace_group = QActionGroup(self)
        self.workspace_actions: dict[str, QAction] = {}
        menu = self.view_menu.addMenu("&Workspaces")
        for n, ws in enumerate(WORKSPACES, 1):
            act = QAction(ws.title, self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{n}"))
            act.setToolTip(f"{ws.title.replace('&&', '&')} workspace — {ws.tip} (Ctrl+{n})")
            act.triggered.connect(lambda _=False, key=ws.key: self.switch_workspace(key))
            self.workspace_group.addAction(act)
            self.workspace_bar.addAction(act)
            menu.addAction(act)
            self.workspace_actions[ws.key] = act

    def switch_workspace(self, key: str) -> None:
        if key not in BY_KEY:
            return
        if self.workspace == key:
            self.workspace_actions[key].setChecked(True)
            return
        if self.workspace is not None:
            self.save_workspace()
        self.workspace = key
        self.workspace_actions[key].setChecked(True)
        self.settings.setValue("workspace/current", key)
        saved = self.settings.value(f"workspace/{key}/state")
        if saved is None or not self.restoreState(saved, self._layout_version):
            self._arrange(BY_KEY[key])
        self._keep_reader_readable()

    def save_workspace(self) -> None:
        if self.workspace is not None:
            self.settings.setValue(f"workspace/{self.workspace}/state", self.saveState(self._layout_version))

    def _arrange(self, ws: Workspace) -> None:
        """The workspace's default arrangement of the docks."""
        wanted = set(ws.left) | set(ws.right) | set(ws.bottom)
        for key, dock in self.docks.items():
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
                dock = self.docks[key]
                self.addDockWidget(area, dock)
                dock.show()
                if first is None:
                    first = dock
                elif area == Qt.DockWidgetArea.LeftDockWidgetArea:
                    self.splitDockWidget(first, dock, Qt.Orientation.Vertical)
                else:
                    self.tabifyDockWidget(first, dock)
            if first is not None:
                first.raise_()
        width, height = max(self.width(), 600), max(self.height(), 400)
        sides = [self.docks[k[0]] for k in (ws.left, ws.right) if k]
        if sides:
            self.resizeDocks(sides, [int(width * ws.side_share)] * len(sides), Qt.Orientation.Horizontal)
        if ws.bottom:
            self.resizeDocks([self.docks[ws.bottom[0]]], [int(height * 0.5)], Qt.Orientation.Vertical)
        if len(ws.left) > 1:
            self.resizeDocks(
                [self.docks[k] for k in ws.left],
                [int(height * 0.6), int(height * 0.4)],
                Qt.Orientation.Vertical,
            )

    def _keep_reader_readable(self) -> None:
        """The reader keeps READER_SHARE of the window's width: docks give way, the window does not grow."""
        self._reader_holder.setMinimumWidth(int(self.width() * READER_SHARE))

    def _clamp_to_screen(self, old_width: int) -> None:
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        avail = screen.availableGeometry()
        if self.width() > old_width and self.width() > avail.width():
            self.resize(avail.width(), min(self.height(), avail.height()))
