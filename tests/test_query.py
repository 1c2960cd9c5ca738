"""The notebook API (kg/query.py, kg/lookup.py).

Three layers: the docstring examples (on the built-in example graph); the query logic on a
hand-built graph that mirrors the seed corpus (tests/handbuilt.py); and the facts a reader can
check in seeds/, asked of the real seed build.
"""
from __future__ import annotations

import doctest
import html
import json
import re
import sys
import types

import networkx as nx
import pandas as pd
import pytest

import kg
import kg.lookup
import kg.query
from handbuilt import ENCOUNTERS, PERSONS, seedlike_graph
from kg.export import graph_json
from kg.lookup import AmbiguousEntity, UnknownEntity
from kg.pipeline import BuildResult
from kg.query import KnowledgeGraph

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.fixture(scope="module")
def hand() -> KnowledgeGraph:
    return KnowledgeGraph(seedlike_graph())


def contact_ids(kgraph: KnowledgeGraph, person: str) -> set[str]:
    return set(kgraph.contacts(person)["contact_id"])


def resolves_to(kgraph: KnowledgeGraph, names: tuple[str, ...]) -> set[str]:
    """The ids any of ``names`` (spellings of one person) resolves to; unknown spellings add nothing."""
    ids = set()
    for name in names:
        try:
            ids.add(kgraph.find(name))
        except KeyError:
            pass
    return ids


def contact_row(kgraph: KnowledgeGraph, person: str, *names: str) -> pd.Series:
    """The first contact of ``person`` that any of ``names`` names; fails the test if there is none."""
    targets = resolves_to(kgraph, names)
    assert targets, f"none of {names} is in the graph"
    table = kgraph.contacts(person)
    rows = table[table["contact_id"].isin(targets)]
    assert not rows.empty, f"{person} has no contact {names}; contacts: {sorted(table['contact'])}"
    return rows.iloc[0]


# ---------------------------------------------------------------------------- docstring examples


