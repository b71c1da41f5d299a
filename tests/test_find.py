"""Ctrl+F finds within the open article (next/previous, count, Esc); the project-wide search moved to Ctrl+Shift+F."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from workbench.core.ingest import ingest
from workbench.core.store import Store
from workbench.ui.app import open_window
from workbench.ui.panes.find_bar import find_all

TIDES = "Tide report 🌊\n\nThe spring tide rose early. Harbour staff watched the TIDE gauge.\n\nNo tide tables today."


@pytest.fixture
def window(qtbot, seeded_copy, qsettings, tmp_path):
    (tmp_path / "tides.txt").write_text(TIDES, encoding="utf-8")
    with Store(seeded_copy) as s:
        article_id = ingest(s, [tmp_path / "tides.txt"]).added[0].article_id
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    win.reader.show_article(article_id)
    yield win
    win.close()


def action(win, text):
    return next(a for a in win.edit_menu.actions() if a.text() == text)


def test_find_all_is_literal_and_case_insensitive():
    assert find_all("Tide, tide; TIDE", "tide") == [(0, 4), (6, 10), (12, 16)]
    assert find_all("a.b axb", "a.b") == [(0, 3)]  # not a pattern
    assert find_all("harbour", "tide") == [] and find_all("tide", "") == []


def test_ctrl_f_finds_in_the_article(window, qtbot):
    reader = window.reader
    assert action(window, "&Find in this article…").shortcut() == QKeySequence(QKeySequence.Find)
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key_F, Qt.ControlModifier)
    bar = reader.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "tide")
    assert bar.count.text() == "1 of 4"
    assert reader.selected_range() == (0, 4)
    qtbot.keyClick(bar.field, Qt.Key_Return)
    assert bar.count.text() == "2 of 4"
    start, end = reader.selected_range()
    assert reader.article.text[start:end] == "tide" and start == TIDES.index("spring tide") + 7
    bar.next()
    start, end = reader.selected_range()
    assert reader.article.text[start:end] == "TIDE"  # after an emoji: Python offsets, converted for Qt
    bar.previous()
    bar.previous()
    bar.previous()
    assert bar.count.text() == "4 of 4"  # wraps round
    assert len(reader.text.extraSelections()) == 4
    qtbot.keyClick(bar.field, Qt.Key_Escape)
    assert not bar.isVisible() and reader.text.extraSelections() == []


def test_no_match_says_so_and_keeps_claim_underlines(window, qtbot):
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QTextEdit

    reader = window.reader
    claim = QTextEdit.ExtraSelection()  # stands for a claim's underline: finding must not erase it
    claim.cursor = QTextCursor(reader.text.document())
    claim.cursor.setPosition(20)
    claim.cursor.setPosition(30, QTextCursor.KeepAnchor)
    reader._claim_selections = [claim]
    reader.open_find()
    qtbot.keyClicks(reader.find_bar.field, "lighthouse")
    assert reader.find_bar.count.text() == "No matches"
    assert not reader.find_bar.next_button.isEnabled()
    assert len(reader.text.extraSelections()) == 1
    reader.find_bar.field.setText("tide")
    assert len(reader.text.extraSelections()) == 1 + 4
    reader.find_bar.close_bar()
    assert [s.cursor.selectionStart() for s in reader.text.extraSelections()] == [20]


def test_project_search_has_its_own_shortcut(window):
    search = action(window, "&Search all articles…")
    assert search.shortcut() == QKeySequence("Ctrl+Shift+F")
    search.trigger()
    assert window.docks["search"].isVisible()


def test_count_names_the_page_in_a_paged_article(qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    from workbench.ui.offsets import QtOffsets
    from workbench.ui.panes.find_bar import FindBar

    text = "Quay works began.\n\nThe quay reopened."
    editor = QPlainTextEdit()
    editor.setPlainText(text)
    qtbot.addWidget(editor)
    bar = FindBar(editor, lambda: QtOffsets(text), editor.setExtraSelections)
    bar.set_text(text, [0, 19])  # page 2 starts at "The quay"
    bar.open_bar()
    bar.field.setText("quay")
    assert bar.count.text() == "1 of 2  ·  p. 1"
    bar.next()
    assert bar.count.text() == "2 of 2  ·  p. 2"
    bar.set_text(text, [])  # not paged: no page; the search starts again from the cursor
    assert bar.count.text() == "2 of 2"


def test_reader_and_list_show_folder_path_and_pages(qtbot, seeded_copy, qsettings, tmp_path, qapp):
    from test_formats import write_pdf

    (tmp_path / "ports" / "north").mkdir(parents=True)
    (tmp_path / "ports" / "north" / "001.txt").write_text(
        "North quay\n\nThe north quay reopened.", encoding="utf-8"
    )
    write_pdf(tmp_path / "ports" / "dredging.pdf", ["Dredging began at the quay.", "Silt was removed."], qapp)
    with Store(seeded_copy) as s:
        added = {r.path.rsplit("/", 1)[-1]: r.article_id for r in ingest(s, [tmp_path / "ports"]).added}
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    model = win.articles.model
    file_col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal) == "File")
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=5000)
    shown = {model.index(r, file_col).data() for r in range(model.rowCount())}
    assert {"north/001.txt", "dredging.pdf"} <= shown
    win.reader.show_article(added["dredging.pdf"])
    assert "2 pages" in win.reader.meta.text()
    win.reader.show_article(added["001.txt"])
    assert "pages" not in win.reader.meta.text() and "north/001.txt" in win.reader.meta.text()
    win.close()


def test_evidence_from_a_pdf_cites_its_page(qtbot, seeded_copy, qsettings, tmp_path, qapp):
    from test_formats import write_pdf

    write_pdf(
        tmp_path / "survey.pdf", ["Survey of the quay wall.", "Cracks were found near the crane."], qapp
    )
    with Store(seeded_copy) as s:
        pdf = ingest(s, [tmp_path / "survey.pdf"]).added[0].article_id
        text = s.articles.text(pdf)
        other = next(a for a in s.articles.ids() if a != pdf)
        claim = s.claims.add(other, 0, 10, author="R. Analyst")
        cracks = text.index("Cracks")
        s.claims.add_evidence(
            claim, "supporting", article_id=pdf, start=cracks, end=cracks + 6, quote="Cracks"
        )
        s.claims.add_evidence(
            claim, "contradicting", article_id=other, start=0, end=5, quote=s.articles.text(other)[:5]
        )
    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=10000):
        win.start()
    win.show_claim(claim)
    model = win.claims.evidence_model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
    sources = sorted(model.index(r, 2).data() for r in range(2))
    assert sum(src.endswith(", p. 2") for src in sources) == 1
    assert sum(", p. " in src for src in sources) == 1  # the text article cites no page
    win.close()
