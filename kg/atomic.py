"""Atomic file output: a reader never sees a half-written file.

Every output is written to a temporary file in the target folder, flushed to disk and
renamed over the old one (``os.replace`` is atomic on POSIX and Windows), so a build
killed mid-way leaves the previous output intact.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file renamed into place on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; an output file is as readable as any other
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_json(path: str | os.PathLike[str], data: Any, indent: int | None = 2) -> None:
    """Deterministic JSON: sorted keys are not imposed, but the caller's order is kept as given.

    ``indent=None`` for big files (graph.json): json then encodes in C, several times faster than
    with an indent, which it encodes in Python."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(k)) for k in columns])
    return buf.getvalue()


def write_csv(path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    with atomic_open(path, newline="") as fh:
        fh.write(csv_text(columns, rows))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# ---------------------------------------------------------------------------- a build's output set

#: Hidden folder (inside the output folder) where a build writes its files before moving them in.
STAGING_PREFIX = ".kg-staging-"
#: Lock file that keeps two builds from writing into one output folder at the same time.
LOCK_NAME = ".kg-build.lock"


class OutputSet:
    """The files of one build, written into a hidden staging folder of ``out`` and moved in together.

    Writing takes seconds (tables, graph files, the viewer's layout); moving in is a few renames
    done last, in the order given to ``commit`` (``report.json`` last). So a build killed while
    writing leaves every previous output untouched, and one killed during the renames leaves every
    file complete, old or new; ``report.json``, renamed last, lists the size and SHA-256 of the
    files of its own build (``manifest``), so ``check_outputs`` tells a consistent set from a mixed
    one. A staging folder left by a killed build is removed by the next build into ``out``; a lock
    keeps two builds from interleaving their files.

    Use as ``with OutputSet(out) as outputs: write(outputs.path("x.csv")) …`` (committed on success,
    discarded on error).
    """

    def __init__(self, out: str | os.PathLike[str], *, last: Sequence[str] = ("report.json",)) -> None:
        self.out = Path(out)
        self.last = tuple(last)
        self.folder = self.out   # the staging folder once entered
        self._lock: IO[Any] | None = None

    def __enter__(self) -> "OutputSet":
        self.out.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.out / LOCK_NAME)
        try:
            remove_stale_staging(self.out)
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        except BaseException:
            self._unlock()
            raise
        return self

    def path(self, name: str) -> Path:
        """Where to write the output file ``name`` (in the staging folder)."""
        return self.folder / name

    def manifest(self) -> dict[str, dict[str, Any]]:
        """``{name: {"bytes": …, "sha256": …}}`` of the files staged so far, by name."""
        return {p.name: file_digest(p) for p in sorted(self.folder.iterdir()) if p.is_file()}

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._commit()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._unlock()

    def _commit(self) -> None:
        staged = sorted(p.name for p in self.folder.iterdir() if p.is_file())
        order = [n for n in staged if n not in self.last] + [n for n in self.last if n in staged]
        for name in order:
            _move_in(self.folder / name, self.out / name)
        _fsync_dir(self.out)

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()   # closing the file releases the flock
            self._lock = None


def _move_in(staged: Path, target: Path) -> None:
    """One rename of a staged file over its output (a seam for the kill test)."""
    os.replace(staged, target)


def file_digest(path: Path) -> dict[str, Any]:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return {"bytes": path.stat().st_size, "sha256": h.hexdigest()}


def check_outputs(out: str | os.PathLike[str], report: str = "report.json") -> list[str]:
    """Problems with the output set in ``out``: files that are missing or differ from what its report lists.

    Empty for a consistent set (every file as the build that wrote ``report`` left it).
    """
    out = Path(out)
    try:
        listed = json.loads((out / report).read_text(encoding="utf-8")).get("outputs", {})
    except (OSError, ValueError) as err:
        return [f"{report}: cannot be read: {err}"]
    problems = []
    for name, expected in listed.items():
        path = out / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif file_digest(path) != expected:
            problems.append(f"{name}: not the file {report} lists (another build's, or changed since)")
    return problems


def remove_stale_staging(out: Path) -> None:
    """Remove the staging folders that killed builds left in ``out``.

    Called with the build lock held, so none of them belongs to a build still running. (Other
    hidden files are left alone: a ``.name.*.tmp`` may be another program's write in progress.)
    """
    for entry in out.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _lock(path: Path) -> IO[Any] | None:
    """An exclusive lock on ``path`` (waits for another build into the same folder to finish)."""
    try:
        import fcntl
    except ImportError:   # Windows: no flock; concurrent builds into one folder are not guarded
        return None
    fh = open(path, "a+")   # noqa: SIM115 - held open for the duration of the build
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    except OSError:   # a filesystem without locks (some network mounts): go on unguarded
        pass
    return fh


def _fsync_dir(folder: Path) -> None:
    """Make the renames themselves durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
