"""Who belongs to a venture, in Japanese: the same role facts as :mod:`roles`, read off GiNZA's parse.

GiNZA gives Universal Dependencies labels. A cue (``resources/member_cues.ja.json``: a sequence of
lemmas matched across consecutive tokens, since 共同出資 comes as 共同 + 出資) is a verb, a verbal noun or
a noun. Its member is the が/は-marked subject (``nsubj``), found on the cue or on the clause that governs
it (設立し、…出資する; 出資を検討している; 就任する予定だ); a noun cue without a subject takes the
organisation before の (経済産業省の補助金). Lists are followed through と/や/及び and 、/・ (``nmod`` with
those marks) and through a list head (A、B、Cの3社). The venture is the に/へ/を-marked argument (同社に,
新会社を, 新会社への) or the noun a relative clause modifies (Aが出資する新会社); 「X」 or 「Xという」 beside
a venture noun names it. Negation (ない/ず, 見送る, 辞退), plans (予定, 方針, 検討, 〜へ) and time (元,
かつて, 離脱) come from the clause and its governors. Stakes are the stored PERCENT/MONEY mentions in the
clause; それぞれ/各社 make them per member, 総額/計 the venture's capital. Leaders: a title with a person
(Xの田中一郎社長 leads X) or a title given by 就任/就く/務める (新会社の社長には…氏が就任する).

Offsets are Python string indices into the article text. Nothing here names a story's words.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .resources import resource_path
from .role_facts import (
    ACTOR_TYPES,
    VALUE_TYPES,
    FactEmitter,
    Mention,
    Role,
    RoleFact,
    SentenceMentions,
    child,
    cue_fingerprint,
    line_fact,
    percent_stake,
    read_article,
)

#: GiNZA labels some companies as products (住友金属鉱山, BHP); in a member's place they count
JA_ACTOR_TYPES = ACTOR_TYPES | {"PRODUCT"}
VENTURE_TYPES = frozenset({"ORG", "PRODUCT"})


class JaLexicon:
    def __init__(self, data: dict):
        self.language = data.get("language", "ja")
        self.cues: dict[tuple[str, ...], dict] = {}
        for e in data["cues"]:
            self.cues[tuple(e["lemma"].lower().split())] = e
        self.max_cue = max(len(k) for k in self.cues)
        self.coord_particles = frozenset(data["coordination"]["particles"])
        self.coord_marks = frozenset(data["coordination"]["marks"])
        self.list_heads = frozenset(data["list_heads"]["words"])
        self.venture_nouns = frozenset("".join(v.split()) for v in data["venture_nouns"])
        self.venture_pronouns = frozenset(data["venture_pronouns"])
        self.anchor_words = tuple(data["anchor_words"])
        self.joint_venture_nouns = frozenset("".join(v.split()) for v in data["joint_venture_nouns"])
        self.member_pronouns = frozenset(data["member_pronouns"])
        self.venture_naming = frozenset("".join(v.split()) for v in data["venture_naming"])
        self.stake_nouns = frozenset("".join(v.split()) for v in data["stake_nouns"])
        self.technology_nouns = frozenset(data["technology_nouns"])
        self.negating_aux = frozenset(data["negating_auxiliaries"])
        self.negating_governors = frozenset(data["negating_governors"])
        self.negating_modifiers = frozenset(data["negating_modifiers"])
        self.planned_governors = frozenset(data["planned_governors"])
        self.planned_particles = frozenset(data["planned_particles"])
        self.neutral_governors = frozenset(data["neutral_governors"])
        self.former_words = frozenset(data["former_words"])
        self.leaving_verbs = frozenset(data["leaving_verbs"])
        self.distributive = frozenset(data["distributive_words"])
        self.total = frozenset(data["total_words"])
        self.stake_words: dict[str, str] = data["stake_words"]
        self.governors = (
            self.negating_governors | self.planned_governors | self.neutral_governors | self.leaving_verbs
        )
        # a sentence is parsed only when it holds one of these character stems
        self.stems = sorted({"".join(k)[:2] for k in self.cues if not "".join(k).isascii()}, key=len)
        self.latin = frozenset("".join(k) for k in self.cues if "".join(k).isascii())

    def triggers(self, line: str) -> bool:
        return any(s in line for s in self.stems) or any(w in line.lower() for w in self.latin)

    def cue_in_text(self, text: str) -> dict | None:
        """The longest cue whose characters occur in a short label or table cell (出資企業, 技術パートナー)."""
        best = None
        for key, e in self.cues.items():
            word = "".join(key)
            if not e.get("appointment") and word in text and (best is None or len(word) > len(best[0])):
                best = (word, e)
        return best[1] if best else None


@lru_cache(maxsize=2)
def lexicon_ja() -> JaLexicon:
    path = resource_path("member_cues.ja.json")
    return JaLexicon(json.loads(path.read_text(encoding="utf-8")))


def lexicon_fingerprint_ja() -> str:
    return cue_fingerprint("ja")


class JaParser:
    """GiNZA's full pipeline (the parse the walk needs), shared with the Japanese recogniser."""

    def __call__(self, texts: list[str]) -> list:
        from .nlp import recognizer

        return list(recognizer("ja").nlp.pipe(texts, batch_size=32))


