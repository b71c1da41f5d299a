"""One entity across languages: Japanese aliases, Latin names in Japanese text, merging."""

import pytest

from tests import ja_samples as J
from workbench.core import nlp
from workbench.core.entities import Resolver, clean, gazetteer_index, name_key, resolve
from workbench.core.ingest import ingest
from workbench.core.nlp import RawMention


def _gazetteer(text):
    return {(text[h.start : h.end], h.ent_id) for h in nlp.gazetteer_mentions(text)}


def test_japanese_names_are_aliases_of_the_english_entities():
    found = _gazetteer("ソフトバンクグループとソニー、本田技研工業、日本電気は経済産業省と協議した。")
    assert found == {
        ("ソフトバンクグループ", "SoftBank Group Corp."),
        ("ソニー", "Sony Group Corp."),
        ("本田技研工業", "Honda Motor Co."),
        ("日本電気", "NEC Corp."),
        ("経済産業省", "Ministry of Economy, Trade and Industry"),
    }
    assert _gazetteer("トヨタ自動車とホンダ") == {
        ("トヨタ自動車", "Toyota Motor Corp."),
        ("ホンダ", "Honda Motor Co."),
    }
    assert (
        "新エネルギー・産業技術総合開発機構",
        nlp.gazetteer_mentions("新エネルギー・産業技術総合開発機構（NEDO）")[0].ent_id,
    ) == (
        "新エネルギー・産業技術総合開発機構",
        "New Energy and Industrial Technology Development Organization",
    )


def test_a_parent_and_its_subsidiary_stay_apart_in_japanese():
    assert _gazetteer("ソフトバンクグループ") == {("ソフトバンクグループ", "SoftBank Group Corp.")}
    assert _gazetteer("ソフトバンクの通信事業") == {("ソフトバンク", "SoftBank Corp.")}


def test_a_japanese_alias_inside_a_longer_name_the_model_found_is_not_the_entity():
    text = "日本電気硝子は増産する。日本電気は減産する。"
    model = [RawMention(0, 6, "ORG", "model")]  # 日本電気硝子 (Nippon Electric Glass), another company
    out = nlp.combine(text, model, nlp.gazetteer_mentions(text))
    assert [(text[m.start : m.end], m.source) for m in out] == [
        ("日本電気硝子", "model"),
        ("日本電気", "gazetteer"),
    ]


def test_japanese_company_forms_do_not_change_the_key():
    assert (
        name_key("ソニーグループ株式会社") == name_key("ソニーグループ") == name_key("（株）ソニーグループ")
    )
    assert gazetteer_index()[name_key("株式会社日立製作所")][0] == "Hitachi Ltd."
    assert name_key("ソニー") != name_key("ソニーグループ")


def _resolve(store, text, spans):
    raw = [RawMention(s, e, t, src, ent) for s, e, t, src, ent in spans]
    cands = clean(text, raw, [(0, len(text), "text")])
    with store.transaction():
        return resolve(Resolver(store), cands)


def test_a_japanese_and_an_english_name_from_the_gazetteer_are_one_entity(store):
    ja = _resolve(
        store,
        "経済産業省が補助する。",
        [(0, 5, "ORG", "gazetteer", "Ministry of Economy, Trade and Industry")],
    )
    en = _resolve(store, "METI will pay.", [(0, 4, "ORG", "model", "")])
    assert ja[0].entity_id == en[0].entity_id


def test_an_acronym_defined_in_japanese_text_links_its_later_uses(store):
    text = "国際協力機構（JICA）は支援を決めた。JICAの担当者が語った。"
    rows = _resolve(store, text, [(0, 6, "ORG", "model", ""), (20, 24, "ORG", "model", "")])
    assert len({r.entity_id for r in rows}) == 1
    # a Latin acronym after a Japanese name that is not defined in brackets is another entity
    other = _resolve(
        store, "国際協力機構とJBICが協議した。", [(0, 6, "ORG", "model", ""), (7, 11, "ORG", "model", "")]
    )
    assert len({r.entity_id for r in other}) == 2


def test_the_analyst_merges_a_japanese_and_an_english_entity(store):
    ja = _resolve(store, "中部電力は増資した。", [(0, 4, "ORG", "model", "")])
    en = _resolve(store, "Chubu Electric Power raised capital.", [(0, 20, "ORG", "model", "")])
    assert ja[0].entity_id != en[0].entity_id
    store.entities.merge(en[0].entity_id, ja[0].entity_id)
    assert store.entities.alias_map()[name_key("中部電力")] == en[0].entity_id
    # the next Japanese article names the merged entity, and its mentions count there
    again = _resolve(store, "中部電力の社長が語った。", [(0, 4, "ORG", "model", "")])
    assert again[0].entity_id == en[0].entity_id


@pytest.mark.japanese
def test_english_and_japanese_articles_share_their_entities(ginza, store, tmp_path):
    from workbench.core.extraction import extract_pending

    (tmp_path / "ja.txt").write_text(J.ARTICLE + J.LATIN_NAMES, encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Hydrogen venture\nHitachi and NEC said on Tuesday that the Ministry of Economy, Trade and Industry "
        "would subsidise the plant in Osaka.",
        encoding="utf-8",
    )
    ids = {r.path.rsplit("/", 1)[-1]: r.article_id for r in ingest(store, [tmp_path]).added}
    extract_pending(store)
    ja = {m.entity for m in store.entities.article_mentions(ids["ja.txt"])}
    en = {m.entity for m in store.entities.article_mentions(ids["en.txt"])}
    shared = {"Hitachi Ltd.", "NEC Corp.", "Ministry of Economy, Trade and Industry", "Osaka"}
    assert shared <= ja & en
