"""Who belongs to the venture, in what role, with what stake — derived from the text.

For each sentence (boilerplate left out) the organisations it names are grouped into
coordinated lists ("SoftBank, Sony, Honda, and NEC", "SoftBank-Sony-Honda-NEC"); role
cues ("have joined forces", "minority shareholders", "will join the project",
"program managed by", "led by a … executive") assign a role to the list nearest to
them, and stake cues ("holds a stake exceeding 10%", "minority", "up to 1 trillion
yen") attach what the sentence states. A sentence opening with "This includes" or
"This program" continues the previous one. Organisations only mentioned in passing get
no role and are not members. The result follows followthemoney's Membership (member,
organisation, role) and Ownership (owner, asset, percentage, value).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

FOUNDER = "founding member"
INVESTOR = "investor"
TECH = "technical partner"
FUNDER = "public funder / programme body"
LEADER = "leader"
ROLES = (FOUNDER, INVESTOR, TECH, FUNDER, LEADER)

# (role, cue, how the cue picks its organisations: nearest | after)
CUES: list[tuple[str, re.Pattern, str]] = [
    (FOUNDER, re.compile(r"\bjoin(?:ed|ing)? forces\b", re.I), "nearest"),
    (
        FOUNDER,
        re.compile(r"\b(?:have|has) established\b|\bestablish(?:ed)? a (?:new|dedicated)\b", re.I),
        "nearest",
    ),
    (
        FOUNDER,
        re.compile(r"\bfounding (?:partners?|members?|companies|tech)\b|\bco-?founders?\b", re.I),
        "nearest",
    ),
    (FOUNDER, re.compile(r"\bcore (?:members?|group|corporations|partners?)\b", re.I), "nearest"),
    (
        FOUNDER,
        re.compile(r"\bconsortium comprising\b|\bcomprising\b|\bled by industry titans including\b", re.I),
        "after",
    ),
    (FOUNDER, re.compile(r"\b[A-Z][\w.]*(?:-[A-Z][\w.]*){2,} (?:consortium|venture|alliance)\b"), "inside"),
    (INVESTOR, re.compile(r"\bminority (?:shareholders?|stakeholders?|investors?)\b", re.I), "after"),
    (INVESTOR, re.compile(r"\binvestors?\b(?! giant)", re.I), "after"),
    (INVESTOR, re.compile(r"\binvested in the (?:venture|consortium|company|new \w+)\b", re.I), "nearest"),
    (INVESTOR, re.compile(r"\bshareholders?\b", re.I), "after"),
    (
        TECH,
        re.compile(r"\bwill join the project\b|\bset to join\b|\bjoin at a later stage\b", re.I),
        "nearest",
    ),
    (TECH, re.compile(r"\btechnical (?:core|partners?)\b|\bdevelopment partners?\b", re.I), "nearest"),
    (TECH, re.compile(r"\bleverages? the (?:deep )?expertise of\b", re.I), "first_after"),
    (FUNDER, re.compile(r"\bpublic (?:funding|institution|funder)\b", re.I), "nearest"),
    (
        FUNDER,
        re.compile(r"\bprogram(?:me)? managed by\b|\bfunding from\b|\bfinancial backbone\b", re.I),
        "first_after",
    ),
    (FUNDER, re.compile(r"\bhas earmarked\b|\bmobili[sz]e up to\b|\bfiscal backing via\b", re.I), "nearest"),
    (FUNDER, re.compile(r"-led\b(?=[^.]*\bprogram)", re.I), "before_glued"),
    (
        LEADER,
        re.compile(r"\bled by (?:a |an )?(?:former )?(?:\w+ )?executive\b|\bexecutive from\b", re.I),
        "nearest",
    ),
]
CONTINUES = re.compile(r"^\s*(?:this|these|they|it) (?:includes?|program(?:me)?|consortium|fund)\b", re.I)
SEPARATOR = re.compile(
    r"^(?:\s*[,;]?\s*(?:and|&|as well as)?\s*|\s*[-–—/]\s*|\s*\([A-Za-z]{2,8}\)\s*[,]?\s*(?:and\s*)?)$"
)
MINORITY = re.compile(r"\bminority (?:shareholders?|stakeholders?|investors?|stakes?)\b", re.I)
STAKE = re.compile(
    r"\bstakes? (?:of |exceeding |above |over |of more than |more than |at least |below |under )?", re.I
)
VENTURE = re.compile(r"\b(?:named|called|dubbed)\s*$", re.I)
NEGATED = re.compile(
    r"\b(?:in addition to|beyond|apart from|besides|other than|unlike|not)\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)
DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)


@dataclass
class Evidence:
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
    evidence: list[Evidence] = field(default_factory=list)
    percentage: float | None = None
    bound: str | None = None
    value: dict | None = None
    status: str = "extracted"  # extracted | confirmed | edited | rejected | added
    note: str = ""
    edit_id: int | None = None

    @property
    def sources(self) -> list[int]:
        return sorted({e.article_id for e in self.evidence})

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
            parts.append(f"{text} ({len(arts)} source{'s' if len(arts) != 1 else ''})")
        silent = set(self.sources) - stated
        if silent and parts:
            parts.append(f"not stated ({len(silent)})")
        return "; ".join(parts)


def _groups(mentions, text: str):
    """Coordinated lists of organisation mentions within one sentence: lists of mentions."""
    groups: list[list] = []
    for m in mentions:
        if groups and SEPARATOR.match(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _span(group):
    return group[0].start, group[-1].end


def _pick(groups, cue_start: int, cue_end: int, how: str, text: str):
    if not groups:
        return []
    if how == "inside":
        return [g for g in groups if cue_start <= _span(g)[0] and _span(g)[1] <= cue_end]
    if how == "before_glued":
        return [g for g in groups if _span(g)[1] == cue_start]
    after = [g for g in groups if _span(g)[0] >= cue_end]
    if how == "after":
        if after:
            return after
        before = [g for g in groups if _span(g)[1] <= cue_start]
        return before
    if how == "first_after":
        return after[:1]

    def gap(g):
        s, e = _span(g)
        return cue_start - e if e <= cue_start else s - cue_end if s >= cue_end else 0

    best = min(groups, key=gap)
    return [best] if gap(best) <= 160 else []


def derive(store, article_ids: list[int] | None = None) -> tuple[str, list[MemberRow]]:
    """(venture name, rows) derived from the articles' text and entities."""
    venture_votes: dict[int, int] = defaultdict(int)
    rows: dict[tuple[int, str], MemberRow] = {}
    names: dict[int, str] = {}
    ids = article_ids if article_ids is not None else store.article_ids()
    for aid in ids:
        text = store.article_text(aid)
        mentions = store.article_mentions(aid)
        orgs = [m for m in mentions if m.type == "ORG"]
        money = [m for m in mentions if m.type in ("MONEY", "PERCENT")]
        previous_roles: list[tuple[str, list]] = []
        for seg in store.sentences(aid):
            if seg.boilerplate:
                previous_roles = []
                continue
            sentence = text[seg.start : seg.end]
            # an outlet cited by its domain ("… koreadaily.com.") is a source, never a member
            inside = [
                m for m in orgs if seg.start <= m.start and m.end <= seg.end and not DOMAIN.match(m.entity)
            ]
            for m in inside:
                names[m.entity_id] = m.entity
                if VENTURE.search(text[max(seg.start, m.start - 12) : m.start]):
                    venture_votes[m.entity_id] += 1
            groups = _groups(inside, text)
            assigned: list[tuple[str, list]] = []
            for role, cue, how in CUES:
                for c in cue.finditer(sentence):
                    if NEGATED.search(sentence[max(0, c.start() - 30) : c.start()]):
                        continue  # "in addition to the core group": the list is not the core group
                    for g in _pick(groups, seg.start + c.start(), seg.start + c.end(), how, text):
                        assigned.append((role, g))
            if not assigned and CONTINUES.match(sentence) and previous_roles:
                # "This includes …": the previous sentence's role carries over to this one's lists
                roles = {r for r, _ in previous_roles}
                assigned = [(r, g) for r in roles for g in groups]
                if not groups:
                    assigned = previous_roles  # "This program … 1 trillion yen": same organisations
            stake = _stakes(sentence, seg, money)
            seen = set()
            for role, g in assigned:
                for m in g:
                    key = (m.entity_id, role)
                    if (key, seg.start) in seen:
                        continue
                    seen.add((key, seg.start))
                    row = rows.setdefault(key, MemberRow(m.entity_id, m.entity, role))
                    row.evidence.append(Evidence(aid, seg.start, seg.end, sentence))
                    for label, value in stake.get(role, []):
                        row.stakes.setdefault(label, set()).add(aid)
                        if isinstance(value, dict) and "percent" in value:
                            row.percentage, row.bound = value["percent"], value.get("bound")
                        elif isinstance(value, dict) and "amount" in value:
                            row.value = value
            previous_roles = assigned or previous_roles if CONTINUES.match(sentence) else assigned
    venture_id = max(venture_votes, key=venture_votes.get) if venture_votes else None
    venture = names.get(venture_id, "the venture")
    out = [r for (eid, _), r in rows.items() if eid != venture_id]
    out.sort(key=lambda r: (ROLES.index(r.role), -len(r.sources), r.organisation.lower()))
    return venture, out


