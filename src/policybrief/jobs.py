"""Jobs: what to brief. Inputs (params YAML, article files, folders, globs) become typed, validated jobs.

Precedence of settings: the notebook's defaults < a params file < the command line.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path
from typing import Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ParamsError
from .files import write_atomically
from .ingest import HTML_SUFFIXES, MARKDOWN_SUFFIXES

ARTICLE_SUFFIXES = {".txt", ".text", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES}
PARAMS_SUFFIXES = {".yaml", ".yml"}


class Params(BaseModel):
    """The notebook's parameters: the keys a params YAML may hold (papermill injects them as they are).

    Each description is the analyst's documentation: docs/parameters.md shows them in a table made by
    `params_table`, and a test fails when a parameter has none or the page is out of date.
    """

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description=(
        "The article file: .txt, .md or .html. In a params file a relative path is looked up from the working "
        "folder, then beside the params file."), json_schema_extra={"cli": "the inputs of `run`"})
    articles: list[str] = Field([], description=(
        "More articles on the same situation: with `article`, they make one brief merged from all of them, with "
        "its sources, the wire copies among them counted once, and what independent sources agree and disagree "
        "on. Relative paths as for `article`."), json_schema_extra={"cli": "`run --merge` (every input after "
                                                                         "the first)"})
    title: str | None = Field(None, description=(
        "Replaces the title found in the article: on the page, in brief.json and in the index."))
    situation: str | None = Field(None, description=(
        "Files the brief under this situation instead of the one found in the article: a state's name or ISO3 "
        "code (`Niger`, `NER`), to join that state's briefs, or a name of your own (`Sahel withdrawals`). The "
        "situation decides which earlier brief this one is compared with and where the index lists it."))
    output_dir: str | None = Field(None, description=(
        "With `policybrief run`: the brief's folder inside `--out` (default: the input file's name); a folder "
        "outside `--out` is refused. With papermill: the folder the notebook writes brief.json into."))
    compare_with: str | None = Field(None, description=(
        "A folder of earlier briefs (a subfolder with a brief.json each, as `policybrief run` writes them). The "
        "brief says what changed since the latest of them on its situation published before it (`changes` in "
        "brief.json, and a section \"Since the last brief\"); undated briefs and briefs of the same day are not "
        "compared. With `policybrief run`: `--out` unless set. With papermill: no comparison unless set."))
    actors_files: list[str] = Field([], description=(
        "Analysts' gazetteer YAML files, added to the shipped gazetteer and overriding it "
        "(docs/gazetteer.md)."), json_schema_extra={"cli": "`--actors` (repeatable)"})
    engine: Literal["rules", "llm"] = Field("rules", description=(
        "`rules`: the offline analysis. `llm`: the same analysis, with the bottom line, judgments and tension "
        "assessment rewritten by a model where it quotes the article (docs/llm.md)."),
        json_schema_extra={"cli": "`--engine`"})
    model: str | None = Field(None, description="The model's name, for the `llm` engine.",
                              json_schema_extra={"cli": "`--model`"})
    paper: Literal["A4", "Letter"] = Field("A4", description="The PDF's paper size.",
                                           json_schema_extra={"cli": "`--paper`"})
    max_words: int = Field(200_000, description="Articles longer than this many words are refused.",
                           json_schema_extra={"cli": "`--max-words`"})
    annex: bool = Field(True, description=(
        "Adds the annex after the two pages of the brief, on a page of its own: the full actor table, framing, "
        "figures, timeline, cited sentences and the text removed from the page."),
        json_schema_extra={"cli": "`--no-annex`"})


def params_table() -> str:
    """docs/parameters.md's table: one row per parameter, from the model itself."""
    rows = ["| parameter | type | default | command line | meaning |", "|---|---|---|---|---|"]
    for name, info in Params.model_fields.items():
        default = "required" if info.is_required() else "none" if info.default is None else f"`{info.default}`"
        cli = (info.json_schema_extra or {}).get("cli", "params file only")
        rows.append(f"| `{name}` | {_kind(info.annotation)} | {default} | {cli} | {info.description} |")
    return "\n".join(rows) + "\n"


