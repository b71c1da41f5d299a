"""Search that finds Japanese: the trigram index beside the word index, with a LIKE fallback."""

import pytest

from tests import ja_samples as J
from workbench.core import query as Q
from workbench.core.ingest import ingest


@pytest.fixture
def project(store, tmp_path):
    (tmp_path / "ja.txt").write_text(J.ARTICLE, encoding="utf-8")
    (tmp_path / "ja2.txt").write_text(J.LATIN_NAMES, encoding="utf-8")
    (tmp_path / "en.txt").write_text("NEC news\n" + J.ENGLISH + " NEC joined them.", encoding="utf-8")
    ids = {r.path.rsplit("/", 1)[-1]: r.article_id for r in ingest(store, [tmp_path]).added}
    return store, ids


def _found(store, q):
    hits, message = store.articles.search(q)
    return {h.article_id for h in hits}, hits, message


def test_japanese_words_are_found_inside_text_without_spaces(project):
    store, ids = project
    for q in ("新会社", "供給網", '"水素の供給網"', "日立製作所 水素"):
        assert _found(store, q)[0] == {ids["ja.txt"]}, q


def test_two_character_japanese_terms_use_the_like_fallback(project):
    store, ids = project
    found, hits, _ = _found(store, "出資")
    assert found == {ids["ja.txt"]}
    assert "«出資»" in hits[0].snippet
    assert _found(store, "会見")[0] == {ids["ja2.txt"]}
    assert _found(store, "出資 OR 会見")[0] == {ids["ja.txt"], ids["ja2.txt"]}
    assert _found(store, "出資 新会社")[0] == {ids["ja.txt"]}  # one short, one long term


def test_japanese_exclusions_and_misses(project):
    store, ids = project
    assert _found(store, "新会社 -ハイドロリンク")[0] == set()
    assert _found(store, "新会社 -ソニー")[0] == {ids["ja.txt"]}
    found, _, message = _found(store, "自動運転")
    assert found == set() and message == "No article matches."
    assert _found(store, "社 -社")[0] == set()


def test_a_latin_name_finds_japanese_articles_too(project):
    store, ids = project
    # in ja2.txt NEC sits against kana (NECは): the word index cannot see it, the trigram index can
    assert _found(store, "NEC")[0] == {ids["en.txt"], ids["ja2.txt"]}
    assert _found(store, "utilities")[0] == {ids["en.txt"]}


ONLY_EXCLUDES = "Add a word to search for; '-word' only excludes."
NO_WORDS = "The search has no words in it."


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("(出資", "ja.txt"),  # stray syntax around a term: the term is still searched
        ("出資*", "ja.txt"),
        ('"新会', "ja.txt"),
        ("新会社)", "ja.txt"),
        ("出資 AND", "ja.txt"),
        ("出資%", "ja.txt"),
        ("\x00出資", "ja.txt"),
        ("'出資'", "ja.txt"),
        ("NOT 出資", ONLY_EXCLUDES),
        ("-出資", ONLY_EXCLUDES),
        ("「」", NO_WORDS),
        ("%", NO_WORDS),
        ("_", NO_WORDS),
    ],
)
def test_any_japanese_input_is_answered(project, q, expected):
    """Never raises: the article with the term, or a message that says why nothing was searched."""
    store, ids = project
    found, _hits, message = _found(store, q)
    if expected in ids:
        assert (found, message) == ({ids[expected]}, None)
    else:
        assert (found, message) == (set(), expected)


def test_like_wildcards_in_a_query_are_literal(project):
    store, _ = project
    assert _found(store, "出%資")[0] == set()  # % is a character here, not a wildcard
    assert _found(store, "出_資")[0] == set()
    assert Q.like_pattern("50%_引") == "%50\\%\\_引%"


def test_snippets_and_hit_location_in_japanese(project):
    store, ids = project
    aid = ids["ja.txt"]
    assert "«新会社»" in store.articles.snippets("新会社", [aid])[aid]
    start, end = store.articles.locate_hit(aid, "出資")
    assert store.articles.text(aid)[start:end] == "出資"


def test_plan_splits_long_and_short_terms():
    plan = Q.cjk_plan(Q.parse("新会社 出資 -ソニー (補助)"))
    assert plan.match == '"新会社"'
    assert plan.like_groups == [["出資"], ["補助"]]
    assert plan.like_negatives == ["ソニー"]
    assert Q.parse("新会社").cjk and not Q.parse("NEC venture").cjk


def test_language_edit_moves_an_article_in_and_out_of_the_trigram_index(project):
    store, ids = project
    aid = ids["ja.txt"]
    store.articles.update_meta(aid, language="en")
    assert _found(store, "新会社")[0] == set()
    store.articles.update_meta(aid, language="ja")
    assert _found(store, "新会社")[0] == {aid}
    store.articles.delete([aid])
    assert _found(store, "新会社")[0] == set()
    assert store.integrity_check() == "ok"
