"""The window's undo stack mirrors the project file's operation log: after a restart, after an import, after
an undo on the command line, and for stories made in the window."""

from __future__ import annotations

import pytest
from conftest import open_ready

from workbench.cli import main
from workbench.core import ops
from workbench.core.store import Store


def _labels(win) -> list[str]:
    stack = win.editor.stack
    return [stack.command(i).text() for i in range(stack.count())]


@pytest.fixture
def edited(seeded_copy):
    """A project with two operations made before the window opens (as in an earlier session)."""
    with Store(seeded_copy) as store:
        aid = store.articles.ids()[0]
        ops.add_claim(store, aid, 0, 20)
        ops.add_claim(store, aid, 30, 60)
    return seeded_copy


def test_ctrl_z_after_a_restart_undoes_what_the_last_session_did(qtbot, edited, qsettings):
    win, lock = open_ready(qtbot, edited, qsettings)
    try:
        assert _labels(win) == ["Mark claim", "Mark claim"] and win.editor.stack.index() == 2
        win.editor.stack.undo()
        assert [c.start for c in win.state.store.claims.matching()] == [0]
        win.editor.stack.redo()
        assert [c.start for c in win.state.store.claims.matching()] == [0, 30]
    finally:
        win.shutdown()
        lock.release()


def test_an_undo_on_the_command_line_shows_in_the_window(qtbot, edited, qsettings):
    win, lock = open_ready(qtbot, edited, qsettings)
    try:
        assert main(["undo", "--db", str(edited)]) == 0
        qtbot.waitUntil(lambda: win.editor.stack.index() == 1, timeout=10000)  # the change watcher saw it
        assert win.editor.stack.count() == 2 and win.editor.stack.canRedo()
        win.editor.stack.redo()  # redoes the operation undone on the command line
        assert len(win.state.store.claims.matching()) == 2
    finally:
        win.shutdown()
        lock.release()


def test_a_stack_behind_the_file_refuses_and_reads_the_file_again(qtbot, edited, qsettings, monkeypatch):
    import workbench.ui.main_window as mw

    monkeypatch.setattr(mw, "message", lambda *a, **k: None)  # the message box the user would see
    win, lock = open_ready(qtbot, edited, qsettings)
    failures: list[str] = []
    win.editor.sig_failed.connect(failures.append)
    try:
        win.live.stop()  # the window does not notice the other writer before the undo
        with Store(edited) as other:
            ops.add_claim(other, other.articles.ids()[1], 0, 10)
        win.editor.stack.undo()  # would undo the window's newest, but the file's newest is another
        assert failures and "changed elsewhere" in failures[0]
        assert len(win.state.store.claims.matching()) == 3  # nothing was undone
        qtbot.waitUntil(lambda: win.editor.stack.count() == 3, timeout=5000)  # read again from the file
    finally:
        win.shutdown()
        lock.release()


def test_a_story_made_in_the_window_is_undoable(qtbot, seeded_copy, qsettings, monkeypatch):
    import workbench.ui.stories as stories_module

    told: list[str] = []
    monkeypatch.setattr(stories_module, "message", lambda parent, title, text, **k: told.append(text))
    win, lock = open_ready(qtbot, seeded_copy, qsettings)
    try:
        ids = win.state.store.articles.ids()[:2]
        story = win.stories.create_story("Harbour cranes", ids)
        assert story is not None and [s.name for s in win.state.store.stories.all()] == ["Harbour cranes"]
        assert _labels(win)[-1] == "New story “Harbour cranes”"
        win.editor.stack.undo()
        assert win.state.store.stories.all() == []
        assert win.stories.create_story("  ", ids) is None  # refused before anything is written
        assert told == ["The story was not made: a story needs a name."]
        assert _labels(win) == ["New story “Harbour cranes”"]
    finally:
        win.shutdown()
        lock.release()
