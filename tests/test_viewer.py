"""The HTML viewer without a browser: self-contained, escaped, deterministic, edges collapsed right."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from viewer_graphs import (
    BLINKEN, CLOSE, IMG, INJECTIONS, JS_URL, LAVROV, LB_DATES, SCRIPT, expected_drawn_edges, injection_graph,
)

from kg.viewer import (
    DEFAULT_TITLE, drawn_edges, render_html, render_html_string, script_json,
)
from kg.viewer.layout import force_layout
from kg.viewer.sample import synthetic_graph

DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return injection_graph()


@pytest.fixture(scope="module")
def html(graph: nx.MultiDiGraph) -> str:
    return render_html_string(graph)


def page_data(html: str) -> dict:
    match = DATA_RE.search(html)
    assert match, "the data block is missing"
    return json.loads(match.group(1))


def without_data(html: str) -> str:
    return DATA_RE.sub("", html)


# ---------------------------------------------------------------------------- nothing is fetched


def remote_references(html: str) -> list[str]:
    """Everything in the page that would make a browser fetch something that is not inline."""
    patterns = [
        r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)",
        r"<link\b[^>]*\bhref\s*=\s*[\"']?([^\"'\s>]+)",
        r"<(?:img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)",
        r"@import\s+(?:url\()?\s*[\"']?([^\"';)\s]+)",
        r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",  # anywhere, even in JS strings
    ]
    found = []
    for pattern in patterns:
        found += re.findall(pattern, html, flags=re.I)
    # inside CSS (style blocks and attributes) any url() that is not data: would be fetched;
    # outside CSS, "url(" also occurs as a function name in vis-network's code
    css = re.findall(r"<style\b[^>]*>(.*?)</style>", html, flags=re.I | re.S)
    css += re.findall(r"\bstyle\s*=\s*\"([^\"]*)\"", html, flags=re.I)
    for block in css:
        found += re.findall(r"url\(\s*[\"']?([^\"')\s]+)", block, flags=re.I)
    return list(dict.fromkeys(t for t in found if not t.startswith("data:")))


def test_page_loads_nothing_from_anywhere(html: str) -> None:
    assert remote_references(html) == []
    assert not re.search(r"<script\b[^>]*\bsrc=", html, re.I), "every script is inline"
    assert '<link rel="icon" href="data:,">' in html, "no favicon fetch"
    # the CSP makes the browser itself refuse any fetch the page might still attempt
    assert "default-src 'none'" in html


def test_remote_reference_scanner_catches_cdns() -> None:
    bad = ('<script src="https://cdn.example/vis.js"></script><link href="//cdn.example/x.css" rel="stylesheet">'
           "<style>@import 'http://x/y.css'; a { background: url(https://x/i.png) }</style>")
    assert len(remote_references(bad)) == 4
    assert remote_references('<link rel="icon" href="data:,"><style>a{background:url("data:image/png;base64,AA")}</style>') == []


def test_vis_network_is_inline(html: str) -> None:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    assert js[:2000] in html and js[-2000:] in html
    assert css[:2000] in html
    assert len(re.findall(r"^<script\b", html, flags=re.M)) == 3  # data, vis-network, ours


def test_meta_charset_and_title(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html[:200]
    assert f"<title>{DEFAULT_TITLE}</title>" in html


# ---------------------------------------------------------------------------- escaping


def test_injection_strings_never_appear_raw(html: str) -> None:
    lowered = html.lower()
    assert "<img" not in lowered
    assert not re.search(r"<[a-z][^<>]*\son\w+\s*=", html, re.I), "no element with an on… handler attribute"
    assert "<script>alert" not in lowered
    assert "</script><script>alert" not in lowered
    assert not re.search(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", html, re.I)
    # outside the JSON block, the data's hostile text does not occur at all
    rest = without_data(html)
    for text in (IMG, SCRIPT, CLOSE, JS_URL):
        assert text not in rest


def test_injection_strings_round_trip_through_the_json(html: str) -> None:
    data = page_data(html)
    evil = next(n for n in data["nodes"] if n["vis"]["id"] == "person-evil")
    assert evil["vis"]["label"] == IMG
    assert evil["info"]["aliases"] == [SCRIPT, CLOSE]
    assert evil["info"]["roles"] == [JS_URL]
    texts = json.dumps(data, ensure_ascii=False)
    for text in INJECTIONS:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in texts


def test_script_json_escapes_what_could_end_the_element() -> None:
    out = script_json({"a": "</script><!-- & \u2028\u2029 >"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in out
    assert json.loads(out) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_title_is_escaped(graph: nx.MultiDiGraph) -> None:
    html = render_html_string(graph, title=SCRIPT)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---------------------------------------------------------------------------- collapsed edges


def test_parallel_encounters_collapse_into_one_edge(graph: nx.MultiDiGraph) -> None:
    edges = drawn_edges(graph)
    assert len(edges) == expected_drawn_edges(graph) == 14
    assert graph.number_of_edges() == 17
    lb = [e for e in edges if {e["from"], e["to"]} == {LAVROV, BLINKEN}]
    assert len(lb) == 1, "A→B and B→A encounters are one drawn edge"
    items = lb[0]["items"]
    assert [i["date"] for i in items] == list(LB_DATES)
    assert [i["kind"] for i in items] == ["meeting", "call", "message"]
    assert items[1]["source"] == BLINKEN and items[1]["evidence"] == "Блинкен позвонил Лаврову."
    assert all(i["file"] and i["dispatch_id"] for i in items)
    # serves + accredited_to between the same two nodes: one dashed edge, two statements
    albares = [e for e in edges if e["group"] == "affiliation" and e["from"] == "person-albares"]
    assert len(albares) == 1 and sorted(i["type"] for i in albares[0]["items"]) == ["accredited_to", "serves"]
    # a repeated affiliation statement stays one graph edge with its count
    lavrov_ru = next(e for e in edges if e["group"] == "affiliation" and {e["from"], e["to"]} == {LAVROV, "country-RU"})
    assert lavrov_ru["items"][0]["count"] == 2


def test_page_carries_the_collapsed_edges(graph: nx.MultiDiGraph, html: str) -> None:
    data = page_data(html)
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == expected_drawn_edges(graph)
    assert [e["id"] for e in data["edges"]] == [f"e{i}" for i in range(len(data["edges"]))]


def test_collapsing_counts_on_a_big_graph() -> None:
    g = synthetic_graph(400, 2000, seed=5)
    assert len(drawn_edges(g)) == expected_drawn_edges(g)
    assert sum(len(e["items"]) for e in drawn_edges(g)) == g.number_of_edges()


# ---------------------------------------------------------------------------- nodes


def test_nodes_styled_by_type(html: str) -> None:
    data = page_data(html)
    by_id = {n["vis"]["id"]: n for n in data["nodes"]}
    shapes = {n["info"]["type"]: n["vis"]["shape"] for n in data["nodes"]}
    assert len(set(shapes.values())) == 3
    assert by_id["country-RU"]["vis"]["label"] == "🇷🇺 RU"
    assert by_id[LAVROV]["info"]["interactions"] == 5
    assert by_id[LAVROV]["vis"]["size"] > by_id["person-zakharova"]["vis"]["size"]
    assert by_id[LAVROV]["info"]["institutions"] == ["inst-mfa-ru"]  # the page shows names via lookup
    assert by_id["inst-mfa-ru"]["info"]["name"] == "Министерство иностранных дел России"


def test_cyrillic_survives_as_text(html: str) -> None:
    assert "Мария Захарова" in html  # raw UTF-8, not \u-escaped: readable and smaller
    assert "Министерство иностранных дел России" in html
    data = page_data(html)
    assert any(n["vis"]["label"] == "Мария Захарова" for n in data["nodes"])


# ---------------------------------------------------------------------------- determinism and modes


def test_two_renders_are_byte_identical(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert render_html_string(graph) == render_html_string(injection_graph())
    render_html(graph, tmp_path / "a.html")
    render_html(injection_graph(), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == render_html_string(graph)
    assert not list(tmp_path.glob(".*.tmp")), "atomic write leaves no temporary file"


def test_large_graph_uses_python_layout_and_no_physics() -> None:
    g = synthetic_graph(120, 400, seed=2)
    small = page_data(render_html_string(g))
    big = page_data(render_html_string(g, layout_threshold=50))
    assert small["mode"] == "physics" and small["options"]["physics"]["enabled"] is True
    assert small["options"]["physics"]["stabilization"]["iterations"] <= 300
    assert big["mode"] == "static" and big["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["vis"]["x"], float) for n in big["nodes"])
    assert render_html_string(g, layout_threshold=50) == render_html_string(synthetic_graph(120, 400, seed=2), layout_threshold=50)


def test_empty_graph_renders() -> None:
    data = page_data(render_html_string(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_force_layout_is_seeded_finite_and_spread() -> None:
    # a ring of 12 cliques: a layout that works puts clique mates together, the ring around
    g = nx.convert_node_labels_to_integers(nx.connected_caveman_graph(12, 50))
    edges = list(g.edges())
    a = force_layout(600, edges, seed=3)
    assert np.array_equal(a, force_layout(600, edges, seed=3))
    assert not np.array_equal(a, force_layout(600, edges, seed=4))
    assert a.shape == (600, 2) and np.isfinite(a).all()
    # nodes are spread out, not piled up: most have no neighbour closer than 5 px
    d = np.hypot(a[:, None, 0] - a[None, :, 0], a[:, None, 1] - a[None, :, 1])
    np.fill_diagonal(d, np.inf)
    assert (d.min(axis=1) < 5).mean() < 0.15
    # edges are shorter than random pairs: the layout pulls partners together
    src, dst = np.array(edges).T
    assert np.median(d[src, dst]) < 0.5 * np.median(d[np.isfinite(d)])
    assert force_layout(0, []).shape == (0, 2) and force_layout(1, []).shape == (1, 2)


# ---------------------------------------------------------------------------- kg view


def test_kg_view_opens_the_page_or_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import kg.viewer
    from kg.cli import app

    opened: list[Path] = []
    monkeypatch.setattr(kg.viewer, "open_in_browser", lambda path: opened.append(Path(path)))
    missing = CliRunner().invoke(app, ["view", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "graph.html not found" in missing.output and opened == []
    render_html(injection_graph(), tmp_path / "out" / "graph.html")
    ok = CliRunner().invoke(app, ["view", str(tmp_path / "out")])
    assert ok.exit_code == 0, ok.output
    assert opened == [tmp_path / "out" / "graph.html"]


def test_force_layout_keeps_isolated_nodes_and_small_groups_close() -> None:
    # one 200-node component, five pairs and twenty isolated nodes
    main = nx.convert_node_labels_to_integers(nx.connected_caveman_graph(8, 25))
    edges = list(main.edges()) + [(200 + 2 * i, 201 + 2 * i) for i in range(5)]
    pos = force_layout(230, edges, seed=1)
    core = pos[:200]
    centre, radius = core.mean(axis=0), np.hypot(*(core - core.mean(axis=0)).T).max()
    loose = np.hypot(*(pos[200:] - centre).T)
    assert loose.max() < 2.5 * radius, "loose nodes sit beside the main component, not far out"
    for i in range(5):  # a pair stays together
        assert np.hypot(*(pos[200 + 2 * i] - pos[201 + 2 * i])) < 3 * 90
