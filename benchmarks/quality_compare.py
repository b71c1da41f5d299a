"""Quality of provenance, copies and disagreements on the development gold (tests/gold/provenance_dev).

Each story of the gold is ingested into a temporary project (BBC articles from ../shared/corpora/bbc,
the written story from the gold's story/ folder with its sidecars), entities are extracted, and
core.compare runs on the story's articles. Printed per story and in total:

* origins: the article's origin (first of what it names) is one of the origins the gold lists for it
  (names compared without "the" and case; an own report or unnamed source matches by kind);
* copies: the pairs of articles linked as copies vs the gold's copies_of;
* independence: the number of independent origins vs the gold's;
* disagreements: a gold disagreement is flagged when one finding (disagreement or soft difference) holds
  statements from two of its groups that contain the gold's sentences; precision is over the findings
  of kind disagreement; a trap (non_disagreements) is a false 'differ' when a disagreement finding holds
  two of its sentences.

    uv run python benchmarks/quality_compare.py [--gold tests/gold/provenance_dev] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import BBC
from workbench.core.compare import compare
from workbench.core.provenance import lexicon as provenance_lexicon
from workbench.core.service import import_articles
from workbench.core.store import Store

ROOT = Path(__file__).resolve().parent.parent


def norm(name: str | None) -> str:
    n = re.sub(r"^the\s+", "", (name or "").strip(), flags=re.I).lower()
    return re.sub(r"[^\w]+", " ", n).strip()


def same_name(a: str, b: str) -> bool:
    # an agency's abbreviation and full name are one origin ("AP" = "Associated Press")
    lex = provenance_lexicon()
    a, b = lex.agency(a) or a, lex.agency(b) or b
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def contains(statement: str, gold_sentence: str) -> bool:
    s, g = squash(statement), squash(gold_sentence)
    return bool(g) and (g in s or (len(s) > 20 and s in g))


def story_files(gold: Path, story: dict, folder: Path) -> dict[str, Path]:
    """Copy the story's files into folder (with sidecars); gold id -> file."""
    out = {}
    for i, a in enumerate(story["articles"]):
        src = BBC / a["file"][4:] if a["file"].startswith("bbc:") else gold / a["file"]
        dest = folder / f"{i:02d}_{src.name}"
        shutil.copy(src, dest)
        side = src.with_suffix(".json")
        if side.exists():
            shutil.copy(side, dest.with_suffix(".json"))
        out[a["id"]] = dest
    return out


