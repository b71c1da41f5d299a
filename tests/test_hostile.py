"""Issue 18: nothing lost, nothing hung, nothing doubled (kills, second processes, hostile input)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# a process that starts an export and is SIGKILLed after writing half of it
_KILLED_EXPORT = textwrap.dedent(
    """
    import os, signal, sys
    from workbench import cli
    from workbench.core import export as X

    fields, rows = X.TABLES["articles"]

    def dying(store):
        for i, row in enumerate(rows(store)):
            yield row
            if i == 2:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    X.TABLES["articles"] = (fields, dying)
    cli.main(["--db", sys.argv[1], "export", "articles", "-o", sys.argv[2]])
    """
)


def test_export_killed_midway_leaves_the_previous_file(seeded_copy, tmp_path):
    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KILLED_EXPORT, str(seeded_copy), str(out)], timeout=120)
    assert proc.returncode == -9
    assert out.read_text(encoding="utf-8") == "the previous export\n"


def test_export_that_finishes_replaces_the_file(seeded_copy, tmp_path):
    from workbench import cli

    out = tmp_path / "articles.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    assert cli.main(["--db", str(seeded_copy), "export", "articles", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,title")
    assert not (tmp_path / "articles.csv.part").exists()


# ---------------------------------------------------------------- opening files that are not ours (item 4)
def _journal_mode(path) -> str:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def test_foreign_sqlite_file_is_refused_and_left_unchanged(tmp_path):
    import sqlite3

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    other = tmp_path / "recipes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(other)
    assert other.read_bytes() == before
    assert _journal_mode(other) == "delete"
    assert not (tmp_path / "recipes.db-wal").exists()


def test_empty_file_becomes_a_project(tmp_path):
    from workbench.core.store import Store

    empty = tmp_path / "new.db"
    empty.write_bytes(b"")
    with Store(empty) as s:
        assert s.article_count() == 0
        assert s.pragma("journal_mode") == "wal"


def test_newer_schema_is_refused_before_any_change(tmp_path):
    import sqlite3

    from workbench.core.errors import StoreError
    from workbench.core.store import Store

    newer = tmp_path / "newer.workbench.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer workbench"):
        Store(newer)
    assert _journal_mode(newer) == "delete"


def test_cli_on_foreign_file_says_so(tmp_path, capsys):
    import sqlite3

    from workbench import cli

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert cli.main(["--db", str(other), "search", "anything"]) == 2
    err = capsys.readouterr().err
    assert "another program" in err and "unexpected" not in err
