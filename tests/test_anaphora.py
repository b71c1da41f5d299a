"""Organisation anaphora (core/anaphora.py): 'the company', 'the group', 'both companies', 'the venture',
同社, 両社, 新会社 resolve to the organisation they refer back to, as mentions that never make an entity.

Most tests hand the mechanism the candidates a recogniser would give (no model); two run the pipelines.
Sentences are about other industries than the seeds (mining, shipping, pharmaceuticals, banking, sport)."""

from __future__ import annotations

import re

import pytest

from workbench.core.anaphora import add_references
from workbench.core.entities import Candidate, Resolver, _assign_keys, _ja_company, resolve
from workbench.core.role_facts import Mention, single_referents


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?。])\s*", text):
        if m.end() > start:
            out.append((start, m.start()))
            start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _refs(text: str, names: list[tuple[str, str]], language: str = "en", nth: dict | None = None):
    """names: (surface, type) in the order they occur; returns (cue text, cue start, referent text)."""
    cands, pos = [], 0
    for surface, kind in names:
        at = text.index(surface, pos)
        cands.append(Candidate(at, at + len(surface), surface, kind, "model"))
        pos = at + len(surface)
    _assign_keys(text, cands)
    add_references(text, cands, _sentences(text), language)
    return [(c.text, c.start, c.refers_to.text) for c in cands if c.refers_to is not None]


# ---------------------------------------------------------------------------- English


def test_the_group_refers_to_the_company_named_before():
    text = "Rio Tinto said it would invest $2.5 billion in Argentina. The group expects first output in 2028."
    assert _refs(text, [("Rio Tinto", "ORG")]) == [("The group", text.index("The group"), "Rio Tinto")]


def test_a_possessive_still_refers_but_an_indefinite_never_does():
    text = "Shares of Unilever rose after the company's sales beat forecasts. A company in Osaka said so too."
    assert [r[0] for r in _refs(text, [("Unilever", "ORG")])] == ["the company"]


def test_the_group_of_a_tournament_is_no_company():
    text = (
        "Arsenal beat Porto to finish top of the group on Wednesday. Arteta said the group had been hard, "
        "and the group stage draw is on Monday."
    )
    assert _refs(text, [("Arsenal", "ORG"), ("Porto", "ORG"), ("Arteta", "PERSON")]) == []


def test_a_restrictive_description_names_a_company_not_yet_known():
    text = "DP World and PSA are bidding for the terminal. Analysts say the firm that wins will dominate."
    assert _refs(text, [("DP World", "ORG"), ("PSA", "ORG")]) == []


def test_the_bank_wants_a_bank_and_the_company_never_a_ministry():
    text = "Mizuho agreed to buy a stake in Vietcombank on Monday. The bank will expand lending."
    assert _refs(text, [("Mizuho", "ORG"), ("Vietcombank", "ORG")])[0][2] == "Vietcombank"
    text = "The Ministry of Health approved the vaccine. The company will ship it. The ministry said so."
    refs = _refs(text, [("Ministry of Health", "ORG")])
    assert [(r[0], r[2]) for r in refs] == [("The ministry", "Ministry of Health")]


def test_a_name_in_the_same_clause_is_another_company():
    text = "A group of investors led by KKR agreed to buy the retailer for $3 billion."
    assert _refs(text, [("KKR", "ORG")]) == []
    text = "Samsung Electronics said on Tuesday the company would build a chip plant in Texas."
    assert _refs(text, [("Samsung Electronics", "ORG"), ("Texas", "GPE")])[0][2] == "Samsung Electronics"


def test_a_news_agency_is_never_the_company():
    text = (
        "Toshiba is preparing to sell its elevator unit, Reuters reported. The company declined to comment."
    )
    assert _refs(text, [("Toshiba", "ORG"), ("Reuters", "ORG")])[0][2] == "Toshiba"


def test_the_article_topic_beats_a_name_mentioned_once_nearby():
    text = (
        "Kestrel Mining will build a smelter. Kestrel Mining has applied to Enova, the state climate agency. "
        "Enova has not decided. The company says it will start in March."
    )
    names = [("Kestrel Mining", "ORG"), ("Kestrel Mining", "ORG"), ("Enova", "ORG"), ("Enova", "ORG")]
    assert _refs(text, names)[0][2] == "Kestrel Mining"


def test_both_companies_refer_to_the_two_named_last():
    text = "Nokia and Ericsson signed a patent deal on Friday. Both companies declined to disclose terms."
    refs = _refs(text, [("Nokia", "ORG"), ("Ericsson", "ORG")])
    assert sorted(r[2] for r in refs) == ["Ericsson", "Nokia"]
    assert len({r[1] for r in refs}) == 1  # two mentions over the same words
    # one company named: 'both companies' refers to nothing
    assert _refs("Nokia signed a deal. Both companies declined to comment.", [("Nokia", "ORG")]) == []


def test_the_venture_is_the_name_in_apposition_or_the_venture_named_before():
    text = (
        "Shell and Mitsubishi Corp will set up a joint venture, named Ocean Green Hydrogen, in Rotterdam. "
        "The venture will start in 2027, the companies said. Shell will hold 60% of the new company."
    )
    refs = _refs(text, [("Shell", "ORG"), ("Mitsubishi Corp", "ORG"), ("Ocean Green Hydrogen", "ORG")])
    got = {(r[0], r[2]) for r in refs}
    assert ("The venture", "Ocean Green Hydrogen") in got
    assert ("the new company", "Ocean Green Hydrogen") in got
    assert {r[2] for r in refs if r[0] == "the companies"} == {"Shell", "Mitsubishi Corp"}
    # no venture named: the new company stays unresolved, and venture capital is no venture
    text = (
        "Nissan and Honda said the new company would list in 2026. The venture capital firm Sequoia agreed."
    )
    assert _refs(text, [("Nissan", "ORG"), ("Honda", "ORG"), ("Sequoia", "ORG")]) == []


