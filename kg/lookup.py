"""Forgiving look-up of names: any alias, any script, any case or accent, surname alone, small typos.

A ``NameIndex`` maps the spellings of entities (persons, institutions, countries) to their ids. A
query is tried in tiers, strictest first, and the first tier that names exactly one entity wins:

1. the transliterated, case- and accent-folded form equals a known spelling;
2. the *skeleton* (romanisation differences folded away, rules in ``kg/data/lookup.yaml``) does;
3. the query's words are a run of a spelling's words (a surname alone, ``D. Mussayev``);
4. a fuzzy match (rapidfuzz) clearly better than any other entity.

A tier that names several entities raises ``AmbiguousEntity``; nothing found raises
``UnknownEntity``. Both are ``KeyError`` subclasses and list the closest names.

>>> index = NameIndex([("p1", "Kassym-Jomart Tokayev"), ("p2", "Roman Vassilenko")])
>>> index.find("Касым-Жомарт Токаев"), index.find("vassilenko"), index.find("K. Tokayev")
('p1', 'p2', 'p1')
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from kg.data import load_yaml


class UnknownEntity(KeyError):
    """No entity answers to a name; ``suggestions`` holds the closest known names."""

    def __init__(self, query: str, suggestions: Sequence[str] = (), what: str = "entity") -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = list(suggestions)
        self.what = what

    def __str__(self) -> str:
        # KeyError's own __str__ shows only the repr of the key: say what was looked for, and what is close
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        return f"unknown {self.what} {self.query!r}{hint}"


class AmbiguousEntity(UnknownEntity):
    """A name fits several entities equally well; ``suggestions`` lists them."""

    def __str__(self) -> str:
        return f"{self.what} {self.query!r} is ambiguous: it may be {', '.join(self.suggestions)}"


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[tuple[re.Pattern[str], str], ...], str, dict[str, int]]:
    data = load_yaml("lookup.yaml")
    rules = tuple((re.compile(pattern), repl) for pattern, repl in data["skeleton"])
    return rules, data["drop"], dict(data["fuzzy"])


def normalize(text: str) -> str:
    """Lower-case ASCII words: transliterated, accents and punctuation gone.

    >>> normalize("José Manuel  ALBARES"), normalize("Гутьеррес"), normalize("M.Al-Maaytah")
    ('jose manuel albares', 'guterres', 'm al maaytah')
    """
    _, drop, _ = _rules()
    ascii_text = anyascii(text).casefold()
    ascii_text = ascii_text.translate({ord(c): None for c in drop})
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text).split())


def skeleton(text: str) -> str:
    """The normalized form with romanisation differences folded away.

    >>> skeleton("Kassym-Jomart Tokayev") == skeleton("Касым-Жомарт Токаев")
    True
    """
    value = normalize(text)
    rules, _, _ = _rules()
    for pattern, repl in rules:
        value = pattern.sub(repl, value)
    return value


@dataclass(frozen=True, slots=True)
class _Spelling:
    target: str             # the entity id (or ISO code) this spelling names
    text: str               # the spelling as given
    norm: str
    skel: str
    words: tuple[str, ...]  # skeleton words


class NameIndex:
    """Spellings of entities, searchable forgivingly.

    ``spellings`` are ``(id, spelling)`` pairs (an entity may have many); ``labels`` gives the
    text to show for an id in error messages (default: its first spelling).
    """

    def __init__(self, spellings: Iterable[tuple[str, str]], labels: Mapping[str, str] | None = None,
                 what: str = "entity") -> None:
        seen: set[tuple[str, str]] = set()
        self._spellings: list[_Spelling] = []
        self._labels: dict[str, str] = dict(labels or {})
        for target, text in spellings:
            norm = normalize(text or "")
            if not norm or (target, norm) in seen:
                continue
            seen.add((target, norm))
            skel = skeleton(text)
            self._spellings.append(_Spelling(target, text, norm, skel, tuple(skel.split())))
            self._labels.setdefault(target, text)
        self.what = what

    def __len__(self) -> int:
        return len({s.target for s in self._spellings})

    def find(self, query: str) -> str:
        """The id of the one entity ``query`` names; ``UnknownEntity``/``AmbiguousEntity`` otherwise."""
        norm, skel = normalize(query), skeleton(query)
        if not norm:
            raise UnknownEntity(query, [], self.what)
        tiers = (
            lambda: {s.target for s in self._spellings if s.norm == norm},
            lambda: {s.target for s in self._spellings if s.skel == skel},
            lambda: self._by_words(tuple(skel.split())),
            lambda: self._by_fuzzy(skel),
        )
        for tier in tiers:
            found = tier()
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                raise AmbiguousEntity(query, sorted(self._labels[t] for t in found), self.what)
        raise UnknownEntity(query, self.suggest(query), self.what)

    def suggest(self, query: str, n: int | None = None) -> list[str]:
        """The labels of the entities whose spellings come closest to ``query``, best first."""
        limit = n if n is not None else _rules()[2]["suggestions"]
        skel = skeleton(query)
        ranked = sorted(self._spellings, key=lambda s: (-_closeness(skel, s), s.target))
        labels: list[str] = []
        for spelling in ranked:
            label = self._labels[spelling.target]
            if label not in labels:
                labels.append(label)
            if len(labels) == limit:
                break
        return labels

    def _by_words(self, words: tuple[str, ...]) -> set[str]:
        """Entities whose spelling contains the query's words in a run (an initial matches a word).

        A single word prefers surnames (the last word) so that "Tokayev" is never ambiguous with a
        namesake's first name.
        """
        if not words or (len(words) == 1 and len(words[0]) < 2):
            return set()
        if len(words) == 1:
            last = {s.target for s in self._spellings if s.words and s.words[-1] == words[0]}
            if last:
                return last
        return {s.target for s in self._spellings if _contains_run(s.words, words)}

    def _by_fuzzy(self, skel: str) -> set[str]:
        """The entity of a clearly best fuzzy match, if any (empty set otherwise)."""
        settings = _rules()[2]
        best: dict[str, float] = {}
        for s in self._spellings:
            score = fuzz.token_sort_ratio(skel, s.skel)
            if score > best.get(s.target, -1.0):
                best[s.target] = score
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < settings["accept"]:
            return set()
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < settings["margin"]:
            return {t for t, score in ranked if ranked[0][1] - score < settings["margin"]}
        return {ranked[0][0]}


def _closeness(skel: str, spelling: _Spelling) -> float:
    """How close a query is to a spelling, as a whole or to one of its words (a misspelt surname)."""
    whole = fuzz.token_sort_ratio(skel, spelling.skel)
    return max([whole, *(fuzz.ratio(skel, w) for w in spelling.words)])


def _contains_run(words: tuple[str, ...], query: tuple[str, ...]) -> bool:
    """Whether ``query`` occurs as consecutive words of ``words``.

    A one-letter query word is an initial: it matches a word it begins, and may stand for several
    given names ("K. Tokayev" for "Kassym Jomart Tokayev").
    """
    return any(_run_at(words, start, query, 0) for start in range(len(words)))


def _run_at(words: tuple[str, ...], i: int, query: tuple[str, ...], j: int) -> bool:
    if j == len(query):
        return True
    if i >= len(words) or not _word_matches(words[i], query[j]):
        return False
    if len(query[j]) == 1 and j + 1 < len(query):
        return any(_run_at(words, k, query, j + 1) for k in range(i + 1, len(words)))
    return _run_at(words, i + 1, query, j + 1)


def _word_matches(word: str, query: str) -> bool:
    return word == query or (len(query) == 1 and word.startswith(query))


@lru_cache(maxsize=1)
def _world_countries() -> tuple[tuple[str, str], ...]:
    """(ISO alpha-2, spelling) for every country: codes, English and Russian CLDR names, ISO names."""
    import pycountry
    from babel import Locale

    spellings: list[tuple[str, str]] = []
    territories = {lang: Locale(lang).territories for lang in ("en", "ru")}
    for c in pycountry.countries:
        iso = c.alpha_2
        spellings += [(iso, iso), (iso, c.alpha_3), (iso, c.name)]
        spellings += [(iso, getattr(c, attr)) for attr in ("official_name", "common_name") if hasattr(c, attr)]
        spellings += [(iso, names[iso]) for names in territories.values() if iso in names]
    return tuple(spellings)


def country_index(known: Iterable[tuple[str, str]] = ()) -> NameIndex:
    """A ``NameIndex`` of countries (ids are ISO alpha-2 codes), ``known`` spellings first.

    >>> index = country_index()
    >>> index.find("KZ"), index.find("Saudi Arabia"), index.find("Саудовская Аравия"), index.find("kaz")
    ('KZ', 'SA', 'SA', 'KZ')
    """
    from babel import Locale

    english = Locale("en").territories
    known = list(known)
    isos = {iso for iso, _ in known} | {iso for iso, _ in _world_countries()}
    labels = {iso: f"{english.get(iso, iso)} ({iso})" for iso in isos}
    return NameIndex([*known, *_world_countries()], labels=labels, what="country")
