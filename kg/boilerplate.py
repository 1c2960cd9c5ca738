"""What a web page carries around its article: credits, bylines, timestamps, widgets, navigation;
and the agency datelines that open an article's first sentence.

The rules are the general shapes of ``data/boilerplate.yaml``; this module only applies them.
``classify(line)`` names a line's family (or ``None`` for text), ``agency_dateline(line)`` splits
``ASTANA. KAZINFORM – The Minister …`` into the dateline and the sentence, ``find_date`` reads a
date written in any of the usual ways (``21 January 2022, 21:14``, ``2017-09-21 16:41``, ``27окт.2022``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import load_yaml


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month names in English and Russian, every case and abbreviation CLDR knows (and a few more)."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("en", "ru"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = number
    for name, number in list(names.items()):
        # "фев", "ноя", "Oct": the first three letters, where they name one month only
        stem = name[:3]
        if len(name) > 3 and names.get(stem, number) == number:
            names[stem] = number
    for name, number in load_yaml("boilerplate.yaml").get("extra_months", {}).items():
        names[str(name).lower()] = int(number)
    return names


@dataclass(frozen=True, slots=True)
class Dateline:
    """An agency dateline found at the start of a line."""

    end: int                     # where the sentence starts after it
    place: str
    agency: str | None
    day: int | None
    month: int | None
    year: int | None

    def date(self, reference: dt.date | None) -> dt.date | None:
        """The dateline's date; a missing year from ``reference`` (the file's date), a day that
        would fall after it counted in the year before (a December story in a January file)."""
        if self.day is None or self.month is None:
            return None
        year = self.year or (reference.year if reference else None)
        if year is None:
            return None
        try:
            date = dt.date(year, self.month, self.day)
        except ValueError:
            return None
        if not self.year and reference and date > reference + dt.timedelta(days=2):
            try:
                date = date.replace(year=year - 1)
            except ValueError:
                return None
        return date


class _Rules:
    def __init__(self) -> None:
        cfg: dict[str, Any] = load_yaml("boilerplate.yaml")
        flags = re.IGNORECASE
        self.families = [(kind, [re.compile(p, flags) for p in patterns]) for kind, patterns in cfg["families"].items()]
        self.section_caps = re.compile(cfg["section_caps"])
        self.strip_suffix = [re.compile(p, flags) for p in cfg["strip_suffix"]]
        self.timestamp_words = frozenset(cfg["timestamp_words"])
        self.free_words = int(cfg["timestamp_free_words"])
        self.split_date = [re.compile(p) for p in cfg["split_date"]]
        place = cfg["PLACE"]
        self.agency = [re.compile(p.replace("{PLACE}", place)) for p in cfg["agency_datelines"]]
        self.dateline_lines = [re.compile(p.replace("{PLACE}", place)) for p in cfg["dateline_lines"]]
        self.agency_label = re.compile(cfg["agency_label"])
        self.bullet = re.compile(cfg["bullet"])
        self.bullet_min_items = int(cfg["bullet_min_items"])
        self.bullet_min_chars = int(cfg["bullet_min_chars"])
        self.numbered_min_items = int(cfg["numbered_min_items"])
        self.numbered_min_chars = int(cfg["numbered_min_chars"])
        self.kicker_min_items = int(cfg["kicker_min_items"])


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


def classify(line: str) -> str | None:
    """The boilerplate family of a line (``credit``, ``timestamp``, ``share``, …), or ``None``."""
    r = rules()
    if len(line) > 600:
        return None   # an article's paragraph, not a widget (and no pattern runs over a huge line)
    if is_timestamp(line):
        return "timestamp"
    for kind, patterns in r.families:
        if any(p.match(line) for p in patterns):
            return kind
    if r.section_caps.match(line) and sum(c.isalpha() for c in line) >= 2 and not dateline_line(line):
        return "section"
    return None


_DATE_NUMERIC = re.compile(r"(?<!\d)(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2}))(?!\d)")
_DATE_WORDS = re.compile(
    r"(?<![\w])(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?P<mon>[A-Za-zА-Яа-яЁё]{3,})\.?,?\s*(?P<y>\d{4})"
    r"|(?P<mon2>[A-Za-zА-Яа-яЁё]{3,})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_TOKEN = re.compile(r"[^\W\d_]+")


def find_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) written in ``text``, in any usual form."""
    m = _DATE_NUMERIC.search(text)
    if m:
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            pass
    months = month_numbers()
    for m in _DATE_WORDS.finditer(text):
        name = (m["mon"] or m["mon2"]).lower()
        month = months.get(name) or months.get(name[:3])
        if month is None:
            continue
        try:
            return dt.date(int(m["y"] or m["y2"]), month, int(m["d"] or m["d2"]))
        except ValueError:
            continue
    return None


def is_timestamp(line: str) -> bool:
    """A line that is a date or a time and little else (at most a name, a counter, a site)."""
    if len(line) > 120:
        return False
    has_time = bool(_TIME.search(line))
    date = find_date(line)
    if not has_time and date is None:
        return False
    rest = _DATE_NUMERIC.sub(" ", line)
    rest = _DATE_WORDS.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    r = rules()
    months = month_numbers()
    words = [w for w in _TOKEN.findall(rest)
             if w.lower() not in r.timestamp_words and w.lower().rstrip(".") not in months and "." not in w]
    # a site's name ("www.trend.az") is not a word of text
    words = [w for w in words if w.lower() not in {"www", "com", "ru", "kz", "az", "uz", "org", "net"}]
    return len(words) <= r.free_words and (date is not None or len(words) <= 1)


def agency_dateline(line: str) -> Dateline | None:
    """The agency dateline opening ``line`` (``ASTANA. KAZINFORM –``, ``MOSCOW, March 3 (Reuters) -``)."""
    for pattern in rules().agency:
        m = pattern.match(line)
        if m and m.end() < len(line):
            return _dateline(m)
    return None


def dateline_line(line: str) -> Dateline | None:
    """A dateline that is a whole line (``Baku, Azerbaijan, Sept. 21``)."""
    for pattern in rules().dateline_lines:
        m = pattern.match(line)
        if m:
            d = _dateline(m)
            if d.month is not None:
                return d
    return None


def _dateline(m: re.Match[str]) -> Dateline:
    groups = m.groupdict()
    month = None
    if groups.get("monthnum"):
        month = int(groups["monthnum"]) if 1 <= int(groups["monthnum"]) <= 12 else None
    elif groups.get("month"):
        name = groups["month"].lower().rstrip(".")
        months = month_numbers()
        month = months.get(name) or months.get(name[:3])
    return Dateline(
        end=m.end(), place=groups.get("place") or "", agency=(groups.get("agency") or "").strip() or None,
        day=int(groups["day"]) if groups.get("day") else None, month=month,
        year=(int(groups["year"]) + (2000 if len(groups["year"]) == 2 else 0)) if groups.get("year") else None,
    )


def strip_credits(line: str) -> str:
    """``line`` without a credit closing it (``(Reporting by …; Editing by …)``)."""
    for pattern in rules().strip_suffix:
        line = pattern.sub("", line)
    return line


def is_agency_label(line: str) -> bool:
    """``Trend:`` alone on the line after a dateline line."""
    return bool(rules().agency_label.match(line))


def join_split_date(first: str, second: str) -> str | None:
    """``09`` + ``10.2025`` → ``09.10.2025`` (a digest's date laid out on two lines)."""
    a, b = rules().split_date
    ma, mb = a.match(first), b.match(second)
    if ma and mb:
        return f"{ma['d']}.{mb['m']}.{mb['y']}"
    return None
