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

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import astuple, dataclass, field, replace
from typing import Any, NamedTuple

from . import copies, slots
from .findings import Finding
from .findings import findings as findings_of
from .findings import line as finding_line
from .language import detect as detect_language
from .language import is_cjk
from .models import (
    Article,
    Count,
    Difference,
    DifferenceKind,
    MentionInfo,
    Money,
    Percent,
    Value,
    Version,
)
from .provenance import VERSION as PROVENANCE_VERSION
from .provenance import Origin as ProvOrigin
from .provenance import Sourcing, independent_clusters, propagate, sourcing
from .provenance import lexicon as provenance_lexicon
from .text import CJK_RE
from .values import human_amount, number_text

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


def value_feature(kind: str, v: Value | None) -> tuple | None:
    """What a value says, independent of wording: a conversion counts as its base amount."""
    if kind == "MONEY" and isinstance(v, Money):
        if v.converted_from is not None:
            return ("MONEY", v.converted_from.currency, v.converted_from.amount)
        return ("MONEY", v.currency, v.amount)
    if kind == "PERCENT" and isinstance(v, Percent):
        return ("PERCENT", v.percent)
    if kind in ("CARDINAL", "QUANTITY") and isinstance(v, Count):
        return ("COUNT", v.number)
    if kind == "DATE":
        return ("DATE", slots.date_text(v) or None)
    return None


def _converted(v: Value | None) -> bool:
    return isinstance(v, Money) and v.converted_from is not None


class StatedValue(NamedTuple):
    """A value mention of a statement."""

    kind: str  # the mention's type: MONEY, DATE, PERCENT, CARDINAL, QUANTITY
    value: Value | None  # None: a date the extraction could not read
    display: str  # the entity's name: what a value is called when it has no reading
    start: int
    end: int


class _Reading(NamedTuple):
    """A value as one slot of a group compares it."""

    kind: str
    value: Value | None
    text: str  # as shown: "~1.2 billion EUR"
    start: int
    end: int
    year: str | None


@dataclass
class Statement:
    id: int  # sentence id
    article_id: int
    start: int
    end: int
    text: str
    entities: set = field(default_factory=set)  # entity ids (names)
    values: dict[int, StatedValue] = field(default_factory=dict)  # entity id -> its value mention
    orgs: set = field(default_factory=set)
    words: Counter = field(default_factory=Counter)
    org_spans: list = field(default_factory=list)  # (start, end) of the organisations named
    org_names: list = field(default_factory=list)  # ((start, end), name) of the organisations named
    context: set = field(default_factory=set)  # entities an anaphor ("This institution") refers to
    language: str = "en"  # the article's language (ISO 639-1)


Origin = Sourcing  # what compare() reports per article: its origin and what it cites


@dataclass
class Group:
    id: int
    topic: str
    statements: dict[int, Statement]  # article_id -> Statement
    status: str = "single-source"
    differences: list[Difference] = field(default_factory=list)  # hard and soft
    values_by_article: dict[int, str] = field(default_factory=dict)  # article_id -> "values" text
    # article_id -> [(start, end)] spans of differing values
    differing: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def hard(self) -> list[Difference]:
        """The differences that are disagreements."""
        return [d for d in self.differences if d.hard]

    @property
    def soft(self) -> list[Difference]:
        """Rounded vs precise, another rate for the same conversion, and the like."""
        return [d for d in self.differences if not d.hard]


# ---------------------------------------------------------------------------- reading


@dataclass
class _ArticleData:
    article: Article
    paragraphs: list
    mentions: list[MentionInfo]


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
    out: list[Statement] = []
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
                        st.values[m.entity_id] = StatedValue(m.type, m.value, m.entity, m.start, m.end)
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
    df: Counter[str] = Counter()
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
    """b's organisations that are one of a's, by id or by a name that extends the other's ("Alpha Bank and
    Beta Bank", one span to the English model, names the Alpha Bank of a Japanese sentence): b's id -> a's."""
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


def _scripts(orgs) -> set[bool]:
    """Whether the statement's organisations are named in Japanese script (True), Latin (False), or both."""
    return {bool(CJK_RE.search(name)) for _eid, name in orgs}


def _other_actors(a: Statement, b: Statement) -> bool:
    """Both statements name organisations and share none of them, where that can be told: a company the
    gazetteer does not know is one entity per script (名村造船所 and Namura Shipbuilding), so statements whose
    organisations are all named in the other script say nothing about whether the actors differ."""
    if not (a.orgs and b.orgs) or _org_matches(a, b):
        return False
    return a.language == b.language or bool(_scripts(a.orgs) & _scripts(b.orgs))


