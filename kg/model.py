"""Typed records passed between the pipeline stages.

read → ``Dispatch``; extract → ``ItemExtraction`` (``OfficialMention``,
``InstitutionMention``, ``Interaction``); resolve → ``Resolution`` (``Person``,
``Institution``, ``Country`` and resolved ``Encounter`` records, each holding the ``Report``s of
it by one or more items); build → a
networkx graph. Every record is a slotted dataclass with ``to_dict``/``from_dict``
so that stages can be cached, shipped to worker processes and written out.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

#: ISO 639-1 code of an item's language: kg analyses "en" and "ru"; other languages are read and
#: reported but not analysed (kg.lang).
Lang = str
InteractionKind = Literal["meeting", "call", "message", "event"]
ParticipantType = Literal["person", "institution"]

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: plain-dict round trip for a (possibly nested) dataclass."""

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, without its deep copies (5× faster: every item's
        extraction goes through here into the cache)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            nested = _NESTED.get((cls.__name__, f.name))
            if nested is not None and value is not None:
                value = [nested.from_dict(v) for v in value]
            elif isinstance(value, list):
                value = tuple(value) if _is_tuple_field(f) else value
            kwargs[f.name] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, lists and tuples rebuilt with their items converted (as ``asdict`` does)."""
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return type(value)(*[_plain(v) for v in value]) if hasattr(value, "_fields") else tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _is_tuple_field(f: dataclasses.Field) -> bool:
    return "tuple" in str(f.type)


@dataclass(frozen=True, slots=True)
class Dispatch(Record):
    """One news item read from a dispatch file."""

    id: str                 # stable: hash of the item's normalised content
    file: str               # the input file's name
    path: str               # the path it was read from
    index: int              # 0-based position of the item in its file
    date: str | None        # ISO date of the item
    time: str | None        # HH:MM where the dateline gives one
    headline: str
    body: str               # the item's text; includes the headline when headline_in_body
    lang: Lang
    line: int               # 1-based line of the file where the item starts
    date_source: str = "header"   # dateline | lead | header | none
    headline_in_body: bool = False
    sources: tuple[str, ...] = ()  # other files holding the very same item
    url: str | None = None         # where the item was published (a page's canonical link, a feed's url field)

    @property
    def text(self) -> str:
        """Everything to analyse: the headline (unless it opens the body) and the body."""
        if self.headline_in_body or not self.headline:
            return self.body
        return f"{self.headline}\n{self.body}" if self.body else self.headline

    @property
    def body_offset(self) -> int:
        """Where the body starts inside ``text``."""
        if self.headline_in_body or not self.headline:
            return 0
        return len(self.headline) + 1


@dataclass(slots=True)
class FileReport(Record):
    """What happened to one input file: it always appears in report.json."""

    path: str
    status: Literal["ok", "warning", "error"] = "ok"
    items: int = 0
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # how the file was read; not a problem
    format: str = "text"            # text | html | jsonl | csv
    dropped: dict[str, int] = field(default_factory=dict)       # boilerplate lines left out, by family
    not_analysed: dict[str, int] = field(default_factory=dict)  # paragraphs in languages kg cannot analyse, by language

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.status == "ok":
            self.status = "warning"

    def fail(self, message: str) -> None:
        self.errors.append(message)
        self.status = "error"


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A character span of an item's text, with the sentence it sits in."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(slots=True)
class OfficialMention(Record):
    """A person named in one item, with everything the item says about them.

    ``key`` is local to the item; resolution turns it into a corpus-wide id.
    """

    key: str
    name: str                       # the fullest form seen in the item
    lang: Lang = "en"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None      # ISO alpha-2 of the state served
    accredited_to: str | None = None
    institutions: list[str] = field(default_factory=list)
    international: bool = False     # serves an international organisation
    spans: list[Span] = field(default_factory=list)
    normal: str | None = None       # nominative form (Russian)


@dataclass(slots=True)
class InstitutionMention(Record):
    """An institution named in one item."""

    key: str
    name: str
    country: str | None = None
    international: bool = False
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    source: bool = False            # named as the item's source ("…, Kazinform reports"), not as a participant


@dataclass(frozen=True, slots=True)
class Participant(Record):
    type: ParticipantType
    key: str                        # an OfficialMention.key or InstitutionMention.key


@dataclass(slots=True)
class Interaction(Record):
    """An encounter reported by one item between two participants."""

    kind: InteractionKind
    a: Participant
    b: Participant
    evidence: str
    sentence: int
    direction: str = "mutual"        # host/guest (a hosts b), sender/recipient, mutual
    trigger: str = ""
    rule: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Interaction":
        data = dict(data)
        data["a"] = Participant.from_dict(data["a"])
        data["b"] = Participant.from_dict(data["b"])
        return super(Interaction, cls).from_dict(data)  # type: ignore[return-value]


@dataclass(slots=True)
class ItemExtraction(Record):
    """Everything the extractor found in one dispatch."""

    dispatch_id: str
    officials: list[OfficialMention] = field(default_factory=list)
    institutions: list[InstitutionMention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)   # ISO codes involved, in order of first mention
    interactions: list[Interaction] = field(default_factory=list)
    country_spans: list[tuple[str, Span]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ItemExtraction":
        return cls(
            dispatch_id=data["dispatch_id"],
            officials=[_official_from_dict(o) for o in data.get("officials", [])],
            institutions=[_institution_from_dict(i) for i in data.get("institutions", [])],
            countries=list(data.get("countries", [])),
            interactions=[Interaction.from_dict(i) for i in data.get("interactions", [])],
            country_spans=[(c, Span.from_dict(s)) for c, s in data.get("country_spans", [])],
        )


def _official_from_dict(data: dict[str, Any]) -> OfficialMention:
    data = dict(data)
    data["spans"] = [Span.from_dict(s) for s in data.get("spans", [])]
    return OfficialMention(**data)


def _institution_from_dict(data: dict[str, Any]) -> InstitutionMention:
    data = dict(data)
    data["spans"] = [Span.from_dict(s) for s in data.get("spans", [])]
    return InstitutionMention(**data)


_NESTED: dict[tuple[str, str], type[Record]] = {}


# ---------------------------------------------------------------------------- resolved entities


@dataclass(slots=True)
class Person(Record):
    """One real person across the corpus (many ``OfficialMention``s)."""

    id: str                          # person-<hash of the canonical name key>
    name: str                        # display name, Latin script
    aliases: list[str] = field(default_factory=list)   # every other spelling, Cyrillic included
    roles: list[str] = field(default_factory=list)
    country: str | None = None       # ISO alpha-2 of the state served
    accredited_to: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)  # Institution ids
    international: bool = False
    files: list[str] = field(default_factory=list)
    dispatches: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    mentions: int = 0
    merges: list[str] = field(default_factory=list)    # why mentions were merged: "rule: a = b (score)"


@dataclass(slots=True)
class Institution(Record):
    id: str                          # inst-<hash of the canonical name key>
    name: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    international: bool = False
    files: list[str] = field(default_factory=list)
    dispatches: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Country(Record):
    id: str                          # country-<ISO alpha-2>
    iso: str
    name: str
    name_ru: str | None = None
    files: list[str] = field(default_factory=list)
    dispatches: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass(slots=True)
class Report(Record):
    """One item's report of an encounter: which item, file and sentence said that ``a`` met ``b``."""

    id: str                          # e-<hash of dispatch id and both sides>: the ``id`` of interactions.csv
    kind: InteractionKind
    a: str                           # entity ids, as this report orients them
    b: str
    date: str | None
    dispatch_id: str
    file: str
    evidence: str
    direction: str = "mutual"
    headline: str = ""
    trigger: str = ""
    lang: str = ""
    url: str = ""
    date_source: str = "header"      # the item's own date (dateline | lead | header) or none
    files: tuple[str, ...] = ()      # every file holding the item (the first is ``file``)


