"""The Japanese pipeline: segmentation, GiNZA behind the NLP interface, extraction and its cache."""

import pytest

from tests import ja_samples as J
from workbench.core import nlp
from workbench.core import text as T
from workbench.core.extraction import current_version, extract_pending
from workbench.core.ingest import ingest


def _sentences(text):
    return [text[s.start : s.end] for s in T.sentences(text)]


# ------------------------------------------------------------------ segmentation (no GiNZA)


def test_japanese_sentences_split_at_full_stops_and_marks():
    text = "円相場が急落した。政府は市場を注視している！介入はあるのか？専門家の見方は分かれる。"
    assert _sentences(text) == [
        "円相場が急落した。",
        "政府は市場を注視している！",
        "介入はあるのか？",
        "専門家の見方は分かれる。",
    ]


def test_japanese_sentences_do_not_split_inside_quotations():
    text = "社長は「来年も増産する。価格は据え置く」と語った。「需要は強い。」と部長も話した。"
    assert _sentences(text) == [
        "社長は「来年も増産する。価格は据え置く」と語った。",
        "「需要は強い。」と部長も話した。",
    ]


def test_japanese_lines_are_paragraphs_and_a_short_line_is_a_heading():
    paras = T.paragraphs(J.ARTICLE)
    assert paras[0].kind == "heading"
    assert all(p.kind == "text" for p in paras[1:])
    # a long line of prose without a final full stop is not a heading
    assert not T.is_headline_like(
        "日立製作所と三菱商事、関西電力の3社は水素の供給網を整える新会社を大阪市に設立すると発表した"
    )
    assert T.is_headline_like("水素の新会社、三社が共同出資")
    assert not T.is_headline_like("新会社を設立した。")


def test_english_sentences_are_unchanged():
    text = "Prices rose 3% in May. The U.S. central bank said so! Did it? Yes."
    assert _sentences(text) == ["Prices rose 3% in May.", "The U.S. central bank said so!", "Did it?", "Yes."]


def test_word_count_estimates_japanese_tokens():
    assert T.word_count("Sony and Honda agreed.") == 4
    n = T.word_count("日立製作所と三菱商事は新会社を設立した。")
    assert 8 <= n <= 14  # GiNZA counts 11 tokens; the old count was 1
    assert T.word_count("NECとソニー") == 3


# ------------------------------------------------------------------ gazetteer matching (no GiNZA)


def test_gazetteer_names_are_found_by_characters_in_japanese_text():
    hits = {(h.ent_id, h.source) for h in nlp.gazetteer_mentions("ソフトバンクグループとNECは提携した。")}
    assert ("NEC Corp.", "gazetteer") in hits


def test_gazetteer_matching_respects_word_and_katakana_runs():
    assert nlp.gazetteer_mentions("NECTARという名の製品") == []
    assert all(h.ent_id != "NEC Corp." for h in nlp.gazetteer_mentions("ENECという団体"))


def test_ginza_labels_map_onto_workbench_types():
    assert nlp.JA_LABELS["Company"] == "ORG"
    assert nlp.JA_LABELS["Person"] == "PERSON"
    assert nlp.JA_LABELS["Province"] == "GPE" and nlp.JA_LABELS["City"] == "GPE"
    assert nlp.JA_LABELS["Money"] == "MONEY" and nlp.JA_LABELS["Date"] == "DATE"
    assert nlp.JA_LABELS["N_Organization"] == "CARDINAL"
    assert "Position_Vocation" not in nlp.JA_LABELS  # a job title is not an entity


def test_the_japanese_pipeline_is_chosen_only_for_japanese():
    assert nlp.pipeline_for("ja") == "ja"
    assert nlp.pipeline_for("en") == nlp.pipeline_for("fr") == nlp.pipeline_for(None) == "en"


def test_english_articles_never_load_the_japanese_pipeline(store, tmp_path, monkeypatch):
    loads = []

    class Tripwire:
        def __init__(self):
            loads.append("ja")

    monkeypatch.setattr(nlp, "PIPELINES", {"ja": Tripwire})
    monkeypatch.setattr(nlp, "_shared", {k: v for k, v in nlp._shared.items() if k != "ja"})
    (tmp_path / "en.txt").write_text("Hydrogen venture\n" + J.ENGLISH, encoding="utf-8")
    ingest(store, [tmp_path])
    extract_pending(store)
    assert loads == []
    (tmp_path / "ja.txt").write_text(J.ARTICLE, encoding="utf-8")
    ingest(store, [tmp_path])
    with pytest.raises(AttributeError):  # the tripwire has no mentions_and_words: it was reached
        extract_pending(store)
    assert loads == ["ja"]


