"""Small dialogs: article details, export, import report. All text is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import export as X
from ..core.models import Article


def message(parent: QWidget | None, title: str, text: str, details: str = "",
            icon=QMessageBox.Information) -> None:
    """A message box that shows its text literally (never as HTML)."""
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


class ArticleDetailsDialog(QDialog):
    FIELDS = [("title", "Title"), ("outlet", "Outlet"), ("author", "Author"),
              ("published", "Published (YYYY-MM-DD)"), ("url", "URL")]

    def __init__(self, article: Article, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = QLineEdit(getattr(article, key) or "")
            edit.setMinimumWidth(420)
            self.edits[key] = edit
            form.addRow(label, edit)
        info = QLineEdit(f"{article.file} · {article.encoding} · sha256 {article.sha256[:16]}…")
        info.setReadOnly(True)
        form.addRow("Source file", info)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._original = {k: getattr(article, k) or "" for k, _ in self.FIELDS}

    def _accept(self) -> None:
        if not self.edits["title"].text().strip():
            message(self, "Article details", "The title cannot be empty.", icon=QMessageBox.Warning)
            return
        self.accept()

    def changes(self) -> dict:
        return {k: e.text().strip() for k, e in self.edits.items() if e.text().strip() != self._original[k]}


class ExportDialog(QDialog):
    def __init__(self, folder: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.checks: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        for name in X.TABLES:
            box = QCheckBox(f"{name}.csv")
            box.setChecked(True)
            self.checks[name] = box
            layout.addWidget(box)
        row = QHBoxLayout()
        self.folder = QLineEdit(folder or str(Path.home()))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.excel = QCheckBox("Excel-compatible (UTF-8 with BOM, so Japanese text opens correctly)")
        layout.addWidget(self.excel)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _accept(self) -> None:
        if not self.tables():
            message(self, "Export", "Choose at least one table.", icon=QMessageBox.Warning)
            return
        if not self.folder.text().strip():
            message(self, "Export", "Choose a folder.", icon=QMessageBox.Warning)
            return
        self.accept()

    def tables(self) -> list[str]:
        return [n for n, b in self.checks.items() if b.isChecked()]
