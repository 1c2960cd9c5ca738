"""Resolve item-level mentions into corpus-wide entities: one node per real person,
institution and country, across spellings and scripts.

People are compared only inside blocks that share a surname's consonant skeleton
(``Tileuberdi``/``Tleuberdi`` → ``tlbrd``; ``Мусаев``/``Mussayev`` → ``msv``), so the cost grows
with the corpus, not with its square. Inside a block two full names merge when their surnames
are alike and their given names (or initials) agree, and neither their states nor their
offices contradict each other; a surname or initial form then joins the one person it can be.
Every merge is recorded with its reason, and ``judgements`` (pairs said to be the same or
different) override the rules. The items' reports of who met whom then become encounters
(``kg.encounters``): one per real-world meeting, however many items reported it.
"""
from __future__ import annotations

import bisect
import hashlib
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.encounters import EncounterJudgements, merge_reports, says_two_meetings
from kg.gazetteer import gazetteer
from kg.gcpause import gc_paused
from kg.model import (
    Country,
    Dispatch,
    Institution,
    ItemExtraction,
    OfficialMention,
    ParticipantType,
    Person,
    Report,
    Resolution,
)
from kg.institutions import canonical
from kg.names import (
    clean_name,
    name_key,
    name_tokens,
    nominative,
    phonetic,
    phonetic_key,
    romanize,
    same_surname_tokens,
    similar_word,
)

log = logging.getLogger(__name__)


def stable_id(prefix: str, key: str) -> str:
    """``prefix-`` and 12 hex digits of a SHA-1: the same key gives the same id on any machine."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


@dataclass(slots=True)
class _PersonMention:
    item: str                    # dispatch id
    key: str                     # item-local key
    official: OfficialMention
    dispatch: Dispatch
    latin: str                   # the name in Latin script
    tokens: tuple[str, ...]
    cluster: int = -1


@dataclass(slots=True)
class Judgements:
    """Decisions that override the rules: pairs of names said to be the same person, or not."""

    same: set[frozenset[str]] = field(default_factory=set)
    different: set[frozenset[str]] = field(default_factory=set)
    encounters: EncounterJudgements = field(default_factory=EncounterJudgements)   # by report id

    def verdict(self, a: str, b: str) -> bool | None:
        if not self.same and not self.different:
            return None   # no judgements (the usual case): no keys to compute for every pair compared
        pair = frozenset((name_key(a), name_key(b)))
        if pair in self.same:
            return True
        if pair in self.different:
            return False
        return None


def load_judgements(path: str | os.PathLike[str]) -> Judgements:
    """Read a judgements file: YAML with ``same:`` and ``different:`` lists of name pairs.

    ``same: [[Mukhtar Tileuberdi, Mukhtar Tleuberdi]]`` merges two spellings the rules keep apart;
    ``different: [[Kairat Abdrakhmanov, Kairat Abdrakhmanuly]]`` keeps apart two the rules would merge.
    ``encounters: {same: [[e-…, e-…]], different: [[e-…, e-…]]}`` joins or splits encounters by the
    ids of their reports (the ``id`` column of interactions.csv).
    """
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'same' and 'different' lists")
    out = Judgements()
    for verdict, target in (("same", out.same), ("different", out.different)):
        for pair in data.get(verdict) or []:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise ValueError(f"{path}: each entry of {verdict!r} must be a pair of names, got {pair!r}")
            target.add(frozenset((name_key(pair[0]), name_key(pair[1]))))
    encounters = data.get("encounters") or {}
    if not isinstance(encounters, dict):
        raise ValueError(f"{path}: 'encounters' must be a mapping with 'same' and 'different' lists of report ids")
    for verdict, target in (("same", out.encounters.same), ("different", out.encounters.different)):
        for pair in encounters.get(verdict) or []:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise ValueError(f"{path}: each entry of encounters.{verdict} must be a pair of report ids "
                                 f"(the id column of interactions.csv), got {pair!r}")
            target.add(frozenset(pair))
    return out


@gc_paused()
def resolve(items: Iterable[tuple[Dispatch, ItemExtraction]], judgements: Judgements | None = None) -> Resolution:
    """Cluster every item's officials, institutions and countries; map interactions onto them."""
    items = sorted(items, key=lambda p: p[0].id)    # input order never changes the result
    judgements = judgements or Judgements()
    mentions = _person_mentions(items)
    clusters, reasons = _cluster_people(mentions, judgements)
    persons, person_of = _persons(clusters, mentions, reasons)
    institutions, inst_of = _institutions(items)
    by_person: dict[str, list[_PersonMention]] = defaultdict(list)   # not every mention for every person
    for m in mentions:
        if (m.item, m.key) in person_of:
            by_person[person_of[(m.item, m.key)]].append(m)
    for p in persons:
        p.institutions = sorted({inst_of[(m.item, _member_key(m.key, name))] for m in by_person.get(p.id, [])
                                 for name in m.official.institutions if (m.item, _member_key(m.key, name)) in inst_of})
    countries = _countries(items, persons, institutions)
    reports, types = _reports(items, person_of, inst_of)
    encounters = merge_reports(reports, types, judgements.encounters, _near_dates(items))
    affiliations = _affiliations(persons, institutions, mentions, clusters, person_of, inst_of)
    return Resolution(persons=persons, institutions=institutions, countries=countries,
                      encounters=encounters, affiliations=affiliations)


