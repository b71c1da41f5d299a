import sqlite3

from conftest import SEEDS

from workbench.core import ops
from workbench.core.errors import StoreError
from workbench.core.ingest import ingest, prepare
from workbench.core.migrations import migrations
from workbench.core.store import Store
from workbench.core.store_articles import Articles


def test_pragmas_are_set_on_every_connection(db_path):
    with Store(db_path) as s:
        assert s.pragma("journal_mode") == "wal"
        assert s.pragma("foreign_keys") == 1
        assert s.pragma("synchronous") == 2  # FULL
        assert s.integrity_check() == "ok"


def test_migrations_recorded_and_older_file_upgrades(db_path):
    # an "older" project: only the first step applied
    conn = sqlite3.connect(db_path)
    from sqlite_utils import Database

    db = Database(conn)
    first = migrations._migrations[0].name
    later = [m.name for m in migrations._migrations[1:]]
    migrations.apply(db, stop_before=later[0]) if later else migrations.apply(db)
    conn.close()
    with Store(db_path) as s:
        assert s.applied_migrations()[0] == first
        assert s.applied_migrations() == [m.name for m in migrations._migrations]


def test_file_opens_in_plain_sqlite3(seeded_db):
    conn = sqlite3.connect(seeded_db)
    titles = [r[0] for r in conn.execute("select title from articles order by id")]
    assert len(titles) == 5
    assert (
        conn.execute("select count(*) from articles_fts where articles_fts match 'softbank'").fetchone()[0]
        == 5
    )
    conn.close()


def test_cascade_delete_removes_segments(store):
    draft, _ = prepare(SEEDS / "000_bbcda22fc88dd2e5.txt")
    aid = store.articles.add(draft)
    assert store.articles.sentences(aid)
    store.articles.delete([aid])
    assert store.db.execute("select count(*) from sentences").fetchone()[0] == 0
    assert store.db.execute("select count(*) from paragraphs").fetchone()[0] == 0


def test_article_text_round_trips_and_offsets_index_it(store):
    ingest(store, [SEEDS])
    for aid in store.articles.ids():
        art = store.articles.get(aid)
        assert art.text == store.articles.text(aid)
        for seg in store.articles.sentences(aid):
            piece = art.text[seg.start : seg.end]
            assert piece and piece == piece.strip()


def test_metadata_edit_and_sorting(store):
    ingest(store, [SEEDS])
    ids = store.articles.ids()
    old = store.articles.update_meta(ids[0], outlet="Kyodo", published="2026-04-06", title="A real title")
    assert old["outlet"] is None
    art = store.articles.get(ids[0])
    assert (art.outlet, art.published, art.title, art.title_derived) == (
        "Kyodo",
        "2026-04-06",
        "A real title",
        False,
    )
    assert store.articles.ids("outlet")[0] == ids[0]  # NULLs sort last
    assert store.articles.ids("outlet", descending=True)[0] == ids[0]
    assert store.articles.ids(filter_text="kyodo") == [ids[0]]
    assert store.articles.ids(filter_text="%") == []  # LIKE wildcards are literal
    # FTS follows the title change
    hits, _ = store.articles.search("real title")
    assert hits and hits[0].article_id == ids[0]


def test_search_ranks_and_locates(store):
    ingest(store, [SEEDS])
    hits, msg = store.articles.search('"Preferred Networks"')
    assert msg is None and len(hits) == 4  # article 001 does not name it
    for h in hits:
        text = store.articles.text(h.article_id)
        start, end = store.articles.locate_hit(h.article_id, '"Preferred Networks"')
        assert text[start:end].lower() == "preferred networks"
    hits, _ = store.articles.search("Microsoft")
    assert len(hits) == 1 and "Microsoft" in hits[0].snippet


def test_search_makes_snippets_for_the_first_hits_only(store):
    ingest(store, [SEEDS])
    eager, _ = store.articles.search("SoftBank", snippets=100)
    lazy, _ = store.articles.search("SoftBank", snippets=2)
    assert [h.article_id for h in lazy] == [h.article_id for h in eager]  # same ranking either way
    assert all(h.snippet for h in lazy[:2]) and all(h.snippet is None for h in lazy[2:])
    made = store.articles.snippets("SoftBank", [h.article_id for h in lazy[2:]])
    assert made == {h.article_id: h.snippet for h in eager[2:]}
    assert all("«SoftBank»" in text for text in made.values())
    assert store.articles.snippets("", [1]) == {} and store.articles.snippets('"', [1]) == {}


