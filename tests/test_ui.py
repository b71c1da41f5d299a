from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QSizePolicy

from workbench.core.store import Store
from workbench.ui.app import open_window
from workbench.ui.models.articles import ArticleListModel
from workbench.ui.models.search import SearchResultsModel
from workbench.ui.offsets import QtOffsets


def test_article_model_passes_modeltester(qtmodeltester, seeded_db):
    with Store(seeded_db, readonly=True) as s:
        model = ArticleListModel(s)
        qtmodeltester.check(model)
        model.sort(0)
        model.set_filter("strikes back")
        qtmodeltester.check(model)
        assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
            "Japan Strikes Back: SoftBank, Sony, and Honda Form 1 Trillion Yen Consortium to Build 'Sovereign AI'"
        ]
        model.set_filter("no such words")
        qtmodeltester.check(model)
        assert model.rowCount() == 0


def test_search_model_passes_modeltester(qtmodeltester, seeded_db):
    with Store(seeded_db, readonly=True) as s:
        model = SearchResultsModel()
        model.set_hits(s.articles.search("SoftBank")[0])
        qtmodeltester.check(model)
        assert model.rowCount() == 5
        # hits beyond the first come without snippets; the model makes them when they are shown
        asked = []

        def fetch(ids):
            asked.append(ids)
            return s.articles.snippets("SoftBank", ids)

        model.set_hits(s.articles.search("SoftBank", snippets=1)[0], fetch_snippets=fetch)
        qtmodeltester.check(model)
        assert all("SoftBank" in model.index(r, 1).data() for r in range(5))
        assert len(asked) == 1 and len(asked[0]) == 4  # one query for the page, not one per row


def test_window_opens_first_article_and_search_opens_hit(window, qtbot):
    assert window.articles.model.row_of(window.reader.article.id) == 0  # the first row of the list
    window.search.box.setText("Takaichi")
    with qtbot.waitSignal(window.search.sig_results, timeout=10000):
        window.search.run()
    assert window.search.model.rowCount() == 1
    window.search._open(window.search.model.index(0, 0))
    art = window.reader.article
    assert art.title.startswith("Leading Japan")
    rng = window.reader.selected_range()
    assert art.text[rng[0] : rng[1]] == "Takaichi"


def test_filter_and_sort_article_list(window, qtbot):
    pane = window.articles
    pane.filter.setText("Strikes Back")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    pane.filter.setText("")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5, timeout=3000)
    pane.view.sortByColumn(3, pane.view.horizontalHeader().sortIndicatorOrder())
    assert pane.model.rowCount() == 5


def test_import_runs_on_worker_and_refreshes(window, qtbot, tmp_path, monkeypatch):
    (tmp_path / "new.txt").write_text(
        "A New Headline\n\nSomething new happened today. It matters.", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    import workbench.ui.imports as imports_module

    shown = []
    monkeypatch.setattr(imports_module, "message", lambda *a, **k: shown.append(a))
    window.imports.import_paths([str(tmp_path)])  # awaited by its result: the worker may finish first
    qtbot.waitUntil(lambda: window.imports.last_import is not None, timeout=20000)
    qtbot.waitUntil(lambda: window.articles.model.rowCount() == 6, timeout=5000)
    summary = window.imports.last_import.summary()
    assert "1 added" in summary and "1 refused" in summary
    # the refusal was reported once, naming the file
    assert len(shown) == 1 and "empty.txt" in shown[0][3] and "new.txt" not in shown[0][3]


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
    win, _lock = open_window(path, settings=qsettings)
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
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    win.docks["search"].hide()
    win.addDockWidget(Qt.LeftDockWidgetArea, win.docks["entities"])
    win.close()
    win2, _lock2 = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win2)
    win2.show()
    assert not win2.docks["search"].isVisible()
    assert win2.dockWidgetArea(win2.docks["entities"]) == Qt.LeftDockWidgetArea
    win2.close()