# ---------------------------------------------------------------------------- people


def _person_mentions(items: list[tuple[Dispatch, ItemExtraction]]) -> list[_PersonMention]:
    """Every person mention, named by the name it carries: a Russian case form in the nominative
    (``Касым-Жомартом Токаевым`` → Kassym-Jomart Tokayev's ``Касым-Жомарт Токаев``), titles,
    organisation and neighbouring words cut from its edges, a name written twice kept once, and a
    run of words around a name seen elsewhere as a full name reduced to it (``clean_name``)."""
    cleaned = [(d, o, clean_name(nominative(o.name))) for d, ex in items for o in ex.officials]
    # full names of two or three words seen as a mention of their own: a longer run holding one is that name
    known = {name_key(romanize(c)) for _d, _o, c in cleaned if 2 <= len(c.split()) <= 3}
    out = []
    for d, o, name in cleaned:
        if len(name.split()) >= 3:
            name = clean_name(name, known)
        latin = _cased(romanize(name))
        out.append(_PersonMention(d.id, o.key, o, d, latin, name_tokens(latin)))
    return out


def _cased(name: str) -> str:
    """A word written in capitals (``КУЗНЕЦОВА`` → ``KUZNETsOVA``) as names are written: ``Kuznetsova``.
    Initials and short acronyms (``S.``, ``II``) stay."""
    words = []
    for w in name.split():
        letters = [c for c in w if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) > 3 and upper >= len(letters) - 2 and upper > len(letters) / 2:
            w = "-".join(part[:1].upper() + part[1:].lower() for part in w.split("-"))
        words.append(w)
    return " ".join(words)


def _block_key(tokens: tuple[str, ...]) -> str:
    """Phonetic skeleton of the surname: romanisations, vowel spellings and transcriptions
    through Cyrillic (Tajani / Таяни) share it."""
    if not tokens:
        return ""
    return phonetic(tokens[-1]) or tokens[-1]


