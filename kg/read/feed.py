"""Read a scraper's feed: JSON Lines (``.jsonl``, ``.ndjson``) or a CSV export, one record per item.

Each record gives an item's text and, where it has them, its title, date, URL and language, under the
usual field names (``data/reader.yaml``: ``feed_fields``) or under names the user maps
(``kg build --field text=content``). A bad record (not JSON, not UTF-8, no text, too long) is reported
with its line number and the other records are read.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.boilerplate import find_date
from kg.data import load_yaml
from kg.model import Dispatch, FileReport

log = logging.getLogger(__name__)

#: A record longer than this (characters of text) is refused: a news item is a few thousand.
MAX_RECORD_CHARS = 1_000_000
#: Problems listed one by one per file; beyond this they are counted.
MAX_LISTED = 50

FIELDS = ("text", "title", "date", "url", "lang")


def field_names(mapping: dict[str, str] | None) -> dict[str, list[str]]:
    """The names looked up for each field: the user's mapping first, then the usual names."""
    usual: dict[str, list[str]] = {k: list(v) for k, v in load_yaml("reader.yaml")["feed_fields"].items()}
    for key, name in (mapping or {}).items():
        usual[key] = [name, *[n for n in usual.get(key, []) if n != name]]
    return usual


def parse_field_options(options: list[str]) -> dict[str, str]:
    """``["text=content", "date=pubDate"]`` → ``{"text": "content", "date": "pubDate"}``; raises ValueError."""
    mapping: dict[str, str] = {}
    for option in options:
        key, sep, name = option.partition("=")
        key, name = key.strip(), name.strip()
        if not sep or not name or key not in FIELDS:
            raise ValueError(f"{option!r}: expected FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        mapping[key] = name
    return mapping


def read_feed(data: bytes, path: Path, report: FileReport, fields: dict[str, str] | None = None) -> list[Dispatch]:
    names = field_names(fields)
    records = _csv_records(data, path, report) if path.suffix.lower() == ".csv" else _jsonl_records(data, path, report)
    items: list[Dispatch] = []
    problems = 0
    from kg.read import parse_record

    for line, record in records:
        if record is None:
            problems += 1
            continue
        problem = None
        text = _pick(record, names["text"])
        if not isinstance(text, str) or not text.strip():
            problem = f"no text (looked for {', '.join(names['text'])}; `--field text=NAME` names another field)"
        elif len(text) > MAX_RECORD_CHARS:
            problem = f"text is {len(text):,} characters, over the {MAX_RECORD_CHARS:,}-character limit for one item; not read"
        if problem:
            problems += 1
            _problem(report, path, line, problem, problems)
            continue
        title = _pick(record, names["title"])
        date = _date(_pick(record, names["date"]))
        url = safe_url(_pick(record, names["url"]))
        lang = _pick(record, names["lang"])
        item = parse_record(title if isinstance(title, str) else None, text, date, path, report,
                            index=len(items), line=line, url=url, lang=lang if isinstance(lang, str) else None)
        if item is not None:
            items.append(item)
    if problems > MAX_LISTED:
        report.warn(f"{path}: {problems} bad records in all ({problems - MAX_LISTED} not listed)")
    return items


def _problem(report: FileReport, path: Path, line: int, message: str, count: int) -> None:
    if count <= MAX_LISTED:
        report.warn(f"{path}: line {line}: {message}; the other records are read")


def _pick(record: dict[str, Any], names: list[str]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        if name in record:
            return record[name]
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date()   # an RSS date: "Tue, 03 Mar 2026 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(value)


def safe_url(value: Any) -> str | None:
    """An http(s) URL, or ``None``: a ``javascript:`` or ``data:`` URL never becomes a link."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > 2000 or any(c.isspace() or ord(c) < 32 for c in value):
        return None
    lower = value.lower()
    return value if lower.startswith(("http://", "https://")) else None


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    start, no = 0, 1
    if data.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
    n = len(data)
    while start < n:
        end = data.find(b"\n", start)
        if end < 0:
            end = n
        yield no, data[start:end]
        start, no = end + 1, no + 1


def _jsonl_records(data: bytes, path: Path, report: FileReport) -> Iterator[tuple[int, dict[str, Any] | None]]:
    count = 0
    for no, raw in _lines(data):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            count += 1
            _problem(report, path, no, f"not UTF-8 (byte {err.start + 1} of the line); record skipped", count)
            yield no, None
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            count += 1
            _problem(report, path, no, f"not a JSON record ({getattr(err, 'msg', 'nested too deeply')}); record skipped", count)
            yield no, None
            continue
        if not isinstance(record, dict):
            count += 1
            _problem(report, path, no, "not a JSON object; record skipped", count)
            yield no, None
            continue
        yield no, record


def _csv_records(data: bytes, path: Path, report: FileReport) -> Iterator[tuple[int, dict[str, Any] | None]]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # report each line that is not UTF-8; its bad bytes become U+FFFD and the rest is read
        bad = []
        for no, raw in _lines(data):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                bad.append(no)
        for i, no in enumerate(bad, 1):
            _problem(report, path, no, "not UTF-8; its bad bytes replaced by U+FFFD", i)
        text = data.decode("utf-8", errors="replace")
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        start = 2   # the line a record starts on (line 1 holds the field names)
        for row in reader:
            yield start, {k: v for k, v in row.items() if k is not None}
            start = reader.line_num + 1
    except csv.Error as err:
        report.warn(f"{path}: line {reader.line_num}: {err}; the records after it are not read")
