"""How the sources compare: origins, aligned statements, and what differs between them.

* Provenance: whom each article cites as the origin of its report ("first reported by X",
  "according to reports from X", "cited by X", a "Primary Source" line, a bare domain),
  or its outlet from metadata. Articles resting on the same origin form one group;
  corroboration counts origins, not articles.
* Alignment: statements (sentences, boilerplate and headings left out) from different
  articles that report the same fact are grouped. Wording alone is not enough, so the
  score adds the entities and normalised values two statements share to their word
  TF-IDF similarity (see benchmarks/bench_alignment.py for the measurement). Statements
  in different languages have no wording in common: they align on what does not depend
  on the language — the entities (one id whatever the script, through the gazetteer's
  aliases), the normalised values, and the slot each value fills (money named by a
  support cue, 補助 or "subsidy"; a planned start date) — and never when the two name
  organisations of which they share none (benchmarks/quality_xlang.py measures it).
* Comparison: inside each group, money (and conversions of the same base), dates,
  percentages and counts, the organisations named, and qualifiers (applied for vs
  secured, now vs later, current vs former) are compared; each group is marked
  agree / differ / single-source.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, field

from . import copies, slots
from .findings import findings as findings_of
from .language import detect as detect_language
from .language import is_cjk
from .provenance import VERSION as PROVENANCE_VERSION
from .provenance import Origin as ProvOrigin
from .provenance import Sourcing, independent_clusters, propagate, sourcing
from .provenance import lexicon as provenance_lexicon
from .values import human_amount

WORD = re.compile(r"[a-z][a-z0-9'-]+|\d+(?:\.\d+)?")
#: a run of Japanese or Chinese characters; its words are read as overlapping character pairs
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ー]+")
HIRAGANA = re.compile(r"^[\u3040-\u309f]+$")
#: a statement in a language written without spaces needs this many characters (about five words)
CJK_MIN_CHARS = 10
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "you",
        "our",
        "which",
        "who",
        "whom",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "has",
        "have",
        "had",
        "not",
        "but",
        "than",
        "then",
        "so",
        "such",
        "also",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "more",
        "most",
        "other",
        "some",
        "any",
        "each",
        "many",
        "much",
        "very",
        "just",
        "only",
        "new",
        "said",
        "says",
    ]
)
VALUE_TYPES = ("MONEY", "DATE", "PERCENT", "CARDINAL", "QUANTITY")
#: an organisation substitution counts when the two statements share this share of their words
ORG_SLOT_WORDS = 0.3
#: statements that share no entity or value align only when their wording is this close
WORDS_ALONE = 0.6
#: a value or name shared by more than this share of all statements says nothing about which fact it is
COMMON_SHARE = 0.2


ANAPHOR = re.compile(
    r"^\s*(?:this|these|that|those|it|its|the (?:company|firm|institution|programme|program|"
    r"agency|body|organi[sz]ation|public institution|new (?:company|firm|entity)))\b",
    re.I,
)


def stem(word: str) -> str:
    """A light stemmer: 'applying', 'applied', 'applies' -> 'appl'; enough to match inflections."""
    for suffix in ("ing", "ied", "ies", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def value_feature(kind: str, v: dict):
    """What a value says, independent of wording: a conversion counts as its base amount."""
    if kind == "MONEY" and v.get("converted_from"):
        base = v["converted_from"]
        return ("MONEY", base["currency"], base["amount"])
    if kind == "MONEY" and "amount" in v:
        return ("MONEY", v.get("currency"), v["amount"])
    if kind == "PERCENT" and "percent" in v:
        return ("PERCENT", v["percent"])
    if kind in ("CARDINAL", "QUANTITY") and "number" in v:
        return ("COUNT", v["number"])
    if kind == "DATE":
        return ("DATE", v.get("iso") or v.get("duration"))
    return None


@dataclass
class Statement:
    id: int  # sentence id
    article_id: int
    start: int
    end: int
    text: str
    entities: set = field(default_factory=set)  # entity ids (names)
    values: dict = field(default_factory=dict)  # entity id -> (type, value dict, display)
    orgs: set = field(default_factory=set)
    words: Counter = field(default_factory=Counter)
    org_spans: list = field(default_factory=list)  # (start, end) of the organisations named
    org_names: list = field(default_factory=list)  # ((start, end), name) of the organisations named
    context: set = field(default_factory=set)  # entities an anaphor ("This institution") refers to
    language: str = "en"  # the article's language (ISO 639-1)


Origin = Sourcing  # what compare() reports per article: its origin and what it cites


@dataclass
class Version:
    text: str  # how the value (or label) is stated
    article_ids: list[int]


@dataclass
class Difference:
    """One slot of a fact on which the sources give more than one version."""

    label: str
    hard: bool  # False: rounded vs precise, another rate for the same conversion
    versions: list[Version]
    spans: dict[int, list[tuple[int, int]]]  # article -> spans of the differing values

    def line(self, origin_of: dict, cluster: dict) -> str:
        return f"{self.label}: " + " vs ".join(
            f"{v.text} ({_sources(v.article_ids, origin_of)})" for v in self.versions
        )


@dataclass
class Group:
    id: int
    topic: str
    statements: dict  # article_id -> Statement
    status: str = "single-source"
    differences: list[str] = field(default_factory=list)
    values_by_article: dict = field(default_factory=dict)  # article_id -> "values" text
    differing: dict = field(default_factory=dict)  # article_id -> [(start, end)] spans of differing values
    soft: list[str] = field(default_factory=list)  # rounded vs precise and the like
    diffs: list = field(default_factory=list)  # Difference records, hard and soft


# ---------------------------------------------------------------------------- reading


@dataclass
class _ArticleData:
    article: object
    paragraphs: list
    mentions: list


def load(store, article_ids: list[int]) -> dict[int, _ArticleData]:
    """Each article's text, paragraphs and mentions, read once for the whole comparison."""
    return {
        aid: _ArticleData(
            store.articles.get(aid), store.articles.paragraphs(aid), store.entities.article_mentions(aid)
        )
        for aid in article_ids
    }


