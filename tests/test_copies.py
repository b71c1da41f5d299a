"""Copies found by text: a wire story repeated with small edits is found; a story on the same topic is not."""

from workbench.core import copies
from workbench.core.copies import Doc, find_copies
from workbench.core.service import import_articles

WIRE = [
    "A Norwegian salmon farmer agreed on Monday to buy a smaller rival for 4.1 billion crowns in cash.",
    "The deal gives the buyer control of eleven sea farms along the coast of northern Norway.",
    "Shares in the target rose 18 percent in early trading in Oslo after the announcement.",
    "Regulators in Brussels must still approve the purchase, which is expected to close in spring.",
    "The buyer said it would keep all of the rival's four hundred staff for at least two years.",
]
COPY = [
    "Fish farming is big business on the coast.",
    WIRE[0].replace("on Monday", "this week"),
    WIRE[1],
    WIRE[2].replace("18 percent", "18 per cent"),
    WIRE[3],
]
OWN = [
    "A salmon farmer in northern Norway is buying a rival, its chief executive told staff in a letter.",
    "The price, about four billion crowns, was not confirmed by the company or by the seller.",
    "Local fishermen worry that the merged firm will dominate licences in the fjords around Tromso.",
    "Analysts expect Brussels to look closely at the purchase before the summer.",
]


def test_a_repeated_wire_story_is_a_copy_with_its_share():
    links, candidates = find_copies(
        [Doc(1, tuple(WIRE), ("2025-03-01", 1)), Doc(2, tuple(COPY), ("2025-03-02", 2))]
    )
    assert candidates == 1
    assert [(x.copier, x.source) for x in links] == [(2, 1)]
    assert links[0].share == 0.8 and links[0].line() == "#2 repeats #1: 80% of its sentences"


def test_the_earlier_article_is_the_source_whatever_the_import_order():
    links, _ = find_copies([Doc(1, tuple(COPY), ("2025-03-02", 1)), Doc(2, tuple(WIRE), ("2025-03-01", 2))])
    assert [(x.copier, x.source) for x in links] == [(1, 2)]


def test_an_independent_story_on_the_same_deal_is_not_a_copy():
    links, _ = find_copies([Doc(1, tuple(WIRE), ()), Doc(2, tuple(OWN), ())])
    assert links == []


def test_copies_are_cached_in_the_project(store, tmp_path):
    for name, sents in (("a_wire.txt", WIRE), ("b_copy.txt", COPY), ("c_own.txt", OWN)):
        (tmp_path / name).write_text("\n".join(sents), encoding="utf-8")
    import_articles(store, [tmp_path], extract=False)
    links = copies.ensure(store)
    assert [(x.copier, x.source) for x in links] == [(2, 1)]
    assert store.copies.links() == links and store.copies.notes([1, 2, 3]) == {
        2: [("repeats", 1, 0.8)],
        1: [("repeated by", 2, 0.8)],
    }
    signature = store.get_meta("copies_signature")
    assert copies.ensure(store) == links and store.get_meta("copies_signature") == signature
    store.articles.delete([1])
    assert copies.ensure(store) == [] and store.copies.links() == []


def test_a_long_article_reusing_three_sentences_is_a_copy_but_one_sentence_is_not():
    filler = tuple(
        f"Paragraph {i} of the feature looks at fish prices in a different harbour town." for i in range(9)
    )
    three = Doc(2, filler + tuple(WIRE[1:4]), ("2025-03-02", 2))
    one = Doc(3, (*filler[:3], WIRE[1]), ("2025-03-02", 3))
    links, _ = find_copies([Doc(1, tuple(WIRE), ("2025-03-01", 1)), three])
    assert [(x.copier, x.source, x.sentences) for x in links] == [(2, 1, 3)]
    assert find_copies([Doc(1, tuple(WIRE), ("2025-03-01", 1)), one])[0] == []
