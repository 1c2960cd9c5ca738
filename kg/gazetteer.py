"""Gazetteers: countries (names, adjectives, Russian case forms, capitals), international
organisations, institution words and role titles, compiled once from the data files and
from pycountry/babel (CLDR), so that names in many languages come from maintained sources.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.data import load_yaml
from kg.literals import LiteralAlternation

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CountryHit:
    iso: str
    start: int
    end: int
    text: str
    form: str          # name | adjective | capital


@dataclass(slots=True)
class Gazetteer:
    """Lookup tables; build with :func:`gazetteer`."""

    en_names: dict[str, str] = field(default_factory=dict)        # surface form -> ISO
    en_adjectives: dict[str, str] = field(default_factory=dict)
    ru_forms: dict[str, str] = field(default_factory=dict)        # every case form, lower case -> ISO
    ru_stems: list[tuple[str, str]] = field(default_factory=list)   # adjective stems -> ISO
    capitals: dict[str, str] = field(default_factory=dict)        # capital (en and ru forms) -> ISO
    names_en: dict[str, str] = field(default_factory=dict)        # ISO -> English display name
    names_ru: dict[str, str] = field(default_factory=dict)        # ISO -> Russian display name
    orgs: list[dict] = field(default_factory=list)
    org_index: dict[str, int] = field(default_factory=dict)       # any name/acronym (casefolded) -> orgs index
    en_heads: set[str] = field(default_factory=set)
    en_company_words: set[str] = field(default_factory=set)
    ru_heads: dict[str, str] = field(default_factory=dict)
    ru_words: dict[str, str] = field(default_factory=dict)
    ru_adjective_stems: list[tuple[str, str]] = field(default_factory=list)   # adjective stem -> English, longest first
    en_adjective_of: dict[str, str] = field(default_factory=dict)    # ISO -> the first English adjective
    regions: set[str] = field(default_factory=set)                # region words, both languages
    en_country_re: LiteralAlternation | None = None
    region_re: re.Pattern[str] | None = None
    ru_country_re: LiteralAlternation | None = None
    _stem_memo: dict[str, str | None] = field(default_factory=dict)

    # ------------------------------------------------------------------ countries

    def find_countries(self, text: str, lang: str) -> list[CountryHit]:
        """Every country named in ``text`` (names, official names, adjectives, case forms)."""
        hits: list[CountryHit] = []
        pattern = self.ru_country_re if lang == "ru" else self.en_country_re
        assert pattern is not None
        for m in pattern.finditer(text):
            surface = m.group(0)
            if lang == "ru" and not surface[:1].isupper():
                continue   # "того" is a pronoun; "Того" is Togo
            iso, form = self.country_of(surface, lang)
            if iso:
                hits.append(CountryHit(iso, m.start(), m.end(), surface, form))
        if lang == "ru":
            hits.extend(self._ru_adjectives(text, hits))
            hits.sort(key=lambda h: h.start)
        # "North America", "Central Asia": a region, not the country inside its name
        regions = [(m.start(), m.end()) for m in self.region_re.finditer(text)] if self.region_re else []
        return [h for h in hits if not any(s <= h.start and h.end <= e and (e - s) > (h.end - h.start) for s, e in regions)]

    def country_of(self, surface: str, lang: str = "en") -> tuple[str | None, str]:
        """ISO code of a country name/adjective/capital surface form, and which form it is."""
        s = _clean(surface)
        if lang == "ru":
            key = s.lower()
            if key in self.ru_forms:
                return self.ru_forms[key], "name"
            if key in self.capitals:
                return self.capitals[key], "capital"
            for stem, iso in self.ru_stems:
                if key.startswith(stem):
                    return iso, "adjective"
            return None, ""
        raw = " ".join(surface.split())
        for table, form in ((self.en_names, "name"), (self.en_adjectives, "adjective")):
            if raw in table:          # "U.S.", whose final dot _clean would take
                return table[raw], form
            if s in table:
                return table[s], form
            no_the = re.sub(r"^(?:the)\s+", "", s, flags=re.I)
            if no_the in table:
                return table[no_the], form
        if s.endswith(("’s", "'s")):
            return self.country_of(s[:-2], lang)[0], "name"
        if s in self.capitals:
            return self.capitals[s], "capital"
        return None, ""

    def _ru_adjectives(self, text: str, taken: list[CountryHit]) -> list[CountryHit]:
        spans = [(h.start, h.end) for h in taken]
        out = []
        for m in re.finditer(r"\b[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*\b", text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            word = m.group(0).lower()
            for part in word.split("-"):
                iso = self._ru_stem_iso(part)
                if iso is not None:
                    out.append(CountryHit(iso, m.start(), m.end(), m.group(0), "adjective"))
        return out

    def _ru_stem_iso(self, part: str) -> str | None:
        """The country of the first (longest) adjective stem ``part`` starts with, ending ≤ 4 letters on."""
        if part in self._stem_memo:   # a word recurs in every item: decide it once
            return self._stem_memo[part]
        iso = next((iso for stem, iso in self.ru_stems if part.startswith(stem) and len(part) - len(stem) <= 4), None)
        self._stem_memo[part] = iso
        return iso

    def display(self, iso: str | None) -> str:
        return self.names_en.get(iso or "", iso or "")

    # ------------------------------------------------------------------ organisations

    def org(self, surface: str) -> dict | None:
        """The international organisation a name or acronym refers to, if any."""
        key = _org_key(surface)
        i = self.org_index.get(key)
        return self.orgs[i] if i is not None else None


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" ,.;:()\"'«»“”")


def _org_key(text: str) -> str:
    text = re.sub(r"^(?:the)\s+", "", _clean(text), flags=re.I)
    return text.casefold()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the gazetteer once per process."""
    import pycountry
    from babel import Locale

    gz = Gazetteer()
    data = load_yaml("countries.yaml") or {}
    en_locale, ru_locale = Locale("en"), Locale("ru")
    for c in pycountry.countries:
        iso = c.alpha_2
        names = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        names.add(en_locale.territories.get(iso))
        for n in filter(None, names):
            gz.en_names.setdefault(n, iso)
            if "," in n:   # "Korea, Republic of" → "Republic of Korea"
                head, _, tail = n.partition(", ")
                gz.en_names.setdefault(f"{tail} {head}", iso)
        gz.names_en[iso] = en_locale.territories.get(iso) or getattr(c, "common_name", None) or c.name
        ru = ru_locale.territories.get(iso)
        if ru:
            gz.names_ru[iso] = ru
    for iso, entry in data.items():
        iso = str(iso)
        gz.names_en.setdefault(iso, (entry.get("en_aliases") or [iso])[0])
        for n in entry.get("en_aliases") or []:
            gz.en_names[n] = iso
        for a in entry.get("en_adjectives") or []:
            gz.en_adjectives[a] = iso
            gz.en_adjective_of.setdefault(iso, a)
        for cap in (entry.get("capitals_en") or []):
            gz.capitals[cap] = iso
        for cap in (entry.get("capitals_ru") or []):
            for form in _ru_case_forms(cap):
                gz.capitals[form] = iso
        for stem in entry.get("ru_adjective_stems") or []:
            gz.ru_stems.append((stem.lower(), iso))
        ru_names = list(entry.get("ru_names") or [])
        if iso in gz.names_ru:
            ru_names.append(gz.names_ru[iso])
        for name in ru_names:
            for form in _ru_case_forms(name):
                gz.ru_forms.setdefault(form, iso)
    for iso, ru in gz.names_ru.items():
        for form in _ru_case_forms(ru):
            gz.ru_forms.setdefault(form, iso)
    # Adjectives shadowing a name in another sense ("Jordan" the person) are rare; names win.
    gz.ru_stems.sort(key=lambda p: -len(p[0]))
    gz.en_country_re = LiteralAlternation([*gz.en_names, *gz.en_adjectives], article="the", tail=r"(?:[’']s)?")
    gz.ru_country_re = LiteralAlternation([*gz.ru_forms, *_ru_capital_forms(gz)], flags=re.I, article="the")
    _load_orgs(gz)
    places = load_yaml("places.yaml") or {}
    region_names = [*(places.get("en") or []), *(places.get("ru") or [])]
    for region in region_names:
        gz.regions.add(region)
        gz.regions.update(region.replace("-", " ").split())
    if region_names:
        gz.region_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(r) for r in sorted(region_names, key=len, reverse=True)) + r")(?![\w-])")
    return gz


