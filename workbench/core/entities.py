"""From raw recogniser output to clean, normalised mentions of canonical entities.

Three steps, each testable on its own:

* :func:`clean` applies the news-specific rules to one article's raw mentions
  (what the statistical model gets wrong) and attaches normalised values;
* :class:`Resolver` maps each cleaned mention to one entity per real-world thing
  (gazetteer aliases, corporate suffixes, acronyms defined in the text, later short
  forms of a person's name), creating entities in the store as needed;
* :mod:`extraction` runs both over every article whose extraction is missing or
  stale, in batches, with progress and cancel, and writes through the store.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import values as V
from .kinds import ALL_TYPES, NAME_TYPES, VALUE_TYPES  # noqa: F401  (ALL_TYPES re-exported)
from .models import Amount, Count, DateValue, Duration, Money, Percent, Value
from .nlp import RawMention, gazetteer
from .resources import resource_path
from .text import CJK_RE

#: bump when the rules below change, so cached extractions are redone
RULES_VERSION = "11"

_QUOTES = "\"'“”‘’«»「」『』"
#: Japanese company forms, before or after the name: 株式会社ソニー, ソニー(株)
_JA_LEGAL_RE = re.compile(
    r"^(?:株式会社|有限会社|合同会社|[(（]株[)）]|㈱)\s*|\s*(?:株式会社|有限会社|合同会社|[(（]株[)）]|㈱)$"
)
#: honorifics and titles after a Japanese name: 田中一郎氏, 森本社長
_JA_HONORIFIC_RE = re.compile(r"(?:氏|さん|様|君|会長|社長|副社長|首相|大臣|長官|知事|市長|教授)$")
_LEGAL_RE = re.compile(
    r"(?:[\s,]+(?:corp(?:oration)?|inc(?:orporated)?|co|company|ltd|limited|llc|plc|k\.?\s?k|ag|s\.?a|gmbh|"
    r"n\.?v|pte|pty|l\.?p)\.?)+$",
    re.I,
)
_ORG_HEADS = {
    "organization",
    "organisation",
    "agency",
    "institute",
    "ministry",
    "council",
    "commission",
    "authority",
    "bank",
    "association",
    "corporation",
    "company",
    "foundation",
    "university",
    "office",
    "bureau",
    "department",
    "board",
    "centre",
    "center",
    "fund",
    "society",
    "federation",
    "union",
    "committee",
    "laboratory",
    "laboratories",
    "group",
    "industry",
    "development",
}
_GLUE_RE = re.compile(r"(?<=[a-z])(Published|Updated|Posted|Share|Advertisement)$")
_PRODUCT_RE = re.compile(r"^[A-Za-z]+-?\d[\w.]*$")
_MONTH_WORDS = set(V.MONTHS)
_FUNCTION_WORDS = {
    "of",
    "and",
    "or",
    "for",
    "the",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "a",
    "an",
    "as",
}
_NUMBER_WORDS = set(V.NUMBER_WORDS) | {"hundred", "thousand", "million", "billion"}


@lru_cache(maxsize=1)
def _ja_company_forms() -> tuple[tuple[str, ...], frozenset[str]]:
    """(endings of Japanese company names, whole words that end so but are no company):
    resources/company_forms.ja.txt."""
    lines = resource_path("company_forms.ja.txt").read_text(encoding="utf-8").splitlines()
    words = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    return tuple(w for w in words if not w.startswith("!")), frozenset(
        w[1:] for w in words if w.startswith("!")
    )


def _ja_company(piece: str) -> bool:
    """A Japanese name that ends like a company's (名村造船所, 川崎重工業), not a common noun (電気自動車)."""
    if not CJK_RE.search(piece) or re.search(r"[\s、。]", piece):
        return False
    endings, never = _ja_company_forms()
    return piece not in never and any(piece.endswith(e) and len(piece) > len(e) for e in endings)


