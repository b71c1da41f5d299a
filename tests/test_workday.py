"""The window an analyst works in all day: defects found with real input, projects, help, workspaces."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog

from workbench.core import ops


# ---------------------------------------------------------------- articles list selection
def test_opening_elsewhere_tells_the_list_view_the_old_row_is_deselected(window, qtbot):
    pane = window.articles
    pane.view.selectRow(0)
    first, other = pane.model.article_id(0), pane.model.article_id(2)
    assert window.state.current_article == first
    changes = []
    pane.view.selectionModel().selectionChanged.connect(
        lambda sel, desel: changes.append(
            ({i.row() for i in sel.indexes()}, {i.row() for i in desel.indexes()})
        )
    )
    window.state.open_article(other, 0, 5)  # as a search hit, mention, evidence row or chart does
    # the view repaints the rows it is told about: the old row must be in a deselection it hears of
    assert any(0 in desel and 2 in sel for sel, desel in changes)
    assert {i.row() for i in pane.view.selectionModel().selectedRows()} == {2}
    assert window.state.current_article == other
    assert window.reader.article.id == other  # following the selection did not reopen another article


def test_clicking_a_row_still_opens_its_article(window, qtbot):
    pane = window.articles
    rect = pane.view.visualRect(pane.model.index(3, 0))
    from PySide6.QtTest import QTest

    QTest.mouseClick(pane.view.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.reader.article.id == pane.model.article_id(3)


# ---------------------------------------------------------------- charts
def _charts(window, qtbot):
    window.docks["charts"].show()
    window.docks["charts"].raise_()
    charts = window.charts
    qtbot.waitUntil(lambda: charts.tabs.count() == 5, timeout=15000)
    return charts


def _hover(view, pos: QPoint) -> None:
    for p in (pos, pos + QPoint(1, 0)):
        event = QMouseEvent(
            QEvent.MouseMove,
            QPointF(p),
            QPointF(view.viewport().mapToGlobal(p)),
            Qt.NoButton,
            Qt.NoButton,
            Qt.NoModifier,
        )
        QApplication.sendEvent(view.viewport(), event)


@pytest.mark.parametrize("tab", ["Top entities", "Coverage", "Timeline", "Money by source"])
def test_chart_marks_show_a_tooltip_on_hover_and_open_on_click(window, qtbot, tab, request):
    import pyqtgraph as pg
    from PySide6.QtTest import QTest

    charts = _charts(window, qtbot)
    # pyqtgraph drops mouse moves closer together than 10 ms; synthetic ones come faster than a hand's
    rate = pg.getConfigOption("mouseRateLimit")
    pg.setConfigOptions(mouseRateLimit=-1)
    request.addfinalizer(lambda: pg.setConfigOptions(mouseRateLimit=rate))
    charts.tabs.setCurrentIndex([charts.tabs.tabText(i) for i in range(charts.tabs.count())].index(tab))
    view = charts.chart_view(charts.tabs.currentIndex())
    view.resize(900, 600)
    view.grab()  # painted once, as on screen: the marks know their size
    spots = next(i for i in view.scene().items() if isinstance(i, pg.ScatterPlotItem) and len(i.points()))
    point = spots.points()[len(spots.points()) // 2]
    pos = view.mapFromScene(spots.mapToScene(point.pos()))
    _hover(view, pos)
    assert spots.getViewBox().toolTip()  # the figures under the pointer
    window.state.current_article = None
    with qtbot.waitSignal(window.state.sig_open_article, timeout=3000):
        QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)
    # inside the plot but away from every mark: the tooltip goes, and a click opens nothing
    vb_rect = spots.getViewBox().sceneBoundingRect()
    empty = next(
        view.mapFromScene(
            QPointF(vb_rect.left() + vb_rect.width() * fx / 20, vb_rect.top() + vb_rect.height() * fy / 20)
        )
        for fy in range(1, 20)
        for fx in range(1, 20)
        if not len(
            spots.pointsAt(
                spots.mapFromScene(
                    QPointF(
                        vb_rect.left() + vb_rect.width() * fx / 20, vb_rect.top() + vb_rect.height() * fy / 20
                    )
                )
            )
        )
    )
    _hover(view, empty)
    assert not spots.getViewBox().toolTip()
    opened = []
    window.state.sig_open_article.connect(lambda *a: opened.append(a))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=empty)
    assert opened == []


def test_money_subplots_do_not_overlap_in_a_short_pane(window, qtbot):
    charts = _charts(window, qtbot)
    charts.tabs.setCurrentIndex(
        [charts.tabs.tabText(i) for i in range(charts.tabs.count())].index("Money by source")
    )
    charts.resize(800, 260)
    view = charts.chart_view(charts.tabs.currentIndex())
    view.grab()
    import pyqtgraph as pg

    plots = [i for i in view.scene().items() if isinstance(i, pg.PlotItem)]
    assert len(plots) >= 2
    rects = [p.sceneBoundingRect() for p in plots]
    for i, a in enumerate(rects):
        assert a.height() >= 150  # each is readable
        for b in rects[i + 1 :]:
            assert not a.intersected(b).height() > 1


# ---------------------------------------------------------------- live consistency
def test_an_import_by_another_process_shows_up_in_the_open_window(window, qtbot, tmp_path):
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    assert window.live.timer.isActive()
    src = tmp_path / "cli"
    src.mkdir()
    (src / "harbour.txt").write_text(
        "Harbour Authority Opens a Deep-Water Berth\n\nThe Port of Rotterdam opened a berth for larger ships.",
        encoding="utf-8",
    )
    with Store(window.state.path) as other:  # another connection, as `workbench ingest` has
        ingest(other, [src])
    qtbot.waitUntil(lambda: window.articles.model.rowCount() == 6, timeout=3000)
    qtbot.waitUntil(lambda: window.status_label.text().startswith("6 articles"), timeout=3000)


def test_no_refresh_without_a_change(window, qtbot):
    refreshed = []
    window.sig_changed.connect(lambda event: refreshed.append(1))
    for _ in range(2):
        with qtbot.waitSignal(window.live.timer.timeout, timeout=3000):
            pass
    assert window.live.poll() is False
    # the window's own writes (an edit on its own connection) are not someone else's
    window.editor.update_article_meta(window.reader.article.id, {"outlet": "Port Gazette"})
    assert window.live.poll() is False
    assert refreshed == [1]  # the edit's own refresh, not a second one from the poll


# ---------------------------------------------------------------- entity fixes
def _answer_next_dialog(qtbot, button_text: str | None, seen: list):
    """Press a button of the next modal message box (as a user would), recording its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        for b in box.buttons():
            if (button_text is None and box.buttonRole(b) == QMessageBox.RejectRole) or (
                button_text and b.text().startswith(button_text)
            ):
                b.click()
                return
        box.reject()

    QTimer.singleShot(0, press)


