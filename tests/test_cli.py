"""`kg build` end to end, as a user runs it."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS


def run_kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_build_seeds_writes_tables_and_report(tmp_path):
    out = tmp_path / "out"
    proc = run_kg("build", str(SEEDS), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "5 files, 33 items" in proc.stdout
    with (out / "dispatches.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 33 and {r["lang"] for r in rows} == {"en", "ru"}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in report["files"]] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(f["status"] in ("ok", "warning") for f in report["files"])


def test_default_input_is_seeds_folder(tmp_path):
    proc = run_kg("build", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    assert "33 items" in proc.stdout


def test_bad_files_are_reported_and_good_ones_still_built(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes((SEEDS / "000_0679a83f871a11a5.txt").read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    proc = run_kg("build", str(corpus), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "empty.txt: empty file" in proc.stderr and "binary.txt: binary file" in proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert status == {"binary.txt": "error", "empty.txt": "error", "good.txt": "ok"}
    assert len(list(csv.DictReader((out / "dispatches.csv").open(encoding="utf-8")))) == 1
    # --strict turns any failed file into a non-zero exit, after writing the outputs
    strict = run_kg("build", str(corpus), "--out", str(tmp_path / "out2"), "--strict")
    assert strict.returncode == 2 and (tmp_path / "out2" / "dispatches.csv").exists()


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run_kg("build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "nothing could be read" in proc.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text())["files"][0]["status"] == "error"


def test_the_same_item_in_two_files_is_kept_once_with_both_sources(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = (SEEDS / "000_0679a83f871a11a5.txt").read_bytes()
    (corpus / "a.txt").write_bytes(seed)
    (corpus / "b.txt").write_bytes(seed)
    out = tmp_path / "out"
    proc = run_kg("build", str(corpus), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    dispatches = list(csv.DictReader((out / "dispatches.csv").open(encoding="utf-8")))
    assert len(dispatches) == 1 and dispatches[0]["sources"].count("|") == 1
    interactions = list(csv.DictReader((out / "interactions.csv").open(encoding="utf-8")))
    assert {r["file"] for r in interactions} == {"a.txt", "b.txt"} and len({r["dispatch_id"] for r in interactions}) == 1
    officials = list(csv.DictReader((out / "officials.csv").open(encoding="utf-8")))
    assert all(set(r["files"].split("|")) == {"a.txt", "b.txt"} for r in officials)
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sum(1 for e in graph["edges"] if e["type"] == "interaction") == 1   # one encounter in the graph
