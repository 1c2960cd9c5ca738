"""English mentions: officials with their role phrases, role-only references, institutions.

The small spaCy model tags title-heavy text poorly, so names are found from the structure of
diplomatic reporting first — a role phrase (``Ambassador of Kazakhstan to Spain,``) followed by a
name, an initial form (``D. Mussayev``), an apposition (``William Kabogo Gitau, the Cabinet
Secretary of …``) — and the model's PERSON entities fill in the rest when they look like names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from kg.gazetteer import CountryHit, gazetteer
from kg.extract.mentions import (
    PARTICLES,
    Mention,
    Sentence,
    bare_surnames,
    is_given_name,
    mark_role_orgs,
    role_class,
    role_classes,
    role_tables,
    starts_a_clause,
    trigger_rules,
    word_frequency,
)

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:\.(?=\s?[^\W\d_]))?")
# an initial is one capital letter or a two-letter one the role lists know ("Zh.", not "Go.")
_INITIAL = "(?:[A-Z]|" + "|".join(sorted(role_tables().two_letter_initials)) + ")"
INITIAL_NAME = re.compile(
    r"(?<![\w.])((?:" + _INITIAL + r"\.\s?){1,2})((?:[A-Z][\w’'\-]*[a-zà-ÿ][\w’'\-]*)(?:\s(?:[A-Z][\w’'\-]*[a-zà-ÿ][\w’'\-]*|bin|al|de|De|van|von))*)"
)
COMMON = 3.6          # Zipf frequency above which a capitalised word reads as an English word, not a name
STOP_CAPS = {"The", "A", "An", "In", "On", "At", "During", "Following", "After", "Before", "As", "For", "His", "Her",
             "Their", "Its", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "Our", "Both", "And",
             "But", "With", "From", "By", "Of", "To", "Also", "Particular", "Special", "Among", "Within", "Under",
             "Over", "Through", "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Your", "My"}


@dataclass(slots=True)
class _Role:
    start: int
    end: int
    title: str
    text: str
    country: str | None
    accredited: str | None
    institution: str | None
    international: bool
    anaphor: bool = False


def find_mentions(text: str, doc: Doc, sentences: list[Sentence], countries: list[CountryHit]) -> list[Mention]:
    """All person, role and institution mentions of an English item."""
    gz = gazetteer()
    out: list[Mention] = []
    for sent in sentences:
        s_countries = [c for c in countries if sent.start <= c.start < sent.end]
        roles = _roles(text, sent, s_countries)
        names = _names(text, sent, roles, s_countries, doc)
        out.extend(names)
        covered = [(m.start, m.end) for m in names]
        for r in roles:
            if any(s <= r.start < e for s, e in covered):
                continue
            if any(re.fullmatch(r"\s+(?:and|&)\s+", text[r.end:m.start] or "x") for m in names):
                continue   # "State Councilor and Foreign Minister Wang Yi": two titles of one person
            out.append(Mention(kind="roleref", start=r.start, end=r.end, name_start=r.start, name_end=r.end,
                               text=r.text, sentence=sent.index, form="roleref", title=r.title, role_text=r.text,
                               role_class=_anaphor_class(r) or role_class(r.title),
                               role_classes=frozenset(filter(None, [_anaphor_class(r)])) | role_classes(r.title, r.text), country=r.country,
                               accredited=r.accredited, institution=r.institution, international=r.international))
        out.extend(_orgs(text, sent, s_countries, gz))
    out.extend(bare_surnames(text, sentences, out))
    _mark_mention_only(text, out)
    mark_role_orgs(out)
    _mark_delegation(text, sentences, out)
    return sorted(out, key=lambda m: (m.start, m.end))


# ---------------------------------------------------------------------------- roles


def _roles(text: str, sent: Sentence, countries: list[CountryHit]) -> list[_Role]:
    tables = role_tables()
    gz = gazetteer()
    roles: list[_Role] = []
    seg = text[sent.start:sent.end]
    pos = 0
    for m in tables.en_title_re.finditer(seg):
        if m.start() < pos:
            continue
        title = m.group(0)
        start, end = sent.start + m.start(), sent.start + m.end()
        anaphor = _is_anaphor(text, start, end)
        # a lower-case title counts when a name follows it at once ("Akorda press secretary Berik Uali")
        named = _name_follows(text, end)
        # … or when it stands in apposition to a name and says of what ("Andriy Yermak, head of Ukraine's …")
        apposed = bool(re.search(r"[A-Z][\w’'-]*[a-z],\s+(?:the\s+)?$", text[max(0, start - 40):start])) and \
            bool(re.match(r"\s+(?:of|to|at)\s", text[end:end + 5]))
        if not title[0].isupper() and not anaphor and not named and not apposed:
            continue
        if sent.headline and title.islower():
            continue
        # compound titles: "Deputy Prime Minister and Minister of Foreign Affairs"
        country = accredited = institution = None
        international = False
        end, country, accredited, institution, international = _complements(text, end, sent.end, countries, country, accredited, institution, international)
        while True:
            mm = re.match(r"\s+and\s+|\s*[–—]\s*|\s+-\s+", text[end:sent.end])   # "Deputy Prime Minister – Minister of …"
            if not mm:
                break
            nxt = tables.en_title_re.match(text, end + mm.end())
            if not nxt or not nxt.group(0)[0].isupper():
                break
            end, country, accredited, institution, international = _complements(text, nxt.end(), sent.end, countries, country, accredited, institution, international)
        start, pre_country, pre_org = _prefix(text, sent.start, start, countries)
        country = pre_country or country
        if pre_org and not institution:
            institution = pre_org
        org = gz.org(institution) if institution else None
        if org is not None and not country:
            international = True
        roles.append(_Role(start, end, _canonical_title(title), text[start:end], country, accredited, institution, international, anaphor))
        pos = end - sent.start
    for m in tables.en_plural_title_re.finditer(seg):
        start, end = sent.start + m.start(), sent.start + m.end()
        if any(r.start <= start < r.end for r in roles) or not _name_follows(text, end):
            continue
        # "High Commissioners Yusuf Yunusa (Nigeria), Damptey Asare (Ghana) …": the title of each name listed
        roles.append(_Role(start, end, _canonical_title(m.group(0)[:-1]), text[start:end], None, None, None, False, False))
    roles.sort(key=lambda r: r.start)
    return roles


def _name_follows(text: str, end: int) -> bool:
    """Two capitalised words that read as a name follow at once ("press secretary Berik Uali",
    "High Commissioners Yusuf Yunusa (Nigeria), …")."""
    return bool(re.match(r"\s[A-Z][\w’'-]+\s[A-Z][\w’'-]+", text[end:end + 60])) and \
        _looks_like_name(re.findall(r"[A-Z][\w’'-]+", text[end:end + 60])[:2])


def _is_anaphor(text: str, start: int, end: int) -> bool:
    """A lower-case title used as a noun for a person: "the Kazakh diplomat", "the head of Spanish diplomacy"."""
    title = text[start:end].casefold()
    before = text[max(0, start - 40):start]
    if not re.search(r"\b(?:the|The)\s+(?:[A-Z][\w’'-]+\s+)?$", before):
        return False
    anaphors = role_tables().anaphors
    if title in anaphors:
        return True
    return any(a.startswith(title) and text[start:start + len(a) + 20].casefold().startswith(a) for a in anaphors) or \
        bool(re.match(r"head\s+of\s+(?:[A-Z][\w’'-]+\s+)?(?:diplomacy|state|government)", text[start:end + 30], re.I))


def _anaphor_class(role: _Role) -> str | None:
    if not role.anaphor:
        return None
    text = role.text.casefold()
    m = re.search(r"head\s+of\s+(?:\S+\s+)?(diplomacy|state|government)", text)
    if m:
        return {"diplomacy": "foreign_minister", "state": "head_of_state", "government": "head_of_government"}[m.group(1)]
    return role_tables().anaphors.get(role.title.casefold())


def _canonical_title(title: str) -> str:
    t = " ".join(title.split())
    return t[0].upper() + t[1:] if t else t


def _complements(text: str, pos: int, limit: int, countries: list[CountryHit], country, accredited, institution, international):
    """Extend a title over "of X", "to Y", "for Z", "at W", "in V" complements."""
    gz = gazetteer()
    inst_start: int | None = None
    while pos < limit:
        # "head of Spanish diplomacy": an adjective complement
        m = re.match(r"\s*,?\s+(of|to|for|at|in|on|with)\s+(?:the\s+)?", text[pos:limit])
        if not m:
            break
        prep = m.group(1)
        at = pos + m.end()
        hit = next((c for c in countries if c.start in (at, pos + m.start(1) + len(prep) + 1) and c.form != "capital"), None)
        capital = next((c for c in countries if c.start == at and c.form == "capital"), None)
        if hit is None and capital is not None and prep == "of" and country is None:
            country = capital.iso     # "Khokim of Tashkent", "Mayor of Paris": the capital's state
        if hit is None:
            hit = next((c for c in countries if at - 4 <= c.start <= at and c.end > at), None)
        dash = re.match(r"\s*[–—-]\s*(?=[A-Z])", text[hit.end:limit]) if hit is not None else None
        if dash is not None:
            # "of the France – Central Asia Friendship Group": a state opening a compound name
            country = country or hit.iso
            np_end, np_text = _noun_phrase(text, hit.end + dash.end(), limit, countries)
            if np_text:
                if any(w in gz.en_heads for w in np_text.split()) and institution is None:
                    institution, inst_start = text[at:np_end], at
                pos = np_end
                continue
        if hit is not None and hit.form == "adjective" and re.match(r"\s+[A-Z]", text[hit.end:limit]):
            # "of the Kazakh Parliament": the adjective names the state, the noun phrase goes on
            country = country or hit.iso
            hit = None
        if hit is not None:
            if prep in ("to", "in") and accredited is None:
                accredited = hit.iso
            elif country is None and hit.form in ("name", "adjective"):
                country = hit.iso
            pos = hit.end
            continue
        io = _org_at(text, at, limit)
        if io is not None:
            institution = institution or io[1]
            international = True
            pos = io[0]
            # a body of the organisation: "the OSCE Office for Democratic Institutions and Human Rights"
            sub = re.match(r"\s+(?=[A-Z])", text[pos:limit])
            if sub:
                sub_end, sub_text = _noun_phrase(text, pos + sub.end(), limit, countries)
                if sub_text and any(w in gz.en_heads for w in sub_text.split()):
                    inst_start = at
                    pos = sub_end
            paren = re.match(r"\s*\([A-Z]{2,}(?:\s[A-Z]{2,})?\)", text[pos:limit])
            if paren:
                pos += paren.end()
            continue
        np_end, np_text = _noun_phrase(text, at, limit, countries)
        if np_end == at:
            low = re.match(r"(?:\d+(?:st|nd|rd|th)\s)?(?:[a-z]+\s){0,2}[a-z]+(?=\s+(?:in|of|to|at)\s+(?:the\s+)?[A-Z]|,\s+[A-Z])", text[at:limit])
            if low and not any(w in ("and", "the", "a", "an", "with", "who", "which") for w in low.group(0).split()):
                pos = at + low.end()
                continue
            break
        if prep in ("of", "at", "in", "to") and np_text:
            if gz.org(np_text) is not None:
                international = international or gz.org(np_text) is not None
                institution = institution or np_text
            elif any(w in gz.en_heads for w in np_text.split()) and institution is None:
                institution = np_text
                inst_start = at
        pos = np_end
    if inst_start is not None:
        # the institution runs to the end of the role phrase: "Ministry of Information, Communications … of Kenya"
        institution = re.sub(r"^(?:the|The)\s+", "", text[inst_start:pos]).strip(" ,")
    return pos, country, accredited, institution, international


def _org_at(text: str, at: int, limit: int) -> tuple[int, str] | None:
    """An international organisation named at ``at`` (longest name, alias or acronym)."""
    rest = text[at:min(limit, at + 120)]
    best = None
    for key, name in _org_keys_starting(rest[:2]):
        if rest.startswith(key) and not rest[len(key):len(key) + 1].isalnum() and (best is None or len(key) > best[0]):
            best = (len(key), name)
    return (at + best[0], best[1]) if best else None


def _org_keys_starting(head: str) -> list[tuple[str, str]]:
    """The (name/alias/acronym, organisation) pairs a text opening with ``head`` (2 characters) can
    start with, in the gazetteer's order: the keys that start with ``head``, and shorter ones."""
    by_head, short = _org_keys_by_head()
    return [(key, name) for _, key, name in sorted(by_head.get(head, []) + short)] if short else \
        [(key, name) for _, key, name in by_head.get(head, [])]


