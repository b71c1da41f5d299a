"""Long texts go to the pipelines in pieces cut at a break (core/nlp.py): offsets stay right."""

import pytest

from workbench.core import nlp


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK", 10)
    monkeypatch.setattr(nlp, "JA_CHUNK", 10)


def _texts(pieces):
    return [p for _off, p in pieces]


def _rejoins(text, pieces):
    return "".join(_texts(pieces)) == text and all(text[o : o + len(p)] == p for o, p in pieces)


def test_a_short_text_is_one_piece(small):
    assert nlp._chunks("short") == [(0, "short")]
    assert nlp._chunks("") == [(0, "")] and nlp._ja_chunks("") == [(0, "")]


def test_english_pieces_end_after_a_line_break_then_after_a_space(small):
    text = "aaaaaa\nbb cc dd eeee"
    pieces = nlp._chunks(text)
    assert _texts(pieces) == ["aaaaaa\n", "bb cc dd ", "eeee"] and _rejoins(text, pieces)
    # a line break before the piece's second half is too early to cut at: the last space is taken
    text = "aa\nbbbb cccccc"
    assert _texts(nlp._chunks(text)) == ["aa\nbbbb ", "cccccc"]


def test_a_piece_with_no_break_is_cut_at_the_size(small):
    text = "x" * 25
    pieces = nlp._chunks(text)
    assert _texts(pieces) == ["x" * 10, "x" * 10, "x" * 5] and _rejoins(text, pieces)


def test_japanese_pieces_end_after_the_latest_line_break_or_full_stop(small):
    text = "あいうえおか。きく\nけこさしすせそた"
    pieces = nlp._ja_chunks(text)
    assert _texts(pieces)[0] == "あいうえおか。きく\n" and _rejoins(text, pieces)
    text = "あいうえお\nかき。くけこさしすせそ"
    assert _texts(nlp._ja_chunks(text))[0] == "あいうえお\nかき。"  # the full stop comes later
    assert _texts(nlp._chunks(text))[0] == "あいうえお\n"  # English pieces know no 。
