"""``LiteralAlternation`` must answer exactly what its own regular expression answers.

It only narrows the forms ``re`` tries at each position, so every method is compared with the same
method of ``.pattern``: on the real gazetteer and role titles over real dispatch text, and on
arbitrary text (hypothesis) built from the forms' own pieces and the characters case folding treats
specially (``ſ``, ``K``, ``İ``, ``ᲀ``).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.gazetteer import gazetteer
from kg.literals import LiteralAlternation
from kg.extract.mentions import role_tables

ROOT = Path(__file__).resolve().parent.parent
FORMS = ["Kazakhstan", "Kazakh", "the Gambia", "Gambia", "UK", "U.S.", "K", "Ambassador", "ambassador at large",
         "Минск", "минске", "Вьетнам", "s", "ſt", "İstanbul", "в", "Ва"]
PIECES = FORMS + [" ", "  ", "the ", "The ", "’s", "'s", "-", ".", ",", "x", "ſ", "\u212a", "İ", "ᲀ", "К", "\n"]


def _same(alt: LiteralAlternation, text: str) -> None:
    want = [(m.start(), m.end()) for m in alt.pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in alt.finditer(text)] == want
    for pos in range(len(text) + 1):
        for method in ("match", "fullmatch", "search"):
            a, b = getattr(alt, method)(text, pos), getattr(alt.pattern, method)(text, pos)
            assert (a and a.span()) == (b and b.span()), (method, pos, text)
    mid = len(text) // 2   # pos and endpos: the lookbehind still sees the text before pos
    assert [m.span() for m in alt.finditer(text, 1, mid)] == [m.span() for m in alt.pattern.finditer(text, 1, mid)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.booleans(), st.booleans())
def test_same_matches_as_the_regex(text: str, ignore_case: bool, article: bool) -> None:
    alt = LiteralAlternation(FORMS, flags=re.I if ignore_case else 0, article="the" if article else None, tail=r"(?:[’']s)?")
    _same(alt, text)


def test_same_matches_on_real_dispatches_with_the_real_gazetteer_and_titles() -> None:
    gz, titles = gazetteer(), role_tables().en_title_re
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        for alt in (gz.en_country_re, gz.ru_country_re, titles):
            assert [m.span() for m in alt.finditer(text)] == [m.span() for m in alt.pattern.finditer(text)], path


@pytest.mark.parametrize("text, expected", [
    ("Talks in the Gambia and Kazakhstan’s capital", ["the Gambia", "Kazakhstan’s"]),
    ("Kazakhstani Kazakh", ["Kazakh"]),           # a form inside a longer word is no match
])
def test_longest_form_with_article_and_possessive(text: str, expected: list[str]) -> None:
    alt = LiteralAlternation(["Kazakhstan", "Kazakh", "Gambia", "the Gambia"], article="the", tail=r"(?:[’']s)?")
    assert [m.group(0) for m in alt.finditer(text)] == expected
