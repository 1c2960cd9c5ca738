"""Write a build's outputs: tables for pandas and the scorer, graph files, the viewer."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.atomic import write_csv, write_json

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

log = logging.getLogger(__name__)

DISPATCH_COLUMNS = ["id", "file", "index", "line", "date", "time", "date_source", "lang", "headline", "sources", "chars"]


def write_outputs(result: "BuildResult", out: Path) -> None:
    """Write every output file of a build into ``out`` (each one atomically)."""
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "dispatches.csv", DISPATCH_COLUMNS, dispatch_rows(result))
    write_json(out / "report.json", report_data(result))


def dispatch_rows(result: "BuildResult") -> list[dict]:
    return [
        {
            "id": d.id,
            "file": d.file,
            "index": d.index,
            "line": d.line,
            "date": d.date,
            "time": d.time,
            "date_source": d.date_source,
            "lang": d.lang,
            "headline": d.headline,
            "sources": [d.path, *d.sources],
            "chars": len(d.body),
        }
        for d in result.dispatches
    ]


def report_data(result: "BuildResult") -> dict:
    return {
        "kg_version": __version__,
        "counts": result.counts,
        "files": [r.to_dict() for r in result.reports],
    }
