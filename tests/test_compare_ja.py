"""Japanese statements in the comparison: cue words as data, and alignment with English statements
through shared entities, normalised values and the slot each value fills (issue 15, item 6).

Sentences about an invented recycling plant and other ventures, written for these tests (not the seeds,
not the dev gold). Most tests build statements by hand; one module fixture runs GiNZA end to end.
"""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbench.core import slots
from workbench.core.compare import StatedValue, Statement, align, compare, score_pairs, statements, words_of
from workbench.core.models import DateValue, Money

# ---------------------------------------------------------------------------- cue words


def _slot(kind, value, sentence, text):
    s = sentence.index(text)
    return slots.slot(kind, value, sentence, s, s + len(text))


YEN_30BN = Money(amount=3e10, currency="JPY", display="30 billion JPY")
YEN_25BN = Money(amount=2.5e10, currency="JPY", display="25 billion JPY")


def test_a_japanese_money_cue_names_the_same_slot_as_the_english_word():
    ja = _slot("MONEY", YEN_30BN, "経済産業省は新工場の建設に300億円を補助する。", "300億円")
    en = _slot(
        "MONEY", YEN_30BN, "The ministry will give a 30 billion yen subsidy for the plant.", "30 billion yen"
    )
    assert ja.key == en.key == ("money", "JPY", "support")
    # another cue is another slot: money put in is an investment, not support
    other = _slot("MONEY", YEN_30BN, "同社はカナダの工場に300億円を投じる。", "300億円")
    assert other.key == ("money", "JPY", "investment")


def test_japanese_qualifiers_read_like_the_english_ones():
    assert slots.qualifiers("同社は補助金を申請した。")["status"] == "applied for"
    assert slots.qualifiers("経済産業省は補助を決めた。")["status"] == "secured"
    assert slots.qualifiers("社長には同社の元副社長が就く。")["tenure"] == "former"
    # 元 inside another word is no former title: 地元 (local), 人民元 (yuan)
    assert slots.qualifiers("地元の企業に人民元で支払う。").get("tenure") != "former"
    assert "status" not in slots.qualifiers("工場は来年完成する。")


def test_a_japanese_plan_is_read_after_the_date():
    planned = _slot(
        "DATE",
        DateValue(iso="2028", fiscal=True, display="FY2028"),
        "新会社は2028年度に量産を始める予定だ。",
        "2028年度",
    )
    done = _slot(
        "DATE",
        DateValue(iso="2028", fiscal=True, display="FY2028"),
        "新会社は2028年度に量産を始めた。",
        "2028年度",
    )
    assert planned.key == ("date", "start", "plan")
    assert done.key == ("date", "start", "done")


def test_a_year_is_found_inside_japanese_text():
    sentence = "経済産業省は2026年度から最大300億円を補助する。"
    s = sentence.index("最大300億円")
    assert slots.year_of(sentence, s, s + 7) == "2026"
    assert slots.year_of("経済産業省は最大300億円を補助する。", 6, 13) is None


def test_japanese_words_are_character_pairs_without_particles():
    words = words_of("経済産業省は補助を決めた。", "ja")
    assert words["補助"] == 1 and words["経済"] == 1
    assert not any(len(w) == 2 and all("\u3040" <= c <= "\u309f" for c in w) for w in words)
    assert words_of("経済産業省は補助を決めた。", "en") == {}  # English reads Latin words only


# ---------------------------------------------------------------------------- alignment (statements by hand)

METI = (10, "Ministry of Economy, Trade and Industry")
HONDA = (11, "Honda Motor Co.")
TOYOTA = (12, "Toyota Motor Corp.")
HOKKAIDO = 13


def _st(sid, article, text, language, orgs=(), places=(), money=None):
    st = Statement(sid, article, 0, len(text), text, language=language)
    for e, name in orgs:
        st.entities.add(e)
        st.orgs.add((e, name))
    st.entities |= set(places)
    if money is not None:
        at = text.index(money[0])
        st.values[100 + sid] = StatedValue("MONEY", money[1], money[1].display, at, at + len(money[0]))
    st.words = words_of(text, language)
    return st


def _filler(start):
    """Unrelated statements, so that no feature of the test is common to most statements."""
    return [
        _st(start + i, 90 + i, f"Quarterly results {i} were announced by the chain in the morning.", "en")
        for i in range(8)
    ]


def _grouped(stmts, a, b) -> bool:
    return any(a in g and b in g for g in align(stmts))