def ja_parser() -> JaParser:
    return JaParser()


# ---------------------------------------------------------------------------------- one sentence


def _lemma(t) -> str:
    return t.lemma_.lower()


def _cases(tok) -> set[str]:
    """The particles marking a phrase: its case/mark children and the fixed words that follow them."""
    out = set()
    for ch in tok.children:
        if ch.dep_ in ("case", "mark") and ch.i > tok.i:
            out.add(ch.text)
            fixed = "".join(c.text for c in ch.children if c.dep_ == "fixed")
            if fixed:
                out.add(ch.text + fixed)
    return out


def _punct_after(tok) -> set[str]:
    return {ch.text for ch in tok.children if ch.dep_ == "punct" and ch.i == tok.i + 1}


class _Sentence(SentenceMentions):
    def __init__(self, doc, offset: int, mentions: list[Mention], lex: JaLexicon):
        self.doc, self.off, self.lex, self.mentions = doc, offset, lex, mentions
        self.actor_of: dict[int, int] = {}
        self.value_of: dict[int, int] = {}
        for k, m in enumerate(mentions):
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            if span is None or not len(span):
                continue
            table = self.actor_of if m.type in JA_ACTOR_TYPES else self.value_of
            if m.type not in JA_ACTOR_TYPES and m.type not in VALUE_TYPES:
                continue
            for t in span:
                table.setdefault(t.i, k)
        self.cue_at: dict[int, tuple[dict, int, int]] = {}  # head token -> (entry, first, last)
        i = 0
        lemmas = [_lemma(t) for t in doc]
        while i < len(doc):
            for n in range(min(lex.max_cue, len(doc) - i), 0, -1):
                entry = lex.cues.get(tuple(lemmas[i : i + n]))
                if entry and not any(j in self.actor_of for j in range(i, i + n)):
                    span = doc[i : i + n]
                    self.cue_at[span.root.i] = (entry, i, i + n - 1)
                    i += n - 1
                    break
            i += 1

    def is_actor(self, tok) -> bool:
        return tok.i in self.actor_of

    def compound_text(self, tok) -> str:
        """The noun with its compound prefixes: 新 + 会社, 合弁 + 会社."""
        parts = [t for t in tok.children if t.dep_ == "compound" and t.i < tok.i and t.i not in self.actor_of]
        first = min([tok.i, *(t.i for t in parts)])
        return "".join(t.text for t in self.doc[first : tok.i + 1] if t.i not in self.actor_of).lower()

    def is_list_head(self, tok) -> bool:
        return tok.i not in self.actor_of and (
            tok.lemma_ in self.lex.list_heads or tok.text in self.lex.member_pronouns
        )

    # --- noun phrases -> mentions
    def collect(self, tok, seen=None) -> list[int]:
        seen = seen if seen is not None else set()
        if tok is None or tok.i in seen:
            return []
        seen.add(tok.i)
        lex = self.lex
        out: list[int] = []
        if tok.i in self.actor_of:
            out.append(self.actor_of[tok.i])
        head_list = self.is_list_head(tok)
        for ch in tok.children:
            if ch.i > tok.i or ch.dep_ not in ("nmod", "conj", "appos", "compound", "nsubj"):
                continue
            marks = _cases(ch)
            if (
                ch.dep_ in ("conj", "appos")
                or marks & lex.coord_particles
                or _punct_after(ch) & lex.coord_marks
                or (head_list and ("の" in marks or not marks))
                or (ch.dep_ == "compound" and tok.i not in self.actor_of and ch.i in self.actor_of)
            ):
                out += self.collect(ch, seen)
        return list(dict.fromkeys(out))

    # --- the venture side
    def venture(self, tok) -> tuple[str, int | None]:
        """('named', mention) | ('noun', None) | ('pronoun', None) | ('other', None) | ('', None)."""
        if tok is None:
            return "", None
        lex = self.lex
        if tok.i in self.actor_of:
            k = self.actor_of[tok.i]
            return ("named", k) if self.mentions[k].type in VENTURE_TYPES else ("other", None)
        if tok.lemma_ in lex.venture_nouns or self.compound_text(tok) in lex.venture_nouns:
            head = tok.head
            if tok.dep_ in ("nmod", "compound") and tok.i < head.i and head.i in self.actor_of:
                k = self.actor_of[head.i]
                if self.mentions[k].type in VENTURE_TYPES:
                    return "named", k  # 新会社「X」 parsed with X as the head
            # 新会社「X」, 新会社X, Xという新会社
            for ch in tok.children:
                if (
                    ch.i in self.actor_of
                    and self.mentions[self.actor_of[ch.i]].type in VENTURE_TYPES
                    and ch.dep_ in ("compound", "appos", "nmod")
                    and (ch.dep_ != "nmod" or any(m in lex.venture_naming for m in _cases(ch)))
                ):
                    return "named", self.actor_of[ch.i]
            return ("pronoun" if self.compound_text(tok) in lex.venture_pronouns else "noun"), None
        if tok.text in lex.venture_pronouns or self.compound_text(tok) in lex.venture_pronouns:
            return "pronoun", None
        for ch in tok.children:  # 新会社「X」 with X unrecognised: still the new company
            if (
                ch.dep_ in ("nmod", "compound")
                and ch.i < tok.i
                and ch.i not in self.actor_of
                and (ch.lemma_ in lex.venture_nouns or self.compound_text(ch) in lex.venture_nouns)
                and not _cases(ch) - {"の"}
                and self.doc[ch.i + 1].text in "「『(（"
            ):
                return "noun", None
        if (
            tok.lemma_ in lex.stake_nouns
            or self.compound_text(tok) in lex.stake_nouns
            or (tok.i in self.value_of and self.mentions[self.value_of[tok.i]].type == "PERCENT")
        ):
            for ch in tok.children:  # Xの株式
                if ch.dep_ == "nmod" and "の" in _cases(ch):
                    return self.venture(ch)
            return "", None
        return "other", None

    def is_total(self, k: int) -> bool:
        m = self.mentions[k]
        text = self.doc.text[max(0, m.start - self.off - 4) : m.end - self.off]
        return any(w in text for w in self.lex.total)

    def distributive(self, toks) -> bool:
        for tok in toks:
            if tok is None:
                continue
            if tok.text in self.lex.distributive or tok.lemma_ in self.lex.distributive:
                return True
            for ch in tok.children:
                if ch.text in self.lex.distributive or ch.lemma_ in self.lex.distributive:
                    return True
        return False

    # --- status
    def _negated_here(self, node) -> bool:
        lex = self.lex
        for ch in node.children:
            if ch.dep_ in ("aux", "cop", "fixed", "mark") and ch.i > node.i:
                if ch.lemma_ in lex.negating_aux or ch.text in lex.negating_aux:
                    return True
                if any(g.lemma_ in lex.negating_aux for g in ch.children if g.dep_ == "fixed"):
                    return True
        return False

    def status(self, tok) -> tuple[str, bool]:
        lex = self.lex
        tense, negated = "current", False
        node, hops = tok, 0
        while node is not None and hops < 4:
            if self._negated_here(node):
                negated = not negated if node is not tok and negated else True
            lemma = node.lemma_
            if node is not tok:
                if lemma in lex.negating_governors:
                    negated = True
                if lemma in lex.planned_governors:
                    tense = "planned"
            if lemma in lex.leaving_verbs:
                tense = "former"
            for ch in node.children:
                if (
                    ch.dep_ in ("advmod", "compound", "nmod")
                    and ch.text in lex.former_words
                    and ch.i < node.i
                ):
                    tense = "former"
            if node is tok and node.dep_ == "ROOT" and _cases(node) & lex.planned_particles:
                tense = "planned"  # headline style: 3社が出資へ
            if node.head is not node and (
                node.dep_ in ("advcl", "ccomp", "xcomp")
                or (node.dep_ in ("obj", "acl", "nmod", "obl", "nsubj") and node.head.lemma_ in lex.governors)
            ):
                node, hops = node.head, hops + 1
                continue
            break
        return tense, negated


