"""The extraction cache: an unchanged rebuild analyses nothing and writes the same outputs; a new
file is the only work of the next build; a changed pipeline fingerprint invalidates every row."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg import engine
from kg.cache import ExtractionCache, fingerprint, item_key
from kg.model import Dispatch, ItemExtraction, OfficialMention, Span

from conftest import SEEDS

OUTPUTS = ("dispatches.csv", "officials.csv", "interactions.csv", "encounters.csv", "institutions.csv", "countries.csv",
           "graph.json", "graph.graphml", "graph.gexf", "graph.html", "report.json")


def _item(text: str, lang: str = "en", id_: str = "d-1") -> Dispatch:
    return Dispatch(id=id_, file="f.txt", path="f.txt", index=0, date="2026-01-01", time=None, headline="",
                    body=text, lang=lang, line=1)  # type: ignore[arg-type]


def _extraction(id_: str = "d-1") -> ItemExtraction:
    return ItemExtraction(dispatch_id=id_, officials=[OfficialMention(key="p0", name="Danat Mussayev", spans=[Span(0, 14, "Danat Mussayev", 0)])],
                          countries=["KZ"], country_spans=[("KZ", Span(20, 30, "Kazakhstan", 0))])


def test_round_trip_and_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    key = item_key(_item("Danat Mussayev met the Kazakhstan side."))
    with ExtractionCache(path, "fp-1") as cache:
        cache.put_many([(key, _extraction())])
        assert cache.get_many([key, "missing"]) == {key: _extraction()}
    with ExtractionCache(path, "fp-1") as cache:
        assert len(cache) == 1, "rows survive between builds"
    with ExtractionCache(path, "fp-2") as cache:   # a changed rule, model or version
        assert cache.get_many([key]) == {}
        assert len(cache) == 0
    with ExtractionCache(path, "fp-1") as cache:
        assert len(cache) == 0, "rows of another fingerprint are dropped, not kept for later"


def test_key_is_the_analysed_text() -> None:
    a = _item("Danat Mussayev met the Kazakh side.")
    assert item_key(a) == item_key(_item("Danat Mussayev met the Kazakh side.", id_="d-2"))
    assert item_key(a) != item_key(_item("Danat Mussayev met the kazakh side."))   # same Dispatch.id, other text
    assert item_key(a) != item_key(_item("Danat Mussayev met the Kazakh side.", lang="ru"))


def test_fingerprint_covers_rules_and_data() -> None:
    from kg import cache

    package = Path(cache.__file__).resolve().parent
    covered = {package / f"{name}.py" for name in cache.EXTRACTION_MODULES}
    assert all(path.is_file() for path in covered)
    # every module of the extraction package decides what an item yields: none may be left out
    assert {p for p in (package / "extract").glob("*.py") if p.name != "__init__.py"} <= covered
    assert package / "read" / "layout.py" in covered
    assert fingerprint() == fingerprint()
    assert len(fingerprint()) == 32


def test_killed_write_leaves_the_cache_consistent(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with ExtractionCache(path, "fp") as cache:
        def rows():
            yield "k1", _extraction()
            raise KeyboardInterrupt   # the build is stopped half-way through a batch
        with pytest.raises(KeyboardInterrupt):
            cache.put_many(rows())
        cache.put_many([("k2", _extraction())])
    with ExtractionCache(path, "fp") as cache:
        assert set(cache.get_many(["k1", "k2"])) == {"k2"}


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the items the engine analyses (the cache is consulted before the engine)."""
    calls: list[int] = []
    real = engine.extract_batch

    def counting(batch):
        calls.append(len(batch))
        return real(batch)

    monkeypatch.setattr(engine, "extract_batch", counting)
    return calls


@pytest.mark.models
@pytest.mark.slow
def test_rebuild_uses_the_cache(tmp_path: Path, counted: list[int]) -> None:
    from kg.pipeline import build

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = build([corpus], tmp_path / "out")
    n = len(first.dispatches)
    assert sum(counted) == n and first.extract_stats.extracted == n
    assert (tmp_path / "out" / ".kg-cache" / "extract.sqlite").is_file()
    before = {f: (tmp_path / "out" / f).read_bytes() for f in OUTPUTS}

    counted.clear()
    again = build([corpus], tmp_path / "out")
    assert sum(counted) == 0, "an unchanged corpus analyses nothing"
    assert again.extract_stats.cached == n and again.extract_stats.up_to_date
    assert again.graph is not None and again.counts == first.counts
    assert {f: (tmp_path / "out" / f).read_bytes() for f in OUTPUTS} == before, "outputs are identical"

    # an output lost: the build is redone from the cache, with the very same outputs
    (tmp_path / "out" / "graph.html").unlink()
    counted.clear()
    redone = build([corpus], tmp_path / "out")
    assert sum(counted) == 0 and not redone.extract_stats.up_to_date and redone.extract_stats.cached == n
    assert {f: (tmp_path / "out" / f).read_bytes() for f in OUTPUTS} == before, "outputs are identical"

    # one file more: only its items are analysed
    added = corpus / "zz_added.txt"
    added.write_text(" date 2026-03-01 gov.kz\n\nAmbassador of Kazakhstan to Latvia Yerlan Abdrakhmanov met with "
                     "the Mayor of Riga, Vilnis Kirsis. The sides discussed cooperation.\n", encoding="utf-8")
    counted.clear()
    third = build([corpus], tmp_path / "out")
    assert sum(counted) == 1 and third.extract_stats.extracted == 1 and third.extract_stats.cached == n

    # --no-cache analyses everything and leaves the cache alone
    counted.clear()
    build([corpus], tmp_path / "out2", cache=False)
    assert sum(counted) == n + 1
    assert not (tmp_path / "out2" / ".kg-cache").exists()


@pytest.mark.models
@pytest.mark.slow
def test_changed_fingerprint_analyses_again(tmp_path: Path, counted: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import cache
    from kg.pipeline import build

    one = SEEDS / "000_0679a83f871a11a5.txt"
    build([one], tmp_path / "out")
    counted.clear()
    build([one], tmp_path / "out")
    assert sum(counted) == 0
    # a changed rule changes both the items' key and the whole build's (both are cached per process)
    monkeypatch.setattr(cache, "fingerprint", lambda: "a-changed-rule")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "a-changed-kg")
    build([one], tmp_path / "out")
    assert sum(counted) >= 1, "a changed rule or model invalidates the cache"


def test_cached_result_takes_the_items_own_id(tmp_path: Path) -> None:
    """Two items equal up to case share a Dispatch.id; one equal in text shares the key: the id is always the item's."""
    from kg.pipeline import extract_cached

    a = _item("Danat Mussayev met the Kazakhstan side.", id_="d-a")
    path = tmp_path / "c.sqlite"
    with ExtractionCache(path) as c:
        c.put_many([(item_key(a), _extraction("d-other"))])
    [ex], stats = extract_cached([a], cache_path=path)
    assert ex.dispatch_id == "d-a" and stats.cached == 1 and stats.extracted == 0
    assert json.dumps(ex.officials[0].to_dict())
