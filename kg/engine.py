"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Every engine cuts the items into batches, runs ``extract_batch`` on each (``nlp.pipe`` over the
batch, then the rules) and yields the results in input order, so the output never depends on
the engine or on the number of workers. A worker process loads the models once (the module-level
caches of ``kg.extract.nlp`` and ``kg.gazetteer``) and keeps them for every batch it is given.
"""
from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from kg.model import Dispatch, ItemExtraction

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
#: Items per task: big enough for ``nlp.pipe`` batching and to pay a task's overhead, small
#: enough to keep every worker busy to the end and the progress bar moving.
BATCH_ITEMS = 64

#: Called with the number of items each time a batch is done (progress bars).
Progress = Callable[[int], None]


def extract_batch(batch: Sequence[Dispatch]) -> list[ItemExtraction]:
    """Extract a batch of items (any mix of languages); results in the batch's order."""
    from kg.extract import extract_items

    found = {id(d): ex for d, ex in extract_items(batch)}
    return [found[id(d)] for d in batch]


def warm_up() -> None:
    """Load the gazetteer and both pipelines (a worker's initializer: the first batch is not slower)."""
    from kg.gazetteer import gazetteer
    from kg.extract.nlp import english, russian

    gazetteer()
    english()
    russian()


def batches(items: Sequence[Dispatch], size: int = BATCH_ITEMS) -> list[list[Dispatch]]:
    """Consecutive batches of items (``extract_items`` pipes each language of a batch separately)."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def run(items: Sequence[Dispatch], *, engine: str = "local", jobs: int = 1, scheduler: str | None = None,
        batch_size: int = BATCH_ITEMS, on_done: Progress | None = None) -> Iterator[list[ItemExtraction]]:
    """Extract ``items``; yields one list of results per batch, batches in input order."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    work = batches(items, batch_size)
    if not work:
        return
    if engine == "dask":
        yield from _run_dask(work, jobs, scheduler, on_done)
    elif jobs <= 1:
        for batch in work:
            result = extract_batch(batch)
            if on_done:
                on_done(len(batch))
            yield result
    else:
        yield from _run_pool(work, jobs, on_done)


def _run_pool(work: list[list[Dispatch]], jobs: int, on_done: Progress | None) -> Iterator[list[ItemExtraction]]:
    # spawn, not fork: a fresh interpreter per worker, so no BLAS or tqdm thread is forked half-way
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context, initializer=warm_up) as pool:
        yield from _in_order([pool.submit(extract_batch, b) for b in work], work, on_done)


def _in_order(futures: list[Future], work: list[list[Dispatch]], on_done: Progress | None) -> Iterator[list[ItemExtraction]]:
    for future, batch in zip(futures, work):
        result = future.result()
        if on_done:
            on_done(len(batch))
        yield result


def _run_dask(work: list[list[Dispatch]], jobs: int, scheduler: str | None, on_done: Progress | None) -> Iterator[list[ItemExtraction]]:
    """Batches as Dask tasks: on a local cluster of ``jobs`` processes, or the cluster at ``scheduler``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:   # an optional extra: say how to get it
        raise RuntimeError("--engine dask needs Dask: pip install 'kg[dask]'") from err
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("distributed").setLevel(logging.WARNING)   # its start-up chatter is not kg's news
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # one single-threaded worker process per job: spaCy and the rules hold the GIL
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.WARNING)
        client = Client(cluster)
    try:
        client.run(warm_up)   # every worker loads the models now, all at once, not on its first batch
        futures = client.map(extract_batch, work, pure=False)
        yield from _in_order(futures, work, on_done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def describe(engine: str, jobs: int, scheduler: str | None) -> str:
    if engine == "dask":
        return f"dask ({scheduler or f'local cluster of {max(1, jobs)}'})"
    return "local" if jobs <= 1 else f"local, {jobs} processes"
