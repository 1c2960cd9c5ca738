"""The whole job: read → extract → resolve → build → export, for the CLI and for notebooks."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.extract import extract_items
from kg.graph import build_graph
from kg.model import Dispatch, FileReport, ItemExtraction, Resolution
from kg.read import read_paths
from kg.resolve import resolve

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildResult:
    """What one build produced, with the figures the CLI prints."""

    out: Path | None
    reports: list[FileReport]
    dispatches: list[Dispatch]
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    graph: Any = None
    extractions: list[ItemExtraction] = field(default_factory=list)
    resolution: Resolution | None = None

    @property
    def failed_files(self) -> list[FileReport]:
        return [r for r in self.reports if r.status == "error"]


def read_corpus(
    paths: Sequence[str | os.PathLike[str]], progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None
) -> tuple[list[FileReport], list[Dispatch]]:
    """Read every file; the same item found in several files is kept once, with all its sources."""
    reports: list[FileReport] = []
    by_id: dict[str, Dispatch] = {}
    order: list[str] = []
    stream: Iterable[tuple[FileReport, list[Dispatch]]] = read_paths(paths)
    if progress is not None:
        stream = progress(stream)
    for report, items in stream:
        reports.append(report)
        for item in items:
            first = by_id.get(item.id)
            if first is None:
                by_id[item.id] = item
                order.append(item.id)
            else:
                # the same news item in another file: keep the first, remember the other source
                from dataclasses import replace

                by_id[item.id] = replace(first, sources=(*first.sources, item.path))
                report.notes.append(f"item {item.index} ({item.headline[:60]!r}) duplicates an item of {first.file}; kept once")
    return reports, [by_id[i] for i in order]


def extract_corpus(dispatches: list[Dispatch], progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None) -> list[ItemExtraction]:
    """Extraction results in the order of ``dispatches``."""
    by_id = {d.id: ex for d, ex in extract_items(dispatches, progress=progress)}
    return [by_id[d.id] for d in dispatches]


def build(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str] | None = "output",
    *,
    progress: bool = False,
) -> BuildResult:
    """Run the pipeline over ``paths`` (files or folders) and write every output into ``out``."""
    from kg import export

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    bar = _progress_factory(progress)
    reports, dispatches = read_corpus(paths, progress=bar("reading files", unit="file") if bar else None)
    timings["read"] = time.perf_counter() - t0
    result = BuildResult(out=Path(out) if out is not None else None, reports=reports, dispatches=dispatches, timings=timings)
    t = time.perf_counter()
    result.extractions = extract_corpus(dispatches, progress=bar("extracting", unit="item", total=len(dispatches)) if bar else None)
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    result.resolution = resolve(list(zip(dispatches, result.extractions)))
    timings["resolve"] = time.perf_counter() - t
    t = time.perf_counter()
    result.graph = build_graph(result.resolution, dispatches)
    timings["graph"] = time.perf_counter() - t
    res = result.resolution
    result.counts = {"files": len(reports), "items": len(dispatches), "officials": len(res.persons),
                     "institutions": len(res.institutions), "countries": len(res.countries),
                     "interactions": len(res.encounters), "failed_files": len(result.failed_files)}
    if out is not None:
        t = time.perf_counter()
        export.write_outputs(result, Path(out))
        timings["export"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return result


def _progress_factory(enabled: bool) -> Callable[..., Callable[[Iterable[Any]], Iterable[Any]]] | None:
    if not enabled:
        return None
    from tqdm import tqdm

    def factory(desc: str, unit: str = "it", total: int | None = None) -> Callable[[Iterable[Any]], Iterable[Any]]:
        return lambda it: tqdm(it, desc=desc, unit=unit, total=total, leave=False, dynamic_ncols=True)

    return factory
