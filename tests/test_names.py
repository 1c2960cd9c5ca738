"""What a user sees of a person: Russian case forms resolve to the nominative person, display names
are clean full names (no title, organisation or neighbouring word glued on), and a mention made of
two names is never a person of its own. Sentences written for these tests."""
from __future__ import annotations

import pytest

from kg.model import Dispatch, ItemExtraction, OfficialMention, Span
from kg.names import clean_name, name_key, nominative
from kg.resolve import resolve


@pytest.mark.parametrize("oblique, nominal", [
    ("Касым-Жомартом Токаевым", "Касым-Жомарт Токаев"),      # instrumental, hyphenated given name
    ("Касым-Жомарт Токаевым", "Касым-Жомарт Токаев"),        # half-normalised: the surname still declined
    ("Шавката Мирзиёева", "Шавкат Мирзиёев"),               # genitive
    ("Садыру Жапарову", "Садыр Жапаров"),                   # dative
    ("Марии Захаровой", "Мария Захарова"),                  # a woman's name
    ("Мухтару Тлеуберди", "Мухтар Тлеуберди"),              # an indeclinable surname stays
    ("Петером Сийярто", "Петер Сийярто"),
])
def test_russian_case_forms_become_the_nominative(oblique, nominal):
    assert nominative(oblique) == nominal


@pytest.mark.parametrize("name", ["Данат Мусаев", "Майя Санду", "Антонио Таяни", "Мурат Нуртлеу", "Ольга Иванова",
                                  "Kassym-Jomart Tokayev"])
def test_nominative_names_stay_as_they_are(name):
    assert nominative(name) == name


@pytest.mark.parametrize("glued, clean", [
    ("Foreign Affairs Mukhtar Tleuberdi", "Mukhtar Tleuberdi"),           # the end of a title
    ("KazMunayGas Askhat Khassenov", "Askhat Khassenov"),                 # a company in one camel-cased word
    ("Shavkat Mirziyoyev Mirziyoyev ShavkatPresident", "Shavkat Mirziyoyev"),   # written twice, a title glued on
    ("Presidents Ilham Aliyev", "Ilham Aliyev"),
    ("His Excellency Ryo Tanaka", "Ryo Tanaka"),
    ("Abdullah Abdullah", "Abdullah Abdullah"),                           # a name whose words repeat is one name
    ("Mohammed bin Salman", "Mohammed bin Salman"),
    ("Ursula von der Leyen", "Ursula von der Leyen"),
])
def test_clean_name(glued, clean):
    assert clean_name(glued) == clean


def test_a_run_of_words_around_a_known_name_is_that_name():
    known = {name_key("Shavkat Mirziyoyev")}
    assert clean_name("Prezident Shavkat Mirziyoyev Qozogiston Prezidenti", known) == "Shavkat Mirziyoyev"
    run = "Ozbekiston Prezidenti Shavkat Mirziyoyev bilan Qozogiston Prezidenti Qasym-Jomart Toqaev uchrashdi"
    assert clean_name(run, known) == "Shavkat Mirziyoyev"


# ---------------------------------------------------------------------------- through resolution


def _item(n: int, lang: str, names: list[str]) -> tuple[Dispatch, ItemExtraction]:
    d = Dispatch(id=f"d-{n}", file=f"f{n}.txt", path=f"f{n}.txt", index=0, date="2026-03-0%d" % (n % 9 + 1), time=None,
                 headline="", body=" ".join(names), lang=lang, line=1)  # type: ignore[arg-type]
    officials = [OfficialMention(key=f"p{i}", name=name, lang=lang, spans=[Span(0, len(name), name, 0)])  # type: ignore[arg-type]
                 for i, name in enumerate(names)]
    return d, ItemExtraction(dispatch_id=d.id, officials=officials)


def _people(items) -> dict[str, list[str]]:
    res = resolve(items)
    return {p.name: p.aliases for p in res.persons}


def test_an_instrumental_full_name_is_the_nominative_person():
    people = _people([_item(1, "en", ["Kassym-Jomart Tokayev"]), _item(2, "ru", ["Касым-Жомартом Токаевым"]),
                      _item(3, "ru", ["Касым-Жомарта Токаева"])])
    assert list(people) == ["Kassym-Jomart Tokayev"]
    assert {"Касым-Жомартом Токаевым", "Касым-Жомарта Токаева"} <= set(people["Kassym-Jomart Tokayev"])


def test_a_person_only_named_in_an_oblique_case_is_shown_in_the_nominative():
    [name] = _people([_item(1, "ru", ["Ермеком Кошербаевым"]), _item(2, "ru", ["Ермеку Кошербаеву"])])
    assert name_key(name) == name_key("Ermek Kosherbaev") and name.endswith("Kosherbayev")


def test_display_names_are_the_best_attested_clean_full_name():
    people = _people([_item(1, "en", ["Foreign Affairs Mukhtar Tleuberdi"]), _item(2, "en", ["Mukhtar Tleuberdi"]),
                      _item(3, "en", ["KazMunayGas Askhat Khassenov"]),
                      _item(4, "en", ["Shavkat Mirziyoyev Mirziyoyev ShavkatPresident"]),
                      _item(5, "en", ["Shavkat Mirziyoyev"])])
    assert sorted(people) == ["Askhat Khassenov", "Mukhtar Tleuberdi", "Shavkat Mirziyoyev"]


def test_a_mention_of_two_names_is_never_a_person_of_its_own():
    run = "Ozbekiston Prezidenti Shavkat Mirziyoyev bilan Qozogiston Prezidenti Qasym-Jomart Toqaev uchrashdi"
    people = _people([_item(1, "en", ["Shavkat Mirziyoyev"]), _item(2, "en", [run]),
                      _item(3, "en", ["Vladimir Orlov Pavel Sokolov"]), _item(4, "en", ["Vladimir Orlov", "Pavel Sokolov"])])
    assert sorted(people) == ["Pavel Sokolov", "Shavkat Mirziyoyev", "Vladimir Orlov"]


# ---------------------------------------------------------------------------- end to end, with the models

PAGES = {
    "tokayev_en.txt": """ date 2025-06-02
Tokayev receives Hungarian Prime Minister

Astana, June 2. President of Kazakhstan Kassym-Jomart Tokayev met with Prime Minister of Hungary Viktor Orban at the Akorda. The leaders discussed energy and transport.
""",
    "tokayev_ru.txt": """ date 2025-06-03
Орбан провел переговоры в Астане

Премьер-министр Венгрии Виктор Орбан провел переговоры с Президентом Казахстана Касым-Жомартом Токаевым. Стороны обсудили энергетику и транспорт.
""",
}


@pytest.mark.models
def test_case_forms_on_real_extraction_resolve_to_one_person_and_one_encounter(tmp_path):
    from kg.pipeline import build

    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = build([tmp_path], None, cache=False)
    res = result.resolution
    tokayev = [p for p in res.persons if any("Токаев" in a for a in p.aliases) or "Tokayev" in p.name]
    assert [p.name for p in tokayev] == ["Kassym-Jomart Tokayev"]
    assert not any(p.name.endswith("ym") for p in res.persons)
    [encounter] = res.encounters
    assert len(encounter.reports) == 2
