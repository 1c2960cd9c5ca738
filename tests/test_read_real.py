"""The reader on real news pages (tests/real, development files only: their texts are not in the
repository and the test is skipped where they are absent). Every file must be split into its gold
items, every item dated as the gold dates it; the floors below are what the reader reaches, so
that a change that splits or dates worse fails.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kg.read import read_file

REAL = Path(__file__).resolve().parent / "real"
#: Fractions of the development files split right and of their gold items dated right. On the 334 pages
#: the reader was developed on: 331 split right, 350 of 367 items dated as the gold dates them. The third
#: locked part (157 pages, never read while the reader was written) then joined the development part,
#: and the whole measured 483 of 491 files split right and 503 of 533 items dated right: the new misses
#: are listing pages (date labels, "read more" widgets between stories) and digests whose stories carry
#: no headline of their own. The fourth locked part (171 pages) joined next: 650 of 662 files split right,
#: 674 of 716 items dated right (673 before the reader learnt the repeated scraper header and the photo
#: agency's caption dateline). Most date misses are items whose text names the day before the page's own:
#: the annotators dated some of those by the text and others by the page, so no one reading matches both.
SPLIT_FLOOR = 0.98
DATE_FLOOR = 0.94


@pytest.fixture(scope="module")
def real_results() -> list[tuple[str, list[dict], list]]:
    gold_file, texts = REAL / "gold.json", REAL / "texts"
    if not gold_file.is_file() or not texts.is_dir():
        pytest.skip("tests/real (its texts are kept outside the repository) is not here")
    gold: dict[str, list[dict]] = defaultdict(list)
    for item in json.loads(gold_file.read_text(encoding="utf-8"))["dispatches"]:
        gold[item["file"]].append(item)
    results = []
    for name, items in sorted(gold.items()):
        path = texts / name
        if path.is_file():
            results.append((name, items, read_file(path)[1]))
    if not results:
        pytest.skip("no text of tests/real is here")
    return results


def test_real_pages_are_split_into_their_items(real_results):
    wrong = [(name, len(gold), len(items)) for name, gold, items in real_results if len(gold) != len(items)]
    assert 1 - len(wrong) / len(real_results) >= SPLIT_FLOOR, wrong


def test_real_items_are_dated_right(real_results):
    total = right = 0
    wrong = []
    for name, gold, items in real_results:
        expected, found = Counter(g["date"] for g in gold), Counter(d.date for d in items)
        total += len(gold)
        right += sum((expected & found).values())
        if expected != found:
            wrong.append((name, sorted(expected.elements()), sorted(str(d) for d in found.elements())))
    assert right / total >= DATE_FLOOR, wrong
