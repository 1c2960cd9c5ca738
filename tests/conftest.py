"""Shared fixtures: the seed corpus, the gold annotation, and a seed build made once per session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "gold" / "seeds.json"


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    if not GOLD.exists():
        pytest.skip("../shared/eval/gold/seeds.json is not beside the checkout")
    return json.loads(GOLD.read_text(encoding="utf-8"))["dispatches"]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One full build of the seed corpus, shared by the tests that read its outputs."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    return build([SEEDS], out)


@pytest.fixture(scope="session")
def seed_kg(seed_build):
    """The seed build's graph as a user gets it: ``kg.load`` of the graph.json it wrote."""
    from kg.query import KnowledgeGraph

    assert seed_build.graph is not None, "the pipeline built no graph from the seed corpus (extraction not wired yet)"
    return KnowledgeGraph.load(seed_build.out)