@lru_cache(maxsize=1)
def not_entities() -> frozenset[str]:
    lines = resource_path("not_entities.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def name_key(surface: str) -> str:
    """The resolution key of a name: no articles, possessives, legal suffixes, case or odd spacing."""
    s = surface
    for q in "’‘`´":
        s = s.replace(q, "'")
    s = " ".join(s.split()).strip(_QUOTES + " .,;:")
    s = re.sub(r"^(?:the|a|an)\s+", "", s, flags=re.I)
    s = re.sub(r"'s$", "", s)
    s = _JA_LEGAL_RE.sub("", s) or s
    stripped = _LEGAL_RE.sub("", s)
    if stripped.strip():
        s = stripped
    return s.strip(" .,").lower()


@lru_cache(maxsize=1)
def _short_form_words() -> tuple[str, ...]:
    from .resources import resource_path

    lines = resource_path("short_forms.txt").read_text(encoding="utf-8").splitlines()
    words = [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]
    return tuple(sorted(words, key=len, reverse=True))


def short_key(key: str) -> str | None:
    """The key of a company's short name: "toyota motor" -> "toyota" (resources/short_forms.txt); None
    when the name has no such trailing word or nothing would be left."""
    for w in _short_form_words():
        if key.endswith(" " + w) and len(key) > len(w) + 2:
            return key[: -len(w) - 1].strip()
    return None


def compact_key(key: str) -> str | None:
    """A second key without spaces, punctuation or a web suffix; prefixed so it never equals a real key."""
    k = re.sub(r"\.(?:com|net|org|co\.uk|co\.jp)$", "", key)
    k = re.sub(r"[^0-9a-z]+", "", k)
    return f"~{k}" if len(k) >= 4 else None


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, tuple[str, str]]:
    """name key -> (canonical name, type) for every gazetteer surface."""
    index: dict[str, tuple[str, str]] = {}
    for entry in gazetteer():
        for surface in [entry["name"], *entry.get("aliases", [])]:
            index.setdefault(name_key(surface), (entry["name"], entry["type"]))
    return index


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    type: str
    source: str  # model | gazetteer | rule
    value: Value | None = None
    key: str = ""
    name: str = ""  # preferred display name for a new entity
    weak: bool = False  # in a heading or list label: kept only when the name is known
    extra_keys: list[str] = field(default_factory=list)  # acronyms defined next to it
    # a reference ("the company", 同社, core/anaphora.py): the candidate it refers to, whose entity it takes
    refers_to: Candidate | None = None