def _two_entity_project(store):
    rows = store.entities.rows(["ORG"])
    return rows[0], rows[1]


def _mention_of(store, entity_id):
    return store.entities.mentions_of(entity_id)[0][0]


def test_split_with_an_existing_name_offers_to_move_into_that_entity(window, qtbot, monkeypatch):

    store = window.state.store
    keep, other = _two_entity_project(store)
    m = _mention_of(store, other.id)
    before = len(store.entities.named(keep.name))
    monkeypatch.setattr("workbench.ui.panes.entities.ask_text", lambda *a, **k: (keep.name.upper(), True))
    seen = []
    _answer_next_dialog(qtbot, "Move into", seen)
    window.entities.split(m)
    assert seen and "already exists" in seen[0]
    assert len(store.entities.named(keep.name)) == before == 1  # no second entity of that name
    assert store.entities.mention(m.id).entity_id == keep.id
    window.editor.stack.undo()
    assert store.entities.mention(m.id).entity_id == other.id
    kept = store.entities.get(keep.id)  # the entity it went into is not removed by the undo
    assert (kept.name, kept.mentions) == (keep.name, keep.mentions)


def test_split_with_an_existing_name_can_still_make_a_second_entity_or_cancel(window, qtbot, monkeypatch):

    store = window.state.store
    keep, other = _two_entity_project(store)
    m = _mention_of(store, other.id)
    monkeypatch.setattr("workbench.ui.panes.entities.ask_text", lambda *a, **k: (keep.name, True))
    seen = []
    _answer_next_dialog(qtbot, None, seen)  # Cancel: nothing changes
    window.entities.split(m)
    assert store.entities.mention(m.id).entity_id == other.id and window.editor.stack.count() == 0
    _answer_next_dialog(qtbot, "Make a second", seen)
    window.entities.split(m)
    assert len(store.entities.named(keep.name)) == 2


