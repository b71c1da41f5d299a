"""Text out of document formats: PDF (pages kept), Word (.docx) and OpenDocument text (.odt).

Each reader takes the file's bytes and returns an :class:`Extracted` whose text is already
normalised (see ``text.normalise``), so page offsets stay valid; or raises :class:`FormatError`
with a reason a person can act on. The libraries (pypdf, python-docx, odfpy) are imported only
when a file of their kind is read.
"""

from __future__ import annotations

import io
import logging
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


READERS = {"pdf": read_pdf, "docx": read_docx, "odt": read_odt}
