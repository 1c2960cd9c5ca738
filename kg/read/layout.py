"""Split a decoded dispatch into news items (``Dispatch`` records): the layout of the text.

A file is one article unless there is strong evidence of several (see ``parse_text``); a page's
furniture is left out (``kg.boilerplate``), agency datelines are cut from the sentences they open,
and each item's language is identified (``kg.lang``), its paragraphs in other languages kept out.
The shapes seen in the wild:

* a scraped page: a first line `` date YYYY-MM-DD`` with source junk, a stray headline
  or the first paragraph glued after it, then paragraphs;
* a digest whose items each open with a dateline ``24.02.2026, 20:15 7466`` (or a date block) and a headline;
* a news-agency digest: a lead paragraph (``Астана. 10 марта. ...``) and then one paragraph
  per event whose first line is broken off (``... организовало`` / ``брифинг для ...``);
* a bulleted digest (``– President … received … on March 4``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import boilerplate
from kg.boilerplate import Dateline
from kg.data import load_yaml
from kg.lang import analysed_languages, identify
from kg.model import Dispatch, FileReport, Lang

log = logging.getLogger(__name__)

#: Longest title made from an item's first sentence (real ones are under 300 characters).
TITLE_MAX_CHARS = 500

#: control and invisible format characters; also the bidi overrides and isolates (U+202A-202E,
#: U+2066-2069: they make a name display as another) and U+FFFE/U+FFFF (not allowed in XML: GraphML)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e"
                      r"\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class _Line:
    no: int            # 1-based line number in the file
    text: str
    blank_before: bool
    dateline: Dateline | None = None   # the agency dateline cut from the line's start
    title: bool = False                # an entry's title, known from the page's layout (whatever it ends with)
    label: bool = False                # a round-up's section label ("CHINA") over an item's headline


class _Rules:
    """The layout conventions of ``data/reader.yaml``, compiled once."""

    def __init__(self) -> None:
        cfg = load_yaml("reader.yaml")
        flags = re.IGNORECASE
        self.header = re.compile(cfg["header"], flags)
        self.repeated_header = re.compile(cfg["repeated_header"], flags)
        self.dateline = re.compile(cfg["dateline"])
        self.source_junk = [re.compile(p, flags) for p in cfg["source_junk"]]
        self.lead_date = [re.compile(p) for p in cfg["lead_date"]]
        self.attribution = [re.compile(p) for p in cfg["attribution"]]
        self.sentence_end = re.compile(cfg["sentence_end"])
        self.not_headline_end = re.compile(cfg["not_headline_end"])
        self.headline_max = int(cfg["headline_max_chars"])
        self.long_line = int(cfg["long_line_chars"])
        self.months = boilerplate.month_numbers()
        self.mentioned_date = [re.compile(p) for p in cfg["mentioned_date"]]
        self.first_sentence_date = [re.compile(p) for p in cfg["first_sentence_date"]]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


# ---------------------------------------------------------------------------- items


def parse_text(text: str, path: Path, report: FileReport, *, url: str | None = None) -> list[Dispatch]:
    """Split a decoded file into its news items.

    A file is one article unless there is strong evidence of several: two or more datelines
    (``24.02.2026, 20:15``, or a date block above each headline), a news-agency digest (a dated lead
    and entries whose first line is broken off), or a bulleted digest. Boilerplate lines are left
    out and counted (``report.dropped``); no other text of an article is discarded.
    """
    r = rules()
    header_date: dt.date | None = None
    lines: list[_Line] = []
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    m = r.header.match(first)
    start = 0
    if m:
        start = 1
        header_date = _iso_date(m["date"], path, report, "header")
        rest = _collapse_glued(m["rest"].strip())
        if rest and not any(p.match(rest) for p in r.source_junk):
            lines.append(_Line(1, rest, True))
    else:
        report.warn(f"{path}: no ' date YYYY-MM-DD' header on the first line; dates come from the text only")
    blank = True
    for no, raw in enumerate(_split_lines(text, skip=start), start=start + 1):
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        again = r.repeated_header.match(line) if m and not lines else None
        if again:
            report.dropped["header"] = report.dropped.get("header", 0) + 1
            line = _collapse_glued(again["rest"].strip())
            if not line or any(p.match(line) for p in r.source_junk):
                blank = True
                continue
        if len(line) > r.long_line:
            report.warn(f"{path}: line {no} is {len(line):,} characters long")
        lines.append(_Line(no, line, blank))
        blank = False
    if not lines:
        report.fail(f"{path}: no text after the header")
        return []
    lines, page_date, page_url = _drop_boilerplate(lines, report)
    url = url or page_url
    if not lines:
        report.fail(f"{path}: nothing but page furniture (credits, menus, timestamps)")
        return []
    if header_date is None and page_date is not None:
        header_date = page_date   # no header: the page's own timestamp dates it
    wrapped = _looks_hard_wrapped(lines)
    if wrapped:
        lines = _unwrap(lines)
    groups, lead_date, bulleted = _split_items(lines, wrapped, header_date, report)
    single = len(groups) == 1 and groups[0] == (0, len(lines))
    if single:
        lines = _drop_single_page_furniture(lines, report)
        groups = [(0, len(lines))]
    items: list[Dispatch] = []
    for lo, hi in groups:
        item = _make_item(lines[lo:hi], len(items), path, header_date, lead_date, report,
                          single=single, bulleted=bulleted, url=url)
        if item is not None:
            items.append(item)
    return items


def parse_record(
    title: str | None, text: str, date: dt.date | None, path: Path, report: FileReport, *,
    index: int, line: int, url: str | None = None, lang: str | None = None,
) -> Dispatch | None:
    """One record of a feed (or one web page's main text) as one item: its title the headline, its
    date the item's date unless its text carries a dateline; boilerplate left out as in any page.

    ``lang``: the language the record declares. One kg does not analyse is taken at its word; a
    declared ``en`` or ``ru`` is checked by the identifier (feeds mislabel).
    """
    lines: list[_Line] = []
    if title and title.strip():
        lines.append(_Line(line, " ".join(_CONTROL.sub("", title).split()), True))
    blank = True
    for raw in _split_lines(_CONTROL.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))):
        clean = " ".join(raw.split())
        if not clean:
            blank = True
            continue
        lines.append(_Line(line, clean, blank))
        blank = False
    if not lines:
        return None
    lines, _, page_url = _drop_boilerplate(lines, report)
    url = url or page_url
    if not lines:
        return None
    lines = _drop_single_page_furniture(lines, report)
    declared = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if re.fullmatch(r"[a-z]{2}", declared) and declared not in analysed_languages():
        item = _make_item(lines, index, path, date, None, None, single=True, url=url)
        if item is None:
            return None
        report.not_analysed[declared] = report.not_analysed.get(declared, 0) + item.body.count("\n") + 1
        report.notes.append(f"item at line {line} is declared {declared!r}, which kg does not analyse; listed, not analysed")
        return dataclasses.replace(item, lang=declared)
    return _make_item(lines, index, path, date, None, report, single=True, url=url)


def _drop_boilerplate(lines: list[_Line], report: FileReport) -> tuple[list[_Line], dt.date | None, str | None]:
    """Leave out the page's furniture (``data/boilerplate.yaml``) and cut agency datelines from
    the lines they open. Returns the kept lines, the first date a timestamp line gave and the first
    http(s) address alone on a line (the page's own, as a scraper writes it)."""
    lines = _join_split_dates(lines)
    # timestamps each heading a headline, twice or more: the datelines of a digest, not furniture; on a
    # tag or archive page each headline comes first and its timestamp under it ("Headline / 13 June 2024,
    # 10:00 / the entry"): the same evidence written the other way round, read so when it is the more common
    dated = {i: d for i, ln in enumerate(lines)
             if not r_dateline(ln.text) and boilerplate.is_timestamp(ln.text) and (d := boilerplate.find_date(ln.text))}
    before = [i for i in dated if i + 1 < len(lines) and _is_headline_like(lines[i + 1].text)]
    after = [i for i in dated if i > 0 and _titles_entry(lines[i - 1].text)
             and (i + 1 >= len(lines) or lines[i + 1].text == lines[i - 1].text or not _is_headline_like(lines[i + 1].text))]
    if len(after) >= 2 and len(after) > len(before):
        repeated = set()
        for i in after:
            headline = lines[i - 1]
            lines[i - 1] = _Line(headline.no, dated[i].strftime("%d.%m.%Y"), headline.blank_before)
            lines[i] = _Line(lines[i].no, headline.text, False, title=True)
            if i + 1 < len(lines) and lines[i + 1].text == headline.text:
                repeated.add(i + 1)   # the title printed again over its entry
        if repeated:
            report.dropped["repeated"] = report.dropped.get("repeated", 0) + len(repeated)
            lines = [ln for i, ln in enumerate(lines) if i not in repeated]
    elif len(before) >= 2:
        for i in before:
            lines[i] = _Line(lines[i].no, dated[i].strftime("%d.%m.%Y"), lines[i].blank_before)
    labels = set(_kicker_starts(lines))
    kept: list[_Line] = []
    seen: set[str] = set()
    page_date: dt.date | None = None
    page_url: str | None = None
    pending: Dateline | None = None
    skip_label = False
    dropped = report.dropped
    for i, ln in enumerate(lines):
        text = ln.text
        if r_dateline(text):
            kept.append(ln)
            continue
        if i in labels:
            dropped["section label"] = dropped.get("section label", 0) + 1
            kept.append(_Line(ln.no, text, ln.blank_before, label=True))
            continue
        if skip_label and boilerplate.is_agency_label(text):
            dropped["dateline"] = dropped.get("dateline", 0) + 1
            skip_label = False
            continue
        skip_label = False
        kind = boilerplate.classify(text)
        if kind is None and (own := boilerplate.dateline_line(text)) is not None:
            pending, skip_label, kind = own, True, "dateline"
        if kind is not None:
            if kind == "timestamp" and page_date is None:
                page_date = boilerplate.find_date(text)
            elif kind == "link" and page_url is None:
                from kg.read.feed import safe_url

                page_url = safe_url(text)
            dropped[kind] = dropped.get(kind, 0) + 1
            continue
        key = text.casefold()
        if len(text) <= rules().headline_max and key in seen and _is_headline_like(text):
            dropped["repeated"] = dropped.get("repeated", 0) + 1
            continue
        seen.add(key)
        if (bare := boilerplate.strip_credits(text)) != text:
            dropped["byline"] = dropped.get("byline", 0) + 1
            text = bare
        dateline = boilerplate.agency_dateline(text)
        if dateline is not None:
            text = text[dateline.end:].lstrip()
        elif pending is not None:
            dateline = pending
        pending = None
        kept.append(_Line(ln.no, text, ln.blank_before, dateline, ln.title))
    return kept, page_date, page_url


def _join_split_dates(lines: list[_Line]) -> list[_Line]:
    """``09`` / ``10.2025`` → ``09.10.2025``: a digest's date laid out on two lines."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and (joined := boilerplate.join_split_date(lines[i].text, lines[i + 1].text)):
            out.append(_Line(lines[i].no, joined, lines[i].blank_before))
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def _drop_single_page_furniture(lines: list[_Line], report: FileReport) -> list[_Line]:
    """In a one-article page: a byline under the headline (``Jane Doe, Some Outlet``) and the short
    lines after the article's last sentence (the author, tags, a related heading) are no text of it."""
    dropped = report.dropped
    out = list(lines)
    # the footer: short lines without a sentence end after the last line that ends a sentence
    last = max((i for i, ln in enumerate(out) if _ends_sentence(ln.text) or len(ln.text.split()) > 12), default=-1)
    if last >= 1:
        footer = [ln for ln in out[last + 1:] if len(ln.text.split()) <= 12 and not r_dateline(ln.text)]
        if footer and len(footer) == len(out) - last - 1:
            dropped["footer"] = dropped.get("footer", 0) + len(footer)
            out = out[: last + 1]
    # a byline: a person's name (and outlet) alone on a line among the first lines
    for i in range(1, min(4, len(out) - 1)):
        if _BYLINE.fullmatch(out[i].text) and not _ends_sentence(out[i].text):
            dropped["byline"] = dropped.get("byline", 0) + 1
            del out[i]
            break
    return out


#: "Jane Doe", "Jane van Doe, Some Outlet English": two to four capitalised words, an outlet after a comma
_BYLINE = re.compile(r"[A-ZА-ЯЁ][\w'’.-]+(?: (?:[a-z]{1,3} )?[A-ZА-ЯЁ][\w'’.-]+){1,3}(?:, [A-ZА-ЯЁ][\w'’.-]*(?: [A-ZА-ЯЁ][\w'’.-]*){0,4})?")


def _split_items(
    lines: list[_Line], wrapped: bool, header_date: dt.date | None, report: FileReport,
) -> tuple[list[tuple[int, int]], dt.date | None, bool]:
    """The item groups ``(lo, hi)`` of a file, the digest lead's date, and whether items are bulleted."""
    whole = [(0, len(lines))]
    # datelines heading a headline: a date stamped twice on one page (published, updated) is not a digest
    datelines = sum(1 for i, ln in enumerate(lines[:-1]) if r_dateline(ln.text) and _is_headline_like(lines[i + 1].text))
    labels = [i for i, ln in enumerate(lines) if ln.label]
    if datelines < 2 and labels:
        # "CHINA" / "Dutch PM to pay working visit" / its story, and again: each section label starts an
        # item whose headline is the line under it; the labels are no text of any item
        bounds = labels + [len(lines)]
        return [(bounds[i] + 1, bounds[i + 1]) for i in range(len(labels))], None, False
    bullets = _bullet_starts(lines)
    if datelines < 2 and bullets:
        lead = lines[: bullets[0]]
        lead_date = next((d for ln in lead if ln.dateline and (d := ln.dateline.date(header_date))), None)
        if lead:
            report.notes.append(f"lines {lead[0].no}-{lead[-1].no} read as the digest's lead, not as an item"
                                + (f" (dated {lead_date.isoformat()})" if lead_date else ""))
        bounds = bullets + [len(lines)]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bullets))], lead_date, True
    starts = _item_starts(lines, wrapped)
    if not starts:
        return whole, None, False
    if datelines < 2:
        # no datelines: a news-agency digest (a dated lead, then entries whose first line is
        # broken off) or one article
        preamble = lines[: starts[0]]
        lead_date = _line_lead_date(preamble[0], header_date) if preamble else None
        entries = all(i + 1 < len(lines) and _starts_lower(lines[i + 1].text) for i in starts)
        if not (preamble and not _is_headline_like(preamble[0].text) and lead_date and len(starts) >= 2 and entries):
            return whole, None, False
    groups: list[tuple[int, int]] = []
    lead_date = None
    if starts[0] > 0:
        preamble = lines[: starts[0]]
        if _is_headline_like(preamble[0].text):
            groups.append((0, starts[0]))
        else:
            # a digest's lead paragraph: not an item, but it dates the items below it
            lead_date = _line_lead_date(preamble[0], header_date)
            report.notes.append(
                f"lines {preamble[0].no}-{preamble[-1].no} read as the digest's lead, not as an item"
                + (f" (dated {lead_date.isoformat()})" if lead_date else "")
            )
    bounds = starts + [len(lines)]
    groups.extend((bounds[i], bounds[i + 1]) for i in range(len(starts)))
    return groups, lead_date, False


