import csv
import json

import pytest

from workbench.cli import main
from workbench.core import ops
from workbench.core.anchoring import locate
from workbench.core.annotations import export_annotations, import_annotations, write_annotations
from workbench.core.service import import_articles
from workbench.core.store import Store


@pytest.fixture
def store(seeded_copy):
    with Store(seeded_copy) as s:
        yield s


def _span(store, article_id, phrase):
    text = store.articles.text(article_id)
    start = text.index(phrase)
    return start, start + len(phrase)


def test_claim_lifecycle(store):
    aid = store.articles.ids()[0]
    s, e = _span(store, aid, "up to 1 trillion yen")
    cid = store.claims.add(aid, s, e, author="ana", tags="money, NEDO, money")
    c = store.claims.get(cid)
    assert (c.quote, c.verdict, c.tags, c.author) == (
        "up to 1 trillion yen",
        "unverified",
        "money|NEDO",
        "ana",
    )
    assert c.prefix.endswith("mobilize ") and c.suffix.startswith(" (approximately")
    old = store.claims.update(
        cid, verdict="disputed", confidence=0.7, note='Figures differ, "see" 002,\nline 2'
    )
    assert old == {"verdict": "unverified", "confidence": None, "note": ""}
    # overlapping claims are allowed
    cid2 = store.claims.add(aid, s + 6, e + 20)
    assert len(store.claims.matching(article_id=aid)) == 2
    assert [c.id for c in store.claims.matching(verdict="disputed")] == [cid]
    assert [c.id for c in store.claims.matching(tag="nedo")] == [cid]
    assert [c.id for c in store.claims.matching(text="Figures")] == [cid]
    other = store.articles.ids()[2]
    es, ee = _span(store, other, "1 trillion yen in assistance")
    ev = store.claims.add_evidence(cid, "contradicting", article_id=other, start=es, end=ee)
    assert store.claims.evidence(cid)[0].quote == "1 trillion yen in assistance"
    ops.delete_claim(store, cid)
    assert store.claims.get(cid) is None and store.claims.evidence(cid) == []
    ops.undo(store)
    assert store.claims.get(cid).verdict == "disputed" and store.claims.evidence(cid)[0].id == ev
    with pytest.raises(ValueError):
        store.claims.update(cid, verdict="maybe")
    with pytest.raises(ValueError):
        store.claims.add(aid, 5, 5)
    store.claims.delete(cid2)


