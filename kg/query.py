"""Ask a built graph questions from a notebook: answers are pandas tables or networkx subgraphs.

``KnowledgeGraph`` wraps the ``nx.MultiDiGraph`` of ``kg.graph`` (its schema is in that module's
docstring). Make one with ``kg.load("output")`` (a finished build's ``graph.json``),
``kg.build(["seeds"])`` (runs the pipeline in memory) or ``example()`` (a tiny built-in graph, used
by the examples below). Names are found forgivingly (``kg.lookup``): any alias, Latin or Cyrillic,
any case or accent, a surname alone when it is unambiguous; an unknown name raises
``UnknownEntity`` (a ``KeyError``) listing the closest names.

>>> kgraph = example()
>>> kgraph
<KnowledgeGraph: 5 officials, 1 institutions, 4 countries, 6 encounters (7 reports)>
>>> kgraph.find("Айгерим Нурланова") == kgraph.find("nurlanova")
True
"""
from __future__ import annotations

import html as html_lib
import json
import os
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import networkx as nx
import pandas as pd

from kg.graph import INTERACTION_KINDS, build_graph
from kg.lookup import AmbiguousEntity, NameIndex, UnknownEntity, country_index

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

__all__ = ["KnowledgeGraph", "UnknownEntity", "AmbiguousEntity", "load", "build", "example", "iframe"]

PARTIES = ("person", "institution")     # node types that take part in encounters
AFFILIATIONS = ("serves", "member_of", "accredited_to", "based_in")
DateLike: TypeAlias = "str | pd.Timestamp | None"

INTERACTION_COLUMNS = [
    "date", "kind", "source", "target", "source_country", "target_country", "direction", "reports",
    "source_type", "target_type", "source_id", "target_id", "id", "dispatch_id", "file", "headline",
    "trigger", "evidence",
]
CONTACT_COLUMNS = [
    "date", "kind", "contact", "contact_type", "contact_country", "role", "reports", "contact_id", "id",
    "dispatch_id", "file", "headline", "evidence",
]
PAIR_COLUMNS = [
    "date", "kind", "a", "b", "a_country", "b_country", "a_role", "reports", "a_id", "b_id", "id",
    "dispatch_id", "file", "headline", "evidence",
]
REPORT_COLUMNS = [
    "encounter", "date", "kind", "source", "target", "lang", "file", "url", "evidence", "report_id", "dispatch_id",
]
HOP_COLUMNS = ["step", "from", "to", "relation", "date", "encounters", "from_id", "to_id", "dispatch_id", "evidence"]
# how the first side of an edge took part, by the edge's ``direction``, and how the other side did
ROLES = {"host": ("host", "guest"), "sender": ("sender", "recipient")}


