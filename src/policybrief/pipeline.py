"""One brief, start to finish: resolve → analyze → parameterize → execute → export → write.

Each brief is built in a hidden temporary folder beside its final place and renamed into place only when
every file is complete, so an interrupted or failed run never leaves a brief that looks finished.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import traceback
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from . import changes
from .article_brief import analyze_file
from .brief import Brief
from .errors import BriefError, ExecutionError
from .files import write_atomically
from .jobs import Job, Params
from .kernels import KERNEL
from .output_folder import OutputFolder

if TYPE_CHECKING:  # imported where a notebook runs: a worker starts its kernel before papermill is imported
    from nbformat import NotebookNode

TEMPLATE = files("policybrief") / "notebooks" / "brief.ipynb"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    slug: str
    status: str  # built | failed
    folder: str
    seconds: float
    error: str | None = None
    brief: Brief | None = None
    traceback: str | None = None  # of an unexpected error, or of the notebook cell that failed


@dataclass
class Stage:
    """A brief part-built in its work folder: analysed (`run_notebook` is next), then executed
    (`export_brief` is next). A worker runs each stage of a different brief at once: it analyses the next
    brief while the kernel runs this one's notebook, and exports the last one meanwhile."""

    job: Job
    folder: OutputFolder
    final: Path
    work: Path
    brief: Brief
    started: float
    deadline: float
    parameters: dict
    warm: threading.Thread | None = None
    notebook: NotebookNode | None = None  # the executed notebook, as published


def build_brief(job: Job, out: Path, *, timeout: float = 300.0) -> Outcome:
    """Build one brief; failures are returned (with error.txt written), never raised.

    `timeout` bounds the whole brief: the notebook gets what analysis left of it. A stage that hangs outside
    the kernel is the batch's to stop (it kills the worker process).
    """
    stage = analyze_brief(job, out, timeout=timeout)
    if isinstance(stage, Stage):
        stage = run_notebook(stage)
    return stage if isinstance(stage, Outcome) else export_brief(stage)


def analyze_brief(job: Job, out: Path, *, timeout: float = 300.0) -> Stage | Outcome:
    """The first stage of `build_brief`: the article analysed, brief.json written, the notebook's
    parameters set; an Outcome when that failed."""
    t0 = time.perf_counter()
    folder = OutputFolder(out)
    final = out / job.slug
    work: Path | None = None
    try:
        final = folder.target(job)
        logger.debug("%s: analysing", job.source)
        brief = analyze_file(job.params.article, articles=job.params.articles, actors_files=job.params.actors_files,
                             engine=job.params.engine, model=job.params.model, max_words=job.params.max_words)
        if job.params.title:  # the analyst's title wins everywhere: brief.json and the index too, not just the page
            brief.article.title = job.params.title
        if job.params.situation:
            changes.file_under(brief, job.params.situation, job.params.actors_files)
        # Compared here, with the folder as it is now, not in the kernel: brief.json and the page must agree.
        compare_with = Path(job.params.compare_with) if job.params.compare_with else out
        changes.compare_with_earlier(brief, compare_with, own=final)
        work = folder.work_folder(final)
        brief_json = work / "brief.json"
        brief_json.write_text(brief.to_json(), encoding="utf-8")
        parameters = parameterize(job.params, brief_json, compare_with)
        return Stage(job, folder, final, work, brief, t0, t0 + timeout, parameters)
    except Exception as exc:
        return _failed(job, folder, final, work, t0, exc)


def run_notebook(stage: Stage) -> Stage | Outcome:
    """The second stage: the notebook run in the kernel, with what is left of the brief's time."""
    job, work = stage.job, stage.work
    try:
        from . import export

        # The kernel works on one core; the other prepares the Typst compiler and the vega bundle meanwhile.
        # Every brief, not once per process: warmed once, a worker and its kernel peaked 70-85 MB higher in
        # benchmarks/bench_batch.py, and were no faster.
        stage.warm = threading.Thread(target=export.warm_up, daemon=True)
        stage.warm.start()
        logger.debug("%s: executing the notebook", job.source)
        stage.notebook = _execute(work / "brief.ipynb", stage.parameters, stage.deadline,
                                  stage.deadline - stage.started, job)
        publish_parameters(work / "brief.ipynb", stage.parameters, stage.final, stage.notebook)
        return stage
    except Exception as exc:
        return _failed(job, stage.folder, stage.final, work, stage.started, exc)