# ---------------------------------------------------------------------------- cleaning


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip determiners, quotes, punctuation and possessives from the edges of a name."""
    # Japanese brackets and punctuation: 「ハイドロリンク」, 日立製作所、
    while start < end and text[start] in "「『（【〔・、":
        start += 1
    while end > start and text[end - 1] in "」』）】〕・、。":
        end -= 1
    changed = True
    while changed and start < end:
        changed = False
        piece = text[start:end]
        m = re.match(r"(?:the|a|an)\s+|[\s" + re.escape(_QUOTES) + r"(\[#*•\-–—,;:]+", piece, re.I)
        if m and m.end() < len(piece):
            start += m.end()
            changed = True
            continue
        m = re.search(r"(?:['’]s|[\s" + re.escape(_QUOTES) + r")\].,;:!?*]+)$", piece)
        if m and m.start() > 0:
            if piece.endswith(".") and _keeps_dot(piece):
                if m.end() - m.start() == 1:
                    break
                end = start + m.start() + (1 if piece[m.start()] == "." else 0)
                if end == start + len(piece):
                    break
            else:
                end = start + m.start()
            changed = True
    return start, end


def _keeps_dot(piece: str) -> bool:
    """'Acme Corp.', 'U.S.', 'J.': the final dot belongs to the name."""
    from .text import _abbreviations

    last = piece.split()[-1] if piece.split() else ""
    core = last.rstrip(".")
    return (
        last.lower() in _abbreviations()
        or bool(re.fullmatch(r"(?:[A-Za-z]\.)+", last))
        or (len(core) == 1 and core.isalpha())
    )


def _mask(text: str, spans) -> str:
    """Blank out boilerplate so the recogniser never sees it and offsets stay the same."""
    if not spans:
        return text
    chars = list(text)
    for s in spans:
        for i in range(s.start, s.end):
            if chars[i] not in "\n\u2028\u2029":
                chars[i] = " "
    return "".join(chars)


def masked_text(text: str, boilerplate) -> str:
    return _mask(text, boilerplate)


def _para_at(paragraphs, starts, pos):
    from bisect import bisect_right

    i = bisect_right(starts, pos) - 1
    if i >= 0 and paragraphs[i][0] <= pos < paragraphs[i][1]:
        return paragraphs[i]
    return None


def _sentence_context(text: str, start: int, end: int) -> tuple[str, str]:
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + 80)
    return text[line_start:start], text[end:line_end]


def _is_weak_position(text: str, para, start: int) -> bool:
    if para is None:
        return False
    p_start, p_end, kind = para
    if kind == "heading":
        return True
    if kind == "table":
        # the first cell of a row is a label ("Founding Partners"), the others hold names
        first_bar = text.find("|", p_start, p_end)
        second_bar = text.find("|", first_bar + 1, p_end) if first_bar >= 0 else -1
        return second_bar < 0 or start < second_bar
    if kind == "list":
        colon = text.find(":", p_start, p_end)
        return colon >= 0 and start < colon and colon - p_start < 80
    return False


def _glues(ch: str) -> bool:
    """Is this character part of the word next to a figure? (Japanese characters never are.)"""
    return ch.isalnum() and not CJK_RE.match(ch)


def _date_is_concrete(t: str) -> bool:
    low = t.lower()
    if any(ch.isdigit() for ch in low) or "元年" in low:
        return True
    words = set(re.findall(r"[a-z]+", low))
    return bool(words & _MONTH_WORDS) or bool(words & _NUMBER_WORDS) or low in ("today", "yesterday")


_DOMAIN_RE = re.compile(
    r"(?<![\w/@.:-])([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|news|info|io|ai|jp|kr|cn|de|fr|uk|au|ca|in|"
    r"co\.kr|co\.jp|co\.uk|com\.au|com\.cn))(?![\w/-])",
    re.I,
)


def domain_mentions(masked: str) -> list[RawMention]:
    """Outlets cited by their bare domain ("… semiconductors koreadaily.com."), outside URLs and boilerplate."""
    return [RawMention(m.start(1), m.end(1), "ORG", "rule") for m in _DOMAIN_RE.finditer(masked)]


def clean(
    text: str, raw: list[RawMention], paragraphs: list[tuple[int, int, str]], published: str | None = None
) -> list[Candidate]:
    """Apply the extraction rules to one article's raw mentions; attach values and keys."""
    starts = [p[0] for p in paragraphs]
    known = gazetteer_index()
    stop = not_entities()
    cands: list[Candidate] = []
    for m in sorted(raw, key=lambda r: (r.start, -r.end)):
        start, end, label, source = m.start, m.end, m.label, m.source
        piece = text[start:end]
        # an entity never crosses a line
        if "\n" in piece or "\u2029" in piece or "\u2028" in piece:
            continue
        if label in NAME_TYPES and source == "model" and sum(1 for ch in piece if ch in '"“”') % 2:
            continue  # 'a "National Champion': a fragment of a phrase in quotes
        if source == "gazetteer" and m.ent_id and m.ent_id != piece and text.startswith(m.ent_id, start):
            end = start + len(m.ent_id)  # "Jiji" in "Jiji PressPublished" is Jiji Press
            piece = text[start:end]
        if label in NAME_TYPES:
            g = _GLUE_RE.search(piece)
            if g:
                end = start + g.start()
                source = "rule"
            start, end = _trim(text, start, end)
            piece = text[start:end]
            possessive = "’s" in text[m.start : m.end][-2:] or "'s" in text[m.start : m.end][-2:]
            if possessive and name_key(piece) not in known and source == "model":
                continue  # "Leading Japan’s": a possessive modifier, not an organisation
            # "Mitsubishi Corporation and Gazprom": two names, the first ending in a corporate suffix
            pair = _SUFFIX_AND.match(piece) if label == "ORG" else None
            if pair:
                a, b = start, start + pair.end(1)
                c2 = start + pair.start(2)
                cands.append(Candidate(a, b, text[a:b], label, "rule"))
                cands.append(Candidate(c2, end, text[c2:end], label, "rule"))
                continue
            # "Nippon.com / Jiji Press": two names
            if " / " in piece:
                offset = start
                for part in piece.split(" / "):
                    a, b = _trim(text, offset, offset + len(part))
                    if b > a:
                        cands.append(Candidate(a, b, text[a:b], label, "rule"))
                    offset += len(part) + 3
                continue
        if not piece or not any(ch.isalnum() for ch in piece) or piece in stop:
            continue
        if label in NAME_TYPES and source == "model" and piece.split()[-1].lower() in _FUNCTION_WORDS:
            continue  # "Inclusion of": a name does not end in a function word
        if label in NAME_TYPES and piece.strip(_QUOTES).strip() in stop:
            continue
        if label == "PERSON" and _JA_HONORIFIC_RE.search(piece) and CJK_RE.search(piece):
            honorific = _JA_HONORIFIC_RE.search(piece)
            assert honorific is not None
            end = start + honorific.start()  # 田中一郎氏 -> 田中一郎
            piece = text[start:end]
            if not piece:
                continue
        if label == "PERSON" and source == "model":
            if _PRODUCT_RE.match(piece):
                label, source = "PRODUCT", "rule"
            elif (
                piece.split()[-1] in ("AI", "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "Group")
                or sum(1 for ch in piece if ch in _QUOTES) % 2
            ):
                continue
        if label in NAME_TYPES and sum(1 for ch in piece if ch in '"“”') % 2:
            continue  # unbalanced quotes: a fragment of a phrase in quotes
        if label in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
            before_ch = text[start - 1] if start > 0 else " "
            after_ch = text[end] if end < len(text) else " "
            # in Japanese a figure sits right against the words around it: only Latin letters and digits glue
            if _glues(before_ch) or (_glues(after_ch) and label != "MONEY") or after_ch == "/":
                continue  # glued to a word: "5G/6", "GPT-4"
        if "|" in piece:
            if label in NAME_TYPES:
                continue  # a name never crosses a table cell
            start += piece.rindex("|") + 1  # "Investor | 20%": the value is the last cell's
            start, end = _trim(text, start, end)
            piece = text[start:end]
        if label == "DATE" and not _date_is_concrete(piece):
            continue
        para = _para_at(paragraphs, starts, start)
        weak = source == "model" and label in NAME_TYPES and _is_weak_position(text, para, start)
        cands.append(Candidate(start, end, text[start:end], label, source, weak=weak))

    for c in cands:
        # GiNZA takes a company it does not know for a product, a person or a place: 名村造船所/PRODUCT
        if (
            c.source == "model"
            and c.type in ("PRODUCT", "PERSON", "GPE", "LOC", "NORP")
            and _ja_company(c.text)
        ):
            c.type = "ORG"
    phrases = lru_cache(maxsize=1)(lambda: _lower_phrases(text))  # built only if a candidate needs it
    cands = [c for c in cands if not _common_words(c, phrases, known)]
    cands = _merge_split_names(text, cands)
    cands = _complete_lists(text, cands)
    cands = _short_line_names(text, cands, paragraphs)
    _attach_values(text, cands, published)
    cands = [
        c for c in cands if c.value is not None or c.type not in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY")
    ]
    _assign_keys(text, cands)
    # weak mentions survive only when the same name is known from the gazetteer or the body text
    strong = {c.key for c in cands if not c.weak}
    cands = [c for c in cands if not c.weak or c.key in strong or c.key in known]
    return _drop_overlaps(cands)


_LIST_ITEM = re.compile(
    r"(?:[A-Z0-9][\w.&'’-]*)(?:\s+(?:[A-Z0-9&][\w.&'’-]*|of|de|and(?=\s+[A-Z][a-z]+\s+(?:Co|Corp|Inc|Ltd)\b)))*"
)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s*[–—]\s*|\s*/\s*)")


