"""Schema steps for a workbench project file.

Each step runs once, in its own transaction, recorded in ``_sqlite_migrations``
(sqlite-utils' Migrations).  Opening an older project applies the steps it lacks.
Never edit a released step: add a new one, and raise ``schema.SCHEMA_VERSION``.
``PRAGMA user_version`` mirrors the number of applied steps, so a project that is
already current opens without importing sqlite-utils (which costs half a second).
"""

from __future__ import annotations

import re

from sqlite_utils import Database, Migrations

migrations = Migrations("workbench")


def _run(db: Database, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_articles(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            title_derived INTEGER NOT NULL DEFAULT 0,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            encoding TEXT NOT NULL,
            text TEXT NOT NULL,
            words INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            outlet TEXT,
            author TEXT,
            published TEXT,
            url TEXT
        );
        CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL
        );
        CREATE INDEX paragraphs_article ON paragraphs(article_id, idx);
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            boilerplate INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sentences_article ON sentences(article_id, start);
        CREATE TABLE boilerplate (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX boilerplate_article ON boilerplate(article_id);
        CREATE TABLE ingest_warnings (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            message TEXT NOT NULL
        );
        CREATE INDEX ingest_warnings_article ON ingest_warnings(article_id);
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE INDEX articles_title ON articles(title COLLATE NOCASE);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
        CREATE INDEX articles_words ON articles(words);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        """,
    )
    # Triggers contain ';' inside their bodies, so they run one at a time.
    db.execute(
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END"""
    )
    db.execute(
        """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END"""
    )


def apply_all(db: Database) -> None:
    """Apply pending steps and record the schema version in the file header."""
    from .schema import SCHEMA_VERSION

    # the version is the number of the newest step (mNNN_…): branches that each add a numbered step merge
    # without renumbering, and a project that has every step has that version
    if max(int(m.name[1:4]) for m in migrations._migrations) != SCHEMA_VERSION:
        raise RuntimeError("schema.SCHEMA_VERSION does not match the newest migration step")
    migrations.apply(db)
    db.execute("PRAGMA user_version = " + str(int(SCHEMA_VERSION)))  # PRAGMA takes no parameters; an int


@migrations()
def m002_entities(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            edited INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX entities_type ON entities(type, name COLLATE NOCASE);
        CREATE TABLE aliases (
            key TEXT PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            source TEXT NOT NULL
        );
        CREATE INDEX aliases_entity ON aliases(entity_id);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            value TEXT,
            source TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
        CREATE TABLE mention_fixes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('reject', 'assign', 'add')),
            entity_id INTEGER REFERENCES entities(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            UNIQUE (article_id, start, "end")
        );
        CREATE TABLE extraction (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            version TEXT NOT NULL,
            done_at TEXT NOT NULL
        )
        """,
    )


@migrations()
def m003_claims(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL DEFAULT 'unverified'
                CHECK (verdict IN ('unverified', 'supported', 'disputed', 'false', 'misleading')),
            confidence REAL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            anchor TEXT NOT NULL DEFAULT 'ok' CHECK (anchor IN ('ok', 'moved', 'fuzzy', 'orphaned')),
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX claims_article ON claims(article_id, start);
        CREATE INDEX claims_verdict ON claims(verdict);
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER,
            "end" INTEGER,
            quote TEXT NOT NULL DEFAULT '',
            group_key TEXT,
            stance TEXT NOT NULL CHECK (stance IN ('supporting', 'contradicting')),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX evidence_claim ON evidence(claim_id)
        """,
    )


