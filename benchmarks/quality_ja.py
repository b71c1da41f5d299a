"""Precision and recall of Japanese members, roles and stakes (core/roles_ja.py) on tests/gold/members_ja.json.

Nine short Japanese articles written about one invented consortium, labelled by hand. Each article is
imported into a fresh in-memory project (service.import_articles: GiNZA's names, Japanese values), its role
facts read by roles_ja.article_facts_ja, and scored per article: a predicted member is a fact that is not
negated (venture and capital facts aside), its role the strongest of its facts (founder > investor >
partner; funder and leader as they come). A member matches a gold one by exact name; the role is right
when it is the gold role or one of its alt_roles. Also printed: organisations the text says are not
members that were listed (should be 0), stakes found, status right, and gold members that no stored
mention covers (the entity layer's misses, which no role mechanism can recover). A fact whose venture is another named
company does not count for this one, as members.py keeps one table per venture.

    uv run python benchmarks/quality_ja.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.roles import Mention  # noqa: E402
from workbench.core.roles_ja import article_facts_ja, ja_parser  # noqa: E402
from workbench.core.service import import_articles  # noqa: E402
from workbench.core.store import Store  # noqa: E402

GOLD = ROOT / "tests" / "gold"
ORDER = ("founder", "investor", "partner", "funder", "leader")


def predict(text: str, venture: str) -> tuple[dict[str, tuple[str, str, set[str]]], set[str]]:
    """{member: (role, status, stake texts)} and the names of every stored mention."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_text(text, encoding="utf-8")
        store = Store.memory()
        aid = import_articles(store, [Path(tmp)]).report.added[0].article_id
        body = store.articles.text(aid)
        segments = [(g.start, g.end, g.boilerplate) for g in store.articles.sentences(aid)]
        stored = store.entities.article_mentions(aid)
        mentions = [Mention(m.start, m.end, m.type, m.value) for m in stored]
        names = {m.text for m in stored}
        # a reference (同社 -> 東芝, core/anaphora.py) names its organisation as the article first wrote it
        first = {}
        for m in stored:
            if m.source != "reference":
                first.setdefault(m.entity_id, m.text)
        referents = {
            (m.start, m.end): first.get(m.entity_id, m.text) for m in stored if m.source == "reference"
        }
        store.close()
    out: dict[str, tuple[str, str, set[str]]] = {}
    for f in article_facts_ja(body, segments, mentions, ja_parser()):
        if f.negated or f.role in ("venture", "capital") or f.start < 0:
            continue
        v = (f.venture_start, f.venture_end)
        if f.venture_start >= 0 and referents.get(v, body[v[0] : v[1]]) != venture:
            continue  # a role in another company (日本製鉄の…会長 leads 日本製鉄)
        name = referents.get((f.start, f.end), body[f.start : f.end])
        role, status, stakes = out.get(name, (f.role, f.tense, set()))
        if ORDER.index(f.role) < ORDER.index(role):
            role = f.role
        if f.tense == "current":
            status = "current"
        elif status != "current" and f.tense == "former":
            status = "former"
        if f.stake is not None:
            stakes.add(f.stake.text)
        out[name] = (role, status, stakes)
    return out, names


def main() -> None:
    gold = json.loads((GOLD / "members_ja.json").read_text(encoding="utf-8"))
    tp = fp = fn = role_ok = stake_gold = stake_hit = status_ok = listed_non = unseen = 0
    t0 = time.perf_counter()
    for art in gold["articles"]:
        text = (GOLD / art["file"]).read_text(encoding="utf-8")
        got, names = predict(text, art["venture"])
        gold_by = {m["name"]: m for m in art["members"]}
        for name, (role, status, _stakes) in got.items():
            g = gold_by.get(name)
            if g is None:
                fp += 1
                print(f"  {art['id']}: extra {name} ({role})")
                continue
            tp += 1
            role_ok += role in (g["role"], *g["alt_roles"])
            status_ok += status == g["status"]
            if role not in (g["role"], *g["alt_roles"]):
                print(f"  {art['id']}: {name} as {role}, gold {g['role']}")
        for name, g in gold_by.items():
            if name not in got:
                fn += 1
                unseen += name not in names
                print(
                    f"  {art['id']}: missed {name} ({g['role']}){'' if name in names else ' - no mention stored'}"
                )
            if g["stake"]:
                stake_gold += 1
                stake_hit += g["stake"] in got.get(name, ("", "", set()))[2]
        listed_non += sum(1 for n in art["non_members"] if n["name"] in got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    gold_n = tp + fn
    print(
        f"articles {len(gold['articles'])}, gold members {gold_n} (per article), {time.perf_counter() - t0:.1f} s"
    )
    print(f"members: precision {p:.2f} recall {r:.2f} (tp {tp}, fp {fp}, fn {fn})")
    print(f"roles:   precision {role_ok / (tp + fp) if tp + fp else 0:.2f} recall {role_ok / gold_n:.2f}")
    print(f"status right on matched members: {status_ok}/{tp}")
    print(f"stakes found: {stake_hit}/{stake_gold}")
    print(f"non-members listed: {listed_non}")
    print(f"gold members with no stored mention (entity layer): {unseen}")


if __name__ == "__main__":
    main()
