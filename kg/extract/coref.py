"""Coreference inside one item: which mentions are one person.

Full names come first; an initial form ("D. Mussayev"), a surname alone and a Russian case form join
the full name they share a surname with (``kg.names``). The item's protagonist is its first person
named in the body (or the staff of the embassy the item is about). A role-only reference ("the
Kazakh diplomat", "глава государства") is the person it stands in apposition to, else the person of
the item whose office and state it fits best (the protagonist on a tie). Whom each person serves is
read from their mentions here as well, so that the rest of extraction asks one place.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.mentions import Mention, Sentence, country_of_title, starts_a_clause
from kg.gazetteer import CountryHit, gazetteer
from kg.names import name_key, same_surname


@dataclass(slots=True)
class Cluster:
    """One person of an item: every mention of them."""

    index: int
    mentions: list[Mention]

    def names(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "name"]



class People:
    """The people of one item: person clusters over its mentions, and its protagonist."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: list[Mention], countries: list[CountryHit],
                 lang: str) -> None:
        self.text = text
        self.sentences = sentences
        self.mentions = mentions
        self.countries = countries
        self.lang = lang
        self.clusters: list[Cluster] = []
        self.protagonist: int | None = None
        self._corefer()

    def _corefer(self) -> None:
        names = [m for m in self.mentions if m.kind == "name"]
        # full names first, then initials and surnames, which attach to them
        order = sorted(names, key=lambda m: (m.form != "full" or len(m.text.split()) < 2, m.start))
        for m in order:
            target = self._match_cluster(m)
            if target is None:
                target = Cluster(len(self.clusters), [])
                self.clusters.append(target)
            target.mentions.append(m)
            m.person = target.index
        body_names = [m for m in names if not self.sentences[m.sentence].headline and not m.mention_only]
        home = self.embassy_country()
        own = [m for m in body_names if home and m.country == home]
        if own:
            # "The Embassy of Kazakhstan in France held a reception … Ambassador of Kazakhstan …": the item is its staff's
            self.protagonist = min(own, key=lambda m: m.start).person
        elif body_names:
            self.protagonist = min(body_names, key=lambda m: m.start).person
        elif names:
            self.protagonist = min(names, key=lambda m: m.start).person
        for m in self.mentions:
            if m.kind == "roleref":
                if len({c.iso for c in self.countries if m.start <= c.start < m.end}) >= 2:
                    continue   # "президенты Беларуси и России": a role over several states is no one person
                m.person = self._apposed(m)
                if m.person is None:
                    m.person = self._resolve_role(m)

    def _apposed(self, ref: Mention) -> int | None:
        """"… congratulated Sanae Takaichi on her re-election as the Prime Minister of Japan": the role
        after "as" describes the nearest name before it in the sentence."""
        before = [m for m in self.mentions if m.kind == "name" and m.sentence == ref.sentence and m.end <= ref.start]
        if not before:
            return None
        target = max(before, key=lambda m: m.end)
        apposition = re.fullmatch(r"\s*(?:\([^)]{1,40}\))?\s*,\s*", self.text[target.end:ref.start])
        if not apposition and not re.search(r"(?:\bas|\bв качестве)\s+$", self.text[max(0, ref.start - 16):ref.start]):
            return None   # "X (Greece), OSCE PA Special Representative …" or "… as the Prime Minister of Japan"
        if apposition and starts_a_clause(self.text, ref.start, ref.end, self.sentences[ref.sentence].end):
            return None   # "… with Minister X, the Secretary-General expressed …": the next clause's subject
        if ref.country and not target.country:
            target.country = ref.country
        return target.person

    def _match_cluster(self, m: Mention) -> Cluster | None:
        key = name_key(m.normal or m.text)
        candidates = []
        for c in self.clusters:
            for other in c.names():
                other_key = name_key(other.normal or other.text)
                if key == other_key or same_surname(m.normal or m.text, other.normal or other.text) or (
                        other.alias is not None and key == name_key(other.alias)):
                    candidates.append(c)
                    break
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            # "Kairat Abdrakhmanov" vs "Kairat Torebayev" never reach here; two people sharing a surname do
            exact = [c for c in candidates if any(name_key(o.normal or o.text) == key for o in c.names())]
            return exact[0] if len(exact) == 1 else None
        return None

    def _resolve_role(self, ref: Mention) -> int | None:
        best: tuple[float, int] | None = None
        tie = False
        for c in self.clusters:
            if any(m.sentence == ref.sentence and m.kind == "name" for m in c.mentions):
                continue   # "The President congratulated Pope Leo XIV": a role and a name in one clause are two people
            score = self._compatibility(ref, c)
            if score is None:
                continue
            if best is None or score > best[0]:
                best, tie = (score, c.index), False
            elif score == best[0]:
                tie = True
        if best is None:
            return None
        if tie:
            return self.protagonist if self.protagonist is not None and self._compatibility(ref, self.clusters[self.protagonist]) == best[0] else None
        return best[1]

    def _compatibility(self, ref: Mention, c: Cluster) -> float | None:
        """How well a role reference fits a person of the item; None when it contradicts them."""
        score = 0.0
        classes: set[str] = set()
        for m in c.mentions:
            if m.kind == "name":
                classes |= m.role_classes
        countries = {m.country for m in c.mentions if m.kind == "name" and m.country}
        if not countries:
            implied = self.country(c.index)   # "Pope Francis" serves the Holy See
            countries = {implied} if implied else set()
        if ref.role_classes and classes:
            if ref.role_classes & classes:
                score += 3
            else:
                return None
        if ref.country and countries:
            if ref.country in countries:
                score += 2
            else:
                return None
        if c.index == self.protagonist:
            score += 0.5
        if any(m.start < ref.start for m in c.mentions):
            score += 0.25
        return score

    def mention(self, index: int) -> Mention:
        """The first name mention of person ``index`` in the item: what a rule hands on when it adds that
        person to an encounter (an event's evidence is the sentence of that mention)."""
        return next(m for m in self.mentions if m.person == index and m.kind == "name")

    def country(self, index: int | None) -> str | None:
        if index is None:
            return None
        votes = Counter(m.country for m in self.clusters[index].mentions if m.country)
        if not votes:
            votes = Counter(filter(None, (country_of_title(m.role_text) for m in self.clusters[index].mentions)))
        if not votes:
            # "the Prime Minister of Japan", resolved to Sanae Takaichi, says whom she serves
            votes = Counter(m.country for m in self.mentions if m.kind == "roleref" and m.person == index and m.country)
        return votes.most_common(1)[0][0] if votes else None

    def embassy_country(self) -> str | None:
        """The state whose embassy the item names ("the Embassy of Kazakhstan", "посольство Казахстана")."""
        gz = gazetteer()
        if not any(w in self.text for w in ("посольств", "консульств", "постпредств", "mbass", "onsulate", "ermanent")):
            return None   # neither pattern below can match: skip scanning the whole text twice
        pattern = r"(?:посольств|генконсульств|консульств|постпредств|[Ee]mbass|[Cc]onsulate|[Pp]ermanent [Mm]ission)\w*\s+(?:of\s+(?:the\s+)?)?"
        for m in re.finditer(pattern, self.text):
            hit = next((c for c in self.countries if c.start == m.end()), None)
            if hit:
                return hit.iso
        # from word starts only: the same matches (the leftmost start is the word's), without retrying inside every word
        for m in re.finditer(r"(?<!\w)(\w+)\s+(?:[Ee]mbassy|[Cc]onsulate)", self.text):
            iso, form = gz.country_of(m.group(1), self.lang)
            if iso and form == "adjective":
                return iso
        return None

    def accredited(self, index: int) -> str | None:
        votes = Counter(m.accredited for m in self.clusters[index].mentions if m.accredited)
        return votes.most_common(1)[0][0] if votes else None
