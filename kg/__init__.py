"""kg: a diplomatic-contacts knowledge graph built from ministry and news-agency dispatches.

In a notebook::

    import kg
    g = kg.build(["seeds"])        # run the pipeline in memory → kg.query.KnowledgeGraph
    g = kg.load("output")          # or read a finished build's graph.json
    g.contacts("Roman Vassilenko")

Both are thin and lazy, so that ``import kg`` stays cheap.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.query import KnowledgeGraph

__version__ = "0.1.0"


def load(path: str | os.PathLike[str] = "output") -> KnowledgeGraph:
    """Read a finished build (its folder, or ``graph.json`` itself) into a ``kg.query.KnowledgeGraph``."""
    from kg.query import KnowledgeGraph

    return KnowledgeGraph.load(path)


def build(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("seeds",),
          out: str | os.PathLike[str] | None = None, **kwargs: Any) -> KnowledgeGraph:
    """Run the pipeline over ``paths`` (files or folders) into a ``kg.query.KnowledgeGraph``.

    ``out=None`` keeps everything in memory; give a folder to also write the outputs there.
    """
    from kg.query import KnowledgeGraph

    return KnowledgeGraph.build(paths, out=out, **kwargs)