def evaluate(gold: Path, story: dict, verbose: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        files = story_files(gold, story, tmp / "in")
        with Store(tmp / "p.workbench.db") as store:
            import_articles(store, [tmp / "in"])
            by_file = {Path(store.articles.get(a).file).name: a for a in store.articles.ids()}
            ids = {gid: by_file[f.name] for gid, f in files.items() if f.name in by_file}
            comp = compare(store, list(ids.values()))
    gid_of = {a: g for g, a in ids.items()}
    r = {"origins": [0, 0], "copies": [0, 0, 0], "dis": [0, 0, 0, 0], "hard": [0, 0], "traps": [0, 0]}
    # origins
    for a in story["articles"]:
        aid = ids.get(a["id"])
        if aid is None:
            continue
        s = comp.origins[aid]
        o = s.origin
        gold_origins = a["origin"]
        ok = any(
            (g["name"] and same_name(g["name"], o.name))
            or (g["kind"] in ("own", "unnamed") and o.kind == g["kind"])
            or (g["kind"] == "own" and o.kind == "own")
            for g in gold_origins
        )
        r["origins"][0] += ok
        r["origins"][1] += 1
        if verbose and not ok:
            print(
                f"    origin {a['id']}: got {o.kind} {o.name!r} ({o.rule}); gold {[(g['kind'], g['name']) for g in gold_origins]}"
            )
    # copies
    gold_pairs = {frozenset((a["id"], c)) for a in story["articles"] for c in a.get("copies_of", [])}
    # an exact duplicate (same SHA-256) is skipped at import: it is in the project once, so no pair
    r["skipped"] = len([p for p in gold_pairs if not all(g in ids for g in p)])
    gold_pairs = {p for p in gold_pairs if all(g in ids for g in p)}
    got_pairs = {frozenset((gid_of[x.copier], gid_of[x.source])) for x in comp.copies}
    r["copies"] = [len(gold_pairs & got_pairs), len(got_pairs), len(gold_pairs)]
    if verbose and gold_pairs != got_pairs:
        print(f"    copies: got {sorted(map(sorted, got_pairs))}, gold {sorted(map(sorted, gold_pairs))}")
    r["independent"] = (comp.independent_count, story.get("independent_origins"))
    # the gold's count: distinct origins named over the articles that are not near-verbatim copies
    copiers = {x.copier for x in comp.copies if x.share >= 0.8}
    named = set()
    for aid in ids.values():
        if aid in copiers:
            continue
        cited = [o for o in comp.origins[aid].cited_origins if o.kind != "own"] or [comp.origins[aid].origin]
        for o in cited:
            name = provenance_lexicon().agency(o.name) or norm(o.name)
            named.add(f"unnamed:{aid}" if o.kind == "unnamed" else ("own" if o.kind == "own" else name))
    r["named"] = len(named)
    # disagreements
    flagged = [f for f in comp.findings if f.kind in ("disagreement", "soft difference")]

    def holds(f, gid, sentence) -> bool:
        aid = ids.get(gid)
        return any(st.article_id == aid and contains(st.text, sentence) for st in f.statements)

    def matches(f, d) -> bool:
        hit_groups = sum(
            1
            for grp in d["groups"]
            if any(holds(f, gid, sent) for gid, sent in grp.get("sentences", {}).items())
        )
        return hit_groups >= 2

    used = set()
    for d in story.get("disagreements", []):
        found = [i for i, f in enumerate(flagged) if matches(f, d)]
        used.update(found)
        r["dis"][0] += bool(found)
        r["dis"][1] += 1
        if d.get("hard", True):
            r["hard"][0] += bool(found)
            r["hard"][1] += 1
        if verbose and not found:
            print(f"    missed {'hard' if d.get('hard', True) else 'soft'} disagreement: {d['slot']}")
    hard_flagged = [i for i, f in enumerate(flagged) if f.kind == "disagreement"]
    r["dis"][2] = len([i for i in hard_flagged if i in used])
    r["dis"][3] = len(hard_flagged)
    for t in story.get("non_disagreements", []):
        sents = t.get("sentences", {})
        bad = [
            f
            for f in flagged
            if f.kind == "disagreement" and sum(holds(f, g, s) for g, s in sents.items()) >= 2
        ]
        r["traps"][0] += bool(bad)
        r["traps"][1] += 1
        if verbose and bad:
            print(f"    trap flagged ({t.get('why')}): {comp.finding_line(bad[0])[:150]}")
    if verbose:
        for i in hard_flagged:
            if i not in used:
                print(f"    unlabelled disagreement: {comp.finding_line(flagged[i])[:160]}")
    return r


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "provenance_dev"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold = Path(args.gold)
    data = json.loads((gold / "provenance_dev.json").read_text(encoding="utf-8"))
    total = {
        "origins": [0, 0],
        "copies": [0, 0, 0],
        "dis": [0, 0, 0, 0],
        "hard": [0, 0],
        "traps": [0, 0],
        "ind": [0, 0],
    }

    def pr(a, b):
        return f"{a}/{b}" + (f" ({a / b:.0%})" if b else "")

    for story in data["stories"]:
        print(story["name"])
        r = evaluate(gold, story, args.verbose)
        o, c, d, h, t = r["origins"], r["copies"], r["dis"], r["hard"], r["traps"]
        got, want = r["independent"]
        total["named"] = total.get("named", 0) + (r["named"] == want)
        print(
            f"  origins {pr(*o)}; copies found {c[0]} of {c[2]} gold, {c[1]} linked; independent clusters {got}, "
            f"distinct origins named {r['named']} (gold {want}); disagreements flagged {pr(d[0], d[1])} (hard {pr(*h)}); differ findings right "
            f"{pr(d[2], d[3])}; traps flagged {pr(*t)}"
        )
        for k in ("origins", "copies", "dis", "hard", "traps"):
            total[k] = [x + y for x, y in zip(total[k], r[k], strict=True)]
        total["ind"][0] += got == want
        total["skipped"] = total.get("skipped", 0) + r["skipped"]
        total["ind"][1] += 1
    o, c, d, h, t = (total[k] for k in ("origins", "copies", "dis", "hard", "traps"))
    print("\nTotal")
    print(f"  origins: article traced to an origin it names {pr(*o)}")
    print(
        f"  copies: precision {pr(c[0], c[1])}, recall {pr(c[0], c[2])} ({total['skipped']} gold pair(s) are exact "
        f"duplicates, imported once); distinct origins named = gold in {total['named']}/{len(data['stories'])} "
        "stories; independent clusters = gold in "
        f"{pr(*total['ind'])} stories"
    )
    print(
        f"  disagreements: recall {pr(d[0], d[1])} (hard ones {pr(*h)}); precision of 'differ' findings "
        f"{pr(d[2], d[3])}; traps marked differ {pr(*t)}"
    )


if __name__ == "__main__":
    main()