_SUFFIX_AND = re.compile(
    r"^(.+?\b(?:Corporation|Corp\.?|Inc\.?|Ltd\.?|Group|plc|PLC|AG|SA|S\.A\.|NV|N\.V\.|Co\.|Holdings|GmbH|SE|ASA|AB))"
    r"\s+(?:and|&)\s+([A-Z].*)$"
)


def _strip_dot(text: str, start: int, end: int) -> int:
    """A sentence's full stop is not part of the last name; an abbreviation's dot is ("Corp.")."""
    if text[end - 1 : end] == "." and not re.search(
        r"\b(?:Corp|Inc|Ltd|Co|Bhd|Pte|Plc|Cie|S\.A|N\.V|A\.G)\.$", text[start:end]
    ):
        return end - 1
    return end


_GROUP_NOUN = re.compile(
    r"\b(?:companies|firms|groups|banks|lenders|carriers|partners|members|investors|shareholders|backers|"
    r"corporations|airlines|operators|makers|manufacturers|producers|utilities|insurers|conglomerates|"
    r"automakers|carmakers|chipmakers|miners|retailers|telecoms|brands|businesses|founders)\b[^.]{0,12}$",
    re.I,
)
_TITLE_NAME = re.compile(
    r"^(?:[A-Z][\w.&'’-]*|[A-Z0-9]{2,}[\w&-]*)(?:\s+(?:[A-Z0-9][\w.&'’-]*|&|of|de|and|für))*$"
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣–]|\d+[.)])\s+")


