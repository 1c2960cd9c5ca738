"""Encounters: the reports of one meeting, across outlets, languages and sides, are one encounter;
repeat meetings of a pair stay apart; the rule lives in a data file and judgements override it."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.encounters import EncounterJudgements, merge_reports, rules, says_two_meetings
from kg.model import Report

TYPES = {"person-a": "person", "person-b": "person", "person-c": "person", "inst-x": "institution"}


def report(rid: str, date: str | None, kind: str = "meeting", a: str = "person-a", b: str = "person-b",
           dispatch: str | None = None, evidence: str = "A met B.", direction: str = "mutual") -> Report:
    return Report(id=rid, kind=kind, a=a, b=b, date=date, dispatch_id=dispatch or f"d-{rid}", file=f"{rid}.txt",  # type: ignore[arg-type]
                  evidence=evidence, direction=direction)


def groups(encounters) -> list[list[str]]:
    return sorted(sorted(r.id for r in e.reports) for e in encounters)


def test_the_rule_comes_from_the_data_file():
    r = rules()
    assert r.window_days == 2
    assert r.kind_class("event") == r.kind_class("meeting")
    assert r.kind_class("call") == r.kind_class("message") != r.kind_class("meeting")


def test_reports_a_day_apart_in_either_order_are_one_encounter_and_say_why():
    [e] = merge_reports([report("e1", "2025-03-14"), report("e2", "2025-03-15", a="person-b", b="person-a")], TYPES)
    assert [r.id for r in e.reports] == ["e1", "e2"]
    assert e.date == "2025-03-14" and e.dispatch_id == "d-e1"
    assert len(e.merges) == 1 and "1 day apart" in e.merges[0] and "e2" in e.merges[0] and "e1" in e.merges[0]


def test_the_window_is_measured_from_the_first_report():
    es = merge_reports([report("e1", "2025-03-14"), report("e2", "2025-03-16"), report("e3", "2025-03-17")], TYPES)
    assert groups(es) == [["e1", "e2"], ["e3"]]


def test_the_same_pair_a_month_apart_is_two_encounters():
    es = merge_reports([report("e1", "2025-03-14"), report("e2", "2025-04-14")], TYPES)
    assert groups(es) == [["e1"], ["e2"]]
    assert len({e.id for e in es}) == 2


def test_kinds_must_agree_and_pairs_must_match():
    es = merge_reports([report("e1", "2025-03-14"), report("e2", "2025-03-14", kind="call"),
                        report("e3", "2025-03-14", b="person-c"), report("e4", "2025-03-14", kind="event"),
                        report("e5", "2025-03-15", kind="message")], TYPES)
    assert groups(es) == [["e1", "e4"], ["e2", "e5"], ["e3"]]
    assert sorted(e.kind for e in es if len(e.reports) == 2) == ["call", "meeting"]


def test_an_undated_report_joins_the_encounter_nearest_its_files_dates():
    reps = [report("e1", "2025-03-01"), report("e2", "2025-03-20"), report("e3", None)]
    es = merge_reports(reps, TYPES, near_dates={"d-e3": "2025-03-19"})
    assert groups(es) == [["e1"], ["e2", "e3"]]
    assert any("no date of its own" in m for e in es for m in e.merges)


def test_ids_are_stable_when_a_report_is_added_later():
    [before] = merge_reports([report("e1", "2025-03-14")], TYPES)
    [after] = merge_reports([report("e1", "2025-03-14"), report("e2", "2025-03-15")], TYPES)
    assert before.id == after.id and before.id.startswith("enc-")


def test_one_item_saying_two_meetings_keeps_two():
    reps = [report("e1", "2025-03-14", dispatch="d1", evidence="A met B in the morning."),
            report("e2", "2025-03-14", dispatch="d1", evidence="Later that day A and B met again over dinner.")]
    assert says_two_meetings(reps[1].evidence) and not says_two_meetings(reps[0].evidence)
    es = merge_reports(reps, TYPES)
    assert groups(es) == [["e1"], ["e2"]] and len({e.id for e in es}) == 2


def test_judgements_split_and_join_encounters():
    reps = [report("e1", "2025-03-14"), report("e2", "2025-03-15"), report("e3", "2025-05-01")]
    split = EncounterJudgements(different={frozenset(("e1", "e2"))})
    assert groups(merge_reports(reps, TYPES, split)) == [["e1"], ["e2"], ["e3"]]
    join = EncounterJudgements(same={frozenset(("e1", "e3"))})
    joined = merge_reports(reps, TYPES, join)
    assert groups(joined) == [["e1", "e2", "e3"]]
    assert any(m.startswith("judgement:") for m in joined[0].merges)


def test_judgements_file_reads_encounter_pairs(tmp_path):
    from kg.resolve import load_judgements

    path = tmp_path / "j.yaml"
    path.write_text("encounters:\n  same: [[e-1, e-2]]\n  different: [[e-3, e-4]]\n", encoding="utf-8")
    j = load_judgements(path)
    assert j.encounters.same == {frozenset(("e-1", "e-2"))} and j.encounters.different == {frozenset(("e-3", "e-4"))}
    path.write_text("encounters:\n  same: [[e-1]]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="j.yaml.*report ids"):
        load_judgements(path)


# ---------------------------------------------------------------------------- end to end, on pages written for it

PAGES = {
    # one meeting: an English outlet the day of it, a Russian outlet the next day, in other words
    "a_en.txt": """ date 2025-03-14
