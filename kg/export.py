"""Write a build's outputs: tables for pandas and the scorer, graph files, the viewer.

``interactions.csv`` has one row per report (an item saying two sides met, once per file holding the
item) with the ``encounter`` it reports; ``encounters.csv`` one row per encounter, with its reports'
items, files, URLs and languages.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg import __version__
from kg.atomic import OutputSet, atomic_open, write_csv, write_json
from kg.gcpause import gc_paused

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

log = logging.getLogger(__name__)

DISPATCH_COLUMNS = ["id", "file", "index", "line", "date", "time", "date_source", "lang", "headline", "sources", "chars", "url"]


@gc_paused()
def write_outputs(result: "BuildResult", out: Path, timings: dict[str, float] | None = None) -> None:
    """Write every output file of a build into ``out``, as one set (see ``kg.atomic.OutputSet``).

    Everything is written into a staging folder first and moved in at the end, ``report.json``
    last, listing every other file's size and hash: a killed build leaves complete files only.
    ``timings`` gets the seconds spent on the viewer page (``html``) apart from the rest (``export``).
    """
    t0 = time.perf_counter()
    html = 0.0
    with OutputSet(out) as outputs:
        stage = outputs.folder
        write_csv(stage / "dispatches.csv", DISPATCH_COLUMNS, dispatch_rows(result))
        if result.resolution is not None:
            write_tables(result, stage)
        if result.graph is not None:
            write_graph_files(result.graph, stage)
            from kg.viewer import render_html

            t = time.perf_counter()
            render_html(result.graph, stage / "graph.html")
            html = time.perf_counter() - t
        write_json(stage / "report.json", {**report_data(result), "outputs": outputs.manifest()})
    if timings is not None:
        timings["export"] = time.perf_counter() - t0 - html
        timings["html"] = html


def graph_json(g: nx.MultiDiGraph) -> dict:
    """Node-link JSON of the graph (lists kept as lists); ``load_graph_json`` reads it back."""
    return nx.node_link_data(g, edges="edges")


def load_graph_json(data: dict) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def write_graph_files(g: nx.MultiDiGraph, out: Path) -> None:
    """graph.json (node-link), graph.graphml and graph.gexf (export-safe copies for Gephi)."""
    from kg.graph import export_safe

    write_json(out / "graph.json", graph_json(g), indent=None)   # tens of MB: for programs, not for reading
    safe = export_safe(g)
    with atomic_open(out / "graph.graphml", "wb") as fh:
        nx.write_graphml(safe, fh, encoding="utf-8", prettyprint=True)
    with atomic_open(out / "graph.gexf", "wb") as fh:
        write_gexf(safe, fh)


def write_gexf(g: nx.MultiDiGraph, fh: IO[bytes]) -> None:
    """``nx.write_gexf`` without its date stamp, so that two builds of one corpus are byte-identical.

    networkx stamps ``<meta lastmodifieddate>`` with today's date; it is optional in GEXF. With
    ``SOURCE_DATE_EPOCH`` set (the reproducible-builds convention) that date is written instead.
    """
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(g)
    meta: Any = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        if epoch.isdigit():
            meta.set("lastmodifieddate", time.strftime("%Y-%m-%d", time.gmtime(int(epoch))))
    writer.write(fh)


def dispatch_rows(result: "BuildResult") -> list[dict]:
    return [
        {
            "id": d.id,
            "file": d.file,
            "index": d.index,
            "line": d.line,
            "date": d.date,
            "time": d.time,
            "date_source": d.date_source,
            "lang": d.lang,
            "headline": d.headline,
            "sources": [d.path, *d.sources],
            "chars": len(d.body),
            "url": d.url,
        }
        for d in result.dispatches
    ]


OFFICIAL_COLUMNS = ["id", "name", "aliases", "country", "roles", "institutions", "files", "accredited_to",
                    "international", "first_seen", "last_seen", "mentions", "interactions", "dispatches", "merges"]
INTERACTION_COLUMNS = ["dispatch_id", "file", "date", "kind", "a_name", "a_type", "a_country", "b_name", "b_type",
                       "b_country", "evidence", "a_id", "b_id", "direction", "trigger", "headline", "id", "encounter", "url"]
ENCOUNTER_COLUMNS = ["id", "kind", "date", "a_name", "a_type", "a_country", "b_name", "b_type", "b_country",
                     "direction", "reports", "dispatches", "files", "urls", "langs", "a_id", "b_id", "evidence", "merges"]
INSTITUTION_COLUMNS = ["id", "name", "acronym", "aliases", "country", "international", "files", "mentions"]
COUNTRY_COLUMNS = ["id", "iso", "name", "name_ru", "mentions", "files"]


def write_tables(result: "BuildResult", out: Path) -> None:
    """officials.csv, interactions.csv (one row per report, with its ``encounter``), encounters.csv (one row
    per encounter), institutions.csv, countries.csv (the scorer's contract and more)."""
    res = result.resolution
    assert res is not None
    inst_names = {i.id: i.name for i in res.institutions}
    degree: dict[str, int] = {}
    for e in res.encounters:
        degree[e.a] = degree.get(e.a, 0) + 1
        degree[e.b] = degree.get(e.b, 0) + 1
    write_csv(out / "officials.csv", OFFICIAL_COLUMNS, (
        {**_fields(p), "institutions": [inst_names.get(i, i) for i in p.institutions], "interactions": degree.get(p.id, 0)}
        for p in res.persons))
    people = {p.id: p for p in res.persons}
    insts = {i.id: i for i in res.institutions}

    def _type(eid: str) -> str:
        return "person" if eid in people else "institution"

    def side(eid: str) -> tuple[str, str | None]:
        if eid in people:
            return people[eid].name, people[eid].country
        inst = insts[eid]
        return inst.name, inst.country

    other_sources = {d.id: [Path(p).name for p in d.sources] for d in result.dispatches if d.sources}
    urls = {d.id: d.url for d in result.dispatches if d.url}
    rows, encounter_rows = [], []
    for e in res.encounters:
        reports = e.report_list()
        for r in reports:
            a_name, a_country = side(r.a)
            b_name, b_country = side(r.b)
            row = {**_fields(r), "a_name": a_name, "b_name": b_name, "a_country": a_country, "b_country": b_country,
                   "a_id": r.a, "b_id": r.b, "a_type": _type(r.a), "b_type": _type(r.b), "encounter": e.id,
                   "url": urls.get(r.dispatch_id)}
            # an item found in several files is one report, listed once per file that holds it
            for file in [r.file, *other_sources.get(r.dispatch_id, [])]:
                rows.append({**row, "file": file})
        a_name, a_country = side(e.a)
        b_name, b_country = side(e.b)
        files = list(dict.fromkeys(f for r in reports for f in [r.file, *other_sources.get(r.dispatch_id, [])]))
        encounter_rows.append({
            "id": e.id, "kind": e.kind, "date": e.date, "a_name": a_name, "a_type": e.a_type, "a_country": a_country,
            "b_name": b_name, "b_type": e.b_type, "b_country": b_country, "direction": e.direction,
            "reports": len(reports), "dispatches": list(dict.fromkeys(r.dispatch_id for r in reports)), "files": files,
            "urls": list(dict.fromkeys(r.url for r in reports if r.url)),
            "langs": list(dict.fromkeys(r.lang for r in reports if r.lang)), "a_id": e.a, "b_id": e.b,
            "evidence": e.evidence, "merges": e.merges,
        })
    rows.sort(key=lambda row: (row["date"] or "", row["dispatch_id"], row["id"], row["file"]))
    write_csv(out / "interactions.csv", INTERACTION_COLUMNS, rows)
    write_csv(out / "encounters.csv", ENCOUNTER_COLUMNS, encounter_rows)
    write_csv(out / "institutions.csv", INSTITUTION_COLUMNS, (_fields(i) for i in res.institutions))
    write_csv(out / "countries.csv", COUNTRY_COLUMNS, (_fields(c) for c in res.countries))


def _fields(record: Any) -> dict[str, Any]:
    """A flat record's fields: ``to_dict`` would deep-copy every list only for a row to read it."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def report_data(result: "BuildResult") -> dict:
    return {
        "kg_version": __version__,
        "counts": result.counts,
        "files": [r.to_dict() for r in result.reports],
    }
