"""Outputs survive a killed build, and two builds of one corpus are byte-identical.

A build writes its files into a hidden staging folder and moves them in at the end, report.json
last (kg.atomic.OutputSet). The kill test starts real `kg build` processes and SIGKILLs them: once
while they write (nothing visible may change), once in the middle of moving files in (every file
complete, old or new, and the set's report says it is mixed), then builds again (all new, one
consistent set, nothing left behind). The determinism test runs two builds in separate processes
with different hash seeds, one without the extraction cache, and compares every output byte.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hostile import BAD, HOSTILE_FILE_NAME

from conftest import ROOT, SEEDS
from kg.atomic import STAGING_PREFIX, OutputSet, check_outputs, write_text
from kg.export import write_gexf

OUTPUTS = {"dispatches.csv", "officials.csv", "interactions.csv", "encounters.csv", "institutions.csv", "countries.csv",
           "graph.json", "graph.graphml", "graph.gexf", "graph.html", "report.json"}

# `kg build` that stalls (until killed) right after moving its first few files into place
STALL_WHILE_MOVING_IN = """
import runpy, sys, time
import kg.atomic as atomic
marker, after = sys.argv[1], int(sys.argv[2])
del sys.argv[1:3]
real, moved = atomic._move_in, []
def move_then_stall(staged, target):
    real(staged, target)
    moved.append(target)
    if len(moved) == after:
        open(marker, "w").close()
        time.sleep(600)
atomic._move_in = move_then_stall
runpy.run_module("kg.cli", run_name="__main__", alter_sys=True)
"""


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def env(hash_seed: int) -> dict[str, str]:
    # another hash seed changes the order of every set and dict of strings a build might iterate
    return {**os.environ, "PYTHONHASHSEED": str(hash_seed)}


def output_files(out: Path) -> dict[str, bytes]:
    """The visible files of an output folder (hidden ones are staging, the cache and the lock)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the hand-made bad files, and a file name made of markup."""
    root = tmp_path_factory.mktemp("durability") / "corpus"
    root.mkdir()
    for f in [*SEEDS.glob("*.txt"), *BAD.iterdir()]:
        shutil.copy(f, root / f.name)
    (root / HOSTILE_FILE_NAME).write_text(" date 2026-02-20\nAmbassador of Kazakhstan to Chile Yerkin Akhinzhanov met "
                                          "with Minister of Foreign Affairs of Chile Alberto van Klaveren.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def two_builds(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two independent builds of the corpus, run side by side."""
    base = tmp_path_factory.mktemp("two-builds")
    a, b = base / "a", base / "b"
    procs = [
        subprocess.Popen(kg_cmd("build", str(corpus), "--out", str(a)), cwd=ROOT, env=env(1),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen(kg_cmd("build", str(corpus), "--out", str(b), "--no-cache"), cwd=ROOT, env=env(2),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err[-3000:]
    return a, b


# ---------------------------------------------------------------------------- determinism


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    a, b = (output_files(out) for out in two_builds)
    assert set(a) == set(b) == OUTPUTS
    differ = [name for name in sorted(a) if a[name] != b[name]]
    assert differ == [], f"these outputs differ between two builds of the same input: {differ}"


def test_gexf_carries_no_date_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           two_builds: tuple[Path, Path]) -> None:
    """networkx stamps GEXF files with today's date; kg leaves it out (or takes SOURCE_DATE_EPOCH)."""
    import networkx as nx

    assert b"lastmodifieddate" not in (two_builds[0] / "graph.gexf").read_bytes()
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="k", type="interaction")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with (tmp_path / "g.gexf").open("wb") as fh:
        write_gexf(g, fh)
    assert b'lastmodifieddate="2023-11-14"' in (tmp_path / "g.gexf").read_bytes()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 1


# ---------------------------------------------------------------------------- the output set


def test_output_set_moves_files_in_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputSet(out) as outputs:
        write_text(outputs.path("a.csv"), "old a\n")
        write_text(outputs.path("report.json"), "{}\n")
    with pytest.raises(RuntimeError), OutputSet(out) as outputs:
        write_text(outputs.path("a.csv"), "new a\n")
        raise RuntimeError("the build failed while writing")
    assert output_files(out) == {"a.csv": b"old a\n", "report.json": b"{}\n"}
    assert not list(out.glob(f"{STAGING_PREFIX}*")), "the failed build's staging folder is gone"


def test_output_set_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stale = out / f"{STAGING_PREFIX}killed"
    stale.mkdir(parents=True)
    (stale / "graph.html").write_text("<html><bo", encoding="utf-8")   # half-written
    with OutputSet(out) as outputs:
        write_text(outputs.path("report.json"), "{}\n")
    assert not stale.exists() and output_files(out) == {"report.json": b"{}\n"}


def test_report_lists_every_other_output_and_check_outputs_notices_a_change(two_builds: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(two_builds[0], out)
    assert check_outputs(out) == []
    import json

    listed = json.loads((out / "report.json").read_text(encoding="utf-8"))["outputs"]
    assert set(listed) == OUTPUTS - {"report.json"}
    (out / "officials.csv").write_bytes((out / "officials.csv").read_bytes()[:-10])   # truncated
    (out / "graph.gexf").unlink()
    assert sorted(p.split(":")[0] for p in check_outputs(out)) == ["graph.gexf", "officials.csv"]


# ---------------------------------------------------------------------------- the kill test


def test_killed_builds_leave_complete_outputs_and_the_next_build_completes(
    corpus: Path, two_builds: tuple[Path, Path], seed_build: Any, tmp_path: Path
) -> None:
    new = output_files(two_builds[0])
    out = tmp_path / "out"
    out.mkdir()
    for name, data in output_files(Path(seed_build.out)).items():   # a previous build, of another corpus
        (out / name).write_bytes(data)
    old = output_files(out)
    assert set(old) == OUTPUTS and all(old[n] != new[n] for n in ("dispatches.csv", "report.json"))

    # 1. SIGKILL while the build writes its files: nothing visible has changed
    proc = subprocess.Popen(kg_cmd("build", str(corpus), "--out", str(out)), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: any(out.glob(f"{STAGING_PREFIX}*")), proc, "the build to start writing")
        time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert output_files(out) == old

    # 2. SIGKILL after three of the files were moved in: every file complete, old or new
    marker = tmp_path / "stalled"
    proc = subprocess.Popen([sys.executable, "-c", STALL_WHILE_MOVING_IN, str(marker), "3",
                             "build", str(corpus), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(marker.exists, proc, "three files to be moved in")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    now = output_files(out)
    assert set(now) == OUTPUTS
    moved = sorted(OUTPUTS - {"report.json"})[:3]
    for name in OUTPUTS:
        assert now[name] == (new[name] if name in moved else old[name]), name
    assert check_outputs(out) != [], "report.json (moved in last) tells that the set is mixed"

    # 3. the next build completes: every file new, one consistent set, nothing left behind
    done = subprocess.run(kg_cmd("build", str(corpus), "--out", str(out)), cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert output_files(out) == new
    assert check_outputs(out) == []
    assert not [p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name.endswith(".tmp")]


def _wait_for(condition: Any, proc: subprocess.Popen, what: str, timeout: float = 600.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the build ended (status {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.002)
