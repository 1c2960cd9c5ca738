"""Extract officials, institutions, countries and interactions from news items.

``extract_items`` runs the spaCy pipelines over a batch of ``Dispatch`` records (``nlp.pipe``,
models loaded once) and turns each analysed item into an ``ItemExtraction``:

1. mentions (``kg.extract.mentions_en`` / ``kg.extract.mentions_ru``): names with their role phrases, role-only
   references, institutions, countries;
2. coreference inside the item (``kg.extract.coref``): ``D. Mussayev``, ``Mussayev``, ``the Kazakh diplomat``
   and ``Danat Mussayev`` become one ``OfficialMention``;
3. interactions: a trigger (``met with``, ``was received by``, ``congratulated``, ``вручил
   верительные грамоты``…) and its frame decide who is the agent and who the counterparts;
   a person only mentioned ("the initiative of President Tokayev") is never a participant.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from kg.extract.coref import People
from kg.extract.frames import Frame, dated_elsewhere, find_frames, tokens
from kg.extract.mentions import Mention, Sentence, Trigger, role_tables, trigger_rules, trigger_starts, triggers
from kg.gazetteer import CountryHit, gazetteer
from kg.model import (
    Dispatch,
    InstitutionMention,
    Interaction,
    ItemExtraction,
    OfficialMention,
    Participant,
    Span,
)
from kg.institutions import ministry_of_role
from kg.names import name_key

log = logging.getLogger(__name__)

#: Longest text analysed per item; a longer item (a scraping accident) is cut, and reported.
MAX_ITEM_CHARS = 30_000   # a dispatch is a few thousand; beyond this is a scraping accident, and costly
KIND_RANK = {"meeting": 0, "call": 1, "message": 2, "event": 3}
LIST_SEPARATOR = {
    "en": r"(?:\s*\([A-Z]{2,}[^)]{0,12}\))?\s*(?:,\s*(?:and\s+(?:to\s+|with\s+)?|as well as\s+|along with\s+)?|;\s*(?:and\s+)?|\s+and\s+(?:with\s+|to\s+)?|,?\s+as well as\s+(?:with\s+)?|,?\s+(?:headed|led|chaired)\s+by\s+(?:(?:its|his|her|their)\s+)?|,?\s+including\s+(?:with\s+)?)(?:the\s+)?",
    "ru": r"(?:\s*\([А-ЯЁA-Z]{2,}[^)]{0,12}\))?\s*(?:,\s*(?:а также\s+)?|;\s*|\s+и\s+|,?\s+а также\s+|,?\s+включая\s+|,?\s+во главе с(?:о)?\s+(?:(?:ее|её|его|их)\s+)?)(?:(?:членов|представителей|руководства|руководителей|членами|представителями)\s+)?[\"«]?",
}
GAP_TO_FIRST = {
    "en": r"\s*,?\s*(?:[^.;]{0,90}?\b(?:led|headed|chaired)\s+by\s+(?:its\s+|his\s+|her\s+|their\s+)?)?(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w-]*[’']s\s+)?(?:(?:[A-Z][\w-]*\s+)?(?:counterpart|colleague)\s*,?\s+)?(?:(?:\w+\s+){0,3}?(?:of|from)\s+(?:the\s+)?)?(?:company\s+|companies\s+|enterprises?\s+)?",
    "ru": r"[\s\w,\"«-]{0,120}?",
}


_STATE_WORDS = re.compile(r"\s+(?:of\s+)?(?:the\s+)?(?:[A-ZА-ЯЁ][\w-]*\s+){0,3}")   # "Socialist Republic of", "Социалистической Республики"
_ALSO = re.compile(r"(?<!\w)(?:also|также)(?!\w)", re.I)


def analysable(text: str) -> str:
    return text if len(text) <= MAX_ITEM_CHARS else text[:MAX_ITEM_CHARS]


def extract_items(
    dispatches: Iterable[Dispatch],
    *,
    batch_size: int = 16,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> Iterator[tuple[Dispatch, ItemExtraction]]:
    """Analyse items language by language with ``nlp.pipe``; yields ``(dispatch, extraction)``."""
    from kg.extract.nlp import pipeline

    items = list(dispatches)
    for lang in ("en", "ru"):
        batch = [d for d in items if d.lang == lang]
        if not batch:
            continue
        nlp = pipeline(lang)
        docs = nlp.pipe((analysable(d.text) for d in batch), batch_size=batch_size)
        pairs: Iterable = zip(batch, docs)
        if progress is not None:
            pairs = progress(pairs)
        for d, doc in pairs:
            yield d, extract_item(d, doc, analysable(d.text))
    # an item in a language kg cannot analyse (kg.lang): listed, nothing extracted from it
    for d in items:
        if d.lang not in ("en", "ru"):
            yield d, ItemExtraction(dispatch_id=d.id)


def extract_item(dispatch: Dispatch, doc: Doc, text: str | None = None) -> ItemExtraction:
    """Everything one analysed item says: officials, institutions, countries, interactions."""
    gz = gazetteer()
    lang = dispatch.lang
    text = doc.text if text is None else text   # the caller knows it: spaCy rebuilds it token by token
    sentences = split_sentences(dispatch, doc, text)
    countries = gz.find_countries(text, lang)
    attribution = _attribution_spans(text, sentences, lang)
    if lang == "ru":
        from kg.extract.mentions_ru import find_mentions
    else:
        from kg.extract.mentions_en import find_mentions
    countries = [c for c in countries if not any(s <= c.start < e for s, e in attribution)]
    mentions = find_mentions(text, doc, sentences, countries)
    kept = []
    for m in mentions:
        if _inside(m, attribution):
            # the source of the report: a person named with a title inside it ("…, Akorda press secretary
            # Berik Uali reported") is an official of the item; anything else there is no participant
            if m.kind == "name" and not (len(m.text.split()) >= 2 and m.start >= min(s for s, e in attribution if s <= m.name_start < e) and m.title):
                continue
            m.mention_only = True
        kept.append(m)
    mentions = kept
    mentions = _confirm_headline_names(mentions, sentences, text)
    _distribute_plural_roles(text, mentions, countries, lang)
    _state_words_before(text, mentions, countries, lang)
    _state_words_after(text, mentions, countries, lang)
    _regional_states(text, mentions, lang)
    item = _Item(dispatch, text, sentences, mentions, countries, lang, People(text, sentences, mentions, countries, lang))
    item.find_interactions(find_frames(lang, sentences, tokens(doc, lang), mentions))
    item.fill_countries()
    result = item.result()
    result.institutions.extend(_sources(text, attribution, sentences))
    return result


def _sources(text: str, attribution: list[tuple[int, int]], sentences: list[Sentence]) -> list[InstitutionMention]:
    """The institutions an item names as its source: recorded, never participants."""
    out = []
    for s, e in attribution:
        clause = text[s:e]
        m = re.match(r"[,\s]*(?P<org>.+?)\s+(?:reports?|reported|cites?|informs?|writes|learned from|says)\b", clause) or \
            re.search(r"(?:сообщили|сообщает|сообщается)\s+в\s+(?P<org>[^,.]+)", clause)
        if not m:
            continue
        name = m.group("org").strip()
        start = s + m.start("org")
        sent = next((x.index for x in sentences if x.start <= start < x.end), -1)
        key = "s" + hashlib.sha1(name.encode()).hexdigest()[:8]
        out.append(InstitutionMention(key=key, name=name, spans=[Span(start, start + len(name), name, sent)], source=True))
    return out


def _abbreviation_before(before: str) -> bool:
    """The full stop ending ``before`` is an initial's or an abbreviation's ("D.", "Zh.", "Mr.", "(Ret.)"),
    not a sentence's: "Senator Bong Go. Duterte was …" and "… Marcos Jr. Then, …" end one."""
    m = re.search(r"(?:\b([A-Z][a-z]?)|\(Ret)\.\)?$", before)
    tables = role_tables()
    return m is not None and (m.group(1) is None or len(m.group(1)) == 1 or m.group(1) in tables.two_letter_initials
                              or m.group(1) in tables.two_letter_abbreviations)