def _kicker_starts(lines: list[_Line]) -> list[int]:
    """A round-up of short stories under section labels: a label in capitals ("CHINA", "DPRK"), a
    headline under it, then the story's paragraph — at least ``kicker_min_items`` times."""
    b = boilerplate.rules()
    starts = [i for i in range(len(lines) - 1)
              if _KICKER.fullmatch(lines[i].text) and _titles_entry(lines[i + 1].text)
              and (i + 2 >= len(lines) or not _KICKER.fullmatch(lines[i + 2].text))]
    return starts if len(starts) >= b.kicker_min_items and starts[0] <= 3 else []


#: a section label: one to three words in capitals, no sentence
_KICKER = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ&'’.-]+(?: [A-ZА-ЯЁ&'’.-]+){0,2}")


# "- Послание … не было в письменной форме, — сообщил Песков": a dash that opens direct speech, not a bullet
_SPEECH_DASH = re.compile(r"[,.!?…]\s*[—–-]\s+[a-zа-яё]")


def _bullet_starts(lines: list[_Line]) -> list[int]:
    """The entries of a bulleted digest (``– President … received …``), after at most a title and a lead."""
    b = boilerplate.rules()
    marked = [i for i, ln in enumerate(lines) if b.bullet.match(ln.text)]
    numbers = [re.match(r"\d+", lines[i].text) for i in marked]
    if marked and all(numbers):
        # "1. …", "2. …": entries only when they count up from 1 without a gap, each a long paragraph
        if ([int(n.group()) for n in numbers if n] == list(range(1, len(marked) + 1))
                and len(marked) >= b.numbered_min_items
                and all(len(lines[i].text) >= b.numbered_min_chars for i in marked)):
            return marked
        return []
    starts = [i for i, n in zip(marked, numbers) if n is None and len(lines[i].text) >= b.bullet_min_chars
              and not _SPEECH_DASH.search(lines[i].text)]
    if len(starts) < b.bullet_min_items or starts[0] > 2:
        return []
    if any(lines[i].text.rstrip().endswith("?") for i in starts):
        return []   # questions and answers: an interview, not a digest
    return starts


