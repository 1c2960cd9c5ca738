"""Write notebooks/explore.ipynb (without outputs) from the cells below: ``python notebooks/make_explore.py``.

The notebook is generated so that it stays reviewable as code; tests/test_notebook.py checks that
the stored notebook is what this script writes, and runs it.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
TARGET = HERE / "explore.ipynb"

CELLS: list[tuple[str, str]] = [
    ("md", """# Who met whom: exploring the seed corpus

This notebook builds the diplomatic-contacts graph of `seeds/` (dispatches in English and
Russian) and asks it questions with `kg`'s notebook API (`kg/query.py`). Every answer is a
pandas table or a networkx graph. Run it top to bottom, from the repository root or from
`notebooks/`."""),
    ("code", """from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator
import pandas as pd

import kg
from kg.query import UnknownEntity

# the repository root is the first folder upwards that holds seeds/: the notebook runs from the root or notebooks/
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "seeds").is_dir())
SEEDS = ROOT / "seeds"
pd.set_option("display.max_colwidth", 90)"""),
    ("md", """## Build

`kg.build` runs the whole pipeline (read → extract → resolve → build) in memory. After a
`kg build seeds --out output` on the command line, `kg.load("output")` reads the same graph
from `output/graph.json` instead."""),
    ("code", """g = kg.build([SEEDS])
g"""),
    ("md", """## Tables

Countries, officials and institutions, and every encounter (one row per edge of the graph:
kind, date, both sides, the dispatch and the sentence of its first report, and how many reports)."""),
    ("code", "g.countries()"),
    ("code", """g.officials("Kazakhstan")[["name", "roles", "interactions", "first_seen", "last_seen"]]"""),
    ("code", "g.institutions()"),
    ("code", """g.interactions(kind="message")[["date", "source", "target", "evidence"]]"""),
    ("md", """## Encounters, not reports

One meeting reported by both sides' ministries, or by several outlets in English and Russian, is
one **encounter**: reports of the same pair, of agreeing kinds, dated within two days of each
other (the rule is `kg/data/encounters.yaml`). Every count in this notebook (`interactions`,
`contacts`, `meetings_between`, `timeline`, `country_matrix`, `top`) counts encounters, so the
answers do not grow with the number of outlets loaded; the `reports` column says how many items
reported each, and `g.reports(id)` lists them (item, file, URL, language, sentence)."""),
    ("code", """encounters = g.interactions()
print(f"{len(encounters)} encounters, reported {encounters['reports'].sum()} times")
g.reports(encounters.sort_values(["reports", "date"], ascending=[False, True])["id"].iloc[0])"""),
    ("md", """## Names in any script

A name can be given in Latin or Cyrillic letters, in any case, without accents, or as a
surname alone when only one person bears it. The ambassador to Belgium met Lille students
(reported in English) and the Minister-President of Flanders (reported in Russian):"""),
    ("code", """g.find("Roman Vassilenko") == g.find("Роман Василенко")"""),
    ("code", """g.contacts("Роман Василенко")[["date", "kind", "contact", "contact_country", "evidence"]]"""),
    ("code", """g.contacts("Tokayev")[["date", "kind", "role", "contact", "contact_country"]]"""),
    ("md", "An unknown name raises `UnknownEntity` (a `KeyError`) that lists the closest names:"),
    ("code", """try:
    g.contacts("Ivan Ivanov")
except UnknownEntity as err:
    print(err)"""),
    ("md", "Encounters between two states (ISO code, English or Russian name):"),
    ("code", """g.meetings_between("KZ", "Саудовская Аравия")[["date", "kind", "a", "b", "evidence"]]"""),
    ("md", "## Plots\n\nEncounters per month, by kind:"),
    ("code", """months = g.timeline(freq="M", by="kind")
# one bar per month, labelled YYYY-MM (months without any encounter are kept, as gaps)
by_month = months.set_axis(months.index.strftime("%Y-%m"))
ax = by_month.plot(kind="bar", stacked=True, figsize=(10, 3.5), width=0.8, rot=60, title="Encounters per month")
ax.set_xlabel("")
ax.set_ylabel("encounters")
ax.yaxis.set_major_locator(MaxNLocator(integer=True))
plt.tight_layout()
plt.show()"""),
    ("md", "Which states' officials meet which (the matrix is symmetric):"),
    ("code", """matrix = g.country_matrix(label="name")
fig, ax = plt.subplots(figsize=(8, 7))
image = ax.imshow(matrix.to_numpy(), cmap="Blues")
ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90)
ax.set_yticks(range(len(matrix.index)), matrix.index)
for (i, j), n in np.ndenumerate(matrix.to_numpy()):
    if n:
        ax.text(j, i, str(n), ha="center", va="center", fontsize=8)
fig.colorbar(image, ax=ax, shrink=0.7, label="encounters", ticks=MaxNLocator(integer=True))
ax.set_title("Encounters between states")
plt.tight_layout()
plt.show()"""),
    ("md", "The most active officials, by number of encounters:"),
    ("code", """top = g.top(by="meetings", n=10, type="person")
ax = top.iloc[::-1].plot.barh(x="name", y="meetings", legend=False, figsize=(8, 4), title="Most active officials")
ax.set_xlabel("encounters")
ax.set_ylabel("")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
plt.tight_layout()
plt.show()
top"""),
    ("code", """g.top(by="betweenness", n=5)"""),
    ("md", """## Around one person

`ego` returns the networkx subgraph around a person (everyone within `radius` encounters, with
the states and institutions they belong to); `show` draws it with kg's interactive viewer, inline.
`g.save_html("ego.html", sub)` writes the same page to a file."""),
    ("code", """sub = g.ego("Tokayev", radius=1)
sub.number_of_nodes(), sub.number_of_edges()"""),
    ("code", """g.show(sub, height=500)"""),
    ("md", "How two officials are connected, hop by hop:"),
    ("code", """g.path("Alar Karis", "Gela Geladze")"""),
]


def notebook() -> nbformat.NotebookNode:
    """The notebook, without outputs."""
    cells = [new_markdown_cell(text) if kind == "md" else new_code_cell(text) for kind, text in CELLS]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i:02d}"  # stable ids: regenerating an unchanged notebook changes no byte
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main() -> None:
    nb = notebook()
    nbformat.validate(nb)
    TARGET.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