# ---------------------------------------------------------------------------- Japanese


def test_japanese_same_company_refers_back_and_look_alikes_do_not():
    text = "武田薬品工業は10日、新薬の権利をノバルティスに供与すると発表した。同社は約300億円を受け取る。"
    assert _refs(text, [("武田薬品工業", "ORG"), ("ノバルティス", "ORG")], "ja")[0][2] == "武田薬品工業"
    # 同社長 is a person, 同行した is 'went along', 共同社宅 is a word holding 同社
    text = "楽天グループは8日、基地局を増やすと発表した。同社長は首相に同行した。共同社宅も建てる。"
    assert _refs(text, [("楽天グループ", "ORG")], "ja") == []


def test_japanese_both_companies_and_the_new_company_once_named():
    text = (
        "パナソニックと住友商事は1日、新会社を設立すると発表した。新会社の名称は「リバースセル」とし、"
        "7月に発足する。両社が50%ずつ出資する。新会社の社長にはパナソニックの幹部が就く。"
    )
    refs = _refs(text, [("パナソニック", "ORG"), ("住友商事", "ORG"), ("パナソニック", "ORG")], "ja")
    by_cue: dict = {}
    for cue, start, referent in refs:
        by_cue.setdefault((cue, start), set()).add(referent)
    first = text.index("新会社")
    assert ("新会社", first) not in by_cue  # the first 新会社 introduces the venture: no name yet
    assert by_cue[("新会社", text.index("新会社の名称"))] == {"リバースセル"}
    assert by_cue[("新会社", text.rindex("新会社"))] == {"リバースセル"}
    assert by_cue[("両社", text.index("両社"))] == {"パナソニック", "住友商事"}


def test_japanese_company_endings():
    assert _ja_company("名村造船所") and _ja_company("川崎重工業")
    assert not _ja_company("電気自動車") and not _ja_company("造船") and not _ja_company("Acme Motors")


def test_a_company_the_japanese_model_took_for_a_product_is_an_organisation():
    from workbench.core.entities import clean
    from workbench.core.nlp import RawMention

    text = "名村造船所は2日、新しいドックを建設すると発表した。電気自動車も造る。"
    raw = [
        RawMention(0, 5, "PRODUCT", "model"),
        RawMention(text.index("電気"), text.index("も造"), "PRODUCT", "model"),
    ]
    got = {c.text: c.type for c in clean(text, raw, [])}
    assert got == {"名村造船所": "ORG", "電気自動車": "PRODUCT"}


# ---------------------------------------------------------------------------- resolution and roles


def test_a_reference_takes_its_referent_entity_and_makes_no_entity_or_alias(store):
    text = "Maersk cut its forecast. The group said rates would fall."
    cands = [Candidate(0, 6, "Maersk", "ORG", "model")]
    _assign_keys(text, cands)
    add_references(text, cands, _sentences(text), "en")
    rows = resolve(Resolver(store), cands)
    assert [(r.text, r.source) for r in rows] == [("Maersk", "model"), ("The group", "reference")]
    assert rows[0].entity_id == rows[1].entity_id
    aliases = store.entities.alias_map()
    assert "group" not in aliases and "the group" not in aliases
    assert len({e for e in aliases.values()}) == 1


def test_the_walks_read_both_companies_as_a_pronoun_not_as_one_member():
    one = Mention(0, 6, "ORG")
    pair = [Mention(20, 34, "ORG"), Mention(20, 34, "ORG")]
    assert single_referents([one, *pair]) == [one]


# ---------------------------------------------------------------------------- the pipelines


def test_english_extraction_stores_resolved_references(store, tmp_path):
    from workbench.core.service import import_articles

    (tmp_path / "a.txt").write_text(
        "Qantas orders jets\n\nQantas will buy 12 more Airbus A350 jets for its longest routes. "
        "The airline plans to fly from Sydney to London without a stop by 2027.",
        encoding="utf-8",
    )
    import_articles(store, [tmp_path])
    aid = store.articles.ids()[0]
    refs = [m for m in store.entities.article_mentions(aid) if m.source == "reference"]
    assert [(m.text, m.entity, m.type) for m in refs] == [("The airline", "Qantas", "ORG")]
    assert not any(e.name.lower() in ("the airline", "airline") for e in store.entities.rows())


@pytest.mark.japanese
def test_japanese_extraction_stores_resolved_references(ginza, store, tmp_path):
    from workbench.core.service import import_articles

    (tmp_path / "a.txt").write_text(
        "日立が新工場\n\n日立製作所は2日、茨城県に送電設備の新工場を建設すると発表した。"
        "同社は約100億円を投じる。",
        encoding="utf-8",
    )
    import_articles(store, [tmp_path])
    aid = store.articles.ids()[0]
    refs = [
        (m.text, m.entity, m.type) for m in store.entities.article_mentions(aid) if m.source == "reference"
    ]
    assert refs == [("同社", "Hitachi Ltd.", "ORG")]
    assert not any(e.name == "同社" for e in store.entities.rows())
