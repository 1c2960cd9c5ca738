"""Russian mentions: natasha/slovnet PER spans (with their nominative forms), the role phrase
before each name (``посол Казахстана в Бельгии``, ``министром-президентом правительства
Фландрии``), role-only references (``дипломат``, ``Президент Руанды``) and institutions
(natasha ORG spans, quoted names, Latin-script company names).

Role titles are matched on lemmas, so every case form of a title is found.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.gazetteer import CountryHit, gazetteer
from kg.extract.mentions import Mention, Sentence, mark_role_orgs, role_class, role_classes, role_tables, trigger_rules

MAX_ROLE_TOKENS = 22
ROLE_STOP_POS = {"VERB", "AUX"}


def find_mentions(text: str, doc: Doc, sentences: list[Sentence], countries: list[CountryHit]) -> list[Mention]:
    out: list[Mention] = []
    normals = doc.user_data.get("normals", {})
    titles = _title_spans(doc)
    used_titles: set[int] = set()
    for sent in sentences:
        s_countries = [c for c in countries if sent.start <= c.start < sent.end]
        persons = [e for e in doc.ents if e.label_ == "PER" and sent.start <= e.start_char < sent.end
                   and not _only_titles(e, s_countries) and not _names_a_thing(doc, e)]
        for ent in persons:
            m = Mention(kind="name", start=ent.start_char, end=ent.end_char, name_start=ent.start_char,
                        name_end=ent.end_char, text=ent.text, sentence=sent.index,
                        form="full" if len(ent.text.split()) > 1 else "surname",
                        normal=normals.get((ent.start_char, ent.end_char)) or ent.text)
            role = _role_before(doc, ent.start, titles, persons, sent)
            if role is not None:
                t_index, r_start = role
                used_titles.add(t_index)
                _apply_role(m, text, r_start, ent.start_char, titles[t_index], s_countries)
            out.append(m)
        for i, (t_start, t_end, lemma) in enumerate(titles):
            if i in used_titles or not (sent.start <= doc[t_start].idx < sent.end):
                continue
            start, end = doc[t_start].idx, doc[t_end - 1].idx + len(doc[t_end - 1])
            end = _extend_complements(doc, t_end, sent)
            m = Mention(kind="roleref", start=start, end=end, name_start=start, name_end=end, text=text[start:end],
                        sentence=sent.index, form="roleref", title=lemma, role_text=text[start:end],
                        role_class=role_class(lemma), role_classes=role_classes(lemma))
            _role_countries(m, text, start, end, s_countries)
            if m.country is None and t_start > 0:
                # "российский министр", "казахстанского посла": the state in an adjective before the title
                iso, form = gazetteer().country_of(doc[t_start - 1].text, "ru")
                if iso and form == "adjective":
                    m.country = iso
            out.append(m)
        out.extend(_orgs(doc, text, sent, s_countries))
    _mark_mention_only(text, out)
    mark_role_orgs(out)
    out = _drop_lone_surnames(out)
    return sorted(out, key=lambda m: (m.start, m.end))


def _drop_lone_surnames(mentions: list[Mention]) -> list[Mention]:
    """A one-word PER span with no title and no full name it could shorten ("пресс-служба Акорды",
    "поправки Джексона – Вэника") is too weak to be an official."""
    from kg.names import same_surname

    full = [m for m in mentions if m.kind == "name" and len(m.text.split()) >= 2]
    out = []
    for m in mentions:
        if m.kind == "name" and len(m.text.split()) == 1 and m.title is None and \
                not any(same_surname(m.normal or m.text, f.normal or f.text) for f in full):
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------------------- roles


def _names_a_thing(doc: Doc, ent) -> bool:
    """"университет имени К.Сатпаева", "«Лу Бань»": a name that names an institution or a thing.

    (A head noun before a name is no sign: "вице-президента Ассамблеи Антонио Гутьерреса" is a role.)"""
    if ent.start == 0:
        return False
    prev = doc[ent.start - 1]
    return prev.text.lower() in ("имени", "им.", "им") or prev.text in ("«", '"', "„")


def _only_titles(ent, countries: list[CountryHit]) -> bool:
    """natasha's PER "Заместитель Премьер-министра", "Султану Омана": titles and a state, no name."""
    words = re.findall(r"[\w]+(?:-[\w]+)*", ent.text)
    title_words = role_tables().ru_title_words
    for w in words:
        parts = [_morph_lemma(p) for p in w.split("-")]
        if all(p in title_words for p in parts) or _morph_lemma(w) in title_words or \
                any(" ".join(t).startswith(_morph_lemma(w)) for t in role_tables().ru_titles if "-" in _morph_lemma(w)):
            continue
        if any(c.start <= ent.start_char + ent.text.find(w) < c.end for c in countries):
            continue
        return False
    return True


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _title_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Every role title in the text: (first token, end token, title lemma)."""
    spans: list[tuple[int, int, str]] = []
    i = 0
    # the same lemmatiser as the titles' (pymorphy), so "заместителем председателя" meets "заместитель председателя"
    lemmas = [_morph_lemma(t.text) if t.is_alpha else t.text.lower() for t in doc]
    # hyphenated titles ("министром-президентом") are one token for natasha but three for spaCy's tokenizer
    exact, hyphenated = _titles_by_first_lemma()
    while i < len(doc):
        match = None
        # only the titles that can start here, in the table's order (longest first): trying every
        # title at every token was most of the Russian rules' time
        candidates = exact.get(lemmas[i], [])
        if hyphenated:
            candidates = sorted({*candidates, *hyphenated.get(lemmas[i], ()), *hyphenated.get(_morph_lemma(doc[i].text), ())})
        for _, title in candidates:
            n = len(title)
            if tuple(lemmas[i:i + n]) == title:
                match = (i, i + n, " ".join(title))
                break
            joined = _hyphen_join(doc, lemmas, i, title)
            if joined:
                match = (i, joined, " ".join(title))
                break
        if match and match[2] == "глава" and i > 0 and lemmas[i - 1] in ("во", "в"):
            match = None   # "во главе с" is "headed by", not a title
        if match:
            spans.append(match)
            i = match[1]
        else:
            i += 1
    return spans


@lru_cache(maxsize=1)
def _titles_by_first_lemma() -> tuple[dict[str, list[tuple[int, tuple[str, ...]]]], dict[str, list[tuple[int, tuple[str, ...]]]]]:
    """(first lemma → titles, first part of a hyphenated title → titles), each title with its rank in
    ``ru_titles``: a title matches at a token only if its first lemma (or first part) is the token's."""
    exact: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    hyphenated: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for rank, title in enumerate(role_tables().ru_titles):
        exact.setdefault(title[0], []).append((rank, title))
        if len(title) == 1 and "-" in title[0]:
            hyphenated.setdefault(title[0].split("-")[0], []).append((rank, title))
    return exact, hyphenated