@lru_cache(maxsize=1)
def _org_keys_by_head() -> tuple[dict[str, list[tuple[int, str, str]]], list[tuple[int, str, str]]]:
    gz = gazetteer()
    by_head: dict[str, list[tuple[int, str, str]]] = {}
    short: list[tuple[int, str, str]] = []
    rank = 0
    for org in gz.orgs:
        for key in [org["name"], *(org.get("aliases") or []), *(org.get("acronyms") or [])]:
            (by_head.setdefault(key[:2], []) if len(key) >= 2 else short).append((rank, key, org["name"]))
            rank += 1
    return by_head, short


def _noun_phrase(text: str, start: int, limit: int, countries: list[CountryHit]) -> tuple[int, str]:
    """A capitalised phrase after a preposition, stopping before a person's name."""
    gz = gazetteer()
    pos = start
    words: list[tuple[int, int, str]] = []
    for m in WORD.finditer(text, start, limit):
        gap = text[pos:m.start()]
        if words and not re.fullmatch(r"\s+|\s*,\s+|\s+and\s+(?:the\s+)?|\s+(?:for|on|and)\s+", gap):
            break
        if not words and gap.strip():
            break
        w = m.group(0)
        connector = bool(words) and (w == "and" or (w == "the" and words[-1][2] == "and"))
        if not (w[0].isupper() or connector) or w.endswith("."):
            break
        if any(c.start == m.start() for c in countries) and words:
            break
        words.append((m.start(), m.end(), w))
        pos = m.end()
    if not words:
        return start, ""
    # a comma continues the phrase only in an enumeration closed by "and": "Investment, Regional
    # Development and Informatization"; else it ends it: "Samruk-Kazyna JSC Nurlan Zhakupov, Minister …"
    while words and words[-1][2] in ("and", "the"):
        words.pop()
    gaps = [text[a[1]:b[0]] for a, b in zip(words, words[1:])]
    commas = [i for i, g in enumerate(gaps) if "," in g]
    if commas and not any(w == "and" for _, _, w in words[commas[0]:]):
        words = words[: commas[0] + 1]
    elif commas:
        # an enumeration "A, B and C" ends with its "and"-joined item: a later comma ends the phrase
        closing = next(i for i, (_, _, w) in enumerate(words) if w == "and" and i > commas[0])
        later = [i for i in commas if i > closing]
        if later:
            words = words[: later[0] + 1]
    joined = next((i for i, (_, _, w) in enumerate(words) if w == "and"), None)
    if joined is not None and _closed_by_name([w for _, _, w in words[:joined]]):
        words = words[:joined]   # "the Thai Delegation Sarun Charoensuwan and President …": the "and" joins people
    words = [w for w in words if w[2] not in ("and", "the")]
    # where does the institution end and a name begin?
    cut = len(words)
    tokens = [w for _, _, w in words]
    last_org = max((i for i, w in enumerate(tokens) if w in gz.en_company_words or w in gz.en_heads
                    or (w.isupper() and len(w) > 1)), default=-1)
    honor = next((i for i, w in enumerate(tokens) if w.casefold() in role_tables().honorifics), None)
    for i in range(len(tokens) - 2, 0, -1):
        head = " ".join(tokens[:i])
        if (head in gz.regions or gz.country_of(head)[0]) and _looks_like_name(tokens[i:]):
            last_org = max(last_org, i - 1)
            break
    given = next((i for i, w in enumerate(tokens) if i > max(last_org, 0) and _name_start(w)
                  and len(tokens) - i >= 2 and _looks_like_name(tokens[i:])), None)
    if honor is not None and honor > 0:
        cut = honor
    elif last_org >= 0 and last_org < len(tokens) - 1 and _looks_like_name(tokens[last_org + 1:]) and (
            len(tokens) - last_org - 1 >= 2 or _name_start(tokens[last_org + 1])) and \
            not re.search(r"\band\b|,", text[words[last_org][1]:words[last_org + 1][0]]):
        cut = last_org + 1
    elif given is not None and given > 0 and len(tokens) - given >= 2 and _looks_like_name(tokens[given:]):
        cut = given
    elif _closed_by_name(tokens):
        cut = len(tokens) - 2   # "… Defense and Security Bekbolat Orynbassarov": two rare words close the phrase
    # the phrase must not run into a comma-separated name: "…Slovak Republic, Samuel Migaľ"
    keep = words[:cut]
    while keep and text[keep[-1][0] - 2:keep[-1][0]].startswith(",") and _looks_like_name([w for _, _, w in keep[-2:]]):
        keep = keep[:-1]
    if not keep:
        return start, ""
    end = keep[-1][1]
    return end, text[start:end]