def _cluster_people(mentions: list[_PersonMention], judgements: Judgements) -> tuple[list[list[int]], dict[int, list[str]]]:
    parent = list(range(len(mentions)))
    reasons: dict[int, list[str]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, why: str) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
            reasons[min(ri, rj)].extend(reasons.pop(max(ri, rj), []))
            reasons[min(ri, rj)].append(why)

    # a pair of mentions is judged on their names (spelling, script) and their states; a block holds
    # far fewer names than mentions, so each pair of names is compared once and the states (cheap) every time
    signature_ids: dict[tuple, int] = {}
    sig = [signature_ids.setdefault(_signature(m), len(signature_ids)) for m in mentions]
    name_ids: dict[tuple, int] = {}
    name = [name_ids.setdefault(_name_signature(m), len(name_ids)) for m in mentions]
    memo: dict[int, tuple[bool, str, bool]] = {}

    def same_names(i: int, j: int) -> tuple[bool, str, bool]:
        key = name[i] * len(name_ids) + name[j]
        found = memo.get(key)
        if found is None:
            mirror = memo.get(name[j] * len(name_ids) + name[i])
            # the test is symmetric, only its reason names the two in order: a pair that fails
            # (93% of them) fails both ways, and the reason of a failure is never read
            found = memo[key] = mirror if mirror is not None and not mirror[0] else _same_names(mentions[i], mentions[j], judgements)
        return found

    def same(i: int, j: int) -> tuple[bool, str]:
        ok, why, judged = same_names(i, j)
        if ok and not judged and not _states_agree(mentions[i].official, mentions[j].official):
            return False, ""
        return ok, why

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        blocks[_block_key(m.tokens)].append(i)
    for block in blocks.values():
        full = [i for i in block if _given_names(mentions[i])]
        short = [i for i in block if not _given_names(mentions[i])]
        # one full mention per signature, by name: a mention's matches are found among the names
        # that match its own, then among their signatures, not by testing every cluster of the block
        by_name: dict[int, dict[int, int]] = defaultdict(dict)
        for i in full:
            by_name[name[i]].setdefault(sig[i], i)
        alike: dict[int, list[dict[int, int]]] = {}   # name → the block's full names it matches
        matching: dict[int, list[int]] = {}   # signature → the block's full-name signatures it matches

        def matches(i: int) -> list[int]:
            found = matching.get(sig[i])
            if found is None:
                names = alike.get(name[i])
                if names is None:
                    names = alike[name[i]] = [reps for reps in by_name.values()
                                              if same_names(i, next(iter(reps.values())))[0]]
                found = matching[sig[i]] = [t for reps in names for t, j in reps.items() if same(i, j)[0]]
            return found

        # every pair of full names, in order; a pair already in one cluster changes nothing, and
        # a cluster joins i's at its first member after i that matches: so only that member is
        # looked for (by signature), not every pair (a frequent name made this quadratic)
        groups = _Groups(full, sig)
        done: dict[int, int] = {}   # signature → a mention of it whose turn has come
        for i in full:
            earlier = done.setdefault(sig[i], i)
            if earlier != i and groups.of[earlier] is groups.of[i]:
                # a mention like an earlier one of its own cluster: every cluster that could join it
                # after that one has joined (same signature, later position: nothing new matches)
                continue
            done[sig[i]] = i
            for g, j in groups.first_matches_after(i, matches(i)).items():
                union(i, j, same(i, j)[1])
                groups.merge(i, g)
        # a surname alone (or an initial) joins the one person of its block it can be
        for i in short:
            roots = {find(g.any()) for g in groups.holding(matches(i))}
            if len(roots) == 1:
                root = roots.pop()
                union(i, root, f"surname: {mentions[i].latin!r} → the only {mentions[i].tokens[-1]!r} in the corpus")
        if full:
            continue   # surnames merge with each other only in a block without a full name
        for x, i in enumerate(short):
            if find(i) != i:
                continue   # i stays a non-root: nothing below can merge it
            for j in short[x + 1:]:
                if find(j) == j:
                    ok, why = same(i, j)
                    if ok:
                        union(i, j, why)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[find(i)].append(i)
    clusters = list(groups.values())
    root_reasons = {n: reasons.get(find(c[0]), []) for n, c in enumerate(clusters)}
    for n, c in enumerate(clusters):
        for i in c:
            mentions[i].cluster = n
    return clusters, root_reasons


