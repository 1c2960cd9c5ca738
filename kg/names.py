"""Person-name normalisation shared by extraction and resolution.

Built on ``kg.lookup``'s transliteration and romanisation skeletons, with rapidfuzz for the
spelling variants that survive them (``Tileuberdi`` / ``Tleuberdi``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from kg.lookup import normalize, skeleton
from kg.extract.mentions import PARTICLES

#: Similarity (0–1, normalised Levenshtein on skeletons) at which two name words are one spelling.
WORD_SIMILARITY = 0.8


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Skeleton words of a name, particles dropped: ``M.Al-Maaytah`` → ``('m', 'maaitah')``."""
    # Cyrillic goes through the same romanisation as display names, so both scripts share a key
    words = [w for w in normalize(romanize(name)).split() if w not in PARTICLES]
    while len(words) > 1 and words[-1] in GENERATION_SUFFIXES:
        words.pop()   # "Ferdinand Marcos Jr." is Marcos: the suffix is no surname
    return tuple(skeleton(w) for w in words)


#: Generational suffixes after a surname (as ``normalize`` leaves them).
GENERATION_SUFFIXES = frozenset({"jr", "sr", "junior", "senior"})


def name_key(name: str) -> str:
    """One key for every romanisation of a full name."""
    return " ".join(name_tokens(name))


#: Case endings a Russian text puts on a name ("Сухаилем" → sukhailem for "Сухаиль" → sukhail).
OBLIQUE_ENDINGS = {"a", "u", "e", "i", "y", "om", "em", "im", "ym", "oi", "ei", "ia", "iu", "ie", "iem", "oy", "ey", "ya", "yu", "ye", "yem", "ogo", "omu"}


@lru_cache(maxsize=1 << 18)   # resolution meets the same few hundred words in hundreds of thousands of name pairs
def similar_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short) and long_[len(short):] in OBLIQUE_ENDINGS:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return Levenshtein.normalized_similarity(a, b) >= WORD_SIMILARITY


@lru_cache(maxsize=1 << 18)   # as similar_word: few words, many pairs
def _initial_of(token: str, other: str) -> bool:
    """``d`` / ``zh`` (an initial) agrees with ``danat`` / ``zhalgas`` (after skeleton folding)."""
    return len(token) <= 2 and (other.startswith(token) or skeleton(token) == other[: len(skeleton(token))])


def same_surname(a: str, b: str) -> bool:
    """Could ``a`` and ``b`` name the same person? Surnames alike, and given names (or initials) agree.

    Symmetric: ``same_surname(a, b) == same_surname(b, a)`` (resolution tests each pair one way).
    """
    return same_surname_tokens(name_tokens(a), name_tokens(b))


def same_surname_tokens(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    """``same_surname`` of two names' ``name_tokens`` (resolution has them at hand)."""
    if not ta or not tb:
        return False
    if not similar_word(ta[-1], tb[-1]):
        # "Gomez Toledo" vs "A. Gomez Toledo" share both; "Lemlem Fisa" vs "Lemlem Fisa Minale" share the first two
        if not (len(ta) >= 2 and len(tb) >= 2 and _contains(ta, tb)):
            return False
    ga, gb = ta[:-1], tb[:-1]
    if not ga or not gb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)   # sorted by length, as cheap as it gets
    if len(short) >= 2 and all(similar_word(x, y) for x, y in zip(short, long_[-len(short):])):
        return True   # "Ayaz Sadiq" is "Sardar Ayaz Sadiq" without his first name
    x, y = ga[0], gb[0]
    if len(x) <= 2 or len(y) <= 2:
        # "M.-A. Strack-Zimmermann": an initial may stand for any of several given names
        return any(_initial_of(p, q) or _initial_of(q, p) for p in ga for q in gb if len(p) <= 2 or len(q) <= 2)
    return similar_word(x, y)


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long_ = sorted((a, b), key=len)
    n = len(short)
    return any(all(similar_word(s, l) for s, l in zip(short, long_[i:i + n])) for i in range(len(long_) - n + 1))