def split_sentences(dispatch: Dispatch, doc: Doc, text: str | None = None) -> list[Sentence]:
    """Sentences: cut at line breaks (a headline or a paragraph ends one) and where the model
    ends a sentence after closing punctuation; the small model also cuts title-case
    headlines and "(Ret.)" mid-phrase, and those cuts are ignored.

    ``text`` is ``doc.text`` when the caller has it: spaCy rebuilds that string token by token."""
    text = doc.text if text is None else text
    cuts = {0, len(text)}
    for sent in doc.sents:
        before = text[:sent.start_char].rstrip()
        if before and re.search(r"[.!?…][\"»”’)]*$", before) and not _abbreviation_before(before):
            cuts.add(sent.start_char)
    for m in re.finditer(r"\n", text):
        cuts.add(m.start())
        cuts.add(m.end())
    bounds = sorted(cuts)
    out: list[Sentence] = []
    headline_end = dispatch.body_offset
    for lo, hi in zip(bounds, bounds[1:]):
        piece = text[lo:hi]
        stripped = piece.strip()
        if stripped:
            s = lo + piece.index(stripped)
            out.append(Sentence(len(out), s, s + len(stripped), stripped, headline=s < headline_end))
    return out


def _attribution_spans(text: str, sentences: list[Sentence], lang: str) -> list[tuple[int, int]]:
    """", Ministry of Foreign Affairs of the Republic of Kazakhstan reports." — the source, not a participant."""
    from kg.read import rules

    spans = []
    for sent in sentences:
        for pattern in rules().attribution:
            m = pattern.search(sent.text.rstrip("."))
            if m:
                spans.append((sent.start + m.start(), sent.start + m.end()))
    return spans


