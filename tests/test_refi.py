"""REFI-QDA export: the project.qde XML parses, references resolve, and every position matches the text."""

import subprocess
import sys
import zipfile
from xml.etree import ElementTree as ET

import pytest

from workbench.core.extraction import extract_pending
from workbench.core.ingest import ingest
from workbench.core.refi import NS, write_qdpx

Q = f"{{{NS}}}"
TEXT = (
    "Harbour deal 🚢 signed\n\n"
    "Northwind Shipping agreed to buy the Eastport terminal for $40 million on Tuesday, said Maria Lopez.\n\n"
    "Critics said the price was too low."
)


@pytest.fixture
def project(store, tmp_path):
    (tmp_path / "harbour.txt").write_text(TEXT, encoding="utf-8")
    aid = ingest(store, [tmp_path / "harbour.txt"]).added[0].article_id
    extract_pending(store)
    price = TEXT.index("$40 million")
    store.claims.add(
        aid,
        price,
        price + len("$40 million"),
        author="R. Analyst",
        verdict="disputed",
        confidence=0.6,
        note="Other reports say $45 million",
        tags="price|deal",
    )
    low = TEXT.index("the price was too low")
    store.claims.add(aid, low, low + len("the price was too low"), author="R. Analyst")
    return store, aid


def read(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("project.qde"))
        texts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sources/")}
    return root, texts


def test_qdpx_structure_and_positions(project, tmp_path):
    store, aid = project
    out = tmp_path / "harbour.qdpx"
    done = write_qdpx(store, out)
    root, texts = read(out)
    assert root.tag == Q + "Project" and root.get("name") == "harbour"
    # elements in the schema's order
    assert [c.tag.removeprefix(Q) for c in root] == ["Users", "CodeBook", "Sources"]
    codes = {c.get("guid"): c for c in root.iter(Q + "Code")}
    groups = {
        c.get("name"): [k.get("name") for k in c.findall(Q + "Code")]
        for c in root.find(Q + "CodeBook/" + Q + "Codes")
    }
    assert groups["Claim verdicts"] == ["unverified", "supported", "disputed", "false", "misleading"]
    assert groups["Claim tags"] == ["deal", "price"]
    assert {"PERSON", "MONEY"} <= set(groups["Entities"])
    users = {u.get("guid") for u in root.iter(Q + "User")}

    (src,) = root.iter(Q + "TextSource")
    path = src.get("plainTextPath")
    assert path.startswith("internal://") and f"sources/{path.removeprefix('internal://')}" in texts
    text = texts[f"sources/{path.removeprefix('internal://')}"]
    assert text == store.articles.text(aid)
    selections = src.findall(Q + "PlainTextSelection")
    assert len(selections) == done.claim_selections + done.mention_selections and done.claim_selections == 2
    for sel in selections:
        start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
        assert 0 <= start < end <= len(text)
        assert sel.get("creatingUser") in users
        for coding in sel.findall(Q + "Coding"):
            assert coding.find(Q + "CodeRef").get("targetGUID") in codes
    price = next(s for s in selections if "claim: disputed" in (s.findtext(Q + "Description") or ""))
    # positions count characters: after the emoji in the headline, still the exact quote
    assert text[int(price.get("startPosition")) : int(price.get("endPosition"))] == "$40 million"
    coded = sorted(
        codes[c.find(Q + "CodeRef").get("targetGUID")].get("name") for c in price.findall(Q + "Coding")
    )
    assert coded == ["deal", "disputed", "price"]
    assert "Other reports say $45 million" in price.findtext(Q + "Description")
    person = [s for s in selections if s.get("name") == "Maria Lopez"]
    assert (
        person
        and text[int(person[0].get("startPosition")) : int(person[0].get("endPosition"))] == "Maria Lopez"
    )
    assert not (tmp_path / "harbour.qdpx.part").exists()


def test_same_project_gives_same_guids(project, tmp_path):
    store, _ = project
    write_qdpx(store, tmp_path / "a.qdpx")
    write_qdpx(store, tmp_path / "b.qdpx")
    guids = [
        sorted(e.get("guid") for e in read(tmp_path / n)[0].iter() if e.get("guid"))
        for n in ("a.qdpx", "b.qdpx")
    ]
    assert guids[0] == guids[1] and len(set(guids[0])) == len(guids[0])


def test_claim_whose_place_is_lost_is_left_out_and_counted(project, tmp_path):
    store, _ = project
    first = store.claims.matching()[0]
    store.claims.mark_orphaned(first.id)
    done = write_qdpx(store, tmp_path / "c.qdpx")
    assert done.claim_selections == 1 and done.skipped_claims == 1


def test_cli_export_qdpx(tmp_path):
    db = tmp_path / "p.db"
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    run = [sys.executable, "-m", "workbench", "--db", str(db), "--no-seeds"]
    subprocess.run([*run, "ingest", "--no-extract", str(tmp_path / "a.txt")], check=True, capture_output=True)
    r = subprocess.run(
        [*run, "export", "qdpx", "-o", str(tmp_path / "out.qdpx")], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert "1 article(s)" in r.stderr and zipfile.is_zipfile(tmp_path / "out.qdpx")
    r = subprocess.run([*run, "export", "qdpx"], capture_output=True, text=True)
    assert r.returncode == 2 and "needs -o" in r.stderr
