"""Small dialogs: article details, export, import report. All text is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..core import export as X
from ..core.kinds import ALL_TYPES
from ..core.language import LANGUAGES
from ..core.models import Article
from ..core.values import normalise_published
from .safe import message


class ArticleDetailsDialog(QDialog):
    FIELDS = [
        ("title", "Title"),
        ("outlet", "Outlet"),
        ("author", "Author"),
        ("published", "Published (YYYY-MM-DD)"),
        ("url", "URL"),
    ]

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
        self.language = QComboBox()
        self.language.addItem("Not known", "")
        for code, name in LANGUAGES.items():
            self.language.addItem(f"{name} ({code})", code)
        if article.language and self.language.findData(article.language) < 0:
            self.language.addItem(article.language, article.language)
        self.language.setCurrentIndex(max(self.language.findData(article.language or ""), 0))
        self.language.setToolTip("Changing the language runs entity recognition on the article again")
        form.addRow("Language", self.language)
        info = QLineEdit(f"{article.shown_name} · {article.encoding} · sha256 {article.sha256[:16]}…")
        info.setReadOnly(True)
        form.addRow("Source file", info)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._original = {k: getattr(article, k) or "" for k, _ in self.FIELDS}
        self._original_language = article.language or ""

    def _accept(self) -> None:
        if not self.edits["title"].text().strip():
            message(self, "Article details", "The title cannot be empty.", icon=QMessageBox.Icon.Warning)
            return
        edit = self.edits["published"]
        try:
            edit.setText(normalise_published(edit.text()))  # "6 April 2026" is stored as 2026-04-06
        except ValueError as exc:
            message(self, "Article details", str(exc), icon=QMessageBox.Icon.Warning)
            edit.setFocus()
            edit.selectAll()
            return
        self.accept()

    def changes(self) -> dict:
        out = {k: e.text().strip() for k, e in self.edits.items() if e.text().strip() != self._original[k]}
        if self.language.currentData() != self._original_language:
            out["language"] = self.language.currentData()
        return out


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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _accept(self) -> None:
        if not self.tables():
            message(self, "Export", "Choose at least one table.", icon=QMessageBox.Icon.Warning)
            return
        if not self.folder.text().strip():
            message(self, "Export", "Choose a folder.", icon=QMessageBox.Icon.Warning)
            return
        self.accept()

    def tables(self) -> list[str]:
        return [n for n, b in self.checks.items() if b.isChecked()]


class EntityPickerDialog(QDialog):
    """Choose an existing entity by name, or (when allowed) name a new one with a type."""

    def __init__(
        self,
        store,
        title: str,
        allow_new: bool = True,
        exclude: int | None = None,
        initial: str = "",
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.store = store
        self.allow_new = allow_new
        self.entity_id: int | None = None
        rows = [r for r in store.entities.rows() if r.id != exclude]
        self._by_label = {f"{r.name} ({r.type})": r.id for r in rows}
        self.name = QLineEdit(initial)
        self.name.setMinimumWidth(380)
        completer = QCompleter(sorted(self._by_label), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.type = QComboBox()
        for t in ALL_TYPES:
            self.type.addItem(t)
        form = QFormLayout()
        form.addRow("Entity", self.name)
        if allow_new:
            form.addRow("Type (for a new entity)", self.type)
        hint = QLabel(
            "Type to search; pick an existing entity from the list"
            + (", or enter a new name." if allow_new else ".")
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        text = self.name.text().strip()
        if not text:
            message(self, self.windowTitle(), "Enter a name.", icon=QMessageBox.Icon.Warning)
            return
        self.entity_id = self._by_label.get(text)
        if self.entity_id is None:
            matches = [
                eid
                for label, eid in self._by_label.items()
                if label.rsplit(" (", 1)[0].lower() == text.lower()
            ]
            self.entity_id = matches[0] if len(matches) == 1 else None
        if self.entity_id is None and not self.allow_new:
            message(
                self, self.windowTitle(), "Choose an entity from the list.", icon=QMessageBox.Icon.Warning
            )
            return
        self.accept()

    def new_name(self) -> str:
        return self.name.text().strip()

    def new_type(self) -> str:
        return self.type.currentText()
