"""Quality floors, measured by the project's scorer (``../shared/eval/score.py``) on the seed corpus
and on three held-out corpora (``tests/data/dev*``, written to test generalisation)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import GOLD, ROOT

pytestmark = pytest.mark.models

SCORER = GOLD.parent.parent / "score.py"
DEV = ROOT / "tests" / "data" / "dev"
DEV2 = ROOT / "tests" / "data" / "dev2"
DEV3 = ROOT / "tests" / "data" / "dev3"


def _scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    spec = importlib.util.spec_from_file_location("kg_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _score(gold: Path, out: Path) -> dict:
    score = _scorer()
    g = score.Gold(gold)
    inter = score.score_interactions(g, score.read_csv(out / "interactions.csv"))
    officials, country, identity = score.score_officials(g, score.read_csv(out / "officials.csv"))
    return {"interactions": inter, "officials": officials, "country": country, "identity": identity}


def test_seed_corpus_quality(seed_build):
    s = _score(GOLD, seed_build.out)
    assert s["interactions"]["f1"] >= 0.95, s["interactions"]["missed"] + s["interactions"]["spurious"]
    assert s["interactions"]["kind_accuracy"] >= 0.95 and s["interactions"]["date_accuracy"] >= 0.95
    assert s["officials"]["f1"] >= 0.95
    assert s["country"]["accuracy"] >= 0.90
    assert s["identity"]["f1"] >= 0.90


# (corpus, interactions F1 and kind/date accuracy, officials F1, country accuracy, identity F1): the second corpus was
# written after the rules, with layouts and constructions the first lacks (Russian dateline digests,
# presidential and government releases, summits), so its floors are lower. The third (new people and
# constructions: occasion phrases, "also attended", lectures, delegations of a state's parliament) has
# no person in two files, so no identity floor.
HELD_OUT = [(DEV, 0.90, 0.90, 0.90, 0.90), (DEV2, 0.85, 0.90, 0.80, 0.90), (DEV3, 0.85, 0.90, 0.85, None)]


@pytest.mark.parametrize("corpus,inter,officials,country,identity", HELD_OUT, ids=["dev", "dev2", "dev3"])
def test_held_out_corpus_quality(tmp_path_factory, corpus, inter, officials, country, identity):
    from kg.pipeline import build

    out = tmp_path_factory.mktemp(f"{corpus.name}-build")
    build([corpus], out)
    s = _score(corpus / "gold.json", out)
    assert s["interactions"]["f1"] >= inter, s["interactions"]["missed"] + s["interactions"]["spurious"]
    assert s["interactions"]["kind_accuracy"] >= inter and s["interactions"]["date_accuracy"] >= inter
    assert s["officials"]["f1"] >= officials
    assert s["country"]["accuracy"] >= country
    if identity is not None:
        assert s["identity"]["f1"] >= identity