def _subject(s: _Sentence, cue):
    """The cue's が/は-marked subject, on the cue or the clause that governs it; (token, governor)."""
    lex = s.lex
    node, hops = cue, 0
    while node is not None and hops < 4:
        subj = next((c for c in node.children if c.dep_ == "nsubj" and c.i < cue.i), None)
        if subj is None:
            subj = child(node, "nsubj")
        if subj is not None:
            return subj, node
        if node.dep_ == "acl" and node.head.i in s.actor_of:
            return node.head, node  # かつて出資していたKDDI
        if node.head is not node and (
            node.dep_ in ("advcl", "ccomp", "xcomp", "conj")
            or (node.dep_ in ("obj", "acl", "nmod", "obl") and node.head.lemma_ in lex.governors)
        ):
            node, hops = node.head, hops + 1
            continue
        break
    # AとBは新会社を設立し、それぞれ20%を出資する: the subject sits on the first of the joined clauses
    for ch in cue.children:
        if ch.dep_ in ("advcl", "conj") and ch.i < cue.i:
            subj = child(ch, "nsubj")
            if subj is not None:
                return subj, ch
    return None, None


def _venture_arg(s: _Sentence, cue, skip: set[int]):
    """The cue's に/へ/を-marked argument that is a venture, or the noun its relative clause modifies."""
    best = None
    for ch in cue.children:
        if ch.i in skip or ch.dep_ not in ("obl", "obj", "iobj", "nmod"):
            continue
        marks = _cases(ch)
        if (
            not marks & {"に", "へ", "を", "への", "に対する", "に対し"}
            and not (ch.dep_ == "obj" and not marks)
            and not (ch.dep_ == "nmod" and ("への" in "".join(marks) or {"へ", "の"} <= marks))
        ):
            continue
        kind, _k = s.venture(ch)
        if kind in ("named", "noun", "pronoun"):
            return ch
        if best is None and kind == "other" and ch.i in s.actor_of:
            best = ch
    for ch in cue.children:  # 新会社を設立し、…出資する: the venture of the joined clause
        if ch.dep_ in ("advcl", "conj") and ch.i < cue.i and ch.i not in skip:
            found = _venture_arg(s, ch, skip)
            if found is not None and s.venture(found)[0] in ("named", "noun", "pronoun"):
                return found
    if cue.dep_ == "acl" and cue.head.i not in s.actor_of:
        kind, _ = s.venture(cue.head)
        if kind in ("named", "noun", "pronoun"):
            return cue.head
    return best


