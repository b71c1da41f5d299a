"""Charts pane: the corpus at a glance. pyqtgraph is imported when the pane is first shown.

Every mark has a tooltip (escaped text) and a click that opens the article behind it;
each chart can be saved as PNG.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import ChangeEvent
from ...core.compare import value_feature
from ...core.members import ROLES, members
from ...core.models import DateValue, MentionInfo, Money
from ...core.values import human_amount
from ..safe import tooltip
from ..state import AppState
from ..widgets import SummaryLabel

NAMED = ("ORG", "PERSON", "GPE", "LOC", "PRODUCT")
#: the height each of several stacked plots keeps (below it the tab scrolls)
PLOT_MIN_HEIGHT = 220


class ChartsPane(QWidget):
    def __init__(self, state: AppState, open_entity=None, articles_ids=None, parent=None):
        super().__init__(parent)
        self.state = state
        self.articles_ids = articles_ids  # callable: the articles listed in the Articles pane
        self.open_entity = open_entity
        self.tabs = QTabWidget()
        self.info = SummaryLabel(
            "Hover a mark for its figures; click it to open the article behind it.", muted=True
        )
        self.save_button = QPushButton("Save as PNG…")
        self.refresh_button = QPushButton("Refresh")
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tabs)
        self.save_button.clicked.connect(self.save_png)
        self.refresh_button.clicked.connect(self.rebuild)
        self._built = False
        self._stale = True
        self.in_view = False

    def on_changes(self, event: ChangeEvent) -> None:
        changes = event.changes
        if changes.articles or changes.entities or changes.mentions or changes.members:
            self.invalidate()

    def invalidate(self) -> None:
        """What the charts show changed: rebuild them now if in view, else when they come into view."""
        self._stale = True
        if self.in_view:
            self.rebuild()

    def follow_list(self) -> None:
        """The Articles list was read again: rebuild on the next turn, unless a change has rebuilt since."""
        self._stale = True
        if self.in_view:
            QTimer.singleShot(0, self, self._rebuild_if_stale)

    def set_in_view(self, visible: bool) -> None:
        """Called by the dock: the charts are built (and pyqtgraph imported) when they first come into view."""
        self.in_view = visible
        if visible:
            QTimer.singleShot(0, self, self._rebuild_if_stale)

    def _rebuild_if_stale(self) -> None:
        if self.in_view and self._stale and not self.state.closed:
            self.rebuild()

    # ---------------------------------------------------------------- building
    def rebuild(self) -> None:
        import pyqtgraph as pg  # only now: the pane was shown

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self._stale = False
        current = self.tabs.currentIndex()
        self.tabs.clear()
        store = self.state.store
        ids = self.articles_ids() if self.articles_ids else store.articles.ids()[:60]
        mentions = {aid: store.entities.article_mentions(aid) for aid in ids}
        titles = {a: s.title for a, s in store.articles.summaries(ids).items()}
        for name, build in (
            ("Top entities", self._top_entities),
            ("Coverage", self._coverage),
            ("Timeline", self._timeline),
            ("Money by source", self._money),
            ("Members by role", self._members),
        ):
            widget = pg.GraphicsLayoutWidget()
            build(pg, widget, ids, mentions, titles)
            rows = widget.ci.layout.rowCount()
            if rows > 1:
                # stacked plots get a readable height each and scroll, rather than overlapping in a short pane
                widget.setMinimumHeight(rows * PLOT_MIN_HEIGHT)
                holder = QScrollArea()
                holder.setWidgetResizable(True)
                holder.setFrameShape(QScrollArea.Shape.NoFrame)
                holder.setWidget(widget)
                self.tabs.addTab(holder, name)
            else:
                self.tabs.addTab(widget, name)
        self.tabs.setCurrentIndex(max(0, current))
        self._built = True

    def chart_view(self, index: int):
        """The chart (a pyqtgraph GraphicsLayoutWidget) on tab index, inside its scroll area if it has one."""
        widget = self.tabs.widget(index)
        return widget.widget() if isinstance(widget, QScrollArea) else widget

    def _open(self, article_id: int, start: int = -1, end: int = -1) -> None:
        self.state.open_article(article_id, start, end)

    def _bars_with_tips(self, pg, plot, xs, heights, tips, on_click, brush="#5b8def"):
        plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.7, brush=brush))
        spots = pg.ScatterPlotItem(
            x=xs,
            y=[h / 2 for h in heights],
            size=18,
            brush=pg.mkBrush(0, 0, 0, 0),
            pen=pg.mkPen(None),
            hoverable=True,
            data=list(range(len(xs))),
            tip=lambda x, y, data: tips[data],
        )
        spots.sigClicked.connect(lambda _item, points, _ev: len(points) and on_click(points[0].data()))
        plot.addItem(spots)

    def _top_entities(self, pg, widget, ids, mentions, titles) -> None:
        totals: Counter[int] = Counter()
        per_article: defaultdict[int, Counter[int]] = defaultdict(Counter)
        names: dict[int, str] = {}
        first: dict[int, MentionInfo] = {}
        for aid in ids:
            for m in mentions[aid]:
                if m.type in NAMED:
                    totals[m.entity_id] += 1
                    per_article[m.entity_id][aid] += 1
                    names[m.entity_id] = m.entity
                    first.setdefault(m.entity_id, m)
        top = [e for e, _ in totals.most_common(15)]
        plot = widget.addPlot(title="Mentions of the top entities (all articles)")
        tips = [
            tooltip(
                f"{names[e]}: {totals[e]} mentions\n"
                + "\n".join(f"#{a} {titles.get(a, '')[:50]}: {n}" for a, n in per_article[e].most_common())
            )
            for e in top
        ]

        def click(i):
            if self.open_entity:
                self.open_entity(top[i])
            m = first[top[i]]
            self._open(m.article_id, m.start, m.end)

        self._bars_with_tips(pg, plot, list(range(len(top))), [totals[e] for e in top], tips, click)
        plot.getAxis("bottom").setTicks([[(i, names[e][:12]) for i, e in enumerate(top)]])
        plot.setMouseEnabled(False, False)

    def _coverage(self, pg, widget, ids, mentions, titles) -> None:
        totals: Counter[int] = Counter()
        names: dict[int, str] = {}
        counts: defaultdict[int, Counter[int]] = defaultdict(Counter)
        firsts: dict[tuple[int, int], MentionInfo] = {}
        for aid in ids:
            for m in mentions[aid]:
                if m.type in NAMED:
                    totals[m.entity_id] += 1
                    counts[m.entity_id][aid] += 1
                    names[m.entity_id] = m.entity
                    firsts.setdefault((m.entity_id, aid), m)
        top = [e for e, _ in totals.most_common(25)]
        grid = np.array([[counts[e][a] for e in top] for a in ids], dtype=np.float64)
        plot = widget.addPlot(title="Coverage: top entities (rows) × articles (columns)")
        if grid.size:
            image = pg.ImageItem(grid)
            image.setColorMap(pg.colormap.get("viridis"))
            plot.addItem(image)
        xs, ys, data = [], [], []
        for col, aid in enumerate(ids):
            for row, e in enumerate(top):
                if counts[e][aid]:  # an empty cell is no mark: nothing to show or open
                    xs.append(col + 0.5)
                    ys.append(row + 0.5)
                    data.append((aid, e))
        tips = {
            (aid, e): tooltip(f"{names[e]} in #{aid} {titles.get(aid, '')[:60]}: {counts[e][aid]} mention(s)")
            for aid, e in data
        }
        # each mark is a square the size of its cell (in data units), so the whole cell answers the pointer
        spots = pg.ScatterPlotItem(
            x=xs,
            y=ys,
            size=1.0,
            pxMode=False,
            symbol="s",
            brush=pg.mkBrush(0, 0, 0, 0),
            pen=pg.mkPen(None),
            hoverable=True,
            data=data,
            tip=lambda x, y, data: tips[data],
        )

        def click(_item, points, _ev):
            if len(points):
                aid, e = points[0].data()
                m = firsts.get((e, aid))
                self._open(aid, m.start if m else -1, m.end if m else -1)

        spots.sigClicked.connect(click)
        plot.addItem(spots)
        plot.getAxis("left").setTicks([[(r + 0.5, names[e][:18]) for r, e in enumerate(top)]])
        plot.getAxis("left").setWidth(130)
        plot.getAxis("bottom").setTicks([[(c + 0.5, f"#{a}") for c, a in enumerate(ids)]])
        plot.setMouseEnabled(False, False)

    def _timeline(self, pg, widget, ids, mentions, titles) -> None:
        xs: list[float] = []
        ys: list[int] = []
        data: list[int] = []
        tips: list[tuple[str, MentionInfo]] = []  # a tooltip and the mention it describes
        for row, aid in enumerate(ids):
            for m in mentions[aid]:
                if m.type != "DATE" or not isinstance(m.value, DateValue):
                    continue
                iso = m.value.iso or ""
                if not iso or "/" in iso:
                    continue
                parts = [int(p) for p in iso.split("-")]
                day = dt.date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)
                xs.append(dt.datetime(day.year, day.month, day.day).timestamp())
                ys.append(row)
                data.append(len(tips))
                tips.append((tooltip(f"{iso}: “{m.text}” in #{aid} {titles.get(aid, '')[:60]}"), m))
        plot = widget.addPlot(title="Dates the articles mention", axisItems={"bottom": pg.DateAxisItem()})
        spots = pg.ScatterPlotItem(
            x=xs,
            y=ys,
            size=10,
            brush=pg.mkBrush("#8e6cef"),
            hoverable=True,
            data=data,
            tip=lambda x, y, data: tips[data][0],
        )

        def click(_item, points, _ev):
            if len(points):  # an array of points: its truth value is not its length
                m = tips[points[0].data()][1]
                self._open(m.article_id, m.start, m.end)

        spots.sigClicked.connect(click)
        plot.addItem(spots)
        plot.getAxis("left").setTicks([[(r, f"#{a}") for r, a in enumerate(ids)]])

    def _money(self, pg, widget, ids, mentions, titles) -> None:
        """Each source's figure for the same item: money mentions grouped by their (base) amount's entity."""
        items = defaultdict(list)  # base feature -> [(aid, mention, value)]
        for aid in ids:
            for m in mentions[aid]:
                if m.type == "MONEY" and isinstance(m.value, Money):
                    key = value_feature("MONEY", m.value)
                    if key:
                        items[key].append((aid, m, m.value))
        shared = [(k, rows) for k, rows in items.items() if len({a for a, _, _ in rows}) >= 2]
        shared.sort(key=lambda kv: -len({a for a, _, _ in kv[1]}))
        for k, rows in shared[:2]:
            # the base figure, then how the sources convert it, currency by currency
            series = [
                (
                    f"{human_amount(k[2])} {k[1]}: the figure each source states",
                    [(a, m, v) for a, m, v in rows if v.converted_from is None],
                )
            ]
            for cur in sorted({v.currency for _, _, v in rows if v.converted_from is not None}):
                conv = [(a, m, v) for a, m, v in rows if v.converted_from is not None and v.currency == cur]
                if conv:
                    series.append(
                        (f"{human_amount(k[2])} {k[1]} converted to {cur}: each source's conversion", conv)
                    )
            for title, entries in series:
                if entries:
                    self._money_plot(pg, widget, title, entries, titles)
        if not shared:
            widget.addLabel("No money figure is stated by two sources.")

    def _money_plot(self, pg, widget, title, rows, titles) -> None:
        plot = widget.addPlot(title=title)
        widget.nextRow()
        per_article: dict[int, tuple[MentionInfo, Money]] = {}
        for aid, m, v in rows:
            per_article.setdefault(aid, (m, v))
        order = sorted(per_article)
        heights = [per_article[a][1].amount / 1e9 for a in order]
        tips = [
            tooltip(
                f"#{a} {titles.get(a, '')[:50]}: “{per_article[a][0].text}” = {per_article[a][1].display}"
            )
            for a in order
        ]
        self._bars_with_tips(
            pg,
            plot,
            list(range(len(order))),
            heights,
            tips,
            lambda i, order=order, pa=per_article: self._open(
                order[i], pa[order[i]][0].start, pa[order[i]][0].end
            ),
            brush="#f0a35e",
        )
        plot.getAxis("bottom").setTicks([[(i, f"#{a}") for i, a in enumerate(order)]])
        plot.setLabel("left", f"billions of {rows[0][2].currency}")
        plot.setMouseEnabled(False, False)

    def _members(self, pg, widget, ids, mentions, titles) -> None:
        _, rows = members(self.state.store, ids)
        active = [r for r in rows if r.status != "rejected"]
        roles = Counter(r.role for r in active)
        labels = [r for r in ROLES if roles.get(r)]
        by_role = {r: [m for m in active if m.role == r] for r in labels}
        plot = widget.addPlot(title="Members by role")
        tips = [tooltip(f"{r}:\n" + "\n".join(m.organisation for m in by_role[r])) for r in labels]

        def click(i):
            first = by_role[labels[i]][0]
            if first.evidence:
                e = first.evidence[0]
                self._open(e.article_id, e.start, e.end)

        self._bars_with_tips(pg, plot, list(range(len(labels))), [roles[r] for r in labels], tips, click)
        plot.getAxis("bottom").setTicks([[(i, r.split(" /")[0]) for i, r in enumerate(labels)]])
        plot.setMouseEnabled(False, False)

    # ---------------------------------------------------------------- saving
    def save_png(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is None:
            return
        name = self.tabs.tabText(self.tabs.currentIndex()).lower().replace(" ", "-")
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", f"{name}.png", "PNG image (*.png)")
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        if self.tabs.currentWidget() is None:
            return False
        widget = self.chart_view(self.tabs.currentIndex())
        if (
            widget.width() < 200 or widget.height() < 150
        ):  # a squeezed or hidden pane: render at a readable size
            widget.resize(max(widget.width(), 900), max(widget.height(), 500))
        return bool(widget.grab().save(path, "PNG"))