def _confirm_headline_names(mentions: list[Mention], sentences: list[Sentence], text: str) -> list[Mention]:
    """A title-case headline capitalises every word ("Head of State Congratulates Mark Carney on …"):
    a name found there stands only as far as the body names it too, and is cut to the body's words."""
    body_names = [m for m in mentions if m.kind == "name" and not sentences[m.sentence].headline]
    body = " ".join(s.text for s in sentences if not s.headline)
    headline = " ".join(s.text for s in sentences if s.headline)
    words = re.findall(r"[^\W\d_]+", headline)
    # only English headlines are written in title case; a Russian one is a sentence
    title_case = bool(words) and not re.search("[А-Яа-яЁё]", headline) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    if not body or not title_case:
        return mentions   # a headline written as a sentence names people as a sentence does
    out = []
    for m in mentions:
        if m.kind == "name" and sentences[m.sentence].headline:
            words = m.text.split()
            keys = {name_key(form) for b in body_names for form in (b.text, b.normal) if form}
            forms = [m.text, m.normal] if m.normal else [m.text]
            cut = next((i for i in range(len(words)) if name_key(" ".join(words[i:])) in keys), None)
            if cut is None and any(name_key(f) in keys for f in forms):
                cut = 0
            if cut is None:
                surname = words[-1]
                if len(words) > 1 or not re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", body):
                    continue
            elif cut:
                offset = text.find(words[cut], m.name_start)
                if offset >= 0:
                    m.name_start, m.text = offset, text[offset:m.name_end]
                    m.normal = None
        out.append(m)
    return out


_AND = re.compile(r"\s*(?:,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+)")


def _distribute_plural_roles(text: str, mentions: list[Mention], countries: list[CountryHit], lang: str) -> None:
    """"the presidents of Russia and Belarus Vladimir Putin and Alexander Lukashenko", "the Presidents of
    Belarus, Kazakhstan, and Kyrgyzstan—X, Y, and Z", "президенты РФ и Белоруссии X и Y": one role over
    several states, then as many names: each person gets their state, in order."""
    names = sorted((m for m in mentions if m.kind == "name"), key=lambda m: m.start)
    states = sorted((c for c in countries if c.form in ("name", "adjective")), key=lambda c: c.start)
    i = 0
    while i < len(names):
        m = names[i]
        before = [c for c in states if c.end <= m.name_start and m.name_start - c.end <= 60]
        gap = text[before[-1].end:m.name_start] if before else ""
        if not before or not all(_role_word(w, lang) for w in re.findall(r"[^\W\d_]+", gap)) or re.search(r"[.;(]", gap):
            i += 1
            continue
        chain = [before[-1]]
        for c in reversed(before[:-1]):
            if _AND.fullmatch(text[c.end:chain[0].start]):
                chain.insert(0, c)
            else:
                break
        isos = list(dict.fromkeys(c.iso for c in chain))
        group = [m]
        for other in names[i + 1:]:
            if len(group) == len(isos) or not _AND.fullmatch(text[group[-1].end:other.start]):
                break
            group.append(other)
        if len(isos) >= 2 and len(group) == len(isos):
            for person, iso in zip(group, isos):
                person.country = iso
            i += len(group)
        else:
            i += 1


#: Words that end the phrase in front of a name: what stands before them is not about the person.
_PHRASE_BREAK = re.compile(r"[,;:()«»\"“”.!?\n]|(?<![\w-])(?:to|in|at|with|by|from|for|and|or|on|of|the|met|received|said|"
                           r"в|во|с|со|на|и|к|от|для|по|при)(?![\w-])", re.I)


def _state_words_before(text: str, mentions: list[Mention], countries: list[CountryHit], lang: str) -> None:
    """"Japan’s new prime minister Shigeru Ishiba", "Japanese Defence Minister Taro Kono": a state named
    in the words right before a name (its role phrase, known titles or not) is the state the person serves."""
    for m in mentions:
        if m.kind != "name" or m.country:
            continue
        lo = max(0, m.name_start - 80)
        before = [c for c in countries if lo <= c.start and c.end <= m.name_start and c.form in ("name", "adjective")]
        if not before:
            continue
        c = max(before, key=lambda c: c.end)
        gap = re.sub(r"^[’']s\b", "", text[c.end:m.name_start])   # "Japan’s new prime minister"
        words = re.findall(r"[^\W\d_]+", gap)
        ahead = re.search(r"([^\W\d_]+)\s*$", text[max(0, c.start - 12):c.start])
        if ahead and ahead.group(1).lower() in ("to", "in", "at", "в", "во", "при"):
            continue   # "Ambassador to Kazakhstan X", "посол в Беларуси X": the state hosts, it is not served
        if len(words) <= 5 and not _PHRASE_BREAK.search(gap) and all(_role_word(w, lang) for w in words):
            m.country = c.iso
        elif re.fullmatch(r"\s*\(\s*", gap) and re.match(r"\s*\)", text[m.name_end:]):
            m.country = c.iso   # "послы трёх стран: Франции (X), Венгрии (Y)": each name in brackets after its state


#: Offices only a state has: their holders serve a state, never an international body.
_NATIONAL_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "deputy_foreign_minister",
                               "minister", "deputy_minister"})


def _names_a_body(role: str | None) -> bool:
    """"President of the European Council", "Secretary General of the OSCE": a role of a named body."""
    if not role:
        return False
    gz = gazetteer()
    words = role.split()
    return any(gz.org(" ".join(words[i:j])) is not None for i in range(len(words)) for j in range(i + 1, min(len(words), i + 8) + 1))


_FROM_STATE = {"en": re.compile(r"\s*(?:from|of)\s+|\s*\(\s*"),
               "ru": re.compile(r"\s*(?:из|от)\s+|\s*\(\s*")}


