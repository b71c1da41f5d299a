"""Who belongs to a venture, in what role and with what stake: facts read off the sentence structure.

The mechanism walks spaCy's dependency parse of one sentence; the words that signal a role live in
``resources/member_cues.<lang>.json`` (see its ``_about``). For a verb cue ("A and B founded X",
"X was set up by A", "A invested N to create X", "P will chair X") the member is the verb's actor
(its subject, or the agent of a passive, or the head of a relative clause) and the venture is its
object; for a noun cue ("A's 51% stake in X", "an investment by A", "the backers include A and B",
"a subsidy from the ministry", "P, chief executive of X", "minority shareholders, including A") the
member is the noun's possessor, its by/from phrase, the subject of its copula, the list it introduces
or the name it stands beside. Coordinated lists are followed through ``conj`` and ``appos`` (commas,
"and", dashes, parentheses), "including"/"such as" phrases and "each of"; tables and label lines
("Investors: A, B") are read cell by cell. Negation, modality ("plans to", "will") and time
("former", "left") come from the parse and the lexicon. Nothing here names a story's words.

Offsets are Python string indices into the article text.
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
    Stake,
    child,
    cue_fingerprint,
    line_fact,
    percent_stake,
    read_article,
    stake_from_value,
)

#: a venture noun whose "of"/"between" phrase names its founders
JOINT_NOUNS = frozenset({"venture", "consortium", "alliance", "partnership", "coalition", "jv"})

ROLE_KEYS = (Role.FOUNDER, Role.INVESTOR, Role.PARTNER, Role.FUNDER, Role.LEADER)
#: roles an organisation holds at most one of: the strongest wins (a founder also invests)
EQUITY_ORDER = (Role.FOUNDER, Role.INVESTOR, Role.PARTNER)


class Lexicon:
    def __init__(self, data: dict):
        self.language = data.get("language", "en")
        self.verbs: dict[str, list[dict]] = {}
        for e in data["verbs"]:
            self.verbs.setdefault(e["lemma"], []).append(e)
        self.nouns: dict[str, dict] = {e["lemma"]: e for e in data["nouns"]}
        self.max_noun_words = max(len(k.split()) for k in self.nouns)
        self.inclusion_verbs = frozenset(data["inclusion_verbs"])
        self.inclusion_preps = frozenset(data["inclusion_preps"])
        self.venture_nouns = frozenset(data["venture_nouns"])
        self.venture_naming = frozenset(p.split()[0] for p in data["venture_naming"] if p.split()[0] != "to")
        self.stake_nouns = frozenset(data["stake_nouns"])
        self.technology_nouns = frozenset(data["technology_nouns"])
        self.negating_governors = frozenset(data["negating_governors"])
        self.negating_modifiers = frozenset(data["negating_modifiers"])
        self.negating_words = frozenset(data["negating_words"])
        self.planned_governors = frozenset(data["planned_governors"])
        self.planned_aux = frozenset(data["planned_auxiliaries"])
        self.former_words = frozenset(data["former_words"])
        self.leaving_verbs = frozenset(data["leaving_verbs"])
        self.withdrawing = frozenset(data.get("withdrawing_verbs", []))
        self.speculative = frozenset(data.get("speculative_words", []))
        self.distributive = frozenset(data["distributive_words"])
        self.total = frozenset(data["total_words"])
        self.stake_words: dict[str, str] = data["stake_words"]
        self.pronouns = frozenset(data["pronouns"])
        words = set(self.verbs) | {w for k in self.nouns for w in k.split()} | set(self.venture_naming)
        words |= {w for k in self.nouns for w in [k + "s", k + "es"]}
        self.trigger = re.compile(
            r"\b(?:" + "|".join(sorted((re.escape(w[:5]) for w in words), key=len, reverse=True)) + r")",
            re.I,
        )

    def noun_at(self, doc, i: int) -> tuple[dict, int] | None:
        """The longest noun cue ending at token i: (entry, first token index)."""
        for n in range(min(self.max_noun_words, i + 1), 0, -1):
            toks = doc[i - n + 1 : i + 1]
            key = " ".join([*(t.lower_ for t in toks[:-1]), toks[-1].lemma_.lower()])
            entry = self.nouns.get(key) or self.nouns.get(" ".join(t.lower_ for t in toks))
            if entry:
                return entry, i - n + 1
        return None

    def noun_in_text(self, text: str) -> dict | None:
        """A noun cue inside a short label ("Financial Investors", "Technical Partner")."""
        words = re.findall(r"[a-z][a-z-]*", text.lower())
        best = None
        for n in range(min(self.max_noun_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                for cand in (" ".join(words[i : i + n]), " ".join(words[i : i + n]).rstrip("s")):
                    if cand in self.nouns and (best is None or n > best[1]):
                        best = (self.nouns[cand], n)
        return best[0] if best else None


@lru_cache(maxsize=4)
def lexicon(language: str = "en") -> Lexicon:
    path = resource_path(f"member_cues.{language}.json")
    return Lexicon(json.loads(path.read_text(encoding="utf-8")))


def lexicon_fingerprint(language: str = "en") -> str:
    return cue_fingerprint(language)


# ---------------------------------------------------------------------------------- the walk


class _Sentence(SentenceMentions):
    """One parsed sentence with its mentions mapped onto tokens."""

    def __init__(self, doc, offset: int, mentions: list[Mention], lex: Lexicon):
        self.doc, self.off, self.lex = doc, offset, lex
        self.actor_of: dict[int, int] = {}  # token index -> mention index (actors only)
        self.value_of: dict[int, int] = {}
        self.mentions = mentions
        self.heads: dict[int, int] = {}
        for k, m in enumerate(mentions):
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            if span is None or not len(span):
                continue
            table = self.actor_of if m.type in ACTOR_TYPES else self.value_of
            for t in span:
                table.setdefault(t.i, k)
            self.heads[k] = span.root.i
        self.named = set(self.actor_of) | set(self.value_of)
        words = [t for t in doc if t.is_alpha]
        # a headline in Title Case: every word looks like a name, so no name is guessed from its shape
        self.title_case = len(words) >= 3 and not any(t.text[0].islower() and not t.is_stop for t in words)

    def implicit(self, tok, over_places: bool = False) -> int | None:
        """A proper noun in a member's or a venture's place that the recogniser missed ("An investment by
        Temasek"): its compound name becomes a mention here, and extraction adds it as an organisation."""
        name_like = tok.pos_ == "PROPN" or (
            tok.is_alpha and len(tok.text) >= 2 and tok.text.isupper()  # "CATL", tagged as a noun
        )
        if not name_like or self.title_case or (tok.i in self.named and not over_places):
            return None
        for ch in tok.children:  # "AgroGenix Brasil" where the model found "AgroGenix": that name
            if ch.dep_ == "compound" and ch.i in self.actor_of and ch.i == tok.i - 1:
                return self.actor_of[ch.i]
        first = tok.i
        while (
            first > 0
            and self.doc[first - 1].pos_ == "PROPN"
            and self.doc[first - 1].head.i in (tok.i, first)
            and ((first - 1) not in self.named or over_places)
        ):
            first -= 1
        span = self.doc[first : tok.i + 1]
        if over_places:
            # "Mumbai Green Ammonia" read as two places: one company, when the name is longer than them
            inside = {k for t in span if (k := self.actor_of.get(t.i)) is not None}
            if any(t.i in self.value_of for t in span) or not inside or len(span) < 2:
                return None
            if any(self.mentions[k].type == "ORG" for k in inside) or any(
                not (
                    span.start_char + self.off <= self.mentions[k].start
                    and self.mentions[k].end <= span.end_char + self.off
                )
                for k in inside
            ):
                return None
        if not span.text[:1].isupper() or len(span) > 6:
            return None
        m = Mention(self.off + span.start_char, self.off + span.end_char, "ORG", None)
        self.mentions.append(m)
        k = len(self.mentions) - 1
        for t in span:
            self.actor_of[t.i] = k
            self.named.add(t.i)
        self.heads[k] = tok.i
        return k

    def adopt(self, m: Mention) -> int:
        """A mention of another sentence (a pronoun's referent) as one of this sentence's."""
        for k, x in enumerate(self.mentions):
            if (x.start, x.end) == (m.start, m.end):
                return k
        self.mentions.append(m)
        return len(self.mentions) - 1

    # --- noun phrases -> mentions
    def collect(self, tok, seen=None) -> list[int]:
        """Mentions that the phrase headed by tok denotes: the name itself, its conjuncts and
        appositions, an "including/such as" list, "each of …", a bracketed list after a noun."""
        seen = seen if seen is not None else set()
        if tok.i in seen:
            return []
        seen.add(tok.i)
        out: list[int] = []
        if tok.i in self.actor_of:
            out.append(self.actor_of[tok.i])
        elif tok.dep_ not in ("compound", "amod", "poss") and (k := self.implicit(tok)) is not None:
            out.append(k)
        lex = self.lex
        for ch in tok.children:
            d = ch.dep_
            if d in ("conj", "appos"):
                out += self.collect(ch, seen)
            elif d == "prep":
                word = ch.lower_
                such = any(c.lower_ == "such" for c in ch.children) and word == "as"
                quant = tok.lower_ in lex.distributive or tok.pos_ in ("NUM", "PRON", "DET")
                if (
                    word in lex.inclusion_preps
                    or such
                    or (word == "of" and (quant or tok.lemma_ in lex.venture_nouns))
                ):
                    for p in ch.children:
                        if p.dep_ == "pobj":
                            out += self.collect(p, seen)
            elif d == "acl" and tok.i not in self.actor_of and ch.lemma_.lower() in ("lead", "head", "form"):
                agent = _pobj(ch, "by")  # "a consortium led by A and B": its leading members
                if agent is not None:
                    out += self.collect(agent, seen)
            elif (
                d in ("acl", "relcl", "prep", "advcl")
                and ch.lemma_.lower() in lex.inclusion_verbs | lex.inclusion_preps
            ):
                for p in ch.children:
                    if p.dep_ in ("dobj", "pobj", "attr"):
                        out += self.collect(p, seen)
            elif (
                d in ("compound", "nmod", "amod")
                and tok.i not in self.actor_of
                and ch.i in self.actor_of
                and "-" in self.doc[ch.i : tok.i + 1].text
                and all(t.i in self.actor_of or t.text == "-" for t in self.doc[ch.i : tok.i])
            ):
                out += self.collect(ch, seen)  # "A-B-C consortium": names glued before a noun
        if not out and tok.i not in self.actor_of and tok.pos_ in ("NOUN", "PRON", "NUM", "DET"):
            out = self._bracketed_after(tok)
        return list(dict.fromkeys(out))

    def _bracketed_after(self, tok) -> list[int]:
        """'The companies – A, B and C – …', 'the banks (A, B)': a list right after a common noun."""
        doc = self.doc
        j = tok.i + 1
        if j >= len(doc) or doc[j].text not in ("–", "—", "-", "(", ":", "--"):
            return []
        close = {"(": ")"}.get(doc[j].text, doc[j].text)
        out = []
        for t in doc[j + 1 :]:
            if t.text == close or (close == ":" and t.text in (".", ";")):
                break
            if t.i in self.actor_of:
                out.append(self.actor_of[t.i])
            elif not (
                t.is_punct or t.lower_ in ("and", "&", "or", "the") or t.dep_ in ("compound", "amod", "det")
            ):
                if t.head.i in self.actor_of or t.i in self.value_of:
                    continue
                break
        return list(dict.fromkeys(out))

    # --- the venture side
    def venture(self, tok) -> tuple[str, int | None]:
        """('named', mention) | ('noun', None) | ('pronoun', None) | ('', None) for an argument."""
        lex = self.lex
        if tok is None:
            return "", None
        if tok.i in self.actor_of and self.mentions[self.actor_of[tok.i]].type == "ORG":
            return "named", self.actor_of[tok.i]
        if (k := self.implicit(tok)) is not None:
            return "named", k
        lemma = tok.lemma_.lower()
        if lemma in lex.venture_nouns or tok.lower_ in lex.venture_nouns:
            for t in tok.subtree:
                if t.lower_ in lex.venture_naming or t.lemma_.lower() in lex.venture_naming:
                    for n in t.subtree:
                        if n.i in self.actor_of and self.mentions[self.actor_of[n.i]].type == "ORG":
                            return "named", self.actor_of[n.i]
            for ch in tok.children:
                if ch.dep_ == "appos" and ch.i in self.actor_of:
                    return "named", self.actor_of[ch.i]
            return "noun", None
        if tok.lower_ in lex.pronouns:
            return "pronoun", None
        if tok.lemma_.lower() in lex.stake_nouns or tok.i in self.value_of:
            for ch in tok.children:
                if ch.dep_ == "prep" and ch.lower_ in ("in", "of"):
                    for p in ch.children:
                        if p.dep_ == "pobj":
                            return self.venture(p)
            return "", None
        if tok.i in self.actor_of:
            k = self.implicit(tok, over_places=True)
            if k is not None:
                return "named", k
            return "other", None  # a place or a person: "invest in Japan" is no venture
        if tok.pos_ == "PROPN":
            return "proper", None
        # "its former parent and phone trailblazer AT&T": the name inside the object phrase
        if tok.pos_ == "NOUN" and tok.i not in self.value_of:
            for t in tok.subtree:
                near = t.head.i == tok.i or (t.head.head.i == tok.i and t.head.pos_ != "VERB")
                named = t.i in self.actor_of and self.mentions[self.actor_of[t.i]].type == "ORG"
                if near and named and t.dep_ in ("appos", "compound", "conj"):
                    return "named", self.actor_of[t.i]
        return "other", None

    # --- status
    def status(self, tok, actors_tok=None) -> tuple[str, bool]:
        lex = self.lex
        tense, negated = "current", False
        node, hops = tok, 0
        while node is not None and hops < 4:
            for ch in node.children:
                w = ch.lower_
                if ch.dep_ == "neg" or (ch.dep_ in ("advmod", "det", "preconj") and w in lex.negating_words):
                    negated = True
                if ch.dep_ in ("aux", "auxpass") and w in lex.planned_aux:
                    tense = "planned"
                if ch.dep_ in ("advmod", "amod") and w in lex.former_words:
                    tense = "former"
            lemma = node.lemma_.lower()
            # "bid for X but withdrew": a coordinated verb that takes it back
            if any(c.dep_ == "conj" and c.lemma_.lower() in lex.withdrawing for c in node.children):
                negated = True
            if any(c.lower_ in lex.speculative for c in node.children) or lemma in lex.speculative:
                negated = True  # "the talk is that A is the likely bidder", "would-be suitors": no member yet
            if node is not tok:
                if lemma in lex.negating_governors:
                    negated = True
                if lemma in lex.planned_governors:
                    tense = "planned"
            if lemma in lex.leaving_verbs:
                tense = "former"
            if (
                node.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acomp", "pcomp", "pobj", "prep")
                and node.head is not node
            ):
                node, hops = node.head, hops + 1
                continue
            break
        if actors_tok is not None:
            # "A, a rival bidder, dropped out": the verb the member is the subject of
            head = actors_tok.head
            if actors_tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.withdrawing:
                negated = True
            for ch in actors_tok.children:
                if ch.dep_ == "amod" and ch.lower_ in lex.negating_modifiers:
                    negated = True
                if ch.dep_ == "amod" and ch.lower_ in lex.former_words:
                    tense = "former"
        return tense, negated

    def is_total(self, k: int) -> bool:
        head = self.doc[self.heads[k]] if k in self.heads else None
        node, hops = head, 0
        while node is not None and hops < 3:
            if node.lower_ in self.lex.total or any(c.lower_ in self.lex.total for c in node.children):
                return True
            if node.head is node:
                break
            node, hops = node.head, hops + 1
        return False

    def distributive(self, *toks) -> bool:
        for tok in toks:
            if tok is None:
                continue
            if tok.lower_ in self.lex.distributive:
                return True
            for ch in tok.children:
                if (ch.lower_ in self.lex.distributive and ch.dep_ not in ("det",)) or (
                    ch.lower_ in self.lex.distributive and tok.pos_ in ("VERB", "AUX", "ADJ")
                ):
                    return True
                if ch.lower_ in self.lex.distributive and ch.dep_ in (
                    "nsubj",
                    "advmod",
                    "det",
                    "appos",
                    "npadvmod",
                    "dobj",
                ):
                    return True
        return False


_STAKE_GAP = re.compile(r"^\s*[(,:–—-]?\s*(?:with|holding|owning|owns|holds|has|at)?\s*$", re.I)


def _adjacent_stakes(s: _Sentence, ks: list[int]) -> dict[int, Stake]:
    """'(Hyundai Heavy Industries 40%, Samsung Heavy Industries 35%)': a figure right after each name."""
    text = s.doc.text
    values = sorted((m.start, k) for k, m in enumerate(s.mentions) if m.type in VALUE_TYPES)
    out: dict[int, Stake] = {}
    if len(ks) < 2:
        return out
    for k in ks:
        m = s.mentions[k]
        for start, vk in values:
            if start < m.end:
                continue
            if _STAKE_GAP.match(text[m.end - s.off : start - s.off]):
                st = stake_from_value(s.mentions[vk])
                if st is not None:
                    out[k] = st
            break
    return out if len(out) >= 2 else {}


def _pobj(tok, *words):
    for ch in tok.children:
        if ch.dep_ in ("prep", "agent", "dative") and (not words or ch.lower_ in words):
            for p in ch.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _deep_pobj(verb, subj):
    """'invested about 2 billion won in the new company': an in/into phrase further down the clause."""
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    for t in verb.subtree:
        if t.i in skip or t is verb or t.dep_ != "prep" or t.lower_ not in ("in", "into"):
            continue
        if t.head.pos_ == "VERB" and t.head is not verb and t.head.dep_ not in ("dobj",):
            continue
        for p in t.children:
            if p.dep_ == "pobj":
                return p
    return None


def _governing_subject(s: _Sentence, verb):
    """'Standard Chartered said it was buying KFB': a pronoun's referent is the reporting clause's subject."""
    node, hops = verb, 0
    while node.head is not node and hops < 4:
        node, hops = node.head, hops + 1
        subj = child(node, "nsubj")
        if subj is not None and (subj.i in s.actor_of or s.collect(subj)):
            return subj
    return None


def _subject(verb):
    node, hops = verb, 0
    while node is not None and hops < 4:
        s = child(node, "nsubj", "nsubjpass", "csubj")
        if s is not None:
            return s, node
        if node.dep_ == "acl" and node.head.pos_ == "NOUN" and node.head.dep_ == "pobj":
            node = node.head.head.head  # "is in talks to buy": the verb the noun's phrase hangs on
            hops += 1
            continue
        if node.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp") and node.head is not node:
            node = node.head
            if node.pos_ == "ADP":  # "by investing": the preposition's head
                node = node.head
            hops += 1
            continue
        break
    return None, None


def _purpose_venture(s: _Sentence, verb) -> tuple[str, int | None, bool]:
    """A venture named by a purpose clause: "… invested N to create the company"."""
    for ch in verb.children:
        if ch.dep_ in ("xcomp", "advcl", "conj") and ch.pos_ in ("VERB", "AUX"):
            entries = s.lex.verbs.get(ch.lemma_.lower(), [])
            if any(e["role"] == Role.FOUNDER for e in entries):
                kind, k = s.venture(child(ch, "dobj") or _pobj(ch, "in", "into"))
                if kind:
                    return kind, k, True
    return "", None, False


# ---------------------------------------------------------------------------------- per sentence


def sentence_facts(doc, offset: int, sent_end: int, mentions: list[Mention], lex: Lexicon, previous=None):
    """Role facts of one parsed sentence. ``previous`` is the last sentence's (role, mentions) for
    "This includes …" and "They each own …"; returns (facts, carry) where carry is this sentence's."""
    s = _Sentence(doc, offset, mentions, lex)
    out = _Facts(s, offset, sent_end)
    facts, emit = out.facts, out.emit
    strong_anchor = any(t.lemma_.lower() in lex.venture_nouns or t.lower_ in lex.venture_nouns for t in doc)
    anchored = strong_anchor

    for tok in doc:
        # "a new company named X", "X, a joint venture of …": the venture itself
        if (
            tok.lemma_.lower() in lex.venture_nouns or tok.lower_ in lex.venture_nouns
        ) and tok.i not in s.actor_of:
            kind, k = "", None
            if any(t.lower_ in lex.venture_naming for t in tok.subtree):
                kind, k = s.venture(tok)
            founded = any(
                ch.lower_ in ("new", "joint") or (ch.dep_ == "prep" and ch.lower_ in ("of", "between", "by"))
                for ch in tok.children
            )
            if kind != "named" and founded and tok.dep_ == "appos" and tok.head.i in s.actor_of:
                kind, k = "named", s.actor_of[tok.head.i]
            elif kind != "named" and founded:
                app = child(tok, "appos")
                listed = app is not None and (
                    child(app, "conj") is not None or any(t.text == ":" for t in doc[tok.i : app.i])
                )
                if app is not None and app.i in s.actor_of and not listed:
                    kind, k = "named", s.actor_of[app.i]
            # "X, a joint venture of A and B", "a consortium of A, B and C": its founders
            of = _pobj(tok, "of", "between")
            if of is not None and tok.lemma_.lower() in JOINT_NOUNS:
                members = s.collect(of)
                if members:
                    emit(Role.FOUNDER, members, tok, (kind, k) if kind else ("noun", None), *s.status(tok))
            if kind == "named" and k is not None and mentions[k].type == "ORG":
                out.venture(mentions[k], tok.text)
    used_nouns: set[int] = set()
    for tok in doc:
        lemma = tok.lemma_.lower()
        # ------------------------------------------------------------ verbs
        verbal = tok.pos_ in ("VERB", "AUX") or (
            tok.pos_ == "ADJ" and child(tok, "nsubj", "dobj") is not None  # "each own 10%": tagged ADJ
        )
        if verbal and lemma in lex.verbs:
            entry = _verb_entry(tok, lex.verbs[lemma])
            if entry is None:
                continue
            role = entry["role"]
            passive = child(tok, "auxpass", "nsubjpass") is not None or (
                tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and child(tok, "agent") is not None
            )
            subj, _gov = _subject(tok)
            obj = child(tok, "dobj", "attr", "oprd")
            if entry.get("object") == "stake":
                if obj is None or not (obj.lemma_.lower() in lex.stake_nouns or obj.i in s.value_of):
                    continue
                used_nouns.add(obj.i)
            if entry.get("object") == "technology" and (
                obj is None or obj.lemma_.lower() not in lex.technology_nouns
            ):
                continue
            if entry.get("object_word") and (obj is None or obj.lower_ != entry["object_word"]):
                continue
            if passive:
                actor_tok = _pobj(tok, "by")
                venture_tok = child(tok, "nsubjpass")
                if tok.dep_ in ("acl", "relcl") and (
                    venture_tok is None or venture_tok.lower_ in lex.pronouns
                ):
                    venture_tok = tok.head
            else:
                actor_tok = subj
                venture_tok = obj if entry.get("object_word") is None else None
                if venture_tok is not None and entry.get("object") == "stake":
                    venture_tok = obj
                if venture_tok is None or s.venture(venture_tok)[0] in ("", "other"):
                    venture_tok = (
                        _pobj(tok, "in", "into", "to", "of", "for") or _deep_pobj(tok, subj) or venture_tok
                    )
                if tok.dep_ in ("relcl", "acl") and (actor_tok is None or actor_tok.lower_ in lex.pronouns):
                    actor_tok = tok.head
            venture = s.venture(venture_tok)
            if venture_tok is not None and role in (Role.LEADER, Role.PARTNER, Role.FOUNDER):
                head_cue = lex.noun_at(doc, venture_tok.i)
                if head_cue and head_cue[0]["role"] == Role.FUNDER:
                    role = Role.FUNDER  # "a support programme managed by the ministry"
            pk, pv, founding = _purpose_venture(s, tok)
            if founding and role in (Role.PARTNER, Role.INVESTOR):
                role, venture = Role.FOUNDER, (pk, pv)
            elif not venture[0] and pk:
                venture = (pk, pv)
            if venture[0] == "other" or (venture[0] == "proper" and role not in (Role.LEADER, Role.FUNDER)):
                continue
            if not venture[0] and not (
                (role in (Role.INVESTOR, Role.FUNDER, Role.PARTNER) or entry.get("symmetric"))
                and (strong_anchor or previous)
            ):
                continue
            actors = s.collect(actor_tok) if actor_tok is not None else []
            if entry.get("symmetric"):
                with_tok = _pobj(tok, "with")
                if with_tok is not None:
                    actors += s.collect(with_tok)
            title = ""
            if actor_tok is not None and not actors:
                # "led by a Siemens executive", "an executive from X": the organisation behind a title
                hit = lex.noun_at(doc, actor_tok.i)
                if hit and hit[0].get("title"):
                    title = hit[0]["lemma"]
                    inner = [t for t in actor_tok.subtree if t.i in s.actor_of and t.i != actor_tok.i]
                    actors = [s.actor_of[t.i] for t in inner]
                elif actor_tok.lower_ in lex.pronouns and _governing_subject(s, tok) is not None:
                    actors = s.collect(_governing_subject(s, tok))
                elif actor_tok.lower_ in lex.pronouns and previous:
                    actors = [s.adopt(m) for _r, ms in previous for m in ms]
            if actor_tok is not None and any(mentions[k].type == "PERSON" for k in actors):
                prev_employer = _former_employer(s, actor_tok)
                if prev_employer:
                    title = f"{title} (formerly of {prev_employer})".strip()
            tense, negated = s.status(tok, None if title or entry.get("planned") else actor_tok)
            if entry.get("planned") and tense == "current":
                tense = "planned"
            if entry.get("tense"):
                tense = entry["tense"]
            stake_ks = s.values_in(
                tok, exclude={t.i for a in ([actor_tok] if actor_tok is not None else []) for t in a.subtree}
            )
            dist = s.distributive(tok, actor_tok)
            emit(role, actors, tok, venture, tense, negated, stake_ks, dist, title)
            continue
        # ------------------------------------------------------------ inclusion: "the backers include A and B"
        if tok.pos_ in ("VERB", "AUX") and lemma in lex.inclusion_verbs:
            subj = child(tok, "nsubj", "nsubjpass")
            obj = child(tok, "dobj", "attr") or _pobj(tok, "of")
            if subj is None or obj is None:
                continue
            hit = lex.noun_at(doc, subj.i)
            as_role = _as_role(tok, lex, doc)
            role = None
            if as_role:
                role = as_role
            elif hit:
                role = hit[0]["role"]
                used_nouns.add(subj.i)
            elif s.venture(subj)[0] == "named" or (s.venture(subj)[0] == "noun" and subj.tag_ != "NNS"):
                role = Role.PARTNER  # "the consortium includes A" (but "other firms include A" is no venture)
            elif subj.lower_ in lex.pronouns and previous:
                role = previous[0][0]
            if role is None:
                continue
            venture = s.venture(subj) if not hit else ("noun", None)
            tense, negated = s.status(tok)
            actors = s.collect(obj)
            emit(role, actors, tok, venture if venture[0] else ("noun", None), tense, negated, (), False)
            continue
        # ------------------------------------------------------------ nouns
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_nouns and tok.i not in s.actor_of:
            hit = lex.noun_at(doc, tok.i)
            if not hit:
                continue
            entry, _first = hit
            facts_before = len(facts)
            _noun_fact(s, tok, entry, emit, anchored, previous)
            if len(facts) > facts_before:
                used_nouns.add(tok.i)
    return facts, [(role, [mentions[k] for k in ks]) for role, ks in out.emitted]


class _Facts(FactEmitter):
    """English: an offer's price, or an amount in no known currency, is no stake; a stake word modifies a
    stake noun; a figure right after each listed name is that member's; a company the model took for a
    nationality is still a member; "a consortium led by A, B and C" makes them its lead members (founders)."""

    def keeps_stake(self, stake: Stake, role: str, tense: str) -> bool:
        return not (
            stake.kind == "money"
            and (stake.currency in (None, "?") or (tense == "planned" and role == Role.INVESTOR))
        )

    def stake_words(self, cue_tok) -> list[str]:
        lex, doc = self.s.lex, self.s.doc
        return [
            lex.stake_words[t.lower_]
            for t in cue_tok.subtree
            if t.lower_ in lex.stake_words
            and t.dep_ in ("amod", "compound")
            and (t.head.lemma_.lower() in lex.stake_nouns or lex.noun_at(doc, t.head.i) is not None)
        ]

    def own_stakes(self, ks: list[int]) -> dict[int, Stake]:
        return _adjacent_stakes(self.s, ks)

    def member_role(self, k: int, role: str, title: str) -> str | None:
        s = self.s
        m = s.mentions[k]
        head = s.doc[s.heads[k]] if k in s.heads else None
        company_like = (
            m.type == "NORP"
            and head is not None
            and head.tag_ in ("NNP", "NNPS")
            and head.dep_ in ("nsubj", "nsubjpass", "conj", "pobj", "appos", "dobj", "poss")
        )  # "Nexans took a stake": a company the model took for a nationality
        if m.type in ("GPE", "NORP") and role != Role.FUNDER and not company_like:
            return None  # "Japan launched an initiative": a country is a funder or nothing
        if role == Role.LEADER and m.type != "PERSON" and not title:
            return Role.FOUNDER  # "a consortium led by A, B and C": the lead members
        return role


def _as_role(verb, lex: Lexicon, doc) -> str | None:
    """ "… includes X as minority shareholders": the role the 'as' phrase gives."""
    p = _pobj(verb, "as")
    if p is not None:
        hit = lex.noun_at(doc, p.i)
        if hit:
            return hit[0]["role"]
    return None


def _verb_entry(tok, entries: list[dict]) -> dict | None:
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    objs = {c.lower_ for c in tok.children if c.dep_ == "dobj"}
    best = None
    for e in entries:
        if "particle" in e:
            if e["particle"] in prts:
                return e
            continue
        if "object_word" in e:
            if e["object_word"] in objs:
                return e
            continue
        if best is None:
            best = e
    if best is not None and prts and any(e.get("particle") for e in entries):
        return None  # "take over" handled above; "set off" is not "set up"
    return best


def _noun_fact(s: _Sentence, n, entry: dict, emit, anchored: bool, previous) -> None:
    lex, doc = s.lex, s.doc
    role = entry["role"]
    actors: list[int] = []
    actor_tok = None
    venture: tuple[str, int | None] = ("", None)
    status_tok = n
    # the venture: "a founder of X", "a stake in X", "chief executive of X", "investors in X"
    vt = _pobj(n, "of", "in", "at", "for", "to")
    if vt is not None and (
        vt.lemma_.lower() in lex.stake_nouns
        or not (vt.i in s.value_of or any(c.i in s.value_of for c in vt.children))
    ):
        venture = s.venture(vt)  # "a subsidy of 300 million euros" names an amount, not a venture
    # 1. possessor: "A's 51% stake"
    poss = child(n, "poss")
    if poss is not None and poss.lower_ not in lex.pronouns and not entry.get("title"):
        actors = s.collect(poss)  # (a title's possessor is what the person leads: "LSE's chief executive")
        actor_tok = poss
    # 2. by/from: "an investment by A", "a subsidy from the ministry"
    if not actors:
        t = _pobj(n, "by", "from")
        if t is None:
            for u in n.subtree:
                if u.dep_ == "prep" and u.lower_ in ("from", "by") and u.head.pos_ != "VERB":
                    t = _pobj(u.head, u.lower_)
                    break
        if t is not None:
            actors, actor_tok = s.collect(t), t
    # 2b. "received a subsidy from the ministry": the phrase hangs on the verb
    if not actors and n.dep_ in ("dobj", "pobj") and n.head.pos_ in ("VERB", "ADP"):
        verb = n.head if n.head.pos_ == "VERB" else n.head.head
        t = _pobj(verb, "from")
        if t is not None:
            actors, actor_tok = s.collect(t), t
    # 3. "a programme managed by the ministry", "a fund backed by A"
    if not actors:
        for ch in n.children:
            if ch.dep_ in ("acl", "relcl"):
                t = _pobj(ch, "by")
                if t is not None:
                    actors, actor_tok = s.collect(t), t
                    status_tok = ch
                    break
    # 4. names glued to the noun: "the KfW programme", "a ministry-led program", "a Siemens executive"
    if not actors:
        for t in n.subtree:
            if (
                t.i in s.actor_of and t.i < n.i and t.dep_ in ("compound", "nmod", "amod", "npadvmod", "poss")
            ) or (
                t.i in s.actor_of and t.i < n.i and t.head.dep_ in ("amod", "compound") and t.head.head is n
            ):
                actors.append(s.actor_of[t.i])
    # 5. copula: "A and B are investors", "Deutsche Bank is not an investor"
    if not actors and n.dep_ in ("attr", "acomp") and n.head.lemma_ == "be":
        subj = child(n.head, "nsubj")
        if subj is not None:
            if n.head.dep_ == "relcl" and subj.lower_ in lex.pronouns:
                subj = n.head.head
            actors, actor_tok, status_tok = s.collect(subj), subj, n.head
    # 6. beside a name: "A, a shareholder in X", "Maria Silva, chief executive of X", "chief executive Maria Silva"
    if not actors and n.dep_ == "appos" and n.head.i in s.actor_of:
        actors, actor_tok = [s.actor_of[n.head.i]], n.head
    if not actors:
        for ch in n.children:
            if ch.dep_ == "appos" and ch.i in s.actor_of:
                actors, actor_tok = s.collect(ch), ch
                break
    if not actors and n.dep_ in ("compound", "amod") and n.head.i in s.actor_of:
        actors, actor_tok = [s.actor_of[n.head.i]], n.head
    # 7. a list it introduces: "minority shareholders, including A and B", "investors such as A"
    if not actors:
        inner = s.collect(n)
        if inner:
            actors, actor_tok = inner, n
    # 8. "… joined as a shareholder" / "includes X as minority shareholders"
    explicit = False
    if not actors and n.dep_ == "pobj" and n.head.lower_ == "as":
        explicit = True
        verb = n.head.head
        obj = child(verb, "dobj")
        t = obj if obj is not None else child(verb, "nsubj")
        if t is not None:
            actors, actor_tok, status_tok = s.collect(t), t, verb
            if not actors and obj is not None and verb.lemma_ in lex.inclusion_verbs:
                actors = []
        if not actors and verb.pos_ in ("NOUN", "PROPN"):  # "Inclusion of A and B as minority investors"
            of = next((t for t in doc[: n.head.i] if t.lower_ == "of" and t.i > verb.i - 3), None)
            if of is not None:
                actors = list(dict.fromkeys(s.actor_of[i] for i in range(of.i, n.head.i) if i in s.actor_of))
    # 9. label line: "Core Members: A, B, and C."
    if not actors:
        # "the shareholders of the new X: A, B and C" — the list after the colon that ends the noun's phrase
        colon = next((t for t in doc[n.i + 1 :] if t.text == ":"), None)
        sub_ids = {t.i for t in n.subtree}
        if colon is not None and all(i in sub_ids for i in range(n.i, colon.i)):
            actors = list(dict.fromkeys(s.actor_of[t.i] for t in doc[colon.i + 1 :] if t.i in s.actor_of))
    if not actors:
        return
    if not venture[0] and not anchored and not explicit and not previous:
        return
    if venture[0] in ("other", "proper") and not entry.get("title"):
        return
    if entry.get("title"):
        title = entry["lemma"]
        former = [t.text for t in n.subtree if t.lower_ in lex.former_words]
        if former:
            title = f"former {title}"
        people = [k for k in actors if s.mentions[k].type == "PERSON"]
        if people and actor_tok is not None:
            prev = _former_employer(s, actor_tok)
            if prev:
                title += f" (formerly of {prev})"
        if not venture[0] and poss is not None:
            venture = s.venture(poss)  # "the venture's chief executive, P"
        if not venture[0]:
            near = list(n.children) + (list(actor_tok.children) if actor_tok is not None else [])
            for t in near:
                if (
                    t.dep_ in ("compound", "nmod", "poss")
                    and t.i in s.actor_of
                    and s.mentions[s.actor_of[t.i]].type == "ORG"
                ):
                    venture = ("named", s.actor_of[t.i])  # "Microsoft President P": P leads Microsoft
        if venture[0] not in ("named", "noun", "pronoun"):
            return  # a title with no venture: the person leads something else
        if not people:
            # an unnamed "Siemens executive" leads: the organisation, only with a leading verb nearby
            return
    else:
        title = ""
    tense, negated = s.status(status_tok, None if entry.get("planned") else actor_tok)
    if not entry.get("planned") and any(
        ch.dep_ == "amod" and ch.lower_ in lex.negating_modifiers for ch in n.children
    ):
        negated = True  # "an unrelated investor"; but a rival bidder is still a bidder
    if any(ch.dep_ == "amod" and ch.lower_ in lex.former_words for ch in n.children):
        tense = "former"
    if any(ch.lower_ in lex.speculative for ch in n.subtree if ch.i < n.i):
        negated = True  # "would-be suitors", "a rumoured bidder"
    if n.dep_ in ("nsubj", "nsubjpass", "appos") and (
        n.head.lemma_.lower() in lex.withdrawing or n.head.head.lemma_.lower() in lex.withdrawing
    ):
        negated = True  # "the backers of the rival bid withdrew", "A, a rival bidder, dropped out"
    if n.dep_ == "appos" and actor_tok is not None and actor_tok.head.lemma_.lower() in lex.withdrawing:
        negated = True
    if entry.get("planned"):
        tense = "planned"
    stake_ks = s.values_in(n, exclude=set())
    dist = s.distributive(n, actor_tok, n.head)
    emit(role, actors, n, venture if venture[0] else ("noun", None), tense, negated, stake_ks, dist, title)


def _former_employer(s: _Sentence, person_tok) -> str:
    for t in person_tok.subtree:
        if t.lower_ in s.lex.former_words:
            for u in t.head.subtree:
                if u.i in s.actor_of and s.mentions[s.actor_of[u.i]].type == "ORG":
                    m = s.mentions[s.actor_of[u.i]]
                    return s.doc.text[m.start - s.off : m.end - s.off]
    return ""


# ---------------------------------------------------------------------------------- lines


TABLE_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{3,}")
LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪‣–]|\d+[.)])\s+")


