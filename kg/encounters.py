"""Merge the reports of one real-world encounter into one ``Encounter``.

Both sides' ministries and several outlets, in English and Russian, report the same meeting; each
report names the same two resolved entities. Reports are one encounter when their pair is the same
(in either order), their kinds agree and their dates fit how news lags (``kg/data/encounters.yaml``:
the rule and its window). Every merge records why, and judgements (report ids said to be one
encounter, or not) override the rule.

The encounter's id hashes its pair, kind and date, so it stays the same when another outlet's
report of it is added to the corpus.
"""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

from kg.data import load_yaml
from kg.model import Encounter, ParticipantType, Report

log = logging.getLogger(__name__)

RULES_FILE = "encounters.yaml"


@dataclass(frozen=True, slots=True)
class EncounterRules:
    """The rule of ``kg/data/encounters.yaml``."""

    window_days: int = 2
    compatible_kinds: tuple[tuple[str, str], ...] = ()
    separate_markers: tuple[str, ...] = ()

    def kind_class(self, kind: str) -> str:
        """The kind that stands for ``kind`` and every kind compatible with it (the first of its pair)."""
        for first, second in self.compatible_kinds:
            if kind in (first, second):
                return first
        return kind


@lru_cache(maxsize=1)
def rules() -> EncounterRules:
    """The rule of the data file; a malformed file is an error that names it and the cause."""
    data = load_yaml(RULES_FILE) or {}
    where = f"kg/data/{RULES_FILE}"
    window = data.get("window_days", 2)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise ValueError(f"{where}: window_days must be a whole number of days ≥ 0, got {window!r}")
    pairs = []
    for pair in data.get("compatible_kinds") or []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(k, str) for k in pair)):
            raise ValueError(f"{where}: each entry of compatible_kinds must be a pair of kinds, got {pair!r}")
        pairs.append((pair[0], pair[1]))
    markers = [m.lower() for lang in (data.get("separate_markers") or {}).values() for m in lang or []]
    return EncounterRules(window_days=window, compatible_kinds=tuple(pairs), separate_markers=tuple(markers))


@dataclass(slots=True)
class EncounterJudgements:
    """Reports (by id) said to be one encounter, or two."""

    same: set[frozenset[str]] = field(default_factory=set)
    different: set[frozenset[str]] = field(default_factory=set)


def stable_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def says_two_meetings(evidence: str, markers: Iterable[str] | None = None) -> bool:
    """Does a sentence say that this was another meeting of the same pair (``met again``, ``вторая встреча``)?"""
    text = " ".join(evidence.lower().split())
    return any(m in text for m in (rules().separate_markers if markers is None else markers))


def merge_reports(
    reports: list[Report], types: dict[str, ParticipantType], judgements: EncounterJudgements | None = None,
    near_dates: dict[str, str] | None = None,
) -> list[Encounter]:
    """Group ``reports`` into encounters (see the module docstring).

    ``types`` gives each entity id its participant type; ``near_dates`` gives an undated item (by
    dispatch id) the date of the nearest dated item of its file, so that its report joins the
    encounter nearest that date. Encounters come sorted by date (undated last), then id.
    """
    r = rules()
    judgements = judgements or EncounterJudgements()
    groups: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for rep in reports:
        a, b = sorted((rep.a, rep.b))
        groups[(a, b, r.kind_class(rep.kind))].append(rep)
    clusters: list[list[Report]] = []
    why: dict[int, list[str]] = defaultdict(list)
    for key in sorted(groups):
        for members, reasons in _by_date(groups[key], r, judgements, near_dates or {}):
            why[len(clusters)] = reasons
            clusters.append(members)
    clusters, why = _join(clusters, why, judgements)
    out = [_encounter(members, types, why[n]) for n, members in enumerate(clusters)]
    _dedupe(out)
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.id))


def _by_date(reports: list[Report], r: EncounterRules, judgements: EncounterJudgements,
             near_dates: dict[str, str]) -> list[tuple[list[Report], list[str]]]:
    """One pair and kind's reports in encounters: each dated report joins the open encounter when it
    is at most ``window_days`` after that encounter's first report; undated ones join the nearest."""
    dated = sorted((rep for rep in reports if _day(rep.date) is not None), key=lambda rep: (rep.date, rep.id))
    undated = sorted((rep for rep in reports if _day(rep.date) is None), key=lambda rep: rep.id)
    out: list[tuple[list[Report], list[str]]] = []
    for rep in dated:
        placed = False
        for members, reasons in reversed(out):
            first = members[0]
            gap = (_day(rep.date) - _day(first.date)).days  # type: ignore[operator]
            if gap > r.window_days:
                break
            if _split(rep, members, judgements) or _second_meeting(rep, members):
                continue
            reasons.append(f"same pair, {_kinds(first, rep)}, {_gap(gap)} "
                           f"(≤ {r.window_days}): {rep.id} ({rep.file}, {rep.date}) = {first.id} ({first.file}, {first.date})")
            members.append(rep)
            placed = True
            break
        if not placed:
            out.append(([rep], []))
    for rep in undated:
        ref = _day(near_dates.get(rep.dispatch_id))
        candidates = [(members, reasons) for members, reasons in out
                      if not _split(rep, members, judgements) and not _second_meeting(rep, members)]
        if not candidates:
            out.append(([rep], []))
            continue
        if ref is not None:
            candidates_dated = [c for c in candidates if _day(c[0][0].date) is not None]
            if not candidates_dated:
                ref = None
            else:
                candidates = candidates_dated
        if ref is None:
            members, reasons = max(candidates, key=lambda c: (len(c[0]), [-_day(m.date).toordinal() for m in c[0][:1] if _day(m.date)]))
            note = "no date of its own nor in its file: joins the pair's most reported encounter"
        else:
            members, reasons = min(candidates, key=lambda c: (abs((_day(c[0][0].date) - ref).days), c[0][0].date))  # type: ignore[operator]
            note = f"no date of its own: joins the encounter nearest {ref.isoformat()} (its file's dated items)"
        reasons.append(f"same pair, {_kinds(members[0], rep)}, {note}: {rep.id} ({rep.file}) = {members[0].id}")
        members.append(rep)
    return out


