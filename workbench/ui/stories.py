"""The story picker: named sets of articles. The Articles list follows the current story, and what reads the
listed articles (members, comparison, charts) follows it with the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QLineEdit, QMessageBox

from ..core.changes import ChangeEvent
from .safe import message

if TYPE_CHECKING:
    from .main_window import MainWindow


class StoryActions:
    """The Story tool bar: the picker and New story…"""

    def __init__(self, window: MainWindow):
        self.window = window
        self.state = window.state
        bar = window.addToolBar("Story")
        bar.setObjectName("toolbar_story")
        bar.addWidget(QLabel(" Story: "))
        self.picker = QComboBox()
        self.picker.setMinimumContentsLength(16)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setToolTip(
            "The story you work on: the Articles list, members, comparison and charts follow it"
        )
        self.picker.addItem("All articles", None)
        self.picker.currentIndexChanged.connect(self._story_chosen)
        bar.addWidget(self.picker)
        self.act_new_story = QAction("New story…", window)
        self.act_new_story.setToolTip(
            "New story: name the articles listed now (filter the Articles list first) as a story"
        )
        self.act_new_story.triggered.connect(self.new_story_dialog)
        self.act_new_story.setEnabled(not self.state.readonly)
        bar.addAction(self.act_new_story)
        window.sig_changed.connect(self.on_changes)

    def on_changes(self, event: ChangeEvent) -> None:
        """Stories and their counts of articles; a story made here is already in the picker."""
        changes = event.changes
        if changes.articles or (changes.stories and event.initiator is not self):
            self.fill_picker()

    def fill_picker(self, select: int | None = None) -> None:
        current = self.picker.currentData() if select is None else select
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem("All articles", None)
        for story in self.state.store.stories.all():
            self.picker.addItem(f"{story.name} ({story.articles})", story.id)
        index = self.picker.findData(current)
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)
        self._story_chosen()

    def _story_chosen(self, *_: object) -> None:
        if self.window.panes.made("articles") is None:
            return
        articles = self.window.articles
        articles.model.set_story(self.picker.currentData())
        if self.state.current_article is not None:
            articles.follow(self.state.current_article)

    def new_story_dialog(self) -> int | None:
        ids = self.window.articles.model.listed_ids()
        if not ids:
            message(
                self.window, "New story", "No articles are listed: clear the filter or pick another story."
            )
            return None
        name, ok = QInputDialog.getText(
            self.window,
            "New story",
            f"Name for the story of the {len(ids)} listed article(s):",
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return None
        return self.create_story(name, ids)

    def create_story(self, name: str, ids: list[int]) -> int | None:
        problem = self.state.store.stories.problem_with(name, ids)
        if problem:
            message(
                self.window, "New story", f"The story was not made: {problem}.", icon=QMessageBox.Icon.Warning
            )
            return None
        story_id = self.window.editor.create_story(name, ids, initiator=self)  # undoable
        if story_id is None:
            return None  # not saved: the editor said why
        articles = self.window.articles
        articles.filter.clear()  # the story now does what the filter did
        articles.model.set_filter("")
        self.fill_picker(select=story_id)
        self.state.sig_status.emit(f"Story “{name.strip()}” made from {len(ids)} article(s)")
        return story_id
