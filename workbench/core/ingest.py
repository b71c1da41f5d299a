"""Reading article files into the store.

``prepare()`` turns one file into an :class:`ArticleDraft` (or says why not);
``ingest()`` walks files and folders, skips exact duplicates, stores the rest and
reports every file.  It takes a ``progress(done, total, name)`` callback and a
``cancel`` object with ``is_set()``; a cancelled import keeps what it stored and
running it again resumes without duplicates.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import language as L
from . import text as T
from .models import ArticleDraft
from .store import Store

SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
META_KEYS = ("title", "outlet", "author", "date", "published", "url")


@dataclass
class FileResult:
    path: str
    status: str  # added | duplicate | refused | skipped
    reason: str = ""
    article_id: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def of(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def added(self) -> list[FileResult]:
        return self.of("added")

    @property
    def duplicates(self) -> list[FileResult]:
        return self.of("duplicate")

    @property
    def refused(self) -> list[FileResult]:
        return self.of("refused")

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.duplicates)} duplicate(s) skipped",
            f"{len(self.refused)} refused",
        ]
        skipped = self.of("skipped")
        if skipped:
            parts.append(f"{len(skipped)} not articles")
        warned = sum(1 for r in self.added if r.warnings)
        if warned:
            parts.append(f"{warned} with warnings")
        return ", ".join(parts) + (" (cancelled)" if self.cancelled else "")


class Refused(Exception):
    pass


# ------------------------------------------------------------------ file formats


class _VisibleText(html.parser.HTMLParser):
    """Collect the text a browser would show, with block elements as line breaks."""

    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "figcaption",
        "main",
        "aside",
    }
    HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._h1: list[str] | None = None
        self.h1: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "li" and not self.hidden:
            self.parts.append("- ")
        if tag == "h1" and self.h1 is None:
            self._h1 = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "h1" and self._h1 is not None:
            self.h1 = " ".join("".join(self._h1).split()) or None
            self._h1 = None

    def handle_data(self, data):
        if self._in_title:
            self._title_parts.append(data)
            return
        if self.hidden:
            return
        if self._h1 is not None:
            self._h1.append(data)
        self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        out, blank = [], False
        for line in lines:
            if line:
                out.append(line)
                blank = False
            elif out and not blank:
                out.append("")
                blank = True
        return "\n".join(out).strip("\n")


def _html_to_text(source: str) -> tuple[str, dict]:
    p = _VisibleText()
    p.feed(source)
    p.close()
    meta = {}
    title = p.meta.get("og:title") or p.h1 or p.title
    if title:
        meta["title"] = title
    for key, names in (
        ("outlet", ("og:site_name", "application-name")),
        ("author", ("author", "article:author")),
        ("published", ("article:published_time", "date", "pubdate")),
        ("url", ("og:url",)),
    ):
        for n in names:
            if p.meta.get(n):
                meta[key] = p.meta[n]
                break
    return p.text(), meta


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _front_matter(source: str) -> tuple[str, dict, str | None]:
    """Split YAML front matter off a document. Returns (body, meta, warning)."""
    m = _FRONT_MATTER_RE.match(source)
    if not m:
        return source, {}, None
    import yaml  # only when a document has front matter

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        return source, {}, f"front matter is not valid YAML ({str(exc).splitlines()[0]}); kept as text"
    if not isinstance(data, dict):
        return source, {}, "front matter is not a mapping; kept as text"
    return source[m.end() :], data, None


def _clean_meta(raw: dict) -> dict:
    out = {}
    for key in META_KEYS:
        value = raw.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        value = " ".join(str(value).split())
        if value:
            out["published" if key == "date" else key] = value[:1000]
    return out


def _sidecar(path: Path) -> tuple[dict, str | None]:
    side = path.with_name(path.stem + ".json")
    if not side.is_file():
        return {}, None
    try:
        data = json.loads(side.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"metadata file {side.name} could not be read ({exc}); ignored"
    if not isinstance(data, dict):
        return {}, f"metadata file {side.name} is not a JSON object; ignored"
    return data, None


def read_article_file(path: Path) -> bytes:
    """The bytes of a file the import accepts (a supported type, not too large). Raises Refused."""
    if SUPPORTED.get(path.suffix.lower()) is None:
        raise Refused(f"unsupported file type '{path.suffix or '(none)'}' (use .txt, .md or .html)")
    try:
        size = path.stat().st_size
        if size > T.MAX_FILE_BYTES:
            raise Refused(
                f"the file is {size / 1e6:.1f} MB; one article may be at most "
                f"{T.MAX_FILE_BYTES / 1e6:.0f} MB (split it into articles first)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror or exc}") from None


def prepare(
    path: Path, data: bytes | None = None, display_name: str | None = None
) -> tuple[ArticleDraft, list[str]]:
    """Read one file into a draft article. Raises Refused with a reason."""
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise Refused(f"unsupported file type '{path.suffix or '(none)'}' (use .txt, .md or .html)")
    if data is None:
        data = read_article_file(path)
    sha = hashlib.sha256(data).hexdigest()
    try:
        decoded = T.decode(data)
    except T.DecodeError as exc:
        raise Refused(str(exc)) from None
    warnings = [decoded.warning] if decoded.warning else []
    body = T.normalise(decoded.text)
    meta: dict = {}
    if kind == "html":
        body, meta = _html_to_text(body)
        body = T.normalise(body)
    elif kind in ("markdown", "text"):
        body, fm, warn = _front_matter(body)
        meta.update(fm)
        if warn:
            warnings.append(warn)
    side, warn = _sidecar(path)
    if warn:
        warnings.append(warn)
    meta = _clean_meta({**meta, **side})
    if not body.strip():
        raise Refused("it has no visible text")

    paras = T.paragraphs(body)
    sents = T.sentences(body, paras)
    bp = T.boilerplate(body, paras)
    if "title" in meta:
        title, derived = meta.pop("title"), False
    else:
        title, derived = T.derive_title(body, paras, sents)
    draft = ArticleDraft(
        file=display_name or path.name,
        sha256=sha,
        encoding=decoded.encoding,
        text=body,
        title=title,
        title_derived=derived,
        words=T.word_count(body),
        paragraphs=paras,
        sentences=sents,
        boilerplate=bp,
        language=L.detect(body),
        **meta,
    )
    return draft, warnings


# ------------------------------------------------------------------ walking and storing


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Expand folders recursively. Returns (article files, results for what was not usable)."""
    files: list[Path] = []
    problems: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    if child.suffix.lower() in SUPPORTED:
                        files.append(child)
                    elif child.suffix.lower() != ".json":  # .json next to an article is its metadata
                        problems.append(FileResult(str(child), "skipped", "not an article file type"))
        elif p.is_file():
            files.append(p)
        elif p.exists():
            problems.append(FileResult(str(p), "refused", "not a regular file"))
        else:
            problems.append(FileResult(str(p), "refused", "no such file or folder"))
    return files, problems


