from pathlib import Path

import pytest

from workbench.core import text as T
from workbench.core.ingest import prepare

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sents(s):
    return [s_[slice(x.start, x.end)] for x in T.sentences(s) for s_ in [s]]


def test_sentences_keep_money_abbreviations_and_suffixes_together():
    text = (
        "NEDO will mobilise up to 1 trillion yen (approximately $6.3 billion) for U.S. and Japanese firms. "
        "Preferred Networks Inc. will join later. Sony Group Corp. holds a stake. Honda Motor Co. agreed."
    )
    out = sents(text)
    assert out == [
        "NEDO will mobilise up to 1 trillion yen (approximately $6.3 billion) for U.S. and Japanese firms.",
        "Preferred Networks Inc. will join later.",
        "Sony Group Corp. holds a stake.",
        "Honda Motor Co. agreed.",
    ]


def test_list_items_table_rows_and_headings_are_own_segments():
    text = (
        "The plan:\n- Phase One: SoftBank leads. NEC helps.\n- Phase Two: PFN joins.\n"
        "| Role | Organizations |\n|---|---|\n| Founding | SoftBank, Sony |\nA Heading Here\nBody text. More."
    )
    paras = T.paragraphs(text)
    kinds = [p.kind for p in paras]
    assert kinds == ["text", "list", "list", "table", "table", "table", "heading", "text"]
    out = sents(text)
    assert "| Founding | SoftBank, Sony |" in out
    assert "A Heading Here" in out
    # a segment never crosses a line
    assert all("\n" not in s for s in out)


def test_offsets_are_exact_through_emoji_crlf_and_paragraph_separator():
    raw = "Title 😀 here\r\n\r\nFirst 😀 sentence. Second one\u2029Third part 👍 ends."
    text = T.normalise(raw)
    assert "\r" not in text
    for s in T.sentences(text):
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
    assert [text[s.start : s.end] for s in T.sentences(text)][-1] == "Third part 👍 ends."


def test_decode_utf8_bom_latin1_and_refusals():
    assert T.decode("héllo".encode()).encoding == "utf-8"
    assert T.decode(b"\xef\xbb\xbfhello").encoding == "utf-8-sig"
    d = T.decode("price £5".encode("latin-1"))
    assert d.text == "price £5" and d.encoding in ("cp1252", "latin-1") and d.warning
    with pytest.raises(T.DecodeError, match="empty"):
        T.decode(b"")
    with pytest.raises(T.DecodeError, match="white space"):
        T.decode(b"  \n\t ")
    with pytest.raises(T.DecodeError, match="PNG"):
        T.decode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(T.DecodeError, match="binary"):
        T.decode(bytes(range(256)) * 40)


def test_normalise_drops_nul_and_controls_but_keeps_text():
    assert T.normalise("a\x00b\x07c\td\r\ne") == "abc\td\ne"


@pytest.mark.parametrize(
    "name,title,derived",
    [
        ("000_bbcda22fc88dd2e5.txt", "Japan’s industrial titans are abandoning", True),
        ("001_4d59c33d976539db.txt", "Japanese Tech Giants Unite to Develop Domestic AI", False),
        ("003_e0bc1ea6c1aeb075.txt", "Leading Japan’s tech and industrial corporations", True),
        (
            "004_fdf83952becebdf6.txt",
            "Japan Strikes Back: SoftBank, Sony, and Honda Form 1 Trillion Yen",
            False,
        ),
    ],
)
def test_seed_titles(name, title, derived):
    draft, _ = prepare(SEEDS / name)
    assert draft.title.startswith(title)
    assert draft.title_derived is derived
    assert len(draft.title) <= 110


def test_seed_boilerplate_is_marked():
    def bp(name):
        d, _ = prepare(SEEDS / name)
        return [d.text[b.start : b.end] for b in d.boilerplate]

    assert bp("001_4d59c33d976539db.txt")[-1] == "Leave a Comment"
    assert any("Share your thoughts" in b for b in bp("001_4d59c33d976539db.txt"))
    three = bp("003_e0bc1ea6c1aeb075.txt")
    assert three == [
        "Success",
        "You are now signed up for our newsletter",
        "Success",
        "Check your email to complete sign up",
    ]
    assert bp("004_fdf83952becebdf6.txt")[0].startswith("Image source:")
    assert bp("002_5f2390b9b5dac582.txt") == []
    # debris is kept in the text
    d, _ = prepare(SEEDS / "003_e0bc1ea6c1aeb075.txt")
    assert "You are now signed up for our newsletter" in d.text
