"""The whole job: read → extract → resolve → build → export, for the CLI and for notebooks."""
from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.graph import build_graph
from kg.model import Dispatch, FileReport, ItemExtraction, Resolution
from kg.read import read_paths
from kg.resolve import resolve

log = logging.getLogger(__name__)

#: The extraction cache of a build: ``<out>/.kg-cache/extract.sqlite`` unless told otherwise.
CACHE_DIR = ".kg-cache"
CACHE_FILE = "extract.sqlite"


@dataclass(slots=True)
class ExtractStats:
    """How the items' extractions were obtained (kept out of report.json: a rebuild's outputs are the same)."""

    extracted: int = 0          # analysed in this build
    cached: int = 0             # taken from the extraction cache
    engine: str = "local"
    cache: str | None = None    # the cache file, if any
    up_to_date: bool = False    # the outputs were already those of this corpus: nothing was redone


@dataclass(slots=True)
class BuildResult:
    """What one build produced, with the figures the CLI prints."""

    out: Path | None
    reports: list[FileReport]
    dispatches: list[Dispatch]
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    graph: Any = None
    extractions: list[ItemExtraction] = field(default_factory=list)   # empty when the outputs were up to date
    resolution: Resolution | None = None                               # None then too (the graph is read back)
    extract_stats: ExtractStats | None = None

    @property
    def failed_files(self) -> list[FileReport]:
        return [r for r in self.reports if r.status == "error"]


def read_corpus(
    paths: Sequence[str | os.PathLike[str]], progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
    fields: dict[str, str] | None = None,
) -> tuple[list[FileReport], list[Dispatch]]:
    """Read every file; the same item found in several files is kept once, with all its sources.

    ``fields``: feed field names that are not the usual ones (``{"text": "content"}``).
    """
    reports: list[FileReport] = []
    by_id: dict[str, Dispatch] = {}
    order: list[str] = []
    stream: Iterable[tuple[FileReport, list[Dispatch]]] = read_paths(paths, fields=fields)
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
    """Extraction results in the order of ``dispatches`` (in this process, no cache)."""
    from kg.extract import extract_items

    by_id = {d.id: ex for d, ex in extract_items(dispatches, progress=progress)}
    return [by_id[d.id] for d in dispatches]


