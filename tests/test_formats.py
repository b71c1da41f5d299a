"""PDF (pages kept), DOCX and ODT import, with files the tests write."""

import datetime as dt
import zipfile

from workbench.core.ingest import ingest


def write_pdf(path, pages, qapp, scanned=False):
    """A PDF with one paragraph per page, written with Qt's QPdfWriter (a real text layer)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setTitle("" if scanned else "Harbour dredging report")
    writer.setCreator("tests")
    painter = QPainter(writer)
    for i, page in enumerate(pages):
        if i:
            writer.newPage()
        if scanned:  # an image of the page, no text layer
            painter.fillRect(QRectF(200, 200, 4000, 3000), QColor("gray"))
        else:
            painter.drawText(QRectF(200, 200, 8000, 8000), Qt.TextWordWrap, page)
    painter.end()


def by_name(report):
    return {r.path.rsplit("/", 1)[-1]: r for r in report.results}


def test_pdf_text_with_pages(store, tmp_path, qapp):
    write_pdf(
        tmp_path / "report.pdf",
        [
            "Dredging began in March at the northern quay.",
            "The contractor removed nine thousand tonnes of silt.",
        ],
        qapp,
    )
    report = ingest(store, [tmp_path])
    r = by_name(report)["report.pdf"]
    assert r.status == "added", r.reason
    art = store.articles.get(r.article_id)
    assert art.encoding == "pdf" and art.title == "Harbour dredging report"
    assert "northern quay" in art.text and "nine thousand tonnes" in art.text
    starts = store.articles.page_starts(art.id)
    assert len(starts) == 2 and starts[0] == 0
    silt = art.text.index("silt")
    quay = art.text.index("quay")
    assert store.articles.page_of(art.id, silt) == 2 and store.articles.page_of(art.id, quay) == 1


def test_scanned_pdf_is_refused_with_reason(store, tmp_path, qapp):
    write_pdf(tmp_path / "scan.pdf", ["", ""], qapp, scanned=True)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    report = ingest(store, [tmp_path])
    by = by_name(report)
    assert by["scan.pdf"].status == "refused" and "no text layer" in by["scan.pdf"].reason
    assert "OCR" in by["scan.pdf"].reason
    assert by["broken.pdf"].status == "refused" and "PDF" in by["broken.pdf"].reason
    assert store.articles.count() == 0


def test_text_file_has_no_pages(store, tmp_path):
    (tmp_path / "plain.txt").write_text("Quay news\n\nThe quay reopened.", encoding="utf-8")
    report = ingest(store, [tmp_path])
    assert store.articles.page_starts(report.added[0].article_id) == []
    assert store.articles.page_of(report.added[0].article_id, 3) is None


def test_docx_paragraphs_tables_and_properties(store, tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "Orchard yields"
    d.core_properties.author = "P. Grower"
    d.core_properties.created = dt.datetime(2025, 9, 14, 8, 0)
    d.add_heading("Apple harvest", level=1)
    d.add_paragraph("Growers in the valley picked early this year.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Variety", "Tonnes"
    table.cell(1, 0).text, table.cell(1, 1).text = "Gala", "310"
    d.add_paragraph("Prices are expected to fall.")
    d.save(tmp_path / "notes.docx")
    report = ingest(store, [tmp_path])
    r = by_name(report)["notes.docx"]
    assert r.status == "added", r.reason
    art = store.articles.get(r.article_id)
    assert (art.title, art.author, art.published, art.encoding) == (
        "Orchard yields",
        "P. Grower",
        "2025-09-14",
        "docx",
    )
    lines = art.text.split("\n")
    assert lines[0] == "Apple harvest" and "| Gala | 310 |" in lines
    assert lines.index("| Gala | 310 |") < lines.index("Prices are expected to fall.")


def test_odt_headings_paragraphs_and_meta(store, tmp_path):
    from odf import dc
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P, Span

    d = OpenDocumentText()
    d.meta.addElement(dc.Title(text="Ferry timetable"))
    d.meta.addElement(dc.Creator(text="L. Pier"))
    d.text.addElement(H(outlinelevel=1, text="Winter sailings"))
    p = P(text="Crossings drop to ")
    p.addElement(Span(text="four a day"))
    p.addText(" from November.")
    d.text.addElement(p)
    d.text.addElement(P(text="Summer crossings resume in May."))
    d.save(str(tmp_path / "ferry.odt"))
    report = ingest(store, [tmp_path])
    r = by_name(report)["ferry.odt"]
    assert r.status == "added", r.reason
    art = store.articles.get(r.article_id)
    assert (art.title, art.author, art.encoding) == ("Ferry timetable", "L. Pier", "odt")
    assert art.text.split("\n") == [
        "Winter sailings",
        "Crossings drop to four a day from November.",
        "Summer crossings resume in May.",
    ]


def test_broken_and_oversized_packages_are_refused(store, tmp_path, monkeypatch):
    from workbench.core import formats

    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "fake.odt").write_text("plain text pretending", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 2_000_000)
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1_000_000)
    report = ingest(store, [tmp_path])
    by = by_name(report)
    assert all(r.status == "refused" and r.reason for r in by.values())
    assert "unpacks to" in by["bomb.docx"].reason
    assert "ZIP" in by["fake.docx"].reason


def test_pdf_lines_are_joined_into_paragraphs():
    from workbench.core.formats import _reflow

    page = (
        "Quarterly freight review\n"
        "Container volumes at the eastern terminal rose for the third quarter in a\n"
        "row, driven by new feeder services and a recovery in refrigerated cargo\n"
        "exports. Operators at the terminal say they expect the trend to con-\n"
        "tinue into spring.\n"
        "A second paragraph begins here and it is also a fairly long printed line\n"
        "that ends short.\n"
    )
    assert _reflow(page).split("\n") == [
        "Quarterly freight review",
        "Container volumes at the eastern terminal rose for the third quarter in a row, driven by new "
        "feeder services and a recovery in refrigerated cargo exports. Operators at the terminal say they expect the trend to "
        "continue into spring.",
        "A second paragraph begins here and it is also a fairly long printed line that ends short.",
    ]
    # lines of even length with no short line stay one paragraph; a blank line still separates
    assert _reflow("aaaa bbbb\ncccc dddd\n\neeee ffff").split("\n") == ["aaaa bbbb cccc dddd", "eeee ffff"]


NEWS_PAGE = """<html><head><title>Harbour reopens | Coast Gazette</title>
<meta name="author" content="J. Dock"><meta property="og:site_name" content="Coast Gazette">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/w">World</a> | <a href="/t">Tech</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Tuesday after a week of repairs to the sea wall, the port authority said.</p>
<p>Fishing boats returned to their moorings by the afternoon, and the ferry service will resume on Thursday.</p>
<p>Engineers said the wall had been strengthened with new concrete blocks along its whole length.</p>
</article>
<div class="comments"><h3>Comments</h3><p>Great news, finally! posted by a reader</p></div>
<footer>Copyright 2025 Coast Gazette. All rights reserved. Privacy | Terms</footer></body></html>"""


def test_saved_page_by_its_main_text(store, tmp_path):
    (tmp_path / "harbour.html").write_text(NEWS_PAGE, encoding="utf-8")
    report = ingest(store, [tmp_path])
    r = by_name(report)["harbour.html"]
    art = store.articles.get(r.article_id)
    assert (art.title, art.author, art.outlet, art.published) == (
        "Harbour reopens after storm",
        "J. Dock",
        "Coast Gazette",
        "2025-03-04",
    )
    assert "sea wall" in art.text and "concrete blocks" in art.text
    for left_out in ("Home", "World | Tech", "Copyright", "Great news", "Comments", "<p>", "Privacy"):
        assert left_out not in art.text, left_out
    assert not r.warnings


def test_page_without_main_text_keeps_its_visible_text(store, tmp_path, monkeypatch):
    from workbench.core import formats

    monkeypatch.setattr(formats, "_main_text", lambda source: None)  # trafilatura finds nothing
    (tmp_path / "tiny.html").write_text(
        "<html><body><div>Tide tables</div><div>High water 06:12.</div><script>x()</script></body></html>",
        encoding="utf-8",
    )
    report = ingest(store, [tmp_path])
    r = by_name(report)["tiny.html"]
    assert r.status == "added"
    art = store.articles.get(r.article_id)
    assert art.text == "Tide tables\n\nHigh water 06:12."
    assert r.warnings and "visible text kept" in r.warnings[0]
