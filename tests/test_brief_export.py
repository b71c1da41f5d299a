import csv
import html.parser

import pytest

from workbench.cli import main
from workbench.core import brief
from workbench.core import export as X
from workbench.core.store import Store

NASTY_NOTE = '=cmd|"/c calc"!A1, "quoted", <script>alert(1)</script>\nsecond line\r\nthird'


@pytest.fixture
def store(seeded_copy):
    with Store(seeded_copy) as s:
        aid = s.articles.ids()[0]
        text = s.articles.text(aid)
        start = text.index("up to 1 trillion yen")
        cid = s.claims.add(aid, start, start + 20, note=NASTY_NOTE, tags="+plus, @at, -minus, \ttab")
        s.claims.update(cid, verdict="disputed")
        o = s.articles.ids()[4]
        t4 = s.articles.text(o)
        b = t4.index("1 trillion yen ($~6.5 billion USD)")
        s.claims.add_evidence(cid, "contradicting", article_id=o, start=b, end=b + 34)
        s.articles.update_meta(aid, outlet='=HYPERLINK("http://x")', author="@evil")
        yield s


def test_every_table_neutralises_formulas_and_round_trips(store, tmp_path):
    done = list(X.export_tables(store, list(X.TABLES), tmp_path, excel=True))
    assert {name for name, _, _ in done} == set(X.TABLES)
    for name, n, path in done:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # Excel-compatible: BOM
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == n
        for row in rows:
            for key, value in row.items():
                assert not (value or "").startswith(tuple(X.FORMULA_START)), (name, key, value)
    with open(tmp_path / "claims.csv", encoding="utf-8-sig", newline="") as fh:
        claim = next(csv.DictReader(fh))
    assert claim["note"] == "'" + NASTY_NOTE  # exact apart from the neutralising apostrophe
    assert claim["tags"] == "'+plus|@at|-minus|tab"
    with open(tmp_path / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        art = next(csv.DictReader(fh))
    assert art["outlet"] == '\'=HYPERLINK("http://x")' and art["author"] == "'@evil"


def test_export_all_cli(store, tmp_path):
    assert main(["export", "all", "-o", str(tmp_path / "out"), "--db", str(store.path), "--excel"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{n}.csv" for n in X.TABLES)


def test_brief_markdown_and_html(store, tmp_path):
    md = brief.markdown(store)
    assert "## Members and stakes" in md and "Preferred Networks Inc." in md
    assert "## Where the sources differ" in md and "Ministry of Economy, Trade and Industry" in md
    assert "**disputed**" in md and "Contradicting" in md and "6.5 billion USD" in md
    assert "<script>" not in md  # escaped
    out = tmp_path / "brief.html"
    assert main(["brief", "-o", str(out), "--db", str(store.path)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    class Tags(html.parser.HTMLParser):
        seen = set()

        def handle_starttag(self, tag, attrs):
            self.seen.add(tag)

    parser = Tags()
    parser.feed(page)
    assert not parser.seen & {"script", "img", "iframe", "a", "link", "object"}
