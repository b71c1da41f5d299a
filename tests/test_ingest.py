import json

import pytest
from conftest import BBC, SEEDS

from workbench.core.ingest import ingest
from workbench.core.store import Store


def test_seeds_twice_changes_nothing(store):
    first = ingest(store, [SEEDS])
    assert len(first.added) == 5 and not first.refused
    second = ingest(store, [SEEDS])
    assert not second.added and len(second.duplicates) == 5
    assert store.articles.count() == 5


def test_refusals_have_reasons(store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n\n  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    report = ingest(store, [tmp_path, tmp_path / "missing.txt"])
    reasons = {r.path.rsplit("/", 1)[-1]: (r.status, r.reason) for r in report.results}
    assert reasons["empty.txt"] == ("refused", "the file is empty")
    assert reasons["blank.txt"][0] == "refused"
    assert "PNG" in reasons["image.txt"][1]
    assert "binary" in reasons["binary.md"][1]
    assert reasons["notes.docx"][0] == "refused" and "ZIP" in reasons["notes.docx"][1]
    assert reasons["photo.jpg"][0] == "skipped"
    assert "MB" in reasons["huge.txt"][1]
    assert reasons["missing.txt"] == ("refused", "no such file or folder")
    assert store.articles.count() == 0


def test_latin1_and_odd_files(store, tmp_path):
    (tmp_path / "latin.txt").write_bytes("Headline here\n\nIt cost £600m. Caf\xe9.".encode("latin-1"))
    (tmp_path / "crlf.txt").write_bytes(
        "Head line\r\n\r\nA 😀 b.\r\nNext\x00 line \u2029 more.".encode("utf-8")
    )
    report = ingest(store, [tmp_path])
    assert len(report.added) == 2
    latin = next(r for r in report.added if r.path.endswith("latin.txt"))
    assert latin.warnings and "cp1252" in latin.warnings[0]
    art = store.articles.get(latin.article_id)
    assert "£600m" in art.text and "Café" in art.text and art.encoding == "cp1252"
    crlf = store.articles.get(next(r for r in report.added if r.path.endswith("crlf.txt")).article_id)
    assert "\r" not in crlf.text and "\x00" not in crlf.text and "😀" in crlf.text


def test_html_visible_text_and_metadata(store, tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><meta property='og:site_name' content='Nikkei'>"
        "<meta name='author' content='A. Writer'><style>p{}</style><script>alert(1)</script></head>"
        "<body><nav>x</nav><h1>Big &amp; Bold</h1><p>First para &lt;b&gt; here.</p><p>Second.</p></body></html>",
        encoding="utf-8",
    )
    report = ingest(store, [tmp_path])
    art = store.articles.get(report.added[0].article_id)
    assert art.title == "Big & Bold" and art.outlet == "Nikkei" and art.author == "A. Writer"
    assert "alert" not in art.text and "p{}" not in art.text
    assert "First para <b> here." in art.text


def test_front_matter_and_sidecar(store, tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: From YAML\noutlet: Jiji\ndate: 2026-04-12\n---\nBody text here.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Some body text that is long enough to be a sentence.", encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps({"title": "Sidecar title", "url": "https://example.org/x", "author": "Kyodo"}),
        encoding="utf-8",
    )
    (tmp_path / "c.md").write_text("---\n: : bad yaml [\n---\nBody.\n", encoding="utf-8")
    report = ingest(store, [tmp_path])
    by = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    a = store.articles.get(by["a.md"].article_id)
    assert (a.title, a.outlet, a.published, a.text) == (
        "From YAML",
        "Jiji",
        "2026-04-12",
        "Body text here.\n",
    )
    b = store.articles.get(by["b.txt"].article_id)
    assert (b.title, b.url, b.author, b.title_derived) == (
        "Sidecar title",
        "https://example.org/x",
        "Kyodo",
        False,
    )
    assert by["c.md"].status == "added" and by["c.md"].warnings


def test_cancel_and_resume_without_duplicates(db_path, tmp_path):
    for i in range(30):
        (tmp_path / f"{i:03}.txt").write_text(f"Article {i}\n\nBody number {i} is here.", encoding="utf-8")

    class CancelAfter:
        def __init__(self, n):
            self.calls, self.n = 0, n

        def is_set(self):
            self.calls += 1
            return self.calls > self.n

    with Store(db_path) as s:
        r1 = ingest(s, [tmp_path], cancel=CancelAfter(12), batch=5)
        assert r1.cancelled and len(r1.added) == 12
        assert s.articles.count() == 12
        r2 = ingest(s, [tmp_path])
        assert len(r2.added) == 18 and len(r2.duplicates) == 12
        assert s.articles.count() == 30


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not beside the checkout")
def test_whole_bbc_corpus_is_accounted_for(db_path):
    with Store(db_path) as s:
        folders = [BBC / d for d in ("business", "entertainment", "politics", "sport", "tech")]
        report = ingest(s, folders)
        assert len(report.results) == 2225
        assert len(report.duplicates) == 98
        assert not report.refused
        assert len(report.added) == 2127
        latin = next(r for r in report.added if r.path.endswith("sport/199.txt"))
        assert "£" in s.articles.text(latin.article_id)
        assert s.integrity_check() == "ok"
