"""Role facts: the records that the member walks produce, and the one way both languages make them.

The English walk (:mod:`roles`, over spaCy's parse) and the Japanese one (:mod:`roles_ja`, over GiNZA's)
each find, in one sentence, a role cue, its members (indices into the sentence's mentions), the venture,
the tense and negation, and the value mentions in the clause. :meth:`FactEmitter.emit` turns that into
:class:`RoleFact` records the same way for both: the venture is never its own member; a money figure that
several members share, or that a total word marks, is the venture's capital; a stake word ("minority",
過半) stands in when no figure is given; every member gets its own fact. A language adjusts the few
points where the languages differ by overriding the emitter's hooks.

Offsets are Python string indices into the article text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from .models import Count, Money, Percent, Value
from .resources import resource_path
from .values import CURRENCY_WORDS

ACTOR_TYPES = frozenset({"ORG", "PERSON", "GPE", "NORP", "PRODUCT"})
VALUE_TYPES = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})


class Role(StrEnum):
    """What a fact makes an organisation or person to a venture (the lexicons in resources/ name these values;
    an analyst may also type a role of their own, which stays a plain string)."""

    FOUNDER = "founder"
    INVESTOR = "investor"
    PARTNER = "partner"
    FUNDER = "funder"
    LEADER = "leader"
    VENTURE = "venture"  # the fact names the venture itself
    CAPITAL = "capital"  # the fact states the venture's total capital


@dataclass(frozen=True)
class Stake:
    kind: str  # percent | money | shares | text
    value: float | None
    bound: str | None  # lower | upper | None (exact or unknown)
    approx: bool
    currency: str | None
    text: str  # as shown: "more than 10%", "about 2 billion KRW", "minority"
    distributive: bool = False  # "each invested …"


@dataclass(frozen=True)
class RoleFact:
    """One clause that makes (or denies) an organisation or person a member of a venture."""

    start: int  # the member's mention in the article
    end: int
    role: str  # founder | investor | partner | funder | leader | capital (the venture's total)
    tense: str  # current | planned | former
    negated: bool
    sent_start: int
    sent_end: int
    venture_start: int = -1  # the venture's mention, when the clause names it
    venture_end: int = -1
    stake: Stake | None = None
    title: str = ""  # a person's title, and a former employer when stated
    cue: str = ""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    value: Value | None = None


def cue_fingerprint(language: str) -> str:
    """A short hash of a language's cue lexicon (``resources/member_cues.<language>.json``): facts read
    with another lexicon are stale."""
    return hashlib.sha256(resource_path(f"member_cues.{language}.json").read_bytes()).hexdigest()[:10]


# ---------------------------------------------------------------------------------- values


def stake_from_value(m: Mention, distributive: bool = False) -> Stake | None:
    v = m.value
    if v is None:
        return None
    bound, approx = v.bound, v.approx
    prefix = {"lower": "more than ", "upper": "up to "}.get(bound or "", "")
    if m.type == "PERCENT" and isinstance(v, Percent):
        pct = v.percent
        return Stake(
            "percent", pct, bound, approx, None, f"{prefix}{'about ' if approx else ''}{pct:g}%", distributive
        )
    if m.type == "MONEY" and isinstance(v, Money) and v.converted_from is None:
        text = f"{prefix}{'about ' if approx else ''}{v.display or v.amount}"
        return Stake("money", v.amount, bound, approx, v.currency, text, distributive)
    if m.type not in ("CARDINAL", "QUANTITY") or not isinstance(v, Count):
        return None
    unit = (v.unit or "").split()[-1:]
    if unit and unit[0].lower() in CURRENCY_WORDS:
        from .values import human_amount

        cur = CURRENCY_WORDS[unit[0].lower()]
        text = f"{prefix}{'about ' if approx else ''}{human_amount(v.number)} {cur}"
        return Stake("money", v.number, bound, approx, cur, text, distributive)
    if unit == ["shares"]:
        return Stake("shares", v.number, bound, approx, None, f"{prefix}{v.number:,.0f} shares", distributive)
    return None


def percent_stake(values: list[Mention]) -> Stake | None:
    """The first percentage among a line's values: a table row's or a list item's stake."""
    return next((stake_from_value(v) for v in values if v.type == "PERCENT"), None)


