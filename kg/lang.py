"""Which language an item or a paragraph is in.

kg analyses English and Russian (``data/languages.yaml``: ``analysed``); everything else is kept
out of the analysis, never analysed as another language: Uzbek or Turkish in Latin letters is not
English, Kazakh or Kyrgyz in Cyrillic is not Russian. The identifier is lingua-language-detector,
built once, lazily, from the few languages of ``data/languages.yaml``, with preloaded models. The
plain cases are decided before it is asked (a Cyrillic paragraph with only Russian letters, a Latin
one full of English function words): they are most of the text kg reads, and cost microseconds.
Languages lingua does not know (Uzbek, Kyrgyz, Tajik) are told by their own letters and words.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from kg.data import load_yaml

log = logging.getLogger(__name__)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:[ʻ’'][^\W\d_]+)*")

#: Characters of a text looked at (a long item says what it is in its first pages).
SAMPLE_CHARS = 20_000


class _Config:
    def __init__(self) -> None:
        cfg = load_yaml("languages.yaml")
        self.analysed: frozenset[str] = frozenset(cfg["analysed"])
        self.lingua: dict[str, dict[str, str]] = {script: dict(names) for script, names in cfg["lingua"].items()}
        self.russian = frozenset(cfg["russian_words"])
        self.russian_share = float(cfg["russian_share"])
        self.foreign_share = float(cfg["foreign_letter_share"])
        foreign = "".join(cfg["cyrillic_letters"].values())
        self.foreign = re.compile(f"[{re.escape(''.join(sorted(set(foreign + foreign.upper()))))}]")
        self.markers: dict[str, dict[str, Any]] = cfg["markers"]
        self.english = frozenset(cfg["english_words"])
        self.english_share = float(cfg["english_share"])
        self.min_letters = int(cfg["min_paragraph_letters"])


@lru_cache(maxsize=1)
def config() -> _Config:
    return _Config()


def analysed_languages() -> frozenset[str]:
    """The languages kg analyses (``en``, ``ru``)."""
    return config().analysed


@lru_cache(maxsize=None)
def _detector(script: str) -> Any:
    """lingua's detector for one script's languages, built on first use (half a second or so)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in config().lingua[script].values()]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {name: code for names in config().lingua.values() for code, name in names.items()}


def identify(text: str, default: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language (``en``, ``ru``, ``kk``, ``uz``, …).

    ``default``: the answer for text too short to tell (a caption, a name), when given.
    """
    cfg = config()
    sample = text[:SAMPLE_CHARS]
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr + lat < cfg.min_letters:
        # a caption, a name, a title alone: too short to identify; the item's language, else the script's
        return default if default is not None else ("ru" if cyr > lat else "en")
    words = [w.lower() for w in _WORD.findall(sample)]
    if cyr > lat:
        foreign = len(cfg.foreign.findall(sample))
        if foreign < max(3, cfg.foreign_share * cyr):   # two letters: a name quoted in Russian text
            return "ru"
        if words and sum(w in cfg.russian for w in words) >= cfg.russian_share * len(words):
            return "ru"
        marked = _by_letters(sample, cyr)
        if marked:
            return marked
        return _lingua(sample, "cyrillic", fallback="ru")
    if words and sum(w in cfg.english for w in words) >= cfg.english_share * len(words):
        return "en"
    marked = _by_words(words)
    if marked:
        return marked
    if not words:
        return default or "en"
    return _lingua(sample, "latin", fallback="en")


def _by_letters(sample: str, cyr: int) -> str | None:
    lower = sample.lower()
    for code, rule in config().markers.items():
        letters = rule.get("letters")
        if not letters:
            continue
        own = sum(lower.count(c) for c in letters)
        if own >= float(rule.get("min_share", 0.01)) * cyr and not any(c in lower for c in rule.get("not_letters", "")):
            return code
    return None


def _by_words(words: list[str]) -> str | None:
    present = set(words)
    for code, rule in config().markers.items():
        vocabulary = rule.get("words")
        if vocabulary and len(present.intersection(vocabulary)) >= int(rule.get("min_words", 3)):
            return code
    return None


def _lingua(sample: str, script: str, fallback: str) -> str:
    try:
        found = _detector(script).detect_language_of(sample)
    except Exception as err:   # pragma: no cover - lingua missing or broken: say so, read by script
        log.warning("language identifier unavailable (%s); language told by script", err)
        return fallback
    if found is None:
        return fallback
    return _codes().get(found.name, found.name.lower())
