"""Who met whom, read from dependency trees.

A trigger word (``met``, ``received``, ``held talks``, ``congratulated``, ``встретился``, ``провел
переговоры``, ``телефонный разговор``…; ``kg/data/frames.yaml``) decides what kind of encounter a
clause reports; the parse tree decides whose it is:

* the subject side — ``nsubj`` (or a passive's ``by``-agent / Russian instrumental) — meets
* the object side — direct and indirect objects and ``with``/``to``/``between``/``с`` phrases,
  of the verb or of its noun (``held talks with``), with everything coordinated inside them;
* a reciprocal trigger with no object side pairs the people of its subject (``X and Y met``);
* a noun trigger pairs the people it names (``the meeting between X and Y``, ``Встреча X и Y``)
  or the subject of the verb it hangs under with its ``with`` phrase.

Anyone is a participant as far as the role words between title and name go: the tree, not a list
of known titles, says which noun phrase a name belongs to. Clauses inside an argument (relative
clauses, "…, Kazinform reports") and topic phrases ("about", "on behalf of") are not searched.
A clause that is negated, in the future, governed by a plan ("is expected to meet") or opened as
background ("Earlier, …") reports no held encounter.

English trees come from spaCy's parser (en_core_web_sm), Russian ones from slovnet's UD parser
(run by ``kg.extract.nlp``'s natasha component and stored in ``doc.user_data["syntax"]``).
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from kg.data import load_yaml
from kg.extract.mentions import Mention, Sentence


@dataclass(frozen=True, slots=True)
class Tok:
    """One token of a dependency tree, in either language's labels."""

    i: int
    start: int
    end: int
    text: str
    word: str          # lower-cased form (English) or lemma (Russian): what the data file lists
    head: int          # index of the head token, -1 for a root
    dep: str
    pos: str = ""
    feats: str = ""


@dataclass(slots=True)
class Frame:
    """One clause that reports an encounter, with its two sides."""

    kind: str
    sentence: int
    trigger: str
    agents: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)
    reciprocal: bool = False
    status: str = "held"            # held | planned | negated | background
    implicit_agent: bool = False    # no named subject: the item's protagonist ("He met with …", "Received …")
    implicit_other: bool = False    # no named counterpart: the item's protagonist ("Messages were sent by: …")
    passive: bool = False
    span: tuple[int, int] = (0, 0)  # the trigger word's characters in the item's text
    arrival: bool = False           # "X arrived in Astana": attendance only beside a reported multilateral event
    signing: bool = False           # "X and Y signed": an event of its signatories, not by itself a multilateral one
    joins: bool = False             # "В беседе участвовал и X": a part in a meeting, perhaps one reported before
    couriers: list[Mention] = field(default_factory=list)   # who passed the message on, in person: met its addressee
    # month words of the sentence that date something else ("gathered … to follow up a summit in March"):
    # they do not move this encounter out of the item's time
    foreign_dates: tuple[tuple[int, int], ...] = ()


class _Lexicon:
    def __init__(self, lang: str) -> None:
        data = load_yaml("frames.yaml")[lang]
        self.lang = lang
        self.verbs: dict[str, tuple[str, bool]] = {}
        for kind, modes in data["verbs"].items():
            for mode, words in modes.items():
                for w in words:
                    self.verbs.setdefault(w, (kind, mode == "reciprocal"))
        self.support = set(data["support"])
        self.event_verbs = set(data["event_verbs"])
        self.event_nouns = set(data["event_nouns"])
        self.arrival_verbs = set(data["arrival_verbs"])
        self.signing_verbs = set(data["signing_verbs"])
        self.presence_adjectives = set(data.get("presence_adjectives", ()))
        self.chair_nouns = set(data.get("chair_nouns", ()))
        self.nouns = {w: kind for kind, words in data["nouns"].items() for w in words}
        self.support_only = set(data["support_only"])
        self.one_way = set(data["one_way"])
        self.copy_nouns = set(data["copy_nouns"])
        self.courier_verbs = set(data["courier_verbs"])
        self.addressed_words = set(data["addressed_words"])
        self.call_in_person = set(data["call_in_person"])
        self.call_words = set(data["call_words"])
        self.with_preps = set(data["with_preps"])
        self.of_preps = set(data["of_preps"])
        self.from_preps = set(data["from_preps"])
        self.behalf_nouns = set(data["behalf_nouns"])
        self.honour_nouns = set(data["honour_nouns"])
        self.pruned_deps = set(data["pruned_deps"])
        self.head_participles = set(data["head_participles"])
        self.relative_pronouns = set(data["relative_pronouns"])
        self.place_preps = set(data["place_preps"])
        self.setting_preps = set(data.get("setting_preps", ()))
        self.meeting_pronouns = set(data.get("meeting_pronouns", ()))
        self.destination_preps = set(data.get("destination_preps", ()))
        self.serving_preps = set(data.get("serving_preps", ()))
        self.pruned_preps = set(data["pruned_preps"])
        self.future_aux = set(data["future_aux"])
        self.plan_heads = set(data["plan_heads"])
        self.not_held = set(data["not_held"])
        self.background = tuple(data["background_openers"])
        self.reference_heads = set(data["reference_heads"])
        self.negation = set(data["negation"])
        self.pronouns = set(data["pronouns"])
        self.roundup_nouns = set(data["roundup_nouns"])
        self.speech_verbs = set(data["speech_verbs"])
        self.colon_list = re.compile(r"(?:" + "|".join(data["colon_list_verbs"]) + r")\s*$", re.I)
        self.list_opener = re.compile(r"\s*(?:" + "|".join(data["list_openers"]) + ")", re.I)
        self.inclusion = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in data["inclusion_words"]) + r")(?!\w)", re.I)
        # every word a frame can start from: the rest of an item's tokens are never looked at
        self.candidates = (set(self.verbs) | self.support | set(self.nouns) | self.event_verbs | self.arrival_verbs
                           | self.presence_adjectives | self.chair_nouns)


@lru_cache(maxsize=2)
def lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang)


def tokens(doc: Doc, lang: str) -> list[Tok]:
    """The item's dependency tree as ``Tok`` rows (character offsets into the item's text)."""
    if lang == "ru":
        rows = doc.user_data.get("syntax") or []
        return [Tok(i, s, e, text, lemma, head, rel, pos, feats)
                for i, (s, e, text, lemma, head, rel, pos, feats) in enumerate(rows)]
    # one array read instead of a Python Token object per word: the rows of a long item cost ~4 ms otherwise
    array = doc.to_array(["IDX", "LENGTH", "HEAD", "IS_SPACE", "DEP"])
    columns = array[:, :4].astype("int64").tolist()   # HEAD is a signed offset stored unsigned
    deps = array[:, 4].tolist()                        # string hashes: unsigned
    strings, text = doc.vocab.strings, doc.text
    out = []
    for i, ((idx, length, head, space), dep) in enumerate(zip(columns, deps)):
        if space:
            continue
        word = text[idx:idx + length]
        out.append(Tok(i, idx, idx + length, word, word.lower(), -1 if head == 0 else i + head, strings[dep]))
    return out


