"""The window's side of the core operations (core/ops.py): run one, mirror it on the undo stack, say what changed.

Each edit is one core operation (one transaction, its undo recorded in the project file). Only an operation the
store accepted is pushed, so a failed save never leaves an undo entry for something that did not happen. Undo
and redo on the stack call the core's undo and redo of that very operation; if the project was changed
elsewhere in between (the command line), the core refuses and the panes re-read the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core import ops
from ..core.changes import ChangeEvent, Changes, OpResult
from ..core.errors import StoreError

if TYPE_CHECKING:
    from ..core.store import Store
    from .state import AppState

#: what the editor catches from an operation and turns into a message (anything else is a bug)
_SAVE_ERRORS = (sqlite3.Error, StoreError, OSError, ValueError, KeyError)


class _Command(QUndoCommand):
    """One core operation on the window's undo stack."""

    def __init__(self, editor: Editor, op_id: int | None, changes: Changes, text: str):
        super().__init__(text)
        self._editor = editor
        self.op_id = op_id
        self.changes = changes
        self._first = True

    def redo(self) -> None:
        if self._first:  # the operation already ran when it was made (or was read from the file)
            self._first = False
            return
        if self._editor._loading:
            return
        self._editor._flip(ops.redo, self.op_id, self.changes)

    def undo(self) -> None:
        if self._editor._loading:
            return
        self._editor._flip(ops.undo, self.op_id, self.changes)


class Editor(QObject):
    #: something the analyst changed: a ChangeEvent (typed Changes and the edit's initiator)
    sig_changed = Signal(object)
    #: an edit could not be saved: the message for the user
    sig_failed = Signal(str)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(ops.KEEP)  # as many as the project file keeps
        self._loading = False  # load_history is filling the stack

    @property
    def store(self) -> Store:
        return self.state.store

    def _failed(self, exc: Exception, changes: Changes, what: str) -> None:
        # the panes re-read what the file holds: the screen never shows a change that was not saved
        self.sig_changed.emit(ChangeEvent(changes))
        detail = str(exc).rstrip(".")
        self.sig_failed.emit(
            f"{what}: {detail}. The project file is unchanged, and the window now shows what it holds."
        )

    def _flip(self, flip: Callable[..., OpResult], op_id: int | None, changes: Changes) -> None:
        try:
            result = flip(self.store, op_id)
        except _SAVE_ERRORS as exc:
            # the file's history no longer matches this stack: it is read again once this undo has returned
            QTimer.singleShot(0, self, self.load_history)
            self._failed(exc, changes, "The change could not be undone or redone")
            return
        self.sig_changed.emit(ChangeEvent(result.changes))

    def load_history(self) -> None:
        """Mirror the project file's undo history on the stack (on opening a project, and when a task or
        another program changed it): Ctrl+Z undoes what was done before a restart, by an import, or on the
        command line, and Ctrl+Shift+Z redoes what was undone there."""
        try:
            history = list(reversed(ops.history(self.store, limit=ops.KEEP)))  # oldest first
        except (sqlite3.Error, StoreError):
            return  # a project that cannot be read yet shows its own message elsewhere
        commands = [self.stack.command(i) for i in range(self.stack.count())]
        shown = [(c.op_id if isinstance(c, _Command) else None, c.text()) for c in commands]
        if shown == [(op.id, op.label) for op in history] and self.stack.index() == sum(
            op.done for op in history
        ):
            return  # the stack already shows this history
        self._loading = True  # the commands are put on the stack as they are in the file, not run again
        try:
            self.stack.clear()
            for op in history:
                self.stack.push(_Command(self, op.id, op.changes, op.label))
            self.stack.setIndex(sum(op.done for op in history))  # the undone ones: above the index
        finally:
            self._loading = False

    def run(self, op: Callable[..., OpResult], *args: Any, initiator: Any = None, **kwargs: Any) -> Any:
        """Run a core operation now; if it was saved, make it undoable. Returns its value (True when it has
        none), or None when it could not be saved (the user was told why)."""
        if self.state.readonly:
            self.sig_failed.emit("This project is open read-only.")
            return None
        try:
            result = op(self.store, *args, **kwargs)
        except _SAVE_ERRORS as exc:
            self._failed(exc, Changes.everything(), "The change could not be saved")
            return None
        if result.op_id is not None:
            self.stack.push(_Command(self, result.op_id, result.changes, result.label))
        if result.changes:
            self.sig_changed.emit(ChangeEvent(result.changes, initiator))
        return result.value if result.value is not None else True

    # the edits the panes make, by name (each is one core operation)
    def update_article_meta(self, article_id: int, changes: dict[str, Any], initiator: Any = None) -> Any:
        return self.run(ops.update_article, article_id, **changes, initiator=initiator)

    def delete_articles(self, ids: list[int], initiator: Any = None) -> Any:
        return self.run(ops.delete_articles, ids, initiator=initiator)

    def add_claim(
        self, article_id: int, start: int, end: int, author: str = "", initiator: Any = None
    ) -> Any:
        return self.run(ops.add_claim, article_id, start, end, author=author, initiator=initiator)

    def update_claim(self, claim_id: int, initiator: Any = None, **changes: Any) -> Any:
        return self.run(ops.update_claim, claim_id, **changes, initiator=initiator)

    def delete_claim(self, claim_id: int, initiator: Any = None) -> Any:
        return self.run(ops.delete_claim, claim_id, initiator=initiator)

    def add_evidence(self, claim_id: int, stance: str, initiator: Any = None, **where: Any) -> Any:
        return self.run(ops.add_evidence, claim_id, stance, **where, initiator=initiator)

    def delete_evidence(self, evidence_id: int, initiator: Any = None) -> Any:
        return self.run(ops.delete_evidence, evidence_id, initiator=initiator)

    def member_edit(
        self, entity_id: int, organisation: str, role: str, action: str, initiator: Any = None, **fields: Any
    ) -> Any:
        return self.run(ops.member_edit, entity_id, organisation, role, action, **fields, initiator=initiator)

    def rename_entity(self, entity_id: int, name: str, initiator: Any = None) -> Any:
        return self.run(ops.rename_entity, entity_id, name, initiator=initiator)

    def set_entity_type(self, entity_id: int, type_: str, initiator: Any = None) -> Any:
        return self.run(ops.set_entity_type, entity_id, type_, initiator=initiator)

    def merge_entities(self, keep_id: int, other_id: int, initiator: Any = None) -> Any:
        return self.run(ops.merge_entities, keep_id, other_id, initiator=initiator)

    def reject_mention(self, mention_id: int, initiator: Any = None) -> Any:
        return self.run(ops.reject_mention, mention_id, initiator=initiator)

    def split_mention(
        self, mention_id: int, name: str | None = None, into: int | None = None, initiator: Any = None
    ) -> Any:
        return self.run(ops.split_mention, mention_id, name, into, initiator=initiator)

    def add_mention(
        self,
        article_id: int,
        start: int,
        end: int,
        entity_id: int | None = None,
        name: str | None = None,
        type_: str = "ORG",
        initiator: Any = None,
    ) -> Any:
        return self.run(ops.add_mention, article_id, start, end, entity_id, name, type_, initiator=initiator)

    def create_story(self, name: str, article_ids: list[int], initiator: Any = None) -> Any:
        return self.run(ops.create_story, name, article_ids, initiator=initiator)

    def delete_story(self, story_id: int, initiator: Any = None) -> Any:
        return self.run(ops.delete_story, story_id, initiator=initiator)
