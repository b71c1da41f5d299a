"""Reading article files into the store.

``prepare()`` turns one file into an :class:`ArticleDraft` (or says why not);
``ingest()`` walks files and folders, skips exact duplicates, stores the rest and
reports every file.  It takes a ``progress(done, total, name)`` callback and a
``cancel`` object with ``is_set()``; a cancelled import keeps what it stored and
running it again resumes without duplicates.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import formats
from . import language as L
from . import text as T
from .models import ArticleDraft
from .resources import resource_path
from .store import Store

_log = logging.getLogger(__name__)

SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
}
_TYPES_HINT = "use .txt, .md, .html, .pdf, .docx or .odt"
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
    def added_ids(self) -> list[int]:
        """The ids of the articles this import stored."""
        return [r.article_id for r in self.added if r.article_id is not None]

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


_UNPRINTABLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape_char(m: re.Match) -> str:
    ch = m.group(0)
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by the file system decoder
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    )


def display_path(path: str | Path) -> str:
    """A file name safe to print and store: line breaks, control and direction characters and bytes
    that are not UTF-8 are written as escapes (``\\n``, ``\\u202e``, ``\\xff``)."""
    return _UNPRINTABLE_RE.sub(_escape_char, str(path))


def _name_warning(shown: str, raw: str) -> str | None:
    if shown == raw:
        return None
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in raw):
        return f"the file name is not valid UTF-8; stored as {shown}"
    return f"the file name holds line breaks, control or text-direction characters; stored as {shown}"


# ------------------------------------------------------------------ file formats


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _front_matter(source: str) -> tuple[str, dict, str | None]:
    """Split YAML front matter off a document. Returns (body, meta, warning)."""
    m = _FRONT_MATTER_RE.match(source)
    if not m:
        return source, {}, None
    import yaml  # only when a document has front matter

    try:
        data = yaml.safe_load(m.group(1))
    except RecursionError:
        return source, {}, "front matter is nested too deeply to read; kept as text, its metadata ignored"
    except Exception as exc:  # noqa: BLE001 - the YAML loader raises ValueError, TypeError, IndexError …
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        return source, {}, f"front matter is not valid YAML ({first}); kept as text, its metadata ignored"
    if not isinstance(data, dict):
        return source, {}, "front matter is not a mapping; kept as text"
    return source[m.end() :], data, None


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _clean_meta(raw: dict) -> tuple[dict, list[str]]:
    """The metadata fields an article keeps, as short one-line strings; and what was left out, why."""
    out: dict = {}
    warnings: list[str] = []
    for key in META_KEYS:
        value = raw.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**100:
            warnings.append(f"metadata '{key}' is a number of more than 100 digits; ignored")
            continue
        try:
            value = " ".join(str(value).split())
        except (ValueError, TypeError):  # a value whose text cannot be made (an int past the digit limit)
            warnings.append(f"metadata '{key}' could not be read as text; ignored")
            continue
        if _SURROGATE_RE.search(value):
            warnings.append(f"metadata '{key}' holds invalid characters (lone surrogates); ignored")
            continue
        if value:
            out["published" if key == "date" else key] = value[:1000]
    return out, warnings


def _sidecar(path: Path) -> tuple[dict, str | None]:
    side = path.with_name(path.stem + ".json")
    if not side.is_file():
        return {}, None
    try:
        data = json.loads(side.read_bytes().decode("utf-8-sig"))
    except RecursionError:
        return {}, f"metadata file {display_path(side.name)} is nested too deeply to read; ignored"
    except (OSError, ValueError) as exc:  # ValueError: bad JSON, bad UTF-8, an integer past the digit limit
        return {}, f"metadata file {display_path(side.name)} could not be read ({str(exc)[:200]}); ignored"
    if not isinstance(data, dict):
        return {}, f"metadata file {display_path(side.name)} is not a JSON object; ignored"
    return data, None


def read_article_file(path: Path) -> bytes:
    """The bytes of a file the import accepts (a supported type, not too large). Raises Refused."""
    if SUPPORTED.get(path.suffix.lower()) is None:
        raise Refused(f"unsupported file type '{path.suffix or '(none)'}' ({_TYPES_HINT})")
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
    path: Path, data: bytes | None = None, display_name: str | None = None, relative: str | None = None
) -> tuple[ArticleDraft, list[str]]:
    """Read one file into a draft article. Raises Refused with a reason."""
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise Refused(f"unsupported file type '{path.suffix or '(none)'}' ({_TYPES_HINT})")
    if data is None:
        data = read_article_file(path)
    sha = hashlib.sha256(data).hexdigest()
    pages: tuple[int, ...] = ()
    meta: dict = {}
    if kind in formats.READERS:
        try:
            doc = formats.READERS[kind](data)
        except formats.FormatError as exc:
            raise Refused(str(exc)) from None
        body, encoding, warnings, pages = doc.text, doc.encoding, list(doc.warnings), doc.pages
        meta.update(doc.meta)
    else:
        try:
            decoded = T.decode(data, declared=T.declared_charset(data) if kind == "html" else None)
        except T.DecodeError as exc:
            raise Refused(str(exc)) from None
        encoding = decoded.encoding
        warnings = [decoded.warning] if decoded.warning else []
        body = T.normalise(decoded.text)
        if kind == "html":
            page = formats.read_html(body)
            body, meta = T.normalise(page.text), dict(page.meta)
            warnings.extend(page.warnings)
        else:
            body, fm, warn = _front_matter(body)
            meta.update(fm)
            if warn:
                warnings.append(warn)
    side, warn = _sidecar(path)
    if warn:
        warnings.append(warn)
    meta, meta_warnings = _clean_meta({**meta, **side})
    warnings.extend(meta_warnings)
    if not body.strip():
        raise Refused("it has no visible text")

    paras = T.paragraphs(body)
    sents = T.sentences(body, paras)
    bp = T.boilerplate(body, paras)
    if "title" in meta:
        title, derived = meta.pop("title"), False
    else:
        title, derived = T.derive_title(body, paras, sents)
    shown = display_name or display_path(path.name)
    name_warning = _name_warning(shown, path.name) if display_name is None else None
    if name_warning:
        warnings.append(name_warning)
    draft = ArticleDraft(
        file=shown,
        sha256=sha,
        encoding=encoding,
        text=body,
        title=title,
        title_derived=derived,
        words=T.word_count(body),
        paragraphs=paras,
        sentences=sents,
        boilerplate=bp,
        language=L.detect(body),
        pages=pages,
        path=relative,
        **meta,
    )
    return draft, warnings


# ------------------------------------------------------------------ walking and storing


@lru_cache(maxsize=1)
def _not_articles() -> tuple[tuple[re.Pattern, str], ...]:
    """Rules from resources/not_articles.txt: 'regex<TAB>reason' per line."""
    rules = []
    for line in resource_path("not_articles.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rx, _, reason = line.partition("\t")
            rules.append((re.compile(rx.strip(), re.IGNORECASE), reason.strip()))
    return tuple(rules)


def not_an_article(name: str) -> str | None:
    """Why a file found in a folder is plainly not an article (README, LICENSE, index.html …), or None."""
    return next((reason for rx, reason in _not_articles() if rx.search(name)), None)


def _special(path: Path) -> str | None:
    """Why a folder entry that is not a regular file or folder cannot be read, or None."""
    if path.is_symlink() and not path.exists():
        try:
            target = display_path(os.readlink(path))
        except OSError:
            target = "?"
        return f"a symbolic link to something that does not exist ({target})"
    if path.is_fifo():
        return "a named pipe (FIFO), not a file"
    if path.is_socket():
        return "a socket, not a file"
    if path.is_block_device() or path.is_char_device():
        return "a device, not a file"
    return None


class Found(NamedTuple):
    path: Path
    relative: str | None  # below the folder imported (posix separators, escaped); None if named on its own


def collect(paths: Iterable[str | Path]) -> tuple[list[Found], list[FileResult]]:
    """Expand folders recursively. Returns (article files, results for what was not usable).

    Files in a folder that are plainly not articles (README, LICENSE, index pages …) are skipped
    with their reason; named on their own they are imported.
    """
    files: list[Found] = []
    problems: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.name.startswith(".") or child.is_dir():
                    continue
                why = None if child.is_file() else (_special(child) or "not a regular file")
                if why is None and child.suffix.lower() not in SUPPORTED:
                    if child.suffix.lower() == ".json":  # .json next to an article is its metadata
                        continue
                    why = "not an article file type"
                why = why or not_an_article(child.name)
                if why:
                    problems.append(FileResult(display_path(child), "skipped", why))
                else:
                    files.append(Found(child, display_path(child.relative_to(p).as_posix())))
        elif p.is_file():
            files.append(Found(p, None))
        elif p.exists() or p.is_symlink():
            problems.append(FileResult(display_path(p), "refused", _special(p) or "not a regular file"))
        else:
            problems.append(FileResult(display_path(p), "refused", "no such file or folder"))
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
    known = store.articles.known_shas()
    seen_in_run: dict[str, str] = {}
    total = len(files)
    pending: list[tuple[FileResult, ArticleDraft, list[str]]] = []

    def flush():
        if not pending:
            return
        with store.transaction():
            for result, draft, warns in pending:
                try:  # each article in its own savepoint: one that cannot be stored loses no other
                    result.article_id = store.articles.add(draft, warns)
                except (
                    sqlite3.DataError,
                    sqlite3.IntegrityError,
                    UnicodeError,
                    ValueError,
                    OverflowError,
                ) as exc:
                    result.status, result.reason = "refused", f"could not be stored ({str(exc)[:200]})"
                    known.discard(draft.sha256)
        pending.clear()

    for i, (path, relative) in enumerate(files):
        if cancel.is_set():
            report.cancelled = True
            break
        if progress:
            progress(i, total, display_path(path.name))
        result = FileResult(display_path(path), "refused")
        try:
            data = read_article_file(path)
            sha = hashlib.sha256(data).hexdigest()
            if sha in known:  # before reading the text: resuming an import skips what it already has
                result.status = "duplicate"
                first = seen_in_run.get(sha)
                result.reason = f"same content as {first}" if first else "already in the project"
                report.results.append(result)
                continue
            draft, warns = prepare(path, data=data, relative=relative)
        except Refused as exc:
            result.reason = str(exc)
            report.results.append(result)
            continue
        except Exception as exc:  # noqa: BLE001 - a file no rule foresaw: refused with its reason, the rest go on
            _log.warning("unexpected failure reading %s", result.path, exc_info=True)
            result.reason = f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"
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
