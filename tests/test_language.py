"""Language per article: detected at import, stored, filtered, editable, exported."""

import sqlite3

import pytest

from tests import ja_samples as J
from workbench.core import language as L
from workbench.core.ingest import ingest
from workbench.core.schema import SCHEMA_VERSION
from workbench.core.store import Store


@pytest.mark.parametrize(
    "text, code",
    [
        (J.ARTICLE, "ja"),
        (J.LATIN_NAMES, "ja"),  # Latin-script company names do not make it English
        (J.ENGLISH, "en"),
        (J.FRENCH, "fr"),
        (J.SHORT, "en"),  # too short to judge: the default
        ("NEC", "en"),
        ("", "en"),
        ("12345 67890 !!!", "en"),
    ],
)
def test_detect(text, code):
    assert L.detect(text) == code


def test_english_with_a_few_japanese_names_stays_english():
    text = J.ENGLISH + " The ministry (経済産業省) will pay a subsidy."
    assert L.detect(text) == "en"


def test_names_and_cjk():
    assert L.name("ja") == "Japanese" and L.name(None) == "" and L.name("xx") == "xx"
    assert L.is_cjk("ja") and not L.is_cjk("en") and not L.is_cjk(None)


def _files(tmp_path):
    (tmp_path / "ja.txt").write_text(J.ARTICLE, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Hydrogen venture\n" + J.ENGLISH, encoding="utf-8")
    return tmp_path


def test_ingest_stores_the_language_and_the_list_filters_by_it(store, tmp_path):
    report = ingest(store, [_files(tmp_path)])
    ids = {r.path.rsplit("/", 1)[-1]: r.article_id for r in report.added}
    assert store.articles.get(ids["ja.txt"]).language == "ja"
    assert store.articles.get(ids["en.txt"]).language == "en"
    assert store.articles.ids(language="ja") == [ids["ja.txt"]]
    assert store.articles.ids(language="fr") == []
    assert sorted(store.articles.ids()) == sorted(ids.values())
    assert dict(store.articles.languages()) == {"ja": 1, "en": 1}
    assert store.articles.summaries([ids["ja.txt"]])[ids["ja.txt"]].language == "ja"
    rows = {r["file"]: r for r in store.articles.export()}
    assert rows["ja.txt"]["language"] == "ja"


def test_editing_the_language_redoes_extraction_and_checks_the_code(store, tmp_path):
    report = ingest(store, [_files(tmp_path)])
    aid = report.added[0].article_id
    store.entities.replace_mentions(aid, [], store.articles.get(aid).sha256, "v1")
    assert aid not in store.entities.articles_needing_extraction("v1")
    store.articles.update_meta(aid, language="Japanese" if store.articles.get(aid).language != "ja" else "en")
    assert aid in store.entities.articles_needing_extraction("v1")
    with pytest.raises(ValueError):
        store.articles.update_meta(aid, language="Klingon!")
    # the same language again changes nothing
    store.entities.replace_mentions(aid, [], store.articles.get(aid).sha256, "v1")
    store.articles.update_meta(aid, language=store.articles.get(aid).language)
    assert aid not in store.entities.articles_needing_extraction("v1")


def test_an_older_project_learns_which_articles_are_japanese(tmp_path):
    """A project made before m008: its Japanese articles are marked (and searchable) after the upgrade."""
    from sqlite_utils import Database

    from workbench.core import migrations as M

    path = tmp_path / "old.workbench.db"
    db = Database(path)
    M.migrations.apply(db, stop_before="m008_language_and_cjk_search")
    db.execute("PRAGMA user_version = 7")
    for i, text in enumerate([J.ARTICLE + "円相場が急落した。政府は市場を注視している。", J.ENGLISH]):
        db.execute(
            "INSERT INTO articles (title, file, sha256, encoding, text, words, ingested_at) "
            "VALUES (?,?,?,?,?,?,?)",
            [f"t{i}", f"f{i}", f"s{i}", "utf-8", text, 1, "2025-01-01"],
        )
    db.conn.commit()
    db.conn.close()
    with Store(path) as s:
        assert [a.language for a in (s.articles.get(1), s.articles.get(2))] == ["ja", None]
        # segmented again: a heading and seven sentences (the last line holds two)
        assert len(s.articles.sentences(1)) == 8 and s.articles.get(1).words > 100
        assert (
            s.articles.sentences(2) == [] and s.articles.get(2).words == 1
        )  # the English one is left as it was
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    found = conn.execute(
        "SELECT rowid FROM articles_fts_cjk WHERE articles_fts_cjk MATCH '新会社'"
    ).fetchall()
    assert found == [(1,)]
    with Store(path) as s:
        assert [h.article_id for h in s.articles.search("新会社")[0]] == [1]


def test_cli_ingest_prints_the_language(db_path, tmp_path, capsys):
    from workbench.cli import main

    folder = _files(tmp_path)
    assert main(["ingest", str(folder), "--db", str(db_path), "--no-seeds", "--no-extract"]) == 0
    out = capsys.readouterr().out
    lines = {
        line.split()[-1].rsplit("/", 1)[-1]: line.split()[2] for line in out.splitlines() if "added " in line
    }
    assert lines == {"ja.txt": "ja", "en.txt": "en"}


def test_articles_pane_filters_by_language(qtbot, store, tmp_path):
    from pathlib import Path

    from workbench.ui.panes.articles import ArticlesPane
    from workbench.ui.state import AppState

    ingest(store, [_files(tmp_path)])
    pane = ArticlesPane(AppState(store, Path("x")))
    qtbot.addWidget(pane)
    items = [pane.language.itemText(i) for i in range(pane.language.count())]
    assert items[0] == "All languages" and "Japanese (1)" in items and "English (1)" in items
    assert pane.model.rowCount() == 2
    pane.language.setCurrentIndex(pane.language.findData("ja"))
    assert pane.model.rowCount() == 1
    assert pane.model.index(0, 4).data() == "ja"
    pane.language.setCurrentIndex(0)
    assert pane.model.rowCount() == 2


def test_article_details_dialog_edits_the_language(qtbot, store, tmp_path):
    from workbench.ui.dialogs import ArticleDetailsDialog

    report = ingest(store, [_files(tmp_path)])
    aid = next(r.article_id for r in report.added if r.path.endswith("ja.txt"))
    dialog = ArticleDetailsDialog(store.articles.get(aid))
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "ja"
    assert dialog.changes() == {}  # nothing changed, nothing saved
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    assert dialog.changes() == {"language": "zh"}
    store.articles.update_meta(aid, **dialog.changes())
    assert store.articles.get(aid).language == "zh"
