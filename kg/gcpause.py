"""Pause the cyclic garbage collector while a stage builds large, long-lived structures."""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Run a block (or, as a decorator, a function) without cyclic garbage collection.

    Resolving, building the graph and writing its files allocate millions of small objects
    (mentions, attribute dicts, XML elements) that stay alive until the stage ends: the
    collector's passes over them free nothing and cost up to a third of those stages.
    Reference counting still frees everything that is not a cycle; the collector is back on
    (if it was on) when the block ends, however it ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
