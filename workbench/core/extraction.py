"""The extraction pipeline: every article whose cached extraction is missing or stale, in batches.

A cached extraction is keyed by the article's content hash and the version of the models,
the rules and the resources together, so reopening a project never runs a model again.
Each article goes through its language's pipeline (core/nlp.py); a pipeline is loaded only
when an article in its language needs it (GiNZA only for Japanese articles).
"""

from __future__ import annotations

import os

from .entities import RULES_VERSION, Resolver, clean, domain_mentions, masked_text, resolve
from .members import facts_version
from .nlp import resources_fingerprint
from .role_facts import Role
from .text import word_count


def current_version() -> str:
    """Models, rules and resources together: a cached extraction is reused only when all three match."""
    from .nlp import models_version

    return f"{models_version()}+rules{RULES_VERSION}+res{resources_fingerprint()}"


_LOADING = {"en": "loading the language model", "ja": "loading the Japanese language model"}


#: a batch with this much text is worth a second process even when it is one article (a 1 MB article)
PARALLEL_CHARS = 300_000


def _processes(total: int, texts: list[str], cores: int) -> int:
    """Worker processes for a batch: two for a large import or a lot of text, where starting them pays."""
    if cores < 2:
        return 1
    if (total >= 400 and len(texts) >= 16) or sum(map(len, texts)) >= PARALLEL_CHARS:
        return 2
    return 1


def _role_facts(store, d: dict, cands: list) -> list:
    """The article's role facts, with the names they found added to (or retyped in) the candidates."""
    from .entities import Candidate, _assign_keys, not_entities
    from .nlp import parser
    from .roles import Mention, article_facts

    segments = [(g.start, g.end, g.boilerplate) for g in store.articles.sentences(d["id"])]
    mentions = [Mention(c.start, c.end, c.type, c.value) for c in cands]
    facts = article_facts(d["text"], segments, mentions, parser())
    by_span = {(c.start, c.end): c for c in cands}
    stop = not_entities()
    for f in facts:
        for a, b in ((f.start, f.end), (f.venture_start, f.venture_end)):
            if a < 0 or (f.role == Role.CAPITAL and a == f.venture_start):
                continue
            c = by_span.get((a, b))
            if c is None:
                if d["text"][a:b] in stop or d["text"][a:b].lower() in stop:
                    continue  # "AI": never a name (resources/not_entities.txt)
                overlapping = [x for x in cands if x.start < b and a < x.end]
                places = ("GPE", "LOC", "NORP", "PERSON", "PRODUCT")
                if any(x.type not in places or x.start < a or x.end > b for x in overlapping):
                    continue  # overlaps another mention: leave the recogniser's reading
                for x in overlapping:  # "Mumbai" + "Green Ammonia" inside "Mumbai Green Ammonia"
                    cands.remove(x)
                c = Candidate(a, b, d["text"][a:b], "ORG", "rule")
                cands.append(c)
                by_span[(a, b)] = c
            elif c.type in ("PRODUCT", "NORP") and f.role not in (Role.LEADER, Role.FUNDER):
                c.type = "ORG"  # a company the model took for a product: it founds, invests, joins
    cands.sort(key=lambda c: (c.start, -c.end))
    _assign_keys(d["text"], [c for c in cands if not c.key])
    return facts


def _role_facts_ja(store, d: dict, cands: list) -> list:
    """A Japanese article's role facts (core/roles_ja.py), read off GiNZA's parse."""
    from .roles import Mention
    from .roles_ja import article_facts_ja, ja_parser

    segments = [(g.start, g.end, g.boilerplate) for g in store.articles.sentences(d["id"])]
    mentions = [Mention(c.start, c.end, c.type, c.value) for c in cands]
    return article_facts_ja(d["text"], segments, mentions, ja_parser())


def pending(store) -> int:
    return store.entities.extraction_pending_count(current_version())


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
    todo = store.entities.articles_needing_extraction(version) if article_ids is None else list(article_ids)
    total = len(todo)
    if not total:
        return {"articles": 0, "mentions": 0, "total": 0, "cancelled": False}
    cores = os.cpu_count() or 1
    # small runs report every few articles, so the bar moves while the model works
    batch = max(1, min(batch, total // 20))
    resolver = Resolver(store)
    done = mentions = 0
    stopped = False
    for i in range(0, total, batch):
        if cancel is not None and cancel.is_set():
            break
        ids = todo[i : i + batch]
        docs = [store.entities.extraction_input(aid) for aid in ids]
        results = {}  # article id -> (raw mentions, word tokens)
        for lang in sorted({pipeline_for(d["language"]) for d in docs}):
            group = [d for d in docs if pipeline_for(d["language"]) == lang]
            if progress and not loaded(lang):
                # said before the model loads (a second or more), as a stage of unknown length
                progress(done, 0, _LOADING.get(lang, "loading the language model"))
            rec = recognizer(lang)
            texts = [masked_text(d["text"], d["boilerplate"]) for d in group]
            if lang == "ja":
                found = list(rec.mentions_and_words(texts))
            else:
                processes = n_process or _processes(total, texts, cores)
                raws = list(rec.mentions(texts, n_process=processes, cancel=cancel))
                if len(raws) < len(texts):  # cancelled while the model ran: this batch is not written
                    stopped = True
                    break
                # words as ingest counts them (they differ only after the article was read as Japanese)
                found = [(raw, word_count(d["text"])) for d, raw in zip(group, raws, strict=True)]
            for d, masked, (raw, words) in zip(group, texts, found, strict=True):
                results[d["id"]] = (raw + domain_mentions(masked), words)
        if stopped:
            break
        # the rules, and the role facts read off the parse of the sentences that carry a role cue; a name
        # the recogniser missed in a member's or a venture's place becomes an organisation (core/roles.py)
        prepared = {}
        for d in docs:
            raw, words = results[d["id"]]
            cands = clean(d["text"], raw, d["paragraphs"], d["published"])
            facts = (
                _role_facts(store, d, cands)
                if pipeline_for(d["language"]) == "en"
                else _role_facts_ja(store, d, cands)
            )
            prepared[d["id"]] = (cands, facts, words)
        with store.transaction():
            # the write lock is held from here: one extraction writes at a time, and what another
            # process wrote meanwhile (entities, merges, the same articles) is seen before writing
            resolver.refresh()
            already = store.entities.extracted_since(ids, version) if article_ids is None else set()
            for d in docs:
                if d["id"] in already:
                    continue
                cands, facts, words = prepared[d["id"]]
                rows = resolve(resolver, cands)
                store.entities.replace_mentions(d["id"], rows, d["sha256"], version)
                if facts is not None:
                    store.facts.replace(d["id"], facts, facts_version())
                if words != d["words"]:
                    store.articles.set_words(d["id"], words)
                mentions += len(rows)
        done += len(ids)
        if progress:
            progress(done, total, "")
    return {"articles": done, "mentions": mentions, "total": total, "cancelled": done < total}
