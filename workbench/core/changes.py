"""What an operation changed: one typed record, delivered once to whoever shows the project.

Anki's ``OpChanges`` is the model: an operation says which kinds of rows it touched, and each view refreshes
once, only when one of its own flags is set.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Changes:
    articles: bool = False  # rows added, deleted, or their details (title, outlet, language …) edited
    entities: bool = False  # names, types, merges
    mentions: bool = False  # where entities are found in the text (extraction, analyst fixes)
    claims: bool = False  # claims and their evidence
    members: bool = False  # analyst decisions on venture members
    stories: bool = False  # stories and which articles they hold
    language: bool = False  # an article's language changed: it needs another pipeline

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    @classmethod
    def of(cls, *names: str) -> Changes:
        """Changes.of("claims", "members"); an unknown name is a programming error."""
        known = {f.name for f in fields(cls)}
        unknown = set(names) - known
        if unknown:
            raise ValueError(f"unknown change kind(s): {', '.join(sorted(unknown))}")
        return cls(**dict.fromkeys(names, True))

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def names(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]

    def to_text(self) -> str:
        return ",".join(self.names())

    @classmethod
    def from_text(cls, text: str) -> Changes:
        return cls.of(*[n for n in text.split(",") if n])


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """Changes with who made them, so that the view that made an edit need not reload what it already shows."""

    changes: Changes
    initiator: Any = None


@dataclass(frozen=True, slots=True)
class OpResult:
    """What an operation returns: the changes to show, the undo entry it recorded (None for background jobs,
    which are not undone), and the operation's own value (a new row's id, …)."""

    changes: Changes
    op_id: int | None = None
    value: Any = None
    label: str = ""  # what the operation is called in Edit → Undo and `workbench history`