# ---------------------------------------------------------------------------------- per sentence


def sentence_facts_ja(
    doc, offset: int, sent_end: int, mentions: list[Mention], lex: JaLexicon, previous=None, anchored=False
):
    """Role facts of one parsed Japanese sentence. ``previous``: the members (mentions) of the last
    sentence's facts, for 両社は…/同社は…; returns (facts, the members of this sentence's facts)."""
    earlier = [m for m in (previous or []) if m not in mentions]
    mentions = [*mentions, *earlier]
    previous_ks = list(range(len(mentions) - len(earlier), len(mentions)))
    s = _Sentence(doc, offset, mentions, lex)
    out = _Facts(s, offset, sent_end)
    facts, emit = out.facts, out.emit
    anchored = anchored or any(
        s.venture(t)[0] in ("noun", "pronoun")
        for t in doc
        if t.pos_ in ("NOUN", "PROPN") and t.i not in s.actor_of
    )

    # the venture itself: 新会社「X」, Xという新会社
    for tok in doc:
        if tok.i in s.actor_of or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.lemma_ not in lex.venture_nouns and s.compound_text(tok) not in lex.venture_nouns:
            continue
        kind, k = s.venture(tok)
        if kind == "named" and k is not None:
            m = mentions[k]
            if not any(f.role == Role.VENTURE and f.start == m.start for f in facts):
                out.venture(m, tok.text)

    # AとBの合弁会社: the names before の are its founders
    for tok in doc:
        if tok.i in s.actor_of or s.compound_text(tok) not in lex.joint_venture_nouns:
            continue
        owners = list(
            dict.fromkeys(
                k
                for ch in tok.children
                if ch.dep_ == "nmod" and ch.i < tok.i and _cases(ch) & ({"の"} | lex.coord_particles)
                for k in s.collect(ch)
            )
        )
        if owners:
            tense, negated = s.status(tok)
            emit(Role.FOUNDER, owners, tok, s.venture(tok), tense, negated)

    for head_i, (entry, first, last) in sorted(s.cue_at.items()):
        cue = doc[head_i]
        cue_text = doc[first : last + 1].text
        role = entry["role"]
        if entry.get("title"):
            _title_fact(s, cue, entry, cue_text, emit)
            continue
        subj, _gov = _subject(s, cue)
        skip = {t.i for t in subj.subtree} if subj is not None else set()
        obj = next((c for c in cue.children if c.dep_ == "obj"), None)
        if entry.get("object") == "stake" and (
            obj is None
            or not (
                s.compound_text(obj) in lex.stake_nouns
                or obj.lemma_ in lex.stake_nouns
                or obj.i in s.value_of
            )
        ):
            continue
        if entry.get("object") == "technology" and (obj is None or obj.lemma_ not in lex.technology_nouns):
            continue
        if entry.get("appointment"):
            _appointment_fact(s, cue, entry, cue_text, subj, emit, anchored)
            continue
        if (
            subj is not None
            and subj.i not in s.actor_of
            and subj.text not in lex.member_pronouns
            and s.venture(subj)[0] in ("noun", "pronoun")
            and role == Role.FOUNDER
        ):
            continue  # 合弁会社が発足した: the venture itself, not its founders
        for ch in cue.children:  # a joined clause with its own subject keeps its own values
            if ch.dep_ in ("advcl", "conj") and ch is not _gov and child(ch, "nsubj") is not None:
                skip |= {t.i for t in ch.subtree}
        venture_tok = _venture_arg(s, cue, skip)
        if venture_tok is None and obj is not None and entry.get("object") == "stake":
            venture_tok = obj
        venture = s.venture(venture_tok)
        actors = s.collect(subj) if subj is not None else []
        if subj is not None and not actors and (subj.text in lex.member_pronouns or s.is_list_head(subj)):
            actors = previous_ks
        if not actors and cue.pos_ == "NOUN" and subj is None:
            # a noun cue: the organisation before の (経済産業省の補助金, Aの出資比率)
            for ch in cue.children:
                if ch.dep_ == "nmod" and ch.i < cue.i and "の" in _cases(ch) and ch.i in s.actor_of:
                    actors = s.collect(ch)
                    skip = {t.i for t in ch.subtree}
                    break
            cue_scope = cue.head if actors and cue.dep_ == "nsubj" else cue
        else:
            cue_scope = cue
        if entry.get("symmetric"):
            for ch in cue.children:
                if ch.dep_ in ("obl", "nmod") and "と" in _cases(ch):
                    actors += s.collect(ch)
                    skip |= {t.i for t in ch.subtree}
        if not actors:
            continue
        if venture[0] == "other" and venture_tok is not None and venture_tok.i in s.actor_of:
            venture = ("", None)  # a place or a person: 大阪市に設立する is no venture
        if not venture[0] and not (anchored or previous):
            continue
        tense, negated = s.status(cue)
        if entry.get("planned"):
            tense = "planned"
        if subj is not None and any(
            ch.text in lex.negating_modifiers or ch.lemma_ in lex.negating_modifiers for ch in subj.children
        ):
            negated = True
        scope_toks = [cue_scope] + ([cue] if cue_scope is not cue else [])
        stake_ks = list(dict.fromkeys(k for t in scope_toks for k in s.values_in(t, skip)))
        if subj is not None and subj.head is not cue:  # 設立し、それぞれ20%を出資する: values on the governor
            stake_ks = [k for k in stake_ks]
        dist = s.distributive([cue, subj, _gov])
        emit(role, actors, cue, venture if venture[0] else ("noun", None), tense, negated, stake_ks, dist)
    carry: list[Mention] = []  # the members of this sentence's facts, once each, in order
    for _role, ks in out.emitted:
        for k in ks:
            if mentions[k] not in carry:
                carry.append(mentions[k])
    return facts, carry


