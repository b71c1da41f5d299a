"""Stories: named sets of articles (the SQL for them; mixed into Store)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from .models import Story
from .repo import Repo, inserted_id


class Stories(Repo):
    def all(self) -> list[Story]:
        rows = self.conn.execute(
            "SELECT s.id, s.name, count(sa.article_id) FROM stories s "
            "LEFT JOIN story_articles sa ON sa.story_id = s.id GROUP BY s.id ORDER BY s.name COLLATE NOCASE"
        )
        return [Story(*r) for r in rows]

    def problem_with(self, name: str, article_ids: Iterable[int]) -> str | None:
        """Why a story of this name and these articles cannot be made, or None."""
        name = " ".join((name or "").split())
        if not name:
            return "a story needs a name"
        if not list(article_ids):
            return "a story needs at least one article"
        if self.conn.execute("SELECT 1 FROM stories WHERE name = ?", [name]).fetchone():
            return f"there is already a story called “{name}”"
        return None

    def create(self, name: str, article_ids: Iterable[int]) -> int:
        """A new story holding article_ids; ValueError for an empty name or one already taken."""
        ids = sorted(set(article_ids))
        problem = self.problem_with(name, ids)
        if problem:
            raise ValueError(problem)
        name = " ".join((name or "").split())
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        with self.transaction():
            story_id = inserted_id(
                self.conn.execute("INSERT INTO stories (name, created_at) VALUES (?, ?)", [name, now])
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO story_articles (story_id, article_id) "
                "SELECT ?, id FROM articles WHERE id = ?",
                [(story_id, aid) for aid in ids],
            )
        return story_id

    def delete(self, story_id: int) -> None:
        """Delete a story (its articles stay)."""
        with self.transaction():
            if self.conn.execute("DELETE FROM stories WHERE id = ?", [story_id]).rowcount == 0:
                raise KeyError(story_id)
