"""The extraction pipeline: every article whose cached extraction is missing or stale, in batches.

A cached extraction is keyed by the article's content hash and the version of the model,
the rules and the resources together, so reopening a project never runs the model again.
"""

from __future__ import annotations

import os

from .entities import RULES_VERSION, Resolver, clean, domain_mentions, masked_text, resolve
from .nlp import resources_fingerprint


def current_version() -> str:
    """Model, rules and resources together: a cached extraction is reused only when all three match."""
    from .nlp import model_version

    return f"{model_version()}+rules{RULES_VERSION}+res{resources_fingerprint()}"


#: a batch with this much text is worth a second process even when it is one article (a 1 MB article)
PARALLEL_CHARS = 300_000


def _processes(total: int, texts: list[str], cores: int) -> int:
    """Worker processes for a batch: two for a large import or a lot of text, where starting them pays."""
    if cores < 2:
        return 1
    if (total >= 400 and len(texts) >= 16) or sum(map(len, texts)) >= PARALLEL_CHARS:
        return 2
    return 1


def pending(store) -> int:
    return store.extraction_pending_count(current_version())


def extract_pending(
    store,
    progress=None,
    cancel=None,
    batch: int = 64,
    n_process: int | None = None,
    article_ids: list[int] | None = None,
) -> dict:
    """Extract every article whose cached extraction is missing or stale.

    Writes one transaction per batch; cancelling keeps finished batches, and the
    next run continues where this one stopped. Returns counts.
    """
    from .nlp import recognizer

    version = current_version()
    todo = store.articles_needing_extraction(version) if article_ids is None else list(article_ids)
    total = len(todo)
    if not total:
        return {"articles": 0, "mentions": 0, "total": 0, "cancelled": False}
    rec = recognizer()
    cores = os.cpu_count() or 1
    resolver = Resolver(store)
    done = mentions = 0
    if progress:
        progress(0, total, "loading the language model")
    for i in range(0, total, batch):
        if cancel is not None and cancel.is_set():
            break
        ids = todo[i : i + batch]
        docs = [store.extraction_input(aid) for aid in ids]
        texts = [masked_text(d["text"], d["boilerplate"]) for d in docs]
        processes = n_process or _processes(total, texts, cores)
        raws = list(rec.mentions(texts, n_process=processes, cancel=cancel))
        if len(raws) < len(texts):  # cancelled while the model ran: this batch is not written
            break
        with store.transaction():
            # the write lock is held from here: one extraction writes at a time, and what another
            # process wrote meanwhile (entities, merges, the same articles) is seen before writing
            resolver.refresh()
            already = store.extracted_since(ids, version) if article_ids is None else set()
            for d, masked, raw in zip(docs, texts, raws, strict=False):
                if d["id"] in already:
                    continue
                cands = clean(d["text"], raw + domain_mentions(masked), d["paragraphs"], d["published"])
                rows = resolve(resolver, cands)
                store.replace_mentions(d["id"], rows, d["sha256"], version)
                mentions += len(rows)
        done += len(ids)
        if progress:
            progress(done, total, "")
    return {"articles": done, "mentions": mentions, "total": total, "cancelled": done < total}