def _hyphen_join(doc: Doc, lemmas: list[str], i: int, title: tuple[str, ...]) -> int | None:
    if len(title) != 1 or "-" not in title[0]:
        return None
    parts = title[0].split("-")
    j, k = i, 0
    while k < len(parts) and j < len(doc):
        if k and doc[j].text == "-":
            j += 1
            continue
        if not _morph_lemma(doc[j].text) == parts[k] and lemmas[j] != parts[k]:
            return None
        j += 1
        k += 1
    return j if k == len(parts) else None


@lru_cache(maxsize=65536)
def _morph_lemma(word: str) -> str:
    from kg.gazetteer import _morph

    try:
        return _morph().parse(word.lower())[0].normal_form
    except (KeyError, ValueError):   # pymorphy fails on characters unicodedata cannot name
        return word.lower()


def _role_before(doc: Doc, name_start: int, titles, persons, sent: Sentence) -> tuple[int, int] | None:
    """The title nearest before a name, with nothing but its complements in between."""
    prev_person_end = max((p.end for p in persons if p.end <= name_start), default=0)
    best = None
    for i, (t_start, t_end, _) in enumerate(titles):
        if t_end > name_start or t_start < prev_person_end or doc[t_start].idx < sent.start:
            continue
        if name_start - t_end > MAX_ROLE_TOKENS:
            continue
        between = doc[t_end:name_start]
        if any(t.tag_ in ROLE_STOP_POS for t in between) or any(t.text in (".", ";", ":") for t in between):
            continue
        # titles chained without a verb ("заместитель премьер-министра – министр иностранных дел …",
        # "председатель совета директоров …") are one role phrase: the earliest opens it
        if best is None or t_start < titles[best][0]:
            best = i
    if best is None:
        return None
    return best, doc[titles[best][0]].idx


