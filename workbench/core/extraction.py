"""The extraction pipeline: every article whose cached extraction is missing or stale, in batches.

A cached extraction is keyed by the article's content hash and the version of the model,
the rules and the resources together, so reopening a project never runs the model again.
"""

from __future__ import annotations

from .entities import RULES_VERSION, Resolver, clean, domain_mentions, masked_text, resolve
from .nlp import resources_fingerprint


def current_version() -> str:
    """Model, rules and resources together: a cached extraction is reused only when all three match."""
    from .nlp import model_version

    return f"{model_version()}+rules{RULES_VERSION}+res{resources_fingerprint()}"


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
    from .nlp import Cancelled, recognizer

    version = current_version()
    todo = store.articles_needing_extraction(version) if article_ids is None else list(article_ids)
    total = len(todo)
    if not total:
        return {"articles": 0, "mentions": 0, "total": 0, "cancelled": False}
    if progress:
        # said before the model loads (a second or more): the stage shows, not the last stage's "5 of 5"
        progress(0, 0, "loading the language model")
    rec = recognizer()
    if n_process is None:
        n_process = 2 if total >= 400 else 1
    # small runs report every few articles, so the bar moves while the model works
    batch = max(1, min(batch, total // 20))
    resolver = Resolver(store)
    done = mentions = 0
    if progress:
        progress(0, total, "")
    for i in range(0, total, batch):
        if cancel is not None and cancel.is_set():
            break
        ids = todo[i : i + batch]
        docs = [store.extraction_input(aid) for aid in ids]
        texts = [masked_text(d["text"], d["boilerplate"]) for d in docs]
        try:
            raws = list(rec.mentions(texts, n_process=n_process if len(texts) >= 16 else 1, cancel=cancel))
        except Cancelled:
            break
        with store.transaction():
            for d, masked, raw in zip(docs, texts, raws, strict=False):
                cands = clean(d["text"], raw + domain_mentions(masked), d["paragraphs"], d["published"])
                rows = resolve(resolver, cands)
                store.replace_mentions(d["id"], rows, d["sha256"], version)
                mentions += len(rows)
        done += len(ids)
        if progress:
            progress(done, total, "")
    return {"articles": done, "mentions": mentions, "total": total, "cancelled": done < total}