def _closed_by_name(tokens: list[str]) -> bool:
    """A capitalised phrase whose last two words are rare and shaped as a name, after a common word."""
    return len(tokens) >= 3 and _freq(tokens[-3]) >= COMMON and all(_freq(t) < 2.5 for t in tokens[-2:]) \
        and _looks_like_name(tokens[-2:])


def _name_start(word: str) -> bool:
    first = word.split("-")[0]
    return is_given_name(first) and word not in STOP_CAPS


def _freq(word: str) -> float:
    """Zipf frequency; "Co-operation" counts as "cooperation"."""
    base = word.replace("’s", "").replace("'s", "")
    if "-" in base:
        parts = base.split("-")
        if any(p[:1].islower() for p in parts[1:]):
            return max(word_frequency(base), word_frequency(base.replace("-", "")), 5.0)
    return word_frequency(base)


def _looks_like_name(tokens: list[str]) -> bool:
    """Capitalised tokens that read as a person's name: not English words, or known given names."""
    core = [t for t in tokens if t.lower() not in PARTICLES]
    if not core or not _name_shaped(core):
        return False
    last = core[-1].replace("’s", "").replace("'s", "")
    # a famous surname is a frequent English word ("Putin", "Trump"): after a given name it is still a name
    surname_ok = _freq(last) < COMMON or is_given_name(last.split("-")[0]) or len(core) >= 3 or \
        (len(core) >= 2 and is_given_name(core[0].split("-")[0]) and _freq(core[0]) < 5.0) or \
        (len(core) >= 2 and _freq(core[0]) < COMMON and _freq(last) < 4.5)   # "Narendra Modi": an uncommon given name
    return surname_ok and any(_freq(t) < COMMON or is_given_name(t.split("-")[0]) for t in core)