def _ru_capital_forms(gz: Gazetteer) -> list[str]:
    return [k for k in gz.capitals if re.search("[а-яё]", k)]


@lru_cache(maxsize=4096)
def _ru_case_forms(name: str) -> tuple[str, ...]:
    """All six case forms of a Russian (possibly multi-word) name, lower case."""
    morph = _morph()
    words = name.split()
    forms = {name.lower()}
    cases = ("nomn", "gent", "datv", "accs", "ablt", "loct")
    for case in cases:
        out = []
        for w in words:
            parts = w.split("-")
            inflected = []
            for p in parts:
                parse = morph.parse(p)[0]
                f = parse.inflect({case})
                inflected.append(f.word if f else p.lower())
            out.append("-".join(inflected))
        forms.add(" ".join(out))
    return tuple(sorted(forms))


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _load_orgs(gz: Gazetteer) -> None:
    orgs = load_yaml("organizations.yaml") or []
    for i, org in enumerate(orgs):
        gz.orgs.append(org)
        for key in [org["name"], *(org.get("acronyms") or []), *(org.get("aliases") or []),
                    *(org.get("ru") or []), *(org.get("ru_acronyms") or [])]:
            gz.org_index.setdefault(_org_key(key), i)
    words = load_yaml("institution_words.yaml") or {}
    gz.en_heads = set(words.get("en_heads") or [])
    gz.en_company_words = set(words.get("en_company_words") or [])
    gz.ru_heads = dict(words.get("ru_heads") or {})
    gz.ru_words = dict(words.get("ru_words") or {})
    gz.ru_adjective_stems = sorted(((str(k), str(v)) for k, v in (words.get("ru_adjectives") or {}).items()),
                                   key=lambda p: -len(p[0]))


