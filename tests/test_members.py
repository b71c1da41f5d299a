import csv
import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core import ops
from workbench.core.errors import StoreError
from workbench.core.members import FOUNDER, INVESTOR, ftm_entities, members
from workbench.core.store import Store

GOLD = json.loads((Path(__file__).parent / "gold" / "seed_members.json").read_text(encoding="utf-8"))


@pytest.fixture
def store(seeded_copy):
    with Store(seeded_copy) as s:
        yield s


def test_seed_members_match_ground_truth(store):
    venture, rows = members(store)
    assert venture == GOLD["venture"]
    got = {(r.organisation, r.role): r for r in rows}
    for g in GOLD["members"]:
        r = got.get((g["organisation"], g["role"]))
        assert r is not None, g
        if "stake" in g:
            assert g["stake"] in r.stakes, (g, r.stakes)
        assert r.evidence and all(e.sentence for e in r.evidence)
    names = {r.organisation for r in rows}
    assert not names & set(GOLD["not_members"])
    # exactly the ground truth's rows, and the one ambiguous row it names: nothing else
    gold_keys = {(g["organisation"], g["role"]) for g in GOLD["members"]}
    ambiguous = {(g["organisation"], g["role"]) for g in GOLD["ambiguous"]}
    assert set(got) == gold_keys | ambiguous, set(got) ^ (gold_keys | ambiguous)


def test_disagreeing_sources_show_both(store):
    _venture, rows = members(store)
    nippon = next(r for r in rows if r.organisation == "Nippon Steel Corp." and r.role == INVESTOR)
    assert "minority" in nippon.stake_text() and "not stated" in nippon.stake_text()
    mizuho = next(r for r in rows if r.organisation == "Mizuho Bank" and r.role == INVESTOR)
    assert len(mizuho.stakes["minority"]) == 2 and "not stated (1)" in mizuho.stake_text()
    funders = {r.organisation for r in rows if r.role == "funder"}
    assert {
        "New Energy and Industrial Technology Development Organization",
        "Ministry of Economy, Trade and Industry",
    } <= funders
    softbank = next(r for r in rows if r.organisation == "SoftBank Corp." and r.role == FOUNDER)
    assert softbank.percentage == 10 and softbank.bound == "lower"


def test_analyst_edits_layer_and_undo(store):
    _venture, rows = members(store)
    kobe = next(r for r in rows if r.organisation == "Kobe Steel Ltd.")
    mitsubishi = next(r for r in rows if r.organisation == "Mitsubishi")
    ops.member_edit(store, kobe.entity_id, kobe.organisation, kobe.role, "confirm")
    ops.member_edit(
        store,
        mitsubishi.entity_id,
        mitsubishi.organisation,
        mitsubishi.role,
        "reject",
        note="ambiguous: which Mitsubishi?",
    )
    ops.member_edit(
        store, kobe.entity_id, kobe.organisation, kobe.role, "edit", new_role=INVESTOR, stake="minority"
    )
    rapidus = next(r for r in store.entities.rows() if r.name == "Rapidus")
    text = store.articles.text(3)
    s = text.index("The collaboration with companies like Rapidus")
    ops.member_edit(
        store,
        rapidus.id,
        "Rapidus",
        "partner",
        "add",
        new_role="partner",
        evidence=[{"article_id": 3, "start": s, "end": s + 60, "sentence": text[s : s + 60]}],
    )
    _, rows = members(store)
    by = {(r.organisation, r.role): r for r in rows}
    assert by[("Kobe Steel Ltd.", INVESTOR)].status == "edited"
    assert by[("Kobe Steel Ltd.", INVESTOR)].stake_text().startswith("minority")
    assert by[("Mitsubishi", INVESTOR)].status == "rejected"
    assert by[("Rapidus", "partner")].status == "added"
    assert by[("Rapidus", "partner")].evidence[0].article_id == 3
    for _ in range(3):  # the addition, the correction, the rejection: newest first
        ops.undo(store)
    _, rows = members(store)
    assert next(r for r in rows if r.organisation == "Mitsubishi").status == "extracted"
    assert next(r for r in rows if r.organisation == "Kobe Steel Ltd.").status == "confirmed"
    assert ("Rapidus", "partner") not in {(r.organisation, r.role) for r in rows}
    ops.redo(store)  # the rejection again
    _, rows = members(store)
    assert next(r for r in rows if r.organisation == "Mitsubishi").status == "rejected"
    ops.redo(store)
    ops.redo(store)  # the correction and the addition
    with pytest.raises(StoreError):
        ops.redo(store)  # nothing is left to redo
    # edits survive re-derivation after re-extraction
    from workbench.core.extraction import extract_pending

    store.conn.execute("UPDATE extraction SET version = 'old'")
    store.conn.commit()
    extract_pending(store)
    _, rows = members(store)
    assert {(r.organisation, r.status) for r in rows} >= {("Kobe Steel Ltd.", "edited"), ("Rapidus", "added")}


