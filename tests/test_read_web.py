"""Reading what users have: copied web pages with their furniture, agency datelines, digest pages,
saved HTML, JSONL and CSV feeds, and text in languages kg cannot analyse.

Every page here is written for these tests (made-up people and places); none is copied from the web.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.boilerplate import classify
from kg.lang import identify
from kg.read import read_file, read_paths


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


FIRST_EN = ("Minister of Foreign Affairs of Examplestan John Doerson held a meeting with Ambassador of Testland "
            "to Examplestan Anna Testova.")
FURNITURE_PAGE = f""" date 2026-03-05 Go to the main site
EN
РУ
Examplestan and Testland discuss transport links

13:23, 4 March 2026

Photo credit: Ministry of Foreign Affairs
![The ministers shake hands](https://example.org/img/handshake.jpg)
ASTANA. EXAMPLEPRESS – {FIRST_EN} The sides discussed a new railway corridor.

The ministers agreed to hold political consultations in the autumn.

Tell a friend
Related News
Subscribe to our Telegram channel for the latest news
Doerson Jane
Foreign policy Examplestan and Testland
"""


def test_one_article_page_is_one_item_without_its_furniture(tmp_path):
    report, items = read_file(_write(tmp_path, "page.txt", FURNITURE_PAGE))
    assert len(items) == 1
    item = items[0]
    assert item.headline == "Examplestan and Testland discuss transport links"
    # the agency dateline is dropped from the first sentence, which is kept whole
    assert item.body.startswith(FIRST_EN)
    assert "EXAMPLEPRESS" not in item.text and "ASTANA" not in item.text
    for furniture in ("Go to the main site", "Photo credit", "handshake.jpg", "13:23", "Tell a friend",
                      "Related News", "Subscribe", "Doerson Jane", "Foreign policy"):
        assert furniture not in item.text, furniture
    assert item.body.endswith("political consultations in the autumn.")
    for kind in ("language_switch", "timestamp", "credit", "image_markup", "share", "related", "subscription", "footer"):
        assert report.dropped.get(kind), (kind, report.dropped)
    assert report.to_dict()["dropped"] == report.dropped


def test_captions_and_wire_credits_are_no_text(tmp_path):
    page = (" date 2026-03-05\nMinisters meet in the capital\n"
            "Иван Примеров. Фото: Петр Снимков / Пример Новости\n"
            "The ministers before the talks © Petr Snimkov/ POOL/ TASS\n"
            "Anna Testova speaks during a news conference in Capital City, March 4, 2026. Petr Snimkov/Pool via REUTERS\n"
            "Some Times, Jane Writer and John Author/AFP – " + FIRST_EN + "\n"
            "The sides discussed trade. (Reporting by Jane Writer; Editing by John Author)\n")
    report, items = read_file(_write(tmp_path, "c.txt", page))
    assert len(items) == 1
    text = items[0].text
    for credit in ("Снимков", "Snimkov", "Writer", "Author", "REUTERS", "AFP"):
        assert credit not in text, credit
    assert items[0].body.startswith(FIRST_EN) and items[0].body.endswith("The sides discussed trade.")
    assert report.dropped["credit"] == 3 and report.dropped["byline"] == 1


@pytest.mark.parametrize("line, kind", [
    ("© Источник фото: пресс-служба", "credit"),
    ("Фото: МИД", "credit"),
    ("By Jane Examplova", "byline"),
    ("Автор: Иван Примеров", "byline"),
    ("Поделиться", "share"),
    ("twitter-white sharing button", "share"),
    ("Читайте также", "related"),
    ("More about:", "related"),
    ("ҚАЗ | РУС | ENG", "language_switch"),
    ("<img src=\"x.jpg\" onerror=\"alert(1)\">", "image_markup"),
    ("Подписывайтесь на наш канал в Телеграм", "subscription"),
    ("Skip to main content", "navigation"),
    ("Главная » Новости » Министр провел встречу", "navigation"),
    ("Jane Examplova 5 minutes ago Wed 4th March 2026 | 04:50 AM", "timestamp"),
    ("17 мар 2026, 16:30", "timestamp"),
    ("2026-03-04 16:41 | www.example.az | 0", "timestamp"),
    ("ОФИЦИАЛЬНАЯ ХРОНИКА", "section"),
])
def test_boilerplate_families(line, kind):
    assert classify(line) == kind


@pytest.mark.parametrize("line", [
    "By the end of the year, trade between the two countries grew by a quarter.",
    "Photos of the meeting were published by the ministry on its website.",
    "Minister of Foreign Affairs of Examplestan John Doerson held a meeting with Anna Testova.",
    "Посол Экзампластана Иван Примеров провел встречу с министром иностранных дел.",
])
def test_sentences_are_not_boilerplate(line):
    assert classify(line) is None


@pytest.mark.parametrize("dateline, date", [
    ("ASTANA. EXAMPLEPRESS –", "2026-03-05"),             # no date in it: the header's
    ("KYIV. EXAMPLEPRESS -", "2026-03-05"),
    ("НУР-СУЛТАН, 2 марта. /ПРИМЕР-ТАСС/.", "2026-03-02"),
    ("СКОПЬЕ, 1 мар — Пример Новости.", "2026-03-01"),
    ("MOSCOW, March 3 (Examplewire) -", "2026-03-03"),
    ("Capital City. March 4. EXAMPLEFAX.RU.", "2026-03-04"),
])
def test_agency_datelines_are_dropped_and_date_the_item(tmp_path, dateline, date):
    russian = any("\u0400" <= c <= "\u04ff" for c in dateline)
    sentence = ("Министр иностранных дел Экзампластана Иван Примеров провел встречу с послом Тестландии Анной Тестовой."
                if russian else FIRST_EN)
    page = f" date 2026-03-05\nMinisters meet in the capital\n{dateline} {sentence} Стороны обсудили сотрудничество.\n"
    _, items = read_file(_write(tmp_path, "a.txt", page))
    assert len(items) == 1
    item = items[0]
    assert item.headline == "Ministers meet in the capital"
    assert item.body.startswith(sentence)
    assert item.date == date


def test_digest_page_of_date_blocks_is_read_as_its_items(tmp_path):
    blocks = []
    for day, title, text in [("05", "Governor meets a delegation from Testland", "The governor of the region Ivan Exampleov met a delegation."),
                             ("04", "Trade fair opens in the regional centre", "The first trade fair was held in the regional centre."),
                             ("02", "Advisory council holds its session", "Members of the advisory council met in the city hall.")]:
        blocks.append(f"{day}\n\n03.2026\n\n{title}\n\n{text}\n")
    report, items = read_file(_write(tmp_path, "digest.txt", " date 2026-03-06\nNews\n\n" + "\n".join(blocks)))
    assert [d.date for d in items] == ["2026-03-05", "2026-03-04", "2026-03-02"]
    assert items[0].headline == "Governor meets a delegation from Testland"


def test_bulleted_digest_entries_are_items_dated_by_their_text(tmp_path):
    page = (" date 2026-03-09 Morning digest March 9\n"
            "Capital City, (EXA) - The following is a list of selected news summaries last weekend.\n"
            "– President Ivan Exampleov received Testland's Prime Minister Anna Testova, who was on a working visit, in Capital City on March 7.\n"
            "The guest congratulated his host on the anniversary of diplomatic relations.\n"
            "– Priority should be given to transport links, Prime Minister Petr Primerov said at a government meeting on March 6 in Capital City.\n")
    report, items = read_file(_write(tmp_path, "d.txt", page))
    assert [d.date for d in items] == ["2026-03-07", "2026-03-06"]
    assert items[0].body.startswith("President Ivan Exampleov received")
    assert any("digest's lead" in n for n in report.notes)


def test_tag_page_of_titles_over_their_timestamps_is_read_as_its_items(tmp_path):
    entries = [("“We will keep the corridor open.” Interview with Ambassador Anna Testova", "12 March 2026, 10:00",
                "Ambassador of Testland Anna Testova spoke about the new railway corridor and the trade council."),
               ("Ivan Exampleov: “The reforms need time”", "3 March 2026, 18:15",
                "In an interview, Minister of Economy of Examplestan Ivan Exampleov spoke about the budget."),
               ("“Home” is about the river,” says singer Maria Songova", "20 February 2026, 09:30",
                "Singer Maria Songova released a new video about the river of her home town.")]
    page = " date 2026-03-12\nMaterials with tag «interview»\n\n" + "\n".join(
        f"{title}\n{stamp}\n\n{title}\n\n{body}\n" for title, stamp, body in entries)
    report, items = read_file(_write(tmp_path, "tag.txt", page))
    assert [d.date for d in items] == ["2026-03-12", "2026-03-03", "2026-02-20"]
    assert [d.headline for d in items] == [title for title, _, _ in entries]
    assert items[1].body.startswith("In an interview, Minister of Economy")
    assert all(d.body.count(d.headline) == 0 for d in items)


def test_numbered_digest_entries_are_items(tmp_path):
    entries = ["President Ivan Exampleov congratulated Anna Testova on her election as President of Testland. In his message, "
               "the head of state expressed confidence that relations would keep growing.",
               "During a telephone conversation, the Foreign Ministers of Examplestan and Testland, Petr Primerov and John Doerson, "
               "agreed to hold the next session of the joint commission before the end of the year.",
               "The national railway company confirmed its participation in the international transport conference, which "
               "will be held in the capital of Examplestan next month."]
    page = (" date 2026-03-07\nDigest of the main news of Examplestan for March 7\n\n"
            "The President congratulated the new President of Testland, the foreign ministers held a call, and more.\n\n"
            + "\n\n".join(f"{k}. {text}" for k, text in enumerate(entries, 1)) + "\n")
    report, items = read_file(_write(tmp_path, "n.txt", page))
    assert [d.body for d in items] == entries
    assert all(d.date == "2026-03-07" for d in items)
    # short numbered points of one statement, or numbers that skip, are an article's own list
    points = (" date 2026-03-07\nThe sides signed documents\n\nMinister Petr Primerov and Minister John Doerson signed three documents:\n"
              "1. An agreement on railway transport.\n2. A memorandum on culture.\n3. A programme of consultations.\n")
    assert len(read_file(_write(tmp_path, "p.txt", points))[1]) == 1
    skipping = page.replace("\n\n2. ", "\n\n4. ")
    assert len(read_file(_write(tmp_path, "s.txt", skipping))[1]) == 1


def test_interview_in_dashes_is_one_article(tmp_path):
    page = (" date 2026-03-05\nInterview with the Minister of Foreign Affairs of Examplestan\n"
            "– Minister, what did you discuss with your colleague from Testland during the visit to Capital City?\n"
            "– We discussed transport links, trade and the preparation of the President's visit later this year.\n")
    _, items = read_file(_write(tmp_path, "i.txt", page))
    assert len(items) == 1


def test_russian_page_with_quotes_is_one_article(tmp_path):
    page = (" date 2026-03-05\n5 марта в Доме министерств министр Иван Примеров провел встречу с послом Тестландии Анной Тестовой.\n"
            "«Мы рассчитываем на развитие сотрудничества», —\nсказал министр.\n"
            "«Отношения между нашими странами развиваются», —\nотметила посол.\nСтороны обсудили вопросы торговли.\n")
    _, items = read_file(_write(tmp_path, "q.txt", page))
    assert len(items) == 1 and items[0].date == "2026-03-05"
    assert "сказал министр" in items[0].body and "отметила посол" in items[0].body


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Examplestan and Testland ministers meet in Capital City</title>
<link rel="canonical" href="https://mfa.example.org/news/ministers-meet">
<meta property="article:published_time" content="2026-03-02T10:00:00Z">
<script>document.title = "pwned"; fetch("https://evil.example/")</script></head>
<body onload="steal()"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/en">EN</a> <a href="/ru">РУ</a></nav>
<header><a href="javascript:alert(1)">Go to the main site</a></header>
<article><h1>Examplestan and Testland ministers meet in Capital City</h1>
<p>Minister of Foreign Affairs of Examplestan John Doerson held a meeting with Minister of Foreign Affairs of Testland
Anna Testova in Capital City. The sides discussed bilateral cooperation in trade and transport.</p>
<p onclick="alert(2)">The ministers agreed to continue political consultations and to prepare the visit of the President of Testland.</p>
</article>
<footer><p>Subscribe to our newsletter</p><p>© 2026 Ministry. All rights reserved.</p><div>Related News</div></footer>
</body></html>"""


def test_html_page_is_read_through_trafilatura(tmp_path):
    report, items = read_file(_write(tmp_path, "page.html", HTML_PAGE))
    assert report.format == "html" and report.status == "ok", report.to_dict()
    assert len(items) == 1
    item = items[0]
    assert item.headline == "Examplestan and Testland ministers meet in Capital City"
    assert item.url == "https://mfa.example.org/news/ministers-meet"
    assert item.date == "2026-03-02"
    assert item.body.startswith("Minister of Foreign Affairs of Examplestan John Doerson held a meeting")
    for furniture in ("Home", "Subscribe", "All rights reserved", "Related News", "pwned", "alert", "javascript"):
        assert furniture not in item.text


def test_html_page_listing_several_items_is_a_digest(tmp_path):
    entries = [("05.03.2026", "Governor meets a delegation from Testland", "The governor of the region Ivan Exampleov met a delegation from Testland led by Anna Testova."),
               ("04.03.2026", "Trade fair opens in the regional centre", "The first trade fair was held in the regional centre, attended by guests from three countries."),
               ("02.03.2026", "Advisory council holds its session", "Members of the advisory council met in the city hall and spoke about the region.")]
    body = "".join(f'<div class="item"><div class="date">{d}</div><h2>{h}</h2><p>{p}</p></div>' for d, h, p in entries)
    page = (f'<html><head><title>News of the region</title><link rel="canonical" href="https://region.example.org/news"></head>'
            f'<body><nav><a href="/">Home</a></nav><main>{body}</main><footer>© 2026 Region</footer></body></html>')
    report, items = read_file(_write(tmp_path, "list.html", page))
    assert [(d.date, d.headline) for d in items] == [("-".join(reversed(d.split("."))), h) for d, h, _ in entries]
    assert all(d.url == "https://region.example.org/news" for d in items)


def test_hostile_files_of_the_new_kinds_lose_nothing_else(tmp_path):
    _write(tmp_path, "good.txt", FURNITURE_PAGE)
    _write(tmp_path, "scripts.html", "<html><body><script>while(1){}</script><p onmouseover='x()'>"
           + "<a href='javascript:alert(1)'>click</a></p></body></html>")
    entities = "".join(f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    _write(tmp_path, "bomb.html", f'<!DOCTYPE html [<!ENTITY e0 "boom">{entities}]><html><body><p>&e9;</p></body></html>')
    _write(tmp_path, "bad.jsonl", b'{"text": "\xff"}\n{nope\n')
    _write(tmp_path, "empty.csv", "title,text\n")
    read = {Path(r.path).name: (r, items) for r, items in read_paths([tmp_path])}
    assert len(read) == 5
    good_report, good = read["good.txt"]
    assert len(good) == 1 and good_report.status != "error"
    for name in ("bad.jsonl", "empty.csv"):
        report, items = read[name]
        assert report.status == "error" and not items and report.errors, name
    # the bomb: reported, its entities never expanded (a reference stays a few characters)
    bomb_report, bomb = read["bomb.html"]
    assert bomb_report.warnings and all(len(d.text) < 100 for d in bomb)
    # the script page: at most its visible words, never its code
    assert all("while" not in d.text and "alert" not in d.text and "x()" not in d.text for d in read["scripts.html"][1])


def test_html_javascript_canonical_link_is_not_kept(tmp_path):
    page = HTML_PAGE.replace("https://mfa.example.org/news/ministers-meet", "javascript:alert(document.cookie)")
    report, items = read_file(_write(tmp_path, "page.html", page))
    assert items and all(d.url is None for d in items)


def test_html_entity_bomb_and_malformed_markup_are_read_safely(tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY e0 "boom">{entities}]><html><body><article><p>&e9;</p><p>{FIRST_EN} ' \
           'The sides discussed trade and transport links between the two countries in detail.</p></article></body></html>'
    report, items = read_file(_write(tmp_path, "bomb.html", bomb))
    assert report.status != "error" and items
    assert "boomboom" not in items[0].text and len(items[0].text) < 2000
    broken = "<html><body><div><p>" + FIRST_EN + " <b>The sides <i>discussed trade.</p></div><table><tr><td>x</body><<<>>>&&&;"
    report, items = read_file(_write(tmp_path, "broken.html", broken))
    assert report.status in ("ok", "warning", "error")


def test_oversized_html_page_is_refused(tmp_path):
    from kg.read.html import MAX_HTML_BYTES

    path = tmp_path / "big.html"
    with path.open("wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>filler paragraph of a huge page</p>" * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write(b"</body></html>")
    report, items = read_file(path)
    assert items == [] and report.status == "error"
    assert f"{MAX_HTML_BYTES:,}-byte limit" in report.errors[0]


def _feed_records() -> list[dict]:
    return [
        {"title": "Ministers meet in Capital City", "text": FIRST_EN + " The sides discussed trade.",
         "date": "2026-03-01", "url": "https://news.example.org/a"},
        {"headline": "Министры встретились в столице", "body": "Министр иностранных дел Экзампластана Иван Примеров провел встречу с послом Тестландии Анной Тестовой.",
         "published": "2026-03-02T08:00:00Z", "link": "javascript:alert(1)"},
    ]


def test_jsonl_feed_with_a_broken_line_and_invalid_utf8(tmp_path):
    good = [json.dumps(r, ensure_ascii=False).encode() for r in _feed_records()]
    data = b"\n".join([good[0], b'{"title": "broken", "text": ', b'{"title": "bad \xff\xfe bytes", "text": "x"}', good[1],
                       json.dumps({"title": "huge", "text": "word " * 2_100_000}).encode()]) + b"\n"
    report, items = read_file(_write(tmp_path, "feed.jsonl", data))
    assert report.format == "jsonl"
    assert [d.headline for d in items] == ["Ministers meet in Capital City", "Министры встретились в столице"]
    assert [d.date for d in items] == ["2026-03-01", "2026-03-02"]
    assert [d.url for d in items] == ["https://news.example.org/a", None]   # a javascript: link is never kept
    assert [d.lang for d in items] == ["en", "ru"]
    joined = "\n".join(report.warnings)
    assert "line 2: not a JSON record" in joined and "line 3: not UTF-8" in joined and "line 5: text is 10,500,000 characters" in joined


def test_csv_export_and_field_mapping(tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "content", "pubDate", "link"])
        w.writerow(["Ministers meet in Capital City", FIRST_EN + "\nThe sides discussed trade.", "Tue, 03 Mar 2026 10:00:00 GMT", "https://x.example/1"])
        w.writerow(["Empty", "", "2026-03-03", ""])
    report, items = read_file(path)
    assert report.format == "csv" and len(items) == 1
    assert items[0].date == "2026-03-03" and items[0].url == "https://x.example/1"
    assert "line 4: no text" in "\n".join(report.warnings)   # the record before it spans two lines
    # a field under another name, mapped by the user
    path2 = tmp_path / "other.csv"
    with path2.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["story", "title"])
        w.writerow([FIRST_EN, "Ministers meet"])
    assert read_file(path2)[1] == []
    _, items = read_file(path2, fields={"text": "story"})
    assert len(items) == 1 and items[0].body.startswith("Minister of Foreign Affairs")


def test_feed_language_field(tmp_path):
    records = [{"text": FIRST_EN, "lang": "kk"}, {"text": FIRST_EN, "lang": "ru"}]   # the second is mislabelled
    report, items = read_file(_write(tmp_path, "f.ndjson", "\n".join(json.dumps(r) for r in records)))
    assert [d.lang for d in items] == ["kk", "en"] and report.not_analysed == {"kk": 1}


def test_cli_checks_field_options(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--field", "colour=red"])
    assert result.exit_code != 0 and "--field" in result.output


def test_field_options_are_checked():
    from kg.read.feed import parse_field_options

    assert parse_field_options(["text=content", "date=pubDate"]) == {"text": "content", "date": "pubDate"}
    with pytest.raises(ValueError):
        parse_field_options(["colour=red"])


KAZAKH = ("Қазақстан Республикасының Сыртқы істер министрі Тестланд елшісімен кездесті. Тараптар екіжақты "
          "ынтымақтастықтың өзекті мәселелерін талқылады.")
UZBEK = ("Oʻzbekiston Respublikasi tashqi ishlar vaziri Testland elchisini qabul qildi va ikki tomonlama hamkorlik "
         "masalalari muhokama qilindi.")
RUSSIAN = ("Министр иностранных дел Экзампластана Иван Примеров провел встречу с послом Тестландии Анной Тестовой. "
           "Стороны обсудили вопросы торговли и транспорта.")


@pytest.mark.parametrize("text, lang", [(KAZAKH, "kk"), (UZBEK, "uz"), (RUSSIAN, "ru"), (FIRST_EN * 2, "en"),
                                        ("Türkiye Dışişleri Bakanı Testland Dışişleri Bakanı ile bugün Ankara'da görüştü ve ikili ilişkileri ele aldı.", "tr")])
def test_languages_are_identified_not_guessed_by_script(text, lang):
    assert identify(text) == lang


def test_pages_kg_cannot_read_are_reported(tmp_path):
    report, items = read_file(_write(tmp_path, "kk.txt", f" date 2026-03-05\nТестланд елшісімен кездесу\n{KAZAKH}\n"))
    assert [d.lang for d in items] == ["kk"] and report.not_analysed.get("kk")
    report, items = read_file(_write(tmp_path, "uz.txt", f" date 2026-03-05\n{UZBEK}\n{UZBEK}\n"))
    assert [d.lang for d in items] == ["uz"] and report.not_analysed.get("uz")
    # a Russian page with an Uzbek paragraph: the page is Russian, the paragraph left out
    report, items = read_file(_write(tmp_path, "mixed.txt", f" date 2026-03-05\nМинистры встретились\n{RUSSIAN}\n{UZBEK}\nСтороны договорились продолжить консультации.\n"))
    assert [d.lang for d in items] == ["ru"]
    assert "Oʻzbekiston" not in items[0].text and report.not_analysed == {"uz": 1}


def test_folder_of_every_kind_is_read(tmp_path):
    _write(tmp_path, "a.txt", FURNITURE_PAGE)
    _write(tmp_path, "b.html", HTML_PAGE)
    _write(tmp_path, "c.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in _feed_records()) + "\n")
    _write(tmp_path, "d.csv", "title,text\nMinisters meet," + FIRST_EN + "\n")
    _write(tmp_path, "e.pdf", b"%PDF-1.4")
    reports = {Path(r.path).name: (r, items) for r, items in read_paths([tmp_path])}
    assert {k: r.format for k, (r, _) in reports.items() if k != "e.pdf"} == {"a.txt": "text", "b.html": "html", "c.jsonl": "jsonl", "d.csv": "csv"}
    assert all(items for k, (_, items) in reports.items() if k != "e.pdf")
    assert "not read as dispatches" in reports["e.pdf"][0].warnings[0]


def test_viewer_offers_only_web_links():
    from kg.viewer import _edge_item

    safe = _edge_item("a", "b", "k", "interaction", {"kind": "meeting", "url": "https://x.example/1"})
    assert safe["url"] == "https://x.example/1"
    for bad in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JaVaScRiPt:alert(1)", "https://x.example/\nfoo"):
        assert "url" not in _edge_item("a", "b", "k", "interaction", {"kind": "meeting", "url": bad})


@pytest.mark.models
def test_build_of_mixed_folder_lists_every_file_and_analyses_only_what_it_can(tmp_path):
    from kg.pipeline import build

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", FURNITURE_PAGE)
    _write(src, "b.html", HTML_PAGE)
    _write(src, "c.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in _feed_records()) + "\n{oops\n")
    _write(src, "d.csv", "title,text,url\nMinisters meet," + FIRST_EN + ",https://x.example/d\n")
    _write(src, "kk.txt", " date 2026-03-05\nСаид Тестов мен Болат Примеров кездесті\n"
           "Сыртқы істер министрі Болат Примеров Тестланд елшісі Саид Тестовпен кездесті. " + KAZAKH + "\n")
    result = build([src], tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert set(files) == {"a.txt", "b.html", "c.jsonl", "d.csv", "kk.txt"}
    assert files["a.txt"]["dropped"] and files["kk.txt"]["not_analysed"] == {"kk": 1}
    assert "line 3" in " ".join(files["c.jsonl"]["warnings"])
    names = " ".join(p.name for p in result.resolution.persons)
    assert not any(w in names for w in ("Bolat", "Said", "Болат", "Саид"))   # the Kazakh page's people
    kk = [d for d in result.dispatches if d.file == "kk.txt"]
    assert not any(e.dispatch_id == kk[0].id for e in result.resolution.encounters)
    rows = list(csv.DictReader((tmp_path / "out" / "dispatches.csv").open(encoding="utf-8")))
    assert {r["url"] for r in rows} >= {"https://mfa.example.org/news/ministers-meet", "https://x.example/d"}
    assert "url" in next(csv.reader((tmp_path / "out" / "interactions.csv").open(encoding="utf-8")))


def test_hyphen_bulleted_digest_entries_are_items(tmp_path):
    entries = ["President Ivan Exampleov on March 6 hosted separate receptions for the Ambassadors of Testland and Samplia "
               "as they came to present their credentials.",
               "Prime Minister Petr Primerov and the Premier of Testland John Doerson discussed the development of ties "
               "between the two countries during their phone talks on March 6.",
               "Minister of Foreign Affairs Anna Testova, on behalf of the President, attended the state funeral of the "
               "former King of Samplia held in its capital on March 6."]
    page = (" date 2026-03-07 Capital (XNA) - The following is a list of selected news summaries of last night.\n\n"
            + "\n\n".join(f"- {text}\n\nA paragraph that goes on with the story, in the digest's own words." for text in entries) + "\n")
    _, items = read_file(_write(tmp_path, "b.txt", page))
    assert [d.body.split("\n")[0] for d in items] == entries
    # a dash that opens direct speech is no bullet: one article
    speech = (" date 2026-03-07\nThe spokesman spoke of the message\n\nIn the talks on March 6 the President passed on a message.\n\n"
              "- The message was not in writing, the President of Testland John Doerson only passed it on orally, — the "
              "spokesman Petr Primerov told journalists on March 7.\n\n"
              "- That is all I can tell you about the contents of the message, — Primerov said, answering a question about it.\n")
    assert len(read_file(_write(tmp_path, "q.txt", speech))[1]) == 1


def test_round_up_under_section_labels(tmp_path):
    stories = [("TESTLAND", "Testland PM to pay working visit",
                "Prime Minister of Testland John Doerson will pay a two-day working visit to Examplestan from Tuesday."),
               ("SAMPLIA", "Samplia clarifies stance on ties",
                "Samplia should make a political decision on its ties, a senior official said on Monday."),
               ("EXAMPLESTAN", "Charter flights bring citizens home",
                "Examplestan is organising government-chartered flights to help its nationals leave the region.")]
    page = " date 2026-03-26\nBriefly\n\n" + "\n".join(f"{k}\n{h}\n{b}" for k, h, b in stories) + "\n"
    report, items = read_file(_write(tmp_path, "k.txt", page))
    assert [(d.headline, d.body) for d in items] == [(h, b) for _, h, b in stories]
    assert report.dropped.get("section label") == 3
    # one label over an article is page furniture, not a round-up
    single = " date 2026-03-26\nTESTLAND\nTestland PM to pay working visit\n" + stories[0][2] + "\nMore text of the article.\n"
    assert len(read_file(_write(tmp_path, "s.txt", single))[1]) == 1