# ---------------------------------------------------------------------------------- the parse


def child(tok, *deps):
    """The first child of a token with one of these dependency labels, or None."""
    for ch in tok.children:
        if ch.dep_ in deps:
            return ch
    return None


class SentenceMentions:
    """A parsed sentence's mentions mapped onto its tokens (the walks fill these as they read it):
    ``actor_of`` and ``value_of`` take a token index to the index of the mention it belongs to."""

    mentions: list[Mention]
    actor_of: dict[int, int]
    value_of: dict[int, int]

    def values_in(self, tok, exclude: set[int]) -> list[int]:
        """The value mentions in the phrase headed by tok, once each, tokens in exclude aside."""
        out = []
        for t in tok.subtree:
            if t.i in self.value_of and t.i not in exclude:
                out.append(self.value_of[t.i])
        return list(dict.fromkeys(out))


# ---------------------------------------------------------------------------------- records


def venture_fact(m: Mention, sent_start: int, sent_end: int, cue: str) -> RoleFact:
    """The venture itself, named in a sentence ("a new company named X", 新会社「X」)."""
    return RoleFact(
        m.start, m.end, Role.VENTURE, "current", False, sent_start, sent_end, m.start, m.end, cue=cue
    )


def line_fact(m: Mention, role: str, start: int, end: int, cue: str, stake: Stake | None = None) -> RoleFact:
    """A member read off a line without a parse: a table row, a label line or a list item (cue says which)."""
    return RoleFact(m.start, m.end, role, "current", False, start, end, stake=stake, cue=cue)


class FactEmitter:
    """Makes the role facts of one sentence. ``sentence`` is the walk's sentence: its ``mentions`` (which
    the walk may extend while it reads) and ``is_total(k)``, whether a value mention is a venture's total.

    ``facts`` collects what was made; ``emitted`` the (role, member mention indices) of every emission,
    which the walks hand to the next sentence ("They each own …", 両社は…)."""

    def __init__(self, sentence, sent_start: int, sent_end: int):
        self.s = sentence
        self.sent_start, self.sent_end = sent_start, sent_end
        self.facts: list[RoleFact] = []
        self.emitted: list[tuple[str, list[int]]] = []

    # --- where languages differ
    def keeps_stake(self, stake: Stake, role: str, tense: str) -> bool:
        """Whether a value in the clause can be a stake in this role."""
        return True

    def stake_words(self, cue_tok) -> list[str]:
        """Stake words ("minority", 過半) in the cue's phrase, as the lexicon shows them."""
        return []

    def own_stakes(self, ks: list[int]) -> dict[int, Stake]:
        """A figure that belongs to one member of a list ("A 40%, B 35%"), by member."""
        return {}

    def member_role(self, k: int, role: str, title: str) -> str | None:
        """The role a member mention takes (None: it is no member): a country or a people only funds."""
        m = self.s.mentions[k]
        if m.type in ("GPE", "NORP") and role != Role.FUNDER:
            return None
        return role

    # --- the facts
    def venture(self, m: Mention, cue: str) -> None:
        self.facts.append(venture_fact(m, self.sent_start, self.sent_end, cue))

    def emit(
        self,
        role: str,
        ks: list[int],
        cue_tok,
        venture: tuple[str, int | None],
        tense: str,
        negated: bool,
        stake_ks=(),
        distributive: bool = False,
        title: str = "",
    ) -> None:
        """The facts of one cue: ``ks`` are its members, ``venture`` ('named', mention) or (kind, None),
        ``stake_ks`` the value mentions in its clause."""
        mentions = self.s.mentions
        vk = venture[1] if venture and venture[0] == "named" else None
        ks = [k for k in ks if k != vk]
        if not ks:
            return
        stakes: list[Stake] = []
        total = None
        for vkk in stake_ks:
            st = stake_from_value(mentions[vkk], distributive or len(ks) > 1)
            if st is None or not self.keeps_stake(st, role, tense):
                continue
            if (
                st.kind == "money"
                and role != Role.FUNDER
                and (self.s.is_total(vkk) or (len(ks) > 1 and not distributive))
            ):
                total = stake_from_value(mentions[vkk])
                continue
            stakes.append(st)
        vm = mentions[vk] if vk is not None else None
        v_start, v_end = (vm.start, vm.end) if vm else (-1, -1)

        def fact(start: int, end: int, role: str, stake: Stake | None, title: str = "") -> RoleFact:
            return RoleFact(
                start,
                end,
                role,
                tense,
                negated,
                self.sent_start,
                self.sent_end,
                v_start,
                v_end,
                stake,
                title,
                cue_tok.text,
            )

        if total is not None:
            self.facts.append(fact(v_start, v_end, Role.CAPITAL, total))
        if not stakes and role in (Role.INVESTOR, Role.FOUNDER):
            words = self.stake_words(cue_tok)
            if words:
                stakes = [Stake("text", None, None, False, None, words[0], len(ks) > 1)]
        own = self.own_stakes(ks)
        for k in ks:
            r = self.member_role(k, role, title)
            if r is None:
                continue
            m = mentions[k]
            stake = own.get(k) or (stakes[0] if stakes else None)
            self.facts.append(fact(m.start, m.end, r, stake, title if m.type == "PERSON" else ""))
        self.emitted.append((role, ks))


