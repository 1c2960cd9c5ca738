"""Read dispatch files into news items (``Dispatch`` records).

What kg reads: text copied or scraped from a page (``.txt``, ``.text``, ``.md``, no suffix), saved web
pages (``.html``, ``.htm``: ``kg.read.html``) and feeds (``.jsonl``, ``.ndjson``, ``.csv``:
``kg.read.feed``). This module finds the files, decodes text and gives items their ids; the layout of
a text — where its items start, what is page furniture, which language it is in — is
``kg.read.layout``.

The reader never raises on bad input: every problem becomes a warning or an error in the
file's ``FileReport``, and the other files are read all the same.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Dispatch, FileReport
from kg.read.layout import (  # noqa: F401 - the reader's API, as it was when it was one module
    _CONTROL,
    TITLE_MAX_CHARS,
    detect_lang,
    parse_record,
    parse_text,
    r_dateline,
    rules,
)

__all__ = ["MAX_FILE_BYTES", "TITLE_MAX_CHARS", "decode", "detect_lang", "iter_input_files", "parse_record",
           "parse_text", "r_dateline", "read_file", "read_paths", "rules"]

log = logging.getLogger(__name__)

#: Files larger than this are refused (a dispatch is a few kilobytes; a huge file is a mistake).
MAX_FILE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
#: Longest title made from an item's first sentence (real ones are under 300 characters).
SKIPPED = "skipped: "


# ---------------------------------------------------------------------------- files


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str | None]]:
    """Expand files and folders into input files, in a stable order.

    Yields ``(path, problem)``; ``problem`` names why a path cannot be read at all
    (missing, unreadable folder, symlink loop), so that it still reaches the report.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            yield path, "no such file or folder"
            continue
        if path.is_dir():
            yield from _walk(path, seen)
        else:
            key = _real(path)
            if key in seen:
                continue
            seen.add(key)
            yield path, None


def _real(path: Path) -> str:
    try:
        return str(path.resolve(strict=False))
    except (OSError, RuntimeError):
        return str(path.absolute())


