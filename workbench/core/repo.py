"""The base of the store's parts: each repository holds the store it belongs to (composition, not mixins).

A repository speaks SQL for one kind of row (articles, entities, claims, …) through its store's connection and
transactions; the store owns the connection and composes the repositories.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made."""
    if cur.lastrowid is None:
        raise RuntimeError("no row was inserted")
    return cur.lastrowid


class Repo:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    @property
    def db(self) -> Any:
        return self.store.db

    def transaction(self) -> AbstractContextManager[None]:
        return self.store.transaction()
