"""A small hand-built graph that mirrors facts of the seed corpus, made from ``Resolution`` records.

It lets the query layer (and the notebook) be tested without the NLP models: the persons,
dates and encounters below are those a reader finds in ``seeds/``. Cyrillic spellings are
deliberately left out of most aliases, so that look-ups must transliterate.
"""
from __future__ import annotations

import networkx as nx

from kg.graph import build_graph
from kg.model import Country, Encounter, Institution, Person, Resolution

FILE_EN = "001_8a12eeeba84bdb19.txt"
FILE_RU = "002_dfe5cd874e88cead.txt"
FILE_SA = "003_3cf1bdfecc258288.txt"

# key: (name, country, role, aliases)
PERSONS = {
    "tokayev": ("Kassym-Jomart Tokayev", "KZ", "President of Kazakhstan", ["Tokayev"]),
    "karis": ("Alar Karis", "EE", "President of Estonia", []),
    "takaichi": ("Sanae Takaichi", "JP", "Prime Minister of Japan", []),
    "geladze": ("Gela Geladze", "GE", "Minister of Internal Affairs of Georgia", []),
    "vassilenko": ("Roman Vassilenko", "KZ", "Ambassador of Kazakhstan to Belgium", ["Vassilenko"]),
    "diependaele": ("Mattias Diependale", "BE", "Minister-President of Flanders", ["Маттиас Диепендале"]),
    "mussayev": ("Danat Mussayev", "KZ", "Ambassador of Kazakhstan to Spain", ["D. Mussayev"]),
    "albares": ("José Manuel Albares", "ES", "Minister of Foreign Affairs of Spain", []),
    "gutierrez": ("Antonio Gutiérrez Limones", "ES", "Vice-President of the Assembly", []),
    "rojo": ("Pilar Rojo", "ES", "Chair of the Foreign Affairs Committee", []),
    "kosherbayev": ("Yermek Kosherbayev", "KZ", "Minister of Foreign Affairs", []),
    "faisal": ("Faisal bin Farhan Al Saud", "SA", "Minister of Foreign Affairs", ["Prince Faisal bin Farhan"]),
    "abdulaziz": ("Abdulaziz bin Salman Al Saud", "SA", "Minister of Energy", []),
    "alsaif": ("Fahad Al-Saif", "SA", "Minister of Investment", []),
    # no country of his own: the query layer takes his company's
    "abunayyan": ("Mohammad Abunayyan", None, "Chairman of ACWA Power", []),
    "ashimbayev": ("Maulen Ashimbayev", "KZ", "Speaker of the Senate", []),
    "nurjazlan": ("Nur Jazlan Mohamed", "MY", "Acting Chairman of the Senate of Malaysia", []),
    "aidarbekov": ("Almat Aidarbekov", "KZ", "Ambassador of Kazakhstan to Moldova", []),
    "tleuberdi": ("Mukhtar Tleuberdi", "KZ", "Permanent Representative of Kazakhstan in Vienna", ["Tileuberdi"]),
    # an international organisation's official: no state
    "telalian": ("Maria Telalian", None, "Director of ODIHR", []),
}

COUNTRIES = [
    ("KZ", "Kazakhstan", "Казахстан"), ("EE", "Estonia", "Эстония"), ("JP", "Japan", "Япония"),
    ("GE", "Georgia", "Грузия"), ("BE", "Belgium", "Бельгия"), ("ES", "Spain", "Испания"),
    ("SA", "Saudi Arabia", "Саудовская Аравия"), ("MY", "Malaysia", "Малайзия"), ("FR", "France", "Франция"),
]

