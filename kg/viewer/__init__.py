"""The interactive HTML viewer: one self-contained page that shows who met whom.

The page makes no network request: vis-network's JS and CSS (shipped inside the pyvis package) and
our own JS/CSS are inlined, the graph travels as escaped JSON in a ``<script type="application/json">``
block, and every tooltip is built from DOM nodes with ``textContent``, so no string from the data is
ever parsed as HTML. pyvis only contributes its bundled vis-network build and its physics/options
objects: its own templates link CDNs, set titles with ``innerHTML`` and put random ids in the page.

An interaction edge of the graph is one encounter (one real-world meeting, however many items reported
it: the tooltip lists its reports). Parallel interaction edges between two nodes (repeat encounters)
are drawn as one edge whose width grows with the number of encounters, never of reports;
``drawn_edges`` is that collapsing, shared with the tests.

Node positions always start from :func:`kg.viewer.layout.force_layout`, a seeded layout computed in
Python. Up to ``layout_threshold`` nodes, vis-network physics then polishes them for at most
``PHYSICS_ITERATIONS`` iterations and is switched off; above it physics stays off, so 5,000 nodes and
20,000 edges draw in a few seconds. Same graph in, byte-identical page out: no timestamp, no random id.

Public API: :func:`render_html_string`, :func:`render_html`, :func:`open_in_browser`, plus
:func:`drawn_edges` and :func:`script_json` for tests and other pages.
"""
from __future__ import annotations

import json
import os
import re
import webbrowser
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.atomic import write_text
from kg.viewer.layout import force_layout

__all__ = [
    "AFFILIATION_TYPES",
    "DEFAULT_LAYOUT_THRESHOLD",
    "DEFAULT_TITLE",
    "KIND_COLORS",
    "NODE_STYLES",
    "drawn_edges",
    "open_in_browser",
    "render_html",
    "render_html_string",
    "script_json",
]

DEFAULT_TITLE = "kg — who meets whom"

#: Above this many nodes, vis-network physics stays off and the Python layout is final. Measured with
#: ``bench/bench_viewer.py --sweep`` (synthetic graphs with 4 edges a node, 2-core machine, headless
#: Chromium, several runs): physics settled in 0.9–1.1 s at 100 nodes, 1.0–1.7 s at 200, 1.7–2.0 s at
#: 300, 2.3–2.8 s at 400 and 3.8–5 s at 600, while the Python layout drew in < 1 s at every one of
#: those sizes. 300 keeps settling near the 2 s target; real graphs, sparser, settle faster (the
#: 110-node seed graph: 0.7 s).
DEFAULT_LAYOUT_THRESHOLD = 300

#: Stabilization iterations for in-browser physics; vis stops earlier once the graph is still. Starting
#: from the Python layout, 150 iterations look as settled as 300 from vis's random start, in half the time.
PHYSICS_ITERATIONS = 150

INTERACTION_KINDS = ("meeting", "call", "message", "event")
AFFILIATION_TYPES = ("serves", "member_of", "accredited_to", "based_in")

#: Colour-blind-friendly (Tableau 10) colours per interaction kind.
KIND_COLORS: dict[str, str] = {
    "meeting": "#4e79a7",
    "call": "#59a14f",
    "message": "#b07aa1",
    "event": "#e15759",
}
AFFILIATION_COLOR = "#b0b0b0"

#: vis-network shape and colours per node type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "person": {"shape": "dot", "background": "#76b7b2", "border": "#3d7a75", "label": "person"},
    "institution": {"shape": "diamond", "background": "#f28e2b", "border": "#b5651d", "label": "institution"},
    "country": {"shape": "box", "background": "#edc948", "border": "#a88f2a", "label": "country"},
}
_FALLBACK_STYLE = {"shape": "dot", "background": "#bab0ac", "border": "#7f7773", "label": "other"}

# JSON inside <script> must not contain "</script>", "<!--", or raw U+2028/2029 (old JS parsers);
# escaping <, > and & as \u003c etc. keeps the JSON valid and inert (as in Rails/Django json_script).
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


# ---------------------------------------------------------------------------- public API