class _Tree:
    def __init__(self, toks: list[Tok], lang: str) -> None:
        self.toks = {t.i: t for t in toks}
        self.children: dict[int, list[Tok]] = defaultdict(list)
        for t in toks:
            if t.head >= 0:
                self.children[t.head].append(t)
        self.lex = lexicon(lang)
        self.lang = lang

    def kids(self, t: Tok, *deps: str) -> list[Tok]:
        return [c for c in self.children.get(t.i, []) if not deps or c.dep in deps]

    def head(self, t: Tok) -> Tok | None:
        return self.toks.get(t.head) if t.head >= 0 else None

    def case_of(self, t: Tok) -> str | None:
        """The preposition of a Russian nominal (``с`` in ``с Президентом``)."""
        for c in self.kids(t, "case"):
            return c.word
        return None

    def _nominal_list(self, t: Tok) -> bool:
        """"лидеры восьми стран: президенты России X, Таджикистана Y": a list after a colon, not a clause."""
        return t.pos != "VERB" and not self.kids(t, "nsubj", "aux", "cop")

    def subtree(self, root: Tok) -> set[int]:
        """The argument's tokens, without the clauses and topic phrases inside it."""
        out: set[int] = set()
        stack = [root]
        while stack:
            t = stack.pop()
            if t.i in out:
                continue
            out.add(t.i)
            for c in self.children.get(t.i, []):
                if c.dep in self.lex.pruned_deps and not (c.dep == "parataxis" and self._nominal_list(c)) \
                        and c.word not in self.lex.head_participles:
                    continue
                if self.lang == "en" and c.dep == "prep" and c.word in self.lex.pruned_preps:
                    continue
                if self.lang == "en" and c.dep == "prep" and c.word in self.lex.serving_preps and t.dep == "appos" and t.i != root.i:
                    continue   # "X, diplomatic counselor to President Y": whom X serves, not a participant
                if self.lang == "ru" and c.dep in ("obl", "nmod") and self.case_of(c) in self.lex.pruned_preps:
                    continue
                stack.append(c)
        return out


# dependents only a clause has (a subject, an auxiliary, an object): a sentence with none is a fragment
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubj:pass", "aux", "auxpass", "aux:pass",
                          "dobj", "obj", "expl", "cop"})


def find_frames(lang: str, sentences: list[Sentence], toks: list[Tok], mentions: list[Mention]) -> list[Frame]:
    """Every clause of the item that reports an encounter, with the mentions on each side."""
    if not toks:
        return []
    lex = lexicon(lang)
    candidates = [t for t in toks if t.word in lex.candidates]
    if not candidates:
        return []
    tree = _Tree(toks, lang)
    anchors = _anchors(toks, mentions)
    frames: list[Frame] = []
    starts = [s.start for s in sentences]
    months = _month_words()
    month_words = [t for t in toks if t.text.lower().rstrip(".") in months]
    all_anchors: dict[int, list[Mention]] | None = None   # mere mentions too: read only for a chair
    for t in candidates:
        k = bisect.bisect_right(starts, t.start) - 1
        if k < 0 or t.end > sentences[k].end:
            continue
        sent = sentences[k]
        if t.word in lex.chair_nouns:
            if all_anchors is None:
                all_anchors = _anchors(toks, mentions, mention_only=True)
            frame = _chair_frame(tree, t, sent, all_anchors)
        else:
            frame = _frame_at(tree, t, sent, anchors)
        if frame is not None:
            frame.span = frame.span if frame.span != (0, 0) else (t.start, t.end)
            frame.signing = t.word in lex.signing_verbs
            frame.foreign_dates = _foreign_dates(tree, t, [m for m in month_words if sent.start <= m.start < sent.end])
            frames.append(frame)
        elif sent.text.rstrip().endswith(":") and _triggers_something(tree, t):
            frames.append(Frame(kind=_kind_of(tree, t), sentence=sent.index, trigger=t.text, implicit_agent=True))
    for f in frames:
        sent = sentences[f.sentence]
        if sent.text.rstrip().endswith(":") and (not f.agents or not f.others):
            listed = _listed_after(sentences, f.sentence, anchors)
            if f.passive and not f.agents and listed:
                # "Congratulatory messages have been sent by:" and a list: the senders; the item's protagonist receives
                f.agents, f.implicit_other = listed, not f.others
            elif not f.agents and f.others:
                f.agents, f.implicit_agent = listed, not listed
            elif listed:
                f.others = [m for m in listed if m not in f.agents]
    for f in frames:
        _complete_colon_list(f, sentences[f.sentence], anchors, lex)
        _continue_list(f, sentences[f.sentence], tree, anchors)
        people = {m.person for m in f.agents if m.kind != "org" and m.person is not None}
        if f.kind == "meeting" and f.reciprocal and not f.others and not f.implicit_other and len(people) >= 3:
            f.kind = "event"   # "the presidents of eight states gathered for the meeting": no bilateral talk, a joint event
    frames.extend(_roundup(tree, toks, sentences, anchors, frames))
    for f in frames:
        if f.others or f.kind == "event" or (f.reciprocal and len(f.agents) >= 2) or f.sentence + 1 >= len(sentences):
            continue
        nxt = sentences[f.sentence + 1]
        if lex.list_opener.match(nxt.text):
            # "… received the credentials of 13 new ambassadors. The ambassadors are X from A, Y from B, …"
            f.others = [m for m in _people_in(anchors, {nxt.index}) if m not in f.agents]
        elif f.agents and not f.reciprocal:
            # "… received the credentials of nine new ambassadors. [One more sentence.] The representatives of
            # the following nations are:" and a list: the list is who the one side received
            colon = next((x for x in sentences[f.sentence + 1:f.sentence + 3] if x.text.rstrip().endswith(":")), None)
            if colon is not None and not _people_in(anchors, {colon.index}):
                f.others = [m for m in _listed_after(sentences, colon.index, anchors) if m not in f.agents]
    for f in frames:
        if f.kind == "event" and f.status == "held" and len(f.agents) + len(f.others) >= 2 and f.sentence + 1 < len(sentences):
            # "… was attended by A, B and C. Then, D, E and F.": a sentence with no verb goes on with the list
            nxt = sentences[f.sentence + 1]
            listed = _people_in(anchors, {nxt.index})
            if len(listed) >= 2 and not any(nxt.start <= t.start < nxt.end and t.dep in _CLAUSE_DEPS for t in toks):
                f.agents.extend(m for m in listed if m not in f.agents and m not in f.others)
    return [f for f in frames if f.agents or f.others]