def test_claims_csv_round_trips_awkward_notes(store, tmp_path):
    aid = store.articles.ids()[0]
    s, e = _span(store, aid, "Kyodo News")
    note = '=HYPERLINK("x"), with "quotes",\nline breaks\r\nand commas'
    cid = store.claims.add(aid, s, e, note=note, tags="-minus, @at")
    out = tmp_path / "claims.csv"
    assert main(["export", "claims", "--db", str(store.path), "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {
        "claim_id",
        "article_id",
        "start",
        "end",
        "quote",
        "verdict",
        "confidence",
        "note",
        "tags",
        "evidence",
    } <= set(rows[0])
    row = next(r for r in rows if r["claim_id"] == str(cid))
    assert row["note"] == "'" + note  # neutralised, otherwise exact
    assert row["tags"] == "'-minus|@at"


def test_anchoring():
    text = "Alpha beta gamma. The fund is 1 trillion yen. Delta the fund is 1 trillion yen again."
    a = locate(text, "the fund is 1 trillion yen", prefix="Delta ", suffix=" again")
    assert text[a.start : a.end] == "the fund is 1 trillion yen" and a.start == text.index("Delta") + 6
    changed = text.replace("The fund is 1 trillion yen.", "The fund is  1 trillion yen.")
    b = locate(changed, "The fund is 1 trillion yen", start=18, end=44)
    assert b.method == "fuzzy" and changed[b.start : b.end] == "The fund is  1 trillion yen"
    c = locate("A completely different text about football and weather.", "The fund is 1 trillion yen")
    assert c is None
    moved = "Prefix text. The fund was 1 trillion yen. Suffix."
    d = locate(moved, "The fund is 1 trillion yen.")
    assert d.method == "fuzzy" and moved[d.start : d.end] == "The fund was 1 trillion yen."


def test_changed_article_reimport_moves_claims(db_path, tmp_path):
    src = tmp_path / "v1"
    src.mkdir()
    (src / "story.txt").write_text(
        "Story headline\n\nSony joins. NEDO gives 1 trillion yen. Honda agrees.", encoding="utf-8"
    )
    with Store(db_path) as s:
        s.set_meta("seeded", "none")
        import_articles(s, [src], extract=False)
        aid = s.articles.ids()[0]
        a, b = _span(s, aid, "NEDO gives 1 trillion yen")
        keep = s.claims.add(aid, a, b)
        a, b = _span(s, aid, "Honda agrees")
        lost = s.claims.add(aid, a, b)
        v2 = tmp_path / "v2"
        v2.mkdir()
        (v2 / "story.txt").write_text(
            "Story headline (updated)\n\nSony and NEC join. NEDO gives 1 trillion yen. Toyota declines.",
            encoding="utf-8",
        )
        result = import_articles(s, [v2], extract=False)
        new_id = result.report.added[0].article_id
        assert result.claims_moved == [keep] and result.claims_orphaned == [lost]
        moved = s.claims.get(keep)
        assert moved.article_id == new_id and s.articles.text(new_id)[moved.start : moved.end] == moved.quote
        assert moved.anchor == "moved"
        orphan = s.claims.get(lost)
        assert orphan.anchor == "orphaned" and orphan.article_id == aid  # kept, listed, never dropped
        assert "could not be placed" in result.summary()


def test_w3c_round_trip(store, tmp_path, seeded_db):
    aid = store.articles.ids()[3]
    s, e = _span(store, aid, "Kyodo News on April 6")
    cid = store.claims.add(aid, s, e, author="ana", note="Date differs from 004", tags="dates, origin")
    store.claims.update(cid, verdict="misleading", confidence=0.4)
    o = store.articles.ids()[4]
    es, ee = _span(store, o, "On April 12, 2026")
    store.claims.add_evidence(cid, "contradicting", article_id=o, start=es, end=ee)
    data = export_annotations(store)
    item = data["first"]["items"][0]
    assert item["motivation"] == "assessing"
    types = {sel["type"] for sel in item["target"]["selector"]}
    assert types == {"TextQuoteSelector", "TextPositionSelector"}
    assert {"purpose": "assessing", "type": "TextualBody", "value": "misleading"} in item["body"]
    path = tmp_path / "claims.jsonld"
    write_annotations(store, path)
    json.loads(path.read_text(encoding="utf-8"))

    # into a fresh copy of the seeds: same claim, same place, same evidence
    fresh = tmp_path / "fresh.workbench.db"
    import sqlite3

    src, dst = sqlite3.connect(seeded_db), sqlite3.connect(fresh)
    src.backup(dst)
    src.close()
    dst.close()
    with Store(fresh) as f:
        report = import_annotations(f, path)
        assert len(report.added) == 1 and not report.unmatched
        c = f.claims.get(report.added[0])
        assert (c.article_id, c.start, c.end, c.verdict, c.confidence, c.note, c.tags, c.author) == (
            aid,
            s,
            e,
            "misleading",
            0.4,
            "Date differs from 004",
            "dates|origin",
            "ana",
        )
        assert f.claims.evidence(c.id)[0].stance == "contradicting"
        again = import_annotations(f, path)
        assert not again.added and len(again.skipped) == 1


def test_w3c_import_matches_by_quote_and_reports_unmatched(store, tmp_path):
    text = store.articles.text(store.articles.ids()[1])
    s = text.index("Nihon AI Foundation Model Development")
    anns = [
        {
            "type": "Annotation",
            "motivation": "assessing",
            "body": [{"type": "TextualBody", "purpose": "assessing", "value": "supported"}],
            "target": {
                "source": "https://elsewhere.example/article",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "Nihon AI Foundation Model Development"},
                    {"type": "TextPositionSelector", "start": 1, "end": 5},
                ],
            },
        },
        {
            "type": "Annotation",
            "body": "x",
            "target": {
                "selector": {"type": "TextQuoteSelector", "exact": "This sentence is in no article at all."}
            },
        },
        "not an object",
    ]
    path = tmp_path / "in.jsonld"
    path.write_text(json.dumps(anns), encoding="utf-8")
    report = import_annotations(store, path)
    assert len(report.added) == 1 and len(report.unmatched) == 2
    c = store.claims.get(report.added[0])
    assert (c.start, c.verdict) == (s, "supported")
    bad = tmp_path / "bad.jsonld"
    bad.write_bytes(b"\x00\x01 not json")
    with pytest.raises(ValueError):
        import_annotations(store, bad)


def test_cli_annotations(store, tmp_path, capsys):
    aid = store.articles.ids()[0]
    s, e = _span(store, aid, "SoftBank, Sony, Honda, and NEC")
    store.claims.add(aid, s, e, note="core members")
    out = tmp_path / "a.jsonld"
    assert main(["export", "annotations", "--db", str(store.path), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 1
    assert main(["import", "annotations", str(out), "--db", str(store.path)]) == 0
    assert "0 claim(s) imported, 1 already present" in capsys.readouterr().out
    (tmp_path / "broken.jsonld").write_text("{", encoding="utf-8")
    assert main(["import", "annotations", str(tmp_path / "broken.jsonld"), "--db", str(store.path)]) == 2