@lru_cache(maxsize=65536)
def romanize(name: str) -> str:
    """A Latin display form of a Cyrillic name, as the English press writes Kazakh and Russian names."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in name):
        return name
    import iuliia

    return iuliia.WIKIPEDIA.translate(name)


# Spellings that Russian transcription folds together: Polish "sz", Hungarian "zs", Japanese "chi"/"shi"/"ji"
# written "ти"/"си"/"дзи" (Takaichi / Такаити, Ichiro / Итиро), "w" written "в" (Ogasawara / Огасавара).
_DIGRAPHS = (("sch", "sh"), ("dzh", "j"), ("dz", "j"), ("dj", "j"), ("zh", "j"), ("sz", "s"), ("zs", "j"),
             ("cz", "ch"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("kh", "h"), ("gh", "g"), ("tch", "t"),
             ("ch", "t"), ("sh", "s"), ("ts", "c"), ("tz", "c"))


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A consonant skeleton that survives transcription into Cyrillic and back:
    ``Tajani``/``Таяни`` (Tayani) → ``tn``, ``Szijjártó``/``Сийярто`` (Siyyarto) → ``srt``,
    ``Daines``/``Дейнс`` (Deyns) → ``dns``."""
    w = normalize(romanize(word)).replace(" ", "")
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = w.replace("c", "k").replace("w", "v").replace("q", "k").replace("x", "ks").replace("z", "s")
    w = re.sub(r"[aeiouyjh]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=65536)   # resolution compares each name with many others
def phonetic_key(name: str) -> tuple[str, ...]:
    return tuple(p for p in (phonetic(w) for w in normalize(romanize(name)).split() if w not in PARTICLES) if p)


# ---------------------------------------------------------------------------- case forms and display names

_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: How oblique forms of Russian names end (a word ending otherwise is taken as written).
_OBLIQUE = re.compile(r"(?:ом|ем|ём|ым|им|ой|ей|ою|ею|ого|его|ому|ему|а|я|у|ю|е|и)$", re.IGNORECASE)
_STRONG = re.compile(r"(?:ом|ем|ём|ым|им|ой|ей|ову|еву|ёву|ину|ыну|ова|ева|ёва|ина|ына)$", re.IGNORECASE)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


@lru_cache(maxsize=65536)
def nominative(name: str) -> str:
    """A Russian name in the nominative: ``Касым-Жомартом Токаевым`` → ``Касым-Жомарт Токаев``,
    ``Касым-Жомарта Токаева`` → ``Касым-Жомарт Токаев``, ``Марии Захаровой`` → ``Мария Захарова``;
    a Latin or nominative name is returned as it is.

    pymorphy3 reads each word (a hyphenated given name declines in its last part). The words that
    cannot be nominative say the case the name stands in; a word that could be either (``Токаева``:
    a woman's name, or Tokayev's genitive) is read in that case too. A word that does not decline
    (``Нуртлеу``, ``Сийярто``) stays as it is.
    """
    if not _is_cyrillic(name):
        return name
    words = name.split()
    if not words or len(words) > 5:
        return name
    readings = [_readings(w) for w in words]
    # a word that cannot be nominative, and ends as Russian oblique names do ("Мусаев" is no plural "Мусай")
    oblique_words = [w for w, r in zip(words, readings)
                     if r and _OBLIQUE.search(w) and not any(p.tag.case == "nomn" for p, _ in r)
                     and (_STRONG.search(w) or any(p.is_known and _NAME_TAGS & set(p.tag.grammemes) for p, _ in r))]
    oblique = [r for w, r in zip(words, readings)
               if r and _OBLIQUE.search(w) and not any(p.tag.case == "nomn" for p, _ in r)
               # a vowel ends foreign names too ("Таяни", "Санду", "Сибига"): such a word is declined only when
               # the dictionary knows the name, or its ending is one no nominative has ("Токаевым")
               and (_STRONG.search(w) or any(p.is_known and _NAME_TAGS & set(p.tag.grammemes) for p, _ in r))]
    if not oblique:
        return name
    votes: dict[str, float] = {}
    for r in oblique:
        for case in {p.tag.case for p, _ in r}:
            votes[case] = votes.get(case, 0.0) + max(sc for p, sc in r if p.tag.case == case)
    # the case every oblique word can stand in, the likeliest first
    shared = [c for c in sorted(votes, key=lambda c: (-votes[c], _CASES.index(c))) if all(any(p.tag.case == c for p, _ in r) for r in oblique)]
    if not shared:
        return name
    case = shared[0]
    if not any(_STRONG.search(w) for w in oblique_words) and any(
            r and not any(p.tag.case == case for p, _ in r) for r in readings):
        return name   # "Майя Санду": a word that is only nominative says the name is, the ending is Sandu's own
    genders = {g for r in oblique for p, _ in r if p.tag.case == case for g in ("masc", "femn") if g in p.tag.grammemes}
    if len(genders) > 1:
        # "Жапарову": Zhaparov's dative or Zhaparova's accusative; the given name decides, else the masculine
        genders = {"masc"}
    out = []
    for word, options in zip(words, readings):
        fit = sorted(((sc + (0.5 if genders and any(g in p.tag.grammemes for g in genders) else 0.0), i, p)
                      for i, (p, sc) in enumerate(options) if p.tag.case == case), key=lambda x: (-x[0], x[1]))
        new = word
        for _s, _i, parse in fit:
            form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
            if form is not None:
                new = _like(word, form.word)
                break
        out.append(new)
    return " ".join(out)


def _readings(word: str) -> list[tuple[Any, float]]:
    """pymorphy3's readings of a name word (of its last part, for a hyphenated word) as a given name,
    surname or patronymic, else as an animate or unknown noun, with their scores."""
    from kg.gazetteer import _morph

    last = word.rsplit("-", 1)[-1]
    if not last or not _is_cyrillic(last) or (last.isupper() and len(last) <= 4):
        return []
    try:
        parses = _morph().parse(last.lower())
    except (KeyError, ValueError):   # characters pymorphy cannot classify
        return []
    parses = [p for p in parses if "plur" not in p.tag.grammemes]   # a person is one
    named = [(p, p.score) for p in parses if _NAME_TAGS & set(p.tag.grammemes) and p.tag.case in _CASES]
    if named:
        return named
    return [(p, p.score) for p in parses if p.tag.POS == "NOUN" and p.tag.case in _CASES and "Fixd" not in p.tag.grammemes]


def _like(word: str, lemma: str) -> str:
    """``lemma`` for the last part of ``word``, capitalised as names are (``Касым-Жомартом`` → ``Касым-Жомарт``)."""
    head, _, last = word.rpartition("-")
    new = lemma[:1].upper() + lemma[1:] if last[:1].isupper() else lemma
    if last.isupper() and len(last) > 1:
        new = lemma.upper()
    return f"{head}-{new}" if head else new


@lru_cache(maxsize=1)
def _junk_words() -> frozenset[str]:
    """Lower-cased words that are never a person's name when they sit at its edge: the words of role
    titles and honorifics (``kg/data/roles.yaml``), of institution heads and company forms
    (``institution_words.yaml``), of international organisations (``organizations.yaml``) and of
    places (``places.yaml``)."""
    from kg.data import load_yaml

    phrases: list[str] = []   # every word of these phrases
    single: list[str] = []    # only these words themselves (a word of "Majlisi Oli" or "Al Thani" may be a name's)
    roles = load_yaml("roles.yaml") or {}
    for lang in ("en", "ru"):
        section = roles.get(lang) or {}
        phrases += section.get("titles") or []
        phrases += section.get("honorifics") or []
    for titles in (roles.get("classes") or {}).values():
        phrases += titles or []
    for titles in (roles.get("country_titles") or {}).values():
        phrases += titles or []
    words = load_yaml("institution_words.yaml") or {}
    for key in ("en_heads", "en_company_words", "ru_company_words"):
        single += words.get(key) or []
    for key in ("ru_heads", "ru_abbreviations"):
        single += [*(words.get(key) or {}).keys(), *(words.get(key) or {}).values()]
    for org in load_yaml("organizations.yaml") or []:
        single += [org.get("name") or "", *(org.get("acronyms") or []), *(org.get("aliases") or [])]
    places = load_yaml("places.yaml") or {}
    for lang in places.values():
        single += lang or []
    out = set()
    for phrase in phrases:
        for w in re.split(r"[\s,()]+", str(phrase)):
            w = w.strip(".").lower()
            if len(w) > 2:
                out.add(w)
    out |= {str(w).strip(".").lower() for w in single if " " not in str(w) and len(str(w).strip(".")) > 2}
    return frozenset(out - PARTICLES - _RU_PARTICLES)


def _junk(word: str) -> bool:
    """A word at a name's edge that is a title, institution, organisation or place word (``Presidents``,
    ``Affairs``, ``KazMunayGas``-like names of companies written in one camel-cased word)."""
    w = word.strip(".,;:«»\"'()").lower()
    if not w:
        return True
    junk = _junk_words()
    if w in junk or (w.endswith("s") and w[:-1] in junk) or (w.endswith("'s") and w[:-2] in junk):
        return True
    core = word.strip(".,;:«»\"'()")
    # a company written as one camel-cased word (two capitals inside, after small letters): no name is
    humps = len(re.findall(r"(?<=[a-zа-яё])[A-ZА-ЯЁ]", core))
    return humps >= 2


def _split_glued(word: str) -> list[str]:
    """``ShavkatPresident`` → ``Shavkat``, ``President``: a name glued to a title or institution word."""
    if _junk(word):
        return [word]
    parts = re.split(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ][a-zа-яё])", word)
    if len(parts) > 1 and any(_junk(p) for p in parts):
        return parts
    return [word]