def _name_shaped(core: list[str]) -> bool:
    """Capitalised words none of which is a title, a state, a region or an institution word."""
    gz = gazetteer()
    for t in core:
        base = t.rstrip(".").replace("’s", "").replace("'s", "")
        if not base[:1].isupper() or base in STOP_CAPS or base in gz.en_heads or base in gz.en_company_words:
            return False
        if base.isupper() and base.capitalize() in STOP_CAPS:
            return False   # "… CHAIRMAN OF THE EXECUTIVE COMMITTEE": an all-capitals headline's function word
        if gz.country_of(base)[0] or base.casefold() in role_tables().honorifics or base in gz.regions:
            return False
        if "-" in base and all(gz.country_of(part)[0] for part in base.split("-")):
            return False   # "Kazakh-Egyptian": two states' adjectives, not a name
        if role_tables().en_title_re.fullmatch(base):
            return False
    return True


def _rare_name(tokens: list[str]) -> bool:
    """Two or more words none of which is an English word: "Kassym-Jomart Tokayev", "Abiy Ahmed"."""
    core = [t for t in tokens if t.lower() not in PARTICLES]
    return len(core) >= 2 and all(_freq(t) < 3.0 or is_given_name(t.split("-")[0]) for t in core)


def _prefix(text: str, sent_start: int, start: int, countries: list[CountryHit]) -> tuple[int, str | None, str | None]:
    """Left modifiers of a title: "the Kazakh", "Spain’s", "OSCE PA", "Kazakh Senate"."""
    gz = gazetteer()
    country = org = None
    pos = start
    while True:
        before = text[sent_start:pos]
        hit = next((c for c in countries if c.form in ("name", "adjective") and re.fullmatch(r"\s+", text[c.end:pos] or "x")), None)
        if hit is not None and hit.start >= sent_start:
            country = country or hit.iso
            pos = hit.start
            continue
        m = re.search(r"([A-Z][\w’'\-]*(?:[’']s)?)\s+$", before)
        if not m:
            break
        word = m.group(1)
        hit = next((c for c in countries if c.end == sent_start + m.end(1) and c.form in ("name", "adjective")), None)
        if hit is not None:
            country = country or hit.iso
            pos = hit.start
            continue
        bare = re.sub(r"[’']s$", "", word)
        if bare != word and not org:
            pos = sent_start + m.start(1)      # a possessor: "the Kingdom’s Foreign Minister"
            continue
        if (bare.isupper() and len(bare) > 1) or bare in gz.en_heads or gz.org(bare):
            org = f"{bare} {org}" if org else bare
            pos = sent_start + m.start(1)
            continue
        break
    m = re.search(r"(?:the|The)\s+$", text[sent_start:pos])
    if m:
        pos = sent_start + m.start()
    return pos, country, org


# ---------------------------------------------------------------------------- names


