"""The reader on the seed files (against the gold) and on every kind of bad input."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from kg.model import FileReport
from kg.read import detect_lang, read_file, read_paths

from conftest import SEEDS


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_seed_items_match_gold_one_for_one(gold):
    items = [d for _, ds in read_paths([SEEDS]) for d in ds]
    assert len(items) == len(gold) == 33
    assert Counter(d.file for d in items) == Counter(g["file"] for g in gold)
    assert [len([d for d in items if d.file == f]) for f in sorted({d.file for d in items})] == [1, 9, 12, 10, 1]
    for item, g in zip(items, gold):
        assert item.file == g["file"]
        assert item.date == g["date"], item.headline
        assert item.lang == g["lang"], item.headline
        # the gold writes "its first words" for an item without a title: ours must start the same way
        assert _norm(item.headline).startswith(_norm(g["headline"])), (item.headline, g["headline"])


def test_dateline_gives_date_and_time_over_the_header():
    report, items = read_file(SEEDS / "001_8a12eeeba84bdb19.txt")
    assert report.status == "ok"
    first = items[0]
    # the header says 2026-02-25, the item's own dateline 24.02.2026, 15:00
    assert (first.date, first.time, first.date_source) == ("2026-02-24", "15:00", "dateline")
    assert first.headline == "President Congratulates President of Estonia Alar Karis on Independence Day"
    assert first.body.startswith("In his message, Kassym-Jomart Tokayev")


def test_russian_digest_lead_dates_items_and_broken_first_lines_are_joined():
    report, items = read_file(SEEDS / "002_dfe5cd874e88cead.txt")
    assert len(items) == 12
    assert all(d.date == "2026-03-10" and d.date_source == "lead" for d in items)   # header says 03-12
    assert any("digest's lead" in n for n in report.notes)
    jordan = items[0]
    assert jordan.headline == "В Иордании посольство Казахстана организовало"
    assert jordan.body.startswith("В Иордании посольство Казахстана организовало брифинг для представителей")
    assert jordan.headline_in_body and jordan.lang == "ru"


def test_glued_duplicate_headline_and_headline_led_items():
    _, items = read_file(SEEDS / "003_3cf1bdfecc258288.txt")
    assert items[0].headline == '"National Fund for Children": $35.20 million was used by young Kazakhstanis for housing and education'
    assert items[1].headline == "Upcoming Republican Referendum Discussed in Tallinn"
    assert items[1].body.startswith("The Embassy of Kazakhstan in Estonia held a briefing")
    assert items[2].headline.startswith("Kazakhstan and Ethiopia")
    # a date mentioned in the text ("April 22-24, 2026") is not the item's date
    assert items[2].date == "2026-02-20" and items[2].date_source == "header"


def test_single_item_file_headline_is_first_sentence_without_attribution():
    _, items = read_file(SEEDS / "004_29392b5621191323.txt")
    assert len(items) == 1
    assert items[0].headline.startswith("Speaker of the Senate of the Kazakh Parliament Maulen Ashimbayev held a meeting")
    assert "Kazinform" not in items[0].headline
    assert items[0].date == "2024-06-13"


def test_ids_are_content_hashes_stable_across_paths(tmp_path):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((SEEDS / "000_0679a83f871a11a5.txt").read_bytes())
    (_, a), (_, b) = read_file(SEEDS / "000_0679a83f871a11a5.txt"), read_file(copy)
    assert a[0].id == b[0].id and re.fullmatch(r"d-[0-9a-f]{16}", a[0].id)


def test_detect_lang_by_script():
    assert detect_lang("Посол Казахстана в Бельгии Роман Василенко провел встречу") == "ru"
    assert detect_lang("Ambassador of Kazakhstan to Spain Danat Mussayev met with") == "en"


# --------------------------------------------------------------------------- bad input

RU_TEXT = " date 2026-03-10 Фото: МИД РК\nПосол Казахстана в Бельгии Роман Василенко провел встречу с министром.\n"


def _read(tmp_path: Path, name: str, data: bytes) -> tuple[FileReport, list]:
    path = tmp_path / name
    path.write_bytes(data)
    return read_file(path)


def test_empty_file_is_an_error_naming_the_file(tmp_path):
    report, items = _read(tmp_path, "empty.txt", b"")
    assert items == [] and report.status == "error"
    assert "empty.txt" in report.errors[0] and "empty" in report.errors[0]


def test_whitespace_only_file_is_empty(tmp_path):
    report, _ = _read(tmp_path, "blank.txt", b"  \n\n \t\n")
    assert report.status == "error" and "empty" in report.errors[0]


def test_binary_file_is_an_error(tmp_path):
    report, items = _read(tmp_path, "image.txt", bytes(range(256)) * 40)
    assert items == [] and report.status == "error"
    assert "binary" in report.errors[0] and "image.txt" in report.errors[0]


def test_cp1251_russian_is_decoded_with_a_warning(tmp_path):
    report, items = _read(tmp_path, "cp1251.txt", RU_TEXT.encode("cp1251"))
    assert len(items) == 1 and "Роман Василенко" in items[0].body
    assert report.status == "warning" and "not UTF-8" in report.warnings[0]
    assert report.encoding and "1251" in report.encoding


def test_utf16_with_bom_is_read(tmp_path):
    report, items = _read(tmp_path, "utf16.txt", RU_TEXT.encode("utf-16"))
    assert report.status == "ok" and report.encoding == "utf-16"
    assert items[0].lang == "ru" and items[0].date == "2026-03-10"


def test_missing_header_is_a_warning_and_item_is_undated(tmp_path):
    report, items = _read(tmp_path, "nohead.txt", "Ambassador Almat Aidarbekov held a meeting with Vlad Batrincea.\n".encode())
    assert len(items) == 1 and items[0].date is None and items[0].date_source == "none"
    assert "no ' date YYYY-MM-DD' header" in report.warnings[0] and "nohead.txt" in report.warnings[0]


def test_impossible_header_date_is_reported(tmp_path):
    report, items = _read(tmp_path, "feb30.txt", b" date 2026-02-30 Images | gov.kz\nAmbassador met the Minister.\n")
    assert len(items) == 1 and items[0].date is None
    assert "impossible date '2026-02-30'" in report.warnings[0]


def test_impossible_dateline_leaves_header_date(tmp_path):
    data = b" date 2026-02-20\n31.02.2026, 10:00 55\nA Headline Here\nAmbassador met the Minister.\n"
    _, items = _read(tmp_path, "dl.txt", data)
    assert items[0].date == "2026-02-20" and items[0].headline == "A Headline Here"


def test_very_long_line_is_read_and_reported(tmp_path):
    long = ("Ambassador met the Minister in Astana. " * 30000).strip()
    report, items = _read(tmp_path, "long.txt", f" date 2026-02-20\n{long}\n".encode())
    assert len(items) == 1 and len(items[0].body) == len(long)
    assert any("characters long" in w for w in report.warnings)


def test_folder_mixing_good_and_bad_files_reads_every_good_item(tmp_path):
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 50)
    (tmp_path / "c_cp1251.txt").write_bytes(RU_TEXT.encode("cp1251"))
    results = list(read_paths([tmp_path]))
    by_name = {Path(r.path).name: (r, items) for r, items in results}
    assert len(by_name) == 8
    assert by_name["a_empty.txt"][0].status == "error"
    assert by_name["b_binary.txt"][0].status == "error"
    assert by_name["c_cp1251.txt"][0].status == "warning"
    assert sum(len(items) for r, items in results) == 33 + 1


def test_missing_path_is_reported_not_raised(tmp_path):
    results = list(read_paths([tmp_path / "nope"]))
    assert len(results) == 1 and results[0][0].status == "error" and "no such file" in results[0][0].errors[0]


def test_files_of_other_types_are_listed_as_skipped_not_dropped(tmp_path):
    (tmp_path / "item.txt").write_text(" date 2026-02-20\nAmbassador met the Minister.\n", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    reports = {Path(r.path).name: r for r, _ in read_paths([tmp_path])}
    assert set(reports) == {"item.txt", "gold.json"}
    assert reports["gold.json"].status == "warning" and "skipped" in reports["gold.json"].warnings[0]


def test_a_header_repeated_with_the_page_glued_after_it_is_left_out(tmp_path):
    # a stored page that began " date 2023-05 LISBON - …", under the header written for it
    data = (" date 2023-05-02\n date 2023-05 LISBON, May 1 - President Aidos Kemelbekov held talks with Prime Minister "
            "Peter Hudak.\n\nThe sides discussed trade.\n").encode()
    report, items = _read(tmp_path, "again.txt", data)
    assert len(items) == 1 and items[0].date == "2023-05-01"   # its agency dateline
    assert "date 2023" not in items[0].headline + items[0].body
    assert "Kemelbekov" in items[0].body and report.dropped.get("header") == 1


def test_a_photo_agency_caption_dateline_dates_the_item(tmp_path):
    data = (" date 2023-05-06\nBRATISLAVA, SLOVAKIA - APRIL 22: President Aidos Kemelbekov and Prime Minister Peter "
            "Hudak attend a ceremony.\n").encode()
    report, items = _read(tmp_path, "caption.txt", data)
    assert len(items) == 1 and items[0].date == "2023-04-22"
