import csv
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from workbench.cli import _PLAIN_START, build_parser, main


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("cmd", [[], ["gui"], ["ingest"], ["export"], ["search"]])
def test_every_command_has_help(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*cmd, "--help"])
    assert exc.value.code == 0
    assert "usage: workbench" in capsys.readouterr().out


def test_ingest_reports_added_duplicates_and_refusals(db_path, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(SEEDS), "--db", str(db_path), "--no-seeds"]) == 0
    out = capsys.readouterr().out
    assert out.count("added ") == 5 and "5 added" in out
    main(["ingest", str(SEEDS), str(tmp_path / "empty.txt"), "--db", str(db_path)])
    out = capsys.readouterr().out
    assert out.count("duplicate") >= 5 and "refused" in out and "the file is empty" in out
    assert "0 added, 5 duplicate(s) skipped, 1 refused" in out


def test_new_project_gets_seeds_unless_asked(db_path, tmp_path, capsys):
    main(["export", "articles", "--db", str(db_path)])
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 5
    empty = tmp_path / "empty.workbench.db"
    main(["export", "articles", "--db", str(empty), "--no-seeds"])
    assert capsys.readouterr().out.strip().count("\n") == 0  # header only


def test_export_articles_csv(seeded_copy, tmp_path):
    out = tmp_path / "a.csv"
    assert main(["export", "articles", "--db", str(seeded_copy), "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"id", "title", "file", "sha256", "encoding", "words"} <= set(rows[0])
    assert len(rows) == 5 and rows[0]["encoding"] == "utf-8" and int(rows[0]["words"]) > 500
    assert main(["export", "articles", "--db", str(seeded_copy), "-o", str(out), "--excel"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', "The search has no words in it."),
        ("AND", "The search has no words in it."),
        ("(", "The search has no words in it."),
        ("", "Type a word to search for."),
        ("-profit", "Add a word to search for; '-word' only excludes."),
        ("$6.3bn", "No article matches."),
        ("U.S.", "«U.S»."),
        ("NEDO", "«NEDO»"),
    ],
)
def test_search_cli_answers_any_text(seeded_copy, capsys, query, expected):
    """Every query is answered on standard output: hits with the term marked, or a message saying why none."""
    assert main(["search", query, "--db", str(seeded_copy)]) == 0
    captured = capsys.readouterr()
    assert expected in captured.out and "Traceback" not in captured.err
    assert captured.out.lstrip().startswith("1. #") == expected.startswith("«")  # hits are numbered


def test_errors_are_messages_not_tracebacks(tmp_path):
    folder_db = tmp_path / "dir"
    folder_db.mkdir()
    r = run("search", "x", "--db", str(folder_db))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "folder" in r.stderr
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    r = run("export", "articles", "--db", str(garbage))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "not a workbench project" in r.stderr


def test_gui_screenshot(seeded_copy, tmp_path):
    png = tmp_path / "shot.png"
    r = run("gui", "--screenshot", str(png), "--db", str(seeded_copy), "--size", "1000x700")
    assert r.returncode == 0, r.stderr
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_parser_defaults():
    args = build_parser().parse_args([])
    assert args.command is None and args.db is None
    # a bare `workbench` skips building the parser: it must get exactly what the parser would give
    assert build_parser().parse_known_args([]) == (_PLAIN_START, [])


def test_plain_start_opens_the_default_project(monkeypatch):
    import workbench.cli as cli

    seen = {}
    monkeypatch.setattr(cli, "cmd_gui", lambda args: seen.setdefault("args", args) and 0)
    assert main([]) == 0
    assert seen["args"] == _PLAIN_START and seen["args"] is not _PLAIN_START
