"""Canonical institution names: one key for every way a dispatch names an institution.

``Ministry of Foreign Affairs of the Republic of Kazakhstan``, ``the Kazakh Foreign Ministry``,
``МИД РК`` and ``Министерстве иностранных дел РК`` all become ``Ministry of Foreign Affairs`` of
``KZ``; international organisations become their gazetteer name (``ВОИС`` → World Intellectual
Property Organization); other Russian names are rendered in English where the glossary knows
their words, and romanised otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.gazetteer import gazetteer
from kg.names import romanize

#: "Foreign Ministry" and friends: a portfolio adjective before "Ministry".
PORTFOLIO_ADJECTIVES = {"Foreign": "Foreign Affairs", "Interior": "Internal Affairs", "Defence": "Defence",
                        "Defense": "Defence", "Finance": "Finance", "Energy": "Energy", "Justice": "Justice",
                        "Health": "Health", "Education": "Education", "Trade": "Trade", "Economy": "Economy",
                        "Culture": "Culture", "Agriculture": "Agriculture", "Transport": "Transport"}


@dataclass(frozen=True, slots=True)
class CanonicalInstitution:
    key: str                 # country:words, or io:name
    name: str                # English display name, with its state ("Ministry of Foreign Affairs of Kazakhstan")
    country: str | None
    international: bool
    acronym: str | None = None


@lru_cache(maxsize=16384)
def canonical(name: str, country: str | None = None) -> CanonicalInstitution:
    """The canonical form of an institution name (``country`` is the state the context gives)."""
    gz = gazetteer()
    clean = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split())).strip(" ,.;:")
    clean = re.sub(r"\s*\(([A-ZА-ЯЁ]{2,}[^)]*)\)$", "", clean)
    org = gz.org(clean)
    leads = _org_leads()
    if org is None and clean.startswith(leads):
        # "Organization for Security and Co-operation in Europe Office for Democratic Institutions …": the body named last
        for lead in leads:
            if clean.startswith(lead) and gz.org(clean[len(lead):]) is not None:
                org = gz.org(clean[len(lead):])
                break
    if org is not None:
        return CanonicalInstitution(f"io:{org['name'].casefold()}", org["name"], None, True, (org.get("acronyms") or [None])[0])
    lang = "ru" if re.search("[А-Яа-яЁё]", clean) else "en"
    body, found = _strip_country(clean, lang)
    country = found or country
    english = _ministry_form(_english(body, lang))
    if _state_body(english):
        display = f"{english} of {gz.display(country)}" if country else english
    else:
        display = _english(clean, lang)   # "Club of Friends of Kazakhstan": the state is part of the name
    words = " ".join(sorted(set(re.findall(r"[a-z0-9]+", english.casefold())) - {"of", "the", "and", "for"}))
    return CanonicalInstitution(f"{country or ''}:{words}", display, country, False)


@lru_cache(maxsize=1)
def _org_leads() -> tuple[str, ...]:
    """Every name, acronym and alias of an organisation, and a space, in the gazetteer's order:
    one ``startswith`` tells most names apart from "<organisation> <its body>" at once."""
    return tuple(f"{lead} " for io in gazetteer().orgs
                 for lead in [io["name"], *(io.get("acronyms") or []), *(io.get("aliases") or [])])


def _state_body(name: str) -> bool:
    """Bodies every state has, named after their state ("Ministry of Energy of Kazakhstan")."""
    return bool(re.match(r"(?:Ministry|Parliament|Senate|Government|Embassy|Consulate|Presidential|Mazhilis|Assembly|Cabinet|Office of the President)\b", name))


def _strip_country(name: str, lang: str) -> tuple[str, str | None]:
    """Take the state out of a name: "… of the Republic of Kazakhstan", "Kazakh …", "… РК"."""
    gz = gazetteer()
    hits = gz.find_countries(name, lang)
    if not hits:
        return name, None
    hit = hits[-1] if re.search(r"\bof\s+(?:the\s+)?$", name[: hits[-1].start]) or lang == "ru" else hits[0]
    before, after = name[: hit.start], name[hit.end:]
    before = re.sub(r"\s*\b(?:of|in)\s+(?:the\s+)?$", "", before)
    body = f"{before} {after}".strip(" ,")
    body = re.sub(r"\s{2,}", " ", body)
    return body or name, hit.iso


def _english(name: str, lang: str) -> str:
    if lang != "ru":
        return name
    gz = gazetteer()
    from kg.extract.mentions_ru import _morph_lemma

    abbreviations = _ru_abbreviations()
    words = name.split()
    if words and words[0] in abbreviations:
        return " ".join([abbreviations[words[0]], *(romanize(w) for w in words[1:])])
    out: list[str] = []
    i = 0
    while i < len(words):
        # the longest glossary phrase starting here ("иностранных дел" → "Foreign Affairs")
        for n in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n]).lower().strip(",«»\"")
            if phrase in gz.ru_words:
                gloss = str(gz.ru_words[phrase])
                out.append(gloss if gloss.startswith("of ") or not out else f"of {gloss}")
                i += n
                break
        else:
            bare = words[i].strip(",«»\"()")
            lemma = _morph_lemma(bare)
            if lemma in gz.ru_heads:
                out.append(str(gz.ru_heads[lemma]).title())
            elif gz.country_of(bare, "ru")[1] == "name":
                out.append(f"of {gz.display(gz.country_of(bare, 'ru')[0])}")
            elif (adjective := _ru_adjective(bare)) is not None:
                out.append(adjective)
            elif re.search("[А-Яа-яЁё]", bare):
                out.append(romanize(bare))
            else:
                out.append(bare)
            i += 1
    return " ".join(out)


#: what follows an adjective's stem in any case and gender ("государственн-ого", "монгольск-ому")
_ADJECTIVE_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)")


def _ru_adjective(word: str) -> str | None:
    """The English of a Russian adjective inside an institution's name: a gloss from the data file
    ("государственного" → "State") or a country's adjective ("Монгольского" → "Mongolian")."""
    gz = gazetteer()
    low = word.lower()
    for stem, gloss in gz.ru_adjective_stems:
        if low.startswith(stem) and _ADJECTIVE_ENDING.fullmatch(low[len(stem):]):
            return gloss
    iso, form = gz.country_of(word, "ru")
    if form == "adjective" and re.search(r"(?:ск|цк)" + _ADJECTIVE_ENDING.pattern + "$", low):
        return gz.en_adjective_of.get(iso or "")
    return None


