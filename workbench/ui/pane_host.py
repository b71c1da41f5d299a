"""The main window's docks and the panes in them, each made when it is first needed.

The window paints first with its menus, tool bar and docks in their saved places; on the next turn of
the event loop it opens the project and makes the panes that show (reader, articles, search, entities),
and the project loads into them. Panes behind a tab or in a hidden dock (claims, members, comparison,
charts) are made when their dock first shows, or when something needs them (marking a claim shows the
Claims pane). A pane's module is imported when the pane is made: a pane costs its widgets and its
module, and paying for the ones in view only keeps the first paint close to a bare window's
(benchmarks/bench_startup.py).

Each pane that shows project data is connected once, when it is made, to the window's one change
signal (``MainWindow.sig_changed``); it refreshes only for its own flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

from ..core.errors import StoreError

if TYPE_CHECKING:
    from .main_window import MainWindow

#: how many listed articles the members table and the charts read (the story in view)
MAX_STORY_ARTICLES = 500
#: the panes the window shows at once; made right after the first paint
FIRST_PANES = ("reader", "articles", "search", "entities")


class PaneHost:
    """Owns the window's docks and panes: makes each pane once, puts it in its dock and wires it up."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.state = window.state
        self.docks: dict[str, QDockWidget] = {}
        self._panes: dict[str, QWidget | None] = dict.fromkeys(FIRST_PANES)
        self._painted = False  # until the first paint, panes of docks that show are made after it
        self._shown_early: set[str] = set()
        # the reader's place; it goes into this holder (replacing the central widget itself would make the
        # main window lay its docks out afresh from their size hints, squeezing the reader)
        self.reader_holder = QWidget()
        QVBoxLayout(self.reader_holder).setContentsMargins(0, 0, 0, 0)
        window.setCentralWidget(self.reader_holder)

    def add_dock(self, key: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock whose pane is made later (see the module notes); a blank widget keeps its place until then."""
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(QWidget())
        self._panes[key] = None
        dock.visibilityChanged.connect(lambda visible, key=key: self._dock_visible(key, visible))
        self.window.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _dock_visible(self, key: str, visible: bool) -> None:
        if not visible or self._panes[key] is not None:
            return
        if self._painted:
            self.pane(key, shown=True)
        else:
            self._shown_early.add(key)

    def make_panes(self) -> None:
        """Make the panes in view (called after the first paint, and before the project loads into them)."""
        if self._painted:
            return
        self._painted = True
        for key in FIRST_PANES:
            self.pane(key)
        for key in sorted(self._shown_early):
            self.pane(key, shown=self.docks[key].isVisible())
        self._shown_early.clear()

    def made(self, key: str) -> QWidget | None:
        """The pane if it has been made (None: nothing in it to update)."""
        return self._panes.get(key)

    def pane(self, key: str, shown: bool = False) -> QWidget:
        """The pane for key, made now if need be."""
        pane = self._panes[key]
        if pane is not None:
            return pane
        if not self.state.is_open and not self.window.open_project_file():  # asked for before the start
            raise StoreError(f"The project {self.state.path} could not be opened.")
        if key != "reader":
            self.pane("reader")  # the others open articles in it
        pane = self._panes[key] = self._make_pane(key, shown)
        if key == "reader":
            layout = self.reader_holder.layout()
            assert layout is not None  # made in __init__
            layout.addWidget(pane)
            return pane
        blank = self.docks[key].widget()
        self.docks[key].setWidget(pane)
        blank.deleteLater()
        return pane

    def _make_pane(self, key: str, shown: bool) -> QWidget:
        window, state, changed = self.window, self.state, self.window.sig_changed
        if key == "reader":
            from .panes.reader import ReaderPane

            reader = ReaderPane(state)
            reader.sig_mark_claim.connect(window.mark_claim)
            reader.sig_show_claim.connect(window.show_claim)
            reader.sig_entity_action.connect(window.entity_action)
            reader.sig_show_entity.connect(window.show_entity)
            changed.connect(reader.on_changes)
            return reader
        if key == "articles":
            from .panes.articles import ArticlesPane

            articles = ArticlesPane(state)
            articles.sig_delete.connect(window.delete_articles)
            changed.connect(articles.on_changes)
            return articles
        if key == "search":
            from .panes.search import SearchPane

            return SearchPane(state)  # a search is a snapshot: it is run again by the analyst
        if key == "entities":
            from .panes.entities import EntitiesPane

            entities = EntitiesPane(state, window.editor)
            changed.connect(entities.on_changes)
            return entities
        if key == "claims":
            from .panes.claims import ClaimsPane

            claims = ClaimsPane(state, window.editor)
            claims.sig_add_evidence.connect(window.add_evidence_from_selection)
            changed.connect(claims.on_changes)
            return claims
        if key == "members":
            from .panes.members import MembersPane

            listed = window.articles.model
            members = MembersPane(
                state,
                window.editor,
                window.reader,
                articles_ids=lambda: listed.listed_ids()[:MAX_STORY_ARTICLES],
            )
            # it follows the story listed in the Articles pane, and derives only while in view
            listed.modelReset.connect(members.follow_list)
            self.docks[key].visibilityChanged.connect(members.set_in_view)
            changed.connect(members.on_changes)
            if shown:
                members.set_in_view(True)
            return members
        if key == "comparison":
            from .panes.comparison import ComparisonPane

            comparison = ComparisonPane(state, window.articles)
            comparison.sig_link_evidence.connect(window.link_group_evidence)
            # what its task cached (copies, origins) is shown by the pane itself: not another process's news
            comparison.sig_compared.connect(window.live.rebase)
            return comparison  # a comparison is run on demand (Tools → Compare sources)
        if key == "charts":
            from .panes.charts import ChartsPane

            listed = window.articles.model
            charts = ChartsPane(
                state, open_entity=window.show_entity, articles_ids=lambda: listed.listed_ids()[:60]
            )
            listed.modelReset.connect(charts.follow_list)
            self.docks[key].visibilityChanged.connect(charts.set_in_view)
            changed.connect(charts.on_changes)
            if shown:
                charts.set_in_view(True)
            return charts
        raise KeyError(key)

    def flush_edits(self) -> None:
        """Save what is being typed (a claim's note) before the project is copied, exported or closed."""
        if self.made("claims") is not None:
            self.window.claims.flush()
