"""Hand-made graphs for the viewer tests: Cyrillic names, repeat encounters, and hostile strings.

Built with the real ``kg.graph.build_graph`` from ``kg.model`` records, so they follow the schema a
build produces. Every hostile string would run ``alert`` (or load a URL) if the page ever treated
data as HTML; the browser test listens for the dialog.
"""
from __future__ import annotations

import networkx as nx

from kg.graph import build_graph
from kg.model import Country, Encounter, Institution, Person, Resolution

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
CLOSE = "</script><script>alert(2)</script>"
JS_URL = "javascript:alert(3)"
INJECTIONS = (IMG, SCRIPT, CLOSE, JS_URL)

LAVROV = "person-lavrov"
BLINKEN = "person-blinken"
ZAKHAROVA = "person-zakharova"
ALBARES = "person-albares"
EVIL = "person-evil"
MFA = "inst-mfa-ru"
EVIL_INST = "inst-evil"

#: The Lavrov–Blinken encounters: three graph edges, one drawn edge (one of them runs B → A).
LB_DATES = ("2023-01-10", "2023-02-01", "2023-03-05")


def _enc(eid: str, kind: str, a: str, b: str, date: str | None, evidence: str, file: str = "dispatch.txt",
         direction: str = "mutual") -> Encounter:
    a_type = "institution" if a.startswith("inst-") else "person"
    b_type = "institution" if b.startswith("inst-") else "person"
    return Encounter(id=eid, kind=kind, a=a, b=b, a_type=a_type, b_type=b_type, date=date,  # type: ignore[arg-type]
                     dispatch_id=f"d-{eid}", file=file, evidence=evidence, direction=direction,
                     headline=f"Headline of {eid}")


def injection_graph() -> nx.MultiDiGraph:
    """Ten nodes: Cyrillic and accented names, repeat encounters in both directions, hostile strings."""
    countries = [
        Country(id="country-RU", iso="RU", name="Russia", name_ru="Россия", mentions=4),
        Country(id="country-US", iso="US", name="United States", name_ru="США", mentions=3),
        Country(id="country-ES", iso="ES", name="Spain", name_ru="Испания", mentions=1),
    ]
    institutions = [
        Institution(id=MFA, name="Министерство иностранных дел России", acronym="МИД", country="RU",
                    aliases=["Russian Foreign Ministry"], mentions=3),
        Institution(id=EVIL_INST, name=CLOSE, acronym=None, aliases=[IMG], country="US", mentions=1),
    ]
    persons = [
        Person(id=LAVROV, name="Sergey Lavrov", aliases=["Сергей Лавров", "С. В. Лавров"], roles=["Foreign Minister"],
               country="RU", institutions=[MFA], mentions=5, first_seen="2023-01-10", last_seen="2023-03-05"),
        Person(id=BLINKEN, name="Antony Blinken", aliases=["Энтони Блинкен"], roles=["Secretary of State"],
               country="US", mentions=3),
        Person(id=ZAKHAROVA, name="Мария Захарова", aliases=["Maria Zakharova", "Zakharová"], roles=["Spokeswoman"],
               country="RU", institutions=[MFA], mentions=2),
        Person(id=ALBARES, name="José Manuel Albares", aliases=["Хосе Мануэль Альбарес"], roles=["Foreign Minister"],
               country="ES", mentions=1),
        Person(id=EVIL, name=IMG, aliases=[SCRIPT, CLOSE], roles=[JS_URL], country="US", mentions=1),
    ]
    encounters = [
        _enc("e1", "meeting", LAVROV, BLINKEN, LB_DATES[0], "Lavrov met Blinken in Geneva.", direction="host"),
        _enc("e2", "call", BLINKEN, LAVROV, LB_DATES[1], "Блинкен позвонил Лаврову.", direction="sender"),
        _enc("e3", "message", LAVROV, BLINKEN, LB_DATES[2], "Lavrov wrote to Blinken."),
        _enc("e4", "event", LAVROV, ZAKHAROVA, "2023-04-01", "Лавров и Захарова приняли участие в брифинге."),
        _enc("e5", "meeting", ALBARES, LAVROV, None, "Albares met Lavrov (undated)."),
        _enc("e6", "meeting", EVIL, BLINKEN, "2023-05-01", f"{IMG} met {SCRIPT} and {CLOSE}.", file=JS_URL),
        _enc("e7", "call", EVIL, EVIL_INST, "2023-05-02", f"A call {SCRIPT}."),
    ]
    affiliations = [
        (LAVROV, "serves", "country-RU", "d-e1", "dispatch.txt", "Russian Foreign Minister Sergey Lavrov"),
        (LAVROV, "serves", "country-RU", "d-e2", "dispatch.txt", "Лавров"),        # a second statement: count 2
        (LAVROV, "member_of", MFA, "d-e1", "dispatch.txt", "the Russian Foreign Ministry"),
        (ZAKHAROVA, "serves", "country-RU", "d-e4", "dispatch.txt", "Захарова"),
        (ZAKHAROVA, "member_of", MFA, "d-e4", "dispatch.txt", "МИД России"),
        (BLINKEN, "serves", "country-US", "d-e1", "dispatch.txt", "US Secretary of State"),
        (ALBARES, "serves", "country-ES", "d-e5", "dispatch.txt", "Spain's Albares"),
        (ALBARES, "accredited_to", "country-ES", "d-e5", "dispatch.txt", "(same pair as serves: one drawn edge)"),
        (EVIL, "serves", "country-US", "d-e6", JS_URL, SCRIPT),
        (MFA, "based_in", "country-RU", "d-e1", "dispatch.txt", "МИД России"),
        (EVIL_INST, "based_in", "country-US", "d-e7", "dispatch.txt", IMG),
    ]
    return build_graph(Resolution(persons=persons, institutions=institutions, countries=countries,
                                  encounters=encounters, affiliations=affiliations))


def expected_drawn_edges(g: nx.MultiDiGraph) -> int:
    """Drawn edges counted independently of the viewer: one per unordered pair and edge family."""
    families = set()
    for u, v, data in g.edges(data=True):
        family = "interaction" if data["type"] == "interaction" else "affiliation"
        families.add((frozenset((u, v)), family))
    return len(families)