class _Facts(FactEmitter):
    """Japanese: a stake word anywhere in the cue's phrase (過半出資); a person is a member only as a leader."""

    def stake_words(self, cue_tok) -> list[str]:
        lex = self.s.lex
        return [lex.stake_words[t.text] for t in cue_tok.subtree if t.text in lex.stake_words]

    def member_role(self, k: int, role: str, title: str) -> str | None:
        if self.s.mentions[k].type == "PERSON" and role != Role.LEADER:
            return None
        return super().member_role(k, role, title)


def _person_and_employer(s: _Sentence, tok) -> tuple[list[int], str, bool]:
    """People named by a phrase (山田太郎氏, 山田太郎社長) and the organisation before の, with 元 (former)."""
    people = [k for k in s.collect(tok) if s.mentions[k].type == "PERSON"]
    employer, former = "", False
    for ch in tok.children:
        if ch.dep_ == "nmod" and ch.i < tok.i and "の" in _cases(ch) and ch.i in s.actor_of:
            m = s.mentions[s.actor_of[ch.i]]
            if m.type in VENTURE_TYPES:
                employer = s.doc.text[m.start - s.off : m.end - s.off]
                former = any(
                    c.text in s.lex.former_words
                    for c in ch.children
                    if c.dep_ in ("compound", "nmod", "advmod")
                ) or (ch.i > 0 and s.doc[ch.i - 1].text in s.lex.former_words)
            break
    return people, employer, former