_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s*")


def _complete_colon_list(f: Frame, sent: Sentence, anchors: dict[int, list[Mention]], lex: _Lexicon) -> None:
    """"прибыли президенты восьми государств: глава России X, президент Азербайджана — Y, Белоруссии — Z":
    a side the parser found part of a colon list in is the whole list, to the sentence's end."""
    colon = sent.text.find(":")
    if colon < 0:
        return
    colon += sent.start
    listed = [m for m in _people_in(anchors, {sent.index}) if m.start > colon]
    for side, other in (("agents", "others"), ("others", "agents")):
        members = getattr(f, side)
        if f.span[0] < colon and any(m.start > colon for m in members):
            extra = [m for m in listed if m not in members and m not in getattr(f, other)]
            setattr(f, side, [*members, *extra])
    if listed and f.span[1] <= colon and all(m.kind != "name" for m in f.agents) and lex.colon_list.search(
            sent.text[:colon - sent.start]):
        # "The ambassadors presenting their credentials included: X (Chile); Y (Spain)": the group named
        # before the colon is the list after it
        f.agents = [m for m in listed if m not in f.others]


# what may stand between two people of one list: the first one's state ("… of Sweden", "(Sweden)"), then a
# comma, "and" or a semicolon
_LIST_GAP = {
    "en": re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|\s*\([^()]{2,40}\))?"
                     r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*(?:and\s+)?)"),
    "ru": re.compile(r"(?:\s*\([^()]{2,40}\))?\s*(?:,\s*(?:и\s+|а\s+также\s+)?|\s+и\s+|\s+а\s+также\s+|;\s*)"),
}


def _continue_list(f: Frame, sent: Sentence, tree: _Tree, anchors: dict[int, list[Mention]]) -> None:
    """"had discussions with the Prime Minister of Sweden X, Prime Minister Y of the United Kingdom and
    President Z": a parser lost in a long list of titled names hangs its tail elsewhere; the people that go on
    with the counterparts' list, separated by nothing but commas and "and", are counterparts too."""
    if not f.others or f.kind == "event":
        return
    people = _people_in(anchors, {sent.index})
    subjects = {m.start for i, ms in anchors.items() for m in ms
                if tree.toks[i].dep in ("nsubj", "nsubjpass", "nsubj:pass")}
    gap = _LIST_GAP[tree.lang]
    last = max(f.others, key=lambda m: m.start)
    for m in people:
        if m.start < last.end or m in f.others or m in f.agents:
            continue
        if m.start in subjects or not gap.fullmatch(sent.text, last.end - sent.start, m.start - sent.start):
            break   # "…, and Minister Y said": a clause of its own
        f.others.append(m)
        last = m


def _roundup(tree: _Tree, toks: list[Tok], sentences: list[Sentence], anchors: dict[int, list[Mention]],
             frames: list[Frame]) -> list[Frame]:
    """A message round-up: the lead speaks of messages one person received, from senders it names as a
    group ("Congratulations poured in … after X was elected"; "В адрес X поступают поздравления"); each later
    sentence whose subject is a named person who said, wished or wrote something is one sender's message."""
    lex = tree.lex
    starts = [s.start for s in sentences]
    # the lead: the first of the item's first four sentences that speaks of messages
    lead = None
    for t in toks:
        if t.word in lex.roundup_nouns:
            k = bisect.bisect_right(starts, t.start) - 1
            if k >= 4:
                break
            if k >= 0 and t.start < sentences[k].end:
                lead = sentences[k]
                break
    if lead is None:
        return []
    if any(f.sentence == lead.index and f.agents for f in frames):
        return []   # a lead that names its senders is read by its own frame
    recipients = {m.person: m for m in _people_in(anchors, {lead.index})}
    if len(recipients) != 1:
        return []
    recipient = next(iter(recipients.values()))
    out: list[Frame] = []
    for t in toks:
        if t.start < lead.end or t.word not in lex.speech_verbs:
            continue
        k = bisect.bisect_right(starts, t.start) - 1
        senders = [m for m in _people(tree, tree.kids(t, "nsubj"), anchors) if m.person != recipient.person
                   and not (m.country and recipient.country and m.country == recipient.country)]
        if senders:
            out.append(Frame(kind="message", sentence=sentences[k].index, trigger=t.text, agents=senders,
                             others=[recipient], span=(t.start, t.end)))
    return out


def _listed_after(sentences: list[Sentence], index: int, anchors: dict[int, list[Mention]]) -> list[Mention]:
    """"Верительные грамоты вручили:" then one line per envoy: the people of the list that follows a colon."""
    people_rows = {m.sentence for ms in anchors.values() for m in ms if m.kind != "org"}
    rows = []
    for sent in sentences[index + 1:]:
        # a bulleted line, or a short line naming someone that ends as list items do ("President of X Y,")
        if not (_BULLET.match(sent.text) or (len(sent.text) < 200 and sent.text.rstrip()[-1:] in ",;." and sent.index in people_rows)):
            break
        rows.append(sent.index)
    return _people_in(anchors, set(rows))


def _people_in(anchors: dict[int, list[Mention]], rows: set[int]) -> list[Mention]:
    """The people (no bodies) anchored in the given sentences, in text order, each once (a name is
    anchored by its role phrase as well when the parser hangs them apart)."""
    out: list[Mention] = []
    for m in sorted((m for ms in anchors.values() for m in ms if m.sentence in rows and m.kind != "org"),
                    key=lambda m: m.start):
        if m not in out:
            out.append(m)
    return out


def _triggers_something(tree: _Tree, t: Tok) -> bool:
    return t.word in tree.lex.verbs or (t.word in tree.lex.support and any(tree.lex.nouns.get(o.word) for o in tree.kids(t)))


def _kind_of(tree: _Tree, t: Tok) -> str:
    if t.word in tree.lex.verbs:
        return tree.lex.verbs[t.word][0]
    return next(tree.lex.nouns[o.word] for o in tree.kids(t) if tree.lex.nouns.get(o.word))


