"""The extraction pipeline: every article whose cached extraction is missing or stale, in batches.

A cached extraction is keyed by the article's content hash and the version of the models,
the rules and the resources together, so reopening a project never runs a model again.
Each article goes through its language's pipeline (core/nlp.py); a pipeline is loaded only
when an article in its language needs it (GiNZA only for Japanese articles).
"""

from __future__ import annotations

from .entities import RULES_VERSION, Resolver, clean, domain_mentions, masked_text, resolve
from .nlp import resources_fingerprint
from .text import word_count


def current_version() -> str:
    """Models, rules and resources together: a cached extraction is reused only when all three match."""
    from .nlp import models_version

    return f"{models_version()}+rules{RULES_VERSION}+res{resources_fingerprint()}"


def pending(store) -> int:
    return store.extraction_pending_count(current_version())


_LOADING = {"en": "loading the language model", "ja": "loading the Japanese language model"}


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
    from .nlp import loaded, pipeline_for, recognizer

    version = current_version()
    todo = store.articles_needing_extraction(version) if article_ids is None else list(article_ids)
    total = len(todo)
    if not total:
        return {"articles": 0, "mentions": 0, "total": 0, "cancelled": False}
    if n_process is None:
        n_process = 2 if total >= 400 else 1
    resolver = Resolver(store)
    done = mentions = 0
    if progress:
        progress(0, total, "")
    for i in range(0, total, batch):
        if cancel is not None and cancel.is_set():
            break
        ids = todo[i : i + batch]
        docs = [store.extraction_input(aid) for aid in ids]
        results = {}  # article id -> (raw mentions, word tokens or None)
        for lang in sorted({pipeline_for(d["language"]) for d in docs}):
            group = [d for d in docs if pipeline_for(d["language"]) == lang]
            if progress and not loaded(lang):
                progress(done, total, _LOADING.get(lang, "loading the language model"))
            rec = recognizer(lang)
            texts = [masked_text(d["text"], d["boilerplate"]) for d in group]
            if lang == "ja":
                found = list(rec.mentions_and_words(texts))
            else:
                procs = n_process if len(texts) >= 16 else 1
                # words as ingest counts them (they differ only after the article was read as Japanese)
                found = [
                    (raw, word_count(d["text"]))
                    for d, raw in zip(group, rec.mentions(texts, n_process=procs), strict=True)
                ]
            for d, masked, (raw, words) in zip(group, texts, found, strict=True):
                results[d["id"]] = (raw + domain_mentions(masked), words)
        with store.transaction():
            for d in docs:
                raw, words = results[d["id"]]
                cands = clean(d["text"], raw, d["paragraphs"], d["published"])
                rows = resolve(resolver, cands)
                store.replace_mentions(d["id"], rows, d["sha256"], version)
                if words != d["words"]:
                    store.set_article_words(d["id"], words)
                mentions += len(rows)
        done += len(ids)
        if progress:
            progress(done, total, "")
    return {"articles": done, "mentions": mentions, "total": total, "cancelled": done < total}