def _venture_before_no(s: _Sentence, tok) -> tuple[str, int | None]:
    """What a title belongs to: the phrase before its の (新会社の社長, Xの田中一郎社長)."""
    for ch in tok.children:
        if ch.dep_ == "nmod" and ch.i < tok.i and "の" in _cases(ch):
            return s.venture(ch)
    return "", None


def _title_fact(s: _Sentence, cue, entry, cue_text: str, emit) -> None:
    """Xの田中一郎社長: the person leads X (the venture only if X is it)."""
    people, _employer, _former = _person_and_employer(s, cue)
    if not people:
        return
    venture = _venture_before_no(s, cue)
    if venture[0] not in ("named", "noun", "pronoun"):
        return
    title = cue_text
    if any(t.text in s.lex.former_words for t in cue.children if t.dep_ in ("compound", "nmod")):
        title = f"former {title}"
    tense, negated = s.status(cue)
    emit(Role.LEADER, people, cue, venture, tense, negated, (), False, title)


def _appointment_fact(s: _Sentence, cue, entry, cue_text: str, subj, emit, anchored: bool = False) -> None:
    """新会社の社長には元X社の山田太郎氏が就任する; 山田氏が新会社の社長を務める."""
    title_tok = None
    for ch in cue.children:
        if ch.dep_ in ("obl", "obj", "iobj") and ch.i in s.cue_at and s.cue_at[ch.i][0].get("title"):
            title_tok = ch
            break
    if title_tok is None or subj is None:
        return
    people, employer, former = _person_and_employer(s, subj)
    if not people:
        return
    venture = _venture_before_no(s, title_tok)
    if not venture[0] and anchored:
        venture = ("noun", None)  # 会長には…氏が就く, in an article about the venture
    if venture[0] not in ("named", "noun", "pronoun"):
        return
    _e, first, last = s.cue_at[title_tok.i]
    title = s.doc[first : last + 1].text
    if employer and former:
        title += f" (formerly of {employer})"
    tense, negated = s.status(cue)
    emit(Role.LEADER, people, cue, venture, tense, negated, (), False, title)