def _extend_complements(doc: Doc, t_end: int, sent: Sentence) -> int:
    """End of a role-only phrase: genitive complements right after the title ("Президент Руанды")."""
    end = doc[t_end - 1].idx + len(doc[t_end - 1])
    j = t_end
    while j < len(doc) and doc[j].idx < sent.end and j - t_end < 6:
        tok = doc[j]
        if tok.tag_ in ("PROPN", "NOUN", "ADJ") and ("Gen" in str(tok.morph) or tok.text[:1].isupper()):
            end = tok.idx + len(tok)
            j += 1
            continue
        break
    return end


def _apply_role(m: Mention, text: str, start: int, name_start: int, title, countries: list[CountryHit]) -> None:
    role_text = text[start:name_start].strip(" ,")
    m.start = start
    m.title = title[2]
    m.role_text = role_text
    m.role_class = role_class(title[2])
    m.role_classes = role_classes(title[2])
    _role_countries(m, text, start, name_start, countries)
    inst = _institution_in(role_text)
    if inst:
        m.institution = inst


def _role_countries(m: Mention, text: str, start: int, end: int, countries: list[CountryHit]) -> None:
    gz = gazetteer()
    for c in countries:
        if not (start <= c.start < end) or c.form == "capital":
            continue
        prep = text[max(start, c.start - 3):c.start].strip().lower()
        if prep in ("в", "во") and m.role_class == "diplomat":
            m.accredited = m.accredited or c.iso
        elif m.country is None:
            m.country = c.iso
    # "в Испании посол …": the place a paragraph opens with is where a diplomat serves
    lead = re.match(r"\s*(?:Кроме того,\s*)?во?\s+(\w+)", text[max(0, text.rfind("\n", 0, start) + 1):start], re.I)
    if lead and m.role_class == "diplomat" and not m.accredited:
        iso, form = gz.country_of(lead.group(1), "ru")
        if iso and form == "name" and iso != m.country:
            m.accredited = iso
    role = (m.role_text or "").lower()
    if any(gz.org(w) for w in re.findall(r"[А-ЯЁA-Z]{2,}", m.role_text or "")) or _ru_org_in(role):
        # "генеральным директором ВОИС" serves the organisation; "главой делегации в ПАСЕ" serves a state
        m.international = m.country is None and not re.search(r"(?:^|\s)(?:в|во|при|на)\s", role)


@lru_cache(maxsize=1)
def _ru_org_lemmas() -> list[tuple[tuple[str, ...], str]]:
    """Lemma sequences of the international organisations' Russian names."""
    gz = gazetteer()
    out = []
    for org in gz.orgs:
        for name in org.get("ru") or []:
            out.append((tuple(_morph_lemma(w) for w in re.findall(r"[\w-]+", name)), org["name"]))
    return out


@lru_cache(maxsize=65536)   # role phrases recur from item to item
def _ru_org_in(role_lower: str) -> str | None:
    lemmas = tuple(_morph_lemma(w) for w in re.findall(r"[\w-]+", role_lower))
    for seq, name in _ru_org_lemmas():
        n = len(seq)
        if n and any(lemmas[i:i + n] == seq for i in range(len(lemmas) - n + 1)):
            return name
    return None


