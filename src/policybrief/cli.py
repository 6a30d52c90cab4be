"""The command line: `policybrief analyze`, `run`, `params` and `eval`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, logs
from .errors import BriefError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn news articles into evidence-linked policy briefs (JSON, notebook, HTML, PDF).")

ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="Extra gazetteer YAML (repeatable).")]
MaxWordsOpt = Annotated[int, typer.Option("--max-words", help="Refuse articles longer than this.")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="Log progress on stderr; -vv logs details too.")]


class EngineName(StrEnum):
    rules = "rules"
    llm = "llm"


EngineOpt = Annotated[EngineName, typer.Option(help="rules (offline, default) or llm.")]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"policybrief {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool | None, typer.Option("--version", callback=_print_version, is_eager=True,
                                                 help="Print the version and exit.")] = None,
) -> None:
    """Only --version: the commands do the work."""


def _fail(exc: BriefError) -> None:
    typer.echo(f"policybrief: error: {exc}", err=True)
    raise typer.Exit(2)


@app.command()
def analyze(
    article: Annotated[Path, typer.Argument(help="Article file (.txt, .md, .html).")],
    json_out: Annotated[bool, typer.Option("--json", help="Print brief.json on stdout.")] = False,
    actors: ActorsOpt = None,
    engine: EngineOpt = EngineName.rules,
    model: Annotated[str | None, typer.Option(help="Model name for --engine llm.")] = None,
    max_words: MaxWordsOpt = 200_000,
    verbose: VerboseOpt = 0,
) -> None:
    """Analyse one article without running a notebook (for pipelines)."""
    from .article_brief import analyze_file

    logs.to_terminal(verbose)

    try:
        brief = analyze_file(article, actors_files=actors or [], engine=engine.value, model=model,
                             max_words=max_words)
    except BriefError as exc:
        _fail(exc)
    if json_out:
        sys.stdout.write(brief.to_json() + "\n")
        return
    from rich.console import Console

    # Article text is untrusted: printed without markup, so "[link=...]" in a title stays text.
    console = Console(markup=False, highlight=False, emoji=False)
    console.print(brief.article.title, style="bold")
    console.print(brief.bluf)
    console.print(f"Risk of a power vacuum: {brief.risk.rating}; actors: {', '.join(a.name for a in brief.actors[:8])}")
    engine_line = f"Engine: {brief.engine.name} {brief.engine.version}" + (
        f" ({brief.engine.model})" if brief.engine.model else "")
    console.print(engine_line + (f"; {brief.engine.note}" if brief.engine.note else ""))


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Params YAML files, article files, folders or globs.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("briefings"),
    paper: Annotated[str | None, typer.Option(help="PDF paper size: A4 (default) or Letter.")] = None,
    workers: Annotated[int, typer.Option(
        help="Parallel briefs on this machine (default: number of cores; not used with --scheduler).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Rebuild briefs that are up to date.")] = False,
    timeout: Annotated[float, typer.Option(
        help="Seconds allowed per brief; one that takes longer is stopped and fails.")] = 300.0,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://host:port); the cluster's workers build the briefs.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Show only failures and the summary.")] = False,
    actors: ActorsOpt = None,
    engine: Annotated[EngineName | None, typer.Option(help="rules (offline, default) or llm.")] = None,
    model: Annotated[str | None, typer.Option(help="Model name for --engine llm.")] = None,
    max_words: Annotated[int | None, typer.Option("--max-words", help="Refuse articles longer than this "
                                                                       "(default 200000).")] = None,
    no_annex: Annotated[bool, typer.Option("--no-annex", help="Leave out the annex: each brief is its two pages.")
                        ] = False,
    merge: Annotated[bool, typer.Option("--merge", help=(
        "One brief from all the article inputs, on one situation: sources, wire copies counted once, what "
        "they agree and disagree on."))] = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Brief each input: execute the notebook with papermill and export HTML and PDF.

    Options given here win over a params file's values; options not given leave them as they are.

    Up-to-date briefs are skipped (--force rebuilds them); out/index.html and out/manifest.json list them all.
    Each run logs to out/.logs/ (worker output and tracebacks included).

    Exit status: 0 all built or up to date, 1 some failed, 2 bad usage or the run could not start,
    130 interrupted.
    """
    from .batch import collect, run_batch
    from .jobs import merged_job
    from .kernels import skip_unused_modules

    skip_unused_modules()  # a run on a cluster reads notebooks here, with nbformat
    logs.to_terminal(verbose)

    if paper not in (None, "A4", "Letter"):
        _fail(BriefError("--paper", f"unknown paper size {paper!r}; use A4 or Letter"))
    if timeout <= 0:
        _fail(BriefError("--timeout", "must be a positive number of seconds"))
    settings = {"actors_files": [str(a) for a in actors or []], "engine": engine.value if engine else None,
                "model": model, "max_words": max_words, "paper": paper, "annex": False if no_annex else None}
    try:
        items = [merged_job(inputs, **settings)] if merge else collect(inputs, **settings)
    except BriefError as exc:
        _fail(exc)
    if not items:
        _fail(BriefError(" ".join(inputs), "no article or params files found"))
    try:
        # Log lines and a live progress bar would overwrite each other: -v gets a line per brief instead.
        summary = run_batch(items, out, workers=workers or _cores(), force=force, timeout=timeout,
                            scheduler=scheduler, quiet=quiet, live=False if verbose else None)
    except BriefError as exc:
        _fail(exc)
    raise typer.Exit(130 if summary.interrupted else 1 if summary.failed else 0)


