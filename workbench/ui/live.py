"""Changes written to the open project by another process (``workbench ingest`` from a shell) show up in
the window: SQLite's ``PRAGMA data_version`` changes whenever another connection commits, and a timer on
the GUI thread reads it (a cheap read of a counter, no query of the data)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from .state import AppState

#: how often the project is looked at (the issue asks for changes to show within a second)
POLL_MS = 400


class ExternalChanges(QObject):
    #: another connection committed to the project since the last look
    sig_changed = Signal()

    def __init__(self, state: AppState, parent: QObject | None = None, interval: int = POLL_MS):
        super().__init__(parent)
        self.state = state
        self._version: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._version = self._read()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def rebase(self) -> None:
        """Everything written so far is known (a task of this window ended and said what it changed): only
        what is written from now on is someone else's."""
        if self.timer.isActive():
            self._version = self._read()

    def _read(self) -> int | None:
        if not self.state.is_open or self.state.closed:
            return None
        try:
            return self.state.store.pragma("data_version")
        except Exception:  # noqa: BLE001  (a closed or busy connection: look again next time)
            return None

    def poll(self) -> bool:
        """Look once; True (and sig_changed) when someone else wrote since the last look."""
        version = self._read()
        if version is None:
            return False
        changed = self._version is not None and version != self._version
        self._version = version
        if changed:
            self.sig_changed.emit()
        return changed
