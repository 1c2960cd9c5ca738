"""Property-based tests (hypothesis): arbitrary text and bytes never crash the reader or the extractor.

Besides "never raises", the reader's output keeps its promises for any input: a report whose status
agrees with what was read, no control or XML-invalid characters left in an item (GraphML and the
viewer take them as they are), ids that depend on the content only. The extractor runs on short
texts in both scripts, built from the words of real dispatches as well as from arbitrary characters;
example counts stay modest because each example runs the real spaCy/natasha models.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.model import Dispatch, FileReport
from kg.read import _CONTROL, detect_lang, parse_text, read_file

# characters XML 1.0 does not allow (GraphML/GEXF would not parse back)
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# the pieces dispatch files are made of, good and broken: headers, datelines, headlines, leads, bodies
LINES = [
    " date 2026-02-24 Images | gov.kz", " date 2026-02-30", " date 9999-99-99 junk", "date 2026-1-1",
    "24.02.2026, 15:00 7466", "31.02.2026, 25:61 1", "00.00.0000, 00:00",
    "President Congratulates President of Estonia Alar Karis on Independence Day",
    "Ambassador of Kazakhstan to Spain Danat Mussayev met with Minister José Manuel Albares.",
    "Астана. 10 марта. KAZAKHSTAN TODAY - Казахстанские дипломаты провели ряд встреч.",
    "В Иордании посольство Казахстана организовало", "брифинг для представителей СМИ.",
    "Посол Казахстана в Бельгии Роман Василенко провел встречу с министром.",
    "ASTANA, March 10 (Kazinform) - The Foreign Minister received the Ambassador.",
    "20 января в Доме Правительства прошла встреча.", "On January 27, the sides met.",
    "<script>alert(1)</script>", "javascript:alert(2)", "\u202eevil\u202c", "\x00\x07\x1b[31m", "\ufeff\ufffe",
    "", " ", "\t", "a" * 300, "Title\"Title", "Ambassador\u200b Name\u00a0Surname",
]

dispatch_text = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=80)), max_size=25).map("\n".join)


def check_items(report: FileReport, items: list[Dispatch]) -> None:
    """What a caller may rely on, whatever the input."""
    assert report.status in ("ok", "warning", "error")
    assert report.items == len(items)
    assert bool(items) == (report.status != "error"), "a file is an error exactly when nothing was read from it"
    assert report.status == "ok" or report.warnings or report.errors, "a warning or an error says why"
    for d in items:
        assert re.fullmatch(r"d-[0-9a-f]{16}", d.id)
        assert re.fullmatch(r"[a-z]{2}", d.lang)   # en, ru, or a language kg reads but does not analyse
        for text in (d.headline, d.body):
            assert not _CONTROL.search(text), repr(text)
            assert not XML_INVALID.search(text), repr(text)
        if d.date is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", d.date)
        if d.time is not None:
            assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", d.time)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # hypothesis reruns a test body many times: a module-wide folder, not the function-scoped tmp_path
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), dispatch_text))
@example("")
@example(" date 2026-02-20 " + "Title of the page " * 40)
@example("24.02.2026, 15:00 7466")
def test_parse_text_never_raises(text: str) -> None:
    report = FileReport(path="x.txt")
    items = parse_text(text, Path("x.txt"), report)
    assert report.status in ("ok", "warning", "error")
    for d in items:
        # en and ru are analysed; any other language is an ISO 639-1 code (kg.lang), never a guess
        assert re.fullmatch(r"d-[0-9a-f]{16}", d.id) and re.fullmatch(r"[a-z]{2}", d.lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=3000),
    dispatch_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    dispatch_text.map(lambda t: t.encode("utf-16", "surrogatepass")),
    dispatch_text.map(lambda t: t.encode("cp1251", "replace")),
    st.tuples(dispatch_text, st.integers(0, 200)).map(lambda p: p[0].encode("utf-8", "surrogatepass")[: -p[1] or None]),
))
@example(b"")
@example(b"\xff\xfe\x00\x00" + " date 2026-02-20\nРоман Василенко.\n".encode("utf-32-le"))
@example(" date 2026-02-20\nПосол Роман Василенко провел встречу.\n".encode("utf-8")[:-3])
def test_read_file_never_raises_and_keeps_its_promises(scratch: Path, data: bytes) -> None:
    path = scratch / "input.txt"
    path.write_bytes(data)
    report, items = read_file(path)
    check_items(report, items)
    again_report, again = read_file(path)
    assert [d.id for d in again] == [d.id for d in items] and again_report.to_dict() == report.to_dict()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), dispatch_text), st.integers(1, 40))
def test_content_key_is_the_words_whatever_the_chunking(text: str, chunk: int) -> None:
    """An item's id hashes its words (case, spacing, punctuation aside), a megabyte at a time for a huge
    item: the chunked digest is the one-piece digest, for any cut."""
    import hashlib

    import kg.read as reader

    whole = hashlib.sha1(reader._fingerprint(text).encode("utf-8")).hexdigest()
    saved = reader._FINGERPRINT_CHUNK
    try:
        reader._FINGERPRINT_CHUNK = chunk
        assert reader._content_digest(text) == whole
    finally:
        reader._FINGERPRINT_CHUNK = saved
    ascii_words = re.sub(r"[^A-Za-z0-9 \n]", " ", text)
    respaced = "  ".join(ascii_words.swapcase().split()) + " !"
    assert reader._content_digest(respaced) == reader._content_digest(" ".join(ascii_words.split()))


# ---------------------------------------------------------------------------- the extractor

EN_WORDS = ("Ambassador of Kazakhstan to Spain Danat Mussayev met with held talks received the Minister of Foreign "
            "Affairs José Manuel Albares President Tokayev Embassy UN OSCE Deputy , . and ; ( ) \" ' « » — - "
            "Secretary-General António Guterres Astana Madrid on behalf of congratulated called phone").split()
RU_WORDS = ("Посол Казахстана в Бельгии Роман Василенко провел встречу с министром иностранных дел Максимом Прево "
            "Президент Токаев принял посла МИД РК ООН ОБСЕ заместитель и , . ; ( ) « » — - Генеральный секретарь "
            "Астана Брюссель поздравил телефонный разговор состоялся").split()


def _short_text(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(words), min_size=1, max_size=40).map(" ".join),
        st.text(st.sampled_from("".join(words) + "\n\t.,;:!?<>&\"'()[]{}0123456789 "), max_size=200),
        st.text(max_size=120),
    )


def _dispatch(text: str, lang: str) -> Dispatch:
    return Dispatch(id="d-0000000000000000", file="p.txt", path="p.txt", index=0, date="2026-02-24", time=None,
                    headline="", body=text, lang=lang, line=1, headline_in_body=True)  # type: ignore[arg-type]


@pytest.mark.models
@settings(max_examples=60, deadline=None)
@given(_short_text(tuple(EN_WORDS)))
@example("")
@example("Ambassador met with met with met with , , ,")
def test_extract_items_never_raises_on_english(text: str) -> None:
    from kg.extract import extract_items

    [(_, ex)] = list(extract_items([_dispatch(text, "en")]))
    assert ex.dispatch_id == "d-0000000000000000"


@pytest.mark.models
@settings(max_examples=60, deadline=None)
@given(_short_text(tuple(RU_WORDS)))
@example("")
@example("Посол Посол Посол встретился с с с , , «")
def test_extract_items_never_raises_on_russian(text: str) -> None:
    from kg.extract import extract_items

    [(_, ex)] = list(extract_items([_dispatch(text, "ru")]))
    assert ex.dispatch_id == "d-0000000000000000"


@pytest.mark.models
@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.one_of(_short_text(tuple(EN_WORDS)), _short_text(tuple(RU_WORDS))), st.booleans()),
                min_size=1, max_size=6))
def test_extract_items_on_a_mixed_batch_answers_every_item(texts: list[tuple[str, bool]]) -> None:
    """A batch of items in both languages (with the headline apart or not): one result per item, in any case."""
    from kg.extract import extract_items

    batch = []
    for n, (text, headline) in enumerate(texts):
        d = _dispatch(text, detect_lang(text))
        if headline and text:
            d = Dispatch(**{**d.to_dict(), "headline": text[:40], "body": text[40:], "headline_in_body": False,
                            "sources": ()})
        batch.append(Dispatch(**{**d.to_dict(), "id": f"d-{n:016x}", "sources": ()}))
    results = list(extract_items(batch))
    assert sorted(d.id for d, _ in results) == sorted(d.id for d in batch)
