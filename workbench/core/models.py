"""Plain, frozen records passed between the store, the core and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Article metadata a user may edit after ingest.
EDITABLE_META = ("title", "outlet", "author", "published", "url")


@dataclass(frozen=True)
class ArticleDraft:
    """Everything ingest knows about a document before it is stored."""

    file: str
    sha256: str
    encoding: str
    text: str
    title: str
    title_derived: bool
    words: int
    paragraphs: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    boilerplate: list = field(default_factory=list)
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
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


@dataclass(frozen=True)
class ArticleSummary:
    """A row of the article list: no text."""

    id: int
    title: str
    title_derived: bool
    outlet: str | None
    published: str | None
    words: int
    file: str


@dataclass(frozen=True)
class Segment:
    id: int
    article_id: int
    start: int
    end: int
    paragraph: int
    boilerplate: bool


@dataclass(frozen=True)
class BoilerplateSpan:
    article_id: int
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    snippet: str
    start: int  # offset of the first matching term in the article text, -1 if unknown
    end: int
    rank: float
