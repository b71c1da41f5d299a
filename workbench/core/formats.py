"""Text out of document formats: PDF (pages kept), Word (.docx) and OpenDocument text (.odt).

Each reader takes the file's bytes and returns an :class:`Extracted` whose text is already
normalised (see ``text.normalise``), so page offsets stay valid; or raises :class:`FormatError`
with a reason a person can act on. The libraries (pypdf, python-docx, odfpy) are imported only
when a file of their kind is read.
"""

from __future__ import annotations

import html.parser
import io
import logging
import re
import zipfile
from typing import NamedTuple

from . import text as T

#: Largest total uncompressed size of a .docx/.odt: a zip that unpacks to more is refused unread.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class FormatError(ValueError):
    """The document cannot be read as an article; the message says why."""


class Extracted(NamedTuple):
    text: str
    encoding: str  # the format ("pdf", "docx", "odt") or the text encoding
    meta: dict
    warnings: list[str]
    pages: tuple[int, ...] = ()  # where page 1, 2, … starts in text


def _check_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError(f"it is not a valid {what} file (not a ZIP package)") from None
    unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormatError(
            f"it unpacks to {unpacked / 1e6:.0f} MB (more than {MAX_UNPACKED_BYTES / 1e6:.0f} MB); not read"
        )
    return z


def _join_blocks(blocks: list[str]) -> str:
    """Paragraph texts, one per line, normalised, without empty lines in a row."""
    out: list[str] = []
    for b in blocks:
        line = " ".join(T.normalise(b).split())
        if line:
            out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ PDF


def _reflow(page: str) -> str:
    """A PDF page's lines joined into paragraphs.

    A PDF holds printed lines; an article needs paragraphs (sentences never cross one). A line
    shorter than three quarters of the page's longest line ends its paragraph, as does a blank
    line; a word hyphenated at a line end is joined again.
    """
    lines = [" ".join(line.split()) for line in page.split("\n")]
    longest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].islower():
            current = current[:-1] + line
        else:
            current += " " + line
        if len(line) < 0.75 * longest:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)


def read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not the user's
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError("the PDF is protected by a password")
        pages = list(reader.pages)
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise FormatError(f"it is not a readable PDF ({str(exc)[:200]})") from None
    if not pages:
        raise FormatError("the PDF has no pages")
    parts: list[str] = []
    starts: list[int] = []
    warnings: list[str] = []
    bad_pages: list[int] = []
    pos = 0
    for number, page in enumerate(pages, start=1):
        try:
            raw = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged page; that page is left out
            raw = ""
            bad_pages.append(number)
        page_text = _reflow(T.normalise(raw))
        if parts:
            parts.append("\n\n")
            pos += 2
        starts.append(pos)
        parts.append(page_text)
        pos += len(page_text)
    text = "".join(parts)
    if not text.strip():
        raise FormatError(
            f"the PDF has no text layer on any of its {len(pages)} page(s) (a scan?); "
            "run text recognition (OCR) on it first"
        )
    if bad_pages:
        warnings.append(
            f"the text of page(s) {', '.join(map(str, bad_pages[:20]))} could not be read; left out"
        )
    meta: dict = {}
    try:
        info = reader.metadata
    except Exception:  # noqa: BLE001 - a damaged info dictionary only costs the metadata
        info = None
    if info:
        for key, value in (("title", info.title), ("author", info.author)):
            if isinstance(value, str) and value.strip():
                meta[key] = value
        created = info.get("/CreationDate")
        if isinstance(created, str) and created.startswith("D:") and len(created) >= 10:
            meta["published"] = f"{created[2:6]}-{created[6:8]}-{created[8:10]}"
    return Extracted(text, "pdf", meta, warnings, tuple(starts))


# ------------------------------------------------------------------ Word


def read_docx(data: bytes) -> Extracted:
    _check_zip(data, "Word (.docx)")
    import docx
    from docx.table import Table

    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml errors …
        raise FormatError(
            f"it is not a readable Word document ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    blocks: list[str] = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                blocks.append("| " + " | ".join(cells) + " |")
        else:
            blocks.append(item.text)
    meta: dict = {}
    props = doc.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    if props.created:
        meta["published"] = props.created.date().isoformat()
    return Extracted(_join_blocks(blocks), "docx", meta, [])


# ------------------------------------------------------------------ OpenDocument


def read_odt(data: bytes) -> Extracted:
    _check_zip(data, "OpenDocument text (.odt)")
    from odf import teletype
    from odf.namespaces import DCNS, TABLENS, TEXTNS
    from odf.opendocument import load

    try:
        doc = load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - odfpy raises KeyError, xml errors …
        raise FormatError(
            f"it is not a readable OpenDocument text ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    blocks: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                blocks.append(teletype.extractText(child))
            elif qname == (TABLENS, "table-row"):
                cells = [
                    " ".join(teletype.extractText(c).split())
                    for c in child.childNodes
                    if getattr(c, "qname", None) == (TABLENS, "table-cell")
                ]
                blocks.append("| " + " | ".join(cells) + " |")
            elif qname is not None:
                walk(child)

    walk(doc.text)
    meta: dict = {}
    for key, tag in (("title", "title"), ("author", "creator"), ("published", "date")):
        found = [n for n in doc.meta.childNodes if getattr(n, "qname", None) == (DCNS, tag)]
        value = teletype.extractText(found[0]).strip() if found else ""
        if value:
            meta[key] = value[:10] if key == "published" else value
    return Extracted(_join_blocks(blocks), "odt", meta, [])


# ------------------------------------------------------------------ web pages


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

    def parse_marked_section(self, i, report=1):
        # "<![foo[" is not HTML; the standard parser stops with an AssertionError: skip it as a browser does
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i)
            return len(self.rawdata) if j < 0 else j + 1

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


def _visible_text(source: str) -> tuple[str, dict]:
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


# what trafilatura gives -> our metadata field
_TRAFILATURA_META = (
    ("title", "title"),
    ("author", "author"),
    ("published", "date"),
    ("outlet", "sitename"),
    ("url", "url"),
)


def _main_text(source: str):
    """trafilatura's reading of a saved page: the article body and its metadata, or None."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(
            source,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError):  # trafilatura on markup it cannot parse
        return None


def read_html(source: str) -> Extracted:
    """A saved web page by its main text (trafilatura): navigation, footers and comments left out.

    The page's own meta tags win over trafilatura's guesses (they are what the publisher wrote);
    trafilatura fills what they lack. When it finds no main text, every visible text is kept,
    with a warning.
    """
    text, meta = _visible_text(source)
    doc = _main_text(source)
    body = (getattr(doc, "text", None) or "").strip()
    if not body:
        warning = "no main text could be told apart from the page around it; all its visible text kept"
        return Extracted(text, "html", meta, [warning] if text.strip() else [])
    for ours, theirs in _TRAFILATURA_META:
        value = getattr(doc, theirs, None)
        if isinstance(value, str) and value.strip() and (ours not in meta or ours == "published"):
            meta[ours] = value
    return Extracted(body, "html", meta, [])


READERS = {"pdf": read_pdf, "docx": read_docx, "odt": read_odt}
