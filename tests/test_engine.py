"""Extraction engines give the same outputs: one process, several (``--jobs``), a Dask cluster."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS

OUTPUTS = ("dispatches.csv", "officials.csv", "interactions.csv", "encounters.csv", "institutions.csv", "countries.csv",
           "graph.json", "graph.graphml", "graph.gexf", "graph.html", "report.json")


def _outputs(out: Path) -> dict[str, bytes]:
    return {f: (out / f).read_bytes() for f in OUTPUTS}


@pytest.fixture(scope="module")
def local_outputs(tmp_path_factory) -> dict[str, bytes]:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("local")
    build([SEEDS], out, cache=False)
    return _outputs(out)


def test_batches_keep_order() -> None:
    from kg.engine import batches

    assert [len(b) for b in batches(list(range(10)), 4)] == [4, 4, 2]   # type: ignore[arg-type]
    assert [x for b in batches(list(range(10)), 4) for x in b] == list(range(10))   # type: ignore[arg-type]


def test_unknown_engine() -> None:
    from kg.engine import run

    with pytest.raises(ValueError, match="unknown engine"):
        list(run([], engine="spark"))


@pytest.mark.models
@pytest.mark.slow
def test_jobs_2_is_identical_to_jobs_1(tmp_path: Path, local_outputs: dict[str, bytes]) -> None:
    from kg.pipeline import build

    result = build([SEEDS], tmp_path, jobs=2, cache=False)
    assert result.extract_stats.engine == "local, 2 processes"
    assert _outputs(tmp_path) == local_outputs


@pytest.mark.models
@pytest.mark.slow
def test_dask_local_cluster_is_identical(tmp_path: Path, local_outputs: dict[str, bytes]) -> None:
    pytest.importorskip("distributed")
    from kg.pipeline import build

    result = build([SEEDS], tmp_path, engine="dask", jobs=2, cache=False)
    assert result.extract_stats.engine.startswith("dask")
    assert _outputs(tmp_path) == local_outputs


@pytest.mark.models
@pytest.mark.slow
def test_dask_scheduler_address(tmp_path: Path, local_outputs: dict[str, bytes]) -> None:
    """``--scheduler ADDRESS``: any running cluster (here a local one, started by the test)."""
    distributed = pytest.importorskip("distributed")
    from kg.pipeline import build

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = build([SEEDS], tmp_path, engine="dask", scheduler=cluster.scheduler_address, cache=False)
    assert cluster.scheduler_address in result.extract_stats.engine
    assert _outputs(tmp_path) == local_outputs


@pytest.mark.models
@pytest.mark.slow
def test_cli_engine_options(tmp_path: Path, local_outputs: dict[str, bytes]) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--engine", "spark"])
    assert bad.exit_code != 0
    bad = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert bad.exit_code != 0
    ok = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--jobs", "2", "--no-cache"])
    assert ok.exit_code == 0, ok.output
    assert _outputs(tmp_path) == local_outputs
