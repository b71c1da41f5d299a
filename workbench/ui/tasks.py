"""Run core functions off the GUI thread with progress and cancel.

A task function has the signature ``fn(progress, cancel, *args)`` where
``progress(done, total, label)`` may be called from the worker thread and
``cancel.is_set()`` says whether the user asked to stop.  The function opens its
own Store: SQLite connections never cross threads.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    sig_progress = Signal(int, int, str)  # done, total, label
    sig_done = Signal(object)  # the function's return value
    sig_failed = Signal(str)  # a message for the user


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.args = args
        self.cancel = threading.Event()
        self.signals = _Signals()
        #: interrupting it loses work the user is waiting for (an import); background work resumes by itself
        self.ask_before_quit = True
        #: its window is closing: nobody is left to take the result
        self.abandoned = False
        #: the progress dialog shown while it runs (when started with a parent)
        self.dialog: QProgressDialog | None = None

    def _progress(self, done: int, total: int, label: str) -> None:
        try:
            self.signals.sig_progress.emit(done, total, label)
        except RuntimeError:  # the window went away while we worked: stop quietly
            self.cancel.set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.cancel, *self.args)
        except Exception as exc:  # noqa: BLE001 - reported to the user as a message, never a traceback
            traceback.print_exc()
            self._emit(self.signals.sig_failed, f"{type(exc).__name__}: {exc}")
        else:
            self._emit(self.signals.sig_done, result)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # nobody is left to tell


_running: set[Task] = set()


def start(
    task: Task,
    on_done,
    on_failed,
    parent: QWidget | None = None,
    title: str = "",
    modal_progress: bool = True,
) -> Task:
    """Start task on the shared pool; show a cancellable progress dialog when parent is given."""
    dialog = None
    if parent is not None and modal_progress:
        dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(title or "Working")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel.set)

        def on_progress(done: int, total: int, label: str) -> None:
            if total <= 0:  # a stage of unknown length (loading a model): a busy bar and the stage's name
                dialog.setRange(0, 0)
                dialog.setLabelText(f"{title}\n{label}…" if label else title)
                return
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
            dialog.setLabelText(f"{title}\n{label or 'working'}: {done:,} of {total:,}")

        task.signals.sig_progress.connect(on_progress)
        task.dialog = dialog

    def finish(callback, value):
        _running.discard(task)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        if not task.abandoned:
            callback(value)

    task.signals.sig_done.connect(lambda value: finish(on_done, value))
    task.signals.sig_failed.connect(lambda message: finish(on_failed, message))
    _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task


def running(asking_only: bool = False) -> int:
    """Tasks under way; with asking_only, those whose interruption the user should confirm."""
    return sum(1 for t in _running if t.ask_before_quit or not asking_only)


def cancel_all() -> None:
    """Stop every task (the window is closing): they finish quietly and their results are not delivered."""
    for task in list(_running):
        task.abandoned = True
        task.cancel.set()
    QThreadPool.globalInstance().waitForDone(10000)