def _signature(m: _PersonMention) -> tuple:
    """Everything of a mention that ``_same_names`` and ``_states_agree`` read (keep them in step)."""
    return _name_signature(m), m.official.country, m.official.international


def _name_signature(m: _PersonMention) -> tuple:
    """Everything of a mention that ``_same_names`` reads (keep the two in step)."""
    return m.latin, m.tokens, m.official.name, m.official.lang


class _Group:
    """The full-name mentions of one cluster of a block, by signature (sorted mention indexes)."""

    __slots__ = ("by_sig", "size")

    def __init__(self, t: int, i: int) -> None:
        self.by_sig: dict[int, list[int]] = {t: [i]}
        self.size = 1

    def any(self) -> int:
        return next(iter(self.by_sig.values()))[0]


class _Groups:
    """The clusters of a block's full names while they merge, and which of them hold each signature."""

    def __init__(self, full: list[int], sig: list[int]) -> None:
        self.of: dict[int, _Group] = {i: _Group(sig[i], i) for i in full}
        self.holders: dict[int, dict[_Group, None]] = defaultdict(dict)   # signature → its groups, in order
        for i in full:
            self.holders[sig[i]][self.of[i]] = None

    def holding(self, sigs: list[int]) -> dict[_Group, None]:
        """The groups that hold a mention of any of ``sigs``."""
        return {g: None for t in sigs for g in self.holders[t]}

    def first_matches_after(self, i: int, sigs: list[int]) -> dict[_Group, int]:
        """Each group but ``i``'s that holds one of ``sigs`` after mention ``i``: its first such member."""
        mine = self.of[i]
        best: dict[_Group, int] = {}
        for t in sigs:
            for g in self.holders[t]:
                if g is mine:
                    continue
                members = g.by_sig[t]
                k = bisect.bisect_right(members, i)
                if k < len(members) and members[k] < best.get(g, members[k] + 1):
                    best[g] = members[k]
        return best

    def merge(self, i: int, other: _Group) -> None:
        """Merge ``other`` into ``i``'s group: the smaller into the larger."""
        big, small = self.of[i], other
        if small.size > big.size:
            big, small = small, big
        for t, members in small.by_sig.items():
            into = big.by_sig.setdefault(t, [])
            for j in members:
                bisect.insort(into, j)
                self.of[j] = big
            del self.holders[t][small]
            self.holders[t][big] = None
        big.size += small.size


def _given_names(m: _PersonMention) -> bool:
    """A full name: a given name besides the surname (an initial does not count)."""
    return len(m.tokens) >= 2 and len(m.tokens[0]) > 2


def _same_names(a: _PersonMention, b: _PersonMention, judgements: Judgements) -> tuple[bool, str, bool]:
    """May ``a`` and ``b`` be one person by their names: (verdict, why, whether a judgement gave it)?
    The verdict is symmetric (``_cluster_people`` relies on it); the reason names ``a`` first.

    Two mentions are one person when their names agree and (unless a judgement says so) their states
    do too (``_states_agree``).
    """
    verdict = judgements.verdict(a.latin, b.latin)
    if verdict is not None:
        return verdict, f"judgement: {a.latin!r} {'=' if verdict else '≠'} {b.latin!r}", True
    cross_script = False
    if not same_surname_tokens(a.tokens, b.tokens):
        # a foreign name transcribed into Cyrillic and back ("Антонио Таяни" → "Antonio Tayani") keeps
        # its consonants: accept when every word agrees phonetically and both names are full
        ka, kb = phonetic_key(a.official.name), phonetic_key(b.official.name)
        if not (a.official.lang != b.official.lang and len(ka) >= 2 and ka == kb):
            return False, "", False
        cross_script = True
    score = sum(1 for x, y in zip(a.tokens, b.tokens) if similar_word(x, y))
    rule = "same name" if name_key(a.latin) == name_key(b.latin) else ("transcription" if cross_script else "spelling variant")
    return True, f"{rule}: {a.latin!r} = {b.latin!r} ({score}/{max(len(a.tokens), len(b.tokens))} words)", False