@dataclass(slots=True)
class Encounter(Record):
    """A resolved encounter: one real-world meeting, call, message or joint event between two
    corpus-wide entities, however many items reported it (``reports``, by date).

    ``dispatch_id``, ``file``, ``evidence``, ``headline`` and ``trigger`` are those of its first
    report; an encounter built by hand without ``reports`` is its own single report.
    """

    id: str                          # enc-<hash of both sides, kind and date> (e-… when built by hand)
    kind: InteractionKind
    a: str                           # entity id (person-… or inst-…)
    b: str
    a_type: ParticipantType
    b_type: ParticipantType
    date: str | None
    dispatch_id: str
    file: str
    evidence: str
    direction: str = "mutual"
    headline: str = ""
    trigger: str = ""
    reports: list[Report] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)     # why reports were merged into one encounter

    def report_list(self) -> list[Report]:
        """Its reports; a hand-built encounter without any is reported once, by its own fields."""
        if self.reports:
            return self.reports
        return [Report(id=self.id, kind=self.kind, a=self.a, b=self.b, date=self.date, dispatch_id=self.dispatch_id,
                       file=self.file, evidence=self.evidence, direction=self.direction, headline=self.headline,
                       trigger=self.trigger)]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Encounter":
        data = dict(data)
        data["reports"] = [Report.from_dict(r) for r in data.get("reports", [])]
        return super(Encounter, cls).from_dict(data)  # type: ignore[return-value]


@dataclass(slots=True)
class Resolution(Record):
    """The resolve stage's output: every entity once, and every encounter between them (with its reports)."""

    persons: list[Person] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    encounters: list[Encounter] = field(default_factory=list)
    # provenance of affiliations: (person id, relation, target id, dispatch id, file, sentence)
    affiliations: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
