"""Claims across versions of an article: when a changed version of a file is imported, its claims follow it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .anchoring import locate


@dataclass
class Reanchored:
    moved: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)  # kept on the old version and listed for the analyst


def reanchor_new_versions(store, new_article_ids: list[int]) -> Reanchored:
    """For each new article that is a new version of an older one (same file name or URL), move the older
    version's claims onto it by their quote; claims whose quote cannot be found are marked orphaned."""
    out = Reanchored()
    if not store.claims.any():  # a bulk import into a project without claims: nothing to move
        return out
    for new_id in new_article_ids:
        older = store.articles.older_versions_with_claims(
            new_id
        )  # indexed (migration 7): no scan per article
        new = store.articles.get(new_id) if older else None
        if new is None:
            continue
        for old_id in older:
            for c in store.claims.matching(article_id=old_id):
                anchor = locate(new.text, c.quote, c.prefix, c.suffix, c.start, c.end)
                if anchor is None:
                    if c.anchor != "orphaned":
                        store.claims.mark_orphaned(c.id)
                    out.orphaned.append(c.id)
                else:
                    store.claims.move(
                        c.id,
                        new_id,
                        anchor.start,
                        anchor.end,
                        "moved" if anchor.method == "ok" else anchor.method,
                    )
                    out.moved.append(c.id)
    return out
