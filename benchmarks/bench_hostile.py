"""Hostile inputs (issue 18): a huge article, pathological sentences, expensive searches.

Prints the extraction time of generated 1 MB and 5 MB articles (and 20 MB when the 5 MB one took under
12 s, so that 20 MB is expected under a minute), sentence splitting of a 60 KB line of dots and of a run
of abbreviations, and the searches ``the`` ×200, ``a*`` and 150 exclusions over a few thousand articles.

    uv run python benchmarks/bench_hostile.py [--articles 3000] [--skip-20mb]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import machine

_ORGS = [
    "Brightwater Logistics Ltd.",
    "Kestrel Machines",
    "Oakfield Bakery Group",
    "Marisol Ventures",
    "the Northern Grid Authority",
    "Pellucid Systems Inc.",
    "Harbourside Council",
    "Greyhill Orchard",
]
_PEOPLE = ["Anna Lindqvist", "Tomas Reyes", "Priya Natarajan", "Kofi Mensah", "Ruth Oyelaran"]
_PLACES = ["Leeds", "Rotterdam", "Osaka", "Lagos", "Valparaíso", "Tromsø"]
_FILLER = (
    "the plan would expand capacity at the site while the board reviewed costs and a supplier agreed "
    "to deliver parts on time although analysts said demand remained uncertain for the coming season"
)
_WORDS = _FILLER.split()


def article(size: int, seed: int = 1) -> str:
    """A news-like text of about size characters: headings, paragraphs, names, money and dates."""
    rng = random.Random(seed)
    out, n = ["Regional industry report\n\n"], 0
    while n < size:
        org, person, place = rng.choice(_ORGS), rng.choice(_PEOPLE), rng.choice(_PLACES)
        filler = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 30)))
        para = (
            f"{org} said on {rng.randint(1, 28)} March {rng.randint(2019, 2025)} that it would invest "
            f"{rng.randint(2, 900)} million euros in {place}. {person}, who leads the project, said {filler}. "
            f"About {rng.randint(10, 500)} workers are expected, and {rng.choice(_ORGS)} holds "
            f"{rng.randint(5, 40)}% of the venture.\n\n"
        )
        if rng.random() < 0.05:
            para = f"Update from {place}\n\n" + para
        out.append(para)
        n += len(para)
    return "".join(out)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extraction(size_mb: float) -> float:
    from workbench.core.extraction import extract_pending
    from workbench.core.ingest import ingest
    from workbench.core.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"big-{size_mb}mb.txt"
        src.write_text(article(int(size_mb * 1_000_000)), encoding="utf-8")
        with Store(Path(tmp) / "p.workbench.db") as store:
            t0 = time.perf_counter()
            ingest(store, [src])
            t1 = time.perf_counter()
            done = extract_pending(store)
            t2 = time.perf_counter()
            mentions = done["mentions"]
    print(
        f"  {size_mb:>4} MB article: read {t1 - t0:6.2f} s, entities {t2 - t1:6.2f} s "
        f"({mentions:,} mentions), peak memory so far {max_rss_mb():,.0f} MB"
    )
    return t2 - t1


def bench_sentences() -> None:
    from workbench.core.text import sentences

    cases = {
        "60 KB line of dots": "." * 60_000,
        "60 KB of abbreviations (Mr. Dr. e.g. U.S.)": "Mr. Dr. e.g. U.S. " * 3_400,
        "60 KB of '?!' runs": "?!?!?!" * 10_000 + " A.",
    }
    for name, line in cases.items():
        t0 = time.perf_counter()
        n = len(sentences(line))
        print(f"  {name:44} {1000 * (time.perf_counter() - t0):8.1f} ms ({n} sentence(s))")


def bench_search(n_articles: int) -> None:
    from workbench.core.store import Store

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.workbench.db") as store:
        from workbench.core.models import ArticleDraft

        t0 = time.perf_counter()
        with store.transaction():
            for i in range(n_articles):
                text = article(rng.randint(1500, 4000), seed=i)
                store.articles.add(
                    ArticleDraft(
                        title=f"Report {i}",
                        title_derived=False,
                        file=f"r{i}.txt",
                        sha256=f"{i:064x}",
                        encoding="utf-8",
                        text=text,
                        words=len(text.split()),
                        paragraphs=[],
                        sentences=[],
                        boilerplate=[],
                    )
                )
        print(f"  {n_articles:,} articles stored in {time.perf_counter() - t0:.1f} s")
        exclusions = " ".join(f"-{w}{i}" for i, w in enumerate(_WORDS * 10))[:4000]
        queries = {
            "the ×200": " ".join(["the"] * 200),
            "a*": "a*",
            "150 exclusions": "plan " + " ".join(f"-word{i}" for i in range(150)),
            "mixed exclusions": "capacity " + exclusions,
        }
        for name, q in queries.items():
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                hits, message = store.articles.search(q, limit=100, snippets=25)
                times.append(time.perf_counter() - t0)
            print(
                f"  {name:18} best {1000 * min(times):8.1f} ms  ({len(hits)} hits"
                + (f"; {message}" if message else "")
                + ")"
            )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--articles", type=int, default=3000)
    p.add_argument("--skip-20mb", action="store_true")
    args = p.parse_args()
    print(f"# bench_hostile on {machine()}")
    print("Extraction of one generated article (reading + sentence splitting, then entities):")
    bench_extraction(1)
    five = bench_extraction(5)
    if not args.skip_20mb and five < 12:
        bench_extraction(20)
    elif not args.skip_20mb:
        print("  20 MB skipped: the 5 MB article took 12 s or more (20 MB would exceed a minute)")
    print("Sentence splitting of pathological lines:")
    bench_sentences()
    print(f"Search at {args.articles:,} articles:")
    bench_search(args.articles)


if __name__ == "__main__":
    main()