def _short_line_names(text: str, cands: list[Candidate], paragraphs) -> list[Candidate]:
    """Names standing alone on short lines: a list item ("- Codelco") or a table cell ("| Tata Steel |").

    The model rarely tags a name with no sentence around it; a Title Case item of at most five words that
    is not a known common word or a role label becomes an organisation (the analyst can fix the type).
    """
    from .roles import lexicon

    lex = lexicon("en")
    stop = not_entities()
    covered = [(c.start, c.end) for c in cands]
    out = list(cands)
    for start, end, *_rest in paragraphs:
        for line_m in re.finditer(r"[^\n]+", text[start:end]):
            ls = start + line_m.start()
            line = line_m.group(0)
            pieces: list[tuple[int, int]] = []
            if line.count("|") >= 2:
                if re.fullmatch(r"[\s|:-]+", line):
                    continue
                pieces = [(ls + c.start(), ls + c.end()) for c in re.finditer(r"[^|]+", line)]
            else:
                b = _BULLET.match(line)
                if b and len(line) - b.end() <= 60:
                    pieces = [(ls + b.end(), ls + len(line))]
            for a, z in pieces:
                while a < z and text[a].isspace():
                    a += 1
                while z > a and text[z - 1] in " \t.,;:":
                    z -= 1
                piece = text[a:z]
                if not piece or len(piece.split()) > 5 or not _TITLE_NAME.match(piece) or piece in stop:
                    continue
                if piece.lower() in stop or lex.noun_in_text(piece):
                    continue
                same = [c for c in out if c.start == a and c.end == z and c.type in NAME_TYPES]
                if same:
                    for c in same:
                        c.weak = False  # a name alone in a cell or an item is the cell's content
                    continue
                if any(x < z and a < y for x, y in covered):
                    continue
                if piece.lower() in ("company", "name", "role", "stake", "type", "total", "notes", "source"):
                    continue
                out.append(Candidate(a, z, piece, "ORG", "rule"))
                covered.append((a, z))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _complete_lists(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A coordinated list of names in which most items are organisations makes its other capitalised items
    organisations too ("Maersk, MSC, Hapag-Lloyd and CMA CGM": the model found two). A person or place
    the model saw inside such a list becomes an organisation when the list has at least two."""
    orgs = [c for c in cands if c.type == "ORG"]
    if not orgs:
        return cands
    by_start = {c.start: c for c in cands}
    out = list(cands)
    covered = [(c.start, c.end) for c in cands]
    done: set[int] = set()
    for c in orgs:
        if c.start in done:
            continue
        # walk right from this organisation over separators and capitalised items, then left
        items = [(c.start, c.end)]
        pos = c.end
        while len(items) < 30:
            sep = _LIST_SEP.match(text, pos)
            item = _LIST_ITEM.match(text, sep.end()) if sep else None
            if not sep or not item or "\n" in text[pos : item.end()] or item.end() - item.start() > 60:
                break
            items.append((item.start(), _strip_dot(text, item.start(), item.end())))
            pos = items[-1][1]
        left = text[max(0, c.start - 240) : c.start]
        back = re.search(r"(?:" + _LIST_ITEM.pattern + _LIST_SEP.pattern + r")+$", left)
        if back and "\n" not in back.group(0):
            base = c.start - len(left) + back.start()
            for item in _LIST_ITEM.finditer(text, base, c.start):
                if item.end() - item.start() <= 60 and not text[item.start() : item.end()].startswith(
                    ("and ", "&")
                ):
                    items.append((item.start(), _strip_dot(text, item.start(), item.end())))
        if len(items) < 2:
            continue
        n_org = sum(1 for a, _b in items if a in by_start and by_start[a].type == "ORG")
        group_noun = _GROUP_NOUN.search(
            text[max(0, min(a for a, _ in items) - 40) : min(a for a, _ in items)]
        )
        if len(items) < 3 and not all(
            a in by_start and by_start[a].type in ("ORG", "PRODUCT", "PERSON") for a, _ in items
        ):
            continue
        pair = len(items) == 2 and n_org == 1
        if n_org < 1 or (n_org * 3 < len(items) and not group_noun) or (len(items) == 2 and not pair):
            continue
        for a, b in items:
            done.add(a)
            existing = by_start.get(a)
            if existing is not None:
                if existing.type in ("PERSON", "GPE", "NORP", "PRODUCT") and existing.source in (
                    "model",
                    "rule",
                ):
                    existing.type, existing.source = "ORG", "rule"
                continue
            if any(x < b and a < y for x, y in covered):
                continue
            piece = text[a:b]
            if not piece or piece.lower() in ("and", "the") or len(piece) < 2:
                continue
            out.append(Candidate(a, b, piece, "ORG", "rule"))
            covered.append((a, b))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


_TOKEN_RE = re.compile(r"\w+")


def _lower_phrases(text: str) -> frozenset[str]:
    """Every run of one to three words in text that could show a name's words in lower case elsewhere: the
    words joined by single spaces, not at the start of the text nor right after a sentence's end or a word
    and white space (the rule of _common_words). Built once per article in one pass: checking each candidate
    with a search through the whole text made a 1 MB article quadratic."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    out: set[str] = set()
    for i, (start, _end, word) in enumerate(tokens):
        if start == 0 or not word.isalpha():
            continue
        before = text[start - 2] if start >= 2 else ""
        if before and text[start - 1].isspace() and (before in ".!?" or _TOKEN_RE.match(before)):
            continue
        phrase, last_end = word, _end
        out.add(phrase)
        for nxt_start, nxt_end, nxt in tokens[i + 1 : i + 3]:
            if nxt_start != last_end + 1 or text[last_end] != " " or not nxt.isalpha():
                break
            phrase += " " + nxt
            last_end = nxt_end
            out.add(phrase)
    return frozenset(out)


def _common_words(c: Candidate, phrases, known) -> bool:
    """A capitalised common phrase the model took for a name ("White Paper", "Skills"): the same words appear
    in lower case elsewhere in the article. Gazetteer names and acronyms are never dropped."""
    if c.source != "model" or c.type not in ("ORG", "PERSON", "PRODUCT") or name_key(c.text) in known:
        return False
    words = c.text.split()
    if len(words) > 3 or any(not w.isalpha() or w.isupper() for w in words):
        return False
    return " ".join(w.lower() for w in words) in phrases()


def _merge_split_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'New Energy' + 'and' + 'Industrial Technology Development Organization' -> one name."""
    out: list[Candidate] = []
    for c in cands:
        if out and c.type == "ORG" and out[-1].type == "ORG":
            prev = out[-1]
            between = text[prev.end : c.start]
            last_word = c.text.split()[-1].lower().strip(".,")
            first_word = prev.text.split()[0].lower()
            short_tail = len(c.text.split()) <= 3 and all(w[:1].isupper() for w in c.text.split())
            # "… and Industrial Technology Development Organization"; "Department for Education and Skills"
            if between in (" and ", " of ", " for ", " & ") and (
                last_word in _ORG_HEADS or (first_word in _ORG_HEADS and short_tail and between == " and ")
            ):
                out[-1] = Candidate(prev.start, c.end, text[prev.start : c.end], "ORG", "rule")
                continue
        out.append(c)
    return out


def _attach_values(text: str, cands: list[Candidate], published: str | None) -> None:
    reference = V.reference_month([c.text for c in cands if c.type == "DATE"], published)
    for _i, c in enumerate(cands):
        before, after = _sentence_context(text, c.start, c.end)
        if c.type == "MONEY":
            # a currency word just after the figure belongs to it: "9.3 trillion won", "$~6.5 billion USD"
            m = re.match(r"\s+(yen|won|yuan|euros?|dollars|pounds|rupees|USD|JPY|EUR|GBP|KRW|CNY)\b", after)
            if m and not any(w in c.text.lower() for w in ("yen", "won", "yuan", "euro", "dollar", "pound")):
                c.end += m.end()
                c.text = text[c.start : c.end]
                before, after = _sentence_context(text, c.start, c.end)
            c.value = V.parse_money(c.text, before, after)
            if c.value is None and CJK_RE.search(c.text):
                c.value = V.parse_count(c.text, before, after)  # GiNZA's "money" 10万トン is a quantity
                c.type = "QUANTITY" if c.value else c.type
        elif c.type == "PERCENT":
            c.value = V.parse_percent(c.text, before, after)
        elif c.type in ("CARDINAL", "QUANTITY"):
            currency = re.match(r"\s+([A-Za-z]+)\b", after)
            if c.type == "CARDINAL" and currency and currency.group(1).lower() in V.CURRENCY_WORDS:
                # "1.2 billion euros": the model read a number, the word after it makes it money
                c.type = "MONEY"
                c.end += currency.end()
                c.text = text[c.start : c.end]
                before, after = _sentence_context(text, c.start, c.end)
                c.value = V.parse_money(c.text, before, after)
            else:
                c.value = V.parse_count(c.text, before, after)
        elif c.type == "DATE":
            c.value = V.parse_date(c.text, before, after, reference, published)
    # a conversion stated beside a figure stays linked to it: "1 trillion yen (approximately $6.3 billion)"
    for base, conv in itertools.pairwise(cands):
        if (
            base.type == conv.type == "MONEY"
            and isinstance(base.value, Money)
            and isinstance(conv.value, Money)
        ):
            between = text[base.end : conv.start]
            if re.fullmatch(
                r"\s*\(\s*(?:approximately|approx\.?|about|around|roughly|some|or|US)?\s*", between, re.I
            ):
                figure, stated = base.value, conv.value
                conv.value = replace(
                    stated, converted_from=Amount(figure.amount, figure.currency, start=base.start)
                )
                base.value = replace(
                    figure,
                    conversions=(*figure.conversions, Amount(stated.amount, stated.currency, stated.approx)),
                )


def _value_key(c: Candidate) -> tuple[str, str]:
    v = c.value
    if c.type == "MONEY" and isinstance(v, Money):
        return f"MONEY|{v.currency}|{v.amount:g}", v.display
    if c.type == "PERCENT" and isinstance(v, Percent):
        return f"PERCENT|{v.percent:g}", v.display
    if c.type in ("CARDINAL", "QUANTITY") and isinstance(v, Count):
        head = (v.unit or "").split()[-1:] or [""]
        return f"{c.type}|{v.number:g}|{head[0].lower()}", v.display
    if c.type == "DATE" and isinstance(v, Duration):
        return f"DATE|{v.period}", v.display
    if c.type == "DATE" and isinstance(v, DateValue) and v.iso:
        return f"DATE|{v.iso}", v.display
    norm = " ".join(c.text.lower().split())
    return f"{c.type}|{norm}", " ".join(c.text.split())


def _assign_keys(text: str, cands: list[Candidate]) -> None:
    known = gazetteer_index()
    persons: dict[str, tuple[str, str]] = {}  # surname -> (full-name key, name), within this article
    for c in cands:
        if c.type in VALUE_TYPES:
            c.key, c.name = _value_key(c)
            continue
        c.key = name_key(c.text)
        g = known.get(c.key)
        if g:
            c.name, c.type = g
            c.key = name_key(g[0])
        else:
            c.name = " ".join(c.text.split()).strip(_QUOTES)
        # an acronym defined right after the name: "... Authority (ERA)", "…開発機構（JST）"
        m = re.match(r"\s*[(（]\s*([A-Z][A-Za-z&]{1,9})\s*[)）]", text[c.end : c.end + 16])
        if m and c.type in ("ORG", "GPE", "LOC", "PRODUCT") and _is_acronym(m.group(1), c.text):
            c.extra_keys.append(name_key(m.group(1)))
        if c.type == "PERSON" and len(c.text.split()) >= 2:
            persons[c.text.split()[-1]] = (c.key, c.name)
        elif c.type == "PERSON" and CJK_RE.search(c.text) and len(c.text) >= 3:
            # a Japanese full name: its family name (the first one to three characters) may come later alone
            for n in (1, 2, 3):
                if len(c.text) - n >= 1:
                    persons.setdefault(c.text[:n], (c.key, c.name))
    # short forms of a person's name ("Smith" for "Brad Smith"), even where the model said ORG; the entity
    # is named by the full name whichever form comes first
    for c in cands:
        if (
            c.type in ("PERSON", "ORG")
            and len(c.text.split()) == 1
            and c.text in persons
            and c.key not in known
        ):
            c.type, (c.key, c.name) = "PERSON", persons[c.text]


def _is_acronym(acr: str, long_form: str) -> bool:
    if CJK_RE.search(long_form) and not re.search(r"[A-Za-z]", long_form):
        return acr.isupper()  # a Japanese name has no letters to check: 国際協力機構（JICA）
    letters = [ch.lower() for ch in acr if ch.isalpha()]
    words = [w for w in re.findall(r"[A-Za-z]+", long_form)]
    if not letters or not words or letters[0] != words[0][0].lower():
        return False
    pool = "".join(words).lower()
    i = 0
    for ch in letters:
        i = pool.find(ch, i)
        if i < 0:
            return False
        i += 1
    return True


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------- resolution


class Resolver:
    """Maps candidate keys to entity ids through the store's alias table."""

    def __init__(self, store):
        self.store = store
        self._seen = store.data_version()
        self.aliases: dict[str, int] = store.entities.alias_map()

    def refresh(self) -> None:
        """Re-read the aliases if another connection wrote since (another extraction made entities, the
        analyst merged two): called inside the write transaction, so what it reads stays true until commit."""
        seen = self.store.data_version()
        if seen != self._seen:
            self._seen = seen
            self.aliases = self.store.entities.alias_map()

    def entity_for(self, c: Candidate) -> int:
        eid = self.aliases.get(c.key)
        compact = compact_key(c.key) if c.type in NAME_TYPES else None
        if eid is None and compact:
            eid = self.aliases.get(compact)  # "TimeWarner" = "Time Warner", "Amazon.com" = "Amazon"
        if eid is None:
            for k in c.extra_keys:
                if k in self.aliases:
                    eid = self.aliases[k]
                    break
        short = short_key(c.key) if c.type == "ORG" else None
        if eid is None and c.type == "ORG":
            # "Toyota Motor Corp." after "Toyota", or "Toyota" after "Toyota Motor Corp." (in any article)
            eid = self.aliases.get(short) if short else self.aliases.get("^" + c.key)
        if eid is None:
            g = gazetteer_index().get(c.key)
            eid = self.store.entities.create(g[0] if g else c.name, g[1] if g else c.type)
            keys = {c.key}
            if g:
                entry = next((e for e in gazetteer() if e["name"] == g[0]), None)
                if entry:
                    keys |= {name_key(s) for s in [entry["name"], *entry.get("aliases", [])]}
            for k in keys:
                if k not in self.aliases:
                    self.store.entities.add_alias(k, eid, "gazetteer" if g else "auto")
                    self.aliases[k] = eid
        for k in c.extra_keys:
            if k not in self.aliases:
                self.store.entities.add_alias(k, eid, "acronym")
                self.aliases[k] = eid
        if compact and compact not in self.aliases:
            self.store.entities.add_alias(compact, eid, "auto")
            self.aliases[compact] = eid
        if short and "^" + short not in self.aliases:
            self.store.entities.add_alias("^" + short, eid, "auto")  # the short form points here
            self.aliases["^" + short] = eid
        return eid


@dataclass(frozen=True)
class MentionRow:
    start: int
    end: int
    text: str
    entity_id: int
    type: str
    value: str | None
    source: str


def resolve(resolver: Resolver, cands: list[Candidate]) -> list[MentionRow]:
    """One mention row per candidate. A reference ("the company", core/anaphora.py) takes the entity of the
    candidate it refers to and never makes an entity or an alias; one whose referent is gone (a later rule
    replaced it) takes the entity of the candidate now at the referent's place, or is left out."""
    # acronyms first, so that a bare "ERA" earlier in the text still finds its long form
    for c in cands:
        if c.extra_keys and c.refers_to is None:
            resolver.entity_for(c)
    names = [c for c in cands if c.refers_to is None]
    eids = {id(c): resolver.entity_for(c) for c in names}
    at = {(c.start, c.end): c for c in names if c.type in NAME_TYPES}
    rows = []
    for c in cands:
        if c.refers_to is not None:
            referent = c.refers_to
            r = referent if id(referent) in eids else at.get((referent.start, referent.end))
            if r is None:
                continue
            eid, kind = eids[id(r)], r.type
        else:
            eid, kind = eids[id(c)], c.type
        value = c.value.to_json() if c.value is not None else None
        rows.append(MentionRow(c.start, c.end, c.text, eid, kind, value, c.source))
    return rows