_RU_PARTICLES = frozenset({"бин", "ибн", "бинт", "аль", "эль", "фон", "ван", "дер", "де", "да", "ди", "ла", "ле", "дос", "дю"})


def _name_word(word: str) -> bool:
    """Could ``word`` be part of a name: capitalised (or an initial), or a particle (``bin``, ``von``)."""
    w = word.strip(".,;:«»\"'()")
    if not w:
        return False
    if w.lower() in PARTICLES or w.lower() in _RU_PARTICLES or re.fullmatch(r"(?:al|el|as|ad|ash|an|ar|az|аль|эль|ас|ад|аш|ан|ар|аз|ат)-\w.*", w):
        return True
    return w[:1].isupper() or (w[:1] in "‘’'`" and w[1:2].isupper())


def clean_name(name: str, known: frozenset[str] | set[str] | None = None) -> str:
    """The name inside a mention that carries more: ``Foreign Affairs Mukhtar Tleuberdi`` → ``Mukhtar
    Tleuberdi``, ``Shavkat Mirziyoyev Mirziyoyev ShavkatPresident`` → ``Shavkat Mirziyoyev``.

    Title, honorific, institution, organisation and place words (the data files' words) and words in
    lower case are dropped from its edges; a run of capitalised words is cut where a small word breaks
    it; a name written twice (in either order) is kept once. ``known``: ``name_key``s of full names seen
    elsewhere in the corpus; a mention holding one of them among other words is that name (a run of
    words around two names is no person of its own: it is the first name it holds).
    """
    words = [p for w in name.split() for p in _split_glued(w)]
    # runs of name-like words, broken by small words ("bilan", "met"), title words stripped at the edges
    runs: list[list[str]] = [[]]
    for w in words:
        if _name_word(w):
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    runs = [_strip_edges(r) for r in runs]
    runs = [r for r in runs if r]
    if not runs:
        return name
    if known:
        for r in runs:
            found = _known_span(r, known)
            if found:
                return " ".join(found)
    run = max(runs, key=lambda r: (_full(r), -runs.index(r)))
    return " ".join(_once(run))