# ---------------------------------------------------------------------------- provenance


def origins(store, article_ids: list[int], data: dict | None = None) -> dict[int, Sourcing]:
    """Each article's origin (see provenance.py), before copies are taken into account."""
    data = data or load(store, article_ids)
    cached = store.copies.cached_origins(article_ids, PROVENANCE_VERSION)
    out, fresh = {}, []
    for aid in article_ids:
        if aid in cached:
            kind, name, a, b, rule, cited = cached[aid]
            out[aid] = Sourcing(
                aid,
                ProvOrigin(kind, name, a, b, rule),
                [ProvOrigin(*c) for c in cited],
                data[aid].article.outlet,
            )
        else:
            out[aid] = sourcing(data[aid].article, data[aid].mentions)
            o = out[aid].origin
            fresh.append(
                (aid, o.kind, o.name, o.start, o.end, o.rule, [astuple(c) for c in out[aid].cited_origins])
            )
    if fresh and not store.readonly:
        store.copies.save_origins(fresh, PROVENANCE_VERSION)
    return out


# ---------------------------------------------------------------------------- statements


def words_of(sentence: str, language: str = "en") -> Counter:
    """The words TF-IDF compares: English words; in Japanese (no spaces) also the pairs of characters of
    each run of kana and kanji, pairs of hiragana alone (particles, endings) left out."""
    words = Counter(w for w in WORD.findall(sentence.lower()) if w not in STOP)
    if is_cjk(language):
        for run in CJK_RUN.findall(sentence):
            words.update(run[i : i + 2] for i in range(len(run) - 1) if not HIRAGANA.match(run[i : i + 2]))
    return words


def _long_enough(sentence: str, language: str) -> bool:
    if is_cjk(language):
        return len("".join(sentence.split())) >= CJK_MIN_CHARS
    return len(sentence.split()) >= 5


def statements(store, article_ids: list[int], data: dict | None = None) -> list[Statement]:
    data = data or load(store, article_ids)
    out = []
    for aid in article_ids:
        text = data[aid].article.text
        language = data[aid].article.language or detect_language(text)
        heading_spans = [(a, b) for a, b, k in data[aid].paragraphs if k == "heading"]
        mentions = data[aid].mentions
        mi = 0
        for seg in store.articles.sentences(aid):
            if seg.boilerplate or any(a <= seg.start and seg.end <= b for a, b in heading_spans):
                continue
            sentence = text[seg.start : seg.end]
            if not _long_enough(sentence, language):
                continue
            st = Statement(seg.id, aid, seg.start, seg.end, sentence, language=language)
            while mi < len(mentions) and mentions[mi].end <= seg.start:
                mi += 1
            j = mi
            while j < len(mentions) and mentions[j].start < seg.end:
                m = mentions[j]
                if m.start >= seg.start:
                    if m.type in VALUE_TYPES:
                        v = json.loads(m.value) if m.value else {}
                        st.values[m.entity_id] = (m.type, v, m.entity, m.start, m.end)
                    else:
                        st.entities.add(m.entity_id)
                        if m.type == "ORG":
                            st.orgs.add((m.entity_id, m.entity))
                            st.org_spans.append((m.start, m.end))
                            st.org_names.append(((m.start, m.end), m.entity))
                j += 1
            st.words = words_of(sentence, language)
            if ANAPHOR.match(sentence) and out and out[-1].article_id == aid:
                # "This public institution is planning …": the organisations of the sentence before
                st.context = {e for e, _ in out[-1].orgs}
            out.append(st)
    return out