# ---------------------------------------------------------------------------------- lines

_LABEL = re.compile(r"^\s*(?:[・\-*•■◆●▪]\s*)?([^:：]{1,24})[:：]\s*(\S.*)?$")
_ITEM = re.compile(r"^\s*(?:[・\-*•■◆●▪]|\d+[.)．）])\s*")


def line_facts_ja(
    text: str, start: int, end: int, mentions: list[Mention], lex: JaLexicon, state: dict
) -> list[RoleFact]:
    """Tables (| or tab), label lines (出資企業：A、B) and bullet lists after a label line, without a parse."""
    line = text[start:end]
    actors = [m for m in mentions if m.type in JA_ACTOR_TYPES and start <= m.start and m.end <= end]
    values = [m for m in mentions if m.type in VALUE_TYPES and start <= m.start and m.end <= end]
    facts: list[RoleFact] = []
    if "|" in line or "\t" in line:
        cells = [(c.start(), c.end()) for c in re.finditer(r"[^|\t]+", line) if c.group().strip()]
        role = None
        for a, b in cells:
            if any(start + a <= m.start < start + b for m in actors):
                continue
            entry = lex.cue_in_text(line[a:b])
            if entry and not entry.get("title"):
                role = entry["role"]
                break
        if role is None and not actors:
            return facts
        role = role or state.get("list_role")
        if role:
            st = percent_stake(values)
            facts += [line_fact(m, role, start, end, "table", st) for m in actors]
        return facts
    label = _LABEL.match(line)
    if label:
        entry = lex.cue_in_text(label.group(1))
        if entry and not entry.get("title") and not any(m.start < start + label.end(1) for m in actors):
            if label.group(2) is None or not actors:
                state["list_role"] = entry["role"]
                return facts
            facts += [line_fact(m, entry["role"], start, end, "label") for m in actors]
            state.pop("list_role", None)
            return facts
    if _ITEM.match(line) and state.get("list_role") and actors and len(line) <= 80:
        facts.append(line_fact(actors[0], state["list_role"], start, end, "list", percent_stake(values)))
        return facts
    if not _ITEM.match(line):
        state.pop("list_role", None)
    return facts


# ---------------------------------------------------------------------------------- per article


def article_facts_ja(text: str, segments, mentions: list[Mention], parse) -> list[RoleFact]:
    """Every role fact of one Japanese article (the same contract as roles.article_facts).

    ``segments``: (start, end, boilerplate) sentences and lines; ``parse``: texts -> GiNZA docs
    (:func:`ja_parser`); only sentences that hold a cue's characters are parsed.
    """
    lex = lexicon_ja()

    def wants_parse(line: str, inside: list[Mention]) -> bool:
        if line.count("|") >= 2 or "\t" in line:
            return False  # a table row that named no role
        return lex.triggers(line) and (
            any(m.type in JA_ACTOR_TYPES for m in inside) or any(p in line for p in lex.member_pronouns)
        )

    def walk(doc, start: int, end: int, inside: list[Mention], previous):
        anchored = any(w in text[:end] for w in lex.anchor_words)
        got, carry = sentence_facts_ja(doc, start, end, inside, lex, previous, anchored)
        return got, carry or previous

    facts = read_article(
        text,
        segments,
        mentions,
        parse,
        lambda start, end, inside, state: line_facts_ja(text, start, end, inside, lex, state),
        wants_parse,
        walk,
    )
    return list(dict.fromkeys(facts))