def _join(clusters: list[list[Report]], why: dict[int, list[str]], judgements: EncounterJudgements
          ) -> tuple[list[list[Report]], dict[int, list[str]]]:
    """Encounters whose reports a judgement says are one are merged (unless another says they are not)."""
    if not judgements.same:
        return clusters, why
    where = {rep.id: n for n, members in enumerate(clusters) for rep in members}
    parent = list(range(len(clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    notes: dict[int, list[str]] = defaultdict(list)
    for pair in sorted(judgements.same, key=sorted):
        ids = sorted(pair)
        if len(ids) != 2 or ids[0] not in where or ids[1] not in where:
            continue
        x, y = find(where[ids[0]]), find(where[ids[1]])
        if x == y:
            continue
        a, b = clusters[x][0], clusters[y][0]
        if sorted((a.a, a.b)) != sorted((b.a, b.b)):
            log.warning("judgements: reports %s and %s are not of the same pair; not joined", ids[0], ids[1])
            continue
        joined = [*clusters[x], *clusters[y]]
        if any(_split(rep, joined, judgements) for rep in joined):
            log.warning("judgements: %s and %s are said to be one encounter and, through others, two; kept apart", *ids)
            continue
        parent[max(x, y)] = min(x, y)
        clusters[min(x, y)] = joined
        notes[min(x, y)] += [*notes.pop(max(x, y), []), *why[max(x, y)], f"judgement: {ids[0]} = {ids[1]}"]
    out, reasons = [], {}
    for n, members in enumerate(clusters):
        if find(n) == n:
            reasons[len(out)] = [*why[n], *notes.get(n, [])]
            out.append(members)
    return out, reasons


def _split(rep: Report, members: list[Report], judgements: EncounterJudgements) -> bool:
    """Is ``rep`` said (by a judgement) to be another encounter than one of ``members``?"""
    return bool(judgements.different) and any(frozenset((rep.id, m.id)) in judgements.different
                                              for m in members if m.id != rep.id)


def _second_meeting(rep: Report, members: list[Report]) -> bool:
    """The same item reports the pair twice and says there were two meetings."""
    return any(m.dispatch_id == rep.dispatch_id for m in members) and says_two_meetings(rep.evidence)


def _encounter(members: list[Report], types: dict[str, ParticipantType], reasons: list[str]) -> Encounter:
    members = sorted(members, key=lambda rep: (rep.date is None, rep.date or "", rep.id))
    # the orientation and kind of the first report that says who hosted or wrote, else of the first
    lead = next((rep for rep in members if rep.direction != "mutual"), members[0])
    first = members[0]
    kinds = [rep.kind for rep in members]
    kind = first.kind if len(set(kinds)) == 1 else rules().kind_class(first.kind)
    date = first.date if _day(first.date) is not None else None
    a, b = sorted((lead.a, lead.b))
    return Encounter(id=stable_id("enc", f"{a}|{b}|{kind}|{date or ''}"), kind=kind, a=lead.a, b=lead.b,  # type: ignore[arg-type]
                     a_type=types[lead.a], b_type=types[lead.b], date=date, dispatch_id=first.dispatch_id,
                     file=first.file, evidence=first.evidence, direction=lead.direction, headline=first.headline,
                     trigger=first.trigger, reports=members, merges=reasons)


def _dedupe(encounters: list[Encounter]) -> None:
    """Two encounters of one pair, kind and date (kept apart by a judgement or the item's words) get
    distinct ids, still stable: the later one's id also hashes its first report's."""
    seen: set[str] = set()
    for e in sorted(encounters, key=lambda e: (e.id, e.reports[0].id)):
        if e.id in seen:
            e.id = stable_id("enc", f"{e.id}|{e.reports[0].id}")
        seen.add(e.id)


def _day(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _gap(days: int) -> str:
    return "the same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"


def _kinds(a: Report, b: Report) -> str:
    return a.kind if a.kind == b.kind else f"{a.kind} ~ {b.kind}"
