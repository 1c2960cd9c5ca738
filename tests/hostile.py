"""The bad-input corpus: committed hand-made files (tests/data/bad/) plus the cases made at test time.

Big or many-file cases (a 50 MB file, a single line of 1,000,000 characters, 10,000 tiny files),
binary data, an unreadable file, a named pipe and symlink loops are generated here into a temporary
folder rather than committed. Every generated dispatch that holds a real item has a distinct
meeting in it, so that a test can check that the item was not lost.
"""
from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT, SEEDS

BAD = ROOT / "tests" / "data" / "bad"

#: The injection strings the committed ``injection.txt`` and the generated file names carry.
INJECTIONS = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<script>alert(3)</script>",
    "javascript:alert(4)",
    '<a href="javascript:alert(5)">',
    '"><svg onload=alert(6)>',
)
#: A file name someone controls (shown in the viewer's edge details).
HOSTILE_FILE_NAME = "<img src=x onerror=alert(7)> javascript:alert(8).txt"

FILLER_WORDS = ("the of and to in a is that for on with as by at from it an be this which or are was "
                "committee noted session agenda report annual review").split()


@dataclass
class Corpus:
    """A generated corpus and what a build of it must show."""

    root: Path
    #: file name → the status report.json must give it ("ok" also admits "warning")
    expected: dict[str, str] = field(default_factory=dict)
    #: (file name, surname A, surname B): a meeting each of these files holds
    meetings: list[tuple[str, str, str]] = field(default_factory=list)


def filler_line(rng: random.Random, words: int = 14) -> str:
    """A lowercase sentence of common words: text without names, as in a scraped page's archive."""
    return " ".join(rng.choice(FILLER_WORDS) for _ in range(words)) + "."


def write_big_file(path: Path, size: int = 50 * 1024 * 1024) -> None:
    """A 50 MB scraped page: three real dated items, then an archive blob of filler lines."""
    rng = random.Random(50)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(" date 2026-02-26\n"
                 "26.02.2026, 10:00 11\n"
                 "Kazakhstan and Portugal Discuss Cooperation\n"
                 "Ambassador of Kazakhstan to Portugal Zhanna Saginova met with State Secretary of Portugal Nuno Sampaio.\n"
                 "26.02.2026, 11:00 12\n"
                 "Consultations in Vienna\n"
                 "Ambassador of Kazakhstan to Austria Kairat Umarov held talks with Minister of Foreign Affairs of Austria Beate Reisinger.\n"
                 "26.02.2026, 12:00 13\n"
                 "Archive of the site\n")
        while fh.tell() < size:
            fh.write("\n".join(filler_line(rng) for _ in range(2000)) + "\n")


def write_one_line_file(path: Path, chars: int = 1_000_000) -> None:
    """The whole page on one line of 1,000,000 characters (header, a real item, then filler)."""
    rng = random.Random(1)
    parts = [" date 2026-02-27 Ambassador of Kazakhstan to Greece Kanat Tumysh met with Minister of Foreign Affairs "
             "of Greece Georgios Gerapetritis in Athens."]
    length = len(parts[0])
    while length < chars:
        parts.append(filler_line(rng))
        length += len(parts[-1]) + 1
    line = " ".join(parts)[:chars]
    path.write_text(line, encoding="utf-8")   # no newline at all