def _stakes(sentence: str, seg, money) -> dict[str, list]:
    """What stake the sentence states, by the role it applies to."""
    out: dict[str, list] = defaultdict(list)
    if MINORITY.search(sentence):
        out[INVESTOR].append(("minority", None))
    for m in money:
        if not (seg.start <= m.start and m.end <= seg.end) or not m.value:
            continue
        v = json.loads(m.value)
        if m.type == "PERCENT":
            before = sentence[: m.start - seg.start]
            if STAKE.search(before[-40:]):
                bound = {"lower": "more than ", "upper": "up to "}.get(v.get("bound"), "")
                label = f"{bound}{v['percent']:g}%"
                out[FOUNDER].append((label, v))
                out[INVESTOR].append((label, v))
        elif m.type == "MONEY" and "converted_from" not in v:
            bound = {"lower": "more than ", "upper": "up to "}.get(v.get("bound"), "")
            approx = "about " if v.get("approx") else ""
            out[FUNDER].append((f"{bound}{approx}{v['display']} (programme)", v))
    return out


# ------------------------------------------------------------------ with the analyst's edits


def members(store, article_ids: list[int] | None = None) -> tuple[str, list[MemberRow]]:
    """Derived rows with the analyst's confirmations, corrections, rejections and additions applied."""
    venture, rows = derive(store, article_ids)
    edits = store.member_edits()
    by_key = {(r.entity_id, r.role): r for r in rows}
    for e in edits:
        key = (e["entity_id"], e["role"])
        row = by_key.get(key)
        if e["action"] == "add" or row is None:
            if e["action"] in ("add", "edit"):
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
            if e["stake"] is not None:
                row.stakes = {e["stake"]: set(row.sources) or {0}} if e["stake"] else {}
        for ev in json.loads(e["evidence"] or "[]"):
            row.evidence.append(Evidence(ev["article_id"], ev["start"], ev["end"], ev.get("sentence", "")))
    return venture, rows


