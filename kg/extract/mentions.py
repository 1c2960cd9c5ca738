"""Mentions inside one news item: people (with their role phrase), role-only references
("the Kazakh diplomat"), institutions and countries — the raw material of ``kg.extract``.

Language-specific finders (``kg.extract.mentions_en``, ``kg.extract.mentions_ru``) produce ``Mention``
records with character offsets into the item's text; everything after that is shared.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from kg.data import load_yaml
from kg.literals import LiteralAlternation

MentionKind = Literal["name", "roleref", "org"]


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    headline: bool = False


@dataclass(slots=True)
class Mention:
    """One mention of a person, a role, or an institution in an item."""

    kind: MentionKind
    start: int                       # the whole mention, role phrase included
    end: int
    name_start: int                  # the name itself (equal to start/end for role references)
    name_end: int
    text: str                        # the name as written (or the role phrase, or the institution)
    sentence: int
    form: str = "full"               # full | initial | surname | roleref | org
    title: str | None = None         # canonical title ("Ambassador")
    role_text: str | None = None     # the whole role phrase as written
    role_class: str | None = None    # office class from roles.yaml ("diplomat", "head_of_state")
    role_classes: frozenset[str] = frozenset()   # every office the role phrase names (general and specific)
    country: str | None = None       # state served, from the role phrase
    accredited: str | None = None    # host state of a diplomat
    institution: str | None = None
    international: bool = False
    normal: str | None = None        # nominative form (Russian)
    group: bool = False              # "students of X": the institution stands for its people
    mention_only: bool = False       # "the initiative of President Tokayev"
    person: int | None = None        # item-local person cluster, set by coreference
    org_key: str | None = None
    acronym: str | None = None
    delegation: bool = False         # listed as a member of the protagonist's delegation
    alias: str | None = None         # a short name given in brackets: "Joko Widodo (Jokowi)"


# ---------------------------------------------------------------------------- roles


@dataclass(slots=True)
class RoleTables:
    en_titles: list[str]
    en_title_re: LiteralAlternation
    en_plural_title_re: LiteralAlternation
    honorifics: set[str]
    anaphors: dict[str, str]
    classes: dict[str, str]           # title (casefolded) -> class
    ru_titles: list[tuple[str, ...]]  # lemma sequences, longest first
    ru_title_words: set[str] = field(default_factory=set)
    apposition_continues: frozenset[str] = frozenset()
    two_letter_initials: frozenset[str] = frozenset()
    two_letter_abbreviations: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def role_tables() -> RoleTables:
    data = load_yaml("roles.yaml")
    en = data["en"]
    titles = sorted(en["titles"], key=len, reverse=True)
    title_re = LiteralAlternation(titles, flags=re.I, before=r"(?<![\w-])", after=r"(?![\w-])")
    # "Ambassadors X (Chile), Y (Spain) and Z (Egypt)": a plural title before a list of names
    plural_re = LiteralAlternation([t for t in titles if t[:1].isupper() and not t.endswith("s")], before=r"(?<![\w-])",
                                   tail="s", after=r"(?![\w-])")
    classes: dict[str, str] = {}
    for cls, members in data["classes"].items():
        for m in members:
            classes.setdefault(m.casefold(), cls)
    # titles are written as a reader says them ("заместитель председателя"); they are matched on lemmas
    ru_titles = sorted((tuple(_lemma_ru(w) for w in t.split()) for t in data["ru"]["titles"]), key=len, reverse=True)
    ru_words = {w for t in ru_titles for w in t}
    return RoleTables(
        en_titles=titles,
        en_title_re=title_re,
        en_plural_title_re=plural_re,
        honorifics={h.casefold() for h in en["honorifics"]},
        anaphors={k.casefold(): v for k, v in en["anaphors"].items()},
        classes=classes,
        ru_titles=ru_titles,
        ru_title_words=ru_words,
        apposition_continues=frozenset(en["apposition_continues"]),
        two_letter_initials=frozenset(en["two_letter_initials"]),
        two_letter_abbreviations=frozenset(en["two_letter_abbreviations"]),
    )


def starts_a_clause(text: str, start: int, end: int, limit: int) -> bool:
    """A definite role phrase (from "the" at ``start`` to ``end``) followed by a lower-case word other than
    a preposition: the role is the subject of a new clause ("… with X, the Secretary-General expressed …"),
    not an apposition to the name before it. Without "the" it is one, even with no comma after it ("X,
    Permanent Representative … in Vienna met with …")."""
    if not re.match(r"(?i)the\s", text[start:end]):
        return False
    word = re.match(r"\s+([a-z]+)\b", text[end:limit])
    return bool(word) and word.group(1) not in role_tables().apposition_continues


DEPUTY_WORDS = {"deputy", "vice", "first", "assistant", "under", "заместитель", "замминистра", "первый", "вице"}


@lru_cache(maxsize=1)
def _country_titles() -> list[tuple[re.Pattern[str], str]]:
    data = load_yaml("roles.yaml").get("country_titles") or {}
    return [(re.compile(rf"(?<![\w-]){re.escape(word)}", re.I), iso) for iso, words in data.items() for word in words]


def country_of_title(role_text: str | None) -> str | None:
    """The one state whose officials bear a title or sit in a body named in a role phrase ("Akim of Almaty")."""
    if not role_text:
        return None
    for pattern, iso in _country_titles():
        if pattern.search(role_text):
            return iso
    return None


def role_classes(title: str | None, text: str | None = None) -> frozenset[str]:
    """Every office class a title and its role phrase name: "Deputy Minister of Foreign Affairs of …" is
    both ``deputy_minister`` and ``deputy_foreign_minister``."""
    out = set()
    for t in (title, text):
        if not t:
            continue
        t = re.sub(r"^(?:the|The)\s+", "", " ".join(t.split()))
        c = role_class(t)
        if c:
            out.add(c)
        # a modifier before the title: "the Kazakh Foreign Minister", "Kazakh Senate Chairman"
        words = t.split()
        for i in range(1, min(len(words), 4)):
            if any(w.casefold().strip("-–") in DEPUTY_WORDS for w in words[:i]):
                break   # a deputy minister is not the minister
            c = role_class(" ".join(words[i:]))
            if c:
                out.add(c)
    return frozenset(out)


@lru_cache(maxsize=65536)   # a pure function of the title, asked for every role phrase
def _lemma_ru(word: str) -> str:
    from kg.gazetteer import _morph

    if "-" in word:
        return "-".join(_morph().parse(p)[0].normal_form for p in word.split("-"))
    return _morph().parse(word)[0].normal_form


@lru_cache(maxsize=65536)   # a pure function of the title, asked several times for every role phrase
def role_class(title: str | None) -> str | None:
    if not title:
        return None
    tables = role_tables()
    key = title.casefold()
    if key in tables.classes:
        return tables.classes[key]
    # "Minister of Foreign Affairs of the Republic of Kazakhstan" → the longest class member it starts with
    best = None
    for member, cls in tables.classes.items():
        if key.startswith(member) and (best is None or len(member) > len(best[0])):
            best = (member, cls)
    return best[1] if best else None


# ---------------------------------------------------------------------------- triggers


WORD_START = r"(?<![\w-])"


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    frame: str
    regex: re.Pattern[str]
    needs_person_next: bool = False
    sentence_start: bool = False
    after_word_start: str = ""    # the regex without its leading WORD_START (for trigger_starts)


@lru_cache(maxsize=2)
def triggers(lang: str) -> list[Trigger]:
    data = load_yaml("triggers.yaml")[lang]
    out = []
    for kind, entries in data.items():
        for e in entries:
            pat = e["pattern"]
            rest = pat if pat.startswith("^") else rf"{pat}(?![\w-])"
            body = pat if pat.startswith("^") else WORD_START + rest
            out.append(Trigger(kind, e["frame"], re.compile(body, re.I), bool(e.get("needs_person_next")),
                               bool(e.get("sentence_start")), rest))
    return out


@lru_cache(maxsize=2)
def trigger_starts(lang: str) -> re.Pattern[str]:
    """Where some (not sentence-initial) trigger of ``lang`` matches: one scan instead of one per trigger.

    Every trigger opens with the same word-boundary lookbehind; checked once per position up front,
    the alternatives are tried only at word starts (a quarter of the time of scanning with each trigger).
    """
    rests = [t.after_word_start for t in triggers(lang) if not t.sentence_start]
    return re.compile(WORD_START + "(?=" + "|".join(f"(?:{r})" for r in rests) + ")", re.I)


@lru_cache(maxsize=1)
def trigger_rules() -> dict:
    return load_yaml("triggers.yaml")


# ---------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def is_given_name(word: str) -> bool:
    """A first name in gender-guesser's international dictionary (Kazakh names included)."""
    if len(word) < 2:
        return False
    return _gender_detector().get_gender(word) != "unknown"


@lru_cache(maxsize=65536)
def word_frequency(word: str) -> float:
    """Zipf frequency of an English word (wordfreq); names of foreigners are rare words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "del", "della", "di", "van", "von", "der", "den", "la", "le",
             "bint", "abu", "dos", "das", "du", "y", "ter", "ten"}


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def mark_role_orgs(mentions: list[Mention]) -> None:
    """A body inside a mere mention's role phrase ("в связи с гибелью главы МЧС X") is mentioned with that
    person, not a party of its own."""
    mere = [m for m in mentions if m.kind != "org" and m.mention_only]
    for o in mentions:
        if o.kind == "org" and any(m.start <= o.start and o.end <= m.end for m in mere):
            o.mention_only = True


# ---------------------------------------------------------------------------- surnames

_CAPITALISED = re.compile(r"(?<![\w-])[^\W\d_][\w-]*(?:[’']s)?")


def bare_surnames(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a person by surname alone ("Zarif and Qureshi discussed …"): a capitalised
    word outside every other mention that is the surname of one full name of the item, or the short
    name it gave in brackets ("Joko Widodo (Jokowi) … Jokowi said")."""
    from kg.gazetteer import gazetteer
    from kg.names import name_tokens

    gz = gazetteer()

    full = [m for m in mentions if m.kind == "name" and len((m.normal or m.text).split()) >= 2]
    if not full:
        return []
    surnames: dict[str, str] = {}
    for m in full:
        tokens = name_tokens(m.normal or m.text)
        if tokens and len(tokens[-1]) >= 4:
            surnames[tokens[-1]] = m.text
        if m.alias:
            surnames[name_tokens(m.alias)[0]] = m.text
    taken = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    for sent in sentences:
        for w in _CAPITALISED.finditer(text, sent.start, sent.end):
            word = re.sub(r"[’']s$", "", w.group(0))
            if not word[:1].isupper() or any(s < w.end() and w.start() < e for s, e in taken):
                continue
            key = name_tokens(word)
            if len(key) != 1 or gz.country_of(word)[0]:
                continue   # "Saudi" is not "Al Saud"
            owners = {full_name for surname, full_name in surnames.items() if key[0] == surname}
            if len(owners) != 1:
                continue
            end = w.start() + len(word)
            out.append(Mention(kind="name", start=w.start(), end=end, name_start=w.start(), name_end=end,
                               text=word, sentence=sent.index, form="surname"))
    return out
