"""Quality of cross-language comparison on the development gold (tests/gold/xlang_dev).

Each story (two Japanese and two English articles written for the gold) is imported into a temporary
project (service.import_articles: language detection, GiNZA for the Japanese, the English model for the
English) and core.compare runs on its articles. Printed per story and in total:

* Japanese reading: the organisations and amounts the gold lists for each Japanese article that a stored
  mention covers (an amount must also be read to the gold's value and currency);
* cross-language alignment: a pair is two statements in different languages in one group. Precision is
  over the pairs the comparison forms (right when the two hold sentences of one gold fact), recall over
  the gold's pairs (a fact's sentences in two articles of different languages). Counted twice: in the
  alignment groups alone, and in any group of the Comparison (the figure and slot rows too);
* apart: gold pairs that share a group (should be 0);
* differences: a gold difference is flagged when one finding (disagreement or soft difference) puts
  sentences of two of its versions in different versions of the finding (stricter than quality_compare.py,
  which asks only that the finding hold them); cross-language ones (versions stated in different
  languages) counted apart; precision of the 'differ' findings; traps (non_differences): a disagreement
  finding that puts two of the trap's sentences in different versions.

    uv run python benchmarks/quality_xlang.py [tests/gold/xlang_heldout] [-v]

The gold folder (positional, or --gold; default tests/gold/xlang_dev) holds <folder name>.json, which names
the article files (each .txt beside its .json metadata). tests/gold/xlang_heldout was written without
looking at the comparison code or the development texts.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.compare import compare  # noqa: E402
from workbench.core.models import Money  # noqa: E402
from workbench.core.service import import_articles  # noqa: E402
from workbench.core.store import Store  # noqa: E402


def squash(text: str) -> str:
    return "".join(re.findall(r"\w+", text.lower()))


def contains(statement: str, gold_sentence: str) -> bool:
    s, g = squash(statement), squash(gold_sentence)
    return bool(g) and g in s


def as_list(x) -> list[str]:
    return x if isinstance(x, list) else [x]


def pr(a: int, b: int) -> str:
    return f"{a}/{b}" + (f" ({a / b:.0%})" if b else "")


def evaluate(gold: Path, story: dict, verbose: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for a in story["articles"]:
            src = gold / a["file"]
            shutil.copy(src, folder / src.name)
            shutil.copy(src.with_suffix(".json"), folder / src.with_suffix(".json").name)
        with Store(Path(tmp) / "p.workbench.db") as store:
            import_articles(store, [folder])
            by_file = {Path(store.articles.get(a).file).name: a for a in store.articles.ids()}
            ids = {a["id"]: by_file[Path(a["file"]).name] for a in story["articles"]}
            texts = {g: store.articles.get(aid).text for g, aid in ids.items()}
            mentions = {g: store.entities.article_mentions(aid) for g, aid in ids.items()}
            languages = {g: store.articles.get(aid).language for g, aid in ids.items()}
            comp = compare(store, list(ids.values()))
    gid_of = {aid: g for g, aid in ids.items()}
    r = {}

    # the Japanese reading: organisations and amounts
    orgs = amounts = orgs_n = amounts_n = 0
    for g, want in story.get("japanese", {}).items():
        text, ms = texts[g], mentions[g]
        for name in want["organisations"]:
            orgs_n += 1
            at = [m.start() for m in re.finditer(re.escape(name), text)]
            ok = any(m.type == "ORG" and m.start <= p and p + len(name) <= m.end for p in at for m in ms)
            orgs += ok
            if verbose and not ok:
                print(f"    {g}: organisation not found: {name}")
        used: list[tuple[int, int]] = []
        for a in want["amounts"]:
            amounts_n += 1
            spans = [(m.start(), m.end()) for m in re.finditer(re.escape(a["text"]), text)]
            spans = [s for s in spans if not any(s[0] < u[1] and u[0] < s[1] for u in used)]
            ok = False
            if spans:
                s, e = spans[0]
                used.append((s, e))
                for m in ms:
                    v = m.value
                    if m.type == "MONEY" and m.start < e and s < m.end and isinstance(v, Money):
                        ok = ok or (v.currency == a["currency"] and v.amount == a["amount"])
            amounts += ok
            if verbose and not ok:
                print(f"    {g}: amount not read: {a['text']}")
    r["orgs"], r["amounts"] = [orgs, orgs_n], [amounts, amounts_n]

    # statement -> the gold facts (and 'alone') it holds
    def facts_of(st) -> set[str]:
        g = gid_of[st.article_id]
        out = {
            f["id"]
            for f in story["facts"]
            if any(contains(st.text, s) for s in as_list(f["sentences"].get(g, [])))
        }
        if any(contains(st.text, s) for s in story.get("alone", {}).get(g, [])):
            out.add("(alone)")
        return out

    def lang(st) -> str:
        return languages[gid_of[st.article_id]]

    def pairs(groups) -> set[tuple]:
        out = set()
        for grp in groups:
            sts = list(grp.statements.values())
            for i, a in enumerate(sts):
                for b in sts[i + 1 :]:
                    if lang(a) != lang(b):
                        out.add(tuple(sorted(((a.article_id, a.start), (b.article_id, b.start)))))
        return out

    by_key = {}
    for grp in comp.groups:
        for st in grp.statements.values():
            by_key[(st.article_id, st.start)] = st
    aligned = [g for g in comp.groups if "— across sources" not in g.topic]
    gold_pairs = []
    for f in story["facts"]:
        arts = list(f["sentences"])
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                if languages[x] != languages[y]:
                    gold_pairs.append((f["id"], x, y))
    for name, groups in (("aligned", aligned), ("any", comp.groups)):
        got = pairs(groups)
        right = 0
        for p in got:
            a, b = by_key[p[0]], by_key[p[1]]
            ok = bool((facts_of(a) & facts_of(b)) - {"(alone)"})
            right += ok
            if verbose and not ok and name == "any":
                print(f"    wrong pair: {a.text[:60]!r} ~ {b.text[:60]!r}")
        found = 0
        for fid, x, y in gold_pairs:
            hit = any(
                any(fid in facts_of(st) and gid_of[st.article_id] == x for st in grp.statements.values())
                and any(fid in facts_of(st) and gid_of[st.article_id] == y for st in grp.statements.values())
                for grp in groups
            )
            found += hit
            if verbose and not hit and name == "any":
                print(f"    missed pair: {fid} {x}~{y}")
        r[name] = [right, len(got), found, len(gold_pairs)]

    def holds(st, g, sentence) -> bool:
        return gid_of[st.article_id] == g and contains(st.text, sentence)

    apart_bad = 0
    for t in story.get("apart", []):
        (g1, s1), (g2, s2) = t["sentences"].items()
        bad = [
            grp
            for grp in comp.groups
            if any(holds(st, g1, s1) for st in grp.statements.values())
            and any(holds(st, g2, s2) for st in grp.statements.values())
        ]
        apart_bad += bool(bad)
        if verbose and bad:
            print(f"    apart pair grouped ({t['why']}): {bad[0].topic}")
    r["apart"] = [apart_bad, len(story.get("apart", []))]

    # differences, as quality_compare.py counts them
    flagged = [f for f in comp.findings if f.kind in ("disagreement", "soft difference")]

    def finding_holds(f, g, words) -> bool:
        """The finding marks these words (a value or a qualifier's cue) of article g."""
        aid = ids.get(g)
        at = texts[g].find(words)
        return at >= 0 and any(
            st.article_id == aid and any(a < at + len(words) and at < b for a, b in st.marks)
            for st in f.statements
        )

    def versions_of(f) -> dict[int, int]:
        """article -> the version of the finding's difference it states."""
        d = f.difference
        return {a: i for i, v in enumerate(d.versions) for a in v.article_ids} if d is not None else {}

    def apart_in(f, sentences: list[tuple[str, str]]) -> bool:
        """Two of the (article, sentence) pairs held by the finding, in different versions of it."""
        vm = versions_of(f)
        held = [ids[g] for g, s in sentences if finding_holds(f, g, s) and ids[g] in vm]
        return len({vm[a] for a in held}) >= 2

    def matches(f, d) -> bool:
        vm = versions_of(f)
        sides = []
        for grp in d["groups"]:
            side = {
                vm[ids[g]] for g, s in grp["sentences"].items() if finding_holds(f, g, s) and ids[g] in vm
            }
            if side:
                sides.append(side)
        return any(a != b or len(a) > 1 for i, a in enumerate(sides) for b in sides[i + 1 :])

    dis = [0, 0]
    cross = [0, 0]
    hard = [0, 0]
    used = set()
    for d in story.get("differences", []):
        found = [i for i, f in enumerate(flagged) if matches(f, d)]
        used.update(found)
        dis[0] += bool(found)
        dis[1] += 1
        if d.get("hard", True):
            hard[0] += bool(found)
            hard[1] += 1
        version_langs = [{languages[g] for g in grp["articles"]} for grp in d["groups"]]
        if any(a != b for i, a in enumerate(version_langs) for b in version_langs[i + 1 :]) or any(
            len(v) > 1 for v in version_langs
        ):
            cross[0] += bool(found)
            cross[1] += 1
        if verbose:
            print(
                f"    {'flagged' if found else 'missed '} difference: {d['slot']}"
                + (f" — {comp.finding_line(flagged[found[0]])[:140]}" if found else "")
            )
    hard_flagged = [i for i, f in enumerate(flagged) if f.kind == "disagreement"]
    r["dis"], r["cross"], r["hard"] = dis, cross, hard
    r["right"] = [len([i for i in hard_flagged if i in used]), len(hard_flagged)]
    if verbose:
        for i in hard_flagged:
            if i not in used:
                print(f"    unlabelled disagreement: {comp.finding_line(flagged[i])[:160]}")
    traps = 0
    for t in story.get("non_differences", []):
        sents = t["sentences"]
        bad = [f for f in flagged if f.kind == "disagreement" and apart_in(f, list(sents.items()))]
        traps += bool(bad)
        if verbose and bad:
            print(f"    trap marked differ ({t['why']}): {comp.finding_line(bad[0])[:140]}")
    r["traps"] = [traps, len(story.get("non_differences", []))]
    return r


def gold_file(gold: Path) -> Path:
    """The gold's description: <folder>/<folder name>.json, else its only top-level .json file."""
    named = gold / f"{gold.name}.json"
    if named.is_file():
        return named
    found = sorted(gold.glob("*.json"))
    if len(found) != 1:
        raise SystemExit(f"{gold}: expected {named.name} or exactly one .json file describing the gold")
    return found[0]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", help="a gold folder (default tests/gold/xlang_dev)")
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "xlang_dev"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold = Path(args.folder or args.gold)
    data = json.loads(gold_file(gold).read_text(encoding="utf-8"))
    print(f"gold: {gold.name}")
    keys = ("orgs", "amounts", "aligned", "any", "apart", "dis", "cross", "hard", "right", "traps")
    total = {k: [0, 0, 0, 0] for k in keys}
    for story in data["stories"]:
        print(story["name"])
        r = evaluate(gold, story, args.verbose)
        al, an = r["aligned"], r["any"]
        print(
            f"  Japanese organisations found {pr(*r['orgs'])}, amounts read {pr(*r['amounts'])}\n"
            f"  cross-language pairs, alignment groups: precision {pr(al[0], al[1])}, recall {pr(al[2], al[3])}; "
            f"any group: precision {pr(an[0], an[1])}, recall {pr(an[2], an[3])}; apart pairs grouped {pr(*r['apart'])}\n"
            f"  differences flagged {pr(*r['dis'])} (cross-language {pr(*r['cross'])}, hard {pr(*r['hard'])}); "
            f"differ findings right {pr(*r['right'])}; traps marked differ {pr(*r['traps'])}"
        )
        for k in keys:
            total[k] = [x + y for x, y in zip(total[k], r[k] + [0] * (4 - len(r[k])), strict=True)]
    t = total
    print("\nTotal")
    print(f"  Japanese reading: organisations {pr(*t['orgs'][:2])}, amounts {pr(*t['amounts'][:2])}")
    print(
        f"  cross-language alignment: alignment groups precision {pr(t['aligned'][0], t['aligned'][1])}, "
        f"recall {pr(t['aligned'][2], t['aligned'][3])}; any group precision {pr(t['any'][0], t['any'][1])}, "
        f"recall {pr(t['any'][2], t['any'][3])}; apart pairs grouped {pr(*t['apart'][:2])}"
    )
    print(
        f"  differences: flagged {pr(*t['dis'][:2])} (cross-language {pr(*t['cross'][:2])}, hard {pr(*t['hard'][:2])}); "
        f"precision of 'differ' findings {pr(*t['right'][:2])}; traps marked differ {pr(*t['traps'][:2])}"
    )


if __name__ == "__main__":
    main()