def test_split_with_a_new_name_asks_nothing(window, qtbot, monkeypatch):

    store = window.state.store
    _keep, other = _two_entity_project(store)
    m = _mention_of(store, other.id)
    monkeypatch.setattr(
        "workbench.ui.panes.entities.ask_text", lambda *a, **k: ("Harbour Pilots Guild", True)
    )
    window.entities.split(m)  # no dialog: a question here would block the test
    assert store.entities.get(store.entities.mention(m.id).entity_id).name == "Harbour Pilots Guild"


def test_undoing_a_rename_clears_the_edited_mark(window, qtbot):
    store = window.state.store
    e = store.entities.rows(["ORG"])[0]
    assert not e.edited
    window.editor.rename_entity(e.id, "Renamed Shipping Line")
    assert store.entities.get(e.id).edited
    window.editor.stack.undo()
    assert store.entities.get(e.id) == e  # name and mark as they were
    window.editor.stack.redo()
    assert store.entities.get(e.id).edited and store.entities.get(e.id).name == "Renamed Shipping Line"
    window.editor.set_entity_type(e.id, "PERSON")
    window.editor.stack.undo()
    assert store.entities.get(e.id).edited  # it was edited (renamed) before the type change: still is


# ---------------------------------------------------------------- progress and cancel
def test_extraction_names_its_stage_before_the_model_loads(monkeypatch, tmp_path):
    from workbench.core import nlp
    from workbench.core.extraction import extract_pending
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    events = []

    class FakeRecognizer:
        def mentions(self, texts, n_process=1, cancel=None):
            return [[] for _ in texts]

    def loading(language="en"):
        events.append("model loaded")
        return FakeRecognizer()

    monkeypatch.setattr(nlp, "recognizer", loading)
    monkeypatch.setattr(nlp, "_shared", {})  # as in a fresh process: no model loaded yet
    store = Store.memory()
    for i in range(5):
        (tmp_path / f"ferry{i}.txt").write_text(
            f"Ferry Line {i} Adds a Route\n\nThe ferry line added route {i} to Orkney.", encoding="utf-8"
        )
    ingest(store, [tmp_path])
    extract_pending(store, progress=lambda d, t, label: events.append((d, t, label)))
    assert events[0] == (0, 0, "loading the language model")  # a stage of unknown length, named
    assert events[1] == "model loaded"
    counts = [e for e in events[2:] if isinstance(e, tuple)]
    assert counts[-1][:2] == (5, 5) and len(counts) > 2  # the bar moves while the model works
    store.close()


def test_progress_dialog_shows_a_busy_stage_then_counts(qtbot):
    import threading

    from PySide6.QtWidgets import QWidget

    from workbench.ui import tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    go_on, reported = threading.Event(), threading.Event()

    def work(progress, cancel):
        progress(0, 0, "loading the language model")
        reported.wait(10)
        progress(2, 5, "Recognising entities")
        go_on.wait(10)
        return "done"

    task = tasks.Task(work)
    tasks.start(task, lambda _r: None, lambda _m: None, parent, "Building")
    dialog = task.dialog
    qtbot.waitUntil(lambda: "loading the language model" in dialog.labelText(), timeout=5000)
    assert dialog.maximum() == 0  # busy: no "0 of 0", no full bar
    assert " of " not in dialog.labelText()
    reported.set()
    qtbot.waitUntil(lambda: "2 of 5" in dialog.labelText(), timeout=5000)
    assert dialog.maximum() == 5 and dialog.value() == 2
    with qtbot.waitSignal(task.signals.sig_done, timeout=5000):
        go_on.set()


_CANCEL_PROBE = r"""
import multiprocessing, warnings, json
from workbench.core.nlp import recognizer


class CancelAfter:
    # a cancel flag that is set after it has been asked n times (the user presses Cancel mid-batch)
    def __init__(self, n):
        self.n = n

    def is_set(self):
        self.n -= 1
        return self.n < 0


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    # enough queued work that workers left alone would go on for a while after the cancel
    para = " ".join(f"The Baltic Freight Union met Maersk in Gdansk on May {i % 28 + 1}, 2024." for i in range(30))
    out = list(recognizer().mentions([para] * 200, n_process=2, batch_size=16, cancel=CancelAfter(20)))
    for worker in multiprocessing.active_children():
        worker.join(60)  # a stopped worker ends shortly after; join waits for it (not a timing test)
    left = [w.pid for w in multiprocessing.active_children() if w.is_alive()]
print(json.dumps({"out": len(out), "left": left, "w127": [str(w.message) for w in caught if "W127" in str(w.message)]}))
"""


