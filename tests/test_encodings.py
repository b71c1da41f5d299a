"""Declared charsets honoured, otherwise detected; UTF-16 without BOM; the warning names the encoding."""

from workbench.core import text as T
from workbench.core.ingest import ingest

GREEK = "Το λιμάνι του Πειραιά άνοιξε ξανά.\n\nΟι εργαζόμενοι επέστρεψαν στις αποβάθρες σήμερα το πρωί."
JAPANESE = "港の新しいクレーンが稼働した。関係者によると、貨物の取扱量は今年増える見込みだ。"
RUSSIAN = "Порт снова открылся.\n\nРабочие вернулись на причалы сегодня утром после забастовки."


def one(store, tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    report = ingest(store, [tmp_path / name])
    assert len(report.added) == 1, report.results
    r = report.added[0]
    return store.articles.get(r.article_id), r.warnings


def test_greek_iso_8859_7_is_detected_and_named(store, tmp_path):
    art, warnings = one(store, tmp_path, "greek.txt", GREEK.encode("iso-8859-7"))
    assert art.text == GREEK
    assert art.encoding in ("iso8859_7", "cp1253") and art.encoding in warnings[0]


def test_cyrillic_cp1251_is_detected(store, tmp_path):
    art, warnings = one(store, tmp_path, "port.txt", RUSSIAN.encode("cp1251"))
    assert art.text == RUSSIAN and "cp1251" in warnings[0]


def test_shift_jis_page_with_meta_charset(store, tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        f"<title>港のニュース</title></head><body><p>{JAPANESE}</p></body></html>"
    )
    art, warnings = one(store, tmp_path, "port.html", page.encode("shift_jis"))
    assert JAPANESE in art.text and art.encoding == "shift_jis" and not warnings


def test_declared_charset_that_is_wrong_is_reported(store, tmp_path):
    # the page says UTF-8 but is Latin text in cp1252: decoded all the same, with a warning that says so
    page = '<html><head><meta charset="utf-8"></head><body><p>Café owners met in Zürich.</p></body></html>'
    art, warnings = one(store, tmp_path, "cafe.html", page.encode("cp1252"))
    assert "Café owners met in Zürich." in art.text
    assert "declares utf-8" in warnings[0] and "cp1252" in warnings[0]


def test_meta_charset_sniffing():
    assert T.declared_charset(b'<html><head><meta charset="euc-jp">') == "euc-jp"
    assert T.declared_charset(b"<?xml version='1.0' encoding='ISO-8859-7'?><html>") == "ISO-8859-7"
    assert T.declared_charset(b"<html><head><title>charset=koi8-r</title>") is None
    assert T.declared_charset(b"plain text") is None


def test_utf16le_without_bom_is_recognised(store, tmp_path):
    text = "Dock workers\n\nThe dock workers returned on Monday."
    art, warnings = one(store, tmp_path, "dock.txt", text.encode("utf-16-le"))
    assert art.text == text and art.encoding == "utf-16-le" and "UTF-16-LE" in warnings[0]


def test_binary_with_nuls_is_still_refused():
    import pytest

    with pytest.raises(T.DecodeError, match="binary"):
        T.decode(bytes(range(256)) * 40)
    with pytest.raises(T.DecodeError, match="binary"):
        T.decode(b"\x00\x00\x01\x02abc\x00" * 500)


def test_western_text_stays_cp1252(store, tmp_path):
    art, warnings = one(
        store, tmp_path, "w.txt", "Prices\n\nA pint costs £4 in Köln, déjà vu.".encode("cp1252")
    )
    assert "£4 in Köln, déjà vu" in art.text and "cp1252" in warnings[0]
