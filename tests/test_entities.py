import json
from pathlib import Path

import pytest

from workbench.core import ops
from workbench.core import values as V
from workbench.core.entities import Resolver, clean, domain_mentions, masked_text, name_key, resolve
from workbench.core.models import DateValue
from workbench.core.nlp import RawMention
from workbench.core.store import Store

GOLD = json.loads((Path(__file__).parent / "gold" / "seed_entities.json").read_text(encoding="utf-8"))
NAMED = ("ORG", "PERSON", "GPE", "LOC", "PRODUCT", "NORP")


@pytest.fixture(scope="module")
def seeded(seeded_db):
    with Store(seeded_db, readonly=True) as s:
        rows = s.entities.rows()
        aliases = {r.id: set(s.entities.aliases_of(r.id)) for r in rows}
        yield s, rows, aliases


def _find(rows, aliases, gold):
    for r in rows:
        if r.name == gold["name"] or gold["name"] in aliases[r.id]:
            return r
    return None


def test_seed_recall_and_merging(seeded):
    _s, rows, aliases = seeded
    required = [g for g in GOLD["entities"] if not g.get("optional")]
    found = 0
    for g in required:
        r = _find(rows, aliases, g)
        if r is None or r.type != g["type"]:
            continue
        # every listed surface is merged into this one entity
        if set(g["surfaces"]) <= aliases[r.id]:
            found += 1
    recall = found / len(required)
    assert recall >= 0.95, recall


def test_seed_precision(seeded):
    _s, rows, aliases = seeded
    gold_names = {g["name"] for g in GOLD["entities"]}
    gold_surfaces = {x for g in GOLD["entities"] for x in g["surfaces"]}
    named = [r for r in rows if r.type in NAMED]
    correct = [r for r in named if r.name in gold_names or aliases[r.id] & gold_surfaces]
    wrong = [r.name for r in named if r not in correct]
    assert len(correct) / len(named) >= 0.90, wrong


def test_seed_values(seeded):
    _s, rows, _aliases = seeded
    by = {(r.type, r.name): r for r in rows}
    for v in GOLD["values"]:
        r = by.get((v["type"], v["name"]))
        assert r is not None, v
        assert r.articles >= v.get("min_articles", 1), (v, r)


def test_parent_and_subsidiary_stay_apart(seeded):
    _s, rows, _aliases = seeded
    names = {r.name for r in rows}
    assert {"SoftBank Corp.", "SoftBank Group Corp.", "MUFG Bank", "Mitsubishi UFJ Financial Group"} <= names


def test_money_conversion_and_bounds(seeded):
    s, _rows, _aliases = seeded
    ment = [m for m in s.entities.export_mentions() if m["type"] == "MONEY"]
    nedo = [m for m in ment if m["text"] == "up to 1 trillion yen"]
    assert nedo
    v = json.loads(nedo[0]["value"])
    assert v["amount"] == 1e12 and v["currency"] == "JPY" and v["bound"] == "upper"
    assert v["conversions"][0]["amount"] == 6.3e9
    conv = [json.loads(m["value"]) for m in ment if m["text"] == "approximately $6.3 billion"]
    assert conv and conv[0]["approx"] and conv[0]["converted_from"]["currency"] == "JPY"


def test_boilerplate_is_never_extracted(seeded):
    s, _rows, _aliases = seeded
    for aid in s.articles.ids():
        bp = s.articles.boilerplate(aid)
        for m in s.entities.article_mentions(aid):
            assert not any(b.start < m.end and m.start < b.end for b in bp), m


def test_mentions_index_the_text_exactly(seeded):
    s, _rows, _aliases = seeded
    for m in s.entities.export_mentions():
        assert s.articles.text(m["article_id"])[m["start"] : m["end"]] == m["text"]


