import csv

import pytest

from workbench.cli import main
from workbench.core.compare import compare
from workbench.core.store import Store


@pytest.fixture(scope="module")
def comparison(seeded_db):
    with Store(seeded_db, readonly=True) as s:
        yield compare(s), s.articles.ids()


def test_origins_group_articles_that_rest_on_the_same_report(comparison):
    comp, ids = comparison
    o = comp.origins
    assert o[ids[0]].label == o[ids[3]].label == "Kyodo News"  # "first reported by", "cited by"
    assert o[ids[1]].cited[:1] == ["Yomiuri Shimbun"] and "koreadaily.com" in o[ids[1]].cited
    assert o[ids[4]].cited[:2] == ["Nippon.com", "Jiji Press"]  # the "Primary Source" line
    assert o[ids[2]].key.startswith("article:")  # cites nobody: its own origin
    assert len({x.key for x in o.values()}) == 4  # five articles, four independent origins


def _difference(comp, topic_start: str, kind: str) -> str:
    """The one difference of that kind in the one differing group whose topic starts so."""
    (found,) = [
        line
        for g in comp.groups
        if g.status == "differ" and g.topic.startswith(topic_start)
        for d in g.hard
        if (line := comp.difference_line(d)).startswith(kind)
    ]
    return found


def _origins(comp, group) -> set[str]:
    return {comp.origins[a].key for a in group.statements}


def test_known_disagreements_are_flagged(comparison):
    comp, _ids = comparison
    text = " | ".join(comp.difference_line(d) for g in comp.groups for d in g.hard)
    # which body runs the programme
    assert "Ministry of Economy, Trade and Industry" in text and "New Energy and Industrial" in text
    # applied for vs secured
    assert "applied for" in text and "secured" in text
    # "up to" 1 trillion yen vs plainly 1 trillion yen
    assert "up to 1 trillion JPY" in text
    # different conversions of the same 1 trillion yen
    # different rates for the same 1 trillion yen: a soft difference; a conversion into won is no difference
    figure = next(g for g in comp.groups if g.topic.startswith("1 trillion JPY — the figure"))
    conv = comp.difference_line(next(d for d in figure.soft if d.label == "USD conversion"))
    assert "6.3 billion USD" in conv and "6.5 billion USD" in conv
    assert not any("KRW" in comp.difference_line(d) for d in figure.differences)
    # the two dates given for the founding report
    event = next(g for g in comp.groups if g.topic.startswith("Date of the event"))
    assert event.status == "differ" and len(event.hard) == 1
    assert sorted(v.text for v in event.hard[0].versions) == ["2026-04-06", "2026-04-12"]
    # a partner that will join later in two reports of one origin, the technical core now in another
    timing = _difference(comp, "Preferred Networks Inc.", "timing:")
    assert timing.startswith("timing: later (Kyodo News ×2) vs now (")
    # a current executive in one source, a former one in another
    tenure = _difference(comp, "SoftBank Corp.", "tenure:")
    assert tenure == "tenure: current (Kyodo News) vs former (Yomiuri Shimbun)"
    differ = [g for g in comp.groups if g.status == "differ"]
    assert differ and all(g.hard for g in differ)
    for g in differ:
        assert comp.independent_origins(g) >= 2


def test_single_source_statements(comparison):
    comp, ids = comparison
    microsoft = [g for g in comp.groups if any("1.6 trillion yen" in st.text for st in g.statements.values())]
    assert len(microsoft) == 1 and microsoft[0].status == "single-source"
    assert set(microsoft[0].statements) == {ids[3]}
    singles = [g for g in comp.groups if g.status == "single-source"]
    assert {comp.independent_origins(g) for g in singles} == {1}
    # the same fact from two articles of one origin counts as one source
    assert all(comp.independent_origins(g) == len(_origins(comp, g)) for g in comp.groups)
    assert any(set(g.statements) >= {ids[0], ids[3]} for g in comp.groups)  # both Kyodo News reports


def test_agreeing_statements(comparison):
    comp, _ids = comparison
    founders = [
        g
        for g in comp.groups
        if g.status == "agree"
        and len(g.statements) >= 4
        and all("SoftBank" in st.text for st in g.statements.values())
    ]
    assert founders


def test_export_comparison_long_form(seeded_copy, tmp_path):
    out = tmp_path / "cmp.csv"
    assert main(["export", "comparison", "--db", str(seeded_copy), "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"group_id", "topic", "status", "article_id", "origin", "values", "sentence"} <= set(rows[0])
    assert {r["status"] for r in rows} >= {"agree", "differ", "single-source"}