def _strip_edges(words: list[str]) -> list[str]:
    words = list(words)
    while len(words) > 1 and _junk(words[0]):
        words.pop(0)
    while len(words) > 1 and _junk(words[-1]):
        words.pop()
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    while words and words[0].lower() in PARTICLES and len(words) > 2:
        words.pop(0)
    if len(words) == 1 and _junk(words[0]):
        return []
    return words


def _full(words: list[str]) -> bool:
    return len(words) >= 2 and len(words[0].strip(".")) > 2


def _once(words: list[str]) -> list[str]:
    """A name written twice (``Shavkat Mirziyoyev Mirziyoyev Shavkat``) once: cut at the first word
    that comes again."""
    seen: set[str] = set()
    for i, w in enumerate(words):
        k = skeleton(normalize(w))
        if k in seen and len(seen) >= 2:   # "Abdullah Abdullah" is one name: a name of one word is no name twice
            return words[:i]
        seen.add(k)
    return words


def _known_span(words: list[str], known: frozenset[str] | set[str]) -> list[str] | None:
    """The first (then longest) span of two or three words that is a full name seen elsewhere, when
    ``words`` hold more than it."""
    if len(words) < 3:
        return None
    if name_key(" ".join(words)) in known and len(words) <= 3 and len(_once(words)) == len(words):
        return None
    for start in range(len(words)):
        for size in (3, 2):
            span = words[start:start + size]
            if len(span) == size and size < len(words) and name_key(" ".join(span)) in known:
                return span
    return None