@pytest.mark.parametrize("module", [kg.query, kg.lookup], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.attempted > 10 if module is kg.query else result.attempted > 3
    assert result.failed == 0


# ---------------------------------------------------------------------------- names, on the hand-built graph


@pytest.mark.parametrize("query", [
    "Roman Vassilenko", "roman vassilenko", "Роман Василенко", "Василенко", "Vassilenko", "R. Vassilenko",
    "Roman Vasilenko", "person-vassilenko",
])
def test_find_is_forgiving(hand, query):
    assert hand.find(query) == "person-vassilenko"


@pytest.mark.parametrize("query, key", [
    ("Касым-Жомарт Токаев", "person-tokayev"), ("K. Tokayev", "person-tokayev"), ("TOKAEV", "person-tokayev"),
    ("Jose Manuel Albares", "person-albares"), ("Хосе Мануэль Альбарес", "person-albares"),
    ("Matthias Diependaele", "person-diependaele"), ("Данат Мусаев", "person-mussayev"),
    ("Антонио Гутьеррес Лимонес", "person-gutierrez"), ("Пилар Рохо", "person-rojo"),
    ("Prince Faisal bin Farhan", "person-faisal"), ("Ермек Кошербаев", "person-kosherbayev"),
    ("catholic university of lille", "inst-lille"), ("Lille", "inst-lille"),
])
def test_find_across_scripts_and_spellings(hand, query, key):
    assert hand.find(query) == key


def test_unknown_name_is_a_key_error_listing_closest_names(hand):
    with pytest.raises(UnknownEntity) as err:
        hand.contacts("Nursultan Vassilievich")
    assert isinstance(err.value, KeyError)
    assert err.value.suggestions and len(err.value.suggestions) <= 5
    assert "Nursultan Vassilievich" in str(err.value) and "closest" in str(err.value)
    assert any("Vassilenko" in s for s in err.value.suggestions)


def test_ambiguous_surname_lists_both(hand):
    with pytest.raises(AmbiguousEntity) as err:
        hand.find("Al Saud")
    assert isinstance(err.value, KeyError)
    names = {s.split(" (")[0] for s in err.value.suggestions}
    assert {"Faisal bin Farhan Al Saud", "Abdulaziz bin Salman Al Saud"} <= names


def test_find_type_filter(hand):
    assert hand.find("ACWA Power", type="institution") == "inst-acwa"
    with pytest.raises(UnknownEntity):
        hand.find("ACWA Power", type="person")
    with pytest.raises(ValueError):
        hand.find("ACWA Power", type="country")


@pytest.mark.parametrize("query", ["SA", "sa", "SAU", "Saudi Arabia", "Саудовская Аравия", "country-SA", "saudi"])
def test_country_names(hand, query):
    assert hand.country(query) == "SA"


def test_unknown_country(hand):
    with pytest.raises(UnknownEntity) as err:
        hand.meetings_between("KZ", "Atlantis")
    assert "country" in str(err.value)


# ---------------------------------------------------------------------------- tables, on the hand-built graph


def test_officials_by_country_in_any_language(hand):
    kz = hand.officials("KZ")
    assert set(kz["name"]) == {"Kassym-Jomart Tokayev", "Roman Vassilenko", "Danat Mussayev", "Yermek Kosherbayev",
                               "Maulen Ashimbayev", "Almat Aidarbekov", "Mukhtar Tleuberdi"}
    pd.testing.assert_frame_equal(kz, hand.officials("Казахстан"))
    pd.testing.assert_frame_equal(kz, hand.officials("Kazakhstan"))
    assert len(hand.officials()) == len(PERSONS)
    assert pd.isna(hand.officials().set_index("name").loc["Maria Telalian", "country"])  # no state
    # a person with no country of their own belongs to their institution's state
    sa = hand.officials("SA")
    assert "Mohammad Abunayyan" in set(sa["name"])
    assert sa.set_index("name").loc["Mohammad Abunayyan", "institutions"] == ["ACWA Power"]


def test_officials_columns_and_counts(hand):
    table = hand.officials()
    assert list(table.columns[:3]) == ["name", "country", "roles"]
    row = table.set_index("name").loc["Yermek Kosherbayev"]
    assert row["interactions"] == 4 and row["roles"] == ["Minister of Foreign Affairs"]


def test_institutions_and_countries(hand):
    assert set(hand.institutions()["name"]) == {"Catholic University of Lille", "ACWA Power"}
    assert list(hand.institutions("France")["name"]) == ["Catholic University of Lille"]
    countries = hand.countries().set_index("iso")
    assert countries.loc["KZ", "interactions"] == len(ENCOUNTERS)
    assert countries.loc["SA", "interactions"] == 4
    assert countries.loc["SA", "officials"] == 4  # Abunayyan, through ACWA Power
    assert countries.loc["KZ", "name_ru"] == "Казахстан" and countries.loc["KZ", "flag"] == "🇰🇿"
    assert countries.index[0] == "KZ"  # the busiest first


def test_interactions_filters(hand):
    everything = hand.interactions()
    assert len(everything) == len(ENCOUNTERS)
    assert everything["date"].is_monotonic_increasing
    assert pd.api.types.is_datetime64_any_dtype(everything["date"])
    messages = hand.interactions(kind="message")
    assert set(messages["target"]) == {"Alar Karis", "Sanae Takaichi"}
    assert len(hand.interactions(kind=["message", "event"])) == 3
    assert set(hand.interactions(country="Spain")["target"]) == {"José Manuel Albares", "Antonio Gutiérrez Limones",
                                                                 "Pilar Rojo"}
    year_2024 = hand.interactions(start="2024-01-01", end="2024-12-31")
    assert list(year_2024["source"]) == ["Maulen Ashimbayev"]
    day = hand.interactions(start="2026-02-18", end="2026-02-18")
    assert len(day) == 5  # four Saudi meetings and the telegram to Japan
    with pytest.raises(ValueError):
        hand.interactions(kind="lunch")


def test_contacts_in_both_languages(hand):
    english, russian = hand.contacts("Roman Vassilenko"), hand.contacts("Роман Василенко")
    pd.testing.assert_frame_equal(english, russian)
    assert list(english["contact"]) == ["Catholic University of Lille", "Mattias Diependale"]
    assert list(english["contact_type"]) == ["institution", "person"]
    assert list(english["date"].dt.strftime("%Y-%m-%d")) == ["2026-02-24", "2026-03-10"]
    assert "Маттиасом Диепендале" in english["evidence"].iloc[1]
    assert set(english.columns) >= {"contact", "kind", "date", "dispatch_id", "evidence", "role"}


def test_contacts_roles_follow_direction(hand):
    tokayev = hand.contacts("Tokayev").set_index("contact")
    assert tokayev.loc["Alar Karis", "role"] == "sender" and tokayev.loc["Gela Geladze", "role"] == "host"
    assert hand.contacts("Alar Karis").iloc[0]["role"] == "recipient"
    assert hand.contacts("Gela Geladze").iloc[0]["role"] == "guest"


def test_meetings_between_any_spelling_and_orientation(hand):
    table = hand.meetings_between("KZ", "SA")
    assert len(table) == 4
    assert set(table["a"]) == {"Yermek Kosherbayev"}
    assert set(table["b"]) == {"Faisal bin Farhan Al Saud", "Abdulaziz bin Salman Al Saud", "Fahad Al-Saif",
                               "Mohammad Abunayyan"}
    assert set(table["a_country"]) == {"KZ"} and set(table["b_country"]) == {"SA"}
    pd.testing.assert_frame_equal(table, hand.meetings_between("Казахстан", "Саудовская Аравия"))
    swapped = hand.meetings_between("Saudi Arabia", "Kazakhstan")
    assert set(swapped["a"]) == set(table["b"]) and set(swapped["b"]) == {"Yermek Kosherbayev"}
    assert hand.meetings_between("KZ", "JP", kind="meeting").empty
    assert len(hand.meetings_between("KZ", "JP")) == 1
    assert hand.meetings_between("JP", "SA").empty


def test_timeline(hand):
    by_kind = hand.timeline()
    assert list(by_kind.columns) == ["meeting", "call", "message", "event"]
    assert by_kind.index[0] == pd.Timestamp("2024-06-01") and by_kind.index[-1] == pd.Timestamp("2026-03-01")
    assert len(by_kind) == 22  # every month from June 2024 to March 2026, the empty ones as zeros
    assert by_kind.to_numpy().sum() == len(ENCOUNTERS)
    assert by_kind.loc["2026-02-01"].to_dict() == {"meeting": 7, "call": 0, "message": 2, "event": 1}
    by_country = hand.timeline(freq="Y", by="country")
    assert list(by_country.index.year) == [2024, 2025, 2026]
    assert by_country.loc["2026-01-01", "KZ"] == len(ENCOUNTERS) - 1 and by_country.loc["2024-01-01", "MY"] == 1
    assert hand.timeline(freq="ME").equals(by_kind)
    with pytest.raises(ValueError):
        hand.timeline(by="person")  # type: ignore[arg-type]


def test_country_matrix_is_symmetric(hand):
    matrix = hand.country_matrix()
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert matrix.loc["KZ", "SA"] == 4 and matrix.loc["KZ", "ES"] == 3 and matrix.loc["KZ", "FR"] == 1
    assert matrix.loc["KZ", "KZ"] == 0
    assert list(matrix.index) == sorted(matrix.index)
    named = hand.country_matrix(label="name")
    assert named.loc["Kazakhstan", "Saudi Arabia"] == 4


def test_top(hand):
    by_meetings = hand.top(by="meetings", n=3, type="person")
    assert list(by_meetings["name"][:2]) == ["Yermek Kosherbayev", "Danat Mussayev"]
    assert list(by_meetings.index) == [1, 2, 3]
    assert by_meetings.iloc[0]["meetings"] == 4
    degree = hand.top()
    assert set(degree["type"]) <= {"person", "institution"} and len(degree) == 10
    assert hand.top(type="institution", n=5)["name"].tolist() == ["Catholic University of Lille", "ACWA Power"]
    between = hand.top(by="betweenness", n=1)
    assert between.iloc[0]["name"] == "Yermek Kosherbayev" and between.iloc[0]["betweenness"] > 0
    with pytest.raises(ValueError):
        hand.top(by="fame")  # type: ignore[arg-type]


def test_ego(hand):
    sub = hand.ego("Tokayev")
    assert isinstance(sub, nx.MultiDiGraph) and sub.graph["center"] == "person-tokayev"
    people = {n for n, t in sub.nodes(data="type") if t == "person"}
    assert people == {"person-tokayev", "person-karis", "person-takaichi", "person-geladze"}
    assert {"country-KZ", "country-EE", "country-JP", "country-GE"} <= set(sub)
    assert sum(1 for *_, t in sub.edges(data="type") if t == "interaction") == 3
    bare = hand.ego("Tokayev", affiliations=False)
    assert {t for _, t in bare.nodes(data="type")} == {"person"}
    # radius 2 from a Saudi minister reaches the other Saudis through Kosherbayev
    assert "person-faisal" in hand.ego("Fahad Al-Saif", radius=2)
    assert "person-alsaif" not in hand.ego("Faisal", radius=0)
    assert set(hand.ego("Aidarbekov", affiliations=False)) == {"person-aidarbekov"}  # met nobody here


def test_path(hand):
    hops = hand.path("Alar Karis", "Gela Geladze")
    assert list(hops["from"]) == ["Alar Karis", "Kassym-Jomart Tokayev"]
    assert list(hops["to"]) == ["Kassym-Jomart Tokayev", "Gela Geladze"]
    assert list(hops["relation"]) == ["message", "meeting"]
    assert list(hops.index) == [1, 2] and hops["evidence"].notna().all()
    one = hand.path("Роман Василенко", "Matthias Diependaele")
    assert len(one) == 1 and one.iloc[0]["relation"] == "meeting"
    # no encounter links Vassilenko and Tokayev: "auto" falls back to affiliations, through Kazakhstan
    via_state = hand.path("Vassilenko", "Tokayev")
    assert list(via_state["relation"]) == ["serves", "serves"] and via_state.iloc[0]["to"] == "Kazakhstan"
    assert hand.path("Vassilenko", "Tokayev", via="interactions").empty
    assert list(hand.path("Vassilenko", "Tokayev", via="interactions").columns) == list(hops.columns)


def test_views_use_the_viewer(hand, monkeypatch, tmp_path):
    calls = []

    def render_html_string(g, **kw):
        calls.append((g, kw))
        return '<html><body data-x="a&b">graph</body></html>'

    def render_html(g, path, **kw):
        calls.append((g, kw))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("<html></html>")

    stub = types.ModuleType("kg.viewer")
    stub.render_html_string = render_html_string  # type: ignore[attr-defined]
    stub.render_html = render_html  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.viewer", stub)
    monkeypatch.setattr(kg, "viewer", stub, raising=False)
    assert hand.html("Tokayev", title="x").startswith("<html>")
    assert calls[-1][0].graph["center"] == "person-tokayev" and calls[-1][1] == {"title": "x"}
    hand.html("Токаев")
    assert calls[-1][1] == {"title": "kg — around Kassym-Jomart Tokayev"}
    assert hand.html() and calls[-1][0] is hand.graph and calls[-1][1] == {}
    shown = hand.show("Tokayev", height=300)
    srcdoc = re.search(r'<iframe srcdoc="([^"]*)"', shown.data)
    assert srcdoc and "height:300px" in shown.data
    assert html.unescape(srcdoc.group(1)) == '<html><body data-x="a&b">graph</body></html>'  # escaped, whole
    sub = hand.ego("Karis")
    path = hand.save_html(tmp_path / "ego.html", sub)
    assert path.read_text(encoding="utf-8") == "<html></html>" and calls[-1][0] is sub


def test_views_with_the_real_viewer(hand, tmp_path):
    pytest.importorskip("kg.viewer")
    page = hand.html("Tokayev", radius=1)
    assert page.lstrip().lower().startswith("<!doctype html") and "Gela Geladze" in page
    assert "Mohammad Abunayyan" not in page  # only the ego graph is drawn
    assert hand.save_html(tmp_path / "ego.html", "Tokayev").read_text(encoding="utf-8") == page


def test_empty_graph_gives_empty_tables():
    empty = KnowledgeGraph(nx.MultiDiGraph())
    assert empty.officials().empty and list(empty.officials().columns)[:2] == ["name", "country"]
    assert empty.interactions().empty and "evidence" in empty.interactions().columns
    assert empty.timeline().empty and list(empty.timeline().columns) == ["meeting", "call", "message", "event"]
    assert empty.country_matrix().empty and empty.top().empty and empty.countries().empty
    with pytest.raises(UnknownEntity):
        empty.contacts("Anyone")


# ---------------------------------------------------------------------------- making one: load, build


def test_load_round_trip(hand, tmp_path):
    (tmp_path / "graph.json").write_text(json.dumps(graph_json(hand.graph), ensure_ascii=False), encoding="utf-8")
    for loaded in (kg.load(tmp_path), kg.load(tmp_path / "graph.json"), KnowledgeGraph.load(str(tmp_path))):
        pd.testing.assert_frame_equal(loaded.interactions(), hand.interactions())
        pd.testing.assert_frame_equal(loaded.officials(), hand.officials())
        pd.testing.assert_frame_equal(loaded.contacts("Василенко"), hand.contacts("Vassilenko"))
    with pytest.raises(FileNotFoundError, match="kg build"):
        kg.load(tmp_path / "nowhere")


def test_kg_build_wraps_the_pipeline_graph(hand, monkeypatch):
    import kg.pipeline

    seen = {}

    def fake_build(paths, out, **kw):
        seen.update(paths=paths, out=out, kw=kw)
        return BuildResult(out=None, reports=[], dispatches=[], graph=hand.graph)

    monkeypatch.setattr(kg.pipeline, "build", fake_build)
    built = kg.build("seeds", progress=False)
    assert isinstance(built, KnowledgeGraph) and built.graph is hand.graph and built.result is not None
    assert seen == {"paths": ["seeds"], "out": None, "kw": {"progress": False}}
    monkeypatch.setattr(kg.pipeline, "build", lambda paths, out, **kw: BuildResult(None, [], []))
    with pytest.raises(RuntimeError, match="no graph"):
        kg.build(["seeds"])


def test_kg_build_stays_callable_after_importing_the_graph_module():
    import kg.graph  # the build stage's module is kg.graph, so nothing shadows the kg.build function

    assert callable(kg.build) and kg.graph.INTERACTION_KINDS == ("meeting", "call", "message", "event")


# ---------------------------------------------------------------------------- the seed corpus, as a reader checks it

models = pytest.mark.models


@models
def test_seed_graph_loads_like_the_built_one(seed_build, seed_kg):
    direct = KnowledgeGraph(seed_build.graph)
    pd.testing.assert_frame_equal(direct.interactions(), seed_kg.interactions())
    assert len(seed_kg.interactions()) > 20


@models
def test_seed_vassilenko_in_english_met_lille_students(seed_kg):
    row = contact_row(seed_kg, "Roman Vassilenko", "Catholic University of Lille")
    assert row["contact_type"] == "institution"
    assert row["kind"] == "meeting" and row["date"] == pd.Timestamp("2026-02-24")
    assert "Catholic University of Lille" in row["evidence"]


@models
def test_seed_vassilenko_in_russian_met_diependaele(seed_kg):
    assert seed_kg.find("Роман Василенко") == seed_kg.find("Roman Vassilenko")  # one person in both languages
    row = contact_row(seed_kg, "Роман Василенко", "Маттиас Диепендале", "Matthias Diependaele")
    assert row["kind"] == "meeting" and row["date"] == pd.Timestamp("2026-03-10")
    assert row["contact_country"] == "BE"
    assert "Диепендале" in row["evidence"]


@models
def test_seed_mussayev_event_with_albares_and_meetings_in_the_senate(seed_kg):
    assert seed_kg.find("Данат Мусаев") == seed_kg.find("Danat Mussayev")
    albares = contact_row(seed_kg, "Danat Mussayev", "José Manuel Albares")
    assert albares["kind"] == "event" and albares["date"] == pd.Timestamp("2026-02-24")
    assert albares["contact_country"] == "ES"
    for names in (("Antonio Gutiérrez Limones", "Антонио Гутьеррес Лимонес"), ("Pilar Rojo", "Пилар Рохо")):
        row = contact_row(seed_kg, "Данат Мусаев", *names)
        assert row["kind"] == "meeting" and row["date"] == pd.Timestamp("2026-03-10")


@models
def test_seed_tokayev_messages_and_meeting(seed_kg):
    karis = contact_row(seed_kg, "Kassym-Jomart Tokayev", "Alar Karis")
    assert karis["kind"] == "message" and karis["date"] == pd.Timestamp("2026-02-24") and karis["role"] == "sender"
    takaichi = contact_row(seed_kg, "Tokayev", "Sanae Takaichi")
    assert takaichi["kind"] == "message" and takaichi["date"] == pd.Timestamp("2026-02-18")
    assert takaichi["contact_country"] == "JP"
    geladze = contact_row(seed_kg, "Токаев", "Gela Geladze")
    assert geladze["kind"] == "meeting" and geladze["date"] == pd.Timestamp("2026-02-23")
    assert geladze["contact_country"] == "GE"


SAUDIS = (("Faisal bin Farhan Al Saud", "Prince Faisal bin Farhan"),
          ("Abdulaziz bin Salman Al Saud", "Prince Abdulaziz bin Salman"),
          ("Fahad Al-Saif",), ("Mohammad Abunayyan",))


@models
def test_seed_kosherbayev_met_four_saudi_officials(seed_kg):
    for names in SAUDIS:
        row = contact_row(seed_kg, "Yermek Kosherbayev", *names)
        assert row["kind"] == "meeting" and row["date"] == pd.Timestamp("2026-02-18"), names


@models
def test_seed_meetings_between_kazakhstan_and_saudi_arabia(seed_kg):
    table = seed_kg.meetings_between("KZ", "SA")
    assert set(table["a_country"]) == {"KZ"} and set(table["b_country"]) == {"SA"}
    saudis = set(table["b_id"])
    for names in SAUDIS:
        assert resolves_to(seed_kg, names) & saudis, names
    kosherbayev = seed_kg.find("Kosherbayev")
    assert (table["a_id"] == kosherbayev).sum() >= 4
    pd.testing.assert_frame_equal(table, seed_kg.meetings_between("Казахстан", "Саудовская Аравия"))


@models
def test_seed_officials_by_country(seed_kg):
    kz = set(seed_kg.officials("KZ")["id"])
    for name in ("Roman Vassilenko", "Danat Mussayev", "Kassym-Jomart Tokayev", "Yermek Kosherbayev",
                 "Maulen Ashimbayev", "Almat Aidarbekov"):
        assert seed_kg.find(name) in kz, name
    assert seed_kg.find("Sanae Takaichi") in set(seed_kg.officials("Япония")["id"])
    assert seed_kg.find("Alar Karis") in set(seed_kg.officials("Estonia")["id"])
    assert seed_kg.find("Catholic University of Lille") in set(seed_kg.institutions()["id"])


@models
def test_seed_interactions_by_kind_and_date(seed_kg):
    messages = seed_kg.interactions(kind="message")
    tokayev = seed_kg.find("Tokayev")
    recipients = set(messages.loc[messages["source_id"] == tokayev, "target_id"])
    assert {seed_kg.find("Alar Karis"), seed_kg.find("Sanae Takaichi")} <= recipients
    in_2024 = seed_kg.interactions(start="2024-01-01", end="2024-12-31")
    pair = {seed_kg.find("Maulen Ashimbayev"), seed_kg.find("Nur Jazlan Mohamed")}
    assert any({r.source_id, r.target_id} == pair for r in in_2024.itertuples())
    assert not seed_kg.meetings_between("Kazakhstan", "Malaysia").empty


@models
def test_seed_timeline_spans_june_2024_to_march_2026(seed_kg):
    months = seed_kg.timeline(freq="M")
    assert months.index[0] == pd.Timestamp("2024-06-01") and months.index[-1] == pd.Timestamp("2026-03-01")
    assert months.sum(axis=1).idxmax() == pd.Timestamp("2026-02-01")  # the English digests' month
    assert months.loc["2024-06-01", "meeting"] >= 1 and months.loc["2026-03-01", "meeting"] >= 5
    by_country = seed_kg.timeline(freq="M", by="country")
    assert by_country.sum().idxmax() == "KZ"


@models
def test_seed_country_matrix(seed_kg):
    matrix = seed_kg.country_matrix()
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert matrix.loc["KZ", "SA"] >= 4
    for iso in ("BE", "JP", "EE", "GE", "ES", "MY", "MD"):
        assert matrix.loc["KZ", iso] >= 1, iso


@models
def test_seed_top_ego_and_path(seed_kg):
    top = seed_kg.top(by="meetings", n=10, type="person")
    assert seed_kg.find("Kosherbayev") in set(top["id"])
    assert top.set_index("id").loc[seed_kg.find("Kosherbayev"), "meetings"] >= 4
    ego = seed_kg.ego("Tokayev")
    for name in ("Alar Karis", "Sanae Takaichi", "Gela Geladze"):
        assert seed_kg.find(name) in ego, name
    hops = seed_kg.path("Alar Karis", "Gela Geladze")
    assert list(hops["to_id"]) == [seed_kg.find("Tokayev"), seed_kg.find("Gela Geladze")]
    assert list(hops["relation"]) == ["message", "meeting"]
