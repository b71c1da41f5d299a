"""Members, roles and stakes from sentence structure: each mechanism with a positive and a negative case.

The sentences are written for these tests about other industries and countries (never the seeds').
"""

import pytest

from workbench.core.members import ventures
from workbench.core.service import import_articles
from workbench.core.store import Store


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One project holding every test article (one file each), extracted once."""
    folder = tmp_path_factory.mktemp("roles")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    store = Store(folder / "p.workbench.db")
    import_articles(store, sorted(folder.glob("*.txt")))
    ids = {store.articles.get(a).file.removesuffix(".txt"): a for a in store.articles.ids()}
    yield store, ids
    store.close()


def table(project, name):
    store, ids = project
    found = ventures(store, [ids[name]])
    return found


def rows(project, name):
    out = {}
    for v in table(project, name):
        for r in v.rows:
            out[(r.organisation, r.role)] = r
    return out


def orgs(project, name):
    return {org for org, _role in rows(project, name)}


ARTICLES = {
    "dash_list": (
        "Green fuel venture launched in Norway\n\n"
        "The companies – Wilhelmsen, Hoegh Autoliners, Fjord Line, Havila Kystruten and Equinor – have "
        "invested a total of 450 million euros to create the company. Analysts at Pareto Securities said "
        "the plan was ambitious."
    ),
    "each_owns": (
        "Carriers team up on port software\n\n"
        "Maersk and Hapag-Lloyd teamed up to create a new company, and each owns more than 10% of it. "
        "Three banks took small shareholdings in the firm."
    ),
    "negation": (
        "Backers named for German battery plant\n\n"
        "The backers of the new battery company include Siemens and Bosch. Deutsche Bank is not an "
        "investor in the company, and Vodafone declined to join the consortium."
    ),
    "planned": (
        "Brazilian oil group eyes stake\n\n"
        "Petrobras plans to take a 30% stake in the new refining venture. Shell, a rival of the venture, "
        "is not an investor in it. TotalEnergies, a rival bidder, has offered to buy the venture."
    ),
    "leader": (
        "Kenyan solar venture names chief\n\n"
        "The new company, named Savanna Solar Holdings, was founded by Safaricom and KenGen. "
        "Savanna Solar Holdings will be chaired by Grace Wanjiru, formerly of Equity Bank."
    ),
    "passing": (
        "Airline results\n\n"
        "Lufthansa reported higher profits on Tuesday, while Air France said demand was weak. "
        "Reuters reported the figures first."
    ),
    "distributive": (
        "Korean chip alliance\n\n"
        "Samsung Electronics, LG Electronics and SK Hynix each invested about 2 billion won in the new "
        "chip company."
    ),
    "funder": (
        "Subsidy for Danish wind company\n\n"
        "The new wind company received a subsidy of 300 million euros from the Danish Energy Agency. "
        "The agency said the money would support the venture for five years."
    ),
    "table": (
        "Consortium members\n\n"
        "The consortium was set up in March.\n\n"
        "| Company | Role | Stake |\n"
        "| --- | --- | --- |\n"
        "| Tata Steel | Founding member | 40% |\n"
        "| Mahindra Group | Investor | 20% |\n"
    ),
    "two_ventures": (
        "Two deals\n\n"
        "Orsted and Vattenfall founded Blue Harbour Energy in Esbjerg. Separately, Siemens Energy bought a "
        "30% stake in Nordic Cable Works, and Nexans took a 10% stake in Nordic Cable Works."
    ),
    "withdrawn": (
        "Port bid\n\n"
        "Adani Ports bid for Haifa Terminals in March but withdrew in May. DP World bought a 40% stake in "
        "Haifa Terminals. Other firms seen as would-be suitors include Maersk and Cosco."
    ),
    "bullets": (
        "Mining joint venture\n\n"
        "The founders of the new copper venture are:\n"
        "- Anglo American\n"
        "- Codelco\n"
        "- Antofagasta\n\n"
        "Glencore was not involved."
    ),
}


def test_dash_list_of_founders_with_total_capital(project):
    got = rows(project, "dash_list")
    founders = {org for org, role in got if role == "founder"}
    assert {"Wilhelmsen", "Hoegh Autoliners", "Fjord Line", "Equinor"} <= founders
    capital = {t for v in table(project, "dash_list") for t in v.capital}
    assert any("450 million EUR" in t for t in capital)
    # the total is the venture's capital, not each member's stake
    assert all(not r.stakes for r in got.values())
    # negative: analysts quoted are not members
    assert "Pareto Securities" not in orgs(project, "dash_list")


def test_paraphrase_each_owns_more_than(project):
    got = rows(project, "each_owns")
    assert ("Maersk", "founder") in got and ("Hapag-Lloyd", "founder") in got
    assert "more than 10%" in got[("Maersk", "founder")].stakes


def test_negation_and_declined_make_no_member(project):
    names = orgs(project, "negation")
    assert {"Siemens", "Bosch"} <= names
    assert "Deutsche Bank" not in names
    assert "Vodafone" not in names


def test_plans_to_is_a_planned_role_and_rival_is_none(project):
    got = rows(project, "planned")
    row = got[("Petrobras", "investor")]
    assert row.tense == "planned" and "30%" in row.stakes
    assert "Shell" not in {org for org, _ in got}
    # a rival bidder is a planned investor, not a non-member
    assert got[("TotalEnergies", "investor")].tense == "planned"


def test_venture_named_and_person_leader_with_former_employer(project):
    found = table(project, "leader")
    assert found[0].name == "Savanna Solar Holdings"
    got = {(r.organisation, r.role): r for r in found[0].rows}
    assert ("Safaricom", "founder") in got and ("KenGen", "founder") in got
    leader = got[("Grace Wanjiru", "leader")]
    assert leader.kind == "person" and "Equity Bank" in leader.title
    # negative: the former employer is no member
    assert "Equity Bank" not in {org for org, _ in got}


def test_passing_mentions_make_no_member(project):
    assert orgs(project, "passing") == set()


def test_distributive_amount_goes_to_each_member(project):
    got = rows(project, "distributive")
    for org in ("Samsung Electronics", "LG Electronics", "SK Hynix"):
        assert any("2 billion KRW" in s for s in got[(org, "investor")].stakes), org


def test_subsidy_from_an_agency_is_a_funder(project):
    got = rows(project, "funder")
    row = (
        got[("the Danish Energy Agency", "funder")]
        if ("the Danish Energy Agency", "funder") in got
        else got[("Danish Energy Agency", "funder")]
    )
    assert any("300 million" in s for s in row.stakes)


def test_markdown_table_rows_give_roles_and_stakes(project):
    got = rows(project, "table")
    assert "40%" in got[("Tata Steel", "founder")].stakes
    assert "20%" in got[("Mahindra Group", "investor")].stakes


def test_bullet_list_after_a_role_line(project):
    got = rows(project, "bullets")
    assert {("Anglo American", "founder"), ("Codelco", "founder"), ("Antofagasta", "founder")} <= set(got)
    assert "Glencore" not in {org for org, _ in got}


def test_each_venture_has_its_own_table(project):
    found = {v.name: {(r.organisation, r.role) for r in v.rows} for v in table(project, "two_ventures")}
    assert found["Nordic Cable Works"] == {("Siemens Energy", "investor"), ("Nexans", "investor")}
    assert found["Blue Harbour Energy"] == {("Orsted", "founder"), ("Vattenfall", "founder")}


def test_cli_exports_one_venture_and_followthemoney(tmp_path, capsys):
    import json as _json

    from workbench.cli import main

    (tmp_path / "a.txt").write_text(ARTICLES["two_ventures"], encoding="utf-8")
    db = str(tmp_path / "p.workbench.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-seeds", "-q"]) == 0
    out = tmp_path / "ftm.jsonl"
    assert main(["export", "ftm", "--venture", "nordic cable works", "--db", db, "-o", str(out)]) == 0
    entities = [_json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = {n for e in entities for n in e["properties"].get("name", [])}
    assert "Nordic Cable Works" in names and "Siemens Energy" in names and "Orsted" not in names
    assert main(["export", "ftm", "--venture", "no such venture", "--db", db]) == 2
    capsys.readouterr()
    assert main(["export", "members", "--db", db]) == 0
    csv_text = capsys.readouterr().out
    assert "Blue Harbour Energy" in csv_text and "Nordic Cable Works" in csv_text
    assert main(["brief", "--venture", "Nordic Cable Works", "--db", db]) == 0
    brief_text = capsys.readouterr().out
    assert (
        "Nordic Cable Works" in brief_text
        and "Siemens Energy" in brief_text
        and "Vattenfall" not in brief_text
    )


def test_withdrawn_and_rumoured_bidders_are_not_members(project):
    got = rows(project, "withdrawn")
    assert ("DP World", "investor") in got and "40%" in got[("DP World", "investor")].stakes
    names = {org for org, _ in got}
    assert "Adani Ports" not in names
    assert not names & {"Maersk", "Cosco"}


def test_short_and_long_forms_of_a_company_across_articles(tmp_path):
    """One article's "Toyota" and another's "Toyota Motor Corp." are one entity; "SoftBank Group Corp."
    (a parent) and "SoftBank Corp." stay two."""
    (tmp_path / "a.txt").write_text("Toyota results\n\nToyota said sales rose in March.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Carmaker news\n\nToyota Motor Corp. will invest in a battery venture with Panasonic Holdings.",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text(
        "Telecoms\n\nSoftBank Group Corp. owns a stake in SoftBank Corp., the mobile operator.",
        encoding="utf-8",
    )
    store = Store(tmp_path / "p.workbench.db")
    import_articles(store, sorted(tmp_path.glob("*.txt")))
    by_name = {}
    for aid in store.articles.ids():
        for m in store.entities.article_mentions(aid):
            by_name.setdefault(m.text, m.entity_id)
    assert by_name["Toyota"] == by_name["Toyota Motor Corp."]
    assert by_name["SoftBank Group Corp."] != by_name["SoftBank Corp."]
    store.close()
