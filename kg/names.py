"""Person-name normalisation shared by extraction and resolution.

Built on ``kg.lookup``'s transliteration and romanisation skeletons, with rapidfuzz for the
spelling variants that survive them (``Tileuberdi`` / ``Tleuberdi``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kg.lookup import normalize, skeleton
from kg.mentions import PARTICLES

#: Similarity (0–1, normalised Levenshtein on skeletons) at which two name words are one spelling.
WORD_SIMILARITY = 0.8


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Skeleton words of a name, particles dropped: ``M.Al-Maaytah`` → ``('m', 'maaitah')``."""
    # Cyrillic goes through the same romanisation as display names, so both scripts share a key
    words = [w for w in normalize(romanize(name)).split() if w not in PARTICLES]
    return tuple(skeleton(w) for w in words)


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
