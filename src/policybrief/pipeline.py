"""One brief, start to finish: resolve → analyze → parameterize → execute → export → write.

Each brief is built in a hidden temporary folder beside its final place and renamed into place only when
every file is complete, so an interrupted or failed run never leaves a brief that looks finished.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .brief import Brief
from .errors import BriefError, ExecutionError, ParamsError
from .jobs import Job, Params

TEMPLATE = files("policybrief") / "notebooks" / "brief.ipynb"
KERNEL = "python3"


def analyze_file(path: str | Path, *, actors_files: list | tuple = (), engine: str = "rules",
                 model: str | None = None, max_words: int = 200_000) -> Brief:
    from .analysis import analyze
    from .ingest import load_article

    article = load_article(path, max_words=max_words)
    brief = analyze(article, actors_files=actors_files)
    if engine == "llm":
        from .llm import improve

        brief = improve(brief, model=model)
    return brief


@dataclass
class Outcome:
    slug: str
    status: str  # built | failed
    folder: str
    seconds: float
    error: str | None = None
    brief: Brief | None = None


def target_folder(job: Job, out: Path) -> Path:
    root = out.resolve()
    folder = (root / (job.params.output_dir or job.slug)).resolve()
    if folder == root or root not in folder.parents:
        raise ParamsError(job.source, f"output_dir {job.params.output_dir!r} is outside the output folder {out}")
    return folder


def build_brief(job: Job, out: Path, *, timeout: float = 300.0) -> Outcome:
    """Build one brief; failures are returned (with error.txt written), never raised.

    `timeout` bounds the whole brief: the notebook gets what analysis left of it. A stage that hangs outside
    the kernel is the batch's to stop (it kills the worker process).
    """
    t0 = time.perf_counter()
    deadline = t0 + timeout
    final = out / job.slug
    work: Path | None = None
    try:
        final = target_folder(job, out)
        brief = analyze_file(job.params.article, actors_files=job.params.actors_files, engine=job.params.engine,
                             model=job.params.model, max_words=job.params.max_words)
        if job.params.title:  # the analyst's title wins everywhere: brief.json and the index too, not just the page
            brief.article.title = job.params.title
        work = _work_folder(final)
        brief_json = work / "brief.json"
        brief_json.write_text(brief.to_json(), encoding="utf-8")
        parameters = _parameterize(job.params, brief_json)
        from . import export

        # The kernel works on one core; the other loads WeasyPrint and the vega bundle meanwhile.
        warm = threading.Thread(target=export.warm_up, daemon=True)
        warm.start()
        _execute(work / "brief.ipynb", parameters, deadline, timeout, job)
        warm.join()
        export.export(work / "brief.ipynb", work / "brief.html", work / "brief.pdf", paper=job.params.paper)
        publish(work, final)
        return Outcome(job.slug, "built", str(final), time.perf_counter() - t0, brief=brief)
    except BriefError as exc:
        message = str(exc)
    except Exception as exc:  # any failure of one brief must not stop the batch; its message is kept
        message = f"{job.source}: {type(exc).__name__}: {exc}".splitlines()[0]
    record_failure(final, work, message)
    return Outcome(job.slug, "failed", str(final), time.perf_counter() - t0, error=message)


def timeout_error(source: str, timeout: float) -> ExecutionError:
    return ExecutionError(source, f"did not finish within {timeout:g} s (--timeout)")


def _work_folder(final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    work = final.parent / f".{final.name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    return work


def _parameterize(params: Params, brief_json: Path) -> dict:
    """The notebook's parameters: the job's, plus the brief already analysed so the kernel only presents it."""
    values = params.model_dump()
    values["output_dir"] = None  # the runner writes brief.json itself, atomically
    values["brief_json"] = str(brief_json.resolve())
    values["article"] = str(Path(params.article).resolve())
    return values


def _execute(notebook: Path, parameters: dict, deadline: float, timeout: float, job: Job) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    budget = math.ceil(deadline - time.perf_counter())  # nbclient wants whole seconds
    if budget <= 0:
        raise timeout_error(job.source, timeout)
    # IPC sockets in a private folder: the kernel is local, and over TCP it warns on every start that its
    # traffic is unencrypted.
    with tempfile.TemporaryDirectory(prefix="pb-kernel-") as sockets:
        ipc = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}})
        try:
            # shutdown_kernel="immediate": every output is in once the last cell is idle, and a graceful
            # shutdown costs each brief a quarter of a second of kernel time.
            papermill.execute_notebook(
                str(TEMPLATE), str(notebook), parameters=parameters, kernel_name=KERNEL, progress_bar=False,
                log_output=False, execution_timeout=budget, cwd=str(notebook.parent), config=ipc,
                shutdown_kernel="immediate",
            )
        except PapermillExecutionError as exc:
            first_line = (str(exc.evalue).strip().splitlines() or [""])[0]  # the traceback stays in the notebook
            raise ExecutionError(job.source, f"notebook cell {exc.exec_count} failed: {exc.ename}: {first_line}") \
                from None
        except TimeoutError:
            raise timeout_error(job.source, timeout) from None


def publish(work: Path, final: Path) -> None:
    """Swap the finished folder into place; an older brief is removed only after the new one is complete."""
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    work.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def record_failure(final: Path, work: Path | None, message: str) -> None:
    """Keep what explains the failure (the executed notebook, error.txt); never a brief that looks complete."""
    final.mkdir(parents=True, exist_ok=True)
    for name in ("brief.html", "brief.pdf", "brief.json"):
        (final / name).unlink(missing_ok=True)
    if work is not None and (work / "brief.ipynb").exists():
        os.replace(work / "brief.ipynb", final / "brief.failed.ipynb")
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
    tmp = final / "error.txt.tmp"
    tmp.write_text(message + "\n", encoding="utf-8")
    tmp.replace(final / "error.txt")