NO_WORDS = "The search has no words in it."
TYPE_A_WORD = "Type a word to search for."
NO_MATCH = "No article matches."
ONLY_EXCLUDES = "Add a word to search for; '-word' only excludes."
# what each hostile search string answers on the five seeds: a number of hits (and no message), or the
# message that says why there are none
SEARCH_ANSWERS = {
    "": TYPE_A_WORD,
    " ": TYPE_A_WORD,
    "\x00": TYPE_A_WORD,
    '"': NO_WORDS,
    '""': NO_WORDS,
    "AND": NO_WORDS,
    "OR": NO_WORDS,
    "NOT": NO_WORDS,
    "(": NO_WORDS,
    ")": NO_WORDS,
    "*": NO_WORDS,
    "**": NO_WORDS,
    "-": NO_WORDS,
    "--": NO_WORDS,
    "{}": NO_WORDS,
    "[": NO_WORDS,
    "😀": NO_WORDS,
    "-profit": ONLY_EXCLUDES,
    '"unbalanced': NO_MATCH,
    "$6.3bn": NO_MATCH,
    "a*b": NO_MATCH,
    "NEAR(a b)": NO_MATCH,
    "title:sony": NO_MATCH,  # no column filter: the words "title" and "sony"
    "sony -honda": NO_MATCH,
    "'; drop table articles; --": NO_MATCH,
    "日本": NO_MATCH,
    "a" * 5000: NO_MATCH,
    "U.S.": 3,
    "sony OR": 5,  # a dangling operator is dropped, not an error
    "OR sony": 5,
    "sony AND NOT": 5,
    "sony\x00": 5,
    "^sony": 5,
}


def _answer(store, q):
    """What a search answers: the number of hits, or the message when there are none."""
    hits, message = store.articles.search(q)
    assert isinstance(hits, list)
    if hits:
        return len(hits) if message is None else (len(hits), message)
    return message


def test_every_search_string_is_answered(store):
    ingest(store, [SEEDS])
    assert {q: _answer(store, q) for q in SEARCH_ANSWERS} == SEARCH_ANSWERS
    assert store.articles.count() == 5
    hits, _ = store.articles.search("sony -Microsoft")
    assert len(hits) == 4
    hits, _ = store.articles.search('"data sovereignty"')
    assert len(hits) == 2
    hits, _ = store.articles.search("Rapidus OR Microsoft")
    assert len(hits) == 2
    hits, _ = store.articles.search("Takai*")
    assert len(hits) == 1


def test_readonly_store_refuses_writes(seeded_db):
    import pytest

    with Store(seeded_db, readonly=True) as s:
        assert s.articles.count() == 5
        with pytest.raises(StoreError, match="read-only"):  # a message for the user, not SQLite's
            s.set_meta("x", "y")


def test_very_common_words_rank_the_newest_matches(store, monkeypatch):
    ingest(store, [SEEDS])
    everything, message = store.articles.search("Japan")  # in all five articles
    assert len(everything) == 5 and message is None
    monkeypatch.setattr(Articles, "RANK_WINDOW", 3)
    hits, message = store.articles.search("Japan")
    newest = sorted(h.article_id for h in everything)[-3:]
    assert sorted(h.article_id for h in hits) == newest  # the newest three, ranked among themselves
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert [h.article_id for h in hits] == [h.article_id for h in everything if h.article_id in newest]
    assert message.startswith("5 articles match; the newest 3 are ranked")
    hits, message = store.articles.search("Japan Microsoft")  # a rarer word: every match is ranked
    assert len(hits) == 1 and message is None


def test_project_before_m009_keeps_its_articles_and_gains_paths_and_pages(db_path, tmp_path):
    from sqlite_utils import Database

    from workbench.core.schema import SCHEMA_VERSION

    conn = sqlite3.connect(db_path)
    migrations.apply(Database(conn), stop_before="m009_article_paths_and_pages")
    conn.execute("PRAGMA user_version = 7")
    conn.execute(
        "INSERT INTO articles (title, file, sha256, encoding, text, words, ingested_at) "
        "VALUES ('Old one', 'old.txt', 'abc', 'utf-8', 'Old text.', 2, '2026-01-01')"
    )
    conn.commit()
    conn.close()
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "new.txt").write_text("New one\n\nNew text here.", encoding="utf-8")
    with Store(db_path) as s:
        assert s.pragma("user_version") == SCHEMA_VERSION
        old = s.articles.get(s.articles.ids()[0])
        assert (old.title, old.path, old.shown_name) == ("Old one", None, "old.txt")
        assert s.articles.page_starts(old.id) == []
        new = ingest(s, [tmp_path / "in"]).added[0].article_id
        assert s.articles.get(new).path == "sub/new.txt"


def test_deleting_a_paged_article_and_undoing_it_keeps_its_pages(store):
    """article_pages is a WITHOUT ROWID table: the undo log must still put its rows back."""
    from workbench.core.models import ArticleDraft

    text = "Page one text.\fPage two text."
    aid = store.articles.add(ArticleDraft("p.pdf", "ab" * 32, "pdf", text, "Paged", False, 6, pages=(0, 15)))
    assert store.articles.page_starts(aid) == [0, 15]
    ops.delete_articles(store, [aid])
    assert store.articles.get(aid) is None and store.articles.page_starts(aid) == []
    ops.undo(store)
    assert store.articles.get(aid) is not None and store.articles.page_starts(aid) == [0, 15]