def _line_lead_date(line: _Line, header_date: dt.date | None) -> dt.date | None:
    if line.dateline is not None and (d := line.dateline.date(header_date)) is not None:
        return d
    return _lead_date(line.text, header_date)


def _iso_date(value: str, path: Path, report: FileReport, where: str) -> dt.date | None:
    try:
        y, m, d = (int(x) for x in value.split("-"))
        return dt.date(y, m, d)
    except ValueError:
        report.warn(f"{path}: impossible date {value!r} in the {where}; ignored")
        return None


def _collapse_glued(text: str) -> str:
    """``Title"Title`` (a headline glued to itself by a scraper) → ``Title``."""
    if len(text) > 2 * rules().headline_max + 8:
        return text   # two headlines at most; the backreference search is quadratic (a 1 MB line took minutes)
    m = re.fullmatch(r"(.{8,}?)\s*\1", text, flags=re.DOTALL)
    return m.group(1).strip() if m else text


def _titles_entry(text: str) -> bool:
    """A line that can be an entry's title above its timestamp: short, no full stop at its end (a
    quotation closing it is still a title: «…» or “…”)."""
    return (0 < len(text) <= rules().headline_max and not r_dateline(text)
            and not re.search(r"[.!?:;,]\s*$", text) and not _starts_lower(text))