def test_cancelling_the_recogniser_stops_its_workers_without_w127():
    """In a process of its own, so that no other test's workers are counted."""
    import json
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", _CANCEL_PROBE], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    # cancelled part-way: nothing of the unfinished batch is returned (the caller writes nothing of it), no
    # worker is left behind, and spaCy does not warn about an unfinished pipe
    assert got == {"out": 0, "left": [], "w127": []}


def test_the_recogniser_without_cancel_returns_every_text():
    import threading

    from workbench.core.nlp import recognizer

    texts = [f"The Baltic Freight Union met in Gdansk on May {i + 1}, 2024." for i in range(3)]
    out = list(recognizer().mentions(texts, cancel=threading.Event()))
    assert len(out) == 3 and all(any(m.label == "GPE" for m in ms) for ms in out)


# ---------------------------------------------------------------- article details, search columns
def _details_dialog(window):
    from workbench.ui.dialogs import ArticleDetailsDialog

    return ArticleDetailsDialog(window.reader.article, window)


def test_article_details_refuses_a_date_without_a_year(window, qtbot):
    dialog = _details_dialog(window)
    qtbot.addWidget(dialog)
    dialog.edits["published"].setText("April 6th")
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    dialog._accept()
    assert seen and "year" in seen[0] and "April 6th" in seen[0]
    assert dialog.result() != QDialog.Accepted


@pytest.mark.parametrize(
    "typed, stored",
    [("6 April 2026", "2026-04-06"), ("April 6th, 2026", "2026-04-06"), ("2026-04", "2026-04")],
)
def test_article_details_normalises_a_parseable_date(window, qtbot, typed, stored):
    dialog = _details_dialog(window)
    qtbot.addWidget(dialog)
    dialog.edits["published"].setText(typed)
    dialog._accept()
    assert dialog.result() == QDialog.Accepted
    assert dialog.changes()["published"] == stored


def test_article_details_refuses_an_impossible_iso_date(window, qtbot):
    dialog = _details_dialog(window)
    qtbot.addWidget(dialog)
    dialog.edits["published"].setText("2026-02-30")
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    dialog._accept()
    assert seen and dialog.result() != QDialog.Accepted


def test_search_snippet_column_gets_the_room(window, qtbot):
    pane = window.search
    window.docks["search"].show()
    pane.resize(360, 400)
    pane.box.setText("ferry OR SoftBank")
    pane.run()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=3000)
    header = pane.view.horizontalHeader()
    width = pane.view.viewport().width()
    assert header.sectionSize(1) >= 0.55 * width
    assert header.sectionSize(0) >= 80  # the title keeps a readable share


# ---------------------------------------------------------------- deleting articles
def _article_with_claim(window):
    store = window.state.store
    aid = window.articles.model.article_id(1)
    window.state.open_article(aid)
    text = store.articles.text(aid)
    window.reader.select_range(0, min(40, len(text)))
    window.act_mark_claim.trigger()
    claim = store.claims.matching()[0]
    other = window.articles.model.article_id(2)
    ev_text = store.articles.text(other)
    window.editor.add_evidence(claim.id, "supporting", article_id=other, start=0, end=min(30, len(ev_text)))
    return aid, claim


def test_delete_key_asks_with_the_claim_count_and_undo_restores_everything(window, qtbot):
    from PySide6.QtTest import QTest

    store = window.state.store
    aid, claim = _article_with_claim(window)
    before = {
        "title": store.articles.get(aid).title,
        "row": window.articles.model.row_of(aid),
        "mentions": len(store.entities.article_mentions(aid)),
        "sentences": len(store.articles.sentences(aid)),
        "hits": len(store.articles.search("SoftBank")[0]),
    }
    assert before["row"] >= 0
    window.articles.view.setFocus()
    seen = []
    _answer_next_dialog(qtbot, "Delete", seen)
    QTest.keyClick(window.articles.view, Qt.Key_Delete)
    assert seen and "1 claim(s)" in seen[0]
    assert store.articles.get(aid) is None and store.claims.matching() == []
    assert window.articles.model.row_of(aid) == -1
    assert window.reader.article.id in store.articles.ids()  # the reader moved to an article still there
    window.act_undo.trigger()
    assert store.articles.get(aid).title == before["title"]
    assert [c.id for c in store.claims.matching()] == [claim.id] and len(store.claims.evidence(claim.id)) == 1
    assert len(store.entities.article_mentions(aid)) == before["mentions"]
    assert len(store.articles.sentences(aid)) == before["sentences"]
    assert len(store.articles.search("SoftBank")[0]) == before["hits"]  # back in the search index
    assert window.articles.model.row_of(aid) == before["row"]  # listed again where it was
    window.act_redo.trigger()
    assert store.articles.get(aid) is None


