"""Application state shared by the panes: the open project and the current selection."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.errors import StoreError

if TYPE_CHECKING:
    from ..core.store import Store


class AppState(QObject):
    #: an article should be shown: (article_id, start, end) with Python offsets, -1 for no selection
    sig_open_article = Signal(int, int, int)
    #: a message for the status bar
    sig_status = Signal(str)

    def __init__(self, store: Store | None, path: Path, readonly: bool = False):
        super().__init__()
        self._store = store
        self.path = path
        self.readonly = readonly
        self.closed = False  # set when the window lets go of the project
        self.current_article: int | None = None

    @property
    def store(self) -> Store:
        """The open project. The window opens it after its first paint (MainWindow.start); the panes that
        read it are made after that."""
        if self._store is None:
            raise StoreError(f"The project {self.path} is not open.")
        return self._store

    @store.setter
    def store(self, store: Store) -> None:
        self._store = store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open_article(self, article_id: int, start: int = -1, end: int = -1) -> None:
        self.current_article = article_id
        self.sig_open_article.emit(article_id, start, end)