def render_html_string(
    g: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE, layout_threshold: int | None = None
) -> str:
    """The complete, self-contained viewer page for ``g`` (same graph → byte-identical page)."""
    threshold = DEFAULT_LAYOUT_THRESHOLD if layout_threshold is None else layout_threshold
    static = g.number_of_nodes() > threshold
    edges = drawn_edges(g)
    payload = {
        "mode": "static" if static else "physics",
        "kinds": list(INTERACTION_KINDS),
        "kindColors": KIND_COLORS,
        "affiliationColor": AFFILIATION_COLOR,
        # positions always come from Python: the final layout when static, a head start for physics
        "nodes": _node_records(g, _positions(g, edges)),
        "edges": edges,
        "options": vis_options(static=static),
    }
    template = _environment().get_template("template.html.j2")
    return template.render(
        title=title,
        vis_css=Markup(_inline_safe(_asset("vis-network.css"), "style")),
        vis_js=Markup(_inline_safe(_asset("vis-network.min.js"), "script")),
        viewer_css=Markup(_inline_safe(_own_file("viewer.css"), "style")),
        viewer_js=Markup(_inline_safe(_own_file("viewer.js"), "script")),
        data_json=Markup(script_json(payload)),
        node_styles=NODE_STYLES,
        kind_colors=KIND_COLORS,
        affiliation_color=AFFILIATION_COLOR,
        affiliation_types=AFFILIATION_TYPES,
    )


def render_html(g: nx.MultiDiGraph, path: str | os.PathLike[str], **kw: Any) -> None:
    """Write the viewer page for ``g`` to ``path`` atomically (keyword arguments as for the string form)."""
    write_text(path, render_html_string(g, **kw))


def open_in_browser(path: str | os.PathLike[str]) -> None:
    """Open a written viewer page in the default web browser (as a ``file://`` URL)."""
    webbrowser.open(Path(path).resolve().as_uri())


