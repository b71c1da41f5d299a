import pytest
from PySide6.QtCore import Qt

from workbench.core.store import Store
from workbench.ui.app import open_window
from workbench.ui.models.articles import ArticleListModel
from workbench.ui.models.search import SearchResultsModel
from workbench.ui.offsets import QtOffsets

from conftest import SEEDS


@pytest.fixture
def window(qtbot, seeded_copy, qsettings):
    win, lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    yield win
    win.close()


def test_article_model_passes_modeltester(qtmodeltester, seeded_db):
    with Store(seeded_db, readonly=True) as s:
        model = ArticleListModel(s)
        qtmodeltester.check(model)
        model.sort(0)
        model.set_filter("japan")
        qtmodeltester.check(model)
        assert model.rowCount() >= 2


def test_search_model_passes_modeltester(qtmodeltester, seeded_db):
    with Store(seeded_db, readonly=True) as s:
        model = SearchResultsModel()
        model.set_hits(s.search("SoftBank")[0])
        qtmodeltester.check(model)
        assert model.rowCount() == 5


def test_window_opens_first_article_and_search_opens_hit(window, qtbot):
    assert window.reader.article is not None
    window.search.box.setText("Takaichi")
    window.search.run()
    assert window.search.model.rowCount() == 1
    window.search._open(window.search.model.index(0, 0))
    art = window.reader.article
    assert art.title.startswith("Leading Japan")
    rng = window.reader.selected_range()
    assert art.text[rng[0]:rng[1]] == "Takaichi"


def test_filter_and_sort_article_list(window, qtbot):
    pane = window.articles
    pane.filter.setText("Strikes Back")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    pane.filter.setText("")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5, timeout=3000)
    pane.view.sortByColumn(3, pane.view.horizontalHeader().sortIndicatorOrder())
    assert pane.model.rowCount() == 5


def test_import_runs_on_worker_and_refreshes(window, qtbot, tmp_path):
    (tmp_path / "new.txt").write_text("A New Headline\n\nSomething new happened today. It matters.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    from workbench.ui import dialogs

    shown = []
    dialogs_message = dialogs.message
    import workbench.ui.main_window as mw

    mw.message = lambda *a, **k: shown.append(a)
    try:
        task = window.import_paths([str(tmp_path)])
        with qtbot.waitSignal(task.signals.sig_done, timeout=20000):
            pass
        qtbot.waitUntil(lambda: window.articles.model.rowCount() == 6, timeout=5000)
    finally:
        mw.message = dialogs_message
    assert "1 added" in window.last_import.summary() and "1 refused" in window.last_import.summary()
    assert shown  # the refusal was reported


def test_reader_shows_html_like_text_literally(qtbot, tmp_path, qsettings):
    path = tmp_path / "hostile.workbench.db"
    src = tmp_path / "src"
    src.mkdir()
    nasty = "AT&T <b>x</b> and <img src=file:///etc/hostname> and <a href=file:///etc/passwd>x</a>"
    (src / "h.txt").write_text(f"{nasty}\n\nBody with <i>tags</i> 😀 here.", encoding="utf-8")
    from workbench.core.ingest import ingest

    with Store(path) as s:
        ingest(s, [src])
        s.set_meta("seeded", "none")
    win, lock = open_window(path, settings=qsettings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_project_ready, timeout=5000):
        win.start()
    assert win.reader.title.text().startswith(nasty)
    assert win.reader.title.textFormat() == win.reader.title.textFormat().PlainText
    assert win.reader.text.toPlainText().startswith(nasty)
    model = win.articles.model
    assert model.data(model.index(0, 0)) == nasty
    win.close()


def test_second_instance_is_readonly(window, qtbot, qsettings):
    win2, lock2 = open_window(window.state.path, screenshot=True, settings=qsettings)
    qtbot.addWidget(win2)
    assert lock2 is None and win2.state.readonly
    assert not win2.act_import_files.isEnabled()
    win2.close()


def test_layout_is_restored(qtbot, seeded_copy, qsettings):
    win, lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    win.docks["search"].hide()
    win.addDockWidget(Qt.LeftDockWidgetArea, win.docks["entities"])
    win.close()
    win2, lock2 = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win2)
    win2.show()
    assert not win2.docks["search"].isVisible()
    assert win2.dockWidgetArea(win2.docks["entities"]) == Qt.LeftDockWidgetArea
    win2.close()


def test_qt_offsets_with_emoji():
    text = "😀 SoftBank and 👍 Sony"
    o = QtOffsets(text)
    start = text.index("Sony")
    assert o.to_qt(start) == start + 2
    assert o.from_qt(o.to_qt(start)) == start