def _anchors(toks: list[Tok], mentions: list[Mention], mention_only: bool = False) -> dict[int, list[Mention]]:
    """Each mention hangs in the tree by its head token: the one of its name whose head lies outside it
    (mere mentions too when ``mention_only``: a chair named in a phrase that otherwise marks one)."""
    out: dict[int, list[Mention]] = defaultdict(list)
    ordered = sorted(toks, key=lambda t: t.start)
    ends = [t.end for t in ordered]
    names = [(m.name_start, m.name_end) for m in mentions if m.kind == "name"]
    for m in mentions:
        if m.mention_only and not mention_only:
            continue
        if m.kind == "roleref" and any(m.start < e and s < m.end for s, e in names):
            continue   # a role phrase around a name ("директором Хосе Муньосом"): the name speaks for it
        if m.kind == "org" and not m.group:
            continue
        if m.kind != "org" and m.person is None:
            continue
        lo, hi = (m.name_start, m.name_end) if m.kind == "name" else (m.start, m.end)
        first = bisect.bisect_right(ends, lo)   # the first token ending after the mention starts
        inside = []
        for t in ordered[first:]:
            if t.start >= hi:
                break
            inside.append(t)
        if not inside:
            continue
        ids = {t.i for t in inside}
        top = next((t for t in inside if t.head not in ids), inside[-1])
        out[top.i].append(m)
        if m.kind == "name" and m.start < m.name_start:
            # the role phrase before the name is the same noun phrase; a parser that splits them ("meeting with
            # State Councilor and Minister … Wang Yi" with the name hung elsewhere) still reaches the person by it
            role = [t for t in ordered[bisect.bisect_right(ends, m.start):] if t.start < m.name_start]
            role_ids = {t.i for t in role}
            role_top = next((t for t in role if t.head not in role_ids | ids), None)
            if role_top is not None and role_top.head not in ids and m not in out[role_top.i]:
                out[role_top.i].append(m)
    return out


def _frame_at(tree: _Tree, t: Tok, sent: Sentence, anchors: dict[int, list[Mention]]) -> Frame | None:
    lex = tree.lex
    noun_kind = lex.nouns.get(t.word)
    verb = lex.verbs.get(t.word)
    if tree.lang == "en" and noun_kind and verb and _nominal(tree, t):
        verb = None
    if tree.lang == "ru" and t.pos not in ("VERB", "AUX", ""):
        verb = None if t.pos != "ADJ" else verb   # a participle ("принят") is tagged ADJ/VERB
    if verb is None and t.word in lex.presence_adjectives and t.dep == "acomp":
        verb = ("event", True)   # "Several leaders … were also present at the event"
    if verb is None and t.word in lex.event_verbs and _event_named(tree, t):
        verb = ("event", True)
    elif verb is None and t.word in lex.arrival_verbs:
        met_at = _gathered_for(tree, t)
        if met_at is not None:
            # "X, Y and Z gathered for a virtual meeting", "на встречу прибыли президенты": they met there
            frame = _verb_frame(tree, t, sent, anchors, (lex.nouns[met_at.word], True))
            if frame is not None and _mentions_call(tree, met_at, met_at, sent):
                frame.kind = "call"
            return frame
        frame = _verb_frame(tree, t, sent, anchors, ("event", True))
        if frame is not None:
            frame.arrival = True
        return frame
    if verb is not None or t.word in lex.support:
        frame = _verb_frame(tree, t, sent, anchors, verb)
        if frame is not None and frame.kind == "event" and not frame.others and _in_a_meeting(tree, t):
            # "took part in the talks", "В беседе участвовал и X": a participant of the meeting the item reports
            frame.joins = True   # still an event unless the item reported a meeting before it (``items``)
        if frame is not None and frame.kind == "event" and frame.passive and any(m.kind != "org" for m in frame.others):
            # "The former President was joined by his aide X": X came with a person, to no event of their own;
            # they attend only an event the item reports
            frame.arrival = True
        return frame
    if noun_kind and t.word not in lex.support_only:
        head = tree.head(t)
        read_by_verb = ("dobj", "obj", "attr") if tree.lang == "en" else ("obj", "nsubj", "nsubj:pass")
        if head is not None and head.word in lex.support and t.dep in read_by_verb:
            return None   # "held talks", "состоялась встреча": read from the verb
        return _noun_frame(tree, t, sent, anchors, noun_kind)
    return None


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    from kg.read import rules

    return frozenset(rules().months)


def _foreign_dates(tree: _Tree, t: Tok, month_words: list[Tok]) -> tuple[tuple[int, int], ...]:
    """Month words of the sentence that hang on another clause or another encounter noun than the
    trigger's: walking up from the month, the first clause head or encounter noun met is not the
    trigger nor anything above it ("met Y, who had visited in March"; "gathered to follow the results
    of a summit in March")."""
    if not month_words:
        return ()
    lex = tree.lex
    above = {t.i}
    cur: Tok | None = t
    for _ in range(40):   # a bounded walk: a parser's tree may hold a cycle
        if cur is None:
            break
        above.add(cur.i)
        cur = tree.head(cur)
    out = []
    for m in month_words:
        cur, steps = m, 0
        while cur is not None and steps < 12:
            if cur.i in above:
                break   # the trigger's own clause dates it
            clause = (cur.pos in ("VERB", "AUX") if tree.lang == "ru"
                      else cur.dep in ("relcl", "advcl", "xcomp", "ccomp", "acl", "pcomp") or bool(tree.kids(cur, "nsubj", "nsubjpass")))
            if cur is not m and (clause or cur.word in lex.nouns or cur.word in lex.event_nouns):
                out.append((m.start, m.end))
                break
            cur, steps = tree.head(cur), steps + 1
    return tuple(out)


def _chair_frame(tree: _Tree, t: Tok, sent: Sentence, anchors: dict[int, list[Mention]]) -> Frame | None:
    """"под руководством Председателя КНР X прошло заседание", "the summit was held under the chairmanship
    of X": X chaired, so attended, the event or meeting the clause reports. ("Under the leadership of
    President X the country grew" names no encounter: X stays a mere mention.)"""
    lex = tree.lex
    if tree.lang == "ru":
        verb = tree.head(t) if tree.case_of(t) == "под" else None
        held_by = tree.kids(t, "nmod")
    else:
        under = tree.head(t)
        verb = tree.head(under) if under is not None and under.word == "under" else None
        held_by = _preps(tree, t, {"of"})
    if verb is None or not any(c.word in lex.event_nouns or lex.nouns.get(c.word) in ("meeting", "event")
                               for c in tree.kids(verb, "nsubj", "nsubjpass", "nsubj:pass", "obj", "dobj")):
        return None
    people = [m for m in _people(tree, held_by, anchors) if m.kind == "name"]
    if not people:
        return None
    for m in people:
        m.mention_only = False   # the chair is a participant, not a mere mention
    return Frame(kind="event", sentence=sent.index, trigger=t.text, agents=people, reciprocal=True,
                 status=_status(tree, verb, sent, None))