def _cross_language_score(a: Statement, b: Statement, fa: set, fb: set) -> float | None:
    """The score of two statements in different languages, from what does not depend on wording.

    One shared feature is enough only when it is an amount of money (a date, a percentage or a count
    alone is too common); otherwise two: an entity and a value, a value and its slot (a planned start in
    fiscal 2029), the slot of money and who gives it (an agency's grant in yen: 800億円 vs 100 billion yen).
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


def score_pairs(
    stmts: list[Statement], method: str = "combined", threshold: float | None = None
) -> dict[tuple[int, int], float]:
    """Similarity of statement pairs from different articles that share at least one rare feature
    (only the pairs scoring at least ``threshold``, when given: a large project has millions of pairs)."""
    vecs = _tfidf(stmts)
    n = len(stmts)
    feature_df: Counter[tuple] = Counter()
    features: list[set[tuple]] = []
    for s in stmts:
        fs: set[tuple] = {("e", e) for e in s.entities | s.context}
        fs |= {("v", vf) for kind, v, *_ in s.values.values() if (vf := value_feature(kind, v)) is not None}
        features.append(fs)
        feature_df.update(fs)
    common = {f for f, c in feature_df.items() if c > max(3, COMMON_SHARE * n)}
    # statements in more than one language: the slots of their values stand in for the wording
    mixed = method == "combined" and len({s.language for s in stmts}) > 1
    slot_of = [slot_features(s) for s in stmts] if mixed else [set() for _ in stmts]
    index: dict[tuple, list[int]] = defaultdict(list)
    slot_index: dict[tuple, list[int]] = defaultdict(list)
    for i in range(len(stmts)):
        for f in features[i] - common:
            index[f].append(i)
        for f in slot_of[i]:  # a slot is never specific alone: what it adds is checked in the score
            slot_index[f].append(i)
        for w, x in vecs[i].items():
            if x > 0.2:
                index[("w", w)].append(i)
    # a pair is one int (a * n + b): a set of millions of tuples would cost gigabytes
    candidates: set[int] = set()
    for postings in index.values():
        if len(postings) > 60:
            continue
        for a in postings:
            for b in postings:
                if a < b and stmts[a].article_id != stmts[b].article_id:
                    candidates.add(a * n + b)
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
                    candidates.add(a * n + b)
    scores = {}
    floor = -1.0 if threshold is None else threshold
    for key in candidates:
        a, b = divmod(key, n)
        if mixed and stmts[a].language != stmts[b].language:
            score = _cross_language_score(
                stmts[a],
                stmts[b],
                (features[a] - common) | slot_of[a] | _org_features(stmts[a]),
                (features[b] - common) | slot_of[b] | _org_features(stmts[b]),
            )
            if score is not None and score >= floor:
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
        if score >= floor:
            scores[(a, b)] = score
    return scores


def align(stmts: list[Statement], threshold: float = 0.25, method: str = "combined") -> list[list[int]]:
    """Groups of statement indices, at most one statement per article each, best pairs first.

    Two groups do not merge when a statement of one and a statement of the other are in different
    languages and name organisations of which they share none: within a language, wording can show that
    two sources name different organisations for one fact; across languages nothing can.
    """
    scores = score_pairs(stmts, method, threshold)
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

    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):  # ties: the earlier pair
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


def _value_text(v: Value | None, display: str) -> str:
    """A value as the comparison shows it: "~1.2 billion EUR", "up to 30 billion JPY"; a value with no
    reading by its mention's name."""
    if v is None:
        return display
    bits = [v.display or display]
    if v.bound == "upper":
        bits.insert(0, "up to")
    elif v.bound == "lower":
        bits.insert(0, "more than")
    if v.approx:
        bits.insert(0, "~")
    return " ".join(bits)