def test_export_members_csv_and_ftm(store, tmp_path):
    out = tmp_path / "members.csv"
    assert main(["export", "members", "--db", str(store.path), "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"organisation", "role", "stake", "sources", "evidence"} <= set(rows[0])
    assert any(r["organisation"] == "Preferred Networks Inc." and r["role"] == "partner" for r in rows)
    ftm = ftm_entities(store)
    schemas = {e["schema"] for e in ftm}
    assert {"Membership", "Ownership", "Organization"} <= schemas
    own = [e for e in ftm if e["schema"] == "Ownership" and e["properties"].get("percentage") == ["10"]]
    assert len(own) == 4


PORT_STORY = [
    (
        "port1.txt",
        "Rotterdam terminal venture formed\n\n"
        "Harbour Lines NV and Delta Cranes BV formed a joint venture called Maasvlakte Gateway Terminal. "
        "Harbour Lines holds 60 percent of Maasvlakte Gateway Terminal and Delta Cranes holds the rest. "
        "Maasvlakte Gateway Terminal will run a new container terminal from 2027. "
        "Nordic Tug AS invested in Maasvlakte Gateway Terminal.",
    ),
    (
        "port2.txt",
        "New Rotterdam terminal\n\n"
        "Maasvlakte Gateway Terminal, founded by Harbour Lines NV and Delta Cranes BV, signed its first lease. "
        "Harbour Lines and Delta Cranes created Maasvlakte Gateway Terminal last year.",
    ),
    (
        "port3.txt",
        "Terminal deal\n\n"
        "Delta Cranes BV and Harbour Lines NV set up Maasvlakte Gateway Terminal. "
        "Nordic Tug AS took a stake in Maasvlakte Gateway Terminal.",
    ),
]


def test_another_story_in_the_project_is_another_venture(store, tmp_path):
    """Importing an unrelated story never moves this story's members (or the analyst's decisions on them)
    under the other story's venture, even when the other venture is named more often."""
    from workbench.core.members import tables
    from workbench.core.service import import_articles

    _venture, rows = members(store)
    kobe = next(r for r in rows if r.organisation == "Kobe Steel Ltd.")
    ops.member_edit(store, kobe.entity_id, kobe.organisation, kobe.role, "confirm")
    folder = tmp_path / "port"
    folder.mkdir()
    for name, text in PORT_STORY:
        (folder / name).write_text(text, encoding="utf-8")
    import_articles(store, [folder])
    found = {v.name: v for v in tables(store)}
    assert GOLD["venture"] in found and "Maasvlakte Gateway Terminal" in found
    seed = {(r.organisation, r.role): r for r in found[GOLD["venture"]].rows}
    port = {r.organisation for r in found["Maasvlakte Gateway Terminal"].rows}
    for g in GOLD["members"]:
        assert (g["organisation"], g["role"]) in seed, g
    assert not port & {g["organisation"] for g in GOLD["members"]}
    assert {"Harbour Lines NV", "Delta Cranes BV"} <= port
    assert seed[("Kobe Steel Ltd.", kobe.role)].status == "confirmed"  # the decision stayed with its member


def test_a_correction_can_say_when_the_member_holds_its_role(store):
    _venture, rows = members(store)
    kobe = next(r for r in rows if r.organisation == "Kobe Steel Ltd.")
    assert kobe.tense == "current"
    ops.member_edit(store, kobe.entity_id, kobe.organisation, kobe.role, "edit", new_tense="former")
    _venture, rows = members(store)
    assert next(r for r in rows if r.organisation == "Kobe Steel Ltd.").tense == "former"
    with pytest.raises(ValueError):
        ops.member_edit(store, kobe.entity_id, kobe.organisation, kobe.role, "edit", new_tense="someday")
    ops.undo(store)
    _venture, rows = members(store)
    assert next(r for r in rows if r.organisation == "Kobe Steel Ltd.").tense == "current"