@migrations()
def m004_member_edits(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE member_edits (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            organisation TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('confirm', 'edit', 'reject', 'add')),
            new_role TEXT,
            stake TEXT,
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        );
        CREATE INDEX member_edits_key ON member_edits(entity_id, role)
        """,
    )


@migrations()
def m005_fts_vocabulary(db: Database) -> None:
    # how many articles hold each word: lets search skip ranking every match of a very common word
    db.execute("CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab(articles_fts, 'row')")


#: keep entity_counts in step with mentions, whatever writes them (extraction, fixes, undo, cascades);
#: {row} is NEW or OLD. A mention counts its article once: only when no other mention of the entity is there.
_COUNT_ADD = """
    INSERT INTO entity_counts (entity_id, mentions, articles) VALUES ({row}.entity_id, 0, 0)
        ON CONFLICT (entity_id) DO NOTHING;
    UPDATE entity_counts SET mentions = mentions + 1,
        articles = articles + NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = {row}.entity_id
                                          AND article_id = {row}.article_id AND id != {row}.id)
        WHERE entity_id = {row}.entity_id;"""
_COUNT_REMOVE = """
    UPDATE entity_counts SET mentions = mentions - 1,
        articles = articles - NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = {row}.entity_id
                                          AND article_id = {row}.article_id)
        WHERE entity_id = {row}.entity_id;"""
_COUNT_TRIGGERS = (
    "CREATE TRIGGER mentions_counted_insert AFTER INSERT ON mentions BEGIN"
    + _COUNT_ADD.format(row="NEW")
    + " END",
    "CREATE TRIGGER mentions_counted_delete AFTER DELETE ON mentions BEGIN"
    + _COUNT_REMOVE.format(row="OLD")
    + " END",
    "CREATE TRIGGER mentions_counted_update AFTER UPDATE OF entity_id, article_id ON mentions "
    "WHEN OLD.entity_id != NEW.entity_id OR OLD.article_id != NEW.article_id BEGIN"
    + _COUNT_REMOVE.format(row="OLD")
    + _COUNT_ADD.format(row="NEW")
    + " END",
)


@migrations()
def m006_entity_counts(db: Database) -> None:
    # how many mentions and articles each entity has, kept by triggers: the entities pane lists
    # them at once instead of counting millions of mentions in a 100,000-article project
    db.execute(
        "CREATE TABLE entity_counts (entity_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE, "
        "mentions INTEGER NOT NULL, articles INTEGER NOT NULL)"
    )
    db.execute("CREATE INDEX entity_counts_mentions ON entity_counts(mentions)")
    db.execute(
        "INSERT INTO entity_counts (entity_id, mentions, articles) "
        "SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions GROUP BY entity_id"
    )
    for trigger in _COUNT_TRIGGERS:
        db.execute(trigger)


@migrations()
def m007_article_file_url_indexes(db: Database) -> None:
    # a re-imported file (same name or URL) is found without reading every article: an import of
    # 100,000 files into a project with claims looks each one up
    db.execute("CREATE INDEX articles_file ON articles(file)")
    db.execute("CREATE INDEX articles_url ON articles(url)")


#: articles in these languages are also indexed by trigrams (core/language.py's CJK_LANGUAGES)
_CJK = "('ja', 'zh', 'ko')"


@migrations()
def m008_language_and_cjk_search(db: Database) -> None:
    # the language of each article (detected at import, editable), and a trigram index of the articles
    # written without spaces between words (Japanese, Chinese, Korean), which unicode61 cannot split
    db.execute("ALTER TABLE articles ADD COLUMN language TEXT")
    db.execute("CREATE INDEX articles_language ON articles(language)")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts_cjk USING fts5("
        "title, text, content='articles', content_rowid='id', tokenize='trigram')"
    )
    db.execute(
        "CREATE TRIGGER articles_cjk_ai AFTER INSERT ON articles WHEN new.language IN " + _CJK + " BEGIN "
        "INSERT INTO articles_fts_cjk(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    db.execute(
        "CREATE TRIGGER articles_cjk_ad AFTER DELETE ON articles WHEN old.language IN " + _CJK + " BEGIN "
        "INSERT INTO articles_fts_cjk(articles_fts_cjk, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    # an edit of the title or text, or a language changed to or from a CJK one: one trigger, so the old
    # row is always taken out before the new one goes in
    db.execute(
        "CREATE TRIGGER articles_cjk_au AFTER UPDATE OF title, text, language ON articles BEGIN "
        "INSERT INTO articles_fts_cjk(articles_fts_cjk, rowid, title, text) "
        "SELECT 'delete', old.id, old.title, old.text WHERE old.language IN " + _CJK + "; "
        "INSERT INTO articles_fts_cjk(rowid, title, text) "
        "SELECT new.id, new.title, new.text WHERE new.language IN " + _CJK + "; END"
    )
    # articles imported before languages were detected: those with kana are Japanese (certain and fast);
    # the others stay unknown (treated as English) until the analyst sets them
    kana = re.compile(r"[\u3040-\u30ff]")
    rows = db.execute("SELECT id, substr(text, 1, 3000) FROM articles").fetchall()
    japanese = [aid for aid, sample in rows if len(kana.findall(sample)) >= 5]
    db.conn.executemany("UPDATE articles SET language = 'ja' WHERE id = ?", [(aid,) for aid in japanese])
    for aid in japanese:
        _resegment(db, aid)


def _resegment(db: Database, article_id: int) -> None:
    """Segment an article again with today's rules (Japanese was one long "sentence" per line before)."""
    from . import text as T

    body = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    paras = T.paragraphs(body)
    sents = T.sentences(body, paras)
    bp = T.boilerplate(body, paras)
    bp_paras = {(b.start, b.end) for b in bp}
    for table in ("paragraphs", "sentences", "boilerplate"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])  # table: one of three names
    db.conn.executemany(
        'INSERT INTO paragraphs (article_id, idx, start, "end", kind) VALUES (?,?,?,?,?)',
        [(article_id, i, p.start, p.end, p.kind) for i, p in enumerate(paras)],
    )
    db.conn.executemany(
        'INSERT INTO sentences (article_id, idx, paragraph, start, "end", boilerplate) VALUES (?,?,?,?,?,?)',
        [
            (
                article_id,
                i,
                s.paragraph,
                s.start,
                s.end,
                int((paras[s.paragraph].start, paras[s.paragraph].end) in bp_paras),
            )
            for i, s in enumerate(sents)
        ],
    )
    db.conn.executemany(
        'INSERT INTO boilerplate (article_id, start, "end", reason) VALUES (?,?,?,?)',
        [(article_id, b.start, b.end, b.reason) for b in bp],
    )
    db.execute("UPDATE articles SET words = ? WHERE id = ?", [T.word_count(body), article_id])