def export_brief(stage: Stage) -> Outcome:
    """The last stage: the executed notebook exported and the brief's folder published."""
    job, folder, final, work = stage.job, stage.folder, stage.final, stage.work
    try:
        from . import export

        stage.warm.join()
        logger.debug("%s: exporting", job.source)
        export.export(work / "brief.ipynb", work / "brief.html", work / "brief.pdf", paper=job.params.paper,
                      nb=stage.notebook)
        folder.publish(work, final)
        seconds = time.perf_counter() - stage.started
        logger.debug("%s: built %s in %.1f s", job.source, final, seconds)
        return Outcome(job.slug, "built", str(final), seconds, brief=stage.brief)
    except Exception as exc:
        return _failed(job, folder, final, work, stage.started, exc)


def _failed(job: Job, folder: OutputFolder, final: Path, work: Path | None, started: float,
            exc: Exception) -> Outcome:
    """Record a failure; called while `exc` is being handled, so an unexpected one keeps its traceback."""
    if isinstance(exc, BriefError):
        message, detail = str(exc), exc.detail
    else:  # any failure of one brief must not stop the batch; its message is kept
        message = f"{job.source}: {type(exc).__name__}: {exc}".splitlines()[0]
        detail = traceback.format_exc()
    logger.debug("%s: failed: %s", job.source, message)
    folder.record_failure(final, work, message, detail)
    return Outcome(job.slug, "failed", str(final), time.perf_counter() - started, error=message, traceback=detail)


def timeout_error(source: str, timeout: float) -> ExecutionError:
    return ExecutionError(source, f"did not finish within {timeout:g} s (--timeout)")


def parameterize(params: Params, brief_json: Path, compare_with: Path) -> dict:
    """The notebook's parameters: the job's, plus the brief already analysed so the kernel only presents it."""
    values = params.model_dump()
    values["output_dir"] = None  # the runner writes brief.json itself, atomically
    values["brief_json"] = str(brief_json.resolve())
    values["article"] = str(Path(params.article).resolve())
    values["articles"] = [str(Path(a).resolve()) for a in params.articles]
    # A published notebook re-run later analyses the article again, and compares it with the same folder.
    values["compare_with"] = str(compare_with.resolve())
    return values


def publish_parameters(notebook: Path, parameters: dict, final: Path, nb: NotebookNode | None = None) -> None:
    """The executed notebook's parameters as they must read where it is published: paths relative to its
    folder (brief.json beside it), not this machine's build folder, so that it re-runs where it is opened.
    `nb`: the notebook as papermill returned it, changed in place; read from `notebook` when not given."""
    import nbformat
    from papermill.translators import translate_parameters

    def here(path: str | None) -> str | None:
        return os.path.relpath(Path(path).resolve(), final.resolve()) if path else path

    portable = {**parameters, "brief_json": "brief.json", "article": here(parameters["article"]),
                "articles": [here(a) for a in parameters["articles"]], "compare_with": here(parameters["compare_with"]),
                "actors_files": [here(a) for a in parameters["actors_files"]]}
    if nb is None:
        nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters(KERNEL, "python", portable, "Parameters").rstrip("\n")
    run = nb.metadata.setdefault("papermill", {})
    run.update(parameters=portable, output_path="brief.ipynb", input_path="policybrief/notebooks/brief.ipynb")
    write_atomically(notebook, nbformat.writes(nb))


def _execute(notebook: Path, parameters: dict, deadline: float, timeout: float, job: Job) -> NotebookNode:
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    budget = deadline - time.perf_counter()
    if budget <= 0:
        raise timeout_error(job.source, timeout)
    try:
        # The policybrief engine takes a kernel started and warmed ahead (IPC sockets, package imported) and
        # holds the whole notebook, not each cell, to the budget.
        return papermill.execute_notebook(
            str(TEMPLATE), str(notebook), parameters=parameters, kernel_name=KERNEL, progress_bar=False,
            log_output=False, execution_timeout=budget, kernel_cwd=str(notebook.parent), engine_name="policybrief",
        )
    except PapermillExecutionError as exc:
        first_line = (str(exc.evalue).strip().splitlines() or [""])[0]
        error = ExecutionError(job.source, f"notebook cell {exc.exec_count} failed: {exc.ename}: {first_line}")
        error.detail = _ANSI.sub("", "\n".join(exc.traceback or []))  # the kernel's colours are for terminals
        raise error from None
    except TimeoutError:
        raise timeout_error(job.source, timeout) from None
    except DeadKernelError:
        raise ExecutionError(job.source, "the notebook's kernel died while running it") from None