def _states_agree(a: OfficialMention, b: OfficialMention) -> bool:
    """Neither two different states, nor a state's official and an international one of the same state."""
    if a.country and b.country:
        return a.country == b.country and a.international == b.international
    return True


def _persons(clusters: list[list[int]], mentions: list[_PersonMention], reasons: dict[int, list[str]]) -> tuple[list[Person], dict[tuple[str, str], str]]:
    persons: list[Person] = []
    person_of: dict[tuple[str, str], str] = {}
    for n, members in enumerate(clusters):
        ms = [mentions[i] for i in members]
        name = _display_name(ms)
        full_keys = sorted(name_key(m.latin) for m in ms if _given_names(m)) or sorted(name_key(m.latin) for m in ms)
        pid = stable_id("person", full_keys[0])
        aliases: list[str] = []
        for m in sorted(ms, key=lambda m: (m.dispatch.date or "", m.item)):
            for form in [m.official.name, m.latin, *m.official.aliases]:
                if form and form != name and form not in aliases:
                    aliases.append(form)
        votes = Counter(m.official.country for m in ms if m.official.country)
        country = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0] if votes else None
        dates = sorted(m.dispatch.date for m in ms if m.dispatch.date)
        roles: list[str] = []
        for m in ms:
            for r in m.official.roles:
                r = re.sub(r"^(?:the|The)\s+", "", r)
                if r not in roles:
                    roles.append(r)
        accredited = sorted({m.official.accredited_to for m in ms if m.official.accredited_to})
        files: list[str] = sorted({f for m in ms for f in (m.dispatch.file, *(_name(s) for s in m.dispatch.sources))})
        persons.append(Person(
            id=pid, name=name, aliases=aliases, roles=roles, country=country, accredited_to=accredited,
            international=all(m.official.international for m in ms) and not country,
            files=files, dispatches=sorted({m.item for m in ms}),
            first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
            mentions=sum(max(1, len(m.official.spans)) for m in ms), merges=sorted(set(reasons.get(n, []))),
        ))
        for m in ms:
            person_of[(m.item, m.key)] = pid
    _dedupe_ids(persons, person_of)
    # in order of first appearance (file, item, position), as a reader meets them; ids break ties
    first: dict[str, tuple] = {}
    for m in mentions:
        pid = person_of[(m.item, m.key)]
        pos = (m.dispatch.file, m.dispatch.index, m.official.spans[0].start if m.official.spans else 0)
        if pid not in first or pos < first[pid]:
            first[pid] = pos
    persons.sort(key=lambda p: (first.get(p.id, ("", 0, 0)), p.id))
    return persons, person_of


def _name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]


def _dedupe_ids(persons: list[Person], person_of: dict[tuple[str, str], str]) -> None:
    """Two people with one name key (kept apart by their states) get distinct, still stable ids."""
    seen: Counter[str] = Counter()
    keys_of: dict[str, list[tuple[str, str]]] = defaultdict(list)   # person_of inverted: no scan per duplicate
    for k, v in person_of.items():
        keys_of[v].append(k)
    for p in sorted(persons, key=lambda p: (p.id, p.country or "", p.name)):
        seen[p.id] += 1
        if seen[p.id] > 1:
            new = stable_id("person", f"{p.id}/{p.country or ''}/{p.name}")
            items = set(p.dispatches)
            moved = [k for k in keys_of[p.id] if k[0] in items]
            keys_of[p.id] = [k for k in keys_of[p.id] if k[0] not in items]
            for k in moved:
                person_of[k] = new
            keys_of[new].extend(moved)
            p.id = new