def _names(text: str, sent: Sentence, roles: list[_Role], countries: list[CountryHit], doc: Doc) -> list[Mention]:
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(m: Mention) -> None:
        if any(not (m.name_end <= s or m.name_start >= e) for s, e in taken):
            return
        found.append(m)
        taken.append((m.name_start, m.name_end))

    # 1. a name right after a role phrase: "Ambassador of Kazakhstan to Spain, Danat Mussayev"
    for r in roles:
        span = _name_after(text, r.end, sent.end)
        if span:
            s, e = span
            add(_person(text, sent, s, e, r))
    # 2. initial forms: "D. Mussayev", "M.Tleuberdi", "Zh.Adilbayev"
    for m in INITIAL_NAME.finditer(text, sent.start, sent.end):
        if m.group(1).replace(" ", "").rstrip(".").casefold() in role_tables().honorifics:
            continue   # "Mr. Rodrigo Fuentealba", "Dr. Ruiz": an honorific, not an initial
        surname = m.group(2).split()
        keep = [w for w in surname if _looks_like_name([w])] or surname[:1]
        if not _looks_like_name(keep[:1]) or word_frequency(keep[0]) >= 4.5:
            continue
        end = m.start(2) + len(" ".join(keep))
        role = _role_ending_at(text, roles, m.start())
        add(_person(text, sent, m.start(), end, role, form="initial"))
    # 3. the model's PERSON entities, and capitalised runs, that read as names
    for s, e in _candidate_runs(text, sent, doc, countries):
        if any(r.start <= s and e <= r.end for r in roles):
            continue   # "State Councilor": a title the role lists know, not a name
        role = _role_ending_at(text, roles, s)
        tokens = text[s:e].split()
        if role is None and len(tokens) < 2:
            continue
        if role is None and re.search(r"(?:^|\s)the\s+$", text[max(0, s - 5):s]):
            continue   # "the Abraham Accords", "the Halyk Kenesi": a thing, not a person
        if role is None and any(c.end <= s and re.fullmatch(r"\s+", text[c.end:s] or "x") and not c.text.endswith(("’s", "'s"))
                                for c in countries) and not (_name_start(tokens[0]) or _ner_person(doc, s, e)):
            continue   # "to Kazakhstan Temir Zholy": a state's name before a name without a title makes a company
        if not _looks_like_name(tokens) and not (
                # common words as a name ("Paul Weber"): the model says it is a person, and it is shaped as one
                len(tokens) >= 2 and _ner_person_exactly(doc, s, e) and _name_shaped([t for t in tokens if t.lower() not in PARTICLES])):
            continue
        if role is not None or (_apposition_role(text, e, sent.end) and not _ner_place(doc, s, e)) or (
            (_ner_person(doc, s, e) or _name_start(tokens[0]) or _rare_name(tokens)) and not _ner_place(doc, s, e)
        ):
            add(_person(text, sent, s, e, role))
    # names followed by an apposition: "William Kabogo Gitau, the Cabinet Secretary of …", "Angelos Syrigos (Greece)"
    for m in found:
        role = _apposition_role(text, m.name_end, sent.end, roles)
        if role is not None and any(o is not m and _only_honorifics(text[role.end:o.name_start])
                                    for o in found if o.name_start >= role.end):
            role = None   # "Chinese Premier Li Qiang, Russian Prime Minister Mikhail Mishustin": the next person's title
        if role is not None and m.title is None:
            _apply_role(m, role)
        elif role is not None and role.start > m.name_end:
            # "Ambassador Mukhtar Tileuberdi, Permanent Representative of the Republic of Kazakhstan …"
            m.role_text = f"{m.role_text}, {role.text}"
            m.role_classes = m.role_classes | role_classes(role.title, role.text)
            m.country = m.country or role.country
            m.accredited = m.accredited or role.accredited
            m.institution = m.institution or role.institution
        paren = re.match(r"\s*\(([^)]{2,40})\)", text[m.name_end:sent.end])
        if paren:
            iso = gazetteer().country_of(paren.group(1))[0]
            if iso:
                m.country = iso
                m.end = m.name_end + paren.end()
            elif re.fullmatch(r"[A-Z][a-z][\w’'-]+", paren.group(1)) and _looks_like_name([paren.group(1)]):
                m.alias = paren.group(1)   # "President Joko Widodo (Jokowi)": the name the item goes on with
                m.end = m.name_end + paren.end()
        post = re.match(r"\s+of\s+(?:the\s+)?", text[m.name_end:sent.end])
        if post and not m.country:
            hit = next((c for c in countries if c.start == m.name_end + post.end()), None)
            if hit:
                m.country = hit.iso
    return found


def _only_honorifics(gap: str) -> bool:
    """Nothing but spaces, commas and honorifics ("Dr.") between a role phrase and a name."""
    return all(w.rstrip(".").casefold() in role_tables().honorifics for w in gap.replace(",", " ").split())