def line_facts(
    text: str, start: int, end: int, mentions: list[Mention], lex: Lexicon, state: dict
) -> list[RoleFact]:
    """Tables, label lines and bullet lists, read without a parse.

    ``state`` carries a role from a line that introduces a list ("The founders are:") to its items and a
    table's role column from its header row.
    """
    line = text[start:end]
    facts: list[RoleFact] = []
    actors = [m for m in mentions if m.type in ACTOR_TYPES and start <= m.start and m.end <= end]
    values = [m for m in mentions if m.type in VALUE_TYPES and start <= m.start and m.end <= end]
    is_item = bool(LIST_ITEM.match(line))
    if "|" in line or "\t" in line:
        cells = [
            (c.start(), c.end()) for c in re.finditer(r"[^|\t]+", line) if line[c.start() : c.end()].strip()
        ]
        header = [line[a:b].strip().lower() for a, b in cells]
        if any(h in ("role", "type", "category", "participation", "status") for h in header) and not actors:
            state["role_col"] = next(
                i
                for i, h in enumerate(header)
                if h in ("role", "type", "category", "participation", "status")
            )
            return facts
        role = None
        for i, (a, b) in enumerate(cells):
            cell = line[a:b]
            if any(start + a <= m.start < start + b for m in actors):
                continue
            entry = lex.noun_in_text(cell)
            if entry and (state.get("role_col") is None or state.get("role_col") == i):
                role = entry["role"]
                break
        if role and actors:
            st = percent_stake(values)
            facts += [line_fact(m, role, start, end, "table", st) for m in actors]
        return facts
    label = re.match(r"^\s*(?:[-*•·▪‣–]\s*)?([^:]{2,60}):\s*(\S.*)?$", line)
    if label:
        entry = lex.noun_in_text(label.group(1))
        if entry and not any(m.start < start + label.end(1) for m in actors):
            if label.group(2) is None or not actors:
                state["list_role"] = entry["role"]
                return facts
            facts += [line_fact(m, entry["role"], start, end, "label") for m in actors]
            state.pop("list_role", None)
            return facts
    if is_item and state.get("list_role") and actors:
        first = actors[0]
        if first.start - start <= 40:
            facts.append(line_fact(first, state["list_role"], start, end, "list", percent_stake(values)))
        return facts
    if not is_item:
        state.pop("list_role", None)
        if line.rstrip().endswith(":"):
            entry = lex.noun_in_text(line)
            if entry:
                state["list_role"] = entry["role"]
    return facts


# ---------------------------------------------------------------------------------- per article


def article_facts(
    text: str, segments, mentions: list[Mention], parse, language: str = "en"
) -> list[RoleFact]:
    """Every role fact of one article.

    ``segments``: (start, end, boilerplate) sentences and lines; ``parse``: texts -> spaCy docs (only the
    sentences that name an actor and contain a cue are parsed).
    """
    lex = lexicon(language)

    def wants_parse(line: str, inside: list[Mention]) -> bool:
        if line.count("|") >= 2:
            return False  # a table row that named no role
        return bool(lex.trigger.search(line)) and (
            any(m.type in ACTOR_TYPES for m in inside)
            or re.match(r"^\s*(?:this|these|they|it|its|the)\b", line, re.I) is not None
        )

    def walk(doc, start: int, end: int, inside: list[Mention], previous):
        got, carry = sentence_facts(doc, start, end, inside, lex, previous)
        return got, carry or None

    return read_article(
        text,
        segments,
        mentions,
        parse,
        lambda start, end, inside, state: line_facts(text, start, end, inside, lex, state),
        wants_parse,
        walk,
    )
