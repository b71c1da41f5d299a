"""One path for every change: each pane refreshes once per change, and only for its own flags.

The counts are of the panes' own refreshes (a reload of a list, a derivation of the members, the reader
reading an article's highlights or claims again), wrapped where the pane calls them.
"""

import pytest
from conftest import open_ready
from PySide6.QtCore import QTimer

from workbench.core.changes import ChangeEvent, Changes
from workbench.core.store import Store

#: what is counted: (pane, method)
COUNTED = [
    ("articles", "reload"),
    ("entities", "reload"),
    ("claims", "reload"),
    ("members", "reload"),
    ("reader", "_display"),
    ("reader", "refresh_highlights"),
    ("reader", "refresh_claims"),
]


@pytest.fixture
def window(qtbot, seeded_copy, qsettings):
    win, _lock = open_ready(qtbot, seeded_copy, qsettings)
    settle(qtbot)  # the window has laid its docks out (a first start puts the Entities tab in front)
    # every pane that shows data is made, and the members table is in view (it derives only then)
    win.docks["members"].show()
    win.docks["members"].raise_()
    qtbot.waitUntil(lambda: win.members.model.rowCount() > 0, timeout=10000)
    win.claims  # noqa: B018  (made, behind its tab)
    settle(qtbot)
    yield win
    win.close()


def settle(qtbot) -> None:
    """Let the zero-delay timers started so far run (they fire in the order they were started)."""
    done = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)


def count(monkeypatch, window) -> dict[str, list]:
    """Wrap each counted refresh; the returned lists grow by one per call."""
    calls: dict[str, list] = {}
    for pane_key, method in COUNTED:
        pane = getattr(window, pane_key)
        original = getattr(pane, method)
        seen = calls[f"{pane_key}.{method}"] = []

        def counted(*args, _original=original, _seen=seen, **kwargs):
            _seen.append(args)
            return _original(*args, **kwargs)

        monkeypatch.setattr(pane, method, counted)
    return calls


def totals(calls: dict[str, list]) -> dict[str, int]:
    return {name: len(seen) for name, seen in calls.items()}


def expect(**nonzero: int) -> dict[str, int]:
    """Every counted refresh at 0 but those named (reader__display means reader._display)."""
    want = {f"{p}.{m}": 0 for p, m in COUNTED}
    for name, n in nonzero.items():
        pane, method = name.split("__", 1)
        want[f"{pane}.{method if method != 'display' else '_display'}"] = n
    return want


def _other_article(window) -> int:
    return next(a for a in window.state.store.articles.ids() if a != window.reader.article.id)