def test_panes_behind_tabs_are_made_when_first_needed(qtbot, seeded_copy, qsettings):
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    assert all(
        win.panes.made(key) is None for key in win.docks
    )  # nothing but the frame before the first paint
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start_after_first_paint()
    assert win.panes.made("reader") and win.panes.made("articles") and win.panes.made("entities")
    assert (
        win.panes.made("claims") is None
        and win.panes.made("members") is None
        and win.panes.made("charts") is None
    )
    qtbot.waitUntil(lambda: win.reader.article is not None)
    # the reader keeps the middle of the window once the panes are in (it was squeezed to its minimum
    # when the central widget was replaced after the docks had been laid out)
    qtbot.waitUntil(lambda: win.reader.width() > 0.3 * win.width())
    win.docks["claims"].raise_()  # showing a dock makes its pane
    qtbot.waitUntil(lambda: win.panes.made("claims") is not None)
    assert win.docks["claims"].widget() is win.claims
    # a pane that has never been shown is made when something needs it: Compare sources shows its pane
    win.compare_sources()
    assert win.panes.made("comparison") is win.docks["comparison"].widget()
    win.close()
    assert win.panes.made("members") is None  # closing does not make panes to tell them to stop


def test_project_that_cannot_be_opened_is_reported(qtbot, seeded_copy, qsettings, tmp_path, monkeypatch):
    import sqlite3

    import workbench.ui.app as app_module
    import workbench.ui.main_window as mw

    shown = []
    monkeypatch.setattr(mw, "message", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(app_module, "message", lambda parent, title, text, *a, **k: shown.append(text))
    # plainly not a project: refused before any window is made
    junk = tmp_path / "junk.workbench.db"
    junk.write_bytes(b"PK\x03\x04 this is a zip file, not a project" * 10)
    assert open_window(junk, settings=qsettings) == (None, None)
    assert "not a workbench project" in shown[-1]
    # a project from a newer workbench: the window opens, then says so and closes
    conn = sqlite3.connect(seeded_copy)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert win.open_failed and "newer workbench" in shown[-1]
    assert not win.isVisible() and not win.state.is_open


def test_qt_offsets_with_emoji():
    text = "😀 SoftBank and 👍 Sony"
    o = QtOffsets(text)
    start = text.index("Sony")
    assert o.to_qt(start) == start + 2
    assert o.from_qt(o.to_qt(start)) == start


def test_entity_models_pass_modeltester(qtmodeltester, seeded_db):
    from workbench.ui.models.entities import EntityTableModel, MentionTableModel

    with Store(seeded_db, readonly=True) as s:
        model = EntityTableModel()
        model.set_rows(s.entities.rows())
        qtmodeltester.check(model)
        model.sort(2)
        mentions = MentionTableModel()
        mentions.set_rows(s.entities.mentions_of(model.row(0).id))
        qtmodeltester.check(mentions)


def test_highlights_and_tooltip_values(window):
    reader = window.reader
    assert reader.mentions, "the reader shows the article's mentions"
    text = reader.article.text
    i = text.index("1 trillion yen")
    m = reader.mention_at(i + 2)
    assert m is not None and m.entity == "1 trillion JPY"
    from workbench.ui.panes.reader import describe_value

    assert "upper bound" in describe_value(m.value)
    # per-type toggle removes money highlights
    spans_before = len(reader._spans())
    reader.type_buttons["MONEY"].setChecked(False)
    assert len(reader._spans()) < spans_before
    reader.type_buttons["MONEY"].setChecked(True)


def test_describe_value_reads_each_kind():
    from workbench.core.models import Amount, DateValue, Money
    from workbench.ui.panes.reader import describe_value

    conv = Money(amount=6.3e9, currency="USD", display="6.3 billion USD", converted_from=Amount(1e12, "JPY"))
    assert describe_value(conv) == "6.3 billion USD · conversion of 1,000,000,000,000 JPY"
    date = DateValue(iso="2026", display="FY2026", fiscal=True, inferred=True)
    assert describe_value(date) == "FY2026 · year inferred · fiscal year"
    assert describe_value(DateValue(iso="2026", display="2026")) == "2026"
    assert describe_value(None) == ""


def test_entities_pane_lists_filters_and_opens_mentions(window, qtbot, monkeypatch):
    pane = window.entities
    assert pane.model.rowCount() > 20
    pane.filter.setText("NEDO")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    assert pane.model.row(0).name.startswith("New Energy")
    pane.view.selectRow(0)
    assert pane.mention_model.rowCount() >= 10
    index = pane.mention_model.index(3, 0)
    pane._open_mention(index)
    m = pane.mention_model.row(3)[0]
    rng = window.reader.selected_range()
    assert window.reader.article.text[rng[0] : rng[1]] == m.text
    # in a large project a search of the mentions runs on a worker thread; only the latest is shown
    from workbench.ui import tasks

    pane.BACKGROUND_ABOVE = 0
    shown = []
    rows_ready = pane._rows_ready
    monkeypatch.setattr(pane, "_rows_ready", lambda rows: shown.append(rows) or rows_ready(rows))
    searches = []
    for text in ("Sony", "Honda"):  # typed, and searched at once (not 200 ms later as typing does)
        with QSignalBlocker(pane.filter):
            pane.filter.setText(text)
        pane.reload()
        searches.append(pane._pending)
    assert None not in searches and searches[0] is not searches[1]
    qtbot.waitUntil(lambda: not tasks._running & set(searches), timeout=10000)  # both have answered
    assert len(shown) == 1 and shown[0] and all("Honda" in r.name for r in shown[0])  # the latest only
    assert {r.id for r in pane.model.rows} == {r.id for r in shown[0]}
    assert pane.filter.text() == "Honda"  # the entity selected before (NEDO) did not clear the filter


def test_entity_fixes_are_undoable(window, qtbot):
    store = window.state.store
    ed = window.editor
    rows = {r.name: r for r in store.entities.rows()}
    kyodo = rows["Kyodo News"].id
    ed.rename_entity(kyodo, "Kyodo")
    assert store.entities.get(kyodo).name == "Kyodo"
    ed.stack.undo()
    assert store.entities.get(kyodo).name == "Kyodo News"
    ed.stack.redo()
    assert store.entities.get(kyodo).name == "Kyodo"

    mitsubishi, mufg = rows["Mitsubishi"].id, rows["Mitsubishi UFJ Financial Group"].id
    before = store.entities.get(mufg).mentions
    ed.merge_entities(mufg, mitsubishi)
    assert store.entities.get(mitsubishi) is None and store.entities.get(mufg).mentions == before + 1
    ed.stack.undo()
    assert store.entities.get(mitsubishi).mentions == 1 and store.entities.get(mufg).mentions == before

    article = window.reader.article
    n = len(window.reader.mentions)
    start = article.text.index("industrial titans")
    mid = ed.add_mention(
        article.id, start, start + len("industrial titans"), name="Industrial titans", type_="NORP"
    )
    assert len(window.reader.mentions) == n + 1
    ed.stack.undo()
    assert len(window.reader.mentions) == n
    ed.stack.redo()
    assert len(window.reader.mentions) == n + 1
    assert mid

    m = window.reader.mentions[0]
    ed.reject_mention(m.id)
    assert all(x.id != m.id for x in window.reader.mentions)
    ed.stack.undo()
    assert any(x.id == m.id for x in window.reader.mentions)


def test_failed_save_keeps_project_and_reports(window, monkeypatch):
    import sqlite3

    import workbench.ui.main_window as mw

    boxes = []
    monkeypatch.setattr(mw, "message", lambda *a, **k: boxes.append(a))
    shown = []
    window.editor.sig_failed.connect(shown.append)
    store = window.state.store
    kyodo = next(r for r in store.entities.rows() if r.name == "Kyodo News").id

    def full(*a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store.entities, "rename", full)
    assert window.editor.rename_entity(kyodo, "X") is None
    assert shown and "disk is full" in shown[0]
    assert boxes and "disk is full" in boxes[0][2]  # the user is told
    assert window.editor.stack.count() == 0
    monkeypatch.undo()
    assert store.entities.get(kyodo).name == "Kyodo News"


def test_claim_models_pass_modeltester(qtmodeltester, seeded_copy):
    from workbench.ui.models.claims import ClaimTableModel, EvidenceTableModel

    with Store(seeded_copy) as s:
        aid = s.articles.ids()[0]
        cid = s.claims.add(aid, 0, 20, note="<b>not bold</b>")
        s.claims.add_evidence(cid, "supporting", article_id=aid, start=30, end=60)
        model = ClaimTableModel()
        model.set_rows([(c, "t") for c in s.claims.matching()])
        qtmodeltester.check(model)
        ev = EvidenceTableModel()
        ev.set_rows([(e, "t") for e in s.claims.evidence(cid)])
        qtmodeltester.check(ev)


def test_mark_claim_edit_verdict_evidence_and_undo(window, qtbot):
    reader, pane, ed = window.reader, window.claims, window.editor
    text = reader.article.text
    start = text.index("approximately 100 AI engineers")
    reader.select_range(start, start + len("approximately 100 AI engineers"))
    window.act_mark_claim.trigger()
    store = window.state.store
    claims = store.claims.matching()
    assert len(claims) == 1 and claims[0].quote == "approximately 100 AI engineers"
    assert len(reader.claims) == 1 and reader.text.extraSelections()
    assert pane.current_claim().id == claims[0].id
    # edit in place: saved at once, undoable
    pane.verdict.setCurrentIndex(pane.verdict.findData("supported"))
    assert store.claims.get(claims[0].id).verdict == "supported"
    pane.note.setPlainText("Three sources say about 100 engineers")
    pane.flush()
    assert store.claims.get(claims[0].id).note == "Three sources say about 100 engineers"
    pane.tags.setText("staff, hiring")
    pane.tags.editingFinished.emit()
    assert store.claims.get(claims[0].id).tags == "staff|hiring"
    ed.stack.undo()  # tags
    assert store.claims.get(claims[0].id).tags == ""
    ed.stack.undo()  # note
    ed.stack.undo()  # verdict
    assert store.claims.get(claims[0].id).verdict == "unverified"
    # evidence from a selection in another article
    other = window.state.store.articles.ids()[2]
    window.state.open_article(other)
    t2 = reader.article.text
    s2 = t2.index("Approximately 100 top-tier AI engineers")
    reader.select_range(s2, s2 + 39)
    window.add_evidence_from_selection(claims[0].id, "supporting")
    assert store.claims.evidence(claims[0].id)[0].quote == "Approximately 100 top-tier AI engineers"
    # delete the claim and bring it back with its evidence
    ed.delete_claim(claims[0].id)
    assert store.claims.matching() == []
    ed.stack.undo()
    assert [e.quote for e in store.claims.evidence(claims[0].id)] == [
        "Approximately 100 top-tier AI engineers"
    ]
    # undo the marking itself, then redo: the same claim returns
    while ed.stack.canUndo():
        ed.stack.undo()
    assert store.claims.matching() == []
    ed.stack.redo()
    assert store.claims.get(claims[0].id).quote == "approximately 100 AI engineers"


def test_members_pane(window, qtbot, qtmodeltester):
    from workbench.ui.models.members import EvidenceSentenceModel, MemberTableModel

    window.docks["members"].show()
    window.docks["members"].raise_()
    pane = window.members
    qtbot.waitUntil(lambda: pane.model.rowCount() > 10, timeout=5000)
    assert isinstance(pane.model, MemberTableModel)
    qtmodeltester.check(pane.model)
    pane.view.selectRow(0)
    assert pane.current().evidence  # every derived row rests on sentences, and the pane lists them all
    assert [ev for ev, _title in pane.evidence_model.rows] == list(pane.current().evidence)
    assert isinstance(pane.evidence_model, EvidenceSentenceModel)
    qtmodeltester.check(pane.evidence_model)
    pane._open_evidence(pane.evidence_model.index(0, 0))
    ev = pane.evidence_model.row(0)[0]
    assert window.reader.article.id == ev.article_id
    row = pane.current()
    pane._edit("reject")
    assert (
        next(r for r in pane.model.rows if (r.entity_id, r.role) == (row.entity_id, row.role)).status
        == "rejected"
    )
    window.editor.stack.undo()
    assert (
        next(r for r in pane.model.rows if (r.entity_id, r.role) == (row.entity_id, row.role)).status
        == "extracted"
    )
    qtbot.waitUntil(lambda: pane.chart is not None, timeout=10000)  # the chart follows the table
    # a large story is derived on a worker thread; only the latest derivation is shown
    before = [(r.entity_id, r.role, r.status) for r in pane.model.rows]
    pane.BACKGROUND_ABOVE = 0
    pane.reload()
    first = pane._pending
    pane.reload()
    assert first is not None and pane._pending is not first and "Finding the members" in pane.title.text()
    qtbot.waitUntil(lambda: pane._pending is None, timeout=10000)
    assert [(r.entity_id, r.role, r.status) for r in pane.model.rows] == before
    assert "members in" in pane.title.text()


def test_member_dialogs_prefill_and_require_a_role(window, qtbot, monkeypatch):
    """Correct… shows the stake as stated (no source counts that saving would append again); Add member has no
    default role, and OK waits until one is chosen."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from workbench.ui.panes import members as M

    window.docks["members"].show()
    window.docks["members"].raise_()
    pane = window.members
    qtbot.waitUntil(lambda: pane.model.rowCount() > 10, timeout=5000)
    row = next(i for i, r in enumerate(pane.model.rows) if r.stakes)
    pane.view.selectRow(row)
    seen = {}

    def fake_exec(dialog):
        seen["stake"] = dialog.stake.text()
        seen["role"] = dialog.role.currentText()
        return QDialog.Rejected

    monkeypatch.setattr(M.MemberDialog, "exec", fake_exec)
    pane._correct()
    assert seen["stake"] and "source" not in seen["stake"]
    assert seen["role"] == pane.model.rows[row].role
    add = M.MemberDialog("Add X")
    ok = add.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    assert add.role.currentText() == "" and not ok.isEnabled()
    add.role.setCurrentIndex(1)
    assert ok.isEnabled()


def test_comparison_pane(window, qtbot, qtmodeltester):
    window.compare_sources()
    pane = window.comparison
    qtbot.waitUntil(lambda: pane.comparison is not None, timeout=15000)
    qtmodeltester.check(pane.model)
    # the pane opens on the findings, disagreements first; the statements of one are listed with values marked
    assert pane.tabs.currentWidget() is pane.findings
    # the Articles list shows the origin the comparison cached, and who repeats whom in its tooltip
    amodel = window.articles.model
    col = amodel.columnCount() - 1
    cells = [amodel.data(amodel.index(r, col)) for r in range(amodel.rowCount())]
    assert amodel.headerData(col, Qt.Horizontal) == "Origin" and "Kyodo News" in cells
    qtmodeltester.check(pane.findings.model)
    first = pane.findings.model.finding(0)
    assert first.kind == "disagreement" and " vs " in pane.findings.model.data(
        pane.findings.model.index(0, 0)
    )
    assert pane.findings.text.extraSelections()
    # a long line never widens the dock
    assert pane.findings.view.sizePolicy().horizontalPolicy() == QSizePolicy.Ignored
    assert pane.summary.sizePolicy().horizontalPolicy() == QSizePolicy.Ignored
    # clicking a statement opens it in the reader
    _a, b, ref = pane.findings._spans[-1]
    cursor = pane.findings.text.textCursor()
    cursor.setPosition(b - 1)
    pane.findings.text.setTextCursor(cursor)
    assert window.reader.article.id == ref.article_id and window.reader.selected_range() == (
        ref.start,
        ref.end,
    )
    assert pane.model.group(0).status == "differ"  # differences first
    pane.view.selectRow(0)
    lines = pane.model.difference_lines(pane.model.group(0))
    assert lines  # a group that differs is selected: its differences are shown
    assert pane.differences.text() == "\n".join(lines) and " vs " in lines[0]
    assert pane.side.group is pane.model.group(0)
    pane.only_diff.setChecked(True)
    assert all(pane.model.group(r).status == "differ" for r in range(pane.model.rowCount()))
    pane.only_diff.setChecked(False)
    pane.only_single.setChecked(True)
    assert all(pane.model.group(r).status == "single-source" for r in range(pane.model.rowCount()))
    pane.view.selectRow(0)
    assert pane.differences.text() == "No differences between the sources."
    # clicking a cell opens that statement in the reader
    pane.only_single.setChecked(False)
    g = pane.model.group(0)
    col = next(c for c in range(1, pane.model.columnCount()) if pane.model.article(c) in g.statements)
    pane._clicked(pane.model.index(0, col))
    st = g.statements[pane.model.article(col)]
    rng = window.reader.selected_range()
    assert window.reader.article.id == st.article_id and rng == (st.start, st.end)


def test_charts_pane(window, qtbot, tmp_path):
    window.docks["charts"].show()
    window.docks["charts"].raise_()
    charts = window.charts
    qtbot.waitUntil(lambda: charts.tabs.count() == 5, timeout=10000)
    for i in range(charts.tabs.count()):
        charts.tabs.setCurrentIndex(i)
        path = tmp_path / f"chart{i}.png"
        assert charts.save_to(str(path))
        assert path.read_bytes().startswith(b"\x89PNG")
    # the timeline places the dates the articles state; the money tab a figure two sources state, and its
    # conversions apart from it
    names = [charts.tabs.tabText(i) for i in range(charts.tabs.count())]
    timeline = charts.chart_view(names.index("Timeline"))
    (plot,) = [item for item in timeline.ci.items if hasattr(item, "listDataItems")]
    assert sum(len(d.data) for d in plot.listDataItems()) > 0
    money = charts.chart_view(names.index("Money by source"))
    titles = [item.titleLabel.text for item in money.ci.items if hasattr(item, "titleLabel")]
    assert any("the figure each source states" in t for t in titles)
    assert any("converted to" in t for t in titles)


def test_link_aligned_group_as_evidence(window, qtbot):
    store = window.state.store
    aid = store.articles.ids()[0]
    text = store.articles.text(aid)
    start = text.index("up to 1 trillion yen")
    window.reader.select_range(start, start + 20)
    window.act_mark_claim.trigger()
    claim = store.claims.matching()[0]
    window.compare_sources()
    pane = window.comparison
    qtbot.waitUntil(lambda: pane.comparison is not None, timeout=15000)
    pane.view.selectRow(0)
    window.show_claim(claim.id)
    pane.link_contra.click()
    ev = store.claims.evidence(claim.id)
    assert len(ev) == 1 and ev[0].stance == "contradicting" and ev[0].group_key.startswith("group ")
    g = pane.model.group(0)
    assert ev[0].article_id in g.statements and ev[0].quote
    window.editor.stack.undo()
    assert store.claims.evidence(claim.id) == []


def test_article_details_edit_is_undoable(window):
    store = window.state.store
    aid = window.reader.article.id
    before = store.articles.get(aid)
    assert before.title_derived
    window.editor.update_article_meta(aid, {"outlet": "Kyodo News", "title": "SoftBank-led venture formed"})
    after = store.articles.get(aid)
    assert (after.outlet, after.title, after.title_derived) == (
        "Kyodo News",
        "SoftBank-led venture formed",
        False,
    )
    assert window.reader.title.text().startswith("SoftBank-led venture formed")
    window.editor.stack.undo()
    back = store.articles.get(aid)
    assert (back.outlet, back.title, back.title_derived) == (None, before.title, True)


def test_a_click_on_a_highlighted_name_opens_its_entity(window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    reader = window.reader
    store = window.state.store
    m = next(m for m in store.entities.article_mentions(reader.article.id) if m.type == "ORG")
    cursor = reader.text.textCursor()
    cursor.setPosition(reader.offsets.to_qt(m.start) + 1)
    rect = reader.text.cursorRect(cursor)
    shown: list[int] = []
    reader.sig_show_entity.connect(shown.append)
    QTest.mouseClick(reader.text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    assert shown == [m.entity_id]
    qtbot.waitUntil(
        lambda: getattr(window.entities.current_entity(), "id", None) == m.entity_id, timeout=3000
    )
    # a click on plain text opens nothing
    plain = next(
        i
        for i in range(len(reader.article.text))
        if reader.mention_at(i) is None and reader.article.text[i].isalpha()
    )
    cursor.setPosition(reader.offsets.to_qt(plain))
    QTest.mouseClick(
        reader.text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(reader.text.cursorRect(cursor).center())
    )
    assert shown == [m.entity_id]