def _ends_sentence(text: str) -> bool:
    return bool(rules().sentence_end.search(text))


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _is_headline_like(text: str) -> bool:
    """A short line that is not a sentence: no closing punctuation, no sentence break inside."""
    r = rules()
    if len(text) > r.headline_max or _ends_sentence(text) or len(text.split()) < 2 or r.not_headline_end.search(text):
        return False
    if re.search(r"[.!?]\s+[A-ZА-ЯЁ]", text):
        return False
    return not _starts_lower(text)


def _looks_hard_wrapped(lines: list[_Line]) -> bool:
    """True when text is wrapped at a fixed width: lines that both continue and break a sentence.

    A digest whose entries have one broken first line each is not wrapped: there the
    continuation line always closes its paragraph.
    """
    if len(lines) < 6:
        return False
    middle = sum(
        1
        for a, b, c in zip(lines, lines[1:], lines[2:])
        if not b.blank_before and not c.blank_before and not _ends_sentence(a.text)
        and _starts_lower(b.text) and not _ends_sentence(b.text) and _starts_lower(c.text)
    )
    return middle > 0.2 * len(lines)


def _unwrap(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for line in lines:
        if out and not line.blank_before and not r_dateline(line.text) and not _ends_sentence(out[-1].text):
            prev = out[-1]
            out[-1] = _Line(prev.no, f"{prev.text} {line.text}", prev.blank_before, prev.dateline)
        else:
            out.append(line)
    return out


def r_dateline(text: str) -> re.Match[str] | None:
    return rules().dateline.match(text)


def _item_starts(lines: list[_Line], wrapped: bool) -> list[int]:
    """Indexes of the lines that open a news item."""
    starts: list[int] = []
    n = len(lines)
    i = 0
    while i < n:
        text = lines[i].text
        nxt = lines[i + 1].text if i + 1 < n else None
        prev_ends = i == 0 or _ends_sentence(lines[i - 1].text)
        if r_dateline(text):
            starts.append(i)
            i += 2 if nxt is not None and not r_dateline(nxt) else 1   # the dateline and its headline
            continue
        if nxt is not None and _is_headline_like(text) and (i == 0 or prev_ends or _is_headline_like(lines[i - 1].text)):
            if not _starts_lower(nxt):
                starts.append(i)          # a headline followed by its body
            elif not wrapped and not nxt[:1].isdigit():
                starts.append(i)          # a paragraph whose first line is broken off: a digest entry
        i += 1
    return starts


def _make_item(
    lines: list[_Line], index: int, path: Path, header_date: dt.date | None, lead_date: dt.date | None,
    report: FileReport | None = None, *, single: bool = False, bulleted: bool = False, url: str | None = None,
) -> Dispatch | None:
    if not lines:
        return None
    date: dt.date | None = None
    time: str | None = None
    date_source = "none"
    start_no = lines[0].no
    at = 0 if r_dateline(lines[0].text) else next((i for i, ln in enumerate(lines) if single and r_dateline(ln.text)), None)
    if at is not None:
        m = r_dateline(lines[at].text)
        assert m is not None
        try:
            date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            date_source = "dateline"
            if m["H"] is not None:
                time = dt.time(int(m["H"]), int(m["M"])).strftime("%H:%M")
        except ValueError:
            # an impossible date (or time: 25:61) in the dateline: the item keeps the header's date
            if report is not None:
                report.warn(f"{path}: impossible dateline {lines[at].text!r} at line {lines[at].no}; ignored")
            else:
                log.warning("%s: impossible dateline %r", path, lines[at].text)
        lines = lines[:at] + lines[at + 1:]
    if not lines:
        return None
    if bulleted:
        first_line = lines[0]
        lines = [_Line(first_line.no, boilerplate.rules().bullet.sub("", first_line.text, count=1),
                       first_line.blank_before, first_line.dateline), *lines[1:]]
    if date is None:
        # an agency dateline ("ASTANA, March 3 (Reuters) -") dates the item it opens
        for ln in lines[: len(lines) if single else 2]:
            if ln.dateline is not None and (d := ln.dateline.date(header_date)) is not None:
                date, date_source = d, "dateline"
                break
    headline_in_body = False
    first = lines[0].text
    if single and len(lines) > 2 and _is_headline_like(first) and _is_headline_like(lines[1].text) \
            and not _is_headline_like(lines[2].text) and len(first) + len(lines[1].text) < rules().headline_max:
        # a headline broken over two lines
        lines = [_Line(lines[0].no, f"{first} {lines[1].text}", lines[0].blank_before), *lines[2:]]
        first = lines[0].text
    if lines[0].title:
        headline, body_lines = first, lines[1:]
    elif len(lines) > 1 and _is_headline_like(first) and not _starts_lower(lines[1].text):
        headline, body_lines = first, lines[1:]
    elif len(lines) > 1 and _is_headline_like(first):
        # broken first line: it is both the item's title and the start of its first sentence
        headline, body_lines, headline_in_body = first, lines, True
    elif len(lines) == 1 and _is_headline_like(first):
        headline, body_lines = first, []
    else:
        headline, body_lines, headline_in_body = _first_sentence(first), lines, True
    body = _join(body_lines)
    headline = boilerplate.rules().bullet.sub("", headline, count=1)
    if date is None and bulleted:
        mentioned = _mentioned_date(body, header_date)
        if mentioned:
            date, date_source = mentioned, "text"
    if date is None and single and body_lines:
        mentioned = _mentioned_date(_first_sentence(body_lines[0].text), header_date, rules().first_sentence_date)
        if mentioned:
            date, date_source = mentioned, "text"
    if date is None and body_lines:
        lead = _lead_date(body_lines[0].text, header_date)
        if lead:
            date, date_source = lead, "lead"
    if date is None and lead_date is not None:
        date, date_source = lead_date, "lead"
    if date is None and header_date is not None:
        date, date_source = header_date, "header"
    lang = detect_lang(f"{headline} {body[:20000]}")   # detect_lang reads the first 20,000 characters
    body = _analysable_paragraphs(body, lang, start_no, path, report)
    from kg.read import _content_digest

    digest = _content_digest(f"{headline}\n{body}")[:16]
    return Dispatch(
        id=f"d-{digest}",
        file=path.name,
        path=str(path),
        index=index,
        date=date.isoformat() if date else None,
        time=time,
        headline=headline,
        body=body,
        lang=lang,
        line=start_no,
        date_source=date_source,
        headline_in_body=headline_in_body,
        url=url,
    )


def _analysable_paragraphs(body: str, lang: str, line: int, path: Path, report: FileReport | None) -> str:
    """The body without its paragraphs in a language kg cannot analyse (an Uzbek paragraph of a
    Russian page); each one is counted in the report. An item wholly in such a language is kept
    as it is: its language says it is not analysed."""
    analysed = analysed_languages()
    if report is not None and lang not in analysed:
        report.not_analysed[lang] = report.not_analysed.get(lang, 0) + body.count("\n") + 1
        report.notes.append(f"item at line {line} is in {lang!r}, which kg does not analyse; listed, not analysed")
        return body
    if "\n" not in body:
        return body
    kept: list[str] = []
    left: dict[str, int] = {}
    for par in body.split("\n"):
        other = identify(par, default=lang)
        if other in analysed:
            kept.append(par)
        else:
            left[other] = left.get(other, 0) + 1
    if not left:
        return body
    if report is not None:
        for code, n in left.items():
            report.not_analysed[code] = report.not_analysed.get(code, 0) + n
        report.notes.append(f"item at line {line}: " + ", ".join(f"{n} paragraph(s) in {c!r}" for c, n in sorted(left.items()))
                            + " left out of the analysis")
    return "\n".join(kept)


def _mentioned_date(text: str, reference: dt.date | None, patterns: list[re.Pattern[str]] | None = None) -> dt.date | None:
    """A digest entry's own date, written in its text ("… in Hanoi on March 4"): the first such date
    at most a week before the file's date."""
    if reference is None:
        return None
    months = boilerplate.month_numbers()
    for pattern in rules().mentioned_date if patterns is None else patterns:
        for m in pattern.finditer(text[:5000]):
            month = months.get(m["month"].lower().rstrip("."))
            if month is None:
                continue
            try:
                d = dt.date(reference.year, month, int(m["day"]))
            except ValueError:
                continue
            if d > reference + dt.timedelta(days=2):
                d = d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else d
            if reference - dt.timedelta(days=7) <= d <= reference:
                return d
    return None


def _join(lines: list[_Line]) -> str:
    """Join lines into text: a broken line continues its sentence, other lines are paragraphs."""
    parts: list[str] = []
    for line in lines:
        if parts and _starts_lower(line.text) and not _ends_sentence(parts[-1]):
            parts[-1] = f"{parts[-1]} {line.text}"
        else:
            parts.append(line.text)
    return "\n".join(parts)


def _first_sentence(text: str) -> str:
    """A title for an item that has none: its first sentence, without the source attribution."""
    m = re.search(r"(?<!\b[A-ZА-ЯЁ])(?<!\b[A-Z][a-z])[.!?](?=\s+[\"“«A-ZА-ЯЁ]|\s*$)", text)
    sentence = text[: m.start()] if m else text
    if len(sentence) > TITLE_MAX_CHARS:
        # no sentence end in sight (a page glued into one line): a title, not the whole text, in every table
        sentence = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
    for pattern in rules().attribution:
        sentence = pattern.sub("", sentence)
    return sentence.strip().rstrip(",;:")


def _lead_date(text: str, header_date: dt.date | None) -> dt.date | None:
    """``Астана. 10 марта.`` / ``ASTANA, March 10`` → a date; the year from the header when not given."""
    r = rules()
    for pattern in r.lead_date:
        m = pattern.match(text)
        if not m:
            continue
        month = r.months.get(m["month"].lower().rstrip("."))
        if month is None:
            continue
        year = int(m["year"]) if m["year"] else (header_date.year if header_date else None)
        if year is None:
            return None
        try:
            date = dt.date(year, month, int(m["day"]))
        except ValueError:
            return None
        if not m["year"] and header_date and date > header_date + dt.timedelta(days=2):
            date = date.replace(year=year - 1)   # a December story in a January file
        return date
    return None


def detect_lang(text: str) -> Lang:
    """The language of an item (``kg.lang.identify``): ``en`` and ``ru`` are analysed, any other
    code (``kk``, ``uz``, ``tr``, …) is read and reported but not analysed."""
    return identify(text)


def _split_lines(text: str, skip: int = 0) -> Iterator[str]:
    """``text.split("\n")[skip:]``, one line at a time: a huge file is not held twice as a list of lines."""
    start = 0
    while True:
        end = text.find("\n", start)
        if skip <= 0:
            yield text[start:] if end < 0 else text[start:end]
        skip -= 1
        if end < 0:
            return
        start = end + 1