def _name_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The name that follows a role phrase at ``pos`` (after a comma and honorifics, if any)."""
    honor = role_tables().honorifics
    m = re.match(r"\s*(?:\([A-Z]{2,}[^)]{0,20}\))?\s*,?\s+", text[pos:limit])
    if not m:
        return None
    at = pos + m.end()
    # skip honorifics: "Brigadier General (Ret.)", "Professor", "Prince"
    multi = sorted((h for h in honor if " " in h), key=len, reverse=True)
    while True:
        rest = text[at:limit]
        hit = next((len(h) for h in multi if rest.casefold().startswith(h + " ")), None)
        if hit:
            at += hit + 1
            continue
        hm = re.match(r"(\([A-Z][a-z]*\.\)|[A-Z][\w.]*)\s+", rest)
        if hm and (hm.group(1).casefold() in honor or hm.group(1).rstrip(".").casefold() in honor or hm.group(1).startswith("(")):
            at += hm.end()
            continue
        break
    init = INITIAL_NAME.match(text, at, limit)
    if init:
        return at, init.end()
    words = []
    for wm in WORD.finditer(text, at, limit):
        if words and _in_quotes(text, wm.start(), wm.end()):
            continue   # a nickname inside the name
        gap = text[(words[-1][1] if words else at):wm.start()]
        if words and not _name_gap(gap) or not words and gap:
            break
        w = wm.group(0)
        if not (w[0].isupper() or w.lower() in PARTICLES):
            break
        if words and re.fullmatch(r"[IVXL]{1,5}", w):
            words.append((wm.start(), wm.end(), w))   # a regnal number: "Pope Leo XIV"
            break
        words.append((wm.start(), wm.end(), w))
    while words and words[-1][2].lower() in PARTICLES:
        words.pop()
    if not words:
        return None
    tokens = [w for _, _, w in words]
    # stop before an institution or a country that follows the name
    for i in range(1, len(tokens)):
        if not _looks_like_name(tokens[: i + 1]) and _looks_like_name(tokens[:i]):
            words = words[:i]
            break
    tokens = [w for _, _, w in words if not re.fullmatch(r"[IVXL]{1,5}", w)]
    if not _looks_like_name(tokens) and not (len(tokens) == 1 and (word_frequency(tokens[0]) < COMMON or is_given_name(tokens[0]))):
        return None
    end = words[-1][1]
    if text[end - 2:end] in ("’s", "'s"):
        end -= 2
    return at, end


def _candidate_runs(text: str, sent: Sentence, doc: Doc, countries: list[CountryHit]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    cur: list[tuple[int, int, str]] = []

    def flush() -> None:
        while cur and (cur[0][2] in STOP_CAPS or cur[0][2].lower() in PARTICLES):
            cur.pop(0)
        while cur and cur[-1][2].lower() in PARTICLES:
            cur.pop()
        if cur:
            runs.append((cur[0][0], cur[-1][1]))
        cur.clear()

    for m in WORD.finditer(text, sent.start, sent.end):
        w = m.group(0)
        if cur and _in_quotes(text, m.start(), m.end()):
            continue   # a nickname inside the name
        gap = text[cur[-1][1]:m.start()] if cur else ""
        # (an all-capitals headline's function words are no name: "MEETING AT THE MINISTRY OF …")
        capital = w[0].isupper() and not (w.isupper() and (len(w) > 2 or w.capitalize() in STOP_CAPS))
        if cur and (not _name_gap(gap) or not (capital or w.lower() in PARTICLES)):
            flush()
        if capital or (cur and w.lower() in PARTICLES):
            if any(c.start <= m.start() < c.end for c in countries) or w in STOP_CAPS and not cur:
                flush()
                continue
            cur.append((m.start(), m.end() - (2 if w.endswith(("’s", "'s")) else 0), w))
        else:
            flush()
    flush()
    # a title word inside a run ("President Tokayev") is not part of the name
    out = []
    for s, e in runs:
        words = list(WORD.finditer(text, s, e))
        i = 0
        while i < len(words) and (_title_word(words[i].group(0)) or words[i].group(0).casefold() in role_tables().honorifics
                                  or words[i].group(0).rstrip(".").casefold() in role_tables().honorifics):
            i += 1
        if i < len(words):
            out.append((words[i].start(), e))
    return out


def _title_word(word: str) -> bool:
    """A title, also in the plural that one role gives several people ("Presidents X of K, Y of T")."""
    title_re = role_tables().en_title_re
    if title_re.fullmatch(word):
        return True
    singular = re.sub(r"men$", "man", word) if word.endswith("men") else re.sub(r"ies$", "y", word) if word.endswith("ies") else word[:-1] if word.endswith("s") else None
    return bool(singular) and bool(title_re.fullmatch(singular))


def _entities(doc: Doc) -> list[tuple[str, int, int]]:
    """The model's entities as (label, start, end) characters, read once per item: ``doc.ents`` builds a
    Span per entity on every access."""
    ents = doc.user_data.get("kg_ents")
    if ents is None:
        ents = doc.user_data["kg_ents"] = [(e.label_, e.start_char, e.end_char) for e in doc.ents]
    return ents


def _ner_person(doc: Doc, start: int, end: int) -> bool:
    return any(label == "PERSON" and s < end and e > start for label, s, e in _entities(doc))


def _ner_person_exactly(doc: Doc, start: int, end: int) -> bool:
    return any(label == "PERSON" and s == start and e == end for label, s, e in _entities(doc))


def _ner_place(doc: Doc, start: int, end: int) -> bool:
    return any(label in ("GPE", "LOC", "FAC") and s <= start and end <= e for label, s, e in _entities(doc))


def _role_ending_at(text: str, roles: list[_Role], pos: int) -> _Role | None:
    for r in roles:
        gap = text[r.end:pos]
        if r.end <= pos and re.fullmatch(r"\s*(?:\([A-Z]{2,}[^)]{0,20}\))?\s*,?\s*(?:(?:\([A-Z][a-z]*\.\)|[A-Z][\w.]*)\s+)*", gap):
            between = re.sub(r"^\s*\([A-Z]{2,}[^)]{0,20}\)", "", gap).strip(" ,")
            if not between or all(w.casefold() in role_tables().honorifics or w.startswith("(") for w in between.split()):
                return r
    return None


def _apposition_role(text: str, pos: int, limit: int, roles: list[_Role] | None = None):
    m = re.match(r"\s*(?:\([^)]{1,40}\))?\s*,\s+(?:the\s+|The\s+)?", text[pos:limit])
    if not m:
        return None
    at = pos + m.end()
    if roles is None:
        return role_tables().en_title_re.match(text, at) is not None or bool(re.match(r"[A-Z]{2,}(?:\s[A-Z]{2,})?\s", text[at:limit]) and role_tables().en_title_re.search(text[at:at + 40]))
    for r in roles:
        if at - 4 <= r.start <= at + 1 or (r.start <= at < r.end):
            the = re.search(r"(?i)\bthe\s+$", m.group(0))
            if starts_a_clause(text, pos + the.start() if the else r.start, r.end, limit):
                return None   # "… with Minister X, the Secretary-General expressed …": the next clause's subject
            return r
    return None


_NICKNAME = re.compile(r"\s[\"“‘][A-Z][\w’'-]*[\"”’](?=\s|$)")


def _in_quotes(text: str, s: int, e: int) -> bool:
    m = _NICKNAME.match(text, max(0, s - 2))
    return m is not None and m.end() == e + 1


def _name_gap(gap: str) -> bool:
    """What may stand between two words of one name: a space, or a nickname in quotes
    (Ferdinand "Bongbong" Marcos Jr.)."""
    return gap == " " or gap.endswith(" ") and _NICKNAME.fullmatch(gap[:-1]) is not None


_PATRONYMIC = re.compile(r"(?:bin|ibn|bint)\s")   # lower case: "Ben Wallace" is a given name
_GIVEN_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w’'-]+)\s+$")


def _person(text: str, sent: Sentence, s: int, e: int, role: _Role | None, form: str = "full") -> Mention:
    given = _GIVEN_BEFORE.search(text, max(sent.start, s - 40), s) if _PATRONYMIC.match(text, s) else None
    if given and (role is None or role.start < given.start(1)) and not _title_word(given.group(1)):
        # "the Crown Prince of Abu Dhabi Mohamed bin Zayed": a name opens with the given name before "bin",
        # not with "bin"; the role phrase ends before it
        s = given.start(1)
        if role is not None:
            role = replace(role, end=s, text=text[role.start:s].rstrip(" ,"))
    name = _NICKNAME.sub("", text[s:e])   # the nickname is not part of the name the person is known by
    if len(name.split()) == 1 and form == "full":
        form = "surname"
    m = Mention(kind="name", start=role.start if role else s, end=e, name_start=s, name_end=e, text=name,
                sentence=sent.index, form=form)
    if role is not None:
        _apply_role(m, role)
    return m


def _apply_role(m: Mention, role: _Role) -> None:
    m.title = role.title
    m.role_text = role.text
    m.role_class = role_class(role.title)
    m.role_classes = role_classes(role.title, role.text)
    m.country = m.country or role.country
    m.accredited = role.accredited
    m.institution = role.institution
    m.international = role.international and not role.country


# ---------------------------------------------------------------------------- institutions


@dataclass(frozen=True, slots=True)
class _OrgRules:
    """``_orgs``'s patterns, compiled once per process (building them per sentence was 70 % of
    the rule code's time)."""

    named: re.Pattern[str] | None                 # "<Capitalised words> Ministry of …"
    group: re.Pattern[str]                        # "students of (the) …" right before a name
    skip: frozenset[str]
    orgs: tuple[tuple[dict, str, re.Pattern[str]], ...]   # (organisation, name/acronym/alias, its pattern)
    company: re.Pattern[str] | None
    by_first_word: dict[str, tuple[int, ...]]     # first word of a name → its indexes in ``orgs``
    no_first_word: tuple[int, ...]                # names that do not open with a word character