def _gathered_for(tree: _Tree, t: Tok) -> Tok | None:
    """The meeting an arrival verb's people came to ("gathered for a virtual meeting", "прибыли на
    встречу"): a meeting or call noun as the verb's destination."""
    lex = tree.lex
    dests = _preps(tree, t, lex.destination_preps)
    return next((d for d in dests if lex.nouns.get(d.word) in ("meeting", "call") and d.word not in lex.support_only), None)


def _event_named(tree: _Tree, t: Tok) -> bool:
    """"arrived for the summit", "открыл заседание", "на мероприятие прибыли": an event beside the verb."""
    for c in tree.kids(t):
        if c.word in tree.lex.event_nouns:
            return True
        if tree.lang == "en" and c.dep == "prep" and any(p.word in tree.lex.event_nouns for p in tree.kids(c, "pobj")):
            return True
    return False


def _nominal(tree: _Tree, t: Tok) -> bool:
    """"the meeting" / "meeting with …" as a noun, not "is meeting with"."""
    if tree.kids(t, "det", "amod", "poss", "compound", "nummod"):
        return True
    return t.dep in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "compound", "appos", "npadvmod", "ROOT") and not tree.kids(t, "nsubj", "aux")


def _people(tree: _Tree, roots: list[Tok], anchors: dict[int, list[Mention]], skip: set[int] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    out: list[Mention] = []
    for root in roots:
        for i in sorted(tree.subtree(root) - skip):
            if tree.toks[i].dep == "poss" and i != root.i:
                continue   # "… President X’s reform agenda": the possessor qualifies a thing, no counterpart
            for m in anchors.get(i, ()):
                if m not in out:
                    out.append(m)
    return out


def _honoured(tree: _Tree, t: Tok) -> list[Tok]:
    """"hosted a banquet in honour of X", "дал обед в честь X": the one honoured."""
    nouns = [n for n in _preps(tree, t, {"in", "в"}) if n.word in tree.lex.honour_nouns]
    if tree.lang == "en":
        return [o for n in nouns for o in _preps(tree, n, {"of"})]
    return [o for n in nouns for o in tree.kids(n, "nmod")]


def _preps(tree: _Tree, t: Tok, words: set[str]) -> list[Tok]:
    """Objects of the given prepositions under ``t`` (``with X``, ``с X``)."""
    out: list[Tok] = []
    if tree.lang == "en":
        for p in tree.kids(t, "prep", "agent", "dative"):   # "sent a message to X": "to" as the parser's dative
            if p.word in words:
                out.extend(tree.kids(p, "pobj"))
                # "with President X and with Minister Y"
                for c in tree.kids(p, "conj"):
                    out.extend(tree.kids(c, "pobj"))
    else:
        for c in tree.kids(t, "obl", "nmod"):
            if tree.case_of(c) in words:
                out.append(c)
    return out


def _verb_frame(tree: _Tree, t: Tok, sent: Sentence, anchors: dict[int, list[Mention]],
                verb: tuple[str, bool] | None) -> Frame | None:
    lex = tree.lex
    en = tree.lang == "en"
    obj_deps = ("dobj", "dative", "attr", "oprd") if en else ("obj", "iobj")
    objects = tree.kids(t, *obj_deps)
    noun = next((o for o in objects if lex.nouns.get(o.word)), None)
    if noun is None:
        # "presented copies of his credentials", "вручил копию консульской экзекватуры": the thing is a copy's
        noun = next((g for o in objects if o.word in lex.copy_nouns
                     for g in (tree.kids(o, "nmod") if not en else [p for q in tree.kids(o, "prep") for p in tree.kids(q, "pobj")])
                     if lex.nouns.get(g.word)), None)
    if noun is not None and lex.nouns.get(noun.word) != "meeting":
        # "Letters of Credence": the thing is named by its complement
        of = _preps(tree, noun, {"of"}) if en else tree.kids(noun, "nmod")
        noun = next((c for c in of if c.word in lex.one_way and lex.nouns.get(c.word)), noun)
    if noun is None and not en:
        noun = next((c for c in tree.kids(t, "nsubj") if lex.nouns.get(c.word)), None)   # "состоялась встреча"
    if noun is None and t.word in lex.support:
        # "Messages were sent by …", "Верительные грамоты вручили …": the noun is the passive's subject
        noun = next((c for c in tree.kids(t, "nsubjpass", "nsubj:pass") if lex.nouns.get(c.word) or c.word in lex.event_nouns), None)
    if verb is not None and any(o.word in lex.event_nouns or lex.nouns.get(o.word) == "event" for o in objects):
        verb = ("event", True)   # "hosted the summit", "welcomed the forum": a part in a multilateral event
        noun = None
    if t.word in lex.support and noun is not None and (verb is None or noun.word in lex.nouns):
        kind = lex.nouns.get(noun.word, "event")   # "a conference was held between …"
        if kind == "event" and any(c.word in lex.call_words for c in tree.kids(noun, "compound", "amod", "nmod")):
            kind = "call"   # "a video conference was held"
        if kind == "call" and any(c.word in lex.call_in_person for c in tree.kids(noun)):
            kind = "meeting"
        reciprocal = kind in ("meeting", "call", "event") and noun.word not in lex.one_way
        if noun.dep in ("nsubj",):   # "состоялась встреча X с Y": the noun's own frame
            return _noun_frame(tree, noun, sent, anchors, kind)
    elif verb is not None:
        if noun is not None and noun.word not in lex.support_only and verb[0] != "event":
            return None   # "called the meeting with X historic": the verb speaks of an encounter, the noun's frame reads it
        kind, reciprocal = verb
        noun = None
    else:
        return None
    frame = Frame(kind=kind, sentence=sent.index, trigger=t.text if noun is None else f"{t.text} … {noun.text}",
                  reciprocal=reciprocal)
    if noun is not None:   # "hold … talks": the whole phrase, so that no other rule reads its words again
        frame.span = (min(t.start, noun.start), max(t.end, noun.end))
    frame.status = _status(tree, t, sent, noun)
    passive = bool(tree.kids(t, "auxpass", "nsubjpass", "nsubj:pass", "aux:pass"))
    frame.passive = passive
    subj_deps = ("nsubj",) if not passive else ()
    subjects = tree.kids(t, *subj_deps) if subj_deps else []
    if passive:
        # "X was received by Y": Y hosts; "был принят Президентом"
        agents = _preps(tree, t, {"by"}) if en else [c for c in tree.kids(t, "obl") if tree.case_of(c) is None and "Case=Ins" in c.feats]
        guests = tree.kids(t, "nsubjpass", "nsubj:pass")
        frame.agents = _people(tree, agents, anchors)
        frame.others = _people(tree, guests + _honoured(tree, t), anchors)
        if not frame.agents:
            # "Prospects … were discussed with its Director-General X": an agentless passive's counterpart
            withs = [m for m in _people(tree, _preps(tree, t, lex.with_preps - {"by"}), anchors) if m not in frame.others]
            if withs and noun is not None and reciprocal and not frame.others:
                # "A video conference was held between X and Y, with the participation of Z": all of them took part
                frame.agents = withs
            elif withs:
                frame.others = [*frame.others, *withs]
                frame.implicit_agent = True
    else:
        if not subjects:
            subjects = _inherited_subjects(tree, t)
            if not subjects and en and t.dep == "acl" and tree.head(t) is not None and kind != "event":
                # "the ambassadors presenting their credentials": a participle's subject is the noun it hangs on
                subjects = [tree.head(t)]  # type: ignore[list-item]
        elif all(s.word in lex.relative_pronouns for s in subjects) and t.dep in ("relcl", "acl:relcl") and tree.head(t) is not None:
            # "Prime Minister X, who met his Japanese counterpart Y …": the relative pronoun is the noun it hangs on
            subjects = [tree.head(t)]  # type: ignore[list-item]
        frame.agents = _people(tree, subjects, anchors)
        object_roots = [o for o in objects if o is not noun]
        with_words = lex.with_preps if kind != "event" else lex.with_preps - {"on", "to"}
        object_roots += _preps(tree, t, with_words - {"by"}) + _honoured(tree, t)
        if noun is not None:
            object_roots += _preps(tree, noun, with_words - {"by"})
            object_roots += tree.kids(noun, "nmod") if not en else []
            # "received credentials from X", "received a call from X" (not "от имени депутатов": on their behalf)
            object_roots += [p for p in _preps(tree, t, lex.from_preps) + _preps(tree, noun, lex.from_preps)
                             if p.word not in lex.behalf_nouns]
        frame.others = _people(tree, object_roots, anchors)
        frame.agents = [m for m in frame.agents if m not in frame.others]   # a dative the parser hung on the subject
        if not frame.agents:
            # no subject, or one that names no one ("… in Samarkand Acting Foreign Minister … Bakhtiyor Saidov
            # held", parsed with the title as the subject): a name right before the verb is its subject
            frame.agents = [m for m in _name_right_before(tree, t, anchors) if m not in frame.others]
        if not frame.agents and (not subjects or all(_refers(tree, s) for s in subjects)):
            frame.implicit_agent = True
    bare_objects = [o for o in objects if o is not noun]   # "called the meeting … historic": an object of its own
    if not passive and not frame.others and not bare_objects and (not reciprocal or noun is not None) and kind != "event":
        frame.others = [m for m in _listed_in_clause(tree, (noun or t).end, sent, anchors) if m not in frame.agents]
    if not passive and not frame.others and bare_objects and kind != "event":
        # "met several delegates and diplomats on the sidelines, including X, Y and Z": a group object, then
        # who was in it
        frame.others = [m for m in _included_after(tree, t, sent, anchors) if m not in frame.agents]
    if frame.others and not passive:
        # a subject's subtree that reaches past the objects ("с делегацией … во главе с X" hung on the
        # subject by the parser): what stands after the first counterpart is on the counterparts' side
        first = min(m.start for m in frame.others)
        moved = [m for m in frame.agents if m.start > first]
        if moved and len(moved) < len(frame.agents):
            frame.agents = [m for m in frame.agents if m not in moved]
            frame.others = sorted([*frame.others, *moved], key=lambda m: m.start)
    if frame.kind == "message" and noun is not None and not passive and t.word in lex.courier_verbs:
        _passed_on(tree, t, noun, frame, anchors)
    if _mentions_call(tree, t, noun, sent):
        frame.kind = "call" if frame.kind == "meeting" else frame.kind
    if not frame.agents and not frame.others:
        return None
    return frame


def _passed_on(tree: _Tree, t: Tok, noun: Tok, frame: Frame, anchors: dict[int, list[Mention]]) -> None:
    """"The ambassador conveyed a letter from President X to Y", "вручил письмо Президента X, адресованное Y":
    the message is X's, to Y; the one who passed it on is no party of it (their meeting with Y is its own frame)."""
    lex = tree.lex
    addressed = [a for a in tree.kids(noun, "acl", "amod") if a.word in lex.addressed_words]
    if tree.lang == "en":
        senders = _preps(tree, noun, lex.from_preps | {"of"}) + tree.kids(noun, "poss")
        handed_to = _preps(tree, t, {"to"}) + tree.kids(t, "dative")
        written_to = _preps(tree, noun, {"to"}) + [o for a in addressed for o in _preps(tree, a, {"to"})]
    else:
        def dative(toks: list[Tok]) -> list[Tok]:
            return [c for c in toks if "Case=Dat" in c.feats and tree.case_of(c) is None]
        senders = [c for c in tree.kids(noun, "nmod") if tree.case_of(c) is None and "Case=Gen" in c.feats] + \
            _preps(tree, noun, lex.from_preps)
        handed_to = dative(tree.kids(t, "iobj", "obl"))
        written_to = dative([*tree.kids(noun, "nmod", "iobj"), *(d for a in addressed for d in tree.kids(a, "iobj", "obl"))])
    sender_people = [m for m in _people(tree, senders, anchors) if m.kind != "org"]
    if not sender_people:
        return
    handed = [m for m in _people(tree, handed_to, anchors) if m not in sender_people]
    # the one who handed it to its addressee in person met them ("addressed to Y": handed to someone else)
    frame.couriers = [m for m in frame.agents if m not in sender_people and m.kind != "org"] if handed_to else []
    frame.agents = sender_people
    frame.others = handed + [m for m in _people(tree, written_to, anchors) if m not in sender_people and m not in handed]
    frame.implicit_agent = False
    frame.implicit_other = not frame.others


def _name_right_before(tree: _Tree, t: Tok, anchors: dict[int, list[Mention]]) -> list[Mention]:
    """"… of the Mejlis of Turkmenistan G. Mammedova received …": a name the parser hung elsewhere,
    standing right before its verb (only auxiliaries and adverbs between), is its subject."""
    i = t.i - 1
    while i >= 0 and i in tree.toks and tree.toks[i].dep in ("aux", "auxpass", "advmod", "neg", "npadvmod", "aux:pass"):
        i -= 1
    people = [m for m in anchors.get(i, ()) if m.kind != "org"]
    if not people and i in tree.toks:
        # the name's last word, when its head word is another token of the name
        people = [m for ms in anchors.values() for m in ms if m.kind != "org" and m.name_start <= tree.toks[i].start < m.name_end]
    return people[:1]


def _listed_in_clause(tree: _Tree, after: int, sent: Sentence, anchors: dict[int, list[Mention]]) -> list[Mention]:
    """The people named from character ``after`` (the trigger's end) up to the end of its clause, when
    the parse attached none of them to it (long lists of titled names defeat the small parser)."""
    from kg.extract.mentions import trigger_rules

    tail = sent.text[after - sent.start:]
    limit = sent.end
    quote = _quotation_around(sent.text, after - sent.start)
    if quote is not None:
        limit = sent.start + quote[1]   # '"… held warm talks," the spokesman said': the speaker is no counterpart
    for b in trigger_rules()["clause_breaks"][tree.lang]:
        k = tail.find(b)
        if k >= 0:
            limit = min(limit, after + k)
    # a possessive ("… President Mirziyoyev’s reform agenda") qualifies a thing: it names no counterpart
    return sorted((m for ms in anchors.values() for m in ms if after <= m.start < limit and m.kind != "org"
                   and sent.text[m.name_end - sent.start:m.name_end - sent.start + 2] not in ("’s", "'s")),
                  key=lambda m: m.start)


_QUOTES = (("“", "”"), ("«", "»"), ("„", "“"), ('"', '"'))


def _quotation_around(text: str, pos: int) -> tuple[int, int] | None:
    """The quotation (start, end) that holds character ``pos`` of a sentence, if any."""
    for opening, closing in _QUOTES:
        at = 0
        while True:
            s = text.find(opening, at)
            if s < 0 or s >= pos:
                break
            e = text.find(closing, s + 1)
            again = text.find(opening, s + 1)
            if again >= 0 and (e < 0 or again < e):
                e = again   # “a great deal of time“: a page that closes with the opening mark
            if e < 0:
                break
            if s < pos < e:
                return s, e
            at = e + 1
    return None


def _included_after(tree: _Tree, t: Tok, sent: Sentence, anchors: dict[int, list[Mention]]) -> list[Mention]:
    """The people named after "including" / "в том числе" that follows the trigger in its sentence."""
    found = tree.lex.inclusion.search(sent.text, t.end - sent.start)
    if found is None:
        return []
    return _listed_in_clause(tree, sent.start + found.end(), sent, anchors)


def _refers(tree: _Tree, subject: Tok) -> bool:
    """A subject that names no one but points back into the item: "he", "the Iranian minister",
    "глава государства" (the item's protagonist stands for it)."""
    if subject.word in tree.lex.pronouns:
        return True
    from kg.extract.mentions import role_tables

    tables = role_tables()
    if tree.lang == "en":
        return bool(tables.en_title_re.fullmatch(subject.text)) and not tree.kids(subject, "conj")
    return subject.word in tables.ru_title_words and subject.pos == "NOUN" and not tree.kids(subject, "conj")


def _inherited_subjects(tree: _Tree, t: Tok) -> list[Tok]:
    """"X arrived in Astana and met with Y": a coordinated verb shares its head's subject."""
    cur = t
    for _ in range(4):
        if cur.dep not in ("conj", "xcomp", "advcl", "acomp") and not (tree.lang == "ru" and cur.dep == "conj"):
            return []
        head = tree.head(cur)
        if head is None:
            return []
        subj = tree.kids(head, "nsubj")
        if subj:
            return subj
        cur = head
    return []


def _in_a_meeting(tree: _Tree, t: Tok) -> bool:
    """Whether a participation verb's place is a meeting ("in the talks", "в беседе", "the meeting was
    attended by"), not an event."""
    lex = tree.lex
    if tree.lang == "en":
        places = [o for p in tree.kids(t, "prep") if p.word in lex.place_preps for o in tree.kids(p, "pobj")]
        places += tree.kids(t, "dobj", "nsubjpass")   # "joined the talks", "the meeting was attended by X"
    else:
        places = [o for o in tree.kids(t, "obl") if tree.case_of(o) in lex.place_preps]
        places += tree.kids(t, "nsubj:pass")
    return any(lex.nouns.get(p.word) in ("meeting", "call") and p.word not in lex.one_way or p.word in lex.meeting_pronouns
               for p in places)


def _noun_frame(tree: _Tree, n: Tok, sent: Sentence, anchors: dict[int, list[Mention]], kind: str) -> Frame | None:
    lex = tree.lex
    en = tree.lang == "en"
    if kind == "call" and any(c.word in lex.call_in_person for c in tree.kids(n)):
        kind = "meeting"
    if en and n.word in ("call", "calls") and not any(c.word in lex.call_words for c in tree.kids(n)) and n.dep not in ("dobj", "pobj", "nsubj", "nsubjpass"):
        return None
    frame = Frame(kind=kind, sentence=sent.index, trigger=n.text, reciprocal=True)
    frame.status = _status(tree, n, sent, n)
    withs = _preps(tree, n, lex.with_preps - {"between", "among", "между", "by", "on"})
    inside = _preps(tree, n, lex.of_preps) if en else (
        [c for c in tree.kids(n, "nmod") if tree.case_of(c) is None or tree.case_of(c) in lex.of_preps])
    poss = tree.kids(n, "poss") if en else []
    senders = _preps(tree, n, lex.from_preps) if kind in ("message", "call") else []
    if kind == "message" and not en:
        # "телеграмма соболезнования министра X иранскому коллеге Y": the dative is the addressee
        withs += [c for c in tree.kids(n, "nmod", "iobj") if tree.case_of(c) is None and "Case=Dat" in c.feats]
        inside = [c for c in inside if "Case=Dat" not in c.feats]
    frame.others = _people(tree, withs, anchors)
    frame.agents = [m for m in _people(tree, inside + poss + senders, anchors) if m not in frame.others]
    if not frame.agents and any(p.word in lex.pronouns for p in poss):
        frame.implicit_agent = True   # "In his conversation with X, …"
    if kind == "event" and not frame.agents:
        # "Among the participants are X, Y and Z", "The participants included X": the clause around the noun
        clause = tree.head(n)
        if clause is not None and clause.dep in ("prep",) and tree.head(clause) is not None:
            clause = tree.head(clause)
        if clause is not None:
            own = tree.subtree(n)
            roots = [c for c in tree.kids(clause, "nsubj", "attr", "dobj", "obj", "nsubjpass") if c.i not in own]
            frame.agents = _people(tree, roots, anchors)
    if not frame.agents and frame.others:
        # "During the talks with Y, X said …": the subject of the clause the noun hangs in
        head = tree.head(n)
        for _ in range(8):   # bounded: a parser's output is not guaranteed to be a tree
            if head is None or tree.kids(head, "nsubj") or head.dep in ("ROOT", "root"):
                break
            head = tree.head(head)
        if head is not None:
            subj = [s for s in tree.kids(head, "nsubj") if s.i != n.i and n.i not in tree.subtree(s)]
            frame.agents = [m for m in _people(tree, subj, anchors) if m not in frame.others]
            if not subj or all(_refers(tree, s) for s in subj):
                frame.implicit_agent = not frame.agents
    if _mentions_call(tree, n, n, sent):
        frame.kind = "call" if frame.kind == "meeting" else frame.kind
    if not frame.agents and not frame.others:
        return None
    return frame


def _mentions_call(tree: _Tree, t: Tok, noun: Tok | None, sent: Sentence) -> bool:
    words = {c.word for c in tree.kids(t)} | ({c.word for c in tree.kids(noun)} if noun is not None else set())
    for c in list(tree.kids(t)) + (list(tree.kids(noun)) if noun is not None else []):
        words |= {g.word for g in tree.kids(c)}
    return bool(words & tree.lex.call_words)


def _future(tree: _Tree, v: Tok) -> bool:
    """A verb in the future or under a plan: "will meet", "встретится", "будет проводить", "планирует встретиться"."""
    lex = tree.lex
    kids = tree.kids(v)
    if tree.lang == "en":
        return any(c.dep in ("aux", "auxpass") and c.word in lex.future_aux for c in kids)
    if "Tense=Fut" in v.feats or any(c.word in lex.future_aux or c.text.lower() in lex.future_aux for c in kids):
        return True
    head = tree.head(v)
    return "VerbForm=Inf" in v.feats and head is not None and head.word in lex.plan_heads


def _status(tree: _Tree, t: Tok, sent: Sentence, noun: Tok | None) -> str:
    lex = tree.lex
    opener = sent.text.lower().lstrip(" «\"'(")
    if opener.startswith(lex.background):
        return "background"
    kids = tree.kids(t)
    if any(c.word in lex.negation and c.dep in ("neg", "advmod", "det") for c in kids):
        return "negated"
    if _future(tree, t):
        return "planned"
    if noun is not None and any(c.word in lex.not_held for c in tree.kids(noun) if c.dep in ("amod", "compound", "advmod", "det", "nmod", "poss")):
        return "planned"
    # governed by a plan, an expectation or an invitation: "is expected to meet", "plans to hold talks"
    cur: Tok | None = t
    for _ in range(3):
        if cur is None or cur.dep not in ("xcomp", "ccomp", "acl", "advcl", "pobj", "prep", "obj", "dobj", "csubj"):
            break
        cur = tree.head(cur)
        if cur is not None and cur.word in lex.plan_heads:
            return "planned"
    if noun is t:
        # a noun whose clause is in the future: "will take part in the talks", "переговоры, которые состоятся"
        clause_verbs = [c for c in tree.kids(t, "relcl", "acl:relcl", "acl")]
        head = tree.head(t)
        for _ in range(4):
            if head is None:
                break
            if tree.lang == "ru" and head.pos == "VERB" or tree.lang == "en" and (tree.kids(head, "nsubj", "aux", "nsubjpass") or head.dep == "ROOT"):
                clause_verbs.append(head)
                break
            head = tree.head(head)
        for v in clause_verbs:
            if _future(tree, v):
                return "planned"
        # a noun talked about: "called the meeting with X historic", "agreements reached during the talks"
        cur = t
        for _ in range(4):
            child, cur = cur, tree.head(cur)
            if cur is None:
                break
            if cur.word in lex.reference_heads and child.dep != "nsubj" and not (
                    child.dep == "prep" and child.word in lex.setting_preps):
                # (not the setting: "In his cable to X, the king hailed …" reports the cable)
                # the encounter as the subject acts ("The meeting … considered issues"); as an object it is talked about
                return "background"
    return "held"


_WORDS = re.compile(r"(?<![\w-])(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?([A-Za-zА-Яа-яЁё]{3,})\.?(?:\s+(\d{1,2})(?!\d))?(?:,?\s+(\d{4}))?")


_TODAY = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(w) for lang in ("en", "ru") for w in load_yaml("frames.yaml")[lang]["today_words"]) + r")(?!\w)", re.I)


