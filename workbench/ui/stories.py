"""The story picker: named sets of articles. The Articles list follows the current story, and what reads the
listed articles (members, comparison, charts) follows it with the list."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QLineEdit, QMessageBox

from .safe import message


class StoryActions:
    """Mixed into MainWindow (uses state, editor-free store writes, articles, addToolBar)."""

    def _build_story_bar(self) -> None:
        bar = self.addToolBar("Story")
        bar.setObjectName("toolbar_story")
        bar.addWidget(QLabel(" Story: "))
        self.story_picker = QComboBox()
        self.story_picker.setMinimumContentsLength(16)
        self.story_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.story_picker.setToolTip(
            "The story you work on: the Articles list, members, comparison and charts follow it"
        )
        self.story_picker.addItem("All articles", None)
        self.story_picker.currentIndexChanged.connect(self._story_chosen)
        bar.addWidget(self.story_picker)
        self.act_new_story = QAction("New story…", self)
        self.act_new_story.setToolTip(
            "New story: name the articles listed now (filter the Articles list first) as a story"
        )
        self.act_new_story.triggered.connect(self.new_story_dialog)
        self.act_new_story.setEnabled(not self.state.readonly)
        bar.addAction(self.act_new_story)

    def fill_story_picker(self, select: int | None = None) -> None:
        current = self.story_picker.currentData() if select is None else select
        self.story_picker.blockSignals(True)
        self.story_picker.clear()
        self.story_picker.addItem("All articles", None)
        for story in self.state.store.stories():
            self.story_picker.addItem(f"{story.name} ({story.articles})", story.id)
        index = self.story_picker.findData(current)
        self.story_picker.setCurrentIndex(max(index, 0))
        self.story_picker.blockSignals(False)
        self._story_chosen()

    def _story_chosen(self, *_):
        if self._made("articles"):
            self.articles.model.set_story(self.story_picker.currentData())
            if self.state.current_article is not None:
                self.articles._follow(self.state.current_article)

    def new_story_dialog(self) -> int | None:
        ids = self.articles.model.listed_ids()
        if not ids:
            message(self, "New story", "No articles are listed: clear the filter or pick another story.")
            return None
        name, ok = QInputDialog.getText(
            self,
            "New story",
            f"Name for the story of the {len(ids)} listed article(s):",
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return None
        return self.create_story(name, ids)

    def create_story(self, name: str, ids: list[int]) -> int | None:
        try:
            story_id = self.state.store.create_story(name, ids)
        except ValueError as exc:
            message(self, "New story", f"The story was not made: {exc}.", icon=QMessageBox.Icon.Warning)
            return None
        self.articles.filter.clear()  # the story now does what the filter did
        self.articles.model.set_filter("")
        self.fill_story_picker(select=story_id)
        self.state.sig_status.emit(f"Story “{name.strip()}” made from {len(ids)} article(s)")
        return story_id
