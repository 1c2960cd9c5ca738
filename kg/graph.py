"""Build the networkx graph from resolved entities.

Graph schema (``nx.MultiDiGraph``):

Nodes, keyed by stable ids, each with ``type`` and ``label``:

* ``person-…``: ``type="person"``, ``name``, ``aliases`` (list), ``roles`` (list), ``country`` (ISO or
  None), ``accredited_to`` (list of ISO), ``institutions`` (list of node ids), ``international`` (bool),
  ``files``, ``dispatches`` (lists), ``first_seen``/``last_seen`` (ISO dates), ``mentions`` (int),
  ``interactions`` (int: encounters the person took part in), ``merges`` (list: why spellings were merged).
* ``country-XX``: ``type="country"``, ``iso``, ``name``, ``name_ru``, ``flag`` (emoji), ``mentions``.
* ``inst-…``: ``type="institution"``, ``name``, ``acronym``, ``aliases``, ``country``,
  ``international``, ``mentions``, ``interactions``.

Edges, keyed by stable strings, each with ``type``:

* ``interaction`` (person/institution → person/institution), one per **encounter** (one real-world
  meeting, call, message or event, however many items reported it; keyed by the encounter id):
  ``kind`` (meeting | call | message | event), ``date``, ``direction`` (``host``: source hosted
  target; ``sender``: source wrote to target; ``mutual``), and of its first report ``dispatch_id``,
  ``file``, ``evidence`` (the sentence), ``headline``, ``trigger``; then ``reports`` (int: how many
  items reported it) and, one entry per report in date order, ``report_ids``, ``report_dates``,
  ``report_dispatches``, ``report_files``, ``report_urls``, ``report_langs``, ``report_evidence``;
  ``merges`` (list: why the reports were taken for one encounter).
  Repeat encounters stay separate edges; the viewer collapses them when it draws.
* ``serves`` (person → country), ``member_of`` (person → institution), ``accredited_to`` (person →
  country), ``based_in`` (institution → country): ``dispatch_id``, ``file``, ``evidence`` of the first
  statement, and ``count`` of statements.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.gcpause import gc_paused
from kg.model import Dispatch, Resolution

NODE_TYPES = ("person", "country", "institution")
EDGE_TYPES = ("interaction", "serves", "member_of", "accredited_to", "based_in")
INTERACTION_KINDS = ("meeting", "call", "message", "event")


def flag(iso: str) -> str:
    """The emoji flag of an ISO alpha-2 code (regional indicator letters)."""
    if len(iso) != 2 or not iso.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in iso.upper())


@gc_paused()
def build_graph(resolution: Resolution, dispatches: list[Dispatch] | None = None) -> nx.MultiDiGraph:
    """Nodes for every person, country and institution; edges for encounters and affiliations."""
    g = nx.MultiDiGraph(kg_schema=1, items=len(dispatches or []))
    degree: Counter[str] = Counter()
    for e in resolution.encounters:
        degree[e.a] += 1
        degree[e.b] += 1
    for c in resolution.countries:
        g.add_node(c.id, type="country", label=c.name, iso=c.iso, name=c.name, name_ru=c.name_ru,
                   flag=flag(c.iso), mentions=c.mentions, files=list(c.files), dispatches=list(c.dispatches))
    for i in resolution.institutions:
        g.add_node(i.id, type="institution", label=i.acronym or i.name, name=i.name, acronym=i.acronym,
                   aliases=list(i.aliases), country=i.country, international=i.international,
                   mentions=i.mentions, interactions=degree[i.id], files=list(i.files), dispatches=list(i.dispatches))
    for p in resolution.persons:
        g.add_node(p.id, type="person", label=p.name, name=p.name, aliases=list(p.aliases), roles=list(p.roles),
                   country=p.country, accredited_to=list(p.accredited_to), institutions=list(p.institutions),
                   international=p.international, files=list(p.files), dispatches=list(p.dispatches),
                   first_seen=p.first_seen, last_seen=p.last_seen, mentions=p.mentions,
                   interactions=degree[p.id], merges=list(p.merges))
    for e in resolution.encounters:
        for end in (e.a, e.b):
            if end not in g:
                raise ValueError(f"encounter {e.id} names unknown entity {end}")
        reports = e.report_list()
        g.add_edge(e.a, e.b, key=e.id, type="interaction", kind=e.kind, date=e.date, dispatch_id=e.dispatch_id,
                   file=e.file, evidence=e.evidence, direction=e.direction, headline=e.headline, trigger=e.trigger,
                   reports=len(reports), report_ids=[r.id for r in reports], report_dates=[r.date or "" for r in reports],
                   report_dispatches=[r.dispatch_id for r in reports], report_files=[r.file for r in reports],
                   report_urls=[r.url for r in reports], report_langs=[r.lang for r in reports],
                   report_evidence=[r.evidence for r in reports], merges=list(e.merges))
    _add_affiliations(g, resolution)
    return g


def _add_affiliations(g: nx.MultiDiGraph, resolution: Resolution) -> None:
    first: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    count: Counter[tuple[str, str, str]] = Counter()
    for source, relation, target, dispatch_id, file, sentence in resolution.affiliations:
        if source not in g or target not in g:
            continue
        key = (source, relation, target)
        count[key] += 1
        first.setdefault(key, (dispatch_id, file, sentence))
    for (source, relation, target), (dispatch_id, file, sentence) in sorted(first.items()):
        g.add_edge(source, target, key=f"{relation}:{source}:{target}", type=relation, dispatch_id=dispatch_id,
                   file=file, evidence=sentence, count=count[(source, relation, target)])


# ---------------------------------------------------------------------------- export-safe copies


def export_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML/GEXF writers accept: no ``None``, lists joined with ``|``, only str/int/float/bool."""
    h = nx.MultiDiGraph()
    h.graph.update({k: _safe(v) for k, v in g.graph.items()})
    for n, data in g.nodes(data=True):
        h.add_node(n, **{k: _safe(v) for k, v in data.items()})
    for u, v, k, data in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _safe(b) for a, b in data.items()})
    _fill_missing(h)
    return h


def _safe(value: Any) -> Any:
    if type(value) is str:   # most values: the one test they need
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(map(str, value))
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _fill_missing(h: nx.MultiDiGraph) -> None:
    """GraphML declares one type per key: give every node/edge every key, with an empty default."""
    _fill([data for _, data in h.nodes(data=True)])
    _fill([data for _, _, data in h.edges(data=True)])


def _fill(records: list[dict[str, Any]]) -> None:
    """Every key of any record in each record (in order of first appearance), defaulting to its first
    value's type's empty value. Records come in a few shapes (a node type, an edge type): each shape's
    first record says everything new it brings, and its missing keys are listed once."""
    defaults: dict[str, Any] = {}
    shapes: dict[tuple[str, ...], list[tuple[str, Any]]] = {}
    for data in records:
        if tuple(data) not in shapes:
            shapes[tuple(data)] = []
            for k, v in data.items():
                defaults.setdefault(k, type(v)())
    for shape in shapes:
        shapes[shape] = [(k, default) for k, default in defaults.items() if k not in shape]
    for data in records:
        data.update(shapes[tuple(data)])