def extract_cached(
    dispatches: list[Dispatch],
    *,
    cache_path: str | os.PathLike[str] | None = None,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[int], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> tuple[list[ItemExtraction], ExtractStats]:
    """Extraction results in the order of ``dispatches``: from the cache where it has them, else
    from the engine (and then stored, batch by batch, so a killed build keeps what it finished).

    ``on_plan`` is told how many items need analysing, ``on_done`` each time a batch of them is done.
    """
    from dataclasses import replace

    from kg import engine as engines
    from kg.cache import ExtractionCache, item_key

    stats = ExtractStats(engine=engines.describe(engine, jobs, scheduler), cache=str(cache_path) if cache_path else None)
    cache = ExtractionCache(cache_path) if cache_path is not None else None
    try:
        keys = [item_key(d) for d in dispatches]
        hits = cache.get_many(keys) if cache is not None else {}
        results: list[ItemExtraction | None] = [None] * len(dispatches)
        todo: list[int] = []
        for i, (d, key) in enumerate(zip(dispatches, keys)):
            hit = hits.get(key)
            if hit is None:
                todo.append(i)
            else:
                # the cache is keyed by text; the id is the item's own (an item equal up to case shares the text's result)
                results[i] = replace(hit, dispatch_id=d.id)
        stats.cached, stats.extracted = len(dispatches) - len(todo), len(todo)
        if on_plan is not None:
            on_plan(len(todo))
        pending = [dispatches[i] for i in todo]
        done = 0
        for batch in engines.run(pending, engine=engine, jobs=jobs, scheduler=scheduler, on_done=on_done):
            for ex in batch:
                results[todo[done]] = ex
                done += 1
            if cache is not None:
                cache.put_many((keys[i], results[i]) for i in todo[done - len(batch):done])  # type: ignore[misc]
    finally:
        if cache is not None:
            cache.close()
    return [r for r in results if r is not None], stats


def build(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str] | None = "output",
    *,
    progress: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    judgements: str | os.PathLike[str] | None = None,
    fields: dict[str, str] | None = None,
) -> BuildResult:
    """Run the pipeline over ``paths`` (files or folders) and write every output into ``out``.

    ``jobs``: extraction processes; ``engine``: ``local`` or ``dask`` (a local cluster of ``jobs``
    workers, or the cluster at ``scheduler``); ``cache``: reuse per-item extractions from
    ``cache_dir`` (default ``<out>/.kg-cache``; no cache for an in-memory build without one).
    """
    from kg import export

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    bar = _progress_factory(progress)
    reports, dispatches = read_corpus(paths, progress=bar("reading files", unit="file") if bar else None, fields=fields)
    timings["read"] = time.perf_counter() - t0
    result = BuildResult(out=Path(out) if out is not None else None, reports=reports, dispatches=dispatches, timings=timings)
    t = time.perf_counter()
    folder = cache_dir if cache_dir is not None else (Path(out) / CACHE_DIR if out is not None else None)
    cache_path = Path(folder) / CACHE_FILE if cache and folder is not None else None
    signature = None
    if cache_path is not None and out is not None:
        from kg.cache import build_signature, outputs_up_to_date

        signature = build_signature(dispatches, reports)
        if judgements:
            # other judgements, other people: the outputs of the last build no longer hold
            import hashlib

            signature = hashlib.sha256((signature + Path(judgements).read_text(encoding="utf-8")).encode()).hexdigest()
        if outputs_up_to_date(Path(out), cache_path.parent, signature):
            return _unchanged(result, Path(out), t0, cache_path)
    with _counter("extracting", progress) as (on_plan, on_done):
        result.extractions, result.extract_stats = extract_cached(
            dispatches, cache_path=cache_path, engine=engine, jobs=jobs, scheduler=scheduler, on_done=on_done, on_plan=on_plan)
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    from kg.resolve import load_judgements

    result.resolution = resolve(list(zip(dispatches, result.extractions)),
                                load_judgements(judgements) if judgements else None)
    timings["resolve"] = time.perf_counter() - t
    t = time.perf_counter()
    result.graph = build_graph(result.resolution, dispatches)
    _link_sources(result.graph, dispatches)
    timings["graph"] = time.perf_counter() - t
    res = result.resolution
    result.counts = {"files": len(reports), "items": len(dispatches), "officials": len(res.persons),
                     "institutions": len(res.institutions), "countries": len(res.countries),
                     "interactions": sum(len(e.report_list()) for e in res.encounters),
                     "encounters": len(res.encounters), "failed_files": len(result.failed_files)}
    if out is not None:
        export.write_outputs(result, Path(out), timings)
        if signature is not None and cache_path is not None:
            from kg.cache import record_build

            record_build(Path(out), cache_path.parent, signature)
    timings["total"] = time.perf_counter() - t0
    return result


def _link_sources(g: Any, dispatches: list[Dispatch]) -> None:
    """Each interaction edge gets its item's URL where the item has one (a page's canonical link,
    a feed's url field): the viewer offers it as the evidence's source."""
    urls = {d.id: d.url for d in dispatches if d.url}
    if not urls:
        return
    for _, _, data in g.edges(data=True):
        url = urls.get(data.get("dispatch_id"))
        if url and data.get("type") == "interaction":
            data["url"] = url


def _unchanged(result: BuildResult, out: Path, t0: float, cache_path: Path) -> BuildResult:
    """The same items, the same kg, the outputs intact: nothing to redo; the graph is read back."""
    import json

    from kg.export import load_graph_json

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    result.counts = dict(report.get("counts", {}))
    result.graph = load_graph_json(json.loads((out / "graph.json").read_text(encoding="utf-8")))
    result.extract_stats = ExtractStats(cached=len(result.dispatches), up_to_date=True, cache=str(cache_path))
    result.timings["total"] = time.perf_counter() - t0
    return result


@contextlib.contextmanager
def _counter(desc: str, enabled: bool) -> Iterator[tuple[Callable[[int], None] | None, Callable[[int], None] | None]]:
    """A progress bar driven by callbacks: (set the total, add done items); ``(None, None)`` when off."""
    if not enabled:
        yield None, None
        return
    from tqdm import tqdm

    with tqdm(desc=desc, unit="item", total=0, leave=False, dynamic_ncols=True) as bar:
        def plan(total: int) -> None:
            bar.total = total
            bar.refresh()

        yield plan, bar.update


def _progress_factory(enabled: bool) -> Callable[..., Callable[[Iterable[Any]], Iterable[Any]]] | None:
    if not enabled:
        return None
    from tqdm import tqdm

    def factory(desc: str, unit: str = "it", total: int | None = None) -> Callable[[Iterable[Any]], Iterable[Any]]:
        return lambda it: tqdm(it, desc=desc, unit=unit, total=total, leave=False, dynamic_ncols=True)

    return factory
