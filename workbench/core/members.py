"""Who belongs to each venture, in what role, with what stake — aggregated from the role facts.

``core/roles.py`` reads role facts off each article's sentence structure (cached per article in the
store); this module resolves their mentions to entities, finds the ventures the facts name ("a new
company named X", "X, a joint venture of …", the object of "founded"), and builds one table per
venture: a row per member and role, with every source's stake, the evidence sentences, the time
(current / planned / former) and, for people, their title. An organisation the text says is not a
member ("is not an investor", "declined to join", "a rival") gets no row; one only mentioned in
passing yields no fact at all. The analyst's confirmations, corrections, rejections and additions
are a layer on top. The result follows followthemoney's Membership and Ownership.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .role_facts import Role
from .roles import Mention as _Mention
from .roles import RoleFact, Stake, article_facts, lexicon_fingerprint

FOUNDER = Role.FOUNDER
INVESTOR = Role.INVESTOR
TECH = Role.PARTNER
FUNDER = Role.FUNDER
LEADER = Role.LEADER
ROLES = (FOUNDER, INVESTOR, TECH, FUNDER, LEADER)
#: an organisation holds at most one of these: the strongest (a founder also invests; an investor is a partner)
EQUITY = (FOUNDER, INVESTOR, TECH)
#: bump when roles.py changes what it reads
ROLES_VERSION = "1"


def facts_version() -> str:
    from .nlp import model_version
    from .roles_ja import lexicon_fingerprint_ja

    return f"roles{ROLES_VERSION}+lex{lexicon_fingerprint()}+ja{lexicon_fingerprint_ja()}+{model_version()}"


@dataclass
class MemberEvidence:
    """A sentence that states a member's role (where the members table found it, or the analyst pointed)."""

    article_id: int
    start: int
    end: int
    sentence: str


@dataclass
class MemberRow:
    entity_id: int
    organisation: str
    role: str
    stakes: dict = field(default_factory=dict)  # stake text -> set of article ids
    evidence: list[MemberEvidence] = field(default_factory=list)
    percentage: float | None = None
    bound: str | None = None
    value: Stake | None = None
    status: str = "extracted"  # extracted | confirmed | edited | rejected | added
    note: str = ""
    edit_id: int | None = None
    tense: str = "current"  # current | planned | former
    kind: str = "org"  # org | person
    title: str = ""
    denied_in: set = field(default_factory=set)  # articles whose text says it is not a member
    tenses: Counter = field(default_factory=Counter, repr=False)  # how often each time is stated

    @property
    def sources(self) -> list[int]:
        return sorted({e.article_id for e in self.evidence if e.article_id})

    @property
    def confidence(self) -> float:
        n = len(self.sources)
        return round(1 - 0.5**n, 2) if self.status in ("extracted",) else 1.0

    def stake_text(self, titles: dict | None = None) -> str:
        if not self.stakes:
            return "not stated"
        parts = []
        stated = {a for arts in self.stakes.values() for a in arts}
        for text, arts in sorted(self.stakes.items(), key=lambda kv: -len(kv[1])):
            n = len([a for a in arts if a])
            parts.append(f"{text} ({n} source{'s' if n != 1 else ''})" if n else text)
        silent = set(self.sources) - stated
        if silent and parts:
            parts.append(f"not stated ({len(silent)})")
        return "; ".join(parts)


@dataclass
class Venture:
    entity_id: int | None  # None: "the venture" of a story that never names it
    name: str
    rows: list[MemberRow]
    capital: dict = field(default_factory=dict)  # stated total capital -> set of article ids
    votes: int = 0


def ensure_facts(store, article_ids: list[int], progress=None, cancel=None) -> dict[int, list[RoleFact]]:
    """Read the role facts of every listed article that has none cached for this version (an article
    extracted before this version); they are stored, or only returned when the project is read-only."""
    version = facts_version()
    missing = store.facts.missing(list(article_ids), version)
    read: dict[int, list[RoleFact]] = {}
    if not missing:
        return read
    from .nlp import parser, pipeline_for

    for i, aid in enumerate(missing):
        if cancel is not None and cancel.is_set():
            break
        text = store.articles.text(aid)
        segments = [(g.start, g.end, g.boilerplate) for g in store.articles.sentences(aid)]
        mentions = [_Mention(m.start, m.end, m.type, m.value) for m in store.entities.article_mentions(aid)]
        language = store.articles.get(aid).language
        if pipeline_for(language) == "ja":
            from .roles_ja import article_facts_ja, ja_parser

            facts = article_facts_ja(text, segments, mentions, ja_parser())
        else:
            facts = article_facts(text, segments, mentions, parser())
        read[aid] = facts
        if not getattr(store, "readonly", False):
            with store.transaction():
                store.facts.replace(aid, facts, version)
        if progress:
            progress(i + 1, len(missing), "reading roles")
    return read