def test_a_japanese_and_an_english_subsidy_of_one_amount_align():
    en = _st(
        1,
        1,
        "The ministry will give a 30 billion yen subsidy for the plant.",
        "en",
        [METI],
        money=("30 billion yen", YEN_30BN),
    )
    ja = _st(2, 2, "経済産業省は工場の建設に300億円を補助する。", "ja", [METI], money=("300億円", YEN_30BN))
    stmts = [en, ja, *_filler(10)]
    assert _grouped(stmts, 0, 1)


def test_a_differing_japanese_figure_of_the_same_slot_aligns():
    en = _st(
        1,
        1,
        "The ministry will give a 30 billion yen subsidy for the plant.",
        "en",
        [METI],
        money=("30 billion yen", YEN_30BN),
    )
    ja = _st(
        2, 2, "経済産業省は工場の建設に250億円を補助する。", "ja", [METI],
        money=("250億円", YEN_25BN),
    )  # fmt: skip
    stmts = [en, ja, *_filler(10)]
    assert _grouped(stmts, 0, 1)
    # without the organisation there is nothing but the slot: not enough
    bare = _st(
        3, 3, "補助額は250億円になる。", "ja",
        money=("250億円", YEN_25BN),
    )  # fmt: skip
    assert not _grouped([en, bare, *_filler(10)], 0, 1)


def test_a_japanese_and_an_english_figure_of_one_slot_are_compared():
    from workbench.core.compare import Group, _compare

    en = _st(
        1,
        1,
        "The ministry will give a 30 billion yen subsidy for the plant.",
        "en",
        [METI],
        money=("30 billion yen", YEN_30BN),
    )
    same = _st(2, 2, "経済産業省は工場の建設に300億円を補助する。", "ja", [METI], money=("300億円", YEN_30BN))
    less = _st(
        3, 3, "経済産業省は工場の建設に250億円を補助する。", "ja", [METI],
        money=("250億円", YEN_25BN),
    )  # fmt: skip
    agree = Group(1, "subsidy", {1: en, 2: same})
    _compare(agree)
    assert agree.differences == []
    differ = Group(2, "subsidy", {1: en, 3: less})
    _compare(differ)
    (d,) = differ.differences
    assert d.hard and d.kind == "money" and d.label == "Support"
    assert [(v.text, v.article_ids) for v in d.versions] == [("30 billion JPY", [1]), ("25 billion JPY", [3])]
    assert differ.differing[3] == [(less.text.index("250億円"), less.text.index("250億円") + 5)]


def test_the_same_amount_of_another_company_does_not_align():
    en = _st(
        1,
        1,
        "The ministry will give a 30 billion yen subsidy for the plant.",
        "en",
        [METI],
        money=("30 billion yen", YEN_30BN),
    )
    ja = _st(
        2, 2, "トヨタ自動車はカナダの工場に300億円を投資する。", "ja", [TOYOTA], money=("300億円", YEN_30BN)
    )
    stmts = [en, ja, *_filler(10)]
    assert (0, 1) not in score_pairs(stmts)
    assert not _grouped(stmts, 0, 1)
    # nor through a Japanese statement that its wording joins to both
    ja_meti = _st(
        3, 3, "経済産業省は工場の建設に300億円を補助する。", "ja", [METI], money=("300億円", YEN_30BN)
    )
    stmts = [en, ja, ja_meti, *_filler(10)]
    assert _grouped(stmts, 0, 2)
    assert not _grouped(stmts, 0, 1)


def test_a_japanese_sentence_sharing_only_a_place_does_not_align():
    en = _st(1, 1, "Honda already runs an engine plant in Hokkaido.", "en", [HONDA], places=[HOKKAIDO])
    ja = _st(2, 2, "北海道では近年、工場の進出が相次いでいる。", "ja", places=[HOKKAIDO])
    unrelated = _st(3, 3, "鉄鋼業は国内で最大の排出源となっている。", "ja")
    stmts = [en, ja, unrelated, *_filler(10)]
    assert not _grouped(stmts, 0, 1)
    assert not _grouped(stmts, 0, 2)


def test_within_one_language_other_organisations_still_align():
    """Only across languages is a disjoint set of organisations a veto: within one, the wording shows that
    two sources name different bodies for one fact, a difference the comparison reports."""
    nedo = (14, "New Energy and Industrial Technology Development Organization")
    a = _st(
        1,
        1,
        "The 30 billion yen programme will be run by the ministry, officials said.",
        "en",
        [METI],
        money=("30 billion yen", YEN_30BN),
    )
    b = _st(
        2,
        2,
        "The 30 billion yen programme will be run by the agency, officials said.",
        "en",
        [nedo],
        money=("30 billion yen", YEN_30BN),
    )
    assert _grouped([a, b, *_filler(10)], 0, 1)


