"""A regular expression over a long list of literal forms (country names, role titles), fast.

``re`` has no trie: at every position where ``(?:form1|form2|…)`` is tried it tests every form in
turn, so matching the gazetteer's thousand-odd country forms or roles.yaml's titles cost tens of
microseconds per position. ``LiteralAlternation`` keeps ``re`` as the judge of what matches — the
same pattern, the same Match objects — but at each position hands it only the forms whose first
three characters are there (and, after an optional article, the forms that can follow it).

Every method returns what the same method of ``.pattern`` returns.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

HEAD = 3   # characters of a form that pick it


class LiteralAlternation:
    """``{before}(?:{article}\\s+)?(?:form|form|…){tail}{after}``, forms longest first."""

    def __init__(self, forms: Iterable[str], *, flags: int = 0, before: str = r"(?<!\w)", after: str = r"(?!\w)",
                 article: str | None = None, tail: str = "") -> None:
        # longest first, so the longest form that fits wins; forms of one length cannot both match at one place
        self.forms = sorted({f for f in forms if f}, key=lambda f: (-len(f), f))
        self.flags = flags
        self._ignore_case = bool(flags & re.IGNORECASE)
        lead = rf"(?:{article}\s+)?" if article else ""
        self._template = (before + lead + "(?:{body})" + tail + after)
        self.pattern = re.compile(self._template.format(body="|".join(re.escape(f) for f in self.forms)), flags)
        self._article = re.compile(rf"{article}\s+", flags) if article else None
        firsts = {f[0] for f in self.forms} | ({article[0]} if article else set())
        # where a match can start: the pattern's own lookbehind, then a first character of a form or the
        # article (with the pattern's flags: case-insensitive where it is)
        self._starts = re.compile(before + "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]", flags)
        self._by_head: dict[str, list[int]] = {}
        for i, f in enumerate(self.forms):
            self._by_head.setdefault(self._fold(f[:HEAD]), []).append(i)
        self._subpatterns: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._by_keys: dict[tuple[str, ...], re.Pattern[str] | None] = {}

    def _fold(self, s: str) -> str:
        # upper then lower: re's case-insensitive match also pairs "ſ" with "s", "ᲀ" with "в"
        return s.upper().lower() if self._ignore_case else s

    def _candidates(self, key: str) -> list[int] | None:
        """Indexes of the forms that can start with ``key`` (the text's next characters); None when case
        folding changes its length (ask the full pattern)."""
        folded = self._fold(key)
        if len(folded) != len(key):
            return None
        out: list[int] = []
        for n in range(1, len(folded) + 1):   # forms shorter than HEAD are their own head
            out.extend(self._by_head.get(folded[:n], ()))
        return out

    def _pattern_for(self, keys: tuple[str, ...]) -> re.Pattern[str] | None:
        """The pattern cut down to the forms that can start with one of ``keys``; None if there are none."""
        chosen: set[int] = set()
        for key in keys:
            found = self._candidates(key)
            if found is None:
                return self.pattern
            chosen.update(found)
        if not chosen:
            return None
        forms = tuple(sorted(chosen))   # still longest first: the indexes are in that order
        sub = self._subpatterns.get(forms)
        if sub is None:
            body = "|".join(re.escape(self.forms[i]) for i in forms)
            sub = self._subpatterns[forms] = re.compile(self._template.format(body=body), self.flags)
        return sub

    def _pattern_at(self, text: str, p: int, endpos: int) -> re.Pattern[str] | None:
        """The pattern for position ``p``: the forms that can start there, or after an article there."""
        keys: tuple[str, ...] = (text[p:min(p + HEAD, endpos)],)
        if self._article is not None:
            a = self._article.match(text, p, endpos)
            if a is not None:
                keys += (text[a.end():min(a.end() + HEAD, endpos)],)
        try:
            return self._by_keys[keys]
        except KeyError:   # memoised: the same few thousand word openings recur in every item
            sub = self._by_keys[keys] = self._pattern_for(keys)
            return sub

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        endpos = len(text) if endpos is None else endpos
        free = pos
        for s in self._starts.finditer(text, pos, endpos):
            p = s.start()
            if p < free:
                continue
            sub = self._pattern_at(text, p, endpos)
            m = sub.match(text, p, endpos) if sub is not None else None
            if m is not None:
                yield m
                free = max(m.end(), p + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        sub, endpos = self._anchored(text, pos, endpos)
        return sub.match(text, pos, endpos) if sub is not None else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        sub, endpos = self._anchored(text, pos, endpos)
        return sub.fullmatch(text, pos, endpos) if sub is not None else None

    def _anchored(self, text: str, pos: int, endpos: int | None) -> tuple[re.Pattern[str] | None, int]:
        """The pattern to try at ``pos`` itself (None when no match can start there), and ``endpos``."""
        endpos = len(text) if endpos is None else endpos
        if pos >= endpos or not self._starts.match(text, pos, endpos):
            return None, endpos
        return self._pattern_at(text, pos, endpos), endpos