def write_tiny_files(folder: Path, count: int = 10_000) -> tuple[int, int]:
    """``count`` tiny files: a few hundred distinct one-line items, each in many copies (a mirrored
    site; spelled with other case and spacing), and some empty ones. Returns (distinct items, empty files)."""
    folder.mkdir()
    distinct = 200
    empty = written = 0
    for i in range(count):
        name = folder / f"t{i:05d}.txt"
        if i % 50 == 49:
            name.write_bytes(b"" if i % 100 == 49 else b" \n\t\n")
            empty += 1
            continue
        k = written % distinct
        text = f"Ambassador Tiny{k:03d}ov met with Minister Small{k:03d}ova in Astana."
        if (written // distinct) % 2:
            text = text.upper().replace(" ", "  ")
        written += 1
        name.write_text(f" date 2026-01-{k % 28 + 1:02d}\n{text}\n", encoding="utf-8")
    return distinct, empty


def make_unreadable(path: Path) -> None:
    path.write_text(" date 2026-02-20\nAmbassador Secret Person met with Minister Hidden Person.\n", encoding="utf-8")
    os.chmod(path, 0)


def make_symlink_loops(folder: Path) -> None:
    """``loop/again`` → ``loop`` (a folder loop) and ``loop/self`` → ``loop/self`` (a link to itself)."""
    folder.mkdir()
    (folder / "item.txt").write_text(" date 2026-02-20\nAmbassador Loop Inside met with Minister Ring Around.\n",
                                     encoding="utf-8")
    os.symlink(".", folder / "again")
    os.symlink("self", folder / "self")


def build_corpus(root: Path, *, big: bool = True, tiny: bool = True) -> Corpus:
    """Everything at once: seeds (the good files), the committed bad files and the generated cases."""
    corpus = Corpus(root=root)
    good, bad, gen = root / "good", root / "bad", root / "generated"
    for folder in (good, bad, gen):
        folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, good / seed.name)
        corpus.expected[seed.name] = "ok"
    for f in sorted(BAD.iterdir()):
        shutil.copy(f, bad / f.name)
        corpus.expected[f.name] = "error" if f.name == "empty.txt" else "ok"
    corpus.meetings += [
        ("cp1251_ru.txt", "Василенко", "Прево"),   # the evidence is the item's own sentence
        ("utf16_ru.txt", "Бакаев", "Накано"),
        ("utf16be_nobom_ru.txt", "Кудайберген", "Гуальтьери"),
        ("truncated_utf8_ru.txt", "Шокыбаев", "Абдель"),
        ("no_header.txt", "Rustemov", "Szijjarto"),
        ("impossible_dates.txt", "Primbetov", "Svinka"),
        ("same_item_a.txt", "Sarzhanov", "Marschik"),
        ("injection.txt", "Mussayev", "José"),
        ("long_name.txt", "Mussayev", "Papadopoulosidis"),
    ]
    (gen / "binary.txt").write_bytes(bytes(range(256)) * 64)
    corpus.expected["binary.txt"] = "error"
    (gen / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    corpus.expected["image.png"] = "warning"   # not a dispatch type: listed as skipped
    (gen / HOSTILE_FILE_NAME).write_text(
        " date 2026-02-20\nAmbassador of Kazakhstan to Chile Yerkin Akhinzhanov met with Minister of Foreign Affairs "
        "of Chile Alberto van Klaveren.\n", encoding="utf-8")
    corpus.expected[HOSTILE_FILE_NAME] = "ok"
    corpus.meetings.append((HOSTILE_FILE_NAME, "Akhinzhanov", "Klaveren"))
    write_one_line_file(gen / "one_line_1m.txt")
    corpus.expected["one_line_1m.txt"] = "ok"
    corpus.meetings.append(("one_line_1m.txt", "Tumysh", "Gerapetritis"))
    if big:
        write_big_file(gen / "big_50mb.txt")
        corpus.expected["big_50mb.txt"] = "ok"
        corpus.meetings += [("big_50mb.txt", "Saginova", "Sampaio"), ("big_50mb.txt", "Umarov", "Reisinger")]
    make_unreadable(gen / "unreadable.txt")
    # root reads it all the same (chmod does not stop root): then it is a good file
    corpus.expected["unreadable.txt"] = "ok" if os.geteuid() == 0 else "error"
    os.mkfifo(gen / "pipe.txt")   # reading a named pipe would block the build forever
    corpus.expected["pipe.txt"] = "error"
    make_symlink_loops(gen / "loop")
    corpus.expected.update({"item.txt": "ok", "again": "error", "self": "error"})
    if tiny:
        write_tiny_files(root / "tiny")
    return corpus