def test_generic_rules_without_gazetteer():
    text = (
        "Quarterly Results And Outlook\n"
        "Acme Widgets Corp. said the Federal Aviation Administration (FAA) approved the plan. "
        "FAA officials agreed. Jane Doorley, chief executive, said Doorley would stay. "
        "Acme Widgets will pay 2 billion euros (about $2.2 billion) by March 3.\n"
        "Phase Two: Zorblax Labs joins."
    )
    paras = [
        (0, 29, "heading"),
        (30, text.index("\nPhase"), "text"),
        (text.index("Phase"), len(text), "list"),
    ]

    def raw(surface, label, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return RawMention(start, start + len(surface), label, "model")

    mentions = [
        raw("Quarterly Results And Outlook", "ORG"),
        raw("Acme Widgets Corp.", "ORG"),
        raw("the Federal Aviation Administration", "ORG"),
        raw("FAA", "ORG", 1),
        raw("Jane Doorley", "PERSON"),
        raw("Doorley", "ORG", 1),
        raw("Acme Widgets", "ORG", 1),
        raw("2 billion euros", "MONEY"),
        raw("about $2.2 billion", "MONEY"),
        raw("March 3", "DATE"),
        raw("Phase Two", "ORG"),
    ]
    cands = clean(text, mentions, paras, published="2025-02-20")
    got = {c.text: c for c in cands}
    assert "Quarterly Results And Outlook" not in got  # a heading is not an organisation
    assert "Phase Two" not in got  # a list label is not an organisation
    assert got["Federal Aviation Administration"].extra_keys == ["faa"]
    assert got["Doorley"].type == "PERSON" and got["Doorley"].key == got["Jane Doorley"].key
    assert got["Acme Widgets Corp."].key == got["Acme Widgets"].key == "acme widgets"
    assert got["2 billion euros"].value.conversions[0].currency == "USD"
    assert got["about $2.2 billion"].value.converted_from.currency == "EUR"
    assert got["March 3"].value == DateValue(iso="2025-03-03", display="2025-03-03", inferred=True)

    store = Store.memory()
    try:
        aid = store.conn.execute(
            "INSERT INTO articles (title, file, sha256, encoding, text, words, ingested_at) "
            "VALUES ('t','f','x','utf-8',?,1,'now')",
            [text],
        ).lastrowid
        rows = resolve(Resolver(store), cands)
        store.entities.replace_mentions(aid, rows, "x", "v")
        ids = {r.text: r.entity_id for r in rows}
        assert ids["FAA"] == ids["Federal Aviation Administration"]
        assert ids["Doorley"] == ids["Jane Doorley"]
    finally:
        store.close()


def test_product_names_and_junk():
    text = "Models like GPT-4 and Gemini beat AI from #### vendors."
    mentions = [
        RawMention(12, 17, "PERSON", "model"),
        RawMention(46, 50, "MONEY", "model"),
        RawMention(34, 36, "GPE", "model"),
    ]
    cands = clean(text, mentions, [(0, len(text), "text")])
    assert [(c.text, c.type) for c in cands] == [("GPT-4", "PRODUCT")]


def test_domains_outside_urls():
    text = "It said so koreadaily.com. Photo https://unsplash.com/x and Nippon.com too."
    found = [text[m.start : m.end] for m in domain_mentions(text)]
    assert found == ["koreadaily.com", "Nippon.com"]


@pytest.mark.parametrize(
    "surface,key",
    [
        ("Sony Group Corp.", "sony group"),
        ("the Yomiuri Shimbun", "yomiuri shimbun"),
        ("SoftBank’s", "softbank"),
        ("Kobe Steel Ltd.", "kobe steel"),
        ("Honda Motor Co.", "honda motor"),
        ("“Acme”", "acme"),
    ],
)
def test_name_keys(surface, key):
    assert name_key(surface) == key


def test_values():
    assert V.parse_money("up to 1 trillion yen").bound == "upper"
    assert V.parse_money("£600m").amount == 6e8
    assert V.parse_percent("73.7 percent").percent == 73.7
    assert V.parse_count("approximately 100", "", " AI engineers will").unit == "AI engineers"
    assert V.parse_date("five years").period == "P5Y"
    assert V.parse_date("the 2026 fiscal year").display == "FY2026"
    assert V.parse_date("April 6", reference=(2025, 11)).iso == "2026-04-06"


def test_masking_keeps_offsets():
    from workbench.core.text import Boilerplate

    text = "Keep this.\nLeave a Comment\nAnd this."
    masked = masked_text(text, [Boilerplate(11, 26, "x")])
    assert len(masked) == len(text) and "Leave" not in masked and masked[27:] == text[27:]


def test_extraction_is_cached_and_fixes_survive(seeded_copy):
    from workbench.core.extraction import extract_pending, pending

    with Store(seeded_copy) as s:
        assert pending(s) == 0
        assert extract_pending(s)["articles"] == 0  # reopening never runs the model again
        rows = {r.name: r for r in s.entities.rows()}
        # analyst fixes
        s.entities.rename(rows["Kyodo News"].id, "Kyodo News agency")
        s.entities.set_type(rows["Epoch AI"].id, "PRODUCT")
        s.entities.merge(rows["Mitsubishi UFJ Financial Group"].id, rows["Mitsubishi"].id)
        gpt = next(m for m in s.entities.mentions_of(rows["GPT-4"].id))[0]
        s.entities.reject_mention(gpt.id)
        smith = next(m for m, _, _ in s.entities.mentions_of(rows["Brad Smith"].id) if m.text == "Smith")
        split = s.entities.split_mention(smith.id, "Smith (someone else)")
        aid = s.articles.ids()[0]
        added = s.entities.add_mention(aid, 0, 5, name="Japan’s industry", type_="NORP")
        before = sorted(
            (m["article_id"], m["start"], m["end"], m["entity"], m["type"])
            for m in s.entities.export_mentions()
        )
        # force re-extraction of everything
        s.conn.execute("UPDATE extraction SET version = 'old'")
        s.conn.commit()
        assert extract_pending(s)["articles"] == 5
        after = sorted(
            (m["article_id"], m["start"], m["end"], m["entity"], m["type"])
            for m in s.entities.export_mentions()
        )
        assert after == before
        assert s.entities.mention(added).source == "analyst"
        assert s.entities.get(split).name == "Smith (someone else)"


def _recount(s):
    """Entity counts computed from the mentions, against the ones the triggers keep."""
    counted = {
        r[0]: (r[1], r[2])
        for r in s.conn.execute(
            "SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions GROUP BY entity_id"
        )
    }
    kept = {r.id: (r.mentions, r.articles) for r in s.entities.rows()}
    return counted, kept


def test_entity_counts_follow_every_change(seeded_copy):
    from workbench.core.extraction import extract_pending

    with Store(seeded_copy) as s:
        counted, kept = _recount(s)
        assert counted == kept and len(kept) > 40
        rows = {r.name: r for r in s.entities.rows()}
        ops.merge_entities(s, rows["Mitsubishi UFJ Financial Group"].id, rows["Mitsubishi"].id)
        assert s.entities.get(rows["Mitsubishi"].id) is None  # merged away, its mention moved
        assert s.entities.get(rows["Mitsubishi UFJ Financial Group"].id).mentions == (
            rows["Mitsubishi UFJ Financial Group"].mentions + rows["Mitsubishi"].mentions
        )
        softbank = rows["SoftBank Corp."].id
        first = s.entities.mentions_of(softbank)[0][0]
        ops.reject_mention(s, first.id)
        second = s.entities.mentions_of(softbank)[0][0]
        ops.split_mention(s, second.id, "SoftBank (another)")
        added = ops.add_mention(s, s.articles.ids()[-1], 0, 5, entity_id=softbank).value
        counted, kept = _recount(s)
        assert counted == kept
        assert kept[softbank][0] == rows["SoftBank Corp."].mentions - 1  # -1 rejected, -1 split, +1 added
        assert added is not None
        for _ in range(4):  # the added mention, the split, the rejection, the merge
            ops.undo(s)
        counted, kept = _recount(s)
        assert counted == kept and kept[softbank] == (
            rows["SoftBank Corp."].mentions,
            rows["SoftBank Corp."].articles,
        )
        s.conn.execute("UPDATE extraction SET version = 'old'")
        s.conn.commit()
        extract_pending(s)
        assert _recount(s)[0] == _recount(s)[1]
        s.conn.execute("DELETE FROM articles WHERE id = ?", [s.articles.ids()[0]])  # cascades to its mentions
        s.conn.commit()
        counted, kept = _recount(s)
        assert counted == kept


def test_official_name_split_after_and_is_joined():
    text = "He spoke to the Department for Education and Skills today."
    a, b = text.index("Department"), text.index("Skills")
    cands = clean(
        text,
        [
            RawMention(a, a + len("Department for Education"), "ORG", "model"),
            RawMention(b, b + 6, "ORG", "model"),
        ],
        [(0, len(text), "text")],
    )
    assert [(c.text, c.type) for c in cands] == [("Department for Education and Skills", "ORG")]


def test_older_project_gets_its_entity_counts(seeded_copy):
    import sqlite3

    from workbench.core.schema import SCHEMA_VERSION

    conn = sqlite3.connect(seeded_copy)  # make it a schema-5 project, as the previous release wrote it
    for name in ("mentions_counted_insert", "mentions_counted_delete", "mentions_counted_update"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE entity_counts")
    conn.execute("DROP INDEX articles_file")
    conn.execute("DROP INDEX articles_url")
    conn.execute(
        "DELETE FROM _sqlite_migrations WHERE name IN ('m006_entity_counts', 'm007_article_file_url_indexes')"
    )
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Store(seeded_copy) as s:
        counted, kept = _recount(s)
        assert counted == kept and len(kept) > 40
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_number_followed_by_a_currency_word_is_money(tmp_path):
    """spaCy reads '1.2 billion' in '1.2 billion euros' as a number; the currency word after it makes it money.
    A number followed by any other noun stays a count."""
    from workbench.core.extraction import extract_pending
    from workbench.core.ingest import ingest
    from workbench.core.models import Count, Money

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "Terminal costs\n\nThe terminal will cost 1.2 billion euros and employ 1.2 billion robots, "
        "the port said on Monday.",
        encoding="utf-8",
    )
    with Store(tmp_path / "p.workbench.db") as s:
        s.set_meta("seeded", "none")
        ingest(s, [src])
        extract_pending(s)
        values = {m.text: m.value for m in s.entities.article_mentions(s.articles.ids()[0]) if m.value}
    money = values["1.2 billion euros"]
    assert isinstance(money, Money) and (money.amount, money.currency) == (1.2e9, "EUR")
    assert isinstance(values["1.2 billion"], Count) and values["1.2 billion"].unit == "robots"