def _institution_in(role_text: str) -> str | None:
    """The institution named in a role phrase: a Latin-script company, an IO, or a head noun's phrase."""
    latin = re.search(r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*", role_text)
    if latin:
        return latin.group(0)
    gz = gazetteer()
    io = _ru_org_in(role_text.lower())
    if io:
        return io
    for acronym in re.findall(r"\b[А-ЯЁ]{2,}\b", role_text):
        org = gz.org(acronym)
        if org is not None:
            return org["name"]
    words = role_text.split()
    for i, w in enumerate(words):
        if _morph_lemma(w.strip(",()")) in gz.ru_heads:
            return " ".join(words[i:]).strip(" ,")
    return None


# ---------------------------------------------------------------------------- institutions


LATIN_RUN = re.compile(r"(?<![\w-])[A-Z][A-Za-z&-]*(?:\s+[A-Z][A-Za-z&-]*)*(?![\w-])")
QUOTED = re.compile(r"[\"«“]([^\"»”]{3,80})[\"»”]")


def _orgs(doc: Doc, text: str, sent: Sentence, countries: list[CountryHit]) -> list[Mention]:
    out: list[Mention] = []
    groups = trigger_rules()["group_nouns"]["ru"]
    group_re = re.compile(r"(?:" + "|".join(re.escape(g) for g in groups) + r")(?:\s+[\w-]+){0,2}\s*$", re.I)
    seg = text[sent.start:sent.end]
    skip = set(trigger_rules().get("not_institutions") or [])
    for m in LATIN_RUN.finditer(seg):
        s, e = sent.start + m.start(), sent.start + m.end()
        if m.group(0) in skip:
            continue
        if re.search(r"\d", text[e:e + 2]) or re.search(r"\d", m.group(0)):
            continue
        out.append(_org(text, sent, s, e, m.group(0), bool(group_re.search(text[max(0, s - 60):s])), countries))
    for m in QUOTED.finditer(seg):
        s, e = sent.start + m.start(1), sent.start + m.end(1)
        if any(o.start <= s < o.end for o in out):
            continue
        name = m.group(1)
        words = name.split()
        head = _morph_lemma(words[0]) if words else ""
        if head in gazetteer().ru_heads:
            words[0] = head.capitalize()
            out.append(_org(text, sent, s, e, " ".join(words), True, countries))
    for ent in doc.ents:
        if ent.label_ != "ORG" or not (sent.start <= ent.start_char < sent.end) or ent.text in skip:
            continue
        if any(o.start <= ent.start_char < o.end or ent.start_char <= o.start < ent.end_char for o in out):
            continue
        out.append(_org(text, sent, ent.start_char, ent.end_char, ent.text, bool(group_re.search(text[max(0, ent.start_char - 60):ent.start_char])), countries))
    return out


def _org(text: str, sent: Sentence, s: int, e: int, name: str, group: bool, countries: list[CountryHit]) -> Mention:
    gz = gazetteer()
    # "Конгресса США", "правительства Фландрии": a state in the genitive right after the name belongs to it
    follow = next((c for c in countries if re.fullmatch(r"\s+", text[e:c.start] or "x") and c.form == "name"), None)
    if follow is not None and follow.start - e <= 2:
        e = follow.end
        name = text[s:e]
    io = gz.org(name) or (None if not _ru_org_in(name.lower()) else gz.org(_ru_org_in(name.lower()) or ""))
    country = next((c.iso for c in countries if s <= c.start < e), None)
    return Mention(kind="org", start=s, end=e, name_start=s, name_end=e, text=io["name"] if io else name,
                   sentence=sent.index, form="org", country=country, group=group, international=io is not None,
                   acronym=(io.get("acronyms") or [None])[0] if io else None)


# ---------------------------------------------------------------------------- contexts


def _mark_mention_only(text: str, mentions: list[Mention]) -> None:
    words = trigger_rules()["mention_only_before"]["ru"]
    # the word, then at most three lower-case words of the person's role ("в связи с кончиной бывшего премьер-министра X")
    before_re = re.compile(r"(?<!\w)(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                           + r")\s+(?:[а-яё][\w-]*\s+){0,3}$")
    for m in mentions:
        if m.kind == "name" and before_re.search(text[max(0, m.start - 90):m.start]):
            m.mention_only = True