def _walk(root: Path, seen: set[str]) -> Iterator[tuple[Path, str | None]]:
    visited_dirs: set[str] = set()
    errors: list[tuple[Path, str]] = []

    def onerror(err: OSError) -> None:
        errors.append((Path(err.filename or root), f"cannot list folder: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        real_dir = _real(Path(dirpath))
        if real_dir in visited_dirs:
            # a symlink loop (or a second link to a folder already read)
            dirnames[:] = []
            yield Path(dirpath), "symlink loop: folder already read"
            continue
        visited_dirs.add(real_dir)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() not in READ_SUFFIXES:
                # not a dispatch (a gold file, an image, a spreadsheet): listed in the report, not read
                yield path, (f"{SKIPPED}{path.suffix or 'this'} files are not read as dispatches "
                             "(.txt, .text, .md or no suffix; .html, .htm; .jsonl, .ndjson, .csv)")
                continue
            key = _real(path)
            if key in seen:
                continue
            seen.add(key)
            if path.is_symlink() and not path.exists():
                yield path, _dangling_link(path)
                continue
            yield path, None
    for path, problem in errors:
        yield path, problem


def _dangling_link(path: Path) -> str:
    """Why a symlink leads nowhere: a loop (``a -> b -> a``) or a missing target."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symlink loop: the link leads back to itself"
    return "broken symlink: its target does not exist"


def read_paths(
    paths: Iterable[str | os.PathLike[str]], fields: dict[str, str] | None = None,
) -> Iterator[tuple[FileReport, list[Dispatch]]]:
    """Read every input file; one ``FileReport`` per file, whatever happened to it.

    ``fields``: a feed's field names for ``text``, ``title``, ``date``, ``url``, ``lang`` where they
    are not the usual ones (``{"text": "content"}``).
    """
    for path, problem in iter_input_files(paths):
        if problem is not None:
            report = FileReport(path=str(path))
            if problem.startswith(SKIPPED):
                report.warn(f"{path}: {problem}")
            else:
                report.fail(f"{path}: {problem}")
            yield report, []
            continue
        yield read_file(path, fields=fields)


def read_file(path: str | os.PathLike[str], fields: dict[str, str] | None = None) -> tuple[FileReport, list[Dispatch]]:
    """Read one dispatch file (text, a saved web page or a feed); never raises for bad content."""
    path = Path(path)
    report = FileReport(path=str(path))
    suffix = path.suffix.lower()
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            # a named pipe or a device would block the build or never end (/dev/zero)
            report.fail(f"{path}: not a regular file (a pipe, socket or device); not read")
            return report, []
        if st.st_size > MAX_FILE_BYTES:
            report.fail(f"{path}: file is {st.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for one dispatch file")
            return report, []
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)   # bounded even if the file grows while it is read
        if len(data) > MAX_FILE_BYTES:
            report.fail(f"{path}: file grew past the {MAX_FILE_BYTES:,}-byte limit while it was read")
            return report, []
    except IsADirectoryError:
        report.fail(f"{path}: is a folder, not a file")
        return report, []
    except PermissionError:
        report.fail(f"{path}: permission denied")
        return report, []
    except OSError as err:
        report.fail(f"{path}: cannot read: {err.strerror or err}")
        return report, []
    if suffix in FEED_SUFFIXES:
        from kg.read.feed import read_feed

        report.format = "csv" if suffix == ".csv" else "jsonl"
        items = read_feed(data, path, report, fields)
    elif suffix in HTML_SUFFIXES:
        from kg.read.html import read_html

        report.format = "html"
        items = read_html(data, path, report)
    else:
        text = decode(data, path, report)
        del data   # the raw bytes are not needed once decoded: peak memory stays near one copy of the text
        if text is None:
            return report, []
        items = parse_text(text, path, report)
    report.items = len(items)
    if report.dropped:
        report.notes.append("left out as page furniture: " + ", ".join(f"{n} {k}" for k, n in sorted(report.dropped.items())))
    _warn_over_long(items, path, report)
    if not items and report.status != "error":
        report.fail(f"{path}: no news item found")
    return report, items


def _warn_over_long(items: list[Dispatch], path: Path, report: FileReport) -> None:
    """Say so when the extractor will read only the start of an item: nothing is dropped silently."""
    # kg.extract takes a second to import (spaCy): consult its limit only for an item that is long at all
    if not any(len(d.text) > 10_000 for d in items):
        return
    from kg.extract import MAX_ITEM_CHARS

    for d in items:
        if len(d.text) > MAX_ITEM_CHARS:
            report.warn(f"{path}: item {d.index} (line {d.line}) is {len(d.text):,} characters long; "
                        f"only its first {MAX_ITEM_CHARS:,} are analysed for officials and meetings")


# ---------------------------------------------------------------------------- decoding

def decode(data: bytes, path: Path, report: FileReport) -> str | None:
    """Bytes to clean text: BOMs, UTF-16, legacy Cyrillic code pages, binary detection."""
    if not data.strip():
        report.fail(f"{path}: empty file")
        return None
    encoding = None
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):   # before UTF-16: FF FE 00 00 starts with FF FE
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    text: str | None = None
    sample = data[:4096]
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            report.fail(f"{path}: starts with a {encoding} byte-order mark but does not decode: {err.reason}")
            return None
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = utf16
        report.warn(f"{path}: no byte-order mark; decoded as {encoding}")
    elif sample.count(b"\x00") > max(2, len(sample) // 1000):
        # a stray NUL or two in a text file is removed below with the other control characters
        report.fail(f"{path}: binary file (NUL bytes), not a text dispatch")
        return None
    else:
        text, problem = _decode_utf8(data)
        if text is not None:
            encoding = "utf-8"
            if problem:
                report.warn(f"{path}: {problem}")
        else:
            text, encoding = _guess_decode(data)
            if text is None:
                report.fail(f"{path}: not text in any known encoding")
                return None
            report.warn(f"{path}: not UTF-8; decoded as {encoding}")
    report.encoding = encoding
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 20):
        report.fail(f"{path}: binary file ({controls} control characters), not a text dispatch")
        return None
    if controls:
        report.warn(f"{path}: removed {controls} control character(s)")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: its ASCII characters (spaces, digits, the
    header) leave NUL bytes all on one side of the byte pairs, which binary data does not."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for nuls, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if pairs and nuls >= max(2, pairs // 10) and other <= nuls // 50:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8 text, also when truncated inside a character or with a few broken bytes (then with a
    warning): a page of good Russian text is not handed to the code-page guesser for two bad bytes."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            try:
                return data[: err.start].decode("utf-8"), "ends inside a UTF-8 character (a truncated file?); the broken character is dropped"
            except UnicodeDecodeError:
                pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    non_ascii = len(data) - len(data.decode("ascii", errors="ignore"))
    if bad * 20 <= non_ascii:   # legacy code-page text breaks on nearly every non-ASCII byte, UTF-8 on a few
        return text, f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD"
    return None, None


#: The legacy code pages a Russian or English dispatch comes in. Guessing among every code page
#: charset-normalizer knows read a short KOI8-R page as Shift JIS and a cp866 one as cp1125.
LEGACY_ENCODINGS = ["cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5",
                    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2"]


def _guess_decode(data: bytes) -> tuple[str | None, str | None]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000], cp_isolation=LEGACY_ENCODINGS).best()
    if best is None or best.encoding is None:
        return None, None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None, None


_NON_WORD = re.compile(r"\W+")


#: Characters of text fingerprinted at a time (see ``_content_digest``).
_FINGERPRINT_CHUNK = 1 << 20


def _fingerprint(text: str) -> str:
    """Content key of an item: case, spacing and punctuation do not make a new item.

    The words joined by single spaces (as ``" ".join(re.findall(r"\\w+", text))`` would).
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip(" ")


def _content_digest(text: str) -> str:
    """SHA-1 of ``_fingerprint(text)``, computed a megabyte at a time.

    Fingerprinting a 50 MB item in one go took 1.3 GB (the regex engine's list of pieces). The text
    is cut only after a space or a newline: no word straddles a cut, and neither character composes
    with what follows under NFKC, so the digest equals the one-piece digest for any text.
    """
    h = hashlib.sha1()
    sep = b""
    start, n = 0, len(text)
    while start < n:
        end = start + _FINGERPRINT_CHUNK
        if end < n:
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut < start:   # a megabyte without a space: cut at the next one
                found = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
                cut = min(found) if found else n - 1
            end = cut + 1
        words = _fingerprint(text[start:end])
        if words:
            h.update(sep + words.encode("utf-8"))
            sep = b" "
        start = end
    return h.hexdigest()