class KnowledgeGraph:
    """A built contacts graph with table-shaped questions on top (see the module docstring)."""

    def __init__(self, graph: nx.MultiDiGraph, result: BuildResult | None = None) -> None:
        self.graph = graph
        self.result = result    # the pipeline's BuildResult (dispatches, reports) when built here

    # ------------------------------------------------------------------ making one

    @classmethod
    def load(cls, path: str | os.PathLike[str] = "output") -> KnowledgeGraph:
        """Read a build's ``graph.json`` (``path`` is the output folder or the file itself)."""
        from kg.export import load_graph_json

        file = Path(path)
        if file.is_dir():
            file = file / "graph.json"
        if not file.exists():
            raise FileNotFoundError(f"{file}: no graph here; run `kg build` first (it writes graph.json)")
        return cls(load_graph_json(json.loads(file.read_text(encoding="utf-8"))))

    @classmethod
    def build(cls, paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("seeds",),
              out: str | os.PathLike[str] | None = None, **kwargs: Any) -> KnowledgeGraph:
        """Run the pipeline over ``paths`` (files or folders); ``out=None`` writes nothing."""
        from kg.pipeline import build as run

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        result = run(list(paths), out, **kwargs)
        if result.graph is None:
            raise RuntimeError(f"the pipeline read {len(result.dispatches)} dispatches but built no graph")
        return cls(result.graph, result)

    @classmethod
    def example(cls) -> KnowledgeGraph:
        """A tiny deterministic graph with made-up officials, for examples and tests."""
        return cls(build_graph(_example_resolution()))

    def __repr__(self) -> str:
        types = Counter(t for _, t in self.graph.nodes(data="type"))
        return (f"<KnowledgeGraph: {types['person']} officials, {types['institution']} institutions, "
                f"{types['country']} countries, {len(self._interactions)} encounters "
                f"({int(self._interactions['reports'].sum())} reports)>")

    # ------------------------------------------------------------------ names

    def find(self, name: str, type: str | None = None) -> str:
        """The node id of the person or institution ``name`` (any alias or script) names.

        >>> kg_ = example()
        >>> kg_.find("Serik Bekov"), kg_.find("СЕРИК БЕКОВ"), kg_.find("Bekov"), kg_.find("FPI")
        ('person-bekov', 'person-bekov', 'person-bekov', 'inst-fpi')
        >>> kg_.find("Bekova"), kg_.find("Tam")  # small typos are forgiven when one name is clearly meant
        ('person-bekov', 'person-tamm')
        >>> kg_.find("Petrov")
        Traceback (most recent call last):
        ...
        kg.lookup.UnknownEntity: unknown person or institution 'Petrov'; closest: Pieter Janssens (person, BE), ...
        """
        if type is not None and type not in PARTIES:
            raise ValueError(f"type must be one of {PARTIES}, not {type!r}")
        if name in self.graph and self.graph.nodes[name].get("type") in ((type,) if type else PARTIES):
            return name
        return self._names[type or "any"].find(name)

    def country(self, name: str) -> str:
        """The ISO code of a country given by code, English or Russian name.

        >>> kg_ = example()
        >>> kg_.country("kz"), kg_.country("Belgium"), kg_.country("Япония"), kg_.country("country-EE")
        ('KZ', 'BE', 'JP', 'EE')
        """
        if name in self.graph and self.graph.nodes[name].get("type") == "country":
            return str(self.graph.nodes[name]["iso"])
        return self._countries.find(name)

    def entity(self, name: str) -> dict[str, Any]:
        """Everything the graph holds on one person or institution, with its ``id``."""
        node = self.find(name)
        return {"id": node, **self.graph.nodes[node]}

    # ------------------------------------------------------------------ tables of entities

    def officials(self, country: str | None = None) -> pd.DataFrame:
        """Every person, or those serving ``country``: name, country, roles, institutions, activity.

        >>> print(example().officials("KZ")[["name", "country", "roles", "interactions"]].to_string())
                        name country                                  roles  interactions
        0  Aigerim Nurlanova      KZ  [Ambassador of Kazakhstan to Belgium]             3
        1        Serik Bekov      KZ          [Minister of Foreign Affairs]             4
        """
        iso = self.country(country) if country is not None else None
        rows = []
        for node, data in self._nodes("person", iso):
            rows.append({
                "id": node, "name": data.get("name") or data.get("label"), "country": self._country_of(node),
                "roles": list(data.get("roles") or []), "institutions": self._institution_names(node),
                "accredited_to": list(data.get("accredited_to") or []),
                "international": bool(data.get("international")), "aliases": list(data.get("aliases") or []),
                "interactions": self._encounter_count[node], "first_seen": data.get("first_seen"),
                "last_seen": data.get("last_seen"), "mentions": data.get("mentions", 0),
            })
        columns = ["name", "country", "roles", "institutions", "accredited_to", "international", "aliases",
                   "interactions", "first_seen", "last_seen", "mentions", "id"]
        return _frame(rows, columns, sort=["name", "id"])

    def institutions(self, country: str | None = None) -> pd.DataFrame:
        """Every institution, or those of ``country``.

        >>> example().institutions()[["name", "acronym", "country", "interactions"]]
                               name acronym country  interactions
        0  Flemish Policy Institute     FPI      BE             1
        """
        iso = self.country(country) if country is not None else None
        rows = []
        for node, data in self._nodes("institution", iso):
            rows.append({
                "id": node, "name": data.get("name") or data.get("label"), "acronym": data.get("acronym"),
                "country": self._country_of(node), "international": bool(data.get("international")),
                "aliases": list(data.get("aliases") or []), "interactions": self._encounter_count[node],
                "mentions": data.get("mentions", 0),
            })
        columns = ["name", "acronym", "country", "international", "aliases", "interactions", "mentions", "id"]
        return _frame(rows, columns, sort=["name", "id"])

    def countries(self) -> pd.DataFrame:
        """Every country: names, flag, how many officials serve it and encounters involve it.

        >>> example().countries()[["iso", "name", "name_ru", "officials", "interactions"]]
          iso        name    name_ru  officials  interactions
        0  KZ  Kazakhstan  Казахстан          2             6
        1  BE     Belgium    Бельгия          1             2
        2  EE     Estonia    Эстония          1             2
        3  JP       Japan     Япония          1             1
        """
        officials = Counter(self._country_of(n) for n, _ in self._nodes("person"))
        encounters: Counter[str] = Counter()
        for row in _records(self._interactions):
            encounters.update(_states(row))
        rows = [{
            "iso": data.get("iso"), "name": data.get("name"), "name_ru": data.get("name_ru"),
            "flag": data.get("flag"), "officials": officials[str(data.get("iso"))],
            "interactions": encounters[str(data.get("iso"))], "mentions": data.get("mentions", 0), "id": node,
        } for node, data in self._nodes("country")]
        columns = ["iso", "name", "name_ru", "flag", "officials", "interactions", "mentions", "id"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(["interactions", "iso"], ascending=[False, True], ignore_index=True)

    # ------------------------------------------------------------------ tables of encounters

    def interactions(self, kind: str | Iterable[str] | None = None, country: str | None = None,
                     start: DateLike = None, end: DateLike = None) -> pd.DataFrame:
        """Every encounter (one row per edge), filtered by kind, a side's country and a date range.

        An encounter is one real-world meeting, call, message or event however many items reported
        it: ``reports`` counts them, and ``reports(id)`` lists them. ``start`` and ``end`` are
        inclusive; rows without a date drop out when either is given.

        >>> example().interactions(kind="meeting", country="BE")[["date", "source", "target"]]
                date             source                    target
        0 2026-02-24  Aigerim Nurlanova  Flemish Policy Institute
        1 2026-03-10  Aigerim Nurlanova           Pieter Janssens
        """
        frame = self._interactions
        if kind is not None:
            kinds = {kind} if isinstance(kind, str) else set(kind)
            if unknown := kinds - set(INTERACTION_KINDS):
                raise ValueError(f"unknown kind(s) {sorted(unknown)}; kinds are {INTERACTION_KINDS}")
            frame = frame[frame["kind"].isin(kinds)]
        if country is not None:
            iso = self.country(country)
            frame = frame[(frame["source_country"] == iso) | (frame["target_country"] == iso)]
        frame = _between(frame, start, end)
        return frame.reset_index(drop=True)

    def contacts(self, person: str) -> pd.DataFrame:
        """Everyone ``person`` met (any kind), with kind, date, role, dispatch and evidence.

        ``role`` is how ``person`` took part: host or guest, sender or recipient, else mutual.

        >>> example().contacts("Айгерим Нурланова")[["date", "kind", "contact", "role"]]
                date     kind                   contact    role
        0 2026-01-15  meeting               Serik Bekov   guest
        1 2026-02-24  meeting  Flemish Policy Institute  mutual
        2 2026-03-10  meeting           Pieter Janssens  mutual
        """
        node = self.find(person)
        rows = []
        for row in _records(self._interactions):
            if node not in (row["source_id"], row["target_id"]):
                continue
            first = row["source_id"] == node
            side = "target" if first else "source"
            rows.append({
                "date": row["date"], "kind": row["kind"], "contact": row[side], "contact_type": row[f"{side}_type"],
                "contact_country": row[f"{side}_country"], "role": _role(row["direction"], first),
                "reports": row["reports"], "contact_id": row[f"{side}_id"], "id": row["id"], "dispatch_id": row["dispatch_id"],
                "file": row["file"], "headline": row["headline"], "evidence": row["evidence"],
            })
        return _frame(rows, CONTACT_COLUMNS, sort=["date", "contact", "id"])

    def meetings_between(self, country_a: str, country_b: str, kind: str | Iterable[str] | None = None
                         ) -> pd.DataFrame:
        """Every encounter between officials or institutions of two states (ISO code, English or Russian name).

        Columns ``a``/``b`` are oriented: ``a`` is the side from ``country_a``.

        >>> example().meetings_between("Казахстан", "Estonia")[["date", "kind", "a", "b", "a_role"]]
                date     kind            a           b  a_role
        0 2026-02-25     call  Serik Bekov  Kadri Tamm  mutual
        1 2026-03-02  meeting  Serik Bekov  Kadri Tamm    host
        """
        iso_a, iso_b = self.country(country_a), self.country(country_b)
        rows = []
        for row in _records(self.interactions(kind=kind)):
            pair = (row["source_country"], row["target_country"])
            if pair not in ((iso_a, iso_b), (iso_b, iso_a)):
                continue
            first = pair[0] == iso_a
            a, b = ("source", "target") if first else ("target", "source")
            rows.append({
                "date": row["date"], "kind": row["kind"], "a": row[a], "b": row[b], "a_country": row[f"{a}_country"],
                "b_country": row[f"{b}_country"], "a_role": _role(row["direction"], first),
                "reports": row["reports"], "a_id": row[f"{a}_id"],
                "b_id": row[f"{b}_id"], "id": row["id"], "dispatch_id": row["dispatch_id"], "file": row["file"],
                "headline": row["headline"], "evidence": row["evidence"],
            })
        return _frame(rows, PAIR_COLUMNS, sort=["date", "a", "b", "id"])

    def reports(self, encounter: str | Iterable[str] | None = None) -> pd.DataFrame:
        """The items' reports of encounters (of one encounter id, or of several): one row per item that
        reported it, with its language, file, URL and sentence. ``interactions()`` counts encounters;
        this lists what each of them rests on.

        >>> kg_ = example()
        >>> kg_.reports("e-6")[["encounter", "date", "lang", "file"]]
          encounter       date lang          file
        0       e-6 2026-03-10   en   example.txt
        1       e-6 2026-03-11   ru  example2.txt
        """
        wanted = None if encounter is None else ({encounter} if isinstance(encounter, str) else set(encounter))
        rows = []
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if data.get("type") != "interaction" or (wanted is not None and key not in wanted):
                continue
            ids = list(data.get("report_ids") or [key])
            n = len(ids)

            def column(name: str, default: Any) -> list[Any]:
                values = list(data.get(name) or [])
                return values if len(values) == n else [default] * n

            dates = column("report_dates", data.get("date"))
            for i, rid in enumerate(ids):
                rows.append({
                    "encounter": key, "date": dates[i] or None, "kind": data.get("kind"), "source": self._label(u),
                    "target": self._label(v), "lang": column("report_langs", "")[i] or None,
                    "file": column("report_files", data.get("file"))[i], "url": column("report_urls", "")[i] or None,
                    "evidence": column("report_evidence", data.get("evidence"))[i], "report_id": rid,
                    "dispatch_id": column("report_dispatches", data.get("dispatch_id"))[i],
                })
        return _frame(rows, REPORT_COLUMNS, sort=["date", "encounter", "report_id"])

    def timeline(self, freq: str = "M", by: Literal["kind", "country"] = "kind") -> pd.DataFrame:
        """Encounters per period (``freq``: a pandas period such as D, W, M, Q, Y), one column per kind or country.

        By country, an encounter counts once for each state it involves. Periods without any
        encounter are kept, as zeros, so that the table plots as a time series.

        >>> example().timeline()
        kind        meeting  call  message  event
        period
        2026-01-01        1     0        0      0
        2026-02-01        1     1        1      0
        2026-03-01        2     0        0      0
        """
        if by not in ("kind", "country"):
            raise ValueError(f"by must be 'kind' or 'country', not {by!r}")
        freq = _PERIOD_ALIASES.get(freq, freq)
        dated = self._interactions.dropna(subset=["date"])
        long = _long_by(dated, by)
        columns = list(INTERACTION_KINDS) if by == "kind" else sorted(set(long[by]))
        if long.empty:
            empty = pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="period"), dtype="int64")
            empty.columns.name = by
            return empty
        periods = long["date"].dt.to_period(freq)
        table = pd.crosstab(periods, long[by]).reindex(columns=columns, fill_value=0)
        table = table.reindex(pd.period_range(periods.min(), periods.max(), freq=freq), fill_value=0)
        table.index = table.index.to_timestamp()
        table.index.name, table.columns.name = "period", by
        return table.astype("int64")

    def country_matrix(self, label: Literal["iso", "name"] = "iso") -> pd.DataFrame:
        """Country × country counts of encounters (symmetric; the diagonal counts encounters within a state).

        Only encounters whose both sides have a known country count. Rows and columns are ISO codes,
        or with ``label="name"`` English names, in alphabetical order.

        >>> example().country_matrix()
        country  BE  EE  JP  KZ
        country
        BE        0   0   0   2
        EE        0   0   0   2
        JP        0   0   0   1
        KZ        2   2   1   1
        """
        counts: Counter[tuple[str, str]] = Counter()
        for row in _records(self._interactions):
            a, b = row["source_country"], row["target_country"]
            if pd.isna(a) or pd.isna(b):
                continue
            counts[(a, b)] += 1
            if a != b:
                counts[(b, a)] += 1
        isos = sorted({a for a, _ in counts})
        matrix = pd.DataFrame(0, index=pd.Index(isos, name="country"), columns=pd.Index(isos, name="country"),
                              dtype="int64")
        for (a, b), n in counts.items():
            matrix.loc[a, b] = n
        if label == "name":
            names = {iso: self._country_name(iso) for iso in isos}
            order = sorted(names.values())
            matrix = matrix.rename(index=names, columns=names).loc[order, order]
        return matrix

    def top(self, by: Literal["degree", "betweenness", "meetings"] = "degree", n: int = 10,
            type: Literal["person", "institution"] | None = None) -> pd.DataFrame:
        """The most connected officials and institutions, ranked by ``by``.

        ``degree``: how many different counterparts; ``meetings``: how many encounters (any kind);
        ``betweenness``: how often one lies on the shortest routes between others (networkx,
        normalized), all over the network of encounters.

        >>> example().top(by="meetings", n=3)[["name", "type", "country", "meetings", "degree"]]
                           name    type country  meetings  degree
        rank
        1           Serik Bekov  person      KZ         4       3
        2     Aigerim Nurlanova  person      KZ         3       3
        3            Kadri Tamm  person      EE         2       1
        """
        if by not in ("degree", "betweenness", "meetings"):
            raise ValueError(f"by must be 'degree', 'betweenness' or 'meetings', not {by!r}")
        if type is not None and type not in PARTIES:
            raise ValueError(f"type must be one of {PARTIES}, not {type!r}")
        contacts = self._contacts
        betweenness = nx.betweenness_centrality(contacts)
        rows = [{
            "name": self._label(node), "type": data.get("type"), "country": self._country_of(node),
            "degree": contacts.degree(node) if node in contacts else 0, "meetings": self._encounter_count[node],
            "betweenness": betweenness.get(node, 0.0), "id": node,
        } for node, data in self.graph.nodes(data=True) if data.get("type") in ((type,) if type else PARTIES)]
        columns = ["name", "type", "country", "degree", "meetings", "betweenness", "id"]
        frame = pd.DataFrame(rows, columns=columns)
        order = [by, *[c for c in ("meetings", "degree", "betweenness") if c != by]]
        frame = frame.sort_values([*order, "name", "id"], ascending=[False, False, False, True, True])
        frame = frame.head(n).reset_index(drop=True)
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
        return frame

    # ------------------------------------------------------------------ subgraphs

    def ego(self, person: str, radius: int = 1, affiliations: bool = True) -> nx.MultiDiGraph:
        """The subgraph around ``person``: everyone within ``radius`` encounters, and the edges among them.

        With ``affiliations`` the countries and institutions they serve, belong or are accredited to
        come along, so that a viewer can show flags and employers. ``graph["center"]`` is the person.

        >>> sub = example().ego("Nurlanova")
        >>> sorted(n for n, t in sub.nodes(data="type") if t != "country")
        ['inst-fpi', 'person-bekov', 'person-janssens', 'person-nurlanova']
        >>> sorted(n for n, t in sub.nodes(data="type") if t == "country")
        ['country-BE', 'country-KZ']
        """
        center = self.find(person)
        nodes = set(nx.ego_graph(self._contacts, center, radius=radius)) if center in self._contacts else {center}
        if affiliations:
            nodes |= {v for u in list(nodes) for _, v, t in self.graph.out_edges(u, data="type") if t in AFFILIATIONS}
        sub = self.graph.subgraph(nodes).copy()
        sub.graph.update(center=center, radius=radius)
        return sub

    def path(self, a: str, b: str, via: Literal["auto", "interactions", "any"] = "auto") -> pd.DataFrame:
        """How two officials are connected: one row per hop (from, to, relation, date, evidence).

        ``via="interactions"`` follows encounters only; ``"any"`` also affiliations (two ambassadors
        of one state are two hops apart through it); ``"auto"`` tries encounters first. A hop
        between two who met several times shows the first encounter and counts them all. No
        connection gives an empty table.

        >>> example().path("Haruto Sato", "Pieter Janssens")[["from", "to", "relation", "date"]]
                           from                 to relation       date
        step
        1           Haruto Sato        Serik Bekov  message 2026-02-18
        2           Serik Bekov  Aigerim Nurlanova  meeting 2026-01-15
        3     Aigerim Nurlanova    Pieter Janssens  meeting 2026-03-10
        """
        if via not in ("auto", "interactions", "any"):
            raise ValueError(f"via must be 'auto', 'interactions' or 'any', not {via!r}")
        source, target = self.find(a), self.find(b)
        views = {"interactions": [self._contacts], "any": [self.graph.to_undirected(as_view=True)]}
        for view in views.get(via, [*views["interactions"], *views["any"]]):
            try:
                nodes = nx.shortest_path(view, source, target)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                continue
            return self._hops(nodes)
        return _frame([], HOP_COLUMNS, sort=[]).set_index("step")

    # ------------------------------------------------------------------ interactive views

    def html(self, target: str | nx.Graph | None = None, *, radius: int = 1, **kwargs: Any) -> str:
        """The viewer's stand-alone HTML for the whole graph, a subgraph, or a person's ego graph.

        ``kwargs`` go to ``kg.viewer.render_html_string`` (e.g. ``title``).
        """
        render_html_string = _viewer().render_html_string
        return str(render_html_string(self._view_graph(target, radius), **self._view_options(target, kwargs)))

    def save_html(self, path: str | os.PathLike[str], target: str | nx.Graph | None = None, *, radius: int = 1,
                  **kwargs: Any) -> Path:
        """Write the viewer's HTML (see ``html``) to ``path``; returns the path."""
        _viewer().render_html(self._view_graph(target, radius), path, **self._view_options(target, kwargs))
        return Path(path)

    def show(self, target: str | nx.Graph | None = None, *, radius: int = 1, height: int = 600,
             **kwargs: Any) -> Any:
        """Display the viewer inline in a notebook (an ``IPython.display.HTML`` iframe)."""
        return iframe(self.html(target, radius=radius, **kwargs), height=height)

    def _view_options(self, target: str | nx.Graph | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The viewer's keyword arguments; an ego view is titled after its person unless told otherwise."""
        if isinstance(target, str) and "title" not in kwargs:
            return {**kwargs, "title": f"kg — around {self._label(self.find(target))}"}
        return kwargs

    def _view_graph(self, target: str | nx.Graph | None, radius: int) -> nx.Graph:
        if target is None:
            return self.graph
        if isinstance(target, nx.Graph):
            return target
        return self.ego(target, radius=radius)

    # ------------------------------------------------------------------ internals

    def _nodes(self, type: str, country: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        """The nodes of ``type`` (of the ISO ``country`` only, when given)."""
        return [(n, d) for n, d in self.graph.nodes(data=True)
                if d.get("type") == type and (country is None or self._country_of(n) == country)]

    def _label(self, node: str) -> str:
        data = self.graph.nodes[node]
        return str(data.get("name") or data.get("label") or node)

    def _country_of(self, node: str) -> str | None:
        """The state a person or institution belongs to; a person without one takes their institution's."""
        data = self.graph.nodes[node]
        if data.get("country"):
            return str(data["country"])
        for inst in self._institution_ids(node):
            if self.graph.nodes[inst].get("country"):
                return str(self.graph.nodes[inst]["country"])
        return None

    def _institution_ids(self, node: str) -> list[str]:
        ids = [i for i in self.graph.nodes[node].get("institutions") or [] if i in self.graph]
        ids += [v for _, v, t in self.graph.out_edges(node, data="type") if t == "member_of" and v not in ids]
        return ids

    def _institution_names(self, node: str) -> list[str]:
        return [self._label(i) for i in self._institution_ids(node)]

    def _country_name(self, iso: str) -> str:
        data = self.graph.nodes.get(f"country-{iso}") or {}
        return str(data.get("name") or self._countries._labels.get(iso, iso))

    @cached_property
    def _interactions(self) -> pd.DataFrame:
        """All encounters as a table, sorted by date (undated last); the base of every encounter query."""
        rows = []
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if data.get("type") != "interaction":
                continue
            rows.append({
                "date": data.get("date"), "kind": data.get("kind"), "source": self._label(u), "target": self._label(v),
                "source_country": self._country_of(u), "target_country": self._country_of(v),
                "direction": data.get("direction") or "mutual", "reports": int(data.get("reports") or 1),
                "source_type": self.graph.nodes[u].get("type"),
                "target_type": self.graph.nodes[v].get("type"), "source_id": u, "target_id": v, "id": key,
                "dispatch_id": data.get("dispatch_id"), "file": data.get("file"), "headline": data.get("headline"),
                "evidence": data.get("evidence"),
                "trigger": data.get("trigger"),
            })
        return _frame(rows, INTERACTION_COLUMNS, sort=["date", "source", "target", "id"])

    @cached_property
    def _encounter_count(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for row in _records(self._interactions):
            counts.update({row["source_id"], row["target_id"]})
        return counts

    @cached_property
    def _contacts(self) -> nx.Graph:
        """Who met whom, undirected and simple: ``weight`` counts the encounters of a pair."""
        g = nx.Graph()
        g.add_nodes_from(n for n, t in self.graph.nodes(data="type") if t in PARTIES)
        for u, v, t in self.graph.edges(data="type"):
            if t == "interaction" and u != v:
                g.add_edge(u, v, weight=g.get_edge_data(u, v, {}).get("weight", 0) + 1)
        return g

    @cached_property
    def _names(self) -> dict[str, NameIndex]:
        """Name indexes of persons, institutions, and both ("any")."""
        spellings: dict[str, list[tuple[str, str]]] = {t: [] for t in PARTIES}
        labels: dict[str, str] = {}
        for node, data in self.graph.nodes(data=True):
            kind = data.get("type")
            if kind not in PARTIES:
                continue
            forms = [data.get("name"), data.get("label"), data.get("acronym"), *(data.get("aliases") or [])]
            spellings[kind] += [(node, f) for f in forms if f]
            country = self._country_of(node)
            labels[node] = f"{self._label(node)} ({kind}{', ' + country if country else ''})"
        indexes = {t: NameIndex(spellings[t], labels, what=t) for t in PARTIES}
        indexes["any"] = NameIndex([*spellings["person"], *spellings["institution"]], labels,
                                   what="person or institution")
        return indexes

    @cached_property
    def _countries(self) -> NameIndex:
        known: list[tuple[str, str]] = []
        for _, data in self._nodes("country"):
            iso = str(data.get("iso") or "")
            forms = (iso, data.get("name"), data.get("name_ru"), data.get("label"))
            known += [(iso, str(f)) for f in forms if iso and f]
        return country_index(known)

    def _hops(self, nodes: list[str]) -> pd.DataFrame:
        rows = []
        for step, (x, y) in enumerate(zip(nodes, nodes[1:], strict=False), start=1):
            edges = [*self._edges(x, y), *self._edges(y, x)]
            meetings = sorted((e for e in edges if e.get("type") == "interaction"),
                              key=lambda e: (e.get("date") is None, e.get("date") or "", e.get("dispatch_id") or ""))
            edge = meetings[0] if meetings else sorted(edges, key=lambda e: str(e.get("type")))[0]
            rows.append({
                "step": step, "from": self._label(x), "to": self._label(y),
                "relation": edge.get("kind") if edge.get("type") == "interaction" else edge.get("type"),
                "date": edge.get("date"), "encounters": len(meetings), "from_id": x, "to_id": y,
                "dispatch_id": edge.get("dispatch_id"), "evidence": edge.get("evidence"),
            })
        return _frame(rows, HOP_COLUMNS, sort=[]).set_index("step")

    def _edges(self, u: str, v: str) -> list[dict[str, Any]]:
        return list((self.graph.get_edge_data(u, v) or {}).values())


# ---------------------------------------------------------------------------- module-level helpers

_PERIOD_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y"}


def load(path: str | os.PathLike[str] = "output") -> KnowledgeGraph:
    """``KnowledgeGraph.load``: read a finished build's ``graph.json``."""
    return KnowledgeGraph.load(path)


def build(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("seeds",),
          out: str | os.PathLike[str] | None = None, **kwargs: Any) -> KnowledgeGraph:
    """``KnowledgeGraph.build``: run the pipeline and wrap its graph."""
    return KnowledgeGraph.build(paths, out=out, **kwargs)


def example() -> KnowledgeGraph:
    """``KnowledgeGraph.example``: the tiny built-in graph of the examples."""
    return KnowledgeGraph.example()


def iframe(document: str, height: int = 600) -> Any:
    """An ``IPython.display.HTML`` iframe that shows a stand-alone HTML document inline.

    The document goes in ``srcdoc`` so that its scripts and styles cannot clash with the notebook's.
    """
    from IPython.display import HTML

    # wrapped in a div: IPython warns about bare iframes, suggesting IFrame, which cannot take srcdoc
    style = f"width:100%;height:{int(height)}px;border:1px solid #ddd"
    return HTML(f'<div><iframe srcdoc="{html_lib.escape(document, quote=True)}" style="{style}" '
                f'sandbox="allow-scripts allow-popups allow-downloads"></iframe></div>')


def _viewer() -> Any:
    try:
        import kg.viewer as viewer
    except ImportError as err:
        raise ImportError(f"the interactive viewer (kg.viewer) is not available: {err}") from err
    return viewer


def _frame(rows: list[dict[str, Any]], columns: list[str], sort: list[str]) -> pd.DataFrame:
    """A table with the given columns in order, even when empty; ``date`` as datetime64."""
    frame = pd.DataFrame(rows, columns=columns)
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    if sort and not frame.empty:
        frame = frame.sort_values(sort, na_position="last", kind="stable")
    return frame.reset_index(drop=True)


def _between(frame: pd.DataFrame, start: DateLike, end: DateLike) -> pd.DataFrame:
    if start is not None:
        frame = frame[frame["date"] >= pd.Timestamp(start)]
    if end is not None:
        frame = frame[frame["date"] <= pd.Timestamp(end)]
    return frame


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as dicts (much faster to loop over than ``iterrows``)."""
    return frame.to_dict("records")


def _states(row: dict[str, Any]) -> set[str]:
    """The states an encounter involves (a side without a known state adds none)."""
    return {c for c in (row["source_country"], row["target_country"]) if not pd.isna(c)}


def _role(direction: str | None, first: bool) -> str:
    """How a side took part in an edge: ``first`` is the edge's source side."""
    roles = ROLES.get(direction or "mutual", ("mutual", "mutual"))
    return roles[0] if first else roles[1]


def _long_by(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """(date, kind) per encounter, or (date, country) per encounter and each state it involves."""
    if by == "kind":
        return frame[["date", "kind"]]
    rows = [{"date": row["date"], "country": c} for row in _records(frame) for c in sorted(_states(row))]
    return pd.DataFrame(rows, columns=["date", "country"])


def _example_resolution() -> Any:
    """Resolution records of the example graph: made-up officials of real states, six encounters."""
    from kg.model import Country, Encounter, Institution, Person, Report, Resolution

    def person(key: str, name: str, country: str, role: str, aliases: list[str], **kw: Any) -> Person:
        return Person(id=f"person-{key}", name=name, aliases=aliases, roles=[role], country=country, mentions=1, **kw)

    def meet(n: int, kind: str, a: str, b: str, date: str, evidence: str, direction: str = "mutual") -> Encounter:
        kinds = {"person": "person", "inst": "institution"}
        return Encounter(id=f"e-{n}", kind=kind, a=a, b=b, a_type=kinds[a.split("-")[0]],  # type: ignore[arg-type]
                         b_type=kinds[b.split("-")[0]], date=date, dispatch_id=f"d{n}",  # type: ignore[arg-type]
                         file="example.txt", evidence=evidence, direction=direction)

    persons = [
        person("nurlanova", "Aigerim Nurlanova", "KZ", "Ambassador of Kazakhstan to Belgium",
               ["Айгерим Нурланова", "A. Nurlanova"], accredited_to=["BE"]),
        person("bekov", "Serik Bekov", "KZ", "Minister of Foreign Affairs", ["Серик Беков", "Bekov"]),
        person("janssens", "Pieter Janssens", "BE", "Minister-President of Flanders", ["Питер Янссенс"]),
        person("sato", "Haruto Sato", "JP", "Prime Minister of Japan", []),
        person("tamm", "Kadri Tamm", "EE", "Minister of Foreign Affairs of Estonia", []),
    ]
    countries = [Country(id=f"country-{iso}", iso=iso, name=name, name_ru=ru) for iso, name, ru in (
        ("BE", "Belgium", "Бельгия"), ("EE", "Estonia", "Эстония"), ("JP", "Japan", "Япония"),
        ("KZ", "Kazakhstan", "Казахстан"))]
    institute = Institution(id="inst-fpi", name="Flemish Policy Institute", acronym="FPI", country="BE")
    encounters = [
        meet(1, "meeting", "person-bekov", "person-nurlanova", "2026-01-15", "Bekov received Nurlanova.", "host"),
        meet(2, "message", "person-bekov", "person-sato", "2026-02-18", "Bekov congratulated Sato.", "sender"),
        meet(3, "meeting", "person-nurlanova", "inst-fpi", "2026-02-24", "Nurlanova met FPI researchers."),
        meet(4, "call", "person-bekov", "person-tamm", "2026-02-25", "Bekov and Tamm spoke by phone."),
        meet(5, "meeting", "person-bekov", "person-tamm", "2026-03-02", "Bekov received Tamm.", "host"),
        meet(6, "meeting", "person-nurlanova", "person-janssens", "2026-03-10", "Nurlanova met Janssens."),
    ]
    # the last meeting was reported twice: by an English item that day and a Russian one the next
    first = encounters[-1].report_list()[0]
    first.lang = "en"
    encounters[-1].reports = [first, Report(
        id="e-6b", kind="meeting", a="person-janssens", b="person-nurlanova", date="2026-03-11", dispatch_id="d6b",
        file="example2.txt", evidence="Нурланова встретилась с Янссенсом.", lang="ru")]
    encounters[-1].merges = ["same pair, meeting, 1 day apart (≤ 2): e-6b (example2.txt, 2026-03-11) = e-6 (example.txt, 2026-03-10)"]
    affiliations = [(p.id, "serves", f"country-{p.country}", "d0", "example.txt", "") for p in persons]
    affiliations += [("person-nurlanova", "accredited_to", "country-BE", "d0", "example.txt", ""),
                     ("inst-fpi", "based_in", "country-BE", "d3", "example.txt", "")]
    return Resolution(persons=persons, institutions=[institute], countries=countries, encounters=encounters,
                      affiliations=affiliations)