class _NoCancel:
    def is_set(self) -> bool:
        return False


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str], None] | None = None,
    cancel=None,
    batch: int = 200,
) -> IngestReport:
    """Ingest files and folders; every file ends up in the report exactly once."""
    cancel = cancel or _NoCancel()
    files, problems = collect(paths)
    report = IngestReport(results=list(problems))
    known = store.known_shas()
    seen_in_run: dict[str, str] = {}
    total = len(files)
    pending: list[tuple[FileResult, ArticleDraft, list[str]]] = []

    def flush():
        if not pending:
            return
        with store.transaction():
            for result, draft, warns in pending:
                result.article_id = store.add_article(draft, warns)
        pending.clear()

    for i, path in enumerate(files):
        if cancel.is_set():
            report.cancelled = True
            break
        if progress:
            progress(i, total, path.name)
        result = FileResult(str(path), "refused")
        try:
            data = read_article_file(path)
            sha = hashlib.sha256(data).hexdigest()
            if sha in known:  # before reading the text: resuming an import skips what it already has
                result.status = "duplicate"
                first = seen_in_run.get(sha)
                result.reason = f"same content as {first}" if first else "already in the project"
                report.results.append(result)
                continue
            draft, warns = prepare(path, data=data)
        except Refused as exc:
            result.reason = str(exc)
            report.results.append(result)
            continue
        known.add(draft.sha256)
        seen_in_run[draft.sha256] = str(path)
        result.status = "added"
        result.warnings = warns
        report.results.append(result)
        pending.append((result, draft, warns))
        if len(pending) >= batch:
            flush()
    flush()
    if progress and not report.cancelled:
        progress(total, total, "")
    return report