@lru_cache(maxsize=1)
def _org_rules() -> _OrgRules:
    gz = gazetteer()
    heads = "|".join(sorted((re.escape(h) for h in gz.en_heads), key=len, reverse=True))
    cap = r"[A-Z][\w’'\-]*"
    # an enumeration inside a name must close with "and" ("Ministry of Industry, Trade and Energy"), so
    # that "the Ministry for Foreign Affairs of Finland, Kirsi Hakala, …" stops before the person.
    # A match opens with "the", a capitalised word or a head word: the lookahead turns every other
    # position away at once, instead of trying every head word there (a quarter of the time)
    opening = "".join(re.escape(c) for c in sorted({h[0] for h in gz.en_heads if h} | set("tT")))
    named = re.compile(
        rf"(?=[A-Z{opening}])(?:(?:the|The)\s+)?(?:{cap}\s+){{0,4}}(?:{heads})(?![\w-])(?:\s+(?:of|for|on|and|with)\s+(?:the\s+)?{cap}(?:\s+{cap})*(?:(?:,\s+{cap}(?:\s+{cap})*)+(?=,?\s+and\s+(?:the\s+)?[A-Z]))?(?:,?\s+and\s+(?:the\s+)?{cap}(?:\s+{cap})*)?)*(?:\s+\([A-Z]{{2,}}(?:\s[A-Z]{{2,}})?\))?"
    ) if heads else None
    group_nouns = trigger_rules()["group_nouns"]["en"]
    group = re.compile(r"(?:" + "|".join(re.escape(g) for g in sorted(group_nouns, key=len, reverse=True)) + r")\s+of\s+(?:the\s+)?$", re.I)
    orgs = tuple((org, key, re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])"))
                 for org in gz.orgs for key in [org["name"], *(org.get("acronyms") or []), *(org.get("aliases") or [])])
    company = "|".join(re.escape(w) for w in sorted(gz.en_company_words, key=len, reverse=True))
    by_first: dict[str, list[int]] = {}
    no_first: list[int] = []
    for i, (_, key, _) in enumerate(orgs):
        first = re.match(r"\w+", key)
        if first:
            by_first.setdefault(first.group(0), []).append(i)
        else:
            no_first.append(i)
    return _OrgRules(named, group, frozenset(trigger_rules().get("not_institutions") or []), orgs,
                     re.compile(rf"(?:[A-Z][\w\-]*\s+){{1,3}}(?:{company})(?![\w-])") if company else None,
                     {w: tuple(ix) for w, ix in by_first.items()}, tuple(no_first))