def _tense(tenses: Counter) -> str:
    if tenses.get("current"):
        return "current"
    if tenses.get("former"):
        return "former"
    return "planned" if tenses.get("planned") else "current"


def ventures(store, article_ids: list[int] | None = None) -> list[Venture]:
    """Every venture the articles' role facts name, the most reported first, each with its members."""
    ids = article_ids if article_ids is not None else store.articles.ids()
    fresh = ensure_facts(store, ids)
    by_article = store.facts.of(ids)
    by_article.update(fresh)
    names: dict[int, str] = {}
    types: dict[int, str] = {}
    votes: Counter = Counter()
    article_votes: dict[int, Counter] = defaultdict(Counter)  # the ventures each article names
    resolved: list[tuple[int, RoleFact, int | None, int | None]] = []  # aid, fact, member, venture
    texts: dict[int, str] = {}
    for aid, facts in by_article.items():
        if not facts:
            continue
        spans = {(m.start, m.end): m for m in store.entities.article_mentions(aid)}
        texts[aid] = store.articles.text(aid)
        for f in facts:
            vm = spans.get((f.venture_start, f.venture_end))
            mm = spans.get((f.start, f.end))
            for m in (vm, mm):
                if m is not None:
                    names[m.entity_id] = m.entity
                    types[m.entity_id] = m.type
            if vm is not None and f.role in (
                Role.VENTURE,
                Role.FOUNDER,
                Role.INVESTOR,
                Role.PARTNER,
                Role.FUNDER,
            ):
                votes[vm.entity_id] += 2 if f.role == Role.VENTURE else 1
                article_votes[aid][vm.entity_id] += 2 if f.role == Role.VENTURE else 1
            if f.role == Role.VENTURE:
                continue
            if mm is None and f.role != Role.CAPITAL:
                continue  # the mention was rejected by the analyst
            resolved.append((aid, f, mm.entity_id if mm else None, vm.entity_id if vm else None))
    member_ids = {m for _a, f, m, _v in resolved if m is not None and f.role != Role.CAPITAL}
    # a venture is named by a fact; the main one is the most named (a member is never the main venture
    # unless nothing else is named)
    ranked = [v for v, _n in votes.most_common()]
    main = next((v for v in ranked if v not in member_ids), ranked[0] if ranked else None)
    own = _own_ventures(resolved, article_votes, member_ids, main)
    tables: dict[int | None, dict] = defaultdict(dict)
    capital: dict[int | None, dict] = defaultdict(dict)
    denied: dict[int | None, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for aid, f, member, venture in resolved:
        if venture is not None and votes[venture] < 1:
            continue  # "President P of X" where X founds nothing, takes no stake: not a venture here
        key = own.get(aid, main) if venture is None else venture
        if f.role == Role.CAPITAL:
            if f.stake is not None:
                capital[key].setdefault(f.stake.text, set()).add(aid)
            continue
        if member is None or member == key:
            continue
        if f.negated:
            denied[key][member].add(aid)
            continue
        row = tables[key].get((member, f.role))
        if row is None:
            row = MemberRow(member, names.get(member, "?"), f.role)
            row.kind = "person" if types.get(member) == "PERSON" else "org"
            tables[key][(member, f.role)] = row
        text = texts[aid]
        if not any(e.article_id == aid and e.start == f.sent_start for e in row.evidence):
            row.evidence.append(
                MemberEvidence(aid, f.sent_start, f.sent_end, text[f.sent_start : f.sent_end])
            )
        row.tenses[f.tense] += 1
        if f.title and not row.title:
            row.title = f.title
        if f.stake is not None:
            row.stakes.setdefault(f.stake.text, set()).add(aid)
            if f.stake.kind == "percent" and row.percentage is None:
                row.percentage, row.bound = f.stake.value, f.stake.bound
            elif f.stake.kind == "money" and row.value is None:
                row.value = f.stake
    out: list[Venture] = []
    for key, rows in tables.items():
        final = _collapse(list(rows.values()))
        for r in final:
            r.tense = _tense(r.tenses)
            r.denied_in = denied[key].get(r.entity_id, set())
        # a member the text denies and no source affirms stays out; one both denied and affirmed stays in
        final = [r for r in final if len(r.denied_in) <= len(r.sources) or r.sources]
        final.sort(key=lambda r: (ROLES.index(r.role), -len(r.sources), r.organisation.lower()))
        name = names.get(key, "the venture") if key is not None else "the venture"
        out.append(
            Venture(key, name, final, capital.get(key, {}), votes.get(key, 0) if key is not None else 0)
        )
    out.sort(key=lambda v: (v.entity_id != main, -len(v.rows), -v.votes))
    if not out:
        out.append(Venture(main, names.get(main, "the venture") if main else "the venture", [], {}, 0))
    return out


def _collapse(rows: list[MemberRow]) -> list[MemberRow]:
    """One equity role per organisation: founder > investor > partner; stakes and evidence merged."""
    by_entity: dict[int, list[MemberRow]] = defaultdict(list)
    for r in rows:
        by_entity[r.entity_id].append(r)
    out = []
    for group in by_entity.values():
        equity = sorted((r for r in group if r.role in EQUITY), key=lambda r: EQUITY.index(r.role))
        if len(equity) > 1:
            keep = equity[0]
            for other in equity[1:]:
                for e in other.evidence:
                    if not any(x.article_id == e.article_id and x.start == e.start for x in keep.evidence):
                        keep.evidence.append(e)
                for text, arts in other.stakes.items():
                    keep.stakes.setdefault(text, set()).update(arts)
                keep.tenses.update(other.tenses)
                if keep.percentage is None:
                    keep.percentage, keep.bound = other.percentage, other.bound
                keep.value = keep.value or other.value
            group = [r for r in group if r.role not in EQUITY or r is keep]
        out += group
    return out


def derive(
    store, article_ids: list[int] | None = None, venture: int | None = None
) -> tuple[str, list[MemberRow]]:
    """(venture name, rows) of one venture: the given entity's, else the main one."""
    found = ventures(store, article_ids)
    chosen = next((v for v in found if venture is not None and v.entity_id == venture), found[0])
    return chosen.name, chosen.rows


# ------------------------------------------------------------------ with the analyst's edits


def _own_ventures(
    resolved: list[tuple[int, RoleFact, int | None, int | None]],
    article_votes: dict[int, Counter],
    member_ids: set[int],
    main: int | None,
) -> dict[int, int | None]:
    """The venture a fact that names none belongs to, per article: the one its own article names most, else
    the one most named by the articles that share a member with it (another story imported into the same
    project is another venture, not this one's), else the main venture."""

    def best(votes: Counter) -> int | None:
        ranked = [
            v for v, _n in votes.most_common()
        ]  # as for the main venture: a member only if nothing else
        return next((v for v in ranked if v not in member_ids), ranked[0] if ranked else None)

    members_of: dict[int, set[int]] = defaultdict(set)
    articles_of: dict[int, set[int]] = defaultdict(set)
    for aid, f, member, _venture in resolved:
        if member is not None and f.role != Role.CAPITAL:
            members_of[aid].add(member)
            articles_of[member].add(aid)
    out: dict[int, int | None] = {}
    for aid in {a for a, *_ in resolved}:
        named = best(article_votes.get(aid, Counter()))
        if named is None:
            near: Counter = Counter()
            for member in members_of.get(aid, ()):
                for other in articles_of[member] - {aid}:
                    near.update(article_votes.get(other, Counter()))
            named = best(near)
        out[aid] = named if named is not None else main
    return out


def members(
    store, article_ids: list[int] | None = None, venture: int | None = None
) -> tuple[str, list[MemberRow]]:
    """Derived rows with the analyst's confirmations, corrections, rejections and additions applied."""
    venture_name, rows = derive(store, article_ids, venture)
    return _with_edits(store, venture_name, rows, main=venture is None)


def _with_edits(
    store, venture_name: str, rows: list[MemberRow], main: bool, elsewhere: frozenset = frozenset()
) -> tuple[str, list[MemberRow]]:
    """Apply the analyst's decisions to one venture's rows. A decision on a member applies where that member
    is; an addition (or a correction of a member no venture lists any more) shows in the main venture.
    ``elsewhere``: the (entity, role) keys that other ventures' tables hold."""
    edits = store.members.edits()
    by_key = {(r.entity_id, r.role): r for r in rows}
    for e in edits:
        key = (e["entity_id"], e["role"])
        row = by_key.get(key)
        if e["action"] == "add" or row is None:
            if main and (e["action"] == "add" or (e["action"] == "edit" and key not in elsewhere)):
                row = MemberRow(e["entity_id"], e["organisation"], e["new_role"] or e["role"], status="added")
                rows.append(row)
            else:
                continue
        row.edit_id = e["id"]
        row.note = e["note"] or ""
        if e["action"] == "confirm":
            row.status = "confirmed"
        elif e["action"] == "reject":
            row.status = "rejected"
        elif e["action"] in ("edit", "add"):
            if row.status != "added":
                row.status = "edited"
            row.role = e["new_role"] or row.role
            if e.get("new_tense"):
                row.tense = e["new_tense"]
            if e["stake"] is not None:
                row.stakes = {e["stake"]: set(row.sources) or {0}} if e["stake"] else {}
        for ev in json.loads(e["evidence"] or "[]"):
            row.evidence.append(
                MemberEvidence(ev["article_id"], ev["start"], ev["end"], ev.get("sentence", ""))
            )
    return venture_name, rows


def find_venture(store, name: str, article_ids: list[int] | None = None) -> int | None:
    """The entity id of the venture with this name (case aside; a unique prefix will do)."""
    found = [v for v in ventures(store, article_ids) if v.entity_id is not None]
    low = name.strip().lower()
    exact = [v for v in found if v.name.lower() == low]
    if exact:
        return exact[0].entity_id
    prefix = [v for v in found if v.name.lower().startswith(low)]
    return prefix[0].entity_id if len(prefix) == 1 else None


def tables(store, article_ids: list[int] | None = None) -> list[Venture]:
    """Every venture's table with the analyst's decisions applied where each member is (additions: the main one)."""
    found = ventures(store, article_ids)
    keys = [frozenset((r.entity_id, r.role) for r in v.rows) for v in found]
    for i, v in enumerate(found):
        elsewhere = frozenset().union(*(k for j, k in enumerate(keys) if j != i))
        _name, v.rows = _with_edits(store, v.name, v.rows, main=i == 0, elsewhere=elsewhere)
    return found


def export_rows(store, venture_id: int | None = None):
    """Every venture's rows (the venture column tells them apart), or one venture's."""
    if venture_id is None:
        chosen = [(v.name, v.rows) for v in tables(store)]
    else:
        chosen = [members(store, venture=venture_id)]
    titles = {a: s.title for a, s in store.articles.summaries(store.articles.ids()).items()}
    for venture, rows in chosen:
        for r in rows:
            yield {
                "organisation": r.organisation,
                "role": r.role,
                "stake": r.stake_text(),
                "percentage": "" if r.percentage is None else r.percentage,
                "bound": r.bound or "",
                "time": r.tense,
                "kind": r.kind,
                "title": r.title,
                "sources": "|".join(f"#{a} {titles.get(a, '')}" for a in r.sources),
                "evidence": " || ".join(" ".join(e.sentence.split()) for e in r.evidence),
                "confidence": r.confidence,
                "status": r.status,
                "note": r.note,
                "venture": venture,
                "entity_id": r.entity_id,
            }


def ftm_entities(store, venture_id: int | None = None) -> list[dict]:
    """The table as followthemoney Membership and Ownership entities (FtM JSON)."""
    venture, rows = members(store, venture=venture_id)
    out = [{"id": "venture", "schema": "Company", "properties": {"name": [venture]}}]
    for r in rows:
        if r.status == "rejected":
            continue
        org = f"entity-{r.entity_id}"
        schema = "Person" if r.kind == "person" else "Organization"
        out.append({"id": org, "schema": schema, "properties": {"name": [r.organisation]}})
        out.append(
            {
                "id": f"membership-{r.entity_id}-{ROLES.index(r.role) if r.role in ROLES else 9}",
                "schema": "Membership",
                "properties": {
                    "member": [org],
                    "organization": ["venture"],
                    "role": [f"{r.role} ({r.title})" if r.title else r.role],
                    **({"status": [r.tense]} if r.tense != "current" else {}),
                },
            }
        )
        if r.stakes or r.percentage is not None:
            props = {"owner": [org], "asset": ["venture"], "summary": [r.stake_text()]}
            if r.percentage is not None:
                props["percentage"] = [f"{r.percentage:g}"]
            if r.value is not None and r.value.value is not None:
                props["sharesValue"] = [f"{r.value.value:g}"]
                props["sharesCurrency"] = [r.value.currency or ""]
            out.append({"id": f"ownership-{r.entity_id}", "schema": "Ownership", "properties": props})
    return out
