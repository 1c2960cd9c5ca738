"""Seeded synthetic graphs with the real schema, for benchmarks and demos of the viewer.

The graph is built by :func:`kg.graph.build_graph` from made-up ``Resolution`` records, so it has
exactly the attributes a real build has: countries, institutions based in them, people serving a
country (some belonging to an institution), and encounters between them whose partners follow a
heavy-tailed popularity (a few ministers meet everyone), with some repeat encounters.
"""
from __future__ import annotations

import random

import networkx as nx

from kg.graph import build_graph
from kg.model import Country, Encounter, Institution, Person, Resolution

_KINDS = ("meeting", "meeting", "meeting", "call", "call", "message", "event")
_ROLES = ("Foreign Minister", "Ambassador", "Deputy Foreign Minister", "Special Envoy", "Prime Minister")
_CYRILLIC = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"
_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "vi", "no", "sa", "de", "ru", "pe", "an", "el", "or")


def synthetic_graph(n_nodes: int = 5000, n_edges: int = 20000, *, seed: int = 7) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes and exactly ``n_edges`` edges (if ``n_edges`` exceeds the affiliations)."""
    rng = random.Random(seed)
    n_countries = max(2, min(190, n_nodes // 30))
    n_inst = max(1, n_nodes // 14)
    n_persons = max(2, n_nodes - n_countries - n_inst)
    countries = [_country(i) for i in range(n_countries)]
    insts = [Institution(id=f"inst-{i:05d}", name=f"Ministry {i} of {countries[i % n_countries].name}",
                         acronym=f"M{i}", country=countries[i % n_countries].iso, mentions=1)
             for i in range(n_inst)]
    persons, affiliations = _persons(rng, n_persons, countries, insts)
    affiliations += [(i.id, "based_in", f"country-{i.country}", "d0", "synthetic.txt", "") for i in insts]
    n_encounters = max(0, n_edges - len(affiliations))
    encounters = _encounters(rng, n_encounters, persons, insts)
    return build_graph(Resolution(persons=persons, institutions=insts, countries=countries,
                                  encounters=encounters, affiliations=affiliations))


def _country(i: int) -> Country:
    a, b = divmod(i, 26)
    iso = chr(65 + a % 26) + chr(65 + b)
    return Country(id=f"country-{iso}", iso=iso, name=f"Country {iso}", name_ru=f"Страна {iso}", mentions=1)


def _name(rng: random.Random, i: int) -> tuple[str, str]:
    """A Latin display name and a Cyrillic alias, like the real data."""
    first = "".join(rng.choice(_SYLLABLES) for _ in range(2)).title()
    last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()
    cyr = rng.choice(_CYRILLIC) + ". " + "".join(rng.choice(_CYRILLIC).lower() for _ in range(6)).title()
    return f"{first} {last} {i}", cyr


def _persons(
    rng: random.Random, n: int, countries: list[Country], insts: list[Institution]
) -> tuple[list[Person], list[tuple[str, str, str, str, str, str]]]:
    persons, affiliations = [], []
    for i in range(n):
        name, alias = _name(rng, i)
        country = rng.choice(countries).iso
        pid = f"person-{i:05d}"
        inst = [rng.choice(insts).id] if rng.random() < 0.4 else []
        persons.append(Person(id=pid, name=name, aliases=[alias], roles=[rng.choice(_ROLES)], country=country,
                              institutions=inst, mentions=1))
        affiliations.append((pid, "serves", f"country-{country}", "d0", "synthetic.txt", f"{name} serves {country}."))
        affiliations += [(pid, "member_of", j, "d0", "synthetic.txt", "") for j in inst]
    return persons, affiliations


def _encounters(rng: random.Random, n: int, persons: list[Person], insts: list[Institution]) -> list[Encounter]:
    """Partners drawn with Zipf-like popularity; 10% repeat an earlier pair (parallel edges)."""
    ids = [(p.id, "person") for p in persons] + [(i.id, "institution") for i in insts]
    cum, total = [], 0.0
    for rank in range(len(ids)):
        total += 1.0 / (rank + 10)
        cum.append(total)
    out: list[Encounter] = []
    for k in range(n):
        if out and rng.random() < 0.1:
            prev = rng.choice(out)
            a, b = (prev.a, prev.a_type), (prev.b, prev.b_type)
        else:
            a, b = rng.choices(ids, cum_weights=cum, k=2)  # cumulative: O(log n) a draw
            if a == b:
                b = rng.choice(ids)
        day = 1 + k % 28
        out.append(Encounter(id=f"e-{k:06d}", kind=rng.choice(_KINDS), a=a[0], b=b[0], a_type=a[1],  # type: ignore[arg-type]
                             b_type=b[1], date=f"2024-{1 + k % 12:02d}-{day:02d}", dispatch_id=f"d{k}",  # type: ignore[arg-type]
                             file="synthetic.txt", evidence=f"They met ({k})."))
    return out
