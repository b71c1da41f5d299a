"""Copy detection at scale: articles built from the BBC texts with planted copies.

Each generated article is 6-12 sentences drawn from the BBC corpus, every fourth word replaced by a random
word of the corpus vocabulary (so that two generated articles do not share text by chance: the pool of
BBC sentences is small next to 100,000 articles); 3% are planted copies of an earlier
article (50-100% of its sentences, a word changed in a third of them, 1-3 new sentences added). Prints the
time of core.copies.find_copies, the candidate pairs LSH proposed, the links found, and precision/recall
against the planted copies (a link between two copies of one article counts as right: they share text).
Timings at 10k / 30k / 100k show the growth is far below quadratic.

    uv run python benchmarks/bench_copies.py [--sizes 10000,30000,100000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import BBC_FOLDERS, machine
from workbench.core.copies import Doc, find_copies

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def sentence_pool() -> list[str]:
    pool = []
    for folder in BBC_FOLDERS:
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="latin-1")
            for para in text.split("\n")[1:]:
                pool += [s.strip() for s in SENT.split(para) if len(s.split()) >= 6]
    return pool


def mutate(sentence: str, rng: random.Random, vocab: list[str]) -> str:
    words = sentence.split()
    r = rng.randrange(4)
    return " ".join(rng.choice(vocab) if j % 4 == r else w for j, w in enumerate(words))


def generate(n: int, pool: list[str], seed: int = 7):
    rng = random.Random(seed)
    vocab = sorted({w for s in pool[:20000] for w in s.split()})
    docs: list[Doc] = []
    family: dict[int, int] = {}  # article -> the original it copies (itself for originals)
    planted = set()
    for i in range(n):
        if i > 50 and rng.random() < 0.03:
            src = rng.randrange(i)
            while family[src] != src:
                src = family[src]
            base = list(docs[src].sentences)
            keep = [s for s in base if rng.random() < rng.uniform(0.5, 1.0)] or base[:2]
            changed = []
            for s in keep:
                words = s.split()
                if rng.random() < 0.33 and len(words) > 8:
                    words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "now", "still"])
                changed.append(" ".join(words))
            sents = [mutate(rng.choice(pool), rng, vocab) for _ in range(rng.randint(1, 3))] + changed
            family[i] = src
            planted.add((i, src))
        else:
            sents = [mutate(rng.choice(pool), rng, vocab) for _ in range(rng.randint(6, 12))]
            family[i] = i
        docs.append(Doc(i, tuple(sents), ("", i)))
    return docs, family, planted


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,30000,100000")
    args = ap.parse_args(argv)
    print(machine())
    pool = sentence_pool()
    print(f"sentence pool: {len(pool)} BBC sentences")
    for n in [int(x) for x in args.sizes.split(",")]:
        docs, family, planted = generate(n, pool)
        t0 = time.perf_counter()
        links, candidates = find_copies(docs)
        dt = time.perf_counter() - t0
        found = {(x.copier, x.source) for x in links}
        right = {p for p in found if family[p[0]] == family[p[1]] or family[p[0]] == p[1]}
        recall = len({p for p in planted if p in found}) / max(1, len(planted))
        precision = len(right) / max(1, len(found))
        print(
            f"{n:>7} articles: {dt:7.1f} s  candidate pairs {candidates:>8}  links {len(found):>6}  "
            f"planted {len(planted):>5}  precision {precision:.3f}  recall {recall:.3f}  "
            f"({n * (n - 1) // 2:,} pairs if all were compared)"
        )


if __name__ == "__main__":
    main()