# (n, kind, a, b, date, file, direction, evidence)
ENCOUNTERS = [
    (1, "message", "tokayev", "karis", "2026-02-24", FILE_EN, "sender",
     "In his message, Kassym-Jomart Tokayev noted that President Alar Karis's state visit ..."),
    (2, "message", "tokayev", "takaichi", "2026-02-18", FILE_SA, "sender",
     "Kassym-Jomart Tokayev congratulated Sanae Takaichi on he re-election as the Prime Minister of Japan."),
    (3, "meeting", "tokayev", "geladze", "2026-02-23", FILE_EN, "host",
     "President Meets with Georgian Minister of Internal Affairs Gela Geladze"),
    (4, "meeting", "vassilenko", "inst-lille", "2026-02-24", FILE_EN, "mutual",
     "Ambassador of Kazakhstan to Belgium, Roman Vassilenko, held a meeting with students of the Catholic "
     "University of Lille"),
    (5, "meeting", "vassilenko", "diependaele", "2026-03-10", FILE_RU, "mutual",
     "Посол Казахстана в Бельгии Роман Василенко провел встречу с министром-президентом правительства "
     "Фландрии Маттиасом Диепендале."),
    (6, "event", "mussayev", "albares", "2026-02-24", FILE_EN, "mutual",
     "The event was attended by Spain's Minister of Foreign Affairs, José Manuel Albares"),
    (7, "meeting", "mussayev", "gutierrez", "2026-03-10", FILE_RU, "mutual",
     "В Испании посол Казахстана Данат Мусаев встретился в сенате с ... Антонио Гутьерреса Лимонеса"),
    (8, "meeting", "mussayev", "rojo", "2026-03-10", FILE_RU, "mutual",
     "... и председателя Комитета по иностранным делам Пилара Рохо."),
    (9, "meeting", "kosherbayev", "faisal", "2026-02-18", FILE_SA, "mutual",
     "The central event of the visit was the talks with the Kingdom's Foreign Minister, Prince Faisal bin "
     "Farhan Al Saud."),
    (10, "meeting", "kosherbayev", "abdulaziz", "2026-02-18", FILE_SA, "mutual",
     "... bilateral meetings, including with the Kingdom's Minister of Energy Prince Abdulaziz bin Salman Al Saud"),
    (11, "meeting", "kosherbayev", "alsaif", "2026-02-18", FILE_SA, "mutual",
     "... Minister of Investment Fahad Al-Saif"),
    (12, "meeting", "kosherbayev", "abunayyan", "2026-02-18", FILE_SA, "mutual",
     "... as well as Chairman of ACWA Power Mohammad Abunayyan."),
    (13, "meeting", "ashimbayev", "nurjazlan", "2024-06-13", "004_29392b5621191323.txt", "mutual",
     "Speaker of the Senate of the Kazakh Parliament Maulen Ashimbayev held a meeting with Acting Chairman of "
     "the Senate of Malaysia Nur Jazlan Mohamed"),
    (14, "meeting", "tleuberdi", "telalian", "2026-02-19", FILE_SA, "mutual",
     "The Permanent Representative of Kazakhstan to international organizations in Vienna, Mukhtar Tleuberdi, "
     "held a meeting with the Director of the ... (ODIHR), Maria Telalian"),
]


def _id(key: str) -> str:
    return key if key.startswith("inst-") else f"person-{key}"


def seedlike_resolution() -> Resolution:
    persons = [Person(id=_id(k), name=name, country=iso, roles=[role], aliases=list(aliases), mentions=1,
                      institutions=["inst-acwa"] if k == "abunayyan" else [])
               for k, (name, iso, role, aliases) in PERSONS.items()]
    institutions = [
        Institution(id="inst-lille", name="Catholic University of Lille", country="FR"),
        Institution(id="inst-acwa", name="ACWA Power", country="SA"),
    ]
    countries = [Country(id=f"country-{iso}", iso=iso, name=name, name_ru=ru) for iso, name, ru in COUNTRIES]
    encounters = [
        Encounter(id=f"e-{n}", kind=kind, a=_id(a), b=_id(b), a_type="person",  # type: ignore[arg-type]
                  b_type="institution" if b.startswith("inst-") else "person", date=date, dispatch_id=f"d-{n}",
                  file=file, evidence=evidence, direction=direction)
        for n, kind, a, b, date, file, direction, evidence in ENCOUNTERS
    ]
    affiliations = [(p.id, "serves", f"country-{p.country}", "d-0", FILE_EN, "") for p in persons if p.country]
    affiliations += [("person-abunayyan", "member_of", "inst-acwa", "d-12", FILE_SA, ""),
                     ("inst-acwa", "based_in", "country-SA", "d-12", FILE_SA, ""),
                     ("inst-lille", "based_in", "country-FR", "d-4", FILE_EN, "")]
    return Resolution(persons=persons, institutions=institutions, countries=countries, encounters=encounters,
                      affiliations=affiliations)


def seedlike_graph() -> nx.MultiDiGraph:
    return build_graph(seedlike_resolution())
