"""notebooks/explore.ipynb: stored without outputs, as its generator writes it, and runs top to bottom.

It runs twice: on the seed corpus as a user runs it (from notebooks/), and on the hand-built
graph of tests/handbuilt.py (from the repository root), which checks the notebook's own code
without the NLP models.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from conftest import ROOT
from handbuilt import seedlike_graph
from kg.export import graph_json

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
GENERATOR = ROOT / "notebooks" / "make_explore.py"

# Run first in the hand-built case: kg.build returns the hand-built graph, and a stand-in viewer
# is used only where kg.viewer does not exist yet (it is written separately).
PREAMBLE = """\
import sys, types
import kg, kg.query
_graph = kg.load(r"{graph}")
kg.query.KnowledgeGraph.build = classmethod(lambda cls, *args, **kwargs: _graph)
try:
    import kg.viewer
except ImportError:
    _stub = types.ModuleType("kg.viewer")
    _stub.render_html_string = lambda g, **kw: "<html><body>%d nodes</body></html>" % g.number_of_nodes()
    _stub.render_html = lambda g, path, **kw: open(path, "w").write(_stub.render_html_string(g))
    sys.modules["kg.viewer"] = kg.viewer = _stub
"""


@pytest.fixture
def kernel(tmp_path, monkeypatch) -> str:
    """A kernel named python3 that runs this very interpreter, whatever kernels the machine has registered.

    A fresh venv has ipykernel's spec, but a user-level python3 spec (which comes first on the
    search path) may point at another Python without kg; so the test brings its own.
    """
    jupyter = tmp_path / "jupyter"
    spec = jupyter / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    return "python3"


def execute(nb: nbformat.NotebookNode, cwd: Path, kernel: str) -> nbformat.NotebookNode:
    """Run every cell in ``cwd``; a failing cell raises ``CellExecutionError`` naming it."""
    NotebookClient(nb, kernel_name=kernel, timeout=900, resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


def test_notebook_is_stored_without_outputs_as_generated():
    stored = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(stored)
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    spec = importlib.util.spec_from_file_location("make_explore", GENERATOR)
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generated = generator.notebook()
    assert [(c.cell_type, c.source) for c in stored.cells] == [(c.cell_type, c.source) for c in generated.cells], \
        "notebooks/explore.ipynb differs from what notebooks/make_explore.py writes: run the script"


def test_notebook_runs_on_the_hand_built_graph(kernel, tmp_path):
    graph = tmp_path / "graph.json"
    graph.write_text(json.dumps(graph_json(seedlike_graph()), ensure_ascii=False), encoding="utf-8")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(0, new_code_cell(PREAMBLE.format(graph=graph)))
    text = outputs_text(execute(nb, ROOT, kernel))
    assert "Mattias Diependale" in text and "Catholic University of Lille" in text  # Vassilenko's contacts
    assert "closest" in text                       # the unknown-name cell printed its hint
    assert "Faisal bin Farhan Al Saud" in text     # meetings between Kazakhstan and Saudi Arabia
    assert "<iframe srcdoc=" in text               # the embedded ego view
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 3                        # three plots


@pytest.mark.models
def test_notebook_runs_on_the_seed_corpus(kernel):
    nb = execute(nbformat.read(NOTEBOOK, as_version=4), ROOT / "notebooks", kernel)
    text = outputs_text(nb)
    assert "<iframe srcdoc=" in text and "Roman Vassilenko" in text
