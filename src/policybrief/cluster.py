"""The batch on a Dask cluster (`policybrief run --scheduler tcp://host:port`).

Workers need the package, not a shared disk: each task carries its article (and gazetteer files) as bytes,
builds the brief in a temporary folder on its worker, through a warm worker process as on one machine, and
returns the brief's files as bytes. The client lands them in --out with the same atomic publish as a local
run. Only this module imports Dask, and only when --scheduler is given.
"""

from __future__ import annotations

import functools
import logging
import math
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from .brief import Brief
from .errors import BriefError
from .jobs import Job
from .output_folder import OutputFolder
from .pipeline import parameterize, publish_parameters
from .worker import JOBS_PER_WORKER, Result, WorkerPool, fail

CONNECT_TIMEOUT = "30s"

logger = logging.getLogger(__name__)


def run_on_cluster(address: str, jobs: list[Job], out: Path, timeout: float,
                   finish: Callable[[Result], None], earlier: dict[str, Path] | None = None) -> None:
    """`earlier`: for a job by slug, the brief.json in `out` it is to be compared with, shipped with it because
    a worker does not see `out`."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BriefError("--scheduler", "needs Dask, which is not installed: pip install 'policybrief[cluster]'"
                         ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BriefError(address, f"cannot reach the Dask scheduler: {exc}") from None
    with client:
        futures = {client.submit(build_remote, job, _inputs(job, out, (earlier or {}).get(job.slug)), timeout,
                                 pure=False,
                                 key=f"policybrief-{job.slug}-{uuid.uuid4().hex[:8]}"): job for job in jobs}
        try:
            for future in as_completed(futures, loop=client.loop):
                job = futures[future]
                try:
                    result = _land(future.result(), out, job)
                except Exception as exc:  # the task itself failed (worker lost, package missing there)
                    logger.info("%s: the Dask task failed", job.source, exc_info=True)
                    result = fail(job, out, f"{job.source}: the Dask task failed: {type(exc).__name__}: {exc}")
                finish(result)
        except BaseException:
            client.cancel(list(futures))
            raise


def _inputs(job: Job, out: Path, earlier: Path | None) -> dict:
    """The files a job reads, as bytes; None for one that cannot be read here (its brief fails there). The
    earlier brief goes with the folder it lies in, relative to `out`, as the comparison names it."""
    def read(path: str) -> tuple[str, bytes | None]:
        p = Path(path)
        return p.name, p.read_bytes() if p.is_file() else None

    return {"article": read(job.params.article), "articles": [read(p) for p in job.params.articles],
            "actors": [read(p) for p in job.params.actors_files],
            "earlier": (earlier.parent.relative_to(out).as_posix(), earlier.read_bytes()) if earlier else None}


def build_remote(job: Job, inputs: dict, timeout: float) -> Result:
    """Runs on a Dask worker: the brief from shipped inputs, with its files as bytes."""
    with tempfile.TemporaryDirectory(prefix="policybrief-") as tmp:
        root = Path(tmp)
        names = {}  # this machine's paths -> the client's, so that messages and brief.json name the client's
        local = job.model_copy(deep=True)
        local.params.article = _put(root / "article", *inputs["article"])
        names[local.params.article] = job.params.article
        local.params.articles = [_put(root / f"article-{i}", *f) for i, f in enumerate(inputs["articles"])]
        names.update(zip(local.params.articles, job.params.articles, strict=True))
        local.params.actors_files = [_put(root / f"actors-{i}", *f) for i, f in enumerate(inputs["actors"])]
        names.update(zip(local.params.actors_files, job.params.actors_files, strict=True))
        if inputs.get("earlier"):
            folder, data = inputs["earlier"]
            (root / "earlier" / folder).mkdir(parents=True)
            (root / "earlier" / folder / "brief.json").write_bytes(data)
            local.params.compare_with = str(root / "earlier")
        out = root / "out"
        result = _pool().build(local, out, timeout)
        if result is None:
            raise RuntimeError("the worker's build processes were stopped")
        folder = out / result.folder
        files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    result.error = _rename(result.error, names)
    for name in ("error.txt", "brief.ipynb", "brief.failed.ipynb"):
        if name in files:
            files[name] = _rename(files[name].decode("utf-8"), names).encode("utf-8")
    if "brief.json" in files:
        brief = Brief.model_validate_json(files["brief.json"])
        brief.article.path = names.get(brief.article.path, job.params.article)
        for source in brief.sources:
            source.path = names.get(source.path, source.path)
        files["brief.json"] = brief.to_json().encode("utf-8")
    result.files = files
    return result


@functools.cache
def _pool() -> WorkerPool:
    """One pool per Dask worker process: a build process for every JOBS_PER_WORKER of its threads, so that a
    Dask worker given three threads keeps one build process's three stages busy, as a local worker is kept."""
    from distributed import get_worker

    return WorkerPool(max(1, math.ceil(get_worker().state.nthreads / JOBS_PER_WORKER)))


def _put(folder: Path, name: str, data: bytes | None) -> str:
    folder.mkdir()
    path = folder / name
    if data is not None:
        path.write_bytes(data)
    return str(path)


def _rename(text: str | None, names: dict[str, str]) -> str | None:
    if text is None:
        return None
    for here, there in names.items():
        text = text.replace(here, there)
    return text


def _land(result: Result, out: Path, job: Job) -> Result:
    """Write a finished task's files into --out: a built brief is published whole, its notebook's parameters
    relative to where it lands; a failure keeps its notebook and error.txt, exactly as a local run leaves
    them."""
    root = out.resolve()
    final = (root / result.folder).resolve()
    if final == root or root not in final.parents:
        raise BriefError(result.source, f"the worker returned a folder outside {out}: {result.folder!r}")
    files, result.files = result.files or {}, None
    folder = OutputFolder(out)
    work = folder.work_folder(final)
    if result.status == "built":
        for name, data in files.items():
            (work / Path(name).name).write_bytes(data)
        if (work / "brief.ipynb").is_file():
            publish_parameters(work / "brief.ipynb", parameterize(job.params, work / "brief.json", out), final)
        folder.publish(work, final)
    else:
        if "brief.failed.ipynb" in files:
            (work / "brief.ipynb").write_bytes(files["brief.failed.ipynb"])
        folder.record_failure(final, work, result.error or "failed on the cluster", result.traceback)
    return result
