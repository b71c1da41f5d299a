"""Application state shared by the panes: the open project and the current selection."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ..core.store import Store


class AppState(QObject):
    #: the article list changed (import, delete, metadata edit)
    sig_articles_changed = Signal()
    #: an article should be shown: (article_id, start, end) with Python offsets, -1 for no selection
    sig_open_article = Signal(int, int, int)
    #: a message for the status bar
    sig_status = Signal(str)

    def __init__(self, store: Store | None, path: Path, readonly: bool = False):
        super().__init__()
        #: None until the window opens the project (after its first paint: see MainWindow.start)
        self.store = store
        self.path = path
        self.readonly = readonly
        self.closed = False  # set when the window lets go of the project
        self.current_article: int | None = None

    def open_article(self, article_id: int, start: int = -1, end: int = -1) -> None:
        self.current_article = article_id
        self.sig_open_article.emit(article_id, start, end)
