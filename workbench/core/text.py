"""Decoding, normalisation, segmentation and boilerplate detection.

Everything here works on Python strings and returns Python string offsets
(code-point indices) into the normalised article text.  Nothing here touches the
database or Qt.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import resource_path

# --------------------------------------------------------------------------- decoding

#: Largest original file accepted as one article.  Real news articles are a few
#: tens of kilobytes; anything beyond this is a data dump, not an article.
MAX_FILE_BYTES = 20_000_000  # 20 MB, as the refusal says it

_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel/OpenDocument file: name it .docx or .odt to import it)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


class DecodeError(ValueError):
    """The bytes are not an article we can read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            hint = " (name it .pdf to import its text)" if magic == b"%PDF" else ""
            return f"this is {what}, not text{hint}"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text, handled by decode()
    sample = data[:65536]
    if not sample:
        return None
    nul = sample.count(0)
    if nul > max(8, len(sample) // 100):
        return f"it contains {nul} NUL bytes in its first {len(sample)} bytes (binary data, not text)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 0))
    if controls > len(sample) // 10:
        return "more than 10% of its bytes are control codes (binary data, not text)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text without a byte-order mark.

    Text in a Latin script written as UTF-16 has a NUL in every other byte (the high byte of each
    character); binary data has NULs anywhere. Only then is decoding tried.
    """
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.3 * len(zeros) and other.count(0) < 0.02 * len(other):
            try:
                text = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for ch in text[:32768] if ord(ch) < 32 and ch not in "\t\n\r\x0c")
            if controls <= len(text[:32768]) // 100:
                return enc
    return None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL_RE = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
# WHATWG: a page that says Latin-1 or ASCII is read as windows-1252, one that says UTF-16 in an
# ASCII-compatible meta tag is UTF-8
_DECLARED_ALIASES = {
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "utf_16": "utf-8",
    "utf_16_le": "utf-8",
    "utf_16_be": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>``, http-equiv, or an XML
    declaration), as the page spells it; None if it declares none."""
    head = data[:4096]
    m = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    return m.group(1).decode("ascii") if m else None


# Bytes 0x80-0xFF that Western European text decoded as cp1252 is made of: accented letters,
# currency, quotes, dashes. Text in another script decoded as cp1252 gives other characters, or
# letters that are nearly all accented.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
    "£€¢¥©®°§¶·«»–—‘’‚“”„•…™\xa0½¼¾±´¨¸ªº¿¡"
)


def _looks_western(text: str) -> bool:
    high = [ch for ch in text if ord(ch) > 127]
    if not all(ch in _WESTERN for ch in high):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in high if ch.isalpha())
    return accented <= 0.25 * max(letters, 1)