def test_versions_name_both_models():
    assert "ja_ginza" in current_version() and nlp.MODEL in current_version()


# ------------------------------------------------------------------ GiNZA (loaded once per session)


@pytest.mark.japanese
def test_analyse_gives_sentences_tokens_and_mentions(ginza):
    a = nlp.analyse(J.ARTICLE, "ja")
    assert len(a.sentences) == 6  # the heading and five sentences
    assert [J.ARTICLE[s:e] for s, e in a.sentences][2] == "資本金は約120億円で、日立製作所が40%を出資する。"
    lemmas = {t.lemma for t in a.tokens}
    assert {"出資", "設立", "補助"} <= lemmas
    for t in a.tokens:
        assert J.ARTICLE[t.start : t.end] == t.text
    labels = {(J.ARTICLE[m.start : m.end], m.label) for m in a.mentions}
    assert ("経済産業省", "ORG") in labels
    assert ("大阪市", "GPE") in labels
    assert 100 < a.word_count() < 160


@pytest.mark.japanese
def test_japanese_extraction_is_cached_and_counts_tokens(ginza, store, tmp_path):
    (tmp_path / "ja.txt").write_text(J.ARTICLE + J.LATIN_NAMES, encoding="utf-8")
    aid = ingest(store, [tmp_path]).added[0].article_id
    first = extract_pending(store)
    assert first["articles"] == 1 and first["mentions"] > 10
    words = store.articles.get(aid).words
    assert 120 < words < 180  # GiNZA's tokens, not the 17 "words" of a text without spaces
    by_text = {m.text: m for m in store.entities.article_mentions(aid)}
    assert by_text["経済産業省"].type == "ORG"
    assert by_text["NEC"].entity == "NEC Corp."  # a Latin-script name in Japanese text, linked
    assert by_text["田中一郎"].type == "PERSON"  # the honorific 氏 is not part of the name
    money = by_text["約120億円"].value
    assert (money.amount, money.currency, money.approx) == (12e9, "JPY", True)
    assert by_text["最大300億円"].entity == "30 billion JPY"
    assert by_text["2026年度"].value.fiscal is True
    assert by_text["10月2日"].value.inferred is True  # the year from the article's 2025年4月8日
    assert by_text["年間10万トン"].type == "QUANTITY"
    assert extract_pending(store)["articles"] == 0  # cached by content hash and version


@pytest.mark.japanese
def test_long_japanese_text_is_cut_into_pieces_with_offsets_kept(ginza):
    sentence = "経済産業省は新会社に補助金を出す。"
    text = sentence * (50_000 // len(sentence.encode()))
    found = next(ginza.mentions([text]))
    assert len(text.encode()) > 49_149  # SudachiPy alone would refuse this
    assert found and all(text[m.start : m.end] == "経済産業省" for m in found if m.label == "ORG")


@pytest.mark.japanese
def test_changing_an_articles_language_in_the_window_extracts_it_again(ginza, qtbot, seeded_copy, qsettings):
    from workbench.core.extraction import pending
    from workbench.ui.app import open_window

    win, _lock = open_window(seeded_copy, settings=qsettings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.sig_project_ready, timeout=20000):
        win.start()
    store = win.state.store
    aid = store.articles.ids()[0]
    words, mentions = store.articles.get(aid).words, len(store.entities.article_mentions(aid))
    win.editor.update_article_meta(aid, {"language": "ja"})
    assert store.articles.get(aid).language == "ja"
    qtbot.waitUntil(lambda: not win.imports.extracting and pending(store) == 0, timeout=60000)
    assert store.articles.get(aid).words != words  # GiNZA's tokens: the Japanese pipeline read it
    win.editor.stack.undo()  # back to English: extracted again with the English pipeline
    assert store.articles.get(aid).language == "en"
    qtbot.waitUntil(lambda: not win.imports.extracting and pending(store) == 0, timeout=60000)
    assert len(store.entities.article_mentions(aid)) == mentions  # the English pipeline's mentions again
    assert store.articles.get(aid).words == words
    win.close()


def test_terms_for_comparing_japanese_without_a_model():
    assert T.terms("Sony invested 10 billion yen.") == ["sony", "invested", "10", "billion", "yen"]
    got = T.terms("経済産業省は新会社に出資する")
    assert "出資" in got and "産業" in got and "は" not in got and "する" not in got
    # two sentences about the same subsidy share terms; an unrelated one does not
    a, b = set(T.terms("政府は新会社に補助金を出す")), set(T.terms("新会社への補助金が決まった"))
    c = set(T.terms("円相場が急落した"))
    assert {"補助", "助金", "会社"} <= a & b and not a & c