def _tfidf(stmts: list[Statement]) -> list[dict]:
    df = Counter()
    for s in stmts:
        df.update(set(s.words))
    n = len(stmts) or 1
    vecs = []
    for s in stmts:
        v = {w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in s.words.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def slot_features(st: Statement) -> set:
    """What each value of the statement is, independent of the language: money named by a role cue
    (("s", "money", "JPY", "support") for 補助 or "subsidy"), a date by its event and whether planned,
    a count by what it counts. Money no cue names and bare numbers say nothing and are left out."""
    out = set()
    for kind, v, _display, s, e in st.values.values():
        kind, v = slots.as_money(kind, v, st.text, s - st.start, e - st.start)
        sl = slots.slot(kind, v, st.text, s - st.start, e - st.start)
        if sl is None:
            continue
        if (sl.key[0] == "money" and sl.key[2] != "amount") or sl.key[0] in ("date", "count"):
            out.add(("s", *sl.key))
    return out


def _org_matches(a: Statement, b: Statement) -> dict:
    """b's organisations that are one of a's, by id or by a name that extends the other's ("MUFG Bank and
    Mizuho Bank", one span to the English model, names the MUFG Bank of a Japanese sentence): b's id -> a's."""
    out = {}
    for eb, nb in b.orgs:
        for ea, na in a.orgs:
            if ea == eb or _same_org(na, nb):
                out[eb] = ea
                break
    return out


def _org_features(st: Statement) -> set:
    """The organisations a statement names, kept across languages even when most statements name them:
    with no wording to compare, who acts is part of what the statement says."""
    return {("e", e) for e, _name in st.orgs}


def _other_actors(a: Statement, b: Statement) -> bool:
    """Both statements name organisations and share none of them."""
    return bool(a.orgs and b.orgs and not _org_matches(a, b))


def _cross_language_score(a: Statement, b: Statement, fa: set, fb: set) -> float | None:
    """The score of two statements in different languages, from what does not depend on wording.

    One shared feature is enough only when it is an amount of money (a date, a percentage or a count
    alone is too common); otherwise two: an entity and a value, a value and its slot (a planned start in
    fiscal 2029), the slot of money and who gives it (NEDO's grant in yen: 800億円 vs 100 billion yen).
    Two statements that both name organisations must share one of them: the same 30 billion yen given by
    another ministry, or invested by another company, is another fact. The score averages the share of
    all features that are shared and the share of the smaller statement's: a Japanese sentence often
    says one part of what an English one says. None: not the same fact.
    """
    if _other_actors(a, b):
        return None
    same = _org_matches(a, b)
    fb = {("e", same.get(f[1], f[1])) if f[0] == "e" else f for f in fb}
    shared = fa & fb
    if len(shared) < 2 and not any(f[0] == "v" and f[1][0] == "MONEY" for f in shared):
        return None
    overlap = len(shared) / min(len(fa), len(fb))
    return (len(shared) / len(fa | fb) + overlap) / 2 + (0.1 if len(shared) >= 2 else 0.0)


def score_pairs(stmts: list[Statement], method: str = "combined") -> dict[tuple[int, int], float]:
    """Similarity of statement pairs from different articles that share at least one rare feature."""
    vecs = _tfidf(stmts)
    n = len(stmts)
    feature_df = Counter()
    features = []
    for s in stmts:
        f = {("e", e) for e in s.entities | s.context}
        f |= {("v", vf) for kind, v, *_ in s.values.values() if (vf := value_feature(kind, v)) is not None}
        features.append(f)
        feature_df.update(f)
    common = {f for f, c in feature_df.items() if c > max(3, COMMON_SHARE * n)}
    # statements in more than one language: the slots of their values stand in for the wording
    mixed = method == "combined" and len({s.language for s in stmts}) > 1
    slot_of = [slot_features(s) for s in stmts] if mixed else [set() for _ in stmts]
    index = defaultdict(list)
    slot_index = defaultdict(list)
    for i in range(len(stmts)):
        for f in features[i] - common:
            index[f].append(i)
        for f in slot_of[i]:  # a slot is never specific alone: what it adds is checked in the score
            slot_index[f].append(i)
        for w, x in vecs[i].items():
            if x > 0.2:
                index[("w", w)].append(i)
    candidates = set()
    for postings in index.values():
        if len(postings) > 60:
            continue
        for a in postings:
            for b in postings:
                if a < b and stmts[a].article_id != stmts[b].article_id:
                    candidates.add((a, b))
    for postings in slot_index.values():  # a value's slot brings together only statements in two languages
        if len(postings) > 60:
            continue
        for a in postings:
            for b in postings:
                if (
                    a < b
                    and stmts[a].language != stmts[b].language
                    and stmts[a].article_id != stmts[b].article_id
                ):
                    candidates.add((a, b))
    scores = {}
    for a, b in candidates:
        if mixed and stmts[a].language != stmts[b].language:
            score = _cross_language_score(
                stmts[a],
                stmts[b],
                (features[a] - common) | slot_of[a] | _org_features(stmts[a]),
                (features[b] - common) | slot_of[b] | _org_features(stmts[b]),
            )
            if score is not None:
                scores[(a, b)] = score
            continue
        words = _cos(vecs[a], vecs[b])
        fa, fb = features[a] - common, features[b] - common
        shared = len(fa & fb)
        union = len(fa | fb) or 1
        ents = shared / union
        if method == "combined" and not shared and words < WORDS_ALONE:
            continue  # wording alone does not make two statements report the same fact
        if method == "tfidf":
            score = words
        elif method == "entities":
            score = ents
        else:
            score = 0.55 * words + 0.45 * ents + (0.1 if shared >= 2 else 0.0)
        scores[(a, b)] = score
    return scores


def align(stmts: list[Statement], threshold: float = 0.25, method: str = "combined") -> list[list[int]]:
    """Groups of statement indices, at most one statement per article each, best pairs first.

    Two groups do not merge when a statement of one and a statement of the other are in different
    languages and name organisations of which they share none: within a language, wording can show that
    two sources name different organisations for one fact; across languages nothing can.
    """
    scores = score_pairs(stmts, method)
    parent = list(range(len(stmts)))
    members = {i: {stmts[i].article_id} for i in range(len(stmts))}
    held = {i: [i] for i in range(len(stmts))}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def clash(ra, rb) -> bool:
        return any(
            stmts[x].language != stmts[y].language and _other_actors(stmts[x], stmts[y])
            for x in held[ra]
            for y in held[rb]
        )

    for (a, b), s in sorted(scores.items(), key=lambda kv: -kv[1]):
        if s < threshold:
            break
        ra, rb = find(a), find(b)
        if ra == rb or members[ra] & members[rb] or clash(ra, rb):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        held[ra] += held.pop(rb)
    groups = defaultdict(list)
    for i in range(len(stmts)):
        groups[find(i)].append(i)
    return list(groups.values())


# ---------------------------------------------------------------------------- comparison


def _value_text(kind: str, v: dict, display: str) -> str:
    bits = [v.get("display", display)]
    if v.get("bound") == "upper":
        bits.insert(0, "up to")
    elif v.get("bound") == "lower":
        bits.insert(0, "more than")
    if v.get("approx"):
        bits.insert(0, "~")
    return " ".join(bits)


def _compare(group: Group, origin_of: dict, cluster: dict | None = None) -> None:
    """Fill the group's differences: values of the same slot, the organisation named, qualifiers."""
    sts = group.statements
    cluster = cluster or {a: a for a in sts}
    # slot -> article -> [(kind, value, text, start, end, year)]
    by_slot: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    labels: dict[tuple, str] = {}
    for aid, st in sts.items():
        for _eid, (kind, v, display, s, e) in st.values.items():
            kind, v = slots.as_money(kind, v, st.text, s - st.start, e - st.start)
            sl = slots.slot(kind, v, st.text, s - st.start, e - st.start)
            if sl is None:
                continue
            if kind in ("CARDINAL", "QUANTITY") and "number" in v:
                text = _value_text(
                    kind, {**v, "display": f"{v['number']:g} {v.get('unit', '')}".strip()}, display
                )
            else:
                text = _value_text(kind, v, display)
            by_slot[sl.key][aid].append((kind, v, text, s, e, sl.year))
            labels[sl.key] = sl.label
    # money whose role no cue names joins the one role the other statements give the same currency
    for key in [k for k in by_slot if k[0] == "money" and k[2] == "amount"]:
        others = [k for k in by_slot if k[0] == "money" and k[1] == key[1] and k[2] != "amount"]
        if len(others) == 1:
            for aid, vals in by_slot.pop(key).items():
                by_slot[others[0]][aid] += vals
    diffs: list[Difference] = []
    for key, per_article in by_slot.items():
        years = {x[5] for vals in per_article.values() for x in vals if x[5]}
        parts = [per_article]
        if len(years) > 1:  # a figure for 2024 and one for 2025 are two slots
            parts = [
                {
                    a: [x for x in vals if x[5] == y]
                    for a, vals in per_article.items()
                    if any(x[5] == y for x in vals)
                }
                for y in sorted(years)
            ]
        for part in parts:
            d = _slot_difference(labels[key], part)
            if d is not None:
                diffs.append(d)
    # the organisation named in the same slot: once the organisations every statement names are set
    # aside, each names exactly one other and they differ ("run by the agency" vs "run by the ministry"). News
    # organisations that carry the report are its sources, not actors of the fact; a dateline's city
    # tagged as an organisation is left out.
    lex = provenance_lexicon()
    orgs: dict[int, dict[str, tuple[int, int]]] = {}
    for aid, st in sts.items():
        named = {}
        for (m_start, m_end), name in st.org_names:
            at_start = m_start - st.start < 3
            if lex.kind_of(name) in ("wire", "outlet") or (
                at_start and _DATELINE_CITY.match(st.text, m_end - st.start)
            ):
                continue
            named.setdefault(name, (m_start, m_end))
        orgs[aid] = named
    with_orgs = {a: o for a, o in orgs.items() if o}
    if len(with_orgs) >= 2:
        sets = list(with_orgs.values())
        common = {n for n in sets[0] if all(any(_same_org(n, m) for m in other) for other in sets[1:])}
        rest = {a: [n for n in o if not any(_same_org(n, c) for c in common)] for a, o in with_orgs.items()}
        rest = {a: r for a, r in rest.items() if r}
        if len(rest) >= 2 and all(len(r) == 1 for r in rest.values()):
            versions: dict[str, list[int]] = {}
            for aid, (name,) in rest.items():
                key = next((k for k in versions if _same_org(k, name)), name)
                versions.setdefault(key, []).append(aid)

            # the substitution is about one fact when statements naming different ones share a value
            def figures(aid):
                st = sts[aid]
                return {f for k, v, *_ in st.values.values() if k != "DATE" and (f := value_feature(k, v))}

            vs = list(versions.values())

            def close(a, b):  # a shared figure and much of the same wording: one fact, told twice
                wa, wb = set(sts[a].words), set(sts[b].words)
                return bool(figures(a) & figures(b)) and len(wa & wb) >= ORG_SLOT_WORDS * min(
                    len(wa), len(wb)
                )

            shared = any(close(a, b) for i, x in enumerate(vs) for y in vs[i + 1 :] for a in x for b in y)
            if len(versions) > 1 and shared:
                spans = {aid: [with_orgs[aid][r[0]]] for aid, r in rest.items()}
                diffs.append(
                    Difference(
                        "organisation named", True, [Version(t, a) for t, a in versions.items()], spans
                    )
                )
    # qualifiers: modality, status, timing, tenure
    found = {aid: slots.qualifier_hits(st.text) for aid, st in sts.items()}
    for family in ("modality", "status", "timing", "tenure"):
        versions = defaultdict(list)
        spans = {}
        for aid, q in found.items():
            if family in q:
                label, a, b = q[family]
                versions[label].append(aid)
                spans[aid] = [(sts[aid].start + a, sts[aid].start + b)]
        if len(versions) > 1:
            diffs.append(Difference(family, True, [Version(t, a) for t, a in versions.items()], spans))
    group.diffs = diffs
    group.differences = [d.line(origin_of, cluster) for d in diffs if d.hard]
    group.soft = [d.line(origin_of, cluster) for d in diffs if not d.hard]
    differing: dict[int, list] = defaultdict(list)
    for d in diffs:
        for aid, spans in d.spans.items():
            differing[aid] += spans
    group.differing = dict(differing)
    group.values_by_article = {
        aid: "; ".join(sorted({_value_text(k, v, d) for _, (k, v, d, _s, _e) in st.values.items()}))
        for aid, st in sts.items()
    }


#: an organisation at a sentence's start followed by "(" is a dateline's city ("OSLO (Reuters) -")
_DATELINE_CITY = re.compile(r"\s*(?:,[^()\n]{0,25})?\(")


def _same_org(a: str, b: str) -> bool:
    """'Norvind' and 'Norvind Fuel' name one organisation."""
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _slot_difference(label: str, per_article: dict[int, list]) -> Difference | None:
    """The versions of one slot across articles; None when they all say the same."""
    if len(per_article) < 2:
        return None
    # an article giving several values for the slot is read as the one another source also gives
    chosen = {}
    for aid, vals in per_article.items():
        others = [y for b, ws in per_article.items() if b != aid for y in ws]
        agreeing = [x for x in vals if any(slots.relation(x[0], x[1], y[1]) == "same" for y in others)]
        chosen[aid] = (agreeing or sorted(vals, key=lambda x: x[3]))[:1]
    per_article = chosen
    versions: list[tuple[tuple, list[int]]] = []  # (kind, value, text) of the first article, articles
    for aid, vals in per_article.items():
        kind, v, text = vals[0][:3]
        for rep, arts in versions:
            if slots.relation(kind, rep[1], v) == "same":
                arts.append(aid)
                break
        else:
            versions.append(((kind, v, text), [aid]))
    if len(versions) < 2:
        return None
    hard = any(
        slots.relation(a[0][0], a[0][1], b[0][1]) == "differ"
        for i, a in enumerate(versions)
        for b in versions[i + 1 :]
    )
    spans = {aid: [(x[3], x[4]) for x in vals] for aid, vals in per_article.items()}
    return Difference(label, hard, [Version(rep[2], arts) for rep, arts in versions], spans)


def _sources(article_ids, origin_of: dict) -> str:
    """'Reuters ×2, AFP': who says it, each origin once with its number of articles."""
    counts = Counter(origin_of[a] for a in article_ids)
    return ", ".join(f"{o} ×{n}" if n > 1 else o for o, n in counts.items())


def _topic(group_sts: list[Statement], names: dict, df: Counter) -> str:
    ents = Counter()
    for st in group_sts:
        for e in st.entities:
            ents[e] += 1
        for e, (kind, _v, _display, *_rest) in st.values.items():
            if kind in ("MONEY", "PERCENT"):
                ents[e] += 1
    ranked = sorted(ents, key=lambda e: (-ents[e], df.get(e, 0)))
    label = [names[e] for e in ranked if e in names][:3]
    if not label:
        words = Counter()
        for st in group_sts:
            words.update(st.words)
        label = [w for w, _ in words.most_common(3)]
    return " · ".join(label)


@dataclass
class Comparison:
    article_ids: list[int]
    origins: dict[int, Origin]
    groups: list[Group]
    copies: list = field(default_factory=list)  # CopyLink among the compared articles
    cluster: dict[int, int] = field(default_factory=dict)  # article -> its independent cluster (lowest id)
    findings: list = field(default_factory=list)

    def independent_origins(self, group: Group) -> int:
        return len({self.cluster.get(a, a) for a in group.statements})

    @property
    def independent_count(self) -> int:
        return len(set(self.cluster.values()))

    def copy_line(self, article_id: int) -> str:
        """'repeats #3 (82% of its sentences)' for an article that copies another, else ''."""
        return "; ".join(
            f"repeats #{x.source} ({x.share:.0%} of its sentences)"
            for x in self.copies
            if x.copier == article_id
        )


def compare(store, article_ids: list[int] | None = None) -> Comparison:
    ids = list(article_ids) if article_ids is not None else store.articles.ids()
    data = load(store, ids)
    origin = origins(store, ids, data)
    wanted = set(ids)
    links = [x for x in copies.ensure(store) if x.copier in wanted and x.source in wanted]
    propagate(origin, [(x.copier, x.source) for x in links])
    cluster = {
        a: min(c) for c in independent_clusters(origin, [(x.copier, x.source) for x in links]) for a in c
    }
    stmts = statements(store, ids, data)
    names, df = {}, Counter()
    for aid in ids:
        for m in data[aid].mentions:
            names[m.entity_id] = m.entity
    for st in stmts:
        df.update(st.entities)
    groups = []
    origin_label = {a: origin[a].label for a in ids}
    for n, members in enumerate(
        sorted(align(stmts), key=lambda g: (-len(g), stmts[g[0]].article_id, stmts[g[0]].start)), 1
    ):
        sts = {stmts[i].article_id: stmts[i] for i in members}
        g = Group(n, _topic(list(sts.values()), names, df), sts)
        _compare(g, origin_label, cluster)
        n_origins = len({cluster[a] for a in sts})
        g.status = "single-source" if n_origins < 2 else ("differ" if g.differences else "agree")
        groups.append(g)
    groups += _figure_groups(stmts, origin, cluster, len(groups))
    groups += _slot_groups(stmts, origin, cluster, data, len(groups) + 1)
    event = _event_date_group(stmts, origin, cluster, data, len(groups) + 1)
    if event is not None:
        groups.append(event)
    comp = Comparison(ids, origin, groups, links, cluster)
    comp.findings = findings_of(comp)
    return comp


def _core_entities(stmts, data) -> set:
    """Entities that most of the articles name: what the story is about."""
    arts = {st.article_id for st in stmts}
    df = Counter()
    for aid in arts:
        df.update({m.entity_id for m in data[aid].mentions if m.type in ("ORG", "PERSON", "PRODUCT", "GPE")})
    return {e for e, c in df.items() if c >= max(2, len(arts) / 2)}


def _slot_groups(stmts, origin, cluster, data, number: int) -> list[Group]:
    """The amount each source gives for one thing, across alignment groups: money named by the same
    word ("invest", "grant", "revenue"), in one currency and year, in sentences about the story's core.
    The start or completion date of a sentence that names no organisation at all ("Mass production is
    to begin in fiscal 2028", 新会社は2028年度に量産を始める) is the story's too when its article names one
    of the organisations the story is about.
    """
    core = _core_entities(stmts, data)
    core_orgs = {
        m.entity_id for a in data for m in data[a].mentions if m.type == "ORG" and m.entity_id in core
    }
    on_story = {a for a in data if any(m.entity_id in core_orgs for m in data[a].mentions)}
    per_key: dict[tuple, dict[int, list]] = defaultdict(dict)
    where: dict[tuple, dict[int, Statement]] = defaultdict(dict)
    for st in stmts:
        about_core = bool(st.entities & core)
        if not about_core and (st.orgs or st.article_id not in on_story):
            continue
        for _eid, (kind, v, display, s, e) in sorted(st.values.items(), key=lambda kv: kv[1][3]):
            kind, v = slots.as_money(kind, v, st.text, s - st.start, e - st.start)
            sl = slots.slot(kind, v, st.text, s - st.start, e - st.start)
            if sl is None:
                continue
            if kind == "DATE" and sl.key[0] == "date" and sl.key[1] in ("start", "completion"):
                key = ("date", sl.key[1], sl.key[2], sl.label)  # when deliveries start, when a deal closes
            elif (
                not about_core
                or kind != "MONEY"
                or sl.key[0] != "money"
                or v.get("currency") in (None, "?")
                or sl.key[2] == "amount"
            ):
                continue  # no word says what the amount is
            else:
                key = (v["currency"], sl.key[2], sl.year)
            per_key[key].setdefault(st.article_id, []).append(
                (kind, v, _value_text(kind, v, display), s, e, None)
            )
            where[key].setdefault(st.article_id, st)
    out = []
    labels = {a: o.label for a, o in origin.items()}
    for key, candidates in per_key.items():
        if len({cluster[a] for a in candidates}) < 2:
            continue
        per_article = candidates
        where_key = {aid: where[key][aid] for aid in per_article}
        if key[0] == "date":
            label = key[3]
        else:
            label = f"{key[1].capitalize()} ({key[0]}{', ' + key[2] if key[2] else ''})"
        d = _slot_difference(label, per_article)
        if d is None:
            continue
        g = Group(number + len(out), f"{label} — across sources", where_key)
        g.diffs = [d]
        g.differences = [d.line(labels, cluster)] if d.hard else []
        g.soft = [] if d.hard else [d.line(labels, cluster)]
        g.differing = dict(d.spans)
        g.values_by_article = {a: vals[0][2] for a, vals in per_article.items()}
        g.status = "differ" if d.hard else "agree"
        out.append(g)
    return out


def _event_date_group(stmts, origin, cluster, data, number: int) -> Group | None:
    """The date each source gives for the story's event (founded, announced, reported), side by side.

    Per article, the first event date in a sentence that names the story's core entities (those most
    articles name) or the article's origin; plans' dates and periods are other slots and left out.
    """
    n = len({st.article_id for st in stmts})
    if n < 2:
        return None
    df = Counter()
    for aid in {st.article_id for st in stmts}:
        df.update({m.entity_id for m in data[aid].mentions if m.type in ("ORG", "PERSON", "PRODUCT", "GPE")})
    core = {e for e, c in df.items() if c >= max(2, n / 2)}
    chosen: dict[int, Statement] = {}
    for st in stmts:
        if st.article_id in chosen:
            continue
        o = origin[st.article_id].origin
        names_origin = st.start <= o.start < st.end
        if not (st.entities & core) and not names_origin:
            continue
        for eid, (kind, v, display, s, e) in sorted(st.values.items(), key=lambda kv: kv[1][3]):
            sl = slots.slot(kind, v, st.text, s - st.start, e - st.start) if kind == "DATE" else None
            if sl is not None and sl.key[1] == "founding":
                chosen[st.article_id] = Statement(
                    st.id,
                    st.article_id,
                    st.start,
                    st.end,
                    st.text,
                    set(),
                    {eid: (kind, v, display, s, e)},
                    set(),
                    st.words,
                )
                break
    if len({cluster[a] for a in chosen}) < 2:
        return None
    g = Group(number, "Date of the event — across sources", chosen)
    # one slot whatever the wording: founded, announced, reported; planned or done
    per_article = {
        aid: [
            (kind, v, _value_text(kind, v, display), s, e, None)
            for kind, v, display, s, e in st.values.values()
        ]
        for aid, st in chosen.items()
    }
    d = _slot_difference("Date of the event", per_article)
    labels = {a: o.label for a, o in origin.items()}
    g.diffs = [d] if d is not None else []
    g.differences = [x.line(labels, cluster) for x in g.diffs if x.hard]
    g.soft = [x.line(labels, cluster) for x in g.diffs if not x.hard]
    g.differing = {aid: spans for x in g.diffs for aid, spans in x.spans.items()}
    g.values_by_article = {aid: vals[0][2] for aid, vals in per_article.items()}
    g.status = "differ" if g.differences else "agree"
    return g


def _figure_groups(stmts: list[Statement], origin: dict, cluster: dict, numbered: int) -> list[Group]:
    """One row per money figure that several origins state: how each states and converts it.

    Statements about the same amount can fall into different alignment groups (one says who runs the
    programme, another how much it is); this row puts every source's version of the figure side by side.
    """
    by_base: dict[tuple, dict[int, Statement]] = defaultdict(dict)
    for st in stmts:
        for kind, v, _display, _s, _e in st.values.values():
            if kind != "MONEY" or "amount" not in v:
                continue
            base = value_feature(kind, v)
            current = by_base[base].get(st.article_id)
            # prefer, per article, a statement that also converts the figure
            if current is None or (
                any("converted_from" in x[1] for x in st.values.values())
                and not any("converted_from" in x[1] for x in current.values.values())
            ):
                by_base[base][st.article_id] = st
    out = []
    label_of = {a: o.label for a, o in origin.items()}
    for base, per_article in by_base.items():
        per_article = _without_other_actors(per_article)
        if len({cluster[a] for a in per_article}) < 2:
            continue
        numbered += 1
        g = Group(
            numbered, f"{human_amount(base[2])} {base[1]} — the figure across sources", dict(per_article)
        )
        # compare only this figure and its conversions
        for aid, st in g.statements.items():
            st_values = {
                eid: x
                for eid, x in st.values.items()
                if x[0] == "MONEY" and value_feature("MONEY", x[1]) == base
            }
            g.statements[aid] = Statement(
                st.id, st.article_id, st.start, st.end, st.text, set(), st_values, set(), st.words
            )
        _compare(g, label_of, cluster)
        # only the figure is compared here: names and qualifiers belong to the aligned statements
        g.diffs = [
            d
            for d in g.diffs
            if d.label not in ("organisation named", "modality", "status", "timing", "tenure")
        ]
        g.differences = [d.line(label_of, cluster) for d in g.diffs if d.hard]
        g.soft = [d.line(label_of, cluster) for d in g.diffs if not d.hard]
        g.differing = {}  # the marks of the figure's differences only, not of the qualifiers left out
        for d in g.diffs:
            for aid, spans in d.spans.items():
                g.differing.setdefault(aid, []).extend(spans)
        g.status = "differ" if g.differences else "agree"
        out.append(g)
    return out


def _without_other_actors(per_article: dict[int, Statement]) -> dict[int, Statement]:
    """The statements of one figure less those about other actors across languages.

    The figure's actors are the organisations that two or more of its statements name. A statement that
    names organisations, none of them an actor and none named by a statement of another language, is
    another fact (the same 30 billion yen invested by another company). Within one language the wording
    of the aligned statements tells, and nothing is taken out.
    """
    named = Counter(e for st in per_article.values() for e in _organisations(st))
    actors = {e for e, c in named.items() if c >= 2}
    keep = dict(per_article)
    for aid, st in per_article.items():
        others = [o for o in per_article.values() if o.language != st.language and o.orgs]
        if (
            actors
            and st.orgs
            and not (_organisations(st) & actors)
            and others
            and all(_other_actors(st, o) for o in others)
        ):
            del keep[aid]
    return keep


def _organisations(st: Statement) -> set:
    return {e for e, _name in st.orgs}


def export_rows(store):
    comp = compare(store)
    lines = defaultdict(list)
    for f in comp.findings:
        lines[f.group_id].append(f.line)
    for g in comp.groups:
        for aid, st in sorted(g.statements.items()):
            yield {
                "group_id": g.id,
                "topic": g.topic,
                "status": g.status,
                "article_id": aid,
                "origin": comp.origins[aid].label,
                "independent_origins": comp.independent_origins(g),
                "values": g.values_by_article.get(aid, ""),
                "differences": " | ".join(g.differences),
                "findings": " | ".join(lines.get(g.id, [])),
                "copies": comp.copy_line(aid),
                "sentence": " ".join(st.text.split()),
                "start": st.start,
                "end": st.end,
            }