def _kind(annotation: object) -> str:
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if get_origin(annotation) is list:
        return f"list of {_kind(args[0])}"
    if args:  # X | None
        return _kind(args[0])
    return {str: "text", int: "whole number", bool: "`True` or `False`"}[annotation]


class Job(BaseModel):
    slug: str
    source: str
    params: Params


def slugify(text: str) -> str:
    """A safe folder name: it cannot climb out of the output folder or hide itself."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")[:80]
    return slug or "brief"


def read_params(path: Path) -> Params:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParamsError(path, "no such params file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParamsError(path, f"cannot be read ({type(exc).__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ParamsError(path, f"malformed YAML{where}") from None
    if not isinstance(content, dict):
        raise ParamsError(path, "params file must be a YAML mapping of notebook parameters")
    try:
        params = Params(**content)
    except ValidationError as exc:
        # A misspelt key shows as both "unknown" and "missing": name the unknown one, it is the typo.
        err = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        field = ".".join(str(p) for p in err["loc"]) or "?"
        problem = "unknown parameter" if err["type"] == "extra_forbidden" else err["msg"]
        raise ParamsError(path, f"{problem}: {field!r} (known: {', '.join(Params.model_fields)})") from None
    params.article = _beside(params.article, path)
    params.articles = [_beside(a, path) for a in params.articles]
    return params


def _beside(article: str, params_file: Path) -> str:
    """A relative article path, from the working folder if it is there, else from the params file's folder."""
    p = Path(article)
    if not p.is_absolute() and not p.exists() and (params_file.parent / p).exists():
        return str(params_file.parent / p)
    return article


def overrides_of(*, actors_files: list[str] | None = None, engine: str | None = None, model: str | None = None,
                 max_words: int | None = None, paper: str | None = None, annex: bool | None = None) -> dict:
    """The command line's settings that were given (None: not given), which win over a params file's."""
    given = {"actors_files": actors_files or None, "engine": engine, "model": model, "max_words": max_words,
             "paper": paper, "annex": annex}
    return {k: v for k, v in given.items() if v is not None}


def collect_jobs(inputs: list[str], **settings) -> list[Job]:
    """`settings`: `overrides_of`'s keywords."""
    overrides = overrides_of(**settings)
    jobs: list[Job] = []
    for path in expand(inputs, ARTICLE_SUFFIXES | PARAMS_SUFFIXES):
        if path.suffix.lower() in PARAMS_SUFFIXES:
            params = read_params(path).model_copy(update=overrides)
        else:
            params = Params(article=str(path), **overrides)
        jobs.append(Job(slug=slugify(path.stem), source=str(path), params=params))
    seen: dict[str, int] = {}
    for job in jobs:  # two inputs with one stem must not overwrite each other's brief
        n = seen.get(job.slug, 0)
        seen[job.slug] = n + 1
        if n:
            job.slug = f"{job.slug}-{n + 1}"
    return jobs


def merged_job(inputs: list[str], **settings) -> Job:
    """`run --merge`: every article input makes one brief, in the first article's name."""
    paths = [p for p in expand(inputs, ARTICLE_SUFFIXES) if p.suffix.lower() not in PARAMS_SUFFIXES]
    if not paths:
        raise ParamsError(" ".join(inputs), "--merge needs article files (params files list theirs in `articles`)")
    params = Params(article=str(paths[0]), articles=[str(p) for p in paths[1:]], **overrides_of(**settings))
    return Job(slug=slugify(paths[0].stem) + ("-merged" if len(paths) > 1 else ""), source=str(paths[0]),
               params=params)


def expand(inputs: list[str], suffixes: set[str]) -> list[Path]:
    """Files named, files in named folders (sorted), and glob matches; a name that matches nothing is kept
    so that its job fails with a clear 'no such file'."""
    out: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
        elif any(c in item for c in "*?["):
            out += sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        else:
            out.append(path)
    return out


def write_params(articles: list[str], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in expand(articles, ARTICLE_SUFFIXES):
        if not path.is_file():
            raise ParamsError(path, "no such article file")
        target = out / f"{slugify(path.stem)}.yaml"
        write_atomically(target, yaml.safe_dump({"article": str(path)}, sort_keys=False))
        written.append(target)
    return written