def script_json(data: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``, U+2028/9)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_ESCAPE_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def drawn_edges(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The edges the viewer draws: one per node pair and group (``interaction`` or ``affiliation``).

    Each has ``id`` (``e0``, ``e1``… in order of first appearance), ``from``, ``to``, ``group`` and
    ``items``: one dict per underlying graph edge (encounter or affiliation statement), by date.
    The pair is unordered: A→B and B→A encounters are the same pair of people meeting.
    """
    drawn: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, data in g.edges(keys=True, data=True):
        etype = data.get("type", "interaction")
        group = "affiliation" if etype in AFFILIATION_TYPES else "interaction"
        pair = (u, v) if str(u) <= str(v) else (v, u)
        slot = drawn.get((*pair, group))
        if slot is None:
            slot = {"id": f"e{len(drawn)}", "from": u, "to": v, "group": group, "items": []}
            drawn[(*pair, group)] = slot
        slot["items"].append(_edge_item(u, v, key, etype, data))
    for slot in drawn.values():
        # chronological, undated last; the key breaks ties so the order never depends on the graph's
        slot["items"].sort(key=lambda i: (i.get("date") is None, i.get("date") or "", i["key"]))
    return list(drawn.values())


def vis_options(*, static: bool) -> dict[str, Any]:
    """vis-network options: pyvis builds the physics block, the rest is set here."""
    from pyvis.options import Options

    opts = Options()
    # barnesHut with a short spring and strong damping settles a few dozen nodes in ~100 iterations
    opts.physics.use_barnes_hut({"gravity": -4000, "central_gravity": 0.35, "spring_length": 120,
                                 "spring_strength": 0.04, "damping": 0.5, "overlap": 0})
    opts.physics.stabilization.iterations = PHYSICS_ITERATIONS
    opts.physics.stabilization.updateInterval = 25
    opts.physics.enabled = not static
    opts.physics.stabilization.enabled = not static
    # straight edges: curves cost ~30% of the stabilisation time and parallel edges are collapsed anyway
    opts.edges.smooth.enabled = False
    opts.interaction.hideEdgesOnDrag = static
    options: dict[str, Any] = json.loads(opts.to_json())
    options["physics"]["minVelocity"] = 1.0
    options["edges"]["color"] = {"inherit": False}
    options["edges"]["selectionWidth"] = 2
    options["edges"]["hoverWidth"] = 1.5
    options["nodes"] = {"font": {"face": "system-ui, 'DejaVu Sans', Arial, sans-serif", "size": 14},
                        "borderWidth": 1.5}
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                                   "keyboard": {"enabled": True, "bindToWindow": False},
                                   "hideEdgesOnZoom": static, "multiselect": False})
    # every node has a position from Python, so vis's own (slow, Kamada–Kawai) initial layout is off;
    # the seed only matters for nodes added later
    options["layout"] = {"randomSeed": 42, "improvedLayout": False}
    return options


# ---------------------------------------------------------------------------- graph → payload


def _edge_item(u: str, v: str, key: Any, etype: str, data: dict[str, Any]) -> dict[str, Any]:
    """What a tooltip needs of one graph edge (the direction is kept: the drawn pair is unordered)."""
    item: dict[str, Any] = {"key": str(key), "type": etype, "source": u, "target": v}
    fields = ("kind", "date", "dispatch_id", "file", "evidence", "direction", "headline", "url") \
        if etype not in AFFILIATION_TYPES else ("dispatch_id", "file", "evidence", "count")
    for name in fields:
        value = data.get(name)
        if value is not None and value != "":
            if name == "url" and not _is_web_link(value):
                continue   # only an http(s) link is ever offered (never javascript: or data:)
            item[name] = _plain(value)
    if etype not in AFFILIATION_TYPES and int(data.get("reports") or 1) > 1:
        # an encounter several items reported: each report (item, file, URL, sentence) for its tooltip
        n = int(data["reports"])

        def column(name: str) -> list[Any]:
            values = list(data.get(name) or [])
            return values if len(values) == n else [""] * n

        item["reports"] = [
            {k: _plain(v) for k, v in (("date", d), ("lang", lang), ("file", f), ("url", url), ("dispatch_id", did),
                                        ("evidence", ev)) if v not in (None, "")}
            for d, lang, f, url, did, ev in zip(column("report_dates"), column("report_langs"), column("report_files"),
                                               column("report_urls"), column("report_dispatches"), column("report_evidence"))]
    return item


def _is_web_link(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://")) and not any(
        c.isspace() or ord(c) < 32 for c in value)


def _node_records(g: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    return [_node_record(n, data, positions[n]) for n, data in g.nodes(data=True)]


def _node_record(node: str, data: dict[str, Any], position: tuple[float, float]) -> dict[str, Any]:
    """One node: the vis-network item (``vis``) and the facts its tooltip shows (``info``)."""
    ntype = str(data.get("type", "other"))
    style = NODE_STYLES.get(ntype, _FALLBACK_STYLE)
    interactions = int(data.get("interactions") or 0)
    vis: dict[str, Any] = {
        "id": node,
        "label": _label(ntype, data, node),
        "shape": style["shape"],
        "color": {"background": style["background"], "border": style["border"],
                  "highlight": {"background": style["background"], "border": "#222222"},
                  "hover": {"background": style["background"], "border": "#222222"}},
    }
    if ntype == "country":
        vis["font"] = {"size": 16}
    else:
        # area grows with interactions; sqrt keeps hubs from swallowing the picture
        vis["size"] = round(10 + 4 * min(interactions, 100) ** 0.5, 1)
    vis["x"], vis["y"] = position
    info = {k: _plain(v) for k, v in data.items() if k in _INFO_FIELDS and v not in (None, "", [])}
    info["type"] = ntype
    if ntype == "institution" or ntype == "person":
        info["interactions"] = interactions
    return {"vis": vis, "info": info}


# node attributes a tooltip, the search box or a filter uses (files/dispatches/merges would only bloat)
_INFO_FIELDS = frozenset({
    "name", "aliases", "roles", "country", "accredited_to", "institutions", "international",
    "first_seen", "last_seen", "mentions", "iso", "name_ru", "flag", "acronym",
})


def _label(ntype: str, data: dict[str, Any], node: str) -> str:
    """The label drawn on the canvas, in the name's own script."""
    if ntype == "country":
        iso = str(data.get("iso") or node.removeprefix("country-"))
        flag = str(data.get("flag") or "")
        # the page drops the flag when the machine has no emoji font (it would draw as two boxes)
        return f"{flag} {iso}".strip()
    return str(data.get("label") or data.get("acronym") or data.get("name") or node)


def _plain(value: Any) -> Any:
    """JSON-ready: lists/tuples/sets become lists, anything exotic becomes its string."""
    if type(value) is str:   # most values: the one test they need
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    return str(value)


def _positions(g: nx.MultiDiGraph, edges: Iterable[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Seeded Python layout of the drawn graph (collapsed edges, weighted by their number of items)."""
    index = {n: i for i, n in enumerate(g.nodes)}
    pairs, weights = [], []
    for e in edges:
        pairs.append((index[e["from"]], index[e["to"]]))
        weights.append(float(len(e["items"])))
    pos = force_layout(len(index), pairs, weights, seed=42)
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for n, i in index.items()}


# ---------------------------------------------------------------------------- assets and template


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of the vis-network build bundled with pyvis (``vis-network.min.js`` / ``.css``)."""
    import pyvis

    return (Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _own_file(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _inline_safe(code: str, tag: str) -> str:
    """Code placed inside ``<script>``/``<style>`` must not close its element early."""
    return re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent)),
        autoescape=True,  # the title and legend text are escaped; code and JSON come in as Markup
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