def _display_name(ms: list[_PersonMention]) -> str:
    """The best-attested clean full name: a full name (given name and surname) before a surname, the
    English press's spelling before a romanisation, the name more mentions carry (once cleaned) before
    a rarer one, a name its mentions carry as written (nothing cut from it) before one cut from a run,
    then two or three words before more, then the longer."""
    keys = Counter(name_key(m.latin) for m in ms)
    as_written = Counter(name_key(m.latin) for m in ms if _as_written(m))
    spellings = Counter(m.latin for m in ms if m.latin == m.official.name)

    def rank(m: _PersonMention) -> tuple:
        key = name_key(m.latin)
        latin_source = m.official.lang == "en" and m.latin == romanize(m.official.name) or m.latin in spellings
        return (_given_names(m), latin_source, keys[key], as_written[key], spellings[m.latin],
                -max(0, len(m.tokens) - 3), len(m.tokens), len(m.latin), m.latin)

    return max(ms, key=rank).latin


def _as_written(m: _PersonMention) -> bool:
    """Did the mention carry its name as it is (no title, organisation or other words cut from it)?"""
    return name_key(m.latin) == name_key(romanize(nominative(m.official.name)))


def _member_key(official_key: str, institution: str) -> str:
    return f"{official_key}|{institution}"


# ---------------------------------------------------------------------------- institutions


def _institution_key(name: str, country: str | None) -> tuple[str, str, str | None, bool]:
    c = canonical(name, country)
    return c.key, c.name, c.country, c.international