# ---------------------------------------------------------------------------- regions


def _region_key(word: str) -> str:
    from kg.names import name_tokens

    tokens = name_tokens(word)
    return tokens[0].replace("q", "k") if len(tokens) == 1 else ""


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, set[str]]:
    """Keys of the names of every state's subdivisions (ISO 3166-2, pycountry), to their states."""
    import pycountry

    kinds = {k.casefold() for k in load_yaml("places.yaml")["subdivision_kinds"]}
    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        words = [w for w in re.split(r"[\s,()]+", sub.name) if w and w.casefold() not in kinds]
        if len(words) == 1 and (key := _region_key(words[0])) and len(key) >= 5:
            out.setdefault(key, set()).add(sub.country_code)
    return out


@lru_cache(maxsize=4096)
def region_country(word: str) -> str | None:
    """The state one of whose regions ``word`` names ("Kostanay", "Qostanay", "Астраханской" → KZ, KZ, RU),
    when exactly one state has a region of that name; a prefix of six letters or more stands for an
    adjective's ending ("astrakhan" ~ "astrakhanskaia")."""
    key = _region_key(word)
    if len(key) < 5:
        return None
    index = _subdivisions()
    states = set(index.get(key, ()))
    if not states and len(key) >= 6:
        for other, isos in index.items():
            if len(other) >= 6 and (other.startswith(key[:max(6, len(key) - 3)]) and key.startswith(other[:max(6, len(other) - 4)])):
                states |= isos
    return next(iter(states)) if len(states) == 1 else None
