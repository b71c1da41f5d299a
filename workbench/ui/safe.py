"""Showing untrusted text safely.

Qt guesses whether a tooltip is rich text, so article text, names and notes go
through :func:`tooltip`, which escapes them: what is shown is always the literal text.
Labels are set to Qt.PlainText where they are made; message boxes go through :func:`message`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def tooltip(text: str | None) -> str:
    if not text:
        return ""
    # what html.escape(text, quote=False) does, without importing html (and its entity table) at start-up
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<p style='white-space:pre-wrap'>" + escaped + "</p>"


def message(
    parent: QWidget | None, title: str, text: str, details: str = "", icon=QMessageBox.Information
) -> None:
    """A message box that shows its text literally (never as HTML)."""
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()
