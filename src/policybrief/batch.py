"""Many briefs: plan what is out of date, build it in parallel (warm worker processes, or a Dask cluster),
and keep the output folder consistent whatever happens to a brief or to the run.

One run holds a lock on its output folder. Each finished brief is published atomically by the pipeline and
then recorded in manifest.json and index.html, so a run killed at any point leaves complete briefs, hidden
partial folders (removed by the next run) and a manifest that is at most the in-flight briefs behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefError
from .index import write_index
from .jobs import ARTICLE_SUFFIXES, PARAMS_SUFFIXES, Job, collect_jobs, expand, slugify
from .manifest import Manifest, input_hashes, template_hash
from .pipeline import record_failure, target_folder
from .progress import Reporter
from .worker import Result, WorkerPool

LOCK = ".policybrief.lock"
# Left by a killed run: build folders (pipeline), folders being replaced, half-written manifest or index.
STALE = (".*.partial-*", ".*.old-*", ".manifest.json.*.tmp", ".index.html.*.tmp")


@dataclass
class Rejected:
    """An input refused before any work (a malformed params file): a failed brief like any other."""

    slug: str
    source: str
    error: str


@dataclass
class BatchSummary:
    counts: Counter
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return self.counts["failed"]


def collect(inputs: list[str], **settings) -> list[Job | Rejected]:
    """Jobs for every input file, one at a time, so that one bad params file does not stop the others.
    `settings` are collect_jobs' keyword arguments (the command line's overrides)."""
    items: list[Job | Rejected] = []
    for path in expand(inputs, ARTICLE_SUFFIXES | PARAMS_SUFFIXES):
        # Escaped: collect_jobs expands its inputs again, and a file named "a[1].txt" is not a pattern.
        name = glob.escape(str(path)) if path.exists() else str(path)
        try:
            items += collect_jobs([name], **settings)
        except BriefError as exc:
            items.append(Rejected(slugify(path.stem), str(path), str(exc)))
    seen: Counter[str] = Counter()
    for item in items:  # two inputs with one stem must not overwrite each other's brief
        seen[item.slug] += 1
        if seen[item.slug] > 1:
            item.slug = f"{item.slug}-{seen[item.slug]}"
    return items


def run_batch(items: list[Job | Rejected], out: Path, *, workers: int = 1, force: bool = False,
              timeout: float = 300.0, scheduler: str | None = None, quiet: bool = False,
              live: bool | None = None) -> BatchSummary:
    """Build every item's brief that is not up to date; `scheduler` sends the work to a Dask cluster."""
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _remove_stale(out)
        manifest = Manifest(out)
        manifest.forget_missing()
        template = template_hash()
        hashes: dict[str, dict] = {}
        ready: list[Result] = []
        todo: list[Job] = []
        for item in items:
            if isinstance(item, Rejected):
                record_failure(out / item.slug, None, item.error)
                ready.append(Result(item.slug, item.source, "failed", item.slug, error=item.error))
                continue
            hashes[item.slug] = input_hashes(item, template)
            folder = _folder(item, out)
            if not force and folder is not None and manifest.up_to_date(folder, hashes[item.slug]):
                ready.append(Result(item.slug, item.source, "skipped", folder))
            else:
                todo.append(item)

        results: list[Result] = []
        reporter = Reporter(len(items), len(items) - sum(r.status == "skipped" for r in ready), quiet=quiet,
                            live=live)

        def finish(result: Result) -> None:
            if result.status == "skipped":
                manifest.skipped(result.folder)
            else:
                manifest.record(result, hashes.get(result.slug))
            manifest.save()
            write_index(out, manifest.briefs())
            reporter.add(result)
            results.append(result)

        interrupted = False
        with reporter:
            for result in ready:
                finish(result)
            try:
                if todo and scheduler:
                    from .cluster import run_on_cluster

                    run_on_cluster(scheduler, todo, out, timeout, finish)
                elif todo:
                    _run_local(todo, out, workers, timeout, finish)
            except KeyboardInterrupt:
                interrupted = True
            manifest.save()
            write_index(out, manifest.briefs())
        if len(items) > 1 or interrupted:
            reporter.summary(results, out, time.perf_counter() - t0, interrupted=interrupted)
        return BatchSummary(reporter.counts, interrupted)


def _run_local(jobs: list[Job], out: Path, workers: int, timeout: float, finish: Callable[[Result], None]) -> None:
    """A thread per worker process: each thread hands its worker a job and waits, at most the timeout."""
    pool = WorkerPool()
    executor = ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs))), thread_name_prefix="policybrief")
    try:
        futures = {executor.submit(pool.build, job, out.resolve(), timeout): job for job in jobs}
        for future in as_completed(futures):
            result = _result(future, futures[future], out)
            if result is not None:
                finish(result)
    except BaseException:
        pool.stop()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown()
    pool.close()


def _result(future, job: Job, out: Path) -> Result | None:
    try:
        return future.result()
    except Exception as exc:  # the worker could not even start: the brief fails, the batch goes on
        return fail(job, out, f"{job.source}: {exc}")


def fail(job: Job, out: Path, message: str) -> Result:
    """Record a failure the worker could not record itself."""
    try:
        final = target_folder(job, out)
    except BriefError:
        final = out.resolve() / job.slug
    record_failure(final, None, message)
    return Result(job.slug, job.source, "failed", final.relative_to(out.resolve()).as_posix(), error=message)


def _folder(job: Job, out: Path) -> str | None:
    try:
        return target_folder(job, out).relative_to(out.resolve()).as_posix()
    except BriefError:
        return None


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One run per output folder; the lock dies with its process, so kill -9 never leaves it held."""
    with open(out / LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BriefError(out, "another policybrief run is writing to this folder") from None
        yield


def _remove_stale(out: Path) -> None:
    for pattern in STALE:
        for path in list(out.rglob(pattern)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
