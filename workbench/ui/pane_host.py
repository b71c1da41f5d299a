"""The main window's panes, made when they are first needed rather than before the window can paint.

The window paints first with its menus, tool bar and docks in their saved places; on the next turn of
the event loop it opens the project and makes the panes that show (reader, articles, search, entities),
and the project loads into them. Panes behind a tab or in a hidden dock (claims, members, comparison,
charts) are made when their dock first shows, or when something needs them (marking a claim shows the
Claims pane). Their modules are imported only then, which is most of the start-up cost they would add.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

#: how many listed articles the members table and the charts read (the story in view)
MAX_STORY_ARTICLES = 500
#: the panes the window shows at once; made right after the first paint
FIRST_PANES = ("reader", "articles", "search", "entities")


def _pane_property(key: str) -> property:
    return property(lambda self: self._pane(key), doc=f"The {key} pane (made on first use).")


class PaneHost:
    """Mixed into MainWindow (uses its state, editor, docks and slots)."""

    def _init_panes(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        self._panes: dict[str, QWidget | None] = {key: None for key in FIRST_PANES}
        self._painted = False  # until the first paint, panes of docks that show are made after it
        self._shown_early: set[str] = set()
        # the reader's place; it goes into this holder (replacing the central widget itself would make the
        # main window lay its docks out afresh from their size hints, squeezing the reader)
        self._reader_holder = QWidget()
        QVBoxLayout(self._reader_holder).setContentsMargins(0, 0, 0, 0)
        self.setCentralWidget(self._reader_holder)

    def _add_dock(self, key: str, title: str, area) -> QDockWidget:
        """A dock whose pane is made later (see the module notes); a blank widget keeps its place until then."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(QWidget())
        self._panes[key] = None
        dock.visibilityChanged.connect(lambda visible, key=key: visible and self._dock_shown(key))
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _dock_shown(self, key: str) -> None:
        if self._panes[key] is not None:
            return
        if self._painted:
            self._pane(key, shown=True)
        else:
            self._shown_early.add(key)

    def make_panes(self) -> None:
        """Make the panes in view (called after the first paint, and before the project loads into them)."""
        if self._painted:
            return
        self._painted = True
        for key in FIRST_PANES:
            self._pane(key)
        for key in sorted(self._shown_early):
            self._pane(key, shown=self.docks[key].isVisible())
        self._shown_early.clear()

    def _made(self, key: str) -> QWidget | None:
        """The pane if it has been made (None: nothing in it to update)."""
        return self._panes.get(key)

    def _pane(self, key: str, shown: bool = False) -> QWidget:
        """The pane for key, made now if need be."""
        pane = self._panes[key]
        if pane is not None:
            return pane
        if self.state.store is None and not self._open_project():  # asked for before the window started
            from ..core.errors import StoreError

            raise StoreError(f"The project {self.state.path} could not be opened.")
        if key != "reader":
            self._pane("reader")  # the others open articles in it
        pane = self._panes[key] = self._make_pane(key)
        if key == "reader":
            self._reader_holder.layout().addWidget(pane)
            return pane
        if key in ("members", "charts"):
            # they follow the story listed in the Articles pane, and derive only while in view
            self.articles.model.modelReset.connect(pane.invalidate)
            self.docks[key].visibilityChanged.connect(pane.set_in_view)
            if shown:
                pane.set_in_view(True)
        blank = self.docks[key].widget()
        self.docks[key].setWidget(pane)
        blank.deleteLater()
        return pane

    def _make_pane(self, key: str) -> QWidget:
        state = self.state
        if key == "reader":
            from .panes.reader import ReaderPane

            pane = ReaderPane(state)
            pane.sig_mark_claim.connect(self.mark_claim)
            pane.sig_show_claim.connect(self.show_claim)
            pane.sig_entity_action.connect(self._entity_action)
            pane.sig_show_entity.connect(self.show_entity)
        elif key == "articles":
            from .panes.articles import ArticlesPane

            pane = ArticlesPane(state)
            pane.sig_delete.connect(self.delete_articles)
        elif key == "search":
            from .panes.search import SearchPane

            pane = SearchPane(state)
        elif key == "entities":
            from .panes.entities import EntitiesPane

            pane = EntitiesPane(state, self.editor)
        elif key == "claims":
            from .panes.claims import ClaimsPane

            pane = ClaimsPane(state, self.editor)
            pane.sig_add_evidence.connect(self.add_evidence_from_selection)
        elif key == "members":
            from .panes.members import MembersPane

            pane = MembersPane(
                state,
                self.editor,
                self.reader,
                articles_ids=lambda: self.articles.model._ids[:MAX_STORY_ARTICLES],
            )
        elif key == "comparison":
            from .panes.comparison import ComparisonPane

            pane = ComparisonPane(state, self.articles)
            pane.sig_link_evidence.connect(self.link_group_evidence)
        elif key == "charts":
            from .panes.charts import ChartsPane

            pane = ChartsPane(
                state, open_entity=self.show_entity, articles_ids=lambda: self.articles.model._ids[:60]
            )
        else:
            raise KeyError(key)
        return pane

    reader = _pane_property("reader")
    articles = _pane_property("articles")
    search = _pane_property("search")
    entities = _pane_property("entities")
    claims = _pane_property("claims")
    members = _pane_property("members")
    comparison = _pane_property("comparison")
    charts = _pane_property("charts")

    def flush_edits(self) -> None:
        """Save what is being typed (a claim's note) before the project is copied, exported or closed."""
        if self._made("claims"):
            self.claims.flush()