def _institutions(items: list[tuple[Dispatch, ItemExtraction]]) -> tuple[list[Institution], dict[tuple[str, str], str]]:
    by_key: dict[str, dict] = {}
    inst_of: dict[tuple[str, str], str] = {}
    for d, ex in items:
        entries = [(i.key, i.name, i.country, i.international, i.acronym, len(i.spans)) for i in ex.institutions]
        for o in ex.officials:
            for name in o.institutions:
                # keyed by the official too: "Ministry of Foreign Affairs" of two ministers of one item are two ministries
                entries.append((_member_key(o.key, name), name, o.country if not o.international else None, o.international, None, 1))
        for local, name, country, international, acronym, n in entries:
            key, display, country, io = _institution_key(name, country)
            international = international or io
            entry = by_key.setdefault(key, {"names": Counter(), "aliases": set(), "country": Counter(), "international": False,
                                            "acronym": acronym, "files": set(), "dispatches": set(), "mentions": 0})
            entry["names"][display] += 1
            if name != display:
                entry["aliases"].add(name)
            if country:
                entry["country"][country] += 1
            entry["international"] |= international or key.startswith("io:")
            entry["acronym"] = entry["acronym"] or acronym or canonical(name, country).acronym
            entry["files"].add(d.file)
            entry["dispatches"].add(d.id)
            entry["mentions"] += n
            inst_of[(d.id, local)] = stable_id("inst", key)
    institutions = []
    for key, e in sorted(by_key.items()):
        name = max(e["names"].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        country = None if e["international"] else (max(e["country"].items(), key=lambda kv: (kv[1], kv[0]))[0] if e["country"] else None)
        institutions.append(Institution(
            id=stable_id("inst", key), name=name, acronym=e["acronym"], aliases=sorted(e["aliases"] | (set(e["names"]) - {name})),
            country=country, international=e["international"], files=sorted(e["files"]), dispatches=sorted(e["dispatches"]),
            mentions=e["mentions"]))
    return institutions, inst_of


# ---------------------------------------------------------------------------- countries


def _countries(items, persons: list[Person], institutions: list[Institution]) -> list[Country]:
    gz = gazetteer()
    files: dict[str, set[str]] = defaultdict(set)
    dispatches: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for d, ex in items:
        for iso, _span in ex.country_spans:
            mentions[iso] += 1
            files[iso].add(d.file)
            dispatches[iso].add(d.id)
    for p in persons:
        for iso in [p.country, *p.accredited_to]:
            if iso:
                files[iso].update(p.files)
                dispatches[iso].update(p.dispatches)
    for i in institutions:
        if i.country:
            files[i.country].update(i.files)
            dispatches[i.country].update(i.dispatches)
    out = []
    for iso in sorted(files):
        out.append(Country(id=f"country-{iso}", iso=iso, name=gz.display(iso), name_ru=gz.names_ru.get(iso),
                           files=sorted(files[iso]), dispatches=sorted(dispatches[iso]), mentions=mentions[iso]))
    return out


# ---------------------------------------------------------------------------- encounters and affiliations


def _reports(items, person_of, inst_of) -> tuple[list[Report], dict[str, ParticipantType]]:
    """One report per item and pair (an item that reports the pair again, saying it was another
    meeting, gives a second one), with the participants' types."""
    out: dict[str, Report] = {}
    types: dict[str, ParticipantType] = {}
    for d, ex in items:
        seen: dict[str, int] = {}
        for it in ex.interactions:
            ends = []
            for part in (it.a, it.b):
                table = person_of if part.type == "person" else inst_of
                ends.append(table.get((d.id, part.key)))
            if None in ends or ends[0] == ends[1]:
                continue
            a, b = ends
            pair = f"{d.id}|{min(a, b)}|{max(a, b)}"
            n = seen.get(pair, 0)
            if n and not (says_two_meetings(it.evidence) and all(r.evidence != it.evidence for r in out.values() if r.dispatch_id == d.id)):
                continue   # talks, then a dinner: the item reports one encounter of the pair
            seen[pair] = n + 1
            rid = stable_id("e", pair if n == 0 else f"{pair}|{n}")
            types[a], types[b] = it.a.type, it.b.type
            out[rid] = Report(id=rid, kind=it.kind, a=a, b=b, date=d.date, dispatch_id=d.id, file=d.file,
                              evidence=it.evidence, direction=it.direction, headline=d.headline, trigger=it.trigger,
                              lang=d.lang, url=str(getattr(d, "url", "") or ""), date_source=d.date_source,
                              files=(d.file, *(_name(s) for s in d.sources)))
    return sorted(out.values(), key=lambda r: (r.date or "", r.dispatch_id, r.id)), types


def _near_dates(items) -> dict[str, str]:
    """For each undated item, the date of the nearest dated item of its file (none if the file has none)."""
    by_file: dict[str, list[tuple[int, str | None, str]]] = defaultdict(list)
    for d, _ex in items:
        by_file[d.file].append((d.index, d.date, d.id))
    out = {}
    for rows in by_file.values():
        dated = [(i, date) for i, date, _ in rows if date]
        for i, date, did in rows:
            if not date and dated:
                out[did] = min(dated, key=lambda x: (abs(x[0] - i), x[0]))[1]
    return out


def _affiliations(persons, institutions, mentions: list[_PersonMention], clusters, person_of, inst_of):
    out = []
    for m in mentions:
        pid = person_of.get((m.item, m.key))
        if pid is None:
            continue
        o = m.official
        sentence = _sentence(m.dispatch.text, o.spans[0].start if o.spans else 0)
        if o.country:
            out.append((pid, "serves", f"country-{o.country}", m.item, m.dispatch.file, sentence))
        if o.accredited_to:
            out.append((pid, "accredited_to", f"country-{o.accredited_to}", m.item, m.dispatch.file, sentence))
        for name in o.institutions:
            iid = inst_of.get((m.item, _member_key(m.key, name)))
            if iid:
                out.append((pid, "member_of", iid, m.item, m.dispatch.file, sentence))
    for inst in institutions:
        if inst.country and not inst.international:
            out.append((inst.id, "based_in", f"country-{inst.country}", inst.dispatches[0] if inst.dispatches else "", inst.files[0] if inst.files else "", ""))
    return sorted(set(out))


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos) + 2 if text.rfind(". ", 0, pos) >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()