def _state_words_after(text: str, mentions: list[Mention], countries: list[CountryHit], lang: str) -> None:
    """"The ambassadors are Francois Jackman from Barbados, Luis Quesada from Peru …", "X (Greece)":
    a state named right after an unplaced name, the list's way of saying whom each person serves."""
    by_start = {c.start: c for c in countries if c.form == "name"}
    for m in mentions:
        if m.kind != "name" or m.country or m.international:
            continue
        after = text[m.name_end:m.name_end + 12]
        gap = _FROM_STATE[lang].match(after)
        if gap is None:
            continue
        hit = by_start.get(m.name_end + gap.end())
        if hit is None and text.startswith("the ", m.name_end + gap.end()):
            hit = by_start.get(m.name_end + gap.end() + 4)
        if hit is None:
            continue
        close = text[hit.end:hit.end + 2]
        if gap.group().strip() == "(" and not close.startswith(")"):
            continue
        if not re.match(r"\s*(?:[,;.)]|and\b|и\b|$)", text[hit.end:hit.end + 6]):
            continue   # "X from the Ministry of …" is no state's name ending there
        m.country = hit.iso


def _regional_states(text: str, mentions: list[Mention], lang: str) -> None:
    """"Governor of Kostanay region", "губернатор Астраханской области", "akim of Almaty": a region's
    office serves the state the region belongs to (ISO 3166-2 subdivisions, ``gazetteer.region_country``)."""
    from kg.data import load_yaml
    from kg.gazetteer import region_country

    offices = set(load_yaml("places.yaml")["regional_offices"][lang])
    for m in mentions:
        if m.kind != "name" or m.country:
            continue
        # the role phrase, or the words right before the name when the role finder stopped short
        # ("Governor of Kostanay region X": a lowercase "region" ends its role phrase)
        phrase = m.role_text or re.split(r"[,;:.()«»\"–—\n]", text[max(0, m.name_start - 60):m.name_start])[-1]
        words = re.findall(r"[^\W\d_][\w-]*", phrase)
        if not any(w.casefold() in offices for w in words):
            continue
        states = {iso for w in words if (lang == "ru" or w[:1].isupper()) and w.casefold() not in offices
                  and (iso := region_country(w))}
        if len(states) == 1:
            m.country = states.pop()


def _role_word(word: str, lang: str) -> bool:
    """A word of a role phrase: capitalised (an English title), a known title word, or a modifier of one."""
    from kg.data import load_yaml
    from kg.extract.mentions import DEPUTY_WORDS, _lemma_ru, role_tables

    tables = role_tables()
    low = word.casefold()
    modifiers = load_yaml("roles.yaml")["role_modifiers"][lang]
    if lang == "ru":
        lemma = _lemma_ru(low)
        return lemma in tables.ru_title_words or low in DEPUTY_WORDS or lemma in modifiers or word[:1].isupper()
    return word[:1].isupper() or bool(tables.en_title_re.fullmatch(word)) or low in DEPUTY_WORDS or low in modifiers


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.name_start and m.name_end <= e for s, e in spans)


