"""Precision and recall of organisation anaphora (core/anaphora.py) on tests/gold/anaphora.

Each passage of the gold (English and Japanese, other industries than the seeds) is imported as an
article (its language and publication date in a sidecar), extracted, and the reference mentions stored
over each gold cue are compared with the organisation(s) the gold says it refers to:

* right: the references over the cue name exactly the gold's organisations (a name matches when one
  contains the other, case and corporate suffixes aside; 'A|B' in the gold accepts either);
* wrong: references over a cue that names other organisations, or over a cue that must not resolve
  (null), or over words the gold does not list;
* precision = right / (right + wrong), recall = right / cues that refer.

    uv run python benchmarks/quality_anaphora.py [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.service import import_articles  # noqa: E402
from workbench.core.store import Store  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "anaphora" / "anaphora.json"
SUFFIX = re.compile(r"\b(?:inc|corp|corporation|co|ltd|plc|sa|ag|nv|llc|limited)\b\.?", re.I)


def key(name: str) -> str:
    return " ".join(re.findall(r"\w+", SUFFIX.sub(" ", name.lower())))


def same(gold: str, got: str) -> bool:
    g, k = key(gold), key(got)
    return bool(g and k) and (g == k or g in k or k in g)


def nth_span(text: str, cue: str, nth: int) -> tuple[int, int] | None:
    at = -1
    for _ in range(nth):
        at = text.find(cue, at + 1)
        if at < 0:
            return None
    return at, at + len(cue)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    items = json.loads(GOLD.read_text(encoding="utf-8"))["items"]
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for it in items:
            (folder / f"{it['id']}.txt").write_text(it["text"], encoding="utf-8")
            meta = {"title": it["id"], "published": it["published"], "language": it["language"]}
            (folder / f"{it['id']}.json").write_text(json.dumps(meta), encoding="utf-8")
        with Store(Path(tmp) / "a.workbench.db") as store:
            import_articles(store, [folder])
            by_file = {Path(store.articles.get(a).file).stem: a for a in store.articles.ids()}
            for it in items:
                t = totals.setdefault(
                    it["language"], [0, 0, 0, 0, 0]
                )  # right, wrong, refer, negatives, neg wrong
                aid = by_file[it["id"]]
                text = store.articles.get(aid).text
                refs = [m for m in store.entities.article_mentions(aid) if m.source == "reference"]
                used = set()
                for a in it["anaphors"]:
                    span = nth_span(text, a["cue"], a["nth"])
                    if span is None:
                        raise SystemExit(f"{it['id']}: {a['cue']!r} #{a['nth']} is not in the text")
                    over = [m for m in refs if m.start < span[1] and span[0] < m.end]
                    used.update(id(m) for m in over)
                    want = a["refers_to"]
                    want = [] if want is None else (want if isinstance(want, list) else [want])
                    got = sorted({m.entity for m in over})
                    if want:
                        t[2] += 1
                    else:
                        t[3] += 1
                    if not want and not got:
                        continue
                    ok = len(got) == len(want) and all(
                        any(same(alt, g) for g in got for alt in w.split("|")) for w in want
                    )
                    if ok:
                        t[0] += 1
                    elif got:
                        t[1] += 1
                        t[4] += not want
                    if args.verbose and not ok:
                        print(
                            f"  {it['id']}: {a['cue']!r} #{a['nth']}: want {want or None}, got {got or None}"
                        )
                for m in refs:
                    if id(m) not in used:
                        t[1] += 1
                        if args.verbose:
                            print(f"  {it['id']}: unlabelled reference {m.text!r} -> {m.entity}")
    for lang, (right, wrong, refer, neg, neg_wrong) in sorted(totals.items()):
        p = f"{right}/{right + wrong}" + (f" ({right / (right + wrong):.0%})" if right + wrong else "")
        r = f"{right}/{refer}" + (f" ({right / refer:.0%})" if refer else "")
        print(f"{lang}: precision {p}, recall {r}; cues that must not resolve, resolved: {neg_wrong}/{neg}")
    right, wrong, refer, neg, neg_wrong = (sum(x) for x in zip(*totals.values(), strict=True))
    print(
        f"all: precision {right}/{right + wrong} ({right / max(1, right + wrong):.0%}), "
        f"recall {right}/{refer} ({right / max(1, refer):.0%}); must-not-resolve resolved {neg_wrong}/{neg}"
    )


if __name__ == "__main__":
    main()