_PAST = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(w) for lang in ("en", "ru") for w in load_yaml("frames.yaml")[lang]["past_words"]) + r")(?!\w)", re.I)


def dated_elsewhere(text: str, item_date: str | None) -> bool:
    """The sentence dates its encounter away from the item's own date: a day more than two days
    before it ("20 августа" in an item of 26 August), another month ("In early July", "в конце
    июня", "last month"), another year. News reports what happened at its date or the day or two before."""
    import datetime as dt

    from kg.read import rules

    if not item_date:
        return False
    try:
        day0 = dt.date.fromisoformat(item_date)
    except ValueError:
        return False
    if _TODAY.search(text):
        return False   # "X, who met Y earlier today, discussed … the visit in December": today's encounter
    if _PAST.search(text):
        return True    # "discussed Y's meeting with Z in Beijing last month"
    months = rules().months
    for m in _WORDS.finditer(text):
        word = m.group(2)
        month = months.get(word.lower())
        if month is None or (word.isascii() and not word[0].isupper()):   # "may" is a verb
            continue
        before = text[max(0, m.start() - 4):m.start()].lower()
        if re.search(r"(?:\bof|\bот|\bdated)\s*$", before):
            continue   # "the agreement of 15 March", "договор от 15 марта": a document's date
        day = m.group(1) or m.group(3)
        year = int(m.group(4)) if m.group(4) else None
        if year is not None and year != day0.year:
            return True
        if day is None:
            if month != day0.month:
                return True
            continue
        try:
            when = dt.date(day0.year if month <= day0.month else day0.year - 1, month, int(day))
        except ValueError:
            continue
        if (day0 - when).days > 2:
            return True
    return False
