"""Showing untrusted text safely.

Qt guesses whether a tooltip is rich text, so article text, names and notes go
through :func:`tooltip`, which escapes them: what is shown is always the literal text.
Labels are set to Qt.TextFormat.PlainText where they are made; message boxes go through :func:`message`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget


def tooltip(text: str | None) -> str:
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def message(
    parent: QWidget | None, title: str, text: str, details: str = "", icon=QMessageBox.Icon.Information
) -> None:
    """A message box that shows its text literally (never as HTML)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def _plain_labels(dialog: QWidget) -> None:
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def choose_item(
    parent: QWidget | None, title: str, text: str, items: list[str], current: int = 0
) -> tuple[str, bool]:
    """QInputDialog.getItem with its label shown literally (an entity's name is untrusted text)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    if 0 <= current < len(items):
        dialog.setTextValue(items[current])
    _plain_labels(dialog)
    ok = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), ok


def ask_text(parent: QWidget | None, title: str, text: str, value: str = "") -> tuple[str, bool]:
    """QInputDialog.getText with its label shown literally."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(value)
    _plain_labels(dialog)
    ok = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), ok
