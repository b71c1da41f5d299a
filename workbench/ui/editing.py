"""Every analyst edit goes through here: one transaction each, pushed on one undo stack.

An edit runs first; only when the store accepted it is it pushed (so a failed
save never leaves an undo entry for something that did not happen). When a save
fails the panes re-read the project, so the screen shows what the file holds, and
the user is told so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.changes import ChangeEvent, Changes
from ..core.errors import StoreError

_ENTITY_FIXES = Changes(entities=True, mentions=True)


class _Command(QUndoCommand):
    """redo() returns what undo(value) needs; each redo refreshes it (ids may change)."""

    def __init__(self, text: str, redo, undo, value, editor: Editor, areas):
        super().__init__(text)
        self._redo, self._undo, self._editor, self._areas = redo, undo, editor, areas
        self.value = value
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit already ran when it was made
            self._first = False
            return
        self._editor._areas = self._areas
        self._editor._guard(self._run_redo)

    def _run_redo(self) -> None:
        self.value = self._redo()

    def undo(self) -> None:
        self._editor._areas = self._areas
        self._editor._guard(lambda: self._undo(self.value))


class Editor(QObject):
    #: something the analyst changed: a ChangeEvent (typed Changes and the edit's initiator)
    sig_changed = Signal(object)
    #: an edit could not be saved: the message for the user
    sig_failed = Signal(str)

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.stack = QUndoStack(self)

    @property
    def store(self):
        return self.state.store

    def _guard(self, fn) -> bool:
        try:
            fn()
        except Exception as exc:
            import sqlite3  # loaded with the store by now

            if not isinstance(exc, (sqlite3.Error, StoreError, OSError, ValueError, KeyError)):
                raise
            # the panes re-read what the file holds: the screen never shows a change that was not saved
            self.sig_changed.emit(ChangeEvent(self._areas))
            detail = str(exc).rstrip(".")
            self.sig_failed.emit(
                f"The change could not be saved: {detail}. The project file is unchanged, and the window "
                "now shows what it holds."
            )
            return False
        self.sig_changed.emit(ChangeEvent(self._areas))
        return True

    def do(self, text: str, redo, undo, areas: Changes = _ENTITY_FIXES):
        """Run an edit now; if it was saved, make it undoable. Returns the edit's result or None."""
        if self.state.readonly:
            self.sig_failed.emit("This project is open read-only.")
            return None
        self._areas = areas
        result = {}

        def first():
            result["value"] = redo()

        if not self._guard(first):
            return None
        value = result.get("value")
        self.stack.push(_Command(text, redo, undo, value, self, self._areas))
        return value if value is not None else True

    # ---------------------------------------------------------------- articles
    def update_article_meta(self, article_id: int, changes: dict):
        derived = self.store.articles.get(article_id).title_derived

        def redo():
            return self.store.articles.update_meta(article_id, **changes)

        return self.do(
            "Edit article details",
            redo,
            lambda old: self.store.restore_article_meta(article_id, old, derived),
            areas=Changes.of("articles"),
        )

    def delete_articles(self, ids: list[int]):
        """Delete articles with everything on them (claims, evidence, fixes); undo puts every row back."""
        n = len(ids)
        return self.do(
            f"Delete {n} article" + ("s" if n != 1 else ""),
            lambda: self.store.articles.delete(ids),
            lambda snapshot: self.store.restore_articles(snapshot),
            areas=Changes.of("articles", "entities", "mentions", "claims", "members"),
        )

    # ---------------------------------------------------------------- claims
    def add_claim(self, article_id: int, start: int, end: int, author: str = ""):
        state = {}

        def redo():
            if "snapshot" in state:  # redo after undo: the same claim, with its id and evidence
                return self.store.restore_claim(state["snapshot"])
            return self.store.claims.add(article_id, start, end, author=author)

        def undo(claim_id):
            state["snapshot"] = self.store.claims.delete(claim_id)

        return self.do("Mark claim", redo, undo, areas=Changes.of("claims"))

    def update_claim(self, claim_id: int, **changes):
        state = {}

        def redo():
            state["old"] = self.store.claims.update(claim_id, **changes)

        what = ", ".join(changes)
        return self.do(
            f"Change claim {what}",
            redo,
            lambda _v: self.store.claims.update(claim_id, **state["old"]),
            areas=Changes.of("claims"),
        )

    def delete_claim(self, claim_id: int):
        return self.do(
            "Delete claim",
            lambda: self.store.claims.delete(claim_id),
            lambda snap: self.store.restore_claim(snap),
            areas=Changes.of("claims"),
        )

    def add_evidence(self, claim_id: int, stance: str, **where):
        state = {}

        def redo():
            if "row" in state:
                self.store.restore_evidence(state["row"])
                return state["row"][0]
            return self.store.claims.add_evidence(claim_id, stance, **where)

        def undo(evidence_id):
            state["row"] = self.store.claims.delete_evidence(evidence_id)

        return self.do(f"Add {stance} evidence", redo, undo, areas=Changes.of("claims"))

    def delete_evidence(self, evidence_id: int):
        return self.do(
            "Remove evidence",
            lambda: self.store.claims.delete_evidence(evidence_id),
            lambda row: self.store.restore_evidence(row),
            areas=Changes.of("claims"),
        )

    # ---------------------------------------------------------------- members
    def member_edit(self, entity_id: int, organisation: str, role: str, action: str, **fields):
        labels = {"confirm": "Confirm", "reject": "Reject", "edit": "Correct", "add": "Add"}
        return self.do(
            f"{labels[action]} member {organisation}",
            lambda: self.store.members.set_edit(entity_id, organisation, role, action, **fields),
            lambda undo: self.store.undo_member_edit(undo),
            areas=Changes.of("members"),
        )

    # ---------------------------------------------------------------- entity fixes
    def rename_entity(self, entity_id: int, name: str):
        old = self.store.entities.get(entity_id)  # undo restores its name and its edited mark as they were
        return self.do(
            f"Rename entity to “{name}”",
            lambda: self.store.entities.rename(entity_id, name),
            lambda _v: self.store.restore_entity(entity_id, old.name, old.type, old.edited),
        )

    def set_entity_type(self, entity_id: int, type_: str):
        old = self.store.entities.get(entity_id)
        return self.do(
            f"Change type to {type_}",
            lambda: self.store.entities.set_type(entity_id, type_),
            lambda _v: self.store.restore_entity(entity_id, old.name, old.type, old.edited),
        )

    def merge_entities(self, keep_id: int, other_id: int):
        keep = self.store.entities.get(keep_id).name
        return self.do(
            f"Merge into “{keep}”",
            lambda: self.store.entities.merge(keep_id, other_id),
            lambda snap: self.store.unmerge_entities(keep_id, snap),
        )

    def reject_mention(self, mention_id: int):
        return self.do(
            "Reject mention",
            lambda: self.store.entities.reject_mention(mention_id),
            lambda info: self.store.unreject_mention(info),
        )

    def split_mention(self, mention_id: int, name: str | None = None, into: int | None = None):
        return self.do(
            "Split mention off" if into is None else "Move mention",
            lambda: self.store.entities.split_mention(mention_id, name, into),
            lambda info: self.store.unsplit_mention(info),
        )

    def add_mention(
        self,
        article_id: int,
        start: int,
        end: int,
        entity_id: int | None = None,
        name: str | None = None,
        type_: str = "ORG",
    ):
        def redo():
            return self.store.entities.add_mention(article_id, start, end, entity_id, name, type_)

        return self.do("Mark entity", redo, lambda mid: self.store.entities.remove_added_mention(mid))
