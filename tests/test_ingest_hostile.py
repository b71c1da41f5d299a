"""One bad file never stops a folder import: each is refused or imported without its metadata, with a reason."""

import os
import sys

import pytest

from workbench.core.ingest import display_path, ingest

GOOD = b"A good headline\n\nThis article is perfectly ordinary and has a body."

# name -> (files to write, expected status of the article file)
HOSTILE = {
    "yaml-bad-date": (
        {"a.md": b"---\ntitle: Shipping news\ndate: 2024-02-30\n---\nThe port reopened today.\n"},
        "added",
    ),
    "yaml-empty-int": (
        {"a.md": b"---\ntitle: Grain report\ncount: !!int\n---\nWheat prices rose.\n"},
        "added",
    ),
    "yaml-deep": (
        {"a.md": b"---\nx: " + b"[" * 20000 + b"]" * 20000 + b"\n---\nRail strike ends.\n"},
        "added",
    ),
    "json-deep": ({"a.txt": b"Ferry times changed.", "a.json": b"[" * 100000 + b"]" * 100000}, "added"),
    "json-huge-number": (
        {"a.txt": b"Dairy output fell.", "a.json": b'{"title": ' + b"7" * 4300 + b"}"},
        "added",
    ),
    "yaml-huge-number": ({"a.md": b"---\ntitle: " + b"7" * 4300 + b"\n---\nDairy output fell.\n"}, "added"),
    "json-surrogate": (
        {"a.txt": b"Timber exports grew.", "a.json": b'{"title": "Timber \\ud800 news"}'},
        "added",
    ),
    "html-marked-section": (
        {
            "a.html": b"<html><body><p>The mill closed.</p><![foo[ odd ]]><p>Workers protested.</p></body></html>"
        },
        "added, nothing lost",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_one_bad_file_never_stops_the_folder(store, tmp_path, case):
    files, expected = HOSTILE[case]
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(GOOD)
    report = ingest(store, [tmp_path])
    by = {os.path.basename(r.path): r for r in report.results}
    assert by["good.txt"].status == "added"
    bad = by[next(n for n in files if not n.endswith(".json"))]
    assert bad.status == expected.split(",")[0]
    if expected == "added, nothing lost":
        text = store.articles.get(bad.article_id).text
        assert "The mill closed." in text and "Workers protested." in text and "odd" not in text
    elif bad.status == "added":
        assert bad.warnings, "the metadata that was left out must be reported"
        art = store.articles.get(bad.article_id)
        assert "7777" not in art.title and "\ud800" not in art.title
    else:
        assert bad.reason
    assert store.articles.count() == (2 if expected.startswith("added") else 1)


def test_good_metadata_is_still_read(store, tmp_path):
    # the negative case: well-formed front matter and sidecars still give their metadata, without warnings
    (tmp_path / "a.md").write_bytes(b"---\ntitle: Harbour works\ndate: 2024-02-28\n---\nCranes arrived.\n")
    (tmp_path / "b.txt").write_bytes(b"Ferry times changed.")
    (tmp_path / "b.json").write_bytes(b'{"title": "Ferry \\u00e9t\\u00e9 news", "author": "R. Quay"}')
    report = ingest(store, [tmp_path])
    assert all(not r.warnings for r in report.added) and len(report.added) == 2
    titles = sorted(store.articles.get(r.article_id).title for r in report.added)
    assert titles == ["Ferry été news", "Harbour works"]


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_non_utf8_file_name_is_imported_and_shown_escaped(store, tmp_path):
    os.makedirs(tmp_path, exist_ok=True)
    with open(os.path.join(os.fsencode(tmp_path), b"mill\xffnews.txt"), "wb") as fh:
        fh.write(b"Saw mill news\n\nThe saw mill hired forty people.")
    (tmp_path / "good.txt").write_bytes(GOOD)
    report = ingest(store, [tmp_path])
    assert len(report.added) == 2
    odd = next(r for r in report.added if "mill" in r.path)
    assert odd.path.endswith("mill\\xffnews.txt")
    odd.path.encode("utf-8")  # printable anywhere
    assert store.articles.get(odd.article_id).file == "mill\\xffnews.txt"
    assert any("UTF-8" in w for w in odd.warnings)


def test_display_path_escapes_newlines_and_direction_overrides():
    assert display_path("a\nb.txt") == "a\\nb.txt"
    assert display_path("invoice\u202etxt.exe") == "invoice\\u202etxt.exe"
    assert display_path("tab\there.txt") == "tab\\there.txt"
    # ordinary names, including non-Latin ones, are left alone
    assert display_path("business/001.txt") == "business/001.txt"
    assert display_path("東京/記事.txt") == "東京/記事.txt"


def test_an_article_the_store_refuses_loses_no_other(store, tmp_path, monkeypatch):
    import sqlite3

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Dock report {i}\n\nCargo number {i} arrived.", encoding="utf-8")
    real = store.articles.add

    def add_article(draft, warnings=()):
        if "number 2" in draft.text:
            raise sqlite3.DataError("string or blob too big")
        return real(draft, warnings)

    monkeypatch.setattr(store.articles, "add", add_article)
    report = ingest(store, [tmp_path], batch=10)
    assert len(report.added) == 4 and store.articles.count() == 4
    (bad,) = report.refused
    assert bad.path.endswith("2.txt") and "could not be stored" in bad.reason and bad.article_id is None