def test_cancelling_the_delete_keeps_the_article(window, qtbot):
    store = window.state.store
    aid, _claim = _article_with_claim(window)
    window.articles.follow(aid)
    seen = []
    _answer_next_dialog(qtbot, None, seen)
    window.articles.delete_selected()
    assert seen and store.articles.get(aid) is not None and len(store.claims.matching()) == 1


# ---------------------------------------------------------------- projects
def test_title_names_the_project_and_it_is_remembered(window, qsettings):
    from workbench.ui.projects import recent_projects

    assert window.windowTitle() == "copy — workbench"
    assert recent_projects(qsettings)[0] == str(window.state.path.resolve())


def test_new_project_opens_in_a_new_window_and_joins_the_recent_list(window, qtbot, qsettings, tmp_path):
    from workbench.ui.projects import recent_projects

    new = window.projects.open_project(str(tmp_path / "harbours.workbench.db"), seed=False)
    qtbot.addWidget(new)
    with qtbot.waitSignal(new.sig_project_ready, timeout=10000):
        pass
    assert new.windowTitle() == "harbours — workbench"
    assert new.articles.model.rowCount() == 0
    assert not window.isVisible()  # the old window closed
    recent = recent_projects(qsettings)
    assert recent[:2] == [
        str((tmp_path / "harbours.workbench.db").resolve()),
        str(window.state.path.resolve()),
    ]
    new.close()


def test_opening_something_that_is_not_a_project_keeps_the_window(window, qtbot, tmp_path):
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    assert window.projects.open_project(str(folder)) is None
    assert seen and "folder" in seen[0]
    assert window.isVisible() and window.state.store is not None


# ---------------------------------------------------------------- help
def test_shortcut_sheet_is_made_from_the_actions(window):
    from workbench.ui.help import ShortcutSheet, shortcut_rows

    rows = shortcut_rows(window)
    texts = {(a, k) for _m, a, k in rows}
    assert ("Mark selection as claim", "Ctrl+M") in texts
    assert ("Compare sources", "Ctrl+K") in texts
    assert any(a == "Delete article…" for _m, a, _k in rows)
    assert any(k == "Ctrl+3" for _m, _a, k in rows)  # the workspaces
    assert not any(a == "About workbench" for _m, a, _k in rows)  # no shortcut, not listed
    sheet = ShortcutSheet(window)
    assert sheet.table.rowCount() == len(rows)
    sheet.deleteLater()


def test_every_tool_bar_action_has_a_tooltip_of_its_own(window):
    from PySide6.QtWidgets import QToolBar, QWidgetAction

    assert window.stories.picker.toolTip()  # a widget on a tool bar carries its own
    for bar in window.findChildren(QToolBar):
        for act in bar.actions():
            if act.isSeparator() or isinstance(act, QWidgetAction):
                continue
            tip = act.toolTip()
            assert tip and tip.replace("&", "") != act.text().replace("&", ""), act.text()


def test_guide_lists_the_workflow(window):
    guide = window.show_guide()
    text = " ".join(lbl.text() for lbl in guide.findChildren(type(window.status_label)))
    order = [
        text.index(step) for step in ("Import", "Read", "Entities", "Members", "Compare", "Claims", "Export")
    ]
    assert order == sorted(order)
    guide.close()