# ---------------------------------------------------------------------------------- per article

#: a sentence further than this many characters from the last one walked does not inherit its members
PREVIOUS_REACH = 400


def single_referents(mentions: list[Mention]) -> list[Mention]:
    """The mentions without the references to two organisations at once ('both companies', 両社: two
    mentions over the same words, core/anaphora.py): the walks read such words as a pronoun for the
    members of the sentence before, one fact per member, where a mention stands for one organisation."""
    seen: dict[tuple[int, int], int] = {}
    for m in mentions:
        seen[(m.start, m.end)] = seen.get((m.start, m.end), 0) + 1
    return [m for m in mentions if seen[(m.start, m.end)] == 1]


def read_article(
    text: str, segments, mentions: list[Mention], parse, lines, wants_parse, walk
) -> list[RoleFact]:
    """The per-article loop both languages share. Each (start, end, boilerplate) segment is first read as a
    line without a parse (``lines(start, end, inside, state)``: tables, label lines, list items, with
    ``state`` carrying a list's role to its items); the sentences for which ``wants_parse(line, inside)``
    holds are parsed in one batch (``parse(texts)``) and walked in order by ``walk(doc, start, end, inside,
    previous)``, which returns the sentence's facts and what the next sentence inherits."""
    mentions = sorted(single_referents(mentions), key=lambda m: m.start)
    facts: list[RoleFact] = []
    state: dict = {}
    todo: list[tuple[int, int, list[Mention]]] = []
    for start, end, boilerplate in segments:
        if boilerplate:
            state.clear()
            continue
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        got = lines(start, end, inside, state)
        if got:
            facts += got
        elif wants_parse(text[start:end], inside):
            todo.append((start, end, inside))
    previous = None
    last_end = -1
    docs = parse([text[a:b] for a, b, _ in todo]) if todo else []
    for (start, end, inside), doc in zip(todo, docs, strict=True):
        if start - last_end > PREVIOUS_REACH:
            previous = None
        got, previous = walk(doc, start, end, inside, previous)
        facts += got
        last_end = end
    return facts