def _detect(data: bytes) -> tuple[str, str] | None:
    """(encoding, language) that charset-normalizer finds for bytes that are not UTF-8, or None."""
    from charset_normalizer import from_bytes  # only for files that need it

    best = from_bytes(data[:262144]).best()
    if best is None:
        return None
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return best.encoding, best.language


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes.

    In order: a byte-order mark (UTF-8, UTF-16); the charset the document declares (``declared``);
    UTF-16 without a byte-order mark; UTF-8; Western European text as cp1252; otherwise the
    encoding charset-normalizer detects; Latin-1 as the last resort. Anything but a BOM, a
    declared charset or UTF-8 gives a warning that names the encoding used.

    Raises DecodeError for empty or binary input.
    """
    if len(data) > MAX_FILE_BYTES:
        raise DecodeError(
            f"the file is {len(data) / 1e6:.1f} MB; one article may be at most "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB (split it into articles first)"
        )
    if not data.strip():
        raise DecodeError("the file is empty" if not data else "the file holds only white space")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"it starts like UTF-16 text but is not valid UTF-16 ({exc.reason})") from None
    utf16 = _utf16_without_bom(data) if 0 in data[:65536] else None
    if utf16:
        text = data[: len(data) // 2 * 2].decode(utf16)
        return Decoded(text, utf16, f"no byte-order mark; recognised as {utf16.upper()}")
    why = _looks_binary(data)
    if why:
        raise DecodeError(why)
    warning = None
    if declared:
        try:
            name = codecs.lookup(declared).name.replace("-", "_")
        except LookupError:
            warning = f"the page declares an unknown charset '{declared}'; ignored"
        else:
            enc = _DECLARED_ALIASES.get(name, name)
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                warning = f"the page declares {declared} but byte {exc.start} is not valid {enc}"
    try:
        return Decoded(data.decode("utf-8"), "utf-8", warning)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    said = f"not valid UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad})"
    if warning:
        said = warning + "; " + said
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western):
        return Decoded(western, "cp1252", f"{said}; decoded as cp1252 (Western European)")
    found = _detect(data)
    if found:
        enc, language = found
        lang = f", {language}" if language and language != "Unknown" else ""
        return Decoded(data.decode(enc), enc, f"{said}; decoded as {enc} (detected{lang})")
    if western is not None:
        return Decoded(western, "cp1252", f"{said}; decoded as cp1252 (no better guess)")
    return Decoded(data.decode("latin-1"), "latin-1", f"{said}; decoded as latin-1 (no better guess)")


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Normalise line endings and drop control characters, before any offset is taken.

    CRLF and lone CR become LF; form feeds become LF; NUL and other C0 control
    characters (except tab and newline) are removed. Everything else, including
    emoji and U+2028/U+2029, is kept as it is.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = _CONTROL_RE.sub("", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


#: Chinese characters, kana and Hangul: scripts written without spaces between words
CJK_RE = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]"
)
_WORD_RE = re.compile(r"\w+(?:[’'.-]\w+)*")
#: one run of a single script: kanji, hiragana, katakana (with the long-vowel mark), or Hangul
_CJK_RUN_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]+|[\u3040-\u309f]+|[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+"
    r"|[\uac00-\ud7af]+"
)


def has_cjk(text: str) -> bool:
    return CJK_RE.search(text) is not None


def word_count(text: str) -> int:
    """Words; in Japanese (no spaces), an estimate of its tokens until the Japanese pipeline counts them.

    A run of kana or of kanji holds about one word per two characters (particles and verb endings are
    short, compounds are pairs); a katakana run is one loanword or name.
    """
    if not has_cjk(text):
        return len(_WORD_RE.findall(text))
    n = 0
    for m in _CJK_RUN_RE.finditer(text):
        run = m.group(0)
        n += 1 if "\u30a0" <= run[0] <= "\u30ff" or "\uff66" <= run[0] <= "\uff9f" else (len(run) + 1) // 2
    return n + len(_WORD_RE.findall(_CJK_RUN_RE.sub(" ", text)))


_CONTENT_RUN_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]+|[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+|[\uac00-\ud7af]+"
)


def terms(text: str) -> list[str]:
    """Words to compare texts by, without loading a language model: lower-cased words, and in Japanese
    (no spaces) the character pairs of each kanji or katakana run (出資比率 -> 出資, 資比, 比率), leaving
    out the hiragana between them (particles and verb endings). A run of one character is a term itself."""
    out = [w.lower() for w in _WORD_RE.findall(_CJK_RUN_RE.sub(" ", text))]
    for m in _CONTENT_RUN_RE.finditer(text):
        run = m.group(0)
        out += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return out


def _line_words(line: str) -> int:
    """How many words a line has: split at spaces, or counted when it is Japanese (or Chinese, Korean)."""
    return word_count(line) if has_cjk(line) else len(line.split())


# --------------------------------------------------------------------------- segmentation


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # text | heading | list | table


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into the paragraph list


_LINE_BREAKS = "\n\u2028\u2029\x85"
_LIST_RE = re.compile(r"^\s*(?:[-*•‣◦·–—]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_TABLE_RE = re.compile(r"^\s*\|.*\|\s*$")
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s")
_CJK_STOP_RE = re.compile(r"[。！？]")


def _lines(text: str):
    """Yield (start, end) of each line, without its terminator; any line break counts."""
    start = 0
    n = len(text)
    i = 0
    while i < n:
        if text[i] in _LINE_BREAKS:
            yield start, i
            start = i + 1
        i += 1
    yield start, n


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_headline_like(line: str) -> bool:
    """A short line without final sentence punctuation: a headline or section heading."""
    line = line.strip()
    if not line or len(line) > 160:
        return False
    if has_cjk(line) and not _MD_HEADING_RE.match(line):
        # Japanese has no capitals: a heading is a short line that is not a sentence
        return len(line) <= 40 and not _CJK_STOP_RE.search(line[:-1]) and line[-1] not in "。！？!?．"
    words = line.split()
    if len(words) > 22:
        return False
    if line[-1] in ".!?;,:" and not line.endswith(("...", "…")):
        return False
    if _LIST_RE.match(line) or _TABLE_RE.match(line):
        return False
    # mostly capitalised words, or a markdown heading
    if _MD_HEADING_RE.match(line):
        return True
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 3 or caps / len(words) >= 0.5


def paragraphs(text: str) -> list[Paragraph]:
    """Each non-blank line is a paragraph; list items, table rows and headings are marked."""
    out = []
    for a, b in _lines(text):
        a, b = _strip_span(text, a, b)
        if a >= b:
            continue
        line = text[a:b]
        if _TABLE_RE.match(line):
            kind = "table"
        elif _LIST_RE.match(line):
            kind = "list"
        elif _MD_HEADING_RE.match(line) or is_headline_like(line):
            kind = "heading"
        else:
            kind = "text"
        out.append(Paragraph(a, b, kind))
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    words = set()
    for line in resource_path("abbreviations.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)


# A candidate boundary: sentence punctuation, optional closing quotes/brackets, white space. It starts
# only at the first mark of a run and never gives back what it matched (possessive), so a run of 60,000
# dots is one failed attempt, not 60,000 attempts of 60,000 steps each.
_BOUNDARY_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s+")
#: no abbreviation is longer than this: the word before a dot is looked for this far back, no further
_LONGEST_ABBREVIATION = 40


def _word_before(text: str, para_start: int, dot_end: int) -> str | None:
    """The token that ends at dot_end, found by walking back to white space (at most a short way)."""
    i, floor = dot_end, max(para_start, dot_end - _LONGEST_ABBREVIATION - 1)
    while i > floor and not text[i - 1].isspace():
        i -= 1
    if i == floor and i > para_start and not text[i - 1].isspace():
        return None  # a token longer than any abbreviation
    return text[i:dot_end] or None


# In Japanese: a full stop or an exclamation or question mark, with any closing brackets; no space follows
_CJK_BOUNDARY_RE = re.compile(r"[。！？]+[」』）】〕\)”’\"]*|[!?]+(?=[\u3040-\u30ff\u4e00-\u9fff「『（])")
_CJK_OPEN, _CJK_CLOSE = "「『（【〔(", "」』）】〕)"


def _cjk_sentences(text: str, p: Paragraph, pi: int) -> list[Sentence]:
    """Split a Japanese paragraph after 。！？, never inside brackets: 「…。…」と述べた。 is one sentence."""
    out: list[Sentence] = []
    start = p.start
    depth = 0
    pos = p.start
    for m in _CJK_BOUNDARY_RE.finditer(text, p.start, p.end):
        for ch in text[pos : m.start()]:
            if ch in _CJK_OPEN:
                depth += 1
            elif ch in _CJK_CLOSE:
                depth = max(0, depth - 1)
        closers = sum(1 for ch in m.group(0) if ch in _CJK_CLOSE)
        pos = m.end()
        depth_after = max(0, depth - closers)
        following = text[m.end() : m.end() + 1]
        # inside a quotation, or a quotation the sentence goes on after (「…。」と述べた)
        if depth_after > 0 or (closers and following and following in "とって、"):
            depth = depth_after
            continue
        depth = 0
        a, b = _strip_span(text, start, m.end())
        if a < b:
            out.append(Sentence(a, b, pi))
        start = m.end()
    a, b = _strip_span(text, start, p.end)
    if a < b:
        out.append(Sentence(a, b, pi))
    return out


def _is_abbreviation(text: str, para_start: int, dot_end: int) -> bool:
    """Does the token ending at dot_end (just after a '.') look like an abbreviation?"""
    word = _word_before(text, para_start, dot_end)
    if not word:
        return False
    token = word.lstrip("(\"'“‘[")
    low = token.lower()
    if low in _abbreviations():
        return True
    core = token.rstrip(".")
    if len(core) == 1 and core.isalpha():  # an initial: "J. Smith"
        return True
    return re.fullmatch(r"(?:[A-Za-z]\.){2,}", token) is not None  # U.S., e.g., U.K.


def sentences(text: str, paras: list[Paragraph] | None = None) -> list[Sentence]:
    """Split each paragraph into sentences; never across paragraph boundaries.

    Bullet lines, list items, table rows and headings are single segments.
    """
    if paras is None:
        paras = paragraphs(text)
    out: list[Sentence] = []
    for pi, p in enumerate(paras):
        if p.kind in ("table", "heading"):
            out.append(Sentence(p.start, p.end, pi))
            continue
        if has_cjk(text[p.start : p.end]) and _CJK_STOP_RE.search(text, p.start, p.end):
            out.extend(_cjk_sentences(text, p, pi))
            continue
        start = p.start
        for m in _BOUNDARY_RE.finditer(text, p.start, p.end):
            punct_end = m.start() + len(m.group(0).rstrip())
            nxt = m.end()
            if nxt >= p.end:
                break
            following = text[nxt]
            if not (following.isupper() or following.isdigit() or following in "\"'“‘([$£€¥"):
                continue
            if text[m.start()] == "." and _is_abbreviation(text, start, m.start() + 1):
                continue
            a, b = _strip_span(text, start, punct_end)
            if a < b:
                out.append(Sentence(a, b, pi))
            start = nxt
        a, b = _strip_span(text, start, p.end)
        if a < b:
            out.append(Sentence(a, b, pi))
    return out


# --------------------------------------------------------------------------- titles


def derive_title(text: str, paras: list[Paragraph], sents: list[Sentence]) -> tuple[str, bool]:
    """Return (title, derived).

    A short headline-like first line is the title; otherwise the first sentence,
    shortened at a word boundary, is the title and it is marked derived.
    """
    if not paras:
        return "(untitled)", True
    first = paras[0]
    line = text[first.start : first.end]
    if len(paras) > 1 and is_headline_like(line):
        return line.strip().lstrip("#").strip(), False
    sent = next((s for s in sents if s.start >= first.start), None)
    candidate = text[sent.start : sent.end] if sent else line
    candidate = " ".join(candidate.split())
    if len(candidate) > 110:
        cut = candidate.rfind(" ", 0, 100)
        candidate = candidate[: cut if cut > 40 else 100].rstrip(",;:—– ") + "…"
    return candidate, True


# --------------------------------------------------------------------------- boilerplate


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    reason: str


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Patterns from resources/boilerplate.txt: 'reason<TAB>regex' per line."""
    pats = []
    for line in resource_path("boilerplate.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reason, _, rx = line.partition("\t")
        pats.append((re.compile(rx.strip(), re.IGNORECASE), reason.strip()))
    return tuple(pats)


def boilerplate(text: str, paras: list[Paragraph]) -> list[Boilerplate]:
    """Scrape debris: sign-up prompts, calls to comment or share, image credits, repeated headings.

    Whole lines are marked (the debris is kept in the text and shown dimmed).
    A one- or two-word line next to debris ("Success") is debris too.
    """
    marked: dict[int, str] = {}
    seen_headings: set[str] = set()
    for i, p in enumerate(paras):
        line = text[p.start : p.end]
        for rx, reason in _boilerplate_patterns():
            if rx.search(line):
                marked[i] = reason
                break
        else:
            if p.kind == "heading" and i > 0 and _line_words(line) >= 3:
                key = " ".join(line.lower().split())
                if key in seen_headings:
                    marked[i] = "repeated heading"
                seen_headings.add(key)
    for i, p in enumerate(paras):
        if i in marked:
            continue
        line = text[p.start : p.end]
        short = _line_words(line) <= 2 and not any(ch.isdigit() for ch in line)
        beside_debris = (i - 1 in marked and marked[i - 1] != "repeated heading") or (
            i + 1 in marked and marked[i + 1] != "repeated heading"
        )
        if short and beside_debris:
            marked[i] = "debris next to " + (marked.get(i + 1) or marked.get(i - 1) or "")
    return [Boilerplate(paras[i].start, paras[i].end, r) for i, r in sorted(marked.items())]


def in_spans(start: int, end: int, spans) -> bool:
    """True if [start, end) overlaps any of the (sorted or not) spans."""
    return any(s.start < end and start < s.end for s in spans)