def _orgs(text: str, sent: Sentence, countries: list[CountryHit], gz) -> list[Mention]:
    out: list[Mention] = []
    rules = _org_rules()
    pattern, group_re, skip = rules.named, rules.group, rules.skip
    if pattern is None:
        return out
    for m in pattern.finditer(text, sent.start, sent.end):
        name = re.sub(r"^(?:the|The)\s+", "", m.group(0)).strip()
        if name in skip:
            continue
        if len(name.split()) == 1 and name in gz.en_heads:
            continue  # a bare "Parliament", "Ministry": not a named institution
        out.append(_org_mention(text, sent, m.start(), m.end(), name, countries, gz, bool(group_re.search(text[max(0, m.start() - 40):m.start()]))))
    # international organisations and companies by name or acronym
    seg = text[sent.start:sent.end]
    # only the names whose first word the sentence has (a match starts a word there: its first word
    # is one of the sentence's), in the gazetteer's order
    words = set(re.findall(r"\w+", seg))
    candidates = sorted({*rules.no_first_word, *(i for w in words for i in rules.by_first_word.get(w, ()))})
    for i in candidates:
        org, key, key_re = rules.orgs[i]
        if key not in seg:
            continue
        for m in key_re.finditer(seg):
            s, e = sent.start + m.start(), sent.start + m.end()
            if any(o.start <= s < o.end for o in out):
                continue
            mm = _org_mention(text, sent, s, e, org["name"], countries, gz, False)
            mm.international, mm.acronym = True, (org.get("acronyms") or [None])[0]
            out.append(mm)
    # "the Swiss company Stadler Rail": a company named after the word "company"
    for m in re.finditer(r"\b(?:company|companies|corporation|firm|concern|holding)\s+((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})", text[sent.start:sent.end]):
        s, e = sent.start + m.start(1), sent.start + m.end(1)
        if not any(o.start <= s < o.end for o in out) and not role_tables().en_title_re.search(m.group(1)):
            out.append(_org_mention(text, sent, s, e, m.group(1), countries, gz, bool(group_re.search(text[max(0, m.start() - 40):m.start()]))))
    # companies: "Samruk-Kazyna JSC", "ACWA Power"
    if rules.company is not None:
        for m in rules.company.finditer(seg):
            s, e = sent.start + m.start(), sent.start + m.end()
            words = m.group(0).split()
            if words[0] in STOP_CAPS or any(o.start <= s < o.end or o.start < e <= o.end for o in out):
                continue
            if role_tables().en_title_re.search(m.group(0)):
                continue
            out.append(_org_mention(text, sent, s, e, m.group(0), countries, gz, bool(group_re.search(text[max(0, s - 40):s]))))
    return out


def _org_mention(text, sent, s, e, name, countries, gz, group) -> Mention:
    country = None
    for c in countries:
        if s <= c.start < e or (c.end <= s and re.fullmatch(r"\s*(?:the\s+)?", text[c.end:s]) and c.form == "adjective"):
            country = c.iso
            break
    acronym = None
    am = re.search(r"\(([A-Z]{2,}(?:\s[A-Z]{2,})?)\)$", name)
    if am:
        acronym = am.group(1)
        name = name[: am.start()].strip()
    return Mention(kind="org", start=s, end=e, name_start=s, name_end=e, text=name, sentence=sent.index, form="org",
                   country=country, group=group, acronym=acronym, international=gz.org(name) is not None)


# ---------------------------------------------------------------------------- contexts


def _mark_mention_only(text: str, mentions: list[Mention]) -> None:
    rules = trigger_rules()
    before = [b for b in rules["mention_only_before"]["en"]]
    # the words in any case, then at most three capitalised words of a title ("initiative of President X"; not
    # "message of condolences to President X": a case-blind gap would read any three words as a title)
    before_re = re.compile(r"(?i:" + "|".join(re.escape(b) for b in sorted(before, key=len, reverse=True)) + r")\s+(?:(?i:the|former|late|his|her)\s+){0,2}(?:[A-Z][\w’'-]+\s+){0,3}$")
    possessed = rules["mention_only_possessed"]
    # "Tokayev's visit", and "Guterres’ messages": the possessive of a name that ends in s
    poss_re = re.compile(r"(?:[’']s|(?<=s)[’'](?=\s))\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(re.escape(p) for p in possessed) + r")\b", re.I)
    for m in mentions:
        if m.kind == "org":
            continue
        if before_re.search(text[max(0, m.start - 60):m.start]) or poss_re.match(text, m.name_end, m.name_end + 40):
            m.mention_only = True


def _mark_delegation(text: str, sentences: list[Sentence], mentions: list[Mention]) -> None:
    """People listed in "The delegation also included …" travel with the protagonist."""
    for sent in sentences:
        if re.search(r"\bdelegation\b[^.]{0,30}\b(?:included|consisted of|comprised)\b", sent.text, re.I):
            for m in mentions:
                if m.sentence == sent.index and m.kind == "name":
                    m.delegation = True