# each analyst edit, what it changes, and which panes must refresh (once) for it
EDITS = {
    "rename an entity": (
        lambda w: w.editor.rename_entity(w.state.store.entities.rows(["ORG"])[0].id, "Renamed Holdings"),
        expect(entities__reload=1, members__reload=1, reader__refresh_highlights=1),
    ),
    "change a claim's verdict": (
        lambda w: w.editor.update_claim(w.state.store.claims.matching()[0].id, verdict="supported"),
        expect(claims__reload=1, reader__refresh_claims=1),
    ),
    "reject a member": (
        lambda w: w.editor.member_edit(
            w.members.model.rows[0].entity_id,
            w.members.model.rows[0].organisation,
            w.members.model.rows[0].role,
            "reject",
        ),
        expect(members__reload=1),
    ),
    "edit the details of the article in the reader": (
        lambda w: w.editor.update_article_meta(w.reader.article.id, {"outlet": "Harbour Gazette"}),
        # the reader shows the article afresh (its highlights and claims with it); the claims list names
        # articles; the members follow the listed articles (the list is read again: one derivation, not two)
        expect(
            articles__reload=1,
            claims__reload=1,
            members__reload=1,
            reader__display=1,
            reader__refresh_highlights=1,
            reader__refresh_claims=1,
        ),
    ),
    "delete another article": (
        lambda w: w.editor.delete_articles([_other_article(w)]),
        expect(
            articles__reload=1,
            entities__reload=1,
            claims__reload=1,
            members__reload=1,
            reader__refresh_highlights=1,
            reader__refresh_claims=1,
        ),
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_refreshes_each_pane_once_and_only_for_its_flags(window, qtbot, monkeypatch, edit):
    do, expected = EDITS[edit]
    aid = window.reader.article.id
    window.editor.add_claim(aid, 0, 10)  # a claim to edit (and one the reader draws)
    settle(qtbot)
    calls = count(monkeypatch, window)
    events = []
    window.sig_changed.connect(events.append)
    assert do(window)
    settle(qtbot)
    assert len(events) == 1  # one event per edit
    assert totals(calls) == expected


def test_an_undo_refreshes_once_too(window, qtbot, monkeypatch):
    e = window.state.store.entities.rows(["ORG"])[0]
    window.editor.rename_entity(e.id, "Renamed Holdings")
    settle(qtbot)
    calls = count(monkeypatch, window)
    window.editor.stack.undo()
    settle(qtbot)
    assert totals(calls) == expect(entities__reload=1, members__reload=1, reader__refresh_highlights=1)
    assert window.entities.model.row(window.entities.model.row_of(e.id)).name == e.name


def test_an_import_refreshes_each_pane_once(window, qtbot, monkeypatch, tmp_path):
    src = tmp_path / "articles"  # (tmp_path holds the project itself)
    src.mkdir()
    (src / "harbour.txt").write_text(
        "Harbour Authority Opens a Deep-Water Berth\n\nThe Port of Rotterdam opened a berth for larger ships.",
        encoding="utf-8",
    )
    window.live.timer.setInterval(3_600_000)  # no look at the project while the import runs
    calls = count(monkeypatch, window)
    events = []
    window.sig_changed.connect(events.append)
    task = window.imports.import_paths([str(src)])
    with qtbot.waitSignal(task.signals.sig_done, timeout=30000):
        pass
    settle(qtbot)
    assert [e.changes for e in events] == [Changes(articles=True, entities=True, mentions=True)]
    # the claims list names articles; the article in the reader is the same and reads its highlights again
    assert totals(calls) == expect(
        articles__reload=1,
        entities__reload=1,
        claims__reload=1,
        members__reload=1,
        reader__refresh_highlights=1,
    )
    assert window.articles.model.rowCount() == 6
    assert window.status_label.text().startswith("6 articles")
    assert window.live.poll() is False  # the import's writes are the window's own: not read again as news


def test_a_change_by_another_process_refreshes_each_pane_once(window, qtbot, monkeypatch):
    calls = count(monkeypatch, window)
    e = window.state.store.entities.rows(["ORG"])[0]
    with Store(
        window.state.path
    ) as other_store:  # another connection, as `workbench` on the command line has
        other_store.entities.rename(e.id, "Renamed Elsewhere")
    qtbot.waitUntil(lambda: bool(calls["entities.reload"]), timeout=5000)
    with qtbot.waitSignal(window.live.timer.timeout, timeout=3000):
        pass  # one more look at the project: nothing new, nothing refreshed again
    settle(qtbot)
    assert totals(calls) == expect(
        articles__reload=1,
        entities__reload=1,
        claims__reload=1,
        members__reload=1,
        reader__refresh_highlights=1,
        reader__refresh_claims=1,
    )
    assert window.entities.model.row(window.entities.model.row_of(e.id)).name == "Renamed Elsewhere"


def test_a_comparison_is_not_read_again_as_another_process_s_change(window, qtbot, monkeypatch):
    window.live.timer.setInterval(3_600_000)  # no look at the project while the comparison runs
    window.live.poll()
    calls = count(monkeypatch, window)
    window.compare_sources()
    with qtbot.waitSignal(window.comparison.sig_compared, timeout=30000):
        pass
    assert window.state.store.copies.origin_labels(window.articles.model.listed_ids())  # it wrote its cache
    assert window.live.poll() is False  # and the window does not take that for someone else's write
    assert totals(calls) == expect()


def test_an_event_without_flags_refreshes_nothing(window, qtbot, monkeypatch):
    calls = count(monkeypatch, window)
    events = []
    window.sig_changed.connect(events.append)
    window.publish(Changes())
    window.publish(Changes(stories=True))  # no pane counted here shows stories
    settle(qtbot)
    assert len(events) == 1
    assert totals(calls) == expect()


def test_the_claims_pane_skips_reading_what_its_own_edit_shows(window, qtbot, monkeypatch):
    pane = window.claims
    cid = window.editor.add_claim(window.reader.article.id, 0, 10)
    settle(qtbot)
    pane.select_claim(cid)
    pane.note.setPlainText("typed, not yet saved")
    calls = count(monkeypatch, window)
    window.state.store.claims.update(cid, verdict="disputed", tags="port")
    window.publish(Changes(claims=True), initiator=pane)  # as the editor will say for the pane's own edit
    assert totals(calls) == expect(reader__refresh_claims=1)  # the others still refresh
    row = pane.model.row_of(cid)
    assert pane.model.index(row, 1).data() == "disputed" and pane.model.index(row, 3).data() == "port"
    assert pane.tag_filter.findData("port") >= 0  # the new tag can be filtered on
    assert pane.note.toPlainText() == "typed, not yet saved"  # the editor was not filled again
    pane._note_timer.stop()
    # the same change made by someone else: the pane reads its claims again
    window.publish(Changes(claims=True))
    assert totals(calls)["claims.reload"] == 1
    # its own edit that removed the claim: nothing to update in place, the list is read again
    window.state.store.claims.delete(cid)
    window.sig_changed.emit(ChangeEvent(Changes(claims=True), pane))
    assert totals(calls)["claims.reload"] == 2 and pane.model.row_of(cid) == -1


def test_a_story_made_here_is_not_read_into_the_picker_twice(window, qtbot, monkeypatch):
    stories = window.stories
    filled = []
    original = stories.fill_picker
    monkeypatch.setattr(stories, "fill_picker", lambda *a, **k: (filled.append(a or k), original(*a, **k)))
    ids = window.articles.model.listed_ids()[:2]
    story = stories.create_story("Port expansion", ids)
    assert filled == [{"select": story}]  # once, choosing the new story; its own event is not read again
    assert stories.picker.currentData() == story
    # a story made elsewhere (another process) is read in
    with Store(window.state.path) as other_store:
        other_store.stories.create("Shipping lanes", ids[:1])
    window.publish(Changes(stories=True))
    assert len(filled) == 2 and stories.picker.count() == 3


def test_the_members_follow_the_listed_articles_once_per_change_of_list(window, qtbot, monkeypatch):
    calls = count(monkeypatch, window)
    window.articles.model.set_filter("Japan")  # the story in view changes
    assert totals(calls)["members.reload"] == 0  # derived on the next turn, not in the middle of the change
    settle(qtbot)
    assert totals(calls) == expect(members__reload=1)
    window.members.set_in_view(False)  # behind another tab: nothing is derived until it shows again
    window.articles.model.set_filter("")
    settle(qtbot)
    assert totals(calls)["members.reload"] == 1
