"""Benchmark ``kg build`` against the bare spaCy floor, on scaled corpora made from the seeds.

    python bench/bench_build.py                     # sizes 100, 1,000 and 10,000 items
    python bench/bench_build.py --sizes 100         # CI: the smallest size
    python bench/bench_build.py --sizes 1000 --jobs 1 2

The corpus: each generated file is a copy of a seed file (so every layout of the seeds is there:
single pages, dateline digests, headline-led digests, a news-agency digest; English and Russian)
with its people's names, its countries and its dates substituted: names from a pool of made-up
people (the seeds' given names and surnames recombined, a few people in many items and most in a
few, as in the news), countries by other countries in the same grammatical case, dates shifted.
Generation is seeded, so a size always gives the same corpus.

For each size, every figure comes from a fresh process, timed from the outside (wall clock,
Python start-up and model loading included):

* build: ``kg build`` (the library function the CLI calls) with an empty cache, then its stages;
* floor: the same texts through bare ``nlp.pipe``: the English model with only the components kg
  uses (tok2vec, parser, ner: no kg gazetteer or repair) and natasha's segmenter, morphology,
  NER and syntax parser, with nothing after them;
* ratio: build / floor; peak memory: the largest resident set of the build's process tree;
* rebuild: ``kg build`` again on the unchanged corpus (every item from the cache), then after
  adding one file (only its items are analysed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20260222
LATIN_WORD = re.compile(r"[A-Z][a-zà-ÿĀ-ž’'\-]+")
CYRILLIC_WORD = re.compile(r"[А-ЯЁ][а-яё\-]+")


# ---------------------------------------------------------------------------- the corpus


class Substitutes:
    """What the seeds name and what to put in its place: people, countries."""

    def __init__(self, seeds: Path, work: Path) -> None:
        from kg.gazetteer import gazetteer
        from kg.pipeline import build

        # the seeds' own people, as kg finds them (the names as written, both scripts)
        result = build([seeds], None)
        self.names: set[str] = set()
        for ex in result.extractions:
            for o in ex.officials:
                for span in o.spans:
                    if len(span.text.split()) >= 1 and not re.search(r"\d", span.text):
                        self.names.add(span.text)
        given = {"lat": set(), "cyr": set()}
        surnames = {"lat": set(), "cyr": set()}
        for name in self.names:
            words = name.replace(".", ". ").split()
            script = "cyr" if re.search("[А-Яа-яЁё]", name) else "lat"
            pattern = CYRILLIC_WORD if script == "cyr" else LATIN_WORD
            words = [w for w in words if pattern.fullmatch(w)]
            if len(words) >= 2:
                given[script].add(words[0])
            if words:
                surnames[script].add(words[-1])
        self.given = {k: sorted(v) for k, v in given.items()}
        self.surnames = {k: sorted(v) for k, v in surnames.items()}
        gz = gazetteer()
        self.gz = gz
        # countries to substitute with: one-word English names, and their Russian names
        self.countries_en = sorted({n for n, iso in gz.en_names.items() if re.fullmatch(r"[A-Z][a-z]+", n)
                                    and gz.names_en.get(iso) == n})
        self.countries_ru = sorted({n for n in gz.names_ru.values() if re.fullmatch(r"[А-ЯЁ][а-яё]+", n)})

    def person(self, rng: random.Random, script: str, people: int) -> tuple[str, str]:
        """A made-up person: person n of ``people``, drawn log-uniformly (Zipf-like: the first in ~9 % of
        the mentions at 10,000 items, most people in one or two)."""
        n = min(people - 1, int(people ** rng.random()) - 1)
        pick = random.Random(f"{script}:{n}")
        return pick.choice(self.given[script]), pick.choice(self.surnames[script])


def _name_mapping(subs: Substitutes, text: str, rng: random.Random, people: int) -> dict[str, str]:
    """Per file: each name word of the seeds' people → the word of a made-up person (consistent in the file)."""
    mapping: dict[str, str] = {}
    for name in sorted(subs.names, key=len, reverse=True):
        if name not in text:
            continue
        script = "cyr" if re.search("[А-Яа-яЁё]", name) else "lat"
        pattern = CYRILLIC_WORD if script == "cyr" else LATIN_WORD
        words = [w for w in name.replace(".", ". ").split() if pattern.fullmatch(w)]
        if not words:
            continue
        first, last = subs.person(rng, script, people)
        if words[-1] not in mapping:
            mapping[words[-1]] = _inflect_like(last, words[-1]) if script == "cyr" else last
        if len(words) >= 2 and words[0] not in mapping:
            mapping[words[0]] = _inflect_like(first, words[0]) if script == "cyr" else first
    return mapping


