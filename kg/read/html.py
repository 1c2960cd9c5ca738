"""Read a saved web page (``.html``, ``.htm``) through trafilatura.

trafilatura is the field's main-text extractor: it keeps the article and leaves out menus, footers,
share widgets and comments; its htmldate finds the publication date. The page's title is the
item's headline and its canonical link the item's URL (only an http(s) one). A page that lists
several news items is read as a digest, as a text file would be.

Nothing of the page runs: scripts, styles and event handlers are markup that the extractor drops.
lxml parses it without resolving entities and without its huge-tree option, so an entity-expansion
bomb stays a few bytes; a page over ``MAX_HTML_BYTES`` is refused.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from kg.model import Dispatch, FileReport

log = logging.getLogger(__name__)

#: A saved news page is well under a megabyte; a larger one is refused, not parsed.
MAX_HTML_BYTES = 8 * 1024 * 1024

_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.DOTALL | re.IGNORECASE)


def read_html(data: bytes, path: Path, report: FileReport) -> list[Dispatch]:
    from kg.read import _CONTROL, decode, parse_record, parse_text
    from kg.read.feed import safe_url

    if len(data) > MAX_HTML_BYTES:
        report.fail(f"{path}: page is {len(data):,} bytes, over the {MAX_HTML_BYTES:,}-byte limit for one web page; not read")
        return []
    if _DOCTYPE.search(data[:65536]):
        # an internal DTD subset declares entities: never expanded; dropped before parsing
        report.warn(f"{path}: the page declares its own entities (an internal DTD); they are ignored")
        data = _DOCTYPE.sub(b"<!DOCTYPE html>", data, count=1)
    html = decode(data, path, report)
    if html is None:
        return []
    try:
        doc = _extract(html)
    except Exception as err:   # malformed markup that lxml or trafilatura cannot take
        report.fail(f"{path}: cannot read the page ({type(err).__name__}: {err})")
        return []
    if doc is None or not (doc.get("text") or "").strip():
        report.fail(f"{path}: no article text found in the page")
        return []
    title = _CONTROL.sub("", doc.get("title") or "").strip() or None
    text = doc["text"]
    date = _date(doc.get("date"))
    url = safe_url(doc.get("url"))
    if doc.get("url") and url is None:
        report.warn(f"{path}: the page's link {str(doc.get('url'))[:80]!r} is not http(s); not kept")
    report.notes.append("read through trafilatura" + (f"; canonical link {url}" if url else "")
                        + (f"; dated {date.isoformat()} by htmldate" if date else ""))
    # a digest page reads as a digest: its text, dated by the page, through the text reader
    header = f" date {date.isoformat()}\n" if date else " date 0000-01-01\n"
    trial = FileReport(path=report.path)
    # (the page's title names the list, not one of its items)
    items = parse_text(f"{header}{text}", path, trial, url=url)
    if len(items) > 1:
        for key, n in trial.dropped.items():
            report.dropped[key] = report.dropped.get(key, 0) + n
        for key, n in trial.not_analysed.items():
            report.not_analysed[key] = report.not_analysed.get(key, 0) + n
        report.notes.extend(trial.notes)
        report.warnings.extend(w for w in trial.warnings if "impossible date" not in w)
        return items
    one = parse_record(title, text, date, path, report, index=0, line=1, url=url)
    return [one] if one is not None else []


def _extract(html: str) -> dict | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        include_links=False, deduplicate=False,
    )
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
