"""Origins from the ways news names them: datelines, credits, attribution, unnamed sources (own sentences)."""

import pytest

from workbench.core.provenance import Origin, Sourcing, find_origins, independent_clusters, propagate


def first(text, outlet=None):
    found = find_origins(text, (), outlet)
    return (found[0].kind, found[0].name, found[0].rule) if found else None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "OSLO (Reuters) - A salmon farmer agreed to buy a rival on Monday.",
            ("wire", "Reuters", "dateline"),
        ),
        ("BERLIN, Nov. 10 (dpa) - The rail strike ended after two days.", ("wire", "dpa", "dateline")),
        ("(AFP) -- Wheat prices fell for a third week.", ("wire", "Agence France-Presse", "dateline")),
        (
            "Grain stocks rose.\nThe harvest was late.\n© 2025 Agence France-Presse",
            ("wire", "Agence France-Presse", "credit"),
        ),
        ("Copper shares fell 4%.\nReporting by Anna Berg; Editing by Tom Hay", ("wire", "Reuters", "credit")),
        (
            "The brewer deal, first reported by Bloomberg, values it at $4bn.",
            ("wire", "Bloomberg", "first reported"),
        ),
        (
            "The chip plant will close, the Financial Times reported on Tuesday.",
            ("outlet", "Financial Times", "attribution"),
        ),
        (
            "Talks are at an early stage, according to people familiar with the matter.",
            ("unnamed", "people familiar with the matter", "unnamed"),
        ),
        ("The port will expand, local reports said.", ("unnamed", "local reports", "unnamed")),
        ("Source: nrk.no", ("outlet", "nrk.no", "source line")),
    ],
)
def test_named_origins(text, expected):
    assert first(text) == expected


def test_an_analyst_quoted_is_not_an_origin():
    assert first('Copper rallied. "It is a bubble," said John Smith, an analyst at Jefferies.') is None
    assert first("Lumber prices fell, said Kari Holm, an economist at the bank.") is None


def test_a_wire_named_in_a_dateline_beats_a_paper_quoted_later():
    text = "TOKYO (Kyodo) - A rice shortage eased. The Asahi newspaper reported that stocks rose."
    assert first(text)[1] == "Kyodo News"


def test_lower_case_ap_is_not_the_associated_press():
    assert first("The app was updated; ap said nothing.") is None


def test_outlet_from_metadata_is_own_origin():
    assert first("A bakery opened in the town square.", outlet="Bergen Daily") == (
        "own",
        "Bergen Daily",
        "metadata",
    )


def test_origin_propagates_along_a_copy_and_clusters_merge():
    wire = Sourcing(1, Origin("wire", "Reuters", 0, 7, "dateline"), [])
    copy = Sourcing(2, Origin("own", "Blog", -1, -1, "metadata"), [], "Blog")
    other = Sourcing(3, Origin("own", "Paper", -1, -1, "metadata"), [], "Paper")
    s = {1: wire, 2: copy, 3: other}
    assert len(independent_clusters(s, [])) == 3
    propagate(s, [(2, 1)])
    assert s[2].origin.name == "Reuters" and s[2].via == 1
    assert len(independent_clusters(s, [(2, 1)])) == 2
    # an article that names its own wire keeps it
    s2 = {1: wire, 4: Sourcing(4, Origin("wire", "AFP", 0, 3, "credit"), [])}
    propagate(s2, [(4, 1)])
    assert s2[4].origin.name == "AFP"
