"""Plain, immutable records passed between the store, the core and the UI: one module for all of them.

Rows read from the project are named tuples (a row from SQLite becomes a record with ``Record(*row)``).
"""

from __future__ import annotations

from typing import NamedTuple

#: Article metadata a user may edit after ingest.
EDITABLE_META = ("title", "outlet", "author", "published", "url", "language")


class ArticleDraft(NamedTuple):
    """Everything ingest knows about a document before it is stored."""

    file: str
    sha256: str
    encoding: str
    text: str
    title: str
    title_derived: bool
    words: int
    paragraphs: tuple | list = ()
    sentences: tuple | list = ()
    boilerplate: tuple | list = ()
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1 (core/language.py)
    path: str | None = None  # relative to the folder imported; None for a file named on its own
    pages: tuple[int, ...] = ()  # where page 1, 2, … starts in text (PDF); empty when not paged


class Article(NamedTuple):
    id: int
    title: str
    title_derived: bool
    file: str
    sha256: str
    encoding: str
    text: str
    words: int
    ingested_at: str
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    language: str | None = None
    path: str | None = None

    @property
    def shown_name(self) -> str:
        """The file as the analyst knows it: its path below the folder imported, else its name."""
        return self.path or self.file


class ArticleSummary(NamedTuple):
    """A row of the article list: no text."""

    id: int
    title: str
    title_derived: bool
    outlet: str | None
    published: str | None
    words: int
    file: str
    language: str | None = None
    path: str | None = None

    @property
    def shown_name(self) -> str:
        return self.path or self.file


class Segment(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    paragraph: int
    boilerplate: bool


class BoilerplateSpan(NamedTuple):
    article_id: int
    start: int
    end: int
    reason: str


class SearchHit(NamedTuple):
    article_id: int
    title: str
    snippet: str | None  # None until made (Store.snippets): only the first hits get one at once
    start: int  # offset of the first matching term in the article text, -1 if unknown
    end: int
    rank: float


class Claim(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    verdict: str
    confidence: float | None
    note: str
    tags: str
    author: str
    anchor: str
    created_at: str
    changed_at: str

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("|") if t]


class ClaimEvidence(NamedTuple):
    """Evidence for or against a claim: a passage of an article (or a group of statements), with a stance."""

    id: int
    claim_id: int
    article_id: int | None
    start: int | None
    end: int | None
    quote: str
    group_key: str | None
    stance: str
    note: str
    created_at: str


class EntityRow(NamedTuple):
    id: int
    name: str
    type: str
    mentions: int
    articles: int
    edited: bool


class MentionInfo(NamedTuple):
    id: int
    article_id: int
    start: int
    end: int
    text: str
    entity_id: int
    entity: str
    type: str
    value: str | None
    source: str


class Story(NamedTuple):
    id: int
    name: str
    articles: int