def _inflect_like(new: str, old: str) -> str:
    """``new`` in the grammatical case of ``old`` (Russian), where pymorphy can tell it."""
    from kg.gazetteer import _morph

    morph = _morph()
    case = morph.parse(old)[0].tag.case
    if case in (None, "nomn"):
        return new
    form = morph.parse(new)[0].inflect({case})
    return form.word.capitalize() if form is not None else new


def _country_mapping(subs: Substitutes, text: str, rng: random.Random) -> dict[str, str]:
    mapping: dict[str, str] = {}
    lang = "ru" if len(re.findall("[А-Яа-яЁё]", text)) > len(re.findall("[A-Za-z]", text)) else "en"
    for hit in subs.gz.find_countries(text, lang):
        if hit.form != "name" or " " in hit.text or hit.text in mapping:
            continue
        if lang == "en" and re.fullmatch(r"[A-Z][a-z]+", hit.text):
            mapping[hit.text] = rng.choice(subs.countries_en)
        elif lang == "ru" and re.fullmatch(r"[А-ЯЁ][а-яё]+", hit.text):
            mapping[hit.text] = _inflect_like(rng.choice(subs.countries_ru), hit.text)
    return mapping


def _shift_dates(text: str, days: int) -> str:
    def iso(m: re.Match[str]) -> str:
        d = dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days=days)
        return d.isoformat()

    def dotted(m: re.Match[str]) -> str:
        d = dt.date(int(m[3]), int(m[2]), int(m[1])) + dt.timedelta(days=days)
        return d.strftime("%d.%m.%Y")

    text = re.sub(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", iso, text)
    return re.sub(r"(?<!\d)(\d{2})\.(\d{2})\.(\d{4})(?!\d)", dotted, text)


def _substitute(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    words = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def make_corpus(size: int, seeds: Path, out: Path, subs: Substitutes, seen: set[str] | None = None,
                tag: str = "", prefix: str = "") -> int:
    """Write files of ``size`` distinct news items (none of them in ``seen``) into ``out``; returns the number of items."""
    from kg.model import FileReport
    from kg.read import parse_text

    out.mkdir(parents=True, exist_ok=True)
    templates = [(p, p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    rng = random.Random(f"{SEED}:{size}{tag}")
    people = max(40, size // 4)      # distinct people grow with the corpus, as in the news
    seen = set() if seen is None else seen
    start = len(seen)
    size += start
    n_file = 0
    while len(seen) < size:
        path, raw = templates[rng.randrange(len(templates))]
        mapping = _name_mapping(subs, raw, rng, people) | _country_mapping(subs, raw, rng)
        text = _shift_dates(_substitute(raw, mapping), rng.randrange(-700, 0))
        target = out / f"{prefix}{n_file:05d}_{path.stem.split('_')[0]}.txt"
        items = parse_text(text, target, FileReport(str(target)))
        new = [d for d in items if d.id not in seen]
        if not new:
            continue
        if len(seen) + len(new) > size:
            # keep the first items only: cut the file where the first item too many starts
            cut = new[size - len(seen)]
            text = "\n".join(text.split("\n")[: cut.line - 1]) + "\n"
            items = parse_text(text, target, FileReport(str(target)))
            new = [d for d in items if d.id not in seen]
            if not new:
                continue
        seen.update(d.id for d in new)
        target.write_text(text, encoding="utf-8")
        n_file += 1
    return len(seen) - start


# ---------------------------------------------------------------------------- the child processes


def child_build(corpus: str, out: str, jobs: int, cache: bool) -> dict[str, Any]:
    from kg.pipeline import build

    result = build([corpus], out, jobs=jobs, cache=cache)
    stats = result.extract_stats
    return {"timings": result.timings, "counts": result.counts,
            "extracted": stats.extracted if stats else None, "cached": stats.cached if stats else None}


def child_floor(texts_file: str) -> dict[str, Any]:
    """Bare ``nlp.pipe`` over the texts, with only the components kg uses and nothing of kg's."""
    import spacy
    from spacy.language import Language

    from kg.extract.nlp import EN_MODEL, EN_UNUSED, single_thread_blas

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    t = time.perf_counter()

    @Language.factory("bare_natasha")
    class BareNatasha:   # natasha's four models (the syntax parser included: kg reads its trees), nothing done with their output
        def __init__(self, nlp: Language, name: str) -> None:
            from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

            emb = NewsEmbedding()
            self.segmenter, self.morph_vocab = Segmenter(), MorphVocab()
            self.morph, self.ner, self.syntax = NewsMorphTagger(emb), NewsNERTagger(emb), NewsSyntaxParser(emb)

        def __call__(self, doc: Any) -> Any:
            from natasha import Doc as NDoc

            ndoc = NDoc(doc.text)
            ndoc.segment(self.segmenter)
            with single_thread_blas():   # as kg runs it: one BLAS thread is faster for slovnet
                ndoc.tag_morph(self.morph)
                ndoc.tag_ner(self.ner)
                ndoc.parse_syntax(self.syntax)
            return doc

    en = spacy.load(EN_MODEL, exclude=list(EN_UNUSED))
    ru = spacy.blank("ru")
    ru.add_pipe("bare_natasha")
    load = time.perf_counter() - t
    t = time.perf_counter()
    for _ in en.pipe(texts["en"], batch_size=16):
        pass
    en_s = time.perf_counter() - t
    t = time.perf_counter()
    for _ in ru.pipe(texts["ru"], batch_size=16):
        pass
    return {"load": load, "en": en_s, "ru": time.perf_counter() - t, "components": en.pipe_names + ru.pipe_names}


def run_child(args: list[str]) -> tuple[dict[str, Any], float, float]:
    """Run this script as a child; (its JSON answer, wall seconds, peak RSS of its process tree in MB)."""
    import psutil

    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "TQDM_DISABLE": "1"})
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{stderr[-4000:]}")
    return json.loads(stdout.strip().splitlines()[-1]), wall, peak / 2**20


# ---------------------------------------------------------------------------- the benchmark


def bench_size(size: int, work: Path, subs: Substitutes, seeds: Path, jobs_list: list[int]) -> dict[str, Any]:
    from kg.extract import analysable
    from kg.pipeline import read_corpus

    corpus = work / f"corpus-{size}"
    if corpus.exists():
        shutil.rmtree(corpus)
    t = time.perf_counter()
    n = make_corpus(size, seeds, corpus, subs)
    gen_s = time.perf_counter() - t
    _, dispatches = read_corpus([corpus])
    texts = {"en": [analysable(d.text) for d in dispatches if d.lang == "en"],
             "ru": [analysable(d.text) for d in dispatches if d.lang == "ru"]}
    texts_file = work / f"texts-{size}.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    row: dict[str, Any] = {"size": size, "items": n, "files": len(list(corpus.iterdir())), "en": len(texts["en"]),
                           "ru": len(texts["ru"]), "chars": sum(map(len, texts["en"] + texts["ru"])), "generate_s": gen_s}
    out = work / f"out-{size}"
    shutil.rmtree(out, ignore_errors=True)
    build, row["build_s"], row["peak_mb"] = run_child(["_build", str(corpus), str(out), "1", "1"])
    print(f"  {size} items: build {row['build_s']:.1f}s {build['timings']}", flush=True)
    row["stages"] = build["timings"]
    row["counts"] = build["counts"]
    floor, row["floor_s"], row["floor_peak_mb"] = run_child(["_floor", str(texts_file)])
    print(f"  {size} items: floor {row['floor_s']:.1f}s {floor}", flush=True)
    row["floor_parts"] = floor
    rebuild, row["rebuild_s"], _ = run_child(["_build", str(corpus), str(out), "1", "1"])
    row["rebuild_analysed"] = rebuild["extracted"]
    # one new file: a seed file, names and dates substituted, whose items the corpus does not hold yet
    extra = work / f"extra-{size}"
    shutil.rmtree(extra, ignore_errors=True)
    make_corpus(1, seeds, extra, subs, seen={d.id for d in dispatches}, tag=":extra", prefix="zz_added_")
    [added_file] = list(extra.iterdir())
    shutil.move(str(added_file), corpus / added_file.name)
    added, row["add_file_s"], _ = run_child(["_build", str(corpus), str(out), "1", "1"])
    row["add_file_analysed"] = added["extracted"]
    row["add_file_items"] = added["counts"]["items"] - build["counts"]["items"]
    (corpus / added_file.name).unlink()
    for jobs in jobs_list:
        if jobs == 1:
            continue
        out_j = work / f"out-{size}-j{jobs}"
        shutil.rmtree(out_j, ignore_errors=True)
        _, row[f"build_j{jobs}_s"], row[f"peak_j{jobs}_mb"] = run_child(["_build", str(corpus), str(out_j), str(jobs), "0"])
    return row


def table(rows: list[dict[str, Any]], jobs_list: list[int]) -> str:
    head = ["items", "build s", "items/s", "floor s", "build/floor", "peak MB", "extract s", "resolve s", "graph s",
            "export s", "html s", "rebuild s", "rebuild %", "+1 file s (items analysed)"]
    head += [f"--jobs {j} s (peak)" for j in jobs_list if j != 1]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        s = r["stages"]
        cells = [f"{r['items']:,}", f"{r['build_s']:.1f}", f"{r['items'] / r['build_s']:.1f}", f"{r['floor_s']:.1f}",
                 f"{r['build_s'] / r['floor_s']:.2f}", f"{r['peak_mb']:.0f}", f"{s['extract']:.1f}", f"{s['resolve']:.2f}",
                 f"{s['graph']:.2f}", f"{s['export']:.2f}", f"{s['html']:.2f}", f"{r['rebuild_s']:.1f}",
                 f"{100 * r['rebuild_s'] / r['build_s']:.1f}", f"{r['add_file_s']:.1f} ({r['add_file_analysed']} of {r['add_file_items']} new)"]
        cells += [f"{r[f'build_j{j}_s']:.1f} ({r[f'peak_j{j}_mb']:.0f} MB)" for j in jobs_list if j != 1]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_build":
        corpus, out, jobs, cache = argv[1:5]
        print(json.dumps(child_build(corpus, out, int(jobs), cache == "1")))
        return 0
    if argv and argv[0] == "_floor":
        print(json.dumps(child_floor(argv[1])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1], help="also build with these numbers of processes")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"kg build benchmark: sizes {args.sizes}, {os.cpu_count()} CPUs, work in {work}", flush=True)
    subs = Substitutes(args.seeds, work)
    rows = []
    for size in args.sizes:
        row = bench_size(size, work, subs, args.seeds, args.jobs)
        rows.append(row)
        print(f"{size:>6} items: build {row['build_s']:.1f}s, floor {row['floor_s']:.1f}s "
              f"(ratio {row['build_s'] / row['floor_s']:.2f}), peak {row['peak_mb']:.0f} MB, rebuild {row['rebuild_s']:.1f}s",
              flush=True)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print()
    print(table(rows, args.jobs))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
