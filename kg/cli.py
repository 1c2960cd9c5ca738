"""The ``kg`` command line: thin wrappers that check arguments and call library functions."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, help="kg: who meets whom, from diplomatic dispatches.")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Dispatch files or folders (default: seeds/).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any input file failed.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extraction processes (or Dask workers).")] = 1,
    engine: Annotated[str, typer.Option(help="Where extraction runs: local, or dask (a local cluster, or --scheduler).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Address of a Dask scheduler (with --engine dask).")] = None,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Folder of the extraction cache (default: OUT/.kg-cache).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Analyse every item again; neither read nor write the cache.")] = False,
    judgements: Annotated[Optional[Path], typer.Option("--judgements", help="YAML of name pairs that are the same person (same:) or not (different:), and of report ids that are one encounter or two (encounters: same:/different:), overriding the rules.", exists=True, dir_okay=False)] = None,
    field: Annotated[Optional[list[str]], typer.Option("--field", help="A feed's field name that is not the usual one: FIELD=NAME, FIELD one of text, title, date, url, lang (e.g. --field text=content). Repeatable.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Read dispatches (text files, saved web pages, JSONL or CSV feeds), extract who met whom, and
    write tables, graph files and the viewer."""
    from kg.engine import ENGINES
    from kg.pipeline import build as run_build

    _setup_logging(verbose)
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    from kg.read.feed import parse_field_options

    try:
        fields = parse_field_options(field or [])
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--field") from None
    inputs = paths or [Path("seeds")]
    result = run_build(inputs, out, progress=sys.stderr.isatty(), jobs=jobs, engine=engine, scheduler=scheduler,
                       cache=not no_cache, cache_dir=cache, judgements=judgements, fields=fields or None)
    for report in result.reports:
        for message in report.errors:
            typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
        for message in report.warnings:
            typer.secho(f"warning: {message}", fg=typer.colors.YELLOW, err=True)
    c = result.counts
    summary = f"{c['files']} files, {c['items']} items"
    for key in ("officials", "institutions", "countries", "interactions", "encounters"):
        if key in c:
            summary += f", {c[key]} {key}"
    if c["failed_files"]:
        summary += f"; {c['failed_files']} file(s) failed"
    stats = result.extract_stats
    how = ""
    if stats is not None and stats.up_to_date:
        how = "; outputs up to date, nothing to redo"
    elif stats is not None and stats.cache:
        how = f"; {stats.extracted} analysed, {stats.cached} from the cache"
    typer.echo(f"kg build: {summary} → {out}/ ({result.timings.get('total', 0):.1f}s{how})")
    if not result.dispatches:
        typer.secho("kg build: nothing could be read", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    if strict and result.failed_files:
        raise typer.Exit(2)


@app.command()
def version() -> None:
    """Print kg's version."""
    typer.echo(__version__)


@app.command()
def view(
    out: Annotated[Path, typer.Argument(help="A build's output folder (or a graph.html file).")] = Path("output"),
) -> None:
    """Open the interactive graph viewer (OUT/graph.html) in the web browser."""
    from kg.viewer import open_in_browser

    page = out if out.suffix == ".html" else out / "graph.html"
    if not page.is_file():
        typer.secho(f"kg view: {page} not found; run `kg build --out {out}` first", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    open_in_browser(page)
    typer.echo(f"kg view: opening {page.resolve().as_uri()}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
