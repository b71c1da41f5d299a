"""Import throughput by format: the BBC folder as text, and one large generated PDF.

1. Text-only import (no entity extraction) of the whole BBC tree (2,225 files in five folders and a
   README) into a fresh project file, through ``ingest``: files per second, the folders kept in the
   articles' paths, what was skipped.
2. A PDF of about 10 MB (uncompressed text pages, BBC sentences, written here without any library)
   imported the same way: seconds, pages kept, characters of text.

Usage: python benchmarks/bench_formats.py [--pdf-mb 10]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, machine, rss_mb

from workbench.core.ingest import ingest
from workbench.core.project import mark_unseeded_project
from workbench.core.store import Store


def bbc_text_import(tmp: Path) -> None:
    with Store(tmp / "bbc.db") as store:
        mark_unseeded_project(store)
        t = time.perf_counter()
        report = ingest(store, [BBC])
        seconds = time.perf_counter() - t
        paths = [store.articles.get(r.article_id).path for r in report.added]
    files = len(report.added) + len(report.duplicates)
    folders = Counter(p.split("/")[0] for p in paths if p and "/" in p)
    print(f"BBC text import: {files} article files in {seconds:.2f} s = {files / seconds:,.0f} files/s")
    print(f"  added {len(report.added)}, duplicates {len(report.duplicates)}, refused {len(report.refused)}")
    print(f"  folders kept: {len(folders)} ({', '.join(f'{k} {v}' for k, v in sorted(folders.items()))})")
    for r in report.of("skipped"):
        print(f"  skipped: {Path(r.path).name} ({r.reason})")


def _sentences() -> list[str]:
    out = []
    for f in sorted((BBC / "business").glob("*.txt"))[:200]:
        text = f.read_bytes().decode("utf-8", "replace")
        out += [s.strip() for s in text.replace("\n", " ").split(". ") if 40 < len(s) < 300]
    return out


def write_pdf(path: Path, target_bytes: int) -> int:
    """A PDF of text pages (Helvetica, uncompressed content streams) of about target_bytes; returns pages."""
    sentences = _sentences()
    objects: list[bytes] = []  # object n is objects[n - 1]
    page_ids: list[int] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = add(b"")  # filled in at the end
    size, k = 0, 0
    while size < target_bytes:
        lines = []
        for _ in range(40):
            s = sentences[k % len(sentences)]
            k += 1
            for i in range(0, len(s), 90):
                chunk = s[i : i + 90].encode("cp1252", "replace")
                chunk = chunk.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                lines.append(b"(" + chunk + b") Tj T*")
        stream = b"BT /F1 9 Tf 11 TL 40 800 Td " + b" ".join(lines) + b" ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (pages_id, font, content)
            )
        )
        size += len(stream) + 200
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    path.write_bytes(bytes(out))
    return len(page_ids)


def pdf_import(tmp: Path, megabytes: float) -> None:
    pdf = tmp / "large.pdf"
    pages = write_pdf(pdf, int(megabytes * 1_000_000))
    size = pdf.stat().st_size
    with Store(tmp / "pdf.db") as store:
        mark_unseeded_project(store)
        t = time.perf_counter()
        report = ingest(store, [pdf])
        seconds = time.perf_counter() - t
        (r,) = report.results
        assert r.status == "added", r.reason
        kept = len(store.articles.page_starts(r.article_id))
        chars = len(store.articles.text(r.article_id))
    print(
        f"PDF import: {size / 1e6:.1f} MB, {pages} pages in {seconds:.1f} s "
        f"({pages / seconds:,.0f} pages/s); {kept} page starts kept, {chars / 1e6:.1f} M characters of text; "
        f"RSS afterwards {rss_mb():.0f} MB"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf-mb", type=float, default=10)
    args = ap.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if BBC.is_dir():
            bbc_text_import(tmp)
        else:
            print(f"BBC corpus not found at {BBC}; text import skipped")
        pdf_import(tmp, args.pdf_mb)


if __name__ == "__main__":
    main()