def _cores() -> int:
    # The cores this process may use (a container's CPU set), where the platform says so.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@app.command()
def params(
    articles: Annotated[list[str], typer.Argument(help="Article files, folders or globs.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the params YAML files.")] = Path("params"),
) -> None:
    """Write one papermill params YAML per article, for analysts who keep their runs in files."""
    from .jobs import write_params

    try:
        for path in write_params(articles, out):
            typer.echo(str(path))
    except BriefError as exc:
        _fail(exc)


@app.command("eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold YAML files or folders of them (a folder is one set).")],
    cmd: Annotated[str | None, typer.Option(
        help="Score this command's brief.json instead of the built-in analysis; {article} is the article path.")
    ] = None,
    minimum: Annotated[list[str] | None, typer.Option(
        "--min", help="KEY=VALUE: fail (exit 1) when a set's mean is below it (repeatable).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Only check the gold files against the conventions.")
                     ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the table of means.")] = False,
) -> None:
    """Score briefs against hand-made gold files: actors, themes, evidence, facts, furniture, metadata, risk."""
    from . import evaluate

    missing = [g for g in gold if not g.exists()]
    if missing:
        _fail(BriefError(missing[0], "no such gold file or folder"))
    bars = {}
    for bar in minimum or []:
        key, _, value = bar.partition("=")
        try:
            bars[key] = float(value)
        except ValueError:
            _fail(BriefError("--min", f"{bar!r} is not KEY=NUMBER"))
        if key not in evaluate.METRICS:
            _fail(BriefError("--min", f"unknown metric {key!r}; known: {', '.join(evaluate.METRICS)}"))
    if check:
        bad = 0
        for path in (p for g in gold for p in evaluate.gold_files(g)):
            for problem in evaluate.check_gold(path):
                typer.echo(f"{path}: {problem}")
                bad += 1
        raise typer.Exit(1 if bad else 0)
    from . import evaluate_situations

    situations = [g for g in gold if g.is_dir() and evaluate_situations.situation_folders(g)]
    articles = [g for g in gold if g not in situations or evaluate.gold_files(g)]
    brief_of = _command_brief(cmd) if cmd else _analyzed_brief
    ok = True
    if articles:
        ok = _print_eval(evaluate.evaluate(articles, brief_of), bars, quiet=quiet)
    if situations:
        merged = evaluate_situations.evaluate_situations(situations, _merged_brief, brief_of)
        _print_situations(merged, quiet=quiet)
    raise typer.Exit(0 if ok else 1)


def _merged_brief(articles: list[Path]) -> dict:
    import json

    from .article_brief import analyze_files

    return json.loads(analyze_files(articles).to_json())


def _print_situations(results, *, quiet: bool) -> None:
    from .evaluate_situations import METRICS

    table = [["situations", "n", *METRICS]]
    for result in results:
        for folder, scores in result.rows if not quiet else []:
            typer.echo(f"{folder.name}: " + " ".join(f"{k}={'-' if v is None else f'{v:.2f}'}"
                                                     for k, v in scores.items()))
        means = result.means()
        table.append([result.name, str(len(result.rows)),
                      *("-" if means[k] is None else f"{means[k]:.2f}" for k in METRICS)])
    _echo_table(table)


def _analyzed_brief(article: Path) -> dict:
    import json

    from .article_brief import analyze_file

    return json.loads(analyze_file(article).to_json())


def _command_brief(cmd: str):
    import json
    import shlex
    import subprocess

    def brief_of(article: Path) -> dict:
        argv = [part.replace("{article}", str(article)) for part in shlex.split(cmd)]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(f"command failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
        return json.loads(proc.stdout)

    return brief_of


def _print_eval(results, bars: dict[str, float], *, quiet: bool) -> bool:
    from .evaluate import METRICS

    ok = True
    for result in results:
        for row in result.rows if not quiet else []:
            if row.scores is None:
                typer.echo(f"{row.gold.stem}: failed: {row.error}")
                continue
            shown = " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.scores.items())
            typer.echo(f"{row.gold.stem}: {shown}")
    header = ["set", "n"] + METRICS + ["lost", "failed"]
    table = [header]
    for result in results:
        means = result.means()
        table.append([result.name, str(len(result.rows))]
                     + ["-" if means[k] is None else f"{means[k]:.2f}" for k in METRICS]
                     + [str(result.lost_evidence), str(result.failed)])
        ok = ok and not result.failed
        for key, bar in bars.items():
            if means.get(key) is None or means[key] < bar:
                ok = False
                typer.echo(f"{result.name}: below bar: {key}="
                           + ("n/a" if means.get(key) is None else f"{means[key]:.2f}") + f" < {bar}")
    _echo_table(table)
    return ok


def _echo_table(table: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    typer.echo("")
    for r in table:
        typer.echo("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
