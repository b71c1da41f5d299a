"""Who copies whom, found by the text itself rather than by what an article cites.

Each article becomes a set of word 5-shingles; MinHash signatures in an LSH index (datasketch) give the
candidate pairs without comparing every pair; each candidate is then checked sentence by sentence: a
sentence of one article counts as found in the other when most of its shingles occur there
(near-verbatim: a changed word or two still counts). The later article (by publication date, then by
the order of import) repeats the earlier one: "#7 repeats #3: 82% of its sentences".

Results are cached in the project (table ``copies``) under a signature of the article set, so opening
the comparison again does not recompute them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

VERSION = "copies-1"
SHINGLE = 5
CHECK_SHINGLE = 3
NUM_PERM = 64
LSH_THRESHOLD = 0.2
#: a sentence is found in the other article when this share of its shingles occurs there
SENTENCE_CONTAINMENT = 0.6
#: a pair is a copy when this share of one article's sentences (and at least MIN_SENTENCES) is in the other
MIN_SHARE = 0.3
MIN_SENTENCES = 2
#: this many near-verbatim sentences make a copy whatever their share (a long article reusing part of another)
MIN_SHARED_ANYWAY = 3
MIN_SENTENCE_WORDS = 6
#: below this many articles every pair is checked
EXACT_BELOW = 400
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CopyLink:
    copier: int  # the later article
    source: int  # the earlier one
    share: float  # share of the copier's sentences found (near-)verbatim in the source
    sentences: int  # how many of them

    def line(self) -> str:
        return f"#{self.copier} repeats #{self.source}: {self.share:.0%} of its sentences"


@dataclass(frozen=True)
class Doc:
    id: int
    sentences: tuple[str, ...]
    order: tuple = ()  # sorts earlier articles first: (published or "", import order)


#: how many articles' sentence shingles are kept while pairs are checked (each costs ~80 KB); fewer makes the
#: check re-read them (1,000: 3× slower at 5,000 articles)
PREPARED_KEPT = 5000  # bounds the check at ~400 MB whatever the project size


def _shingles(words: list[str], size: int = SHINGLE) -> set[int]:
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class _Prepared:
    __slots__ = ("all", "doc", "per_sentence")

    def __init__(self, doc: Doc):
        self.doc = doc
        sentence_words = [_words(s) for s in doc.sentences]
        # the check uses shorter shingles than the index, so that a changed word or two still counts
        self.per_sentence = [
            _shingles(w, CHECK_SHINGLE) for w in sentence_words if len(w) >= MIN_SENTENCE_WORDS
        ]
        self.all = _shingles([w for ws in sentence_words for w in ws], CHECK_SHINGLE)


def sentence_share(a: _Prepared, b: _Prepared) -> tuple[float, int]:
    """Share (and number) of a's sentences found near-verbatim in b."""
    if not a.per_sentence:
        return 0.0, 0
    found = sum(1 for sh in a.per_sentence if sh and len(sh & b.all) >= SENTENCE_CONTAINMENT * len(sh))
    return found / len(a.per_sentence), found


def find_copies(
    docs: Iterable[Doc],
    progress: Callable[[int, int, str], None] | None = None,
    cancel=None,  # a threading.Event (is_set) as ui/tasks.py passes
) -> tuple[list[CopyLink], int]:
    """Copy links among the documents, and the number of candidate pairs the LSH index proposed."""
    from datasketch import MinHash, MinHashLSH

    docs = list(docs)
    template = MinHash(num_perm=NUM_PERM, hashfunc=int)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    total = len(docs)
    for i, d in enumerate(docs):
        if cancel is not None and i % 1000 == 0 and cancel.is_set():
            return [], 0
        if progress is not None and i % 2000 == 0:
            progress(i, total * 2, "finding copies: signatures")
        shingles = _shingles([w for s in d.sentences for w in _words(s)])
        if not shingles:
            continue
        # the shingle sets are not kept: a 100,000-article project would not fit in memory
        m = MinHash(
            num_perm=NUM_PERM, hashfunc=int, permutations=template.permutations, scheme=template.scheme
        )
        m.update_batch(list(shingles))
        signatures[i] = m
        lsh.insert(i, m, check_duplication=False)
    prepared: dict[int, _Prepared] = {}

    def get(i: int) -> _Prepared:
        p = prepared.get(i)
        if p is None:
            if len(prepared) > PREPARED_KEPT:
                prepared.clear()
            p = prepared[i] = _Prepared(docs[i])
        return p

    links = []
    candidates = 0
    for i, m in signatures.items():
        if cancel is not None and i % 1000 == 0 and cancel.is_set():
            return [], 0
        if progress is not None and i % 2000 == 0:
            progress(total + i, total * 2, "finding copies: checking pairs")
        # a small set (a story being compared) is checked pair by pair: LSH only pays off at scale and
        # misses a short article that repeats part of a long one
        near = range(i + 1, total) if total <= EXACT_BELOW else lsh.query(m)
        for j in near:
            if j <= i or j not in signatures:
                continue
            candidates += 1
            a, b = get(i), get(j)
            early, late = (a, b) if (a.doc.order, a.doc.id) <= (b.doc.order, b.doc.id) else (b, a)
            share_late, n_late = sentence_share(late, early)
            share_early, _ = sentence_share(early, late)
            if (
                n_late >= MIN_SENTENCES and max(share_late, share_early) >= MIN_SHARE
            ) or n_late >= MIN_SHARED_ANYWAY:
                links.append(CopyLink(late.doc.id, early.doc.id, round(share_late, 3), n_late))
    links.sort(key=lambda link: (link.copier, link.source))
    return links, candidates


def docs_from_store(store) -> list[Doc]:
    """Every article as its sentences (scrape debris left out), earliest first."""
    out = []
    for aid, text, published, spans in store.copies.inputs():
        out.append(Doc(aid, tuple(text[a:b] for a, b in spans), (published or "9999", aid)))
    return out


def ensure(store, progress=None, cancel=None) -> list[CopyLink]:
    """The project's copy links, from the cache when the articles have not changed since."""
    signature = f"{VERSION}:{store.copies.signature()}"
    if store.get_meta("copies_signature") == signature:
        return store.copies.links()
    links, _ = find_copies(docs_from_store(store), progress, cancel)
    if cancel is not None and cancel.is_set():
        return links
    if not store.readonly:
        store.copies.replace_links(links, signature)
    return links


def cached(store) -> list[CopyLink]:
    """The links found last time, without computing anything (empty before the first run)."""
    return store.copies.links()