def test_w3c_annotations_and_ftm_from_the_file_menu(window, qtbot, monkeypatch, tmp_path):
    import json

    from PySide6.QtWidgets import QFileDialog

    store = window.state.store
    aid, claim = _article_with_claim(window)
    out = tmp_path / "claims.jsonld"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.act_export_annotations.trigger()
    assert json.loads(out.read_text(encoding="utf-8"))
    store.claims.delete(claim.id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    window.act_import_annotations.trigger()
    assert seen and "1 claim(s) imported" in seen[0]
    assert [c.article_id for c in store.claims.matching()] == [aid]
    ftm = tmp_path / "members.ftm.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ftm), ""))
    window.act_export_ftm.trigger()
    schemas = {json.loads(line)["schema"] for line in ftm.read_text(encoding="utf-8").splitlines()}
    assert "Membership" in schemas


def test_a_broken_annotation_file_is_refused_with_a_message(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    window.act_import_annotations.trigger()
    assert seen and "not a readable JSON-LD" in seen[0]
    assert window.state.store.claims.matching() == []


# ---------------------------------------------------------------- workspaces
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_workspaces_switch_by_keyboard_and_keep_the_reader_readable(window, qtbot, size):
    from PySide6.QtTest import QTest

    window.resize(*size)
    expected = {1: "articles", 2: "entities", 3: "members", 4: "comparison", 5: "claims", 6: "charts"}
    for n, dock in expected.items():
        QTest.keyClick(window, Qt.Key(Qt.Key_0 + n), Qt.ControlModifier)
        QApplication.processEvents()
        assert window.docks[dock].isVisible(), (n, dock)
        assert window.panes.reader_holder.width() >= 0.4 * window.width() - 2
        assert window.width() <= size[0]
    assert window.workspaces.current == "charts"
    assert not window.docks["members"].isVisible()  # another task's pane is out of the way


def test_a_workspace_remembers_its_arrangement(window, qtbot):
    window.workspaces.switch("entities")
    window.docks["search"].show()  # the analyst adds search to the entities workspace
    window.workspaces.switch("members")
    assert not window.docks["search"].isVisible()
    window.workspaces.switch("entities")
    assert window.docks["search"].isVisible()
    window.workspaces.switch("members")
    assert not window.docks["search"].isVisible()


def test_a_long_summary_wraps_instead_of_widening_its_pane(window):
    pane = window.search
    narrow = pane.minimumSizeHint().width()
    pane.info.setText("matched " + "a very long query summary " * 80)
    assert pane.minimumSizeHint().width() <= narrow + 1
    assert pane.info.wordWrap() and "very long" in pane.info.toolTip()


def test_settings_live_in_the_user_config_folder(monkeypatch, tmp_path):
    import platformdirs

    from workbench.ui.projects import default_settings

    monkeypatch.setattr(platformdirs, "user_config_path", lambda name: tmp_path / name)
    settings = default_settings()
    assert settings.fileName() == str(tmp_path / "workbench" / "workbench.ini")


# ---------------------------------------------------------------- stories
def test_stories_in_the_store(tmp_path):
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    for i, port in enumerate(["Rotterdam", "Antwerp", "Hamburg"]):
        (tmp_path / f"port{i}.txt").write_text(
            f"{port} Port Expands\n\nThe port of {port} opened a new container terminal.", encoding="utf-8"
        )
    with Store.memory() as store:
        ingest(store, [tmp_path])
        ids = store.articles.ids()
        sid = store.stories.create("North Sea ports", ids[:2])
        assert store.stories.all()[0].name == "North Sea ports" and store.stories.all()[0].articles == 2
        assert store.articles.ids(story=sid) == ids[:2]
        assert store.articles.ids(filter_text="Antwerp", story=sid) == [ids[1]]
        for bad in ("north sea PORTS", "   "):
            with pytest.raises(ValueError):
                store.stories.create(bad, ids)
        ops.delete_story(store, sid)
        assert store.stories.all() == [] and len(store.articles.ids()) == 3  # the articles stay
        ops.undo(store)
        assert store.articles.ids(story=sid) == ids[:2]
        store.articles.delete([ids[0]])
        assert store.stories.all()[0].articles == 1  # a deleted article leaves its stories


def test_story_from_the_filtered_list_drives_the_articles_list(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    pane = window.articles
    pane.filter.setText("Strikes Back")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Trillion-yen venture", True))
    story = window.stories.new_story_dialog()
    assert story is not None
    assert window.stories.picker.currentText() == "Trillion-yen venture (1)"
    assert pane.filter.text() == "" and pane.model.rowCount() == 1  # the story, not the filter, narrows it
    window.stories.picker.setCurrentIndex(window.stories.picker.findData(None))
    assert pane.model.rowCount() == 5
    window.stories.picker.setCurrentIndex(window.stories.picker.findData(story))
    assert pane.model.rowCount() == 1
    # a second story with the same name is refused with a message, and nothing changes
    seen = []
    _answer_next_dialog(qtbot, "OK", seen)
    assert window.stories.create_story("trillion-yen VENTURE", [pane.model.article_id(0)]) is None
    assert seen and "already a story" in seen[0]
    assert window.stories.picker.count() == 2