# ---------------------------------------------------------------------------- end to end (GiNZA)

ARTICLES = {
    "en.txt": (
        "Honda to build battery recycling plant in Kumamoto\n\n"
        "Honda Motor Co. said on Monday it would build a plant in Kumamoto to recover metals from used "
        "electric vehicle batteries.\n\n"
        "Honda Motor will invest 120 billion yen in the plant.\n\n"
        "The Ministry of Economy, Trade and Industry will give a 30 billion yen subsidy for the project.\n\n"
        "Honda already runs an engine plant in Hokkaido.\n"
    ),
    "ja1.txt": (
        "ホンダ、熊本に電池リサイクル工場\n\n"
        "本田技研工業は熊本県に使用済み電池から金属を回収する工場を建設すると発表した。\n"
        "経済産業省は工場の建設に300億円を補助する。\n"
    ),
    "ja2.txt": "ホンダの新工場、投資額1500億円\n\n本田技研工業は熊本県の新工場に1500億円を投資する。\n",
    "ja3.txt": (
        "北海道、工場誘致に力\n\n"
        "北海道では近年、工場の進出が相次いでいる。\n"
        "トヨタ自動車はカナダの工場に300億円を投資する。\n"
    ),
}


@pytest.fixture(scope="module")
def mixed(ginza, tmp_path_factory):
    from workbench.core.service import import_articles
    from workbench.core.store import Store

    folder = tmp_path_factory.mktemp("xlang")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store.memory()
    import_articles(store, [folder])
    ids = {Path(store.articles.get(a).file).name: a for a in store.articles.ids()}
    yield compare(store), statements(store, list(ids.values())), ids
    store.close()


def _groups_with(comp, *needles):
    return [g for g in comp.groups if all(any(n in st.text for st in g.statements.values()) for n in needles)]


@pytest.mark.japanese
def test_japanese_articles_contribute_statements(mixed):
    _comp, stmts, ids = mixed
    ja = [s for s in stmts if s.article_id == ids["ja1.txt"]]
    assert ja and all(s.language == "ja" for s in ja)
    assert any("300億円" in s.text for s in ja)


@pytest.mark.japanese
def test_a_japanese_and_an_english_subsidy_agree_and_another_investment_differs(mixed):
    comp, _stmts, _ids = mixed
    subsidy = _groups_with(comp, "30 billion yen subsidy", "300億円を補助")
    assert subsidy and subsidy[0].status == "agree" and not subsidy[0].hard
    invest = _groups_with(comp, "invest 120 billion yen", "1500億円を投資")
    assert invest and any(g.status == "differ" for g in invest)
    line = comp.difference_line(next(d for g in invest for d in g.hard))
    assert "120 billion JPY" in line and "150 billion JPY" in line
    assert any(f.kind == "disagreement" and "150 billion JPY" in comp.finding_line(f) for f in comp.findings)


@pytest.mark.japanese
def test_unrelated_and_other_company_statements_stay_apart(mixed):
    comp, _stmts, _ids = mixed
    assert not _groups_with(comp, "30 billion yen subsidy", "トヨタ自動車はカナダ")
    assert not _groups_with(comp, "engine plant in Hokkaido", "北海道では近年")
    assert not [g for g in _groups_with(comp, "北海道では近年") if len(g.statements) > 1]


@pytest.mark.japanese
def test_the_matrix_shows_each_cell_in_its_own_language(mixed, qtmodeltester):
    from workbench.ui.models.comparison import ComparisonMatrixModel

    comp, _stmts, ids = mixed
    groups = [g for g in comp.groups if len(g.statements) > 1]
    model = ComparisonMatrixModel()
    model.set_comparison(comp, {}, groups)
    qtmodeltester.check(model)

    def cell(needle: str, article: str) -> str:
        row = next(r for r, g in enumerate(groups) if any(needle in st.text for st in g.statements.values()))
        return model.data(model.index(row, model.columns.index(ids[article]) + 1))

    assert cell("300億円を補助", "ja1.txt") == "✓ 300億円"
    assert cell("300億円を補助", "en.txt") == "✓ 30 billion yen"
    assert cell("1500億円を投資", "ja2.txt") == "≠ 1500億円"
    assert cell("1500億円を投資", "en.txt") == "≠ 120 billion yen"
    row = next(
        r for r, g in enumerate(groups) if any("300億円を補助" in st.text for st in g.statements.values())
    )
    tip = model.data(model.index(row, model.columns.index(ids["ja1.txt"]) + 1), Qt.ToolTipRole)
    assert "経済産業省は工場の建設に300億円を補助する。" in tip