class _Item:
    """Working state for one item: mentions, person clusters, interactions."""

    def __init__(self, dispatch: Dispatch, text: str, sentences: list[Sentence], mentions: list[Mention],
                 countries: list[CountryHit], lang: str, people: People) -> None:
        self.d = dispatch
        self.text = text
        self.sentences = sentences
        self.mentions = mentions
        self.countries = countries
        self.lang = lang
        self.people = people
        self.interactions: dict[tuple[str, str], Interaction] = {}
        self.org_keys: dict[str, Mention] = {}
        self.event_people: list[int] = []   # everyone at the item's event so far, in order
        self.not_held: list[tuple[int, int]] = []
        self.in_time: dict[int, bool] = {}     # sentence index -> not dated away from the item

    # ------------------------------------------------------------------ interactions

    def find_interactions(self, frames: list[Frame] = ()) -> None:  # type: ignore[assignment]
        # a trigger the parse reads as planned, negated or recalled reports nothing, whichever rule finds it
        self.not_held = [f.span for f in frames if f.status != "held"]
        for sent in self.sentences:
            for trig, m in self._triggers(sent):
                self._apply(sent, trig, m)
        self.add_frames(frames)
        self._drop_orgs_with_named_people()

    def _triggers(self, sent: Sentence) -> list[tuple[Trigger, re.Match[str]]]:
        found: list[tuple[Trigger, re.Match[str]]] = []
        text = sent.text
        # each trigger's own non-overlapping matches (as its finditer would give them), tried only
        # where the joint scan says some trigger matches
        starts = [m.start() for m in trigger_starts(self.lang).finditer(text)]
        for trig in triggers(self.lang):
            if trig.sentence_start:
                m = trig.regex.match(text)
                if m is not None:
                    found.append((trig, m))
                continue
            free = 0
            for p in starts:
                if p >= free and (m := trig.regex.match(text, p)) is not None:
                    found.append((trig, m))
                    free = max(m.end(), p + 1)
        found.sort(key=lambda p: (p[1].start(), -(p[1].end() - p[1].start())))
        kept: list[tuple[Trigger, re.Match[str]]] = []
        for trig, m in found:
            if any(m.start() < k.end() and k.start() < m.end() for _, k in kept):
                continue
            kept.append((trig, m))
        return kept

    def _apply(self, sent: Sentence, trig: Trigger, m: re.Match[str]) -> None:
        t_start, t_end = sent.start + m.start(), sent.start + m.end()
        if any(t_start < e and s < t_end for s, e in self.not_held) or not self._in_items_time(sent):
            return
        in_sent = [x for x in self.mentions if x.sentence == sent.index and not x.mention_only]
        people = [x for x in in_sent if x.kind in ("name", "roleref") and x.person is not None]
        if trig.frame == "nominal" and self._blocked(t_start):
            return
        counterparts = self._list_after(t_end, sent, trig)
        if trig.needs_person_next and not counterparts:
            return
        agent: int | None = None
        if trig.frame in ("active", "passive", "nominal"):
            before = [x for x in people if x.end <= t_start and not self._inside_other(x, in_sent)]
            if before:
                subject = self._subject(before, t_start)
                agent = subject.person
                counterparts = self._coordinated(subject, before) + counterparts
            elif trig.frame == "nominal" or (trig.frame == "active" and self._subjectless(sent, t_start)):
                agent = self.people.protagonist
        elif trig.frame == "attended":
            agent = self.people.protagonist
        elif trig.frame == "of_with":
            # "состоялась встреча акима области X с министром Y", "the meeting of X with Y took place"
            first = next((x for x in people if x.start >= t_end), None)
            if first is not None:
                agent = first.person
                w = re.search(r"\s(?:с|со|with)\s", self.text[first.end:sent.end])
                counterparts = self._list_after(first.end + w.start(), sent, trig) if w else []
                counterparts = [c for c in counterparts if c.person != agent]
        elif trig.frame == "from_to":
            if counterparts and counterparts[0].kind != "org":
                agent = counterparts[0].person
                to = re.search(r"\b(?:addressed\s+to|sent\s+to|to|адресованн\w+|для)\s", self.text[counterparts[0].end:sent.end])
                counterparts = self._list_after(counterparts[0].end + to.end(), sent, trig) if to else []
        elif trig.frame in ("between", "intro"):
            if counterparts and counterparts[0].kind != "org":
                agent = counterparts[0].person
                counterparts = counterparts[1:]
                if trig.frame == "intro":
                    counterparts = [x for x in people if x.start > t_end and x.person != agent]
        if agent is None:
            return
        direction = {"passive": "guest", "active": "host"}.get(trig.frame, "mutual")
        if trig.kind == "message":
            direction = "sender"
        for c in counterparts:
            self._add(trig.kind, agent, c, sent, direction, m.group(0), trig.frame)
        if trig.kind == "event":
            # everyone named at an event attended it together: one edge per pair of people
            named = [c for c in counterparts if c.kind != "org" and c.person is not None and c.person != agent]
            if _ALSO.search(m.group(0)):
                # "The forum was also attended by X": X joins the people already named at it
                for x in named:
                    for earlier in self.event_people:
                        if earlier not in (agent, x.person):
                            self._add("event", earlier, x, sent, "mutual", m.group(0), trig.frame)
            self.event_people.extend(p for p in [agent, *(c.person for c in named)]
                                     if p is not None and p not in self.event_people)
            for i, x in enumerate(named):
                for y in named[i + 1:]:
                    if x.person != y.person:
                        self._add("event", x.person, y, sent, "mutual", m.group(0), trig.frame)

    def add_frames(self, frames: list[Frame]) -> None:
        """Encounters read from the dependency trees (``kg.extract.frames``), beside the trigger patterns'.

        People who take part in the item's event in any sentence ("Among the participants are …",
        "X is also attending the summit") attended it together."""
        attendees: list[Mention] = []
        held = [f for f in frames if f.status == "held" and self._frame_in_time(f)]
        protagonist = self.people.mention(self.people.protagonist) if self.people.protagonist is not None else None
        # the item's protagonist sent a message of his own ("Putin sent condolences … Earlier, X and Y expressed
        # condolences"): the others' messages of the item are not addressed to him
        protagonist_sends = any(m.person == self.people.protagonist for f in held if f.kind == "message" for m in f.agents)
        for f in held:
            sent = self.sentences[f.sentence]
            agents = [m.person for m in f.agents if m.kind != "org" and m.person is not None]
            if not agents and f.implicit_agent and self.people.protagonist is not None:
                agents = [self.people.protagonist]
            others = f.others
            if not others and f.couriers:
                # "X conveyed to him greetings from President Y": him is whom the courier met in the item
                couriers = {self._person_key(c.person) for c in f.couriers if c.person is not None}
                met = {key for it in self.interactions.values() if it.kind == "meeting"
                       for key, partner in ((it.a.key, it.b.key), (it.b.key, it.a.key)) if partner in couriers}
                people = dict.fromkeys(m.person for m in self.mentions
                                       if m.kind == "name" and m.person is not None and self._person_key(m.person) in met)
                others = [self.people.mention(p) for p in people]
            if not others and f.implicit_other and protagonist is not None:
                others = [protagonist]
            named_others = {m.person for m in others if m.kind != "org"}
            if protagonist is not None and f.kind != "event" and not f.reciprocal and not sent.headline:
                # one side named, the other not: the item's protagonist is the other side ("Верительные грамоты
                # вручили посол A, посол B" in an item about the president receiving them; "The envoys who
                # presented their credentials were A, B")
                if agents and not others and self.people.protagonist not in agents and not (f.kind == "message" and protagonist_sends):
                    others = [protagonist]
                elif not agents and named_others and self.people.protagonist not in named_others:
                    agents = [self.people.protagonist]
            if f.joins and not others:
                # "В беседе участвовал и X" after the item reported that conversation: X met its people
                before = [g for g in held if g.sentence < f.sentence and g.kind in ("meeting", "call") and not g.joins]
                if before:
                    g = before[-1]
                    joined = [m.person for m in [*g.agents, *g.others] if m.kind != "org" and m.person is not None]
                    if g.implicit_agent and self.people.protagonist is not None:
                        joined.append(self.people.protagonist)
                    for a in dict.fromkeys(agents):
                        for p in dict.fromkeys(joined):
                            if p != a and not self._same_side(a, p):
                                self._add(g.kind, a, self.people.mention(p), sent, "mutual", f.trigger, "dep")
                    continue
            if f.kind == "event":
                if f.arrival:
                    continue
                for m in [*f.agents, *others]:
                    if m.kind != "org" and m not in attendees:
                        attendees.append(m)
                continue
            direction = "guest" if f.passive else ("sender" if f.kind == "message" else "host")
            for a in dict.fromkeys(agents):
                for o in others:
                    self._add(f.kind, a, o, sent, direction, f.trigger, "dep")
            for c in f.couriers:
                # "Ambassador X handed over President Y's letter to Z": X met Z
                for o in others:
                    if c.person is not None and c.person != o.person:
                        self._add("meeting", c.person, o, sent, "host", f.trigger, "dep")
            if f.reciprocal and not others:
                people = [m for m in f.agents if m.kind != "org" and m.person is not None]
                for i, x in enumerate(people):
                    for y in people[i + 1:]:
                        if x.person != y.person:
                            self._add(f.kind, x.person, y, sent, "mutual", f.trigger, "dep")  # type: ignore[arg-type]
        attending = {m.person for f in frames if f.kind == "event" and f.status == "held" and not f.arrival and not f.signing
                     for m in [*f.agents, *f.others] if m.kind != "org"}
        if len(attending) >= 2 or len({m.person for m in attendees}) >= 3:
            # a multilateral event: whoever the item has meet anyone there attended it too ("Toqaev discussed
            # cooperation with Presidents X, Y …", "held separate talks with …"); pairs with no talk of their own
            # attended it together
            for f in held:
                if f.kind != "message":
                    for m in [*f.agents, *f.others]:
                        if m.kind != "org" and m.person is not None and m not in attendees:
                            attendees.append(m)
        # one side of a one-way encounter ("received credentials from A, B and C") came to it together, not
        # to meet each other; nor do two people of one state meet at an event
        sides = [{m.person for m in side if m.kind != "org"} for f in held if not f.reciprocal and f.kind != "event"
                 for side in (f.agents, f.others)]
        for i, x in enumerate(attendees):
            for y in attendees[i + 1:]:
                if x.person != y.person and x.person is not None and not self._same_side(x.person, y.person) and not any(
                        x.person in side and y.person in side for side in sides):
                    self._add("event", x.person, y, self.sentences[y.sentence], "mutual", "attended", "dep_event")

    def _in_items_time(self, sent: Sentence) -> bool:
        """Whether a sentence reports what happened in the item's time (``frames.dated_elsewhere``),
        decided once per sentence: every rule that reads it asks."""
        known = self.in_time.get(sent.index)
        if known is None:
            known = self.in_time[sent.index] = not dated_elsewhere(self._without_names(sent), self.d.date)
        return known

    def _without_names(self, sent: Sentence) -> str:
        """The sentence with its people's names blanked: "Prime Minister Theresa May" names no month."""
        text = list(sent.text)
        for m in self.mentions:
            if m.kind == "name" and sent.start <= m.name_start and m.name_end <= sent.end:
                text[m.name_start - sent.start:m.name_end - sent.start] = " " * (m.name_end - m.name_start)
        return "".join(text)

    def _same_side(self, a: int, b: int) -> bool:
        """Two people known to serve the same state: one side of a meeting, not its two sides."""
        ca, cb = self.people.country(a), self.people.country(b)
        return ca is not None and ca == cb

    def _frame_in_time(self, f: Frame) -> bool:
        """A frame is in the item's time unless a date of its own clause moves it: dates that hang on
        another clause or encounter of the sentence (``Frame.foreign_dates``) are not its own."""
        sent = self.sentences[f.sentence]
        in_time = self._in_items_time(sent)
        if in_time or not f.foreign_dates:
            return in_time
        text = list(self._without_names(sent))
        for s, e in f.foreign_dates:
            text[s - sent.start:e - sent.start] = " " * (e - s)
        return not dated_elsewhere("".join(text), self.d.date)

    def _blocked(self, t_start: int) -> bool:
        rules = trigger_rules()
        words = rules["nominal_blockers"][self.lang]
        before = self.text[max(0, t_start - 30):t_start]
        if re.search(r"(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", before, re.I):
            return True
        clause = re.split(r"[.;:]", self.text[max(0, t_start - 80):t_start])[-1]
        return any(re.search(rf"(?<![\w-]){re.escape(w)}", clause, re.I) for w in rules.get("past_reference", {}).get(self.lang, []))

    def _coordinated(self, subject: Mention, before: list[Mention]) -> list[Mention]:
        """"X and his Hungarian counterpart Y held talks": the people joined to the subject by "and"."""
        out = []
        prev = subject
        for x in before:
            if x.start <= prev.start:
                continue
            gap = self.text[prev.end:x.start]
            if re.fullmatch(r"\s*,?\s*(?:and|и)\s+(?:(?:his|her|their|the|its)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:counterpart|colleague|коллег\w*)\s+)?", gap, re.I):
                out.append(x)
                prev = x
            else:
                break
        return out

    def _subjectless(self, sent: Sentence, t_start: int) -> bool:
        """"Also visited the companies …", "On the sidelines, held meetings …": no named subject."""
        head = self.text[sent.start:t_start]
        return not re.search(r"[A-ZА-ЯЁ][\w-]+\s+[A-ZА-ЯЁ][\w-]+", head) or bool(re.search(r"(?i)\b(?:also|также)\b\s*$", head))

    def _subject(self, before: list[Mention], t_start: int) -> Mention:
        """The grammatical subject: the first person of the clause before the trigger."""
        clause_start = 0
        for x in before:
            gap = self.text[x.end:t_start]
            if re.search(r"[;:]|\bwho\b|\bwhich\b|\bкоторы", gap):
                clause_start = x.end
        in_clause = [x for x in before if x.start >= clause_start] or before
        return in_clause[0]

    def _inside_other(self, x: Mention, mentions: list[Mention]) -> bool:
        return any(o is not x and o.kind == "name" and o.start <= x.start and x.end <= o.end and (o.end - o.start) > (x.end - x.start) for o in mentions)

    def _list_after(self, pos: int, sent: Sentence, trig: Trigger) -> list[Mention]:
        """Counterparts listed right after the trigger: "with X, Y and Z", "received X"."""
        candidates = sorted(
            (x for x in self.mentions if x.sentence == sent.index and x.start >= pos and not x.mention_only
             and (x.kind == "org" or x.person is not None)),
            key=lambda x: (x.start, -(x.end - x.start)),
        )
        breaks = trigger_rules()["clause_breaks"][self.lang]
        limit = sent.end
        tail = self.text[pos:sent.end]
        for b in breaks:
            i = tail.find(b)
            if i >= 0:
                limit = min(limit, pos + i)
        out: list[Mention] = []
        at = pos
        sep = re.compile(LIST_SEPARATOR[self.lang], re.I)
        gap_first = re.compile(GAP_TO_FIRST[self.lang], re.I)
        for x in candidates:
            if x.start >= limit and out:
                break
            if x.start < at:
                continue
            gap = self.text[at:x.start]
            if not out:
                ok = bool(gap_first.fullmatch(gap)) or (trig.needs_person_next is False and x.kind == "org" and x.group)
                if trig.needs_person_next and not re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?|\s*(?:a|the)\s+delegation\b[^.;]{0,90}?\b(?:led|headed)\s+by\s+(?:its\s+|his\s+|her\s+)?", gap, re.I) \
                        and not (self.lang == "ru" and len(gap.split()) <= 1) and not (x.kind == "org" and x.group):
                    return []
                if not ok:
                    if x.kind == "org" and not x.group:
                        continue
                    if len(gap) > 60:
                        break
                    continue
            elif not sep.fullmatch(gap):
                # a role phrase between two names belongs to the second one; anything else ends the list
                break
            out.append(x)
            at = x.end
            if x.kind == "org":
                # the state of an institution, when its name stops before it: "делегацией Национального
                # собрания Социалистической Республики Вьетнам во главе с …"
                state = next((c for c in self.countries if c.start >= at and c.form == "name"
                              and _STATE_WORDS.fullmatch(self.text[at:c.start])), None)
                if state is not None and state.end <= limit:
                    at = state.end
            # "the Parliamentary Group …, headed by Chairperson X": the head stands for the group
        return out

    def _add(self, kind: str, agent: int, other: Mention, sent: Sentence, direction: str, trigger: str, rule: str) -> None:
        a = Participant("person", self._person_key(agent))
        if other.kind == "org":
            b = Participant("institution", self._org_key(other))
        else:
            if other.person is None or other.person == agent:
                return
            b = Participant("person", self._person_key(other.person))
        pair = tuple(sorted((f"{a.type}:{a.key}", f"{b.type}:{b.key}")))
        old = self.interactions.get(pair)  # type: ignore[arg-type]
        if old is not None and KIND_RANK[old.kind] <= KIND_RANK[kind]:
            return
        evidence = sent.text
        self.interactions[pair] = Interaction(kind=kind, a=a, b=b, evidence=evidence, sentence=sent.index,  # type: ignore[index]
                                              direction=direction, trigger=trigger, rule=rule)

    def _drop_orgs_with_named_people(self) -> None:
        """"representatives of JISS. The meeting was attended by the Head of the Institute, Y. Kuperwasser…":
        when people of the other side are named in that sentence or the next, they, not the body, met."""
        person_sents: dict[str, set[int]] = defaultdict(set)
        for it in self.interactions.values():
            if it.b.type == "person":
                person_sents[it.a.key].add(it.sentence)
        for pair, it in list(self.interactions.items()):
            if it.b.type == "institution" and ({it.sentence, it.sentence + 1} & person_sents.get(it.a.key, set())):
                del self.interactions[pair]

    # ------------------------------------------------------------------ keys

    def _person_key(self, cluster: int) -> str:
        return f"p{cluster}"

    def _org_key(self, m: Mention) -> str:
        key = "o" + hashlib.sha1(name_key(m.text).encode()).hexdigest()[:8]
        self.org_keys.setdefault(key, m)
        return key

    # ------------------------------------------------------------------ countries

    def fill_countries(self) -> None:
        """Counterparts whose state the text leaves implicit: the host state of the diplomat
        they met, else the item's main foreign country; a delegation member: the protagonist's."""
        home = self.people.country(self.people.protagonist) if self.people.protagonist is not None else None
        foreign = Counter(c.iso for c in self.countries if c.iso != home and c.form in ("name", "adjective"))
        # only an item about one foreign state says whose its unplaced people are; with several it would be a guess
        main_foreign = next(iter(foreign)) if len(foreign) == 1 and home else None
        self.filled: dict[int, str] = {}
        states = {c.iso for c in self.countries}
        claimed = any(self.people.country(c.index) in states for c in self.people.clusters)
        embassy = self.people.embassy_country()
        for c in self.people.clusters:
            if embassy and not self.people.country(c.index) and any("diplomat" in m.role_classes for m in c.names()):
                self.filled[c.index] = embassy   # "Посол Виктор Темирбаев" at "посольстве Казахстана"
                continue
            if self.people.country(c.index) or any(m.international for m in c.names()):
                continue
            if len(states) == 1 and not claimed and any(m.role_classes & _NATIONAL_OFFICES for m in c.names()) and not any(_names_a_body(self.text[max(0, m.start - 40):m.name_start]) or _names_a_body(m.role_text) for m in c.names()):
                # a minister or head of state whose state the item leaves unsaid, in an item that names one
                # state only, serves it ("President Mukherjee received …" on a page that says "India" once) —
                # unless someone else already serves that state: then it is the other side's, named for them
                # ("Sultan X received a message from President Y of Palestine")
                self.filled[c.index] = next(iter(states))
                continue
            if c.index == self.people.protagonist:
                continue
            if any(m.delegation for m in c.mentions) and home:
                self.filled[c.index] = home
                continue
            key = self._person_key(c.index)
            partners = [it for it in self.interactions.values()
                        if it.a.type == it.b.type == "person" and key in (it.a.key, it.b.key)]
            if not partners:
                continue
            hosts = []
            for it in partners:
                other = it.b.key if it.a.key == key else it.a.key
                acc = self.people.accredited(int(other[1:]))
                if acc:
                    hosts.append(acc)
            if hosts:
                self.filled[c.index] = hosts[0]
            elif main_foreign and any(self.people.country(int((it.b.key if it.a.key == key else it.a.key)[1:])) == home for it in partners):
                self.filled[c.index] = main_foreign

    # ------------------------------------------------------------------ output

    def result(self) -> ItemExtraction:
        officials = []
        for c in self.people.clusters:
            names = c.names()
            if not names:
                continue
            best = max(names, key=lambda m: (m.form == "full", len((m.normal or m.text).split()), -m.start))
            display = best.normal or best.text
            aliases = []
            for m in names:
                for form in (m.text, m.normal):
                    if form and form != display and form not in aliases:
                        aliases.append(form)
            roles = []
            for m in c.mentions:
                if m.role_text and m.kind == "name" and m.role_text not in roles:
                    roles.append(" ".join(m.role_text.split()))
            institutions = []
            for m in c.mentions:
                inst = m.institution
                if not inst and m.kind == "name" and m.role_text:
                    inst = ministry_of_role(m.role_text, m.title, m.country)   # "Minister of Energy" heads one
                if inst and inst not in institutions:
                    institutions.append(inst)
            spans = [Span(m.name_start, m.name_end, self.text[m.name_start:m.name_end], m.sentence) for m in c.mentions]
            officials.append(OfficialMention(
                key=self._person_key(c.index), name=display, lang=self.lang, aliases=aliases, roles=roles,
                country=self.people.country(c.index) or getattr(self, "filled", {}).get(c.index),
                accredited_to=self.people.accredited(c.index), institutions=institutions,
                international=any(m.international for m in names) and not self.people.country(c.index),
                spans=spans, normal=best.normal,
            ))
        institutions = []
        for key, m in self.org_keys.items():
            institutions.append(InstitutionMention(key=key, name=m.text, country=m.country, international=m.international,
                                                   acronym=m.acronym, spans=[Span(m.start, m.end, self.text[m.start:m.end], m.sentence)]))
        seen: list[str] = []
        for c in self.countries:
            if c.iso not in seen and c.form != "capital":
                seen.append(c.iso)
        return ItemExtraction(
            dispatch_id=self.d.id,
            officials=officials,
            institutions=institutions,
            countries=seen,
            interactions=sorted(self.interactions.values(), key=lambda i: (i.sentence, i.a.key, i.b.key)),
            country_spans=[(c.iso, Span(c.start, c.end, c.text, -1)) for c in self.countries],
        )