def _ministry_form(name: str) -> str:
    """"Foreign Ministry" → "Ministry of Foreign Affairs"."""
    m = re.fullmatch(r"(?:(\w+)\s+)?(\w+)\s+Ministry", name)
    if m and m.group(2) in PORTFOLIO_ADJECTIVES:
        return f"Ministry of {PORTFOLIO_ADJECTIVES[m.group(2)]}"
    return name


@lru_cache(maxsize=1)
def _ru_abbreviations() -> dict[str, str]:
    from kg.data import load_yaml

    return dict((load_yaml("institution_words.yaml") or {}).get("ru_abbreviations") or {})


def ministry_of_role(role_text: str, title: str | None, country: str | None) -> str | None:
    """"Minister of Energy of Kazakhstan" → "Ministry of Energy" (the institution a minister heads)."""
    if not title or "minister" not in title.casefold() or "prime" in title.casefold():
        return None
    m = re.search(r"Minister\s+of\s+([A-Z][\w-]*(?:(?:,\s+|\s+and\s+(?:the\s+)?|\s+)[A-Z][\w-]*)*)", role_text)
    if m:
        return f"Ministry of {m.group(1)}"
    m = re.search(r"\b(Foreign|Energy|Defence|Defense|Finance|Interior|Justice|Health|Trade)\s+Minister\b", role_text)
    if m:
        return f"Ministry of {PORTFOLIO_ADJECTIVES[m.group(1)]}"
    return None