@migrations()
def m009_article_paths_and_pages(db: Database) -> None:
    # where each file sat below the folder imported (business/001.txt), and where each page of a PDF
    # starts in the article text, so that a quote can be cited by its page
    db.execute("ALTER TABLE articles ADD COLUMN path TEXT")
    db.execute(
        "CREATE TABLE article_pages (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
        "page INTEGER NOT NULL, start INTEGER NOT NULL, PRIMARY KEY (article_id, page)) WITHOUT ROWID"
    )


@migrations()
def m010_stories(db: Database) -> None:
    # named sets of articles ("the story"): the Articles list, members, comparison and charts follow one
    db.execute(
        "CREATE TABLE stories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, "
        "created_at TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE story_articles (story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE, "
        "article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, PRIMARY KEY (story_id, article_id))"
    )
    db.execute("CREATE INDEX story_articles_article ON story_articles(article_id)")


@migrations()
def m012_copies_and_origins(db: Database) -> None:
    # who copies whom (found by text, cached under a signature of the article set in meta) and each
    # article's origin, cached by its text's SHA-256 and the provenance version
    _run(
        db,
        """
        CREATE TABLE copies (
            copier INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            share REAL NOT NULL,
            sentences INTEGER NOT NULL,
            PRIMARY KEY (copier, source)
        );
        CREATE INDEX copies_source ON copies(source);
        CREATE TABLE origins (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            version TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            rule TEXT NOT NULL,
            cited TEXT NOT NULL
        )
        """,
    )


@migrations()
def m013_member_facts(db: Database) -> None:
    # role facts read off each article's sentence structure (core/roles.py), cached per article and
    # version like the mentions: the members table is aggregated from them without parsing again
    _run(
        db,
        """
        CREATE TABLE member_facts (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            role TEXT NOT NULL, tense TEXT NOT NULL, negated INTEGER NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
            venture_start INTEGER NOT NULL, venture_end INTEGER NOT NULL,
            stake_kind TEXT, stake_value REAL, stake_bound TEXT, stake_approx INTEGER,
            stake_currency TEXT, stake_text TEXT, stake_distributive INTEGER,
            title TEXT NOT NULL DEFAULT '', cue TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX member_facts_article ON member_facts(article_id);
        CREATE TABLE member_fact_runs (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version TEXT NOT NULL
        );
        """,
    )


@migrations()
def m014_operations(db: Database) -> None:
    # the operation log (core/ops.py): each analyst edit is one row of ops, and op_log holds the statements that
    # flip it (undo while it is done, redo once undone), written by triggers in the edit's own transaction
    _run(
        db,
        """
        CREATE TABLE ops (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            changes TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE op_log (
            seq INTEGER PRIMARY KEY,
            op_id INTEGER NOT NULL REFERENCES ops(id) ON DELETE CASCADE,
            stmt TEXT NOT NULL
        );
        CREATE INDEX op_log_op ON op_log(op_id)
        """,
    )
    # another language means another pipeline, whoever changes it (an edit, or its undo): extracted again
    db.execute(
        "CREATE TRIGGER articles_language_reextract AFTER UPDATE OF language ON articles "
        "WHEN old.language IS NOT new.language BEGIN "
        "DELETE FROM extraction WHERE article_id = new.id; END"
    )


@migrations()
def m015_member_edit_time(db: Database) -> None:
    # a correction may also say when the member holds its role (current, planned, former)
    db.execute("ALTER TABLE member_edits ADD COLUMN new_tense TEXT")