def export_rows(store):
    venture, rows = members(store)
    titles = {a: s.title for a, s in store.summaries(store.article_ids()).items()}
    for r in rows:
        yield {
            "organisation": r.organisation,
            "role": r.role,
            "stake": r.stake_text(),
            "percentage": "" if r.percentage is None else r.percentage,
            "bound": r.bound or "",
            "sources": "|".join(f"#{a} {titles.get(a, '')}" for a in r.sources),
            "evidence": " || ".join(" ".join(e.sentence.split()) for e in r.evidence),
            "confidence": r.confidence,
            "status": r.status,
            "note": r.note,
            "venture": venture,
            "entity_id": r.entity_id,
        }


def ftm_entities(store) -> list[dict]:
    """The table as followthemoney Membership and Ownership entities (FtM JSON)."""
    venture, rows = members(store)
    out = [{"id": "venture", "schema": "Company", "properties": {"name": [venture]}}]
    for r in rows:
        if r.status == "rejected":
            continue
        org = f"entity-{r.entity_id}"
        out.append({"id": org, "schema": "Organization", "properties": {"name": [r.organisation]}})
        out.append(
            {
                "id": f"membership-{r.entity_id}-{ROLES.index(r.role) if r.role in ROLES else 9}",
                "schema": "Membership",
                "properties": {"member": [org], "organization": ["venture"], "role": [r.role]},
            }
        )
        if r.stakes or r.percentage is not None:
            props = {"owner": [org], "asset": ["venture"], "summary": [r.stake_text()]}
            if r.percentage is not None:
                props["percentage"] = [f"{r.percentage:g}"]
            if r.value:
                props["sharesValue"] = [f"{r.value['amount']:g}"]
                props["sharesCurrency"] = [r.value["currency"]]
            out.append({"id": f"ownership-{r.entity_id}", "schema": "Ownership", "properties": props})
    return out