def _compare(group: Group) -> None:
    """Fill the group's differences: values of the same slot, the organisation named, qualifiers."""
    sts = group.statements
    by_slot: dict[tuple, dict[int, list[_Reading]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[tuple, slots.Slot] = {}
    for aid, st in sts.items():
        for kind, v, display, s, e in st.values.values():
            kind, v = slots.as_money(kind, v, st.text, s - st.start, e - st.start)
            sl = slots.slot(kind, v, st.text, s - st.start, e - st.start)
            if sl is None:
                continue
            if kind in ("CARDINAL", "QUANTITY") and isinstance(v, Count):
                text = _value_text(
                    replace(v, display=f"{number_text(v.number)} {v.unit or ''}".strip()), display
                )
            else:
                text = _value_text(v, display)
            by_slot[sl.key][aid].append(_Reading(kind, v, text, s, e, sl.year))
            labels[sl.key] = sl
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
            sl = labels[key]
            d = _slot_difference(DifferenceKind(key[0]), sl.label, part, sl.detail)
            if d is not None:
                diffs.append(d)
    # the organisation named in the same slot: once the organisations every statement names are set
    # aside, each names exactly one other and they differ ("run by the agency" vs "run by the ministry"). News
    # organisations that carry the report are its sources, not actors of the fact; a dateline's city
    # tagged as an organisation is left out.
    lex = provenance_lexicon()
    orgs: dict[int, dict[str, tuple[int, int]]] = {}
    for aid, st in sts.items():
        named: dict[str, tuple[int, int]] = {}
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
                known = next((k for k in versions if _same_org(k, name)), name)
                versions.setdefault(known, []).append(aid)

            # the substitution is about one fact when statements naming different ones share a value
            def figures(aid: int) -> set[tuple]:
                st = sts[aid]
                return {f for k, v, *_ in st.values.values() if k != "DATE" and (f := value_feature(k, v))}

            vs = list(versions.values())

            # a shared figure and much of the same wording: one fact, told twice
            def close(a: int, b: int) -> bool:
                wa, wb = set(sts[a].words), set(sts[b].words)
                return bool(figures(a) & figures(b)) and len(wa & wb) >= ORG_SLOT_WORDS * min(
                    len(wa), len(wb)
                )

            shared = any(close(a, b) for i, x in enumerate(vs) for y in vs[i + 1 :] for a in x for b in y)
            if len(versions) > 1 and shared:
                org_spans = {aid: [with_orgs[aid][r[0]]] for aid, r in rest.items()}
                diffs.append(
                    Difference(
                        DifferenceKind.ORGANISATION,
                        DifferenceKind.ORGANISATION.value,
                        True,
                        [Version(t, a) for t, a in versions.items()],
                        org_spans,
                    )
                )
    # qualifiers: modality, status, timing, tenure
    found = {aid: slots.qualifier_hits(st.text) for aid, st in sts.items()}
    for family in QUALIFIER_FAMILIES:
        stated: dict[str, list[int]] = defaultdict(list)
        spans: dict[int, list[tuple[int, int]]] = {}
        for aid, q in found.items():
            if family in q:
                label, a, b = q[family]
                stated[label].append(aid)
                spans[aid] = [(sts[aid].start + a, sts[aid].start + b)]
        if len(stated) > 1:
            diffs.append(
                Difference(family, family.value, True, [Version(t, a) for t, a in stated.items()], spans)
            )
    group.differences = diffs
    differing: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d in diffs:
        for aid, at in d.spans.items():
            differing[aid] += at
    group.differing = dict(differing)
    group.values_by_article = {
        aid: "; ".join(sorted({_value_text(x.value, x.display) for x in st.values.values()}))
        for aid, st in sts.items()
    }


#: the qualifier families (resources/qualifiers.json) the comparison reads, each a kind of difference
QUALIFIER_FAMILIES = (
    DifferenceKind.MODALITY,
    DifferenceKind.STATUS,
    DifferenceKind.TIMING,
    DifferenceKind.TENURE,
)
#: an organisation at a sentence's start followed by "(" is a dateline's city ("OSLO (Reuters) -")
_DATELINE_CITY = re.compile(r"\s*(?:,[^()\n]{0,25})?\(")


def _same_org(a: str, b: str) -> bool:
    """'Norvind' and 'Norvind Fuel' name one organisation."""
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _slot_difference(
    kind: DifferenceKind, label: str, per_article: dict[int, list[_Reading]], detail: str = ""
) -> Difference | None:
    """The versions of one slot across articles; None when they all say the same."""
    if len(per_article) < 2:
        return None
    # an article giving several values for the slot is read as the one another source also gives
    chosen = {}
    for aid, vals in per_article.items():
        others = [y for b, ws in per_article.items() if b != aid for y in ws]
        agreeing = [
            x for x in vals if any(slots.relation(x.kind, x.value, y.value) == "same" for y in others)
        ]
        chosen[aid] = (agreeing or sorted(vals, key=lambda x: x.start))[:1]
    per_article = chosen
    versions: list[tuple[_Reading, list[int]]] = []  # the first article's reading, the articles
    for aid, vals in per_article.items():
        x = vals[0]
        for first, arts in versions:
            if slots.relation(x.kind, first.value, x.value) == "same":
                arts.append(aid)
                break
        else:
            versions.append((x, [aid]))
    if len(versions) < 2:
        return None
    hard = any(
        slots.relation(a[0].kind, a[0].value, b[0].value) == "differ"
        for i, a in enumerate(versions)
        for b in versions[i + 1 :]
    )
    spans = {aid: [(x.start, x.end) for x in vals] for aid, vals in per_article.items()}
    return Difference(kind, label, hard, [Version(x.text, arts) for x, arts in versions], spans, detail)


def _sources(article_ids: list[int], origin_of: dict[int, str]) -> str:
    """'Reuters ×2, AFP': who says it, each origin once with its number of articles."""
    counts = Counter(origin_of[a] for a in article_ids)
    return ", ".join(f"{o} ×{n}" if n > 1 else o for o, n in counts.items())


def _topic(group_sts: list[Statement], names: dict, df: Counter) -> str:
    ents: Counter[int] = Counter()
    for st in group_sts:
        for e in st.entities:
            ents[e] += 1
        for e, (kind, _v, _display, *_rest) in st.values.items():
            if kind in ("MONEY", "PERCENT"):
                ents[e] += 1
    ranked = sorted(ents, key=lambda e: (-ents[e], df.get(e, 0)))
    label = [names[e] for e in ranked if e in names][:3]
    if not label:
        words: Counter[str] = Counter()
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
    findings: list[Finding] = field(default_factory=list)

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

    def difference_line(self, d: Difference) -> str:
        """'Investment: 120 billion JPY (Reuters) vs 150 billion JPY (日経 ×2)': each version with its origins."""
        origin_of = {a: o.label for a, o in self.origins.items()}
        return f"{d.title}: " + " vs ".join(
            f"{v.text} ({_sources(v.article_ids, origin_of)})" for v in d.versions
        )

    def finding_line(self, f: Finding) -> str:
        """The finding as one plain line (core/findings.py words it)."""
        return finding_line(f, self)


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
    names: dict[int, str] = {}
    df: Counter[int] = Counter()
    for aid in ids:
        for m in data[aid].mentions:
            names[m.entity_id] = m.entity
    for st in stmts:
        df.update(st.entities)
    groups = []
    for n, members in enumerate(
        sorted(align(stmts), key=lambda g: (-len(g), stmts[g[0]].article_id, stmts[g[0]].start)), 1
    ):
        sts = {stmts[i].article_id: stmts[i] for i in members}
        g = Group(n, _topic(list(sts.values()), names, df), sts)
        _compare(g)
        n_origins = len({cluster[a] for a in sts})
        g.status = "single-source" if n_origins < 2 else ("differ" if g.hard else "agree")
        groups.append(g)
    groups += _figure_groups(stmts, cluster, len(groups))
    groups += _slot_groups(stmts, cluster, data, len(groups) + 1)
    event = _event_date_group(stmts, origin, cluster, data, len(groups) + 1)
    if event is not None:
        groups.append(event)
    comp = Comparison(ids, origin, groups, links, cluster)
    comp.findings = findings_of(comp)
    return comp


def _core_entities(stmts, data) -> set:
    """Entities that most of the articles name: what the story is about."""
    arts = {st.article_id for st in stmts}
    df: Counter[int] = Counter()
    for aid in arts:
        df.update({m.entity_id for m in data[aid].mentions if m.type in ("ORG", "PERSON", "PRODUCT", "GPE")})
    return {e for e, c in df.items() if c >= max(2, len(arts) / 2)}


def _slot_groups(
    stmts: list[Statement], cluster: dict[int, int], data: dict[int, _ArticleData], number: int
) -> list[Group]:
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
    per_key: dict[tuple, dict[int, list[_Reading]]] = defaultdict(dict)
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
            key: tuple
            if kind == "DATE" and sl.key[0] == "date" and sl.key[1] in ("start", "completion"):
                key = ("date", sl.key[1], sl.key[2], sl.label)  # when deliveries start, when a deal closes
            elif (
                not about_core
                or kind != "MONEY"
                or sl.key[0] != "money"
                or not isinstance(v, Money)
                or not v.known_currency
                or sl.key[2] == "amount"
            ):
                continue  # no word says what the amount is
            else:
                key = (v.currency, sl.key[2], sl.year)
            per_key[key].setdefault(st.article_id, []).append(
                _Reading(kind, v, _value_text(v, display), s, e, None)
            )
            where[key].setdefault(st.article_id, st)
    out: list[Group] = []
    for key, candidates in per_key.items():
        if len({cluster[a] for a in candidates}) < 2:
            continue
        per_article = candidates
        where_key = {aid: where[key][aid] for aid in per_article}
        if key[0] == "date":
            d = _slot_difference(DifferenceKind.DATE, key[3], per_article)
        else:
            detail = f"{key[0]}{', ' + key[2] if key[2] else ''}"
            d = _slot_difference(DifferenceKind.MONEY, key[1].capitalize(), per_article, detail)
        if d is None:
            continue
        g = Group(number + len(out), f"{d.title} — across sources", where_key)
        g.differences = [d]
        g.differing = dict(d.spans)
        g.values_by_article = {a: vals[0].text for a, vals in per_article.items()}
        g.status = "differ" if d.hard else "agree"
        out.append(g)
    return out


def _event_date_group(
    stmts: list[Statement],
    origin: dict[int, Sourcing],
    cluster: dict[int, int],
    data: dict[int, _ArticleData],
    number: int,
) -> Group | None:
    """The date each source gives for the story's event (founded, announced, reported), side by side.

    Per article, the first event date in a sentence that names the story's core entities (those most
    articles name) or the article's origin; plans' dates and periods are other slots and left out.
    """
    n = len({st.article_id for st in stmts})
    if n < 2:
        return None
    df: Counter[int] = Counter()
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
        for eid, x in sorted(st.values.items(), key=lambda kv: kv[1].start):
            kind, v, s, e = x.kind, x.value, x.start, x.end
            sl = slots.slot(kind, v, st.text, s - st.start, e - st.start) if kind == "DATE" else None
            if sl is not None and sl.key[1] == "founding":
                chosen[st.article_id] = Statement(
                    st.id, st.article_id, st.start, st.end, st.text, set(), {eid: x}, set(), st.words
                )
                break
    if len({cluster[a] for a in chosen}) < 2:
        return None
    g = Group(number, "Date of the event — across sources", chosen)
    # one slot whatever the wording: founded, announced, reported; planned or done
    per_article = {
        aid: [
            _Reading(kind, v, _value_text(v, display), s, e, None)
            for kind, v, display, s, e in st.values.values()
        ]
        for aid, st in chosen.items()
    }
    d = _slot_difference(DifferenceKind.DATE, "Date of the event", per_article)
    g.differences = [d] if d is not None else []
    g.differing = {aid: spans for x in g.differences for aid, spans in x.spans.items()}
    g.values_by_article = {aid: vals[0].text for aid, vals in per_article.items()}
    g.status = "differ" if g.hard else "agree"
    return g


def _figure_groups(stmts: list[Statement], cluster: dict[int, int], numbered: int) -> list[Group]:
    """One row per money figure that several origins state: how each states and converts it.

    Statements about the same amount can fall into different alignment groups (one says who runs the
    programme, another how much it is); this row puts every source's version of the figure side by side.
    """
    by_base: dict[tuple, dict[int, Statement]] = defaultdict(dict)
    for st in stmts:
        for kind, v, _display, _s, _e in st.values.values():
            base = value_feature(kind, v) if kind == "MONEY" and isinstance(v, Money) else None
            if base is None:
                continue
            current = by_base[base].get(st.article_id)
            # prefer, per article, a statement that also converts the figure
            if current is None or (
                any(_converted(x.value) for x in st.values.values())
                and not any(_converted(x.value) for x in current.values.values())
            ):
                by_base[base][st.article_id] = st
    out = []
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
                if x.kind == "MONEY" and value_feature("MONEY", x.value) == base
            }
            g.statements[aid] = Statement(
                st.id, st.article_id, st.start, st.end, st.text, set(), st_values, set(), st.words
            )
        _compare(g)
        # only the figure is compared here: names and qualifiers belong to the aligned statements
        g.differences = [d for d in g.differences if d.kind.of_value]
        g.differing = {}  # the marks of the figure's differences only, not of the qualifiers left out
        for d in g.differences:
            for aid, spans in d.spans.items():
                g.differing.setdefault(aid, []).extend(spans)
        g.status = "differ" if g.hard else "agree"
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


def export_rows(store) -> Iterator[dict[str, Any]]:
    comp = compare(store)
    lines: dict[int, list[str]] = defaultdict(list)
    for f in comp.findings:
        lines[f.group_id].append(comp.finding_line(f))
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
                "differences": " | ".join(comp.difference_line(d) for d in g.hard),
                "findings": " | ".join(lines.get(g.id, [])),
                "copies": comp.copy_line(aid),
                "sentence": " ".join(st.text.split()),
                "start": st.start,
                "end": st.end,
            }
