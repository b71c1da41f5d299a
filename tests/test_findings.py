"""Findings end to end on a small story of our own: a wire, a copy of it, and an outlet with another price."""

import pytest

from workbench.core.compare import compare
from workbench.core.findings import FindingKind, line
from workbench.core.models import DifferenceKind
from workbench.core.service import import_articles
from workbench.core.store import Store

WIRE = """Brewer agrees to buy rival

COPENHAGEN (Reuters) - Nordic Breweries agreed on Monday to buy the Danish brewer Hvidsten for 1.2 billion euros in cash, the two companies said.
The purchase gives Nordic Breweries eleven breweries across Denmark and Sweden and about 2,000 employees.
Hvidsten shareholders will receive 48 euros per share, a premium of 30 percent to Friday's closing price.
The deal needs approval from the European Commission and is expected to close in the third quarter.
Reporting by Anna Berg; Editing by Tom Hay
"""
COPY = """Nordic Breweries to buy Hvidsten

Beer lovers in Jutland may soon see new labels on the shelves.
Nordic Breweries agreed on Monday to buy the Danish brewer Hvidsten for 1.2 billion euros in cash, the two companies said.
The purchase gives Nordic Breweries eleven breweries across Denmark and Sweden and about 2,000 employees.
The deal needs approval from the European Commission and is expected to close in the third quarter.
"""
OTHER = """Hvidsten sold in cut-price deal

Nordic Breweries is paying 1.5 billion euros for Hvidsten, the Danish brewer, the Financial Times reported on Tuesday.
The brewer's founders, three brothers from Aarhus, built the company over forty years.
Competition lawyers say the European Commission will look closely at the purchase.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story")
    for name, text, date in (
        ("a", WIRE, "2025-06-02"),
        ("b", COPY, "2025-06-03"),
        ("c", OTHER, "2025-06-03"),
    ):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(f'{{"published": "{date}"}}', encoding="utf-8")
    path = folder / "p.workbench.db"
    with Store(path) as s:
        import_articles(s, [folder])
        yield compare(s), s


def test_copy_and_origins(story):
    comp, _s = story
    assert [(x.copier, x.source) for x in comp.copies] == [(2, 1)]
    assert comp.origins[1].origin.name == "Reuters" and comp.origins[2].origin.name == "Reuters"
    assert comp.origins[2].via == 1
    assert comp.origins[3].origin.name == "Financial Times"
    assert comp.independent_count == 2


def test_the_price_disagreement_comes_first_and_marks_the_values(story):
    comp, _s = story
    first = comp.findings[0]
    assert first.kind == "disagreement"
    line = comp.finding_line(first)
    assert "1.2 billion EUR" in line and "1.5 billion EUR" in line
    assert "one wire" in line  # the wire and its copy count once
    marked = {
        comp_text[a:b]
        for st in first.statements
        for a, b in st.marks
        for comp_text in [_s.articles.text(st.article_id)]
    }
    assert any("1.2 billion" in m for m in marked) and any("1.5 billion" in m for m in marked)


def test_counts_of_different_things_are_not_a_disagreement(story):
    comp, _s = story
    lines = " | ".join(comp.finding_line(f) for f in comp.findings if f.kind == "disagreement")
    assert "three" not in lines and "2,000" not in lines and "2000" not in lines


def test_a_finding_carries_the_difference_it_reports(story):
    comp, _s = story
    first = comp.findings[0]
    d = first.difference
    assert first.kind == FindingKind.DISAGREEMENT and d is not None and d.hard
    assert d.kind == DifferenceKind.MONEY and d.kind.of_value
    assert sorted((v.text, tuple(v.article_ids)) for v in d.versions) == [
        ("1.2 billion EUR", (1, 2)),
        ("1.5 billion EUR", (3,)),
    ]
    # the line is worded from the record: the label, then each version with who states it
    assert line(first, comp) == comp.finding_line(first)
    assert line(first, comp).startswith(f"{d.title}: ")
    # a fact on a single origin has no difference, only its values and the statement quoted
    single = [f for f in comp.findings if f.kind == FindingKind.SINGLE_ORIGIN]
    assert single and all(f.difference is None and f.sentence for f in single)
    assert all(f.difference is not None for f in comp.findings if f.kind != FindingKind.SINGLE_ORIGIN)