Kazakh Foreign Minister meets Hungarian counterpart in Astana

Astana, March 14. Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met with Minister of Foreign Affairs and Trade of Hungary Peter Szijjarto in Astana. The ministers discussed trade, energy and transport projects.
""",
    "b_ru.txt": """ date 2025-03-15
Нуртлеу и Сийярто обсудили энергетические проекты

Министр иностранных дел Казахстана Мурат Нуртлеу встретился с министром иностранных дел и внешней торговли Венгрии Петером Сийярто. Стороны обсудили развитие торговли и транспортные маршруты.
""",
    # the same pair a month later: another encounter
    "c_en.txt": """ date 2025-04-20
Nurtleu holds talks in Budapest

Budapest, April 20. Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met with Minister of Foreign Affairs and Trade of Hungary Peter Szijjarto in Budapest to prepare the intergovernmental commission.
""",
    # one call, reported by each side in its own words, a day apart
    "d_en.txt": """ date 2025-05-05
Phone call between the foreign ministers of Kazakhstan and Uzbekistan

Minister of Foreign Affairs of Kazakhstan Murat Nurtleu had a telephone conversation with Minister of Foreign Affairs of Uzbekistan Bakhtiyor Saidov. They discussed preparations for the upcoming summit.
""",
    "e_ru.txt": """ date 2025-05-06
Саидов провел телефонный разговор с Нуртлеу

Министр иностранных дел Узбекистана Бахтиёр Саидов провел телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу. Министры обменялись мнениями о подготовке к саммиту.
""",
}


@pytest.fixture(scope="module")
def page_build(tmp_path_factory):
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("pages-out")
    return build([folder], out, cache=False)


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _encounter_of(rows: list[dict]) -> dict[str, str]:
    return {row["file"]: row["encounter"] for row in rows}


@pytest.mark.models
def test_one_meeting_in_two_languages_is_one_encounter_with_two_reports(page_build):
    rows = _csv(page_build.out / "interactions.csv")
    of = _encounter_of(rows)
    assert of["a_en.txt"] == of["b_ru.txt"]
    [enc] = [e for e in _csv(page_build.out / "encounters.csv") if e["id"] == of["a_en.txt"]]
    assert enc["reports"] == "2" and enc["kind"] == "meeting" and enc["date"] == "2025-03-14"
    assert set(enc["files"].split("|")) == {"a_en.txt", "b_ru.txt"} and set(enc["langs"].split("|")) == {"en", "ru"}
    assert {enc["a_country"], enc["b_country"]} == {"KZ", "HU"}
    assert "1 day apart" in enc["merges"]


@pytest.mark.models
def test_the_same_pair_a_month_later_is_another_encounter(page_build):
    of = _encounter_of(_csv(page_build.out / "interactions.csv"))
    assert of["c_en.txt"] != of["a_en.txt"]


@pytest.mark.models
def test_a_call_reported_by_both_sides_a_day_apart_is_one(page_build):
    of = _encounter_of(_csv(page_build.out / "interactions.csv"))
    assert of["d_en.txt"] == of["e_ru.txt"]
    assert len(_csv(page_build.out / "encounters.csv")) == 3
    assert page_build.counts["encounters"] == 3 and page_build.counts["interactions"] == 5


@pytest.mark.models
def test_the_graph_has_one_edge_per_encounter_with_every_report(page_build):
    g = page_build.graph
    edges = [d for _, _, d in g.edges(data=True) if d["type"] == "interaction"]
    assert len(edges) == 3
    merged = [d for d in edges if d["reports"] == 2]
    assert len(merged) == 2
    for d in merged:
        assert len(d["report_files"]) == len(d["report_evidence"]) == len(d["report_dispatches"]) == 2
        assert set(d["report_langs"]) == {"en", "ru"}


@pytest.mark.models
def test_the_notebook_counts_encounters_and_shows_their_reports(page_build):
    from kg.query import KnowledgeGraph

    kgraph = KnowledgeGraph.load(page_build.out)
    between = kgraph.meetings_between("KZ", "HU")
    assert len(between) == 2 and sorted(between["reports"]) == [1, 2]
    reports = kgraph.reports(between.loc[between["reports"] == 2, "id"].iloc[0])
    assert sorted(reports["file"]) == ["a_en.txt", "b_ru.txt"]
    assert len(kgraph.reports()) == 5
    assert kgraph.country_matrix().loc["KZ", "HU"] == 2


def test_the_viewer_draws_encounters_and_lists_their_reports():
    from kg.query import example
    from kg.viewer import drawn_edges, render_html_string

    g = example().graph
    [edge] = [e for e in drawn_edges(g) if {e["from"], e["to"]} == {"person-nurlanova", "person-janssens"}]
    [item] = edge["items"]   # two reports, one encounter: one item, so the width counts one
    assert [r["file"] for r in item["reports"]] == ["example.txt", "example2.txt"]
    assert [r["lang"] for r in item["reports"]] == ["en", "ru"]
    page = render_html_string(g)
    assert "counts once however many items reported it" in page
