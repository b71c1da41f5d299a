"""Folders kept: the path below the folder imported; README/LICENSE/index listed as skipped; odd entries reported."""

import os

import pytest
from conftest import BBC

from workbench.core.ingest import ingest


def tree(root):
    for section in ("farming", "fishing"):
        (root / section).mkdir(parents=True)
        (root / section / "001.txt").write_text(
            f"{section.title()} news\n\nThe {section} season opened early.", encoding="utf-8"
        )
    (root / "README.md").write_text("# About this folder\n\nArticles collected in May.", encoding="utf-8")
    (root / "LICENSE").write_text("Permission is granted.", encoding="utf-8")
    (root / "LICENSE.txt").write_text("Permission is granted, in text.", encoding="utf-8")
    (root / "fishing" / "index.html").write_text("<p>List of fishing articles.</p>", encoding="utf-8")
    (root / "readme-notes.txt").write_text("Readme notes\n\nThis one is an article.", encoding="utf-8")


def test_paths_below_the_folder_are_kept(store, tmp_path):
    tree(tmp_path / "coast")
    report = ingest(store, [tmp_path / "coast"])
    paths = sorted(store.articles.get(r.article_id).path for r in report.added)
    assert paths == ["farming/001.txt", "fishing/001.txt", "readme-notes.txt"]
    summaries = store.articles.summaries(store.articles.ids())
    assert sorted(s.shown_name for s in summaries.values()) == paths
    # the list's filter finds articles by their folder
    assert len(store.articles.ids(filter_text="fishing/")) == 1


def test_plainly_not_articles_are_skipped_with_reason(store, tmp_path):
    tree(tmp_path / "coast")
    report = ingest(store, [tmp_path / "coast"])
    skipped = {os.path.basename(r.path): r.reason for r in report.of("skipped")}
    assert set(skipped) == {"README.md", "LICENSE", "LICENSE.txt", "index.html"}
    assert "README" in skipped["README.md"] and "licence" in skipped["LICENSE.txt"]
    assert "index page" in skipped["index.html"]


def test_named_on_its_own_a_readme_is_imported(store, tmp_path):
    tree(tmp_path / "coast")
    report = ingest(store, [tmp_path / "coast" / "README.md"])
    assert len(report.added) == 1
    art = store.articles.get(report.added[0].article_id)
    assert art.path is None and art.shown_name == "README.md"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_and_dangling_symlink_are_reported(store, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "real.txt").write_text("Real news\n\nThe mill reopened.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    report = ingest(store, [folder])
    by = {os.path.basename(r.path): r for r in report.results}
    assert by["real.txt"].status == "added"
    assert by["pipe.txt"].status == "skipped" and "named pipe" in by["pipe.txt"].reason
    assert by["gone.txt"].status == "skipped" and "does not exist" in by["gone.txt"].reason
    assert len(report.results) == 3


def test_file_names_with_newlines_are_reported_escaped(store, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "two\nlines.txt").write_text("Odd name\n\nThe name has a line break.", encoding="utf-8")
    (folder / "txt.\u202eexe.txt").write_text("Odd name two\n\nThe name turns around.", encoding="utf-8")
    report = ingest(store, [folder])
    shown = sorted(r.path.rsplit("/", 1)[-1] for r in report.added)
    assert shown == ["two\\nlines.txt", "txt.\\u202eexe.txt"]
    assert all("\n" not in r.path and "\u202e" not in r.path for r in report.results)
    paths = sorted(store.articles.get(r.article_id).path for r in report.added)
    assert paths == ["two\\nlines.txt", "txt.\\u202eexe.txt"]


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not beside the checkout")
def test_bbc_tree_keeps_its_folders_and_skips_its_readme(store):
    from workbench.core.ingest import collect

    files, problems = collect([BBC])
    assert len(files) == 2225 and {f.relative.split("/")[0] for f in files} == {
        "business",
        "entertainment",
        "politics",
        "sport",
        "tech",
    }
    assert [(os.path.basename(p.path), p.status) for p in problems] == [("README.TXT", "skipped")]
