"""Many briefs: plan what is out of date, build it in parallel (warm worker processes, or a Dask cluster),
and keep the output folder consistent whatever happens to a brief or to the run.

One run holds the lock of its output folder (output_folder.py). Each finished brief is published atomically
and then recorded in manifest.json and index.html, so a run killed at any point leaves complete briefs,
hidden partial folders (removed by the next run) and a manifest that is at most the in-flight briefs behind.
Where the briefs are built is the runner's business (runners.py).
"""

from __future__ import annotations

import glob
import logging
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import changes, logs
from .errors import BriefError
from .jobs import ARTICLE_SUFFIXES, PARAMS_SUFFIXES, Job, collect_jobs, expand, slugify
from .manifest import Manifest, input_hashes, template_hash
from .output_folder import OutputFolder
from .progress import Reporter
from .runners import DaskRunner, LocalRunner, Runner
from .worker import Result

# Left by a killed run: build folders (pipeline), folders being replaced, half-written manifest or index.

logger = logging.getLogger(__name__)


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
    folder = OutputFolder(out)
    with folder.locked() as lock, logs.run_log(out) as log:
        folder.remove_stale()
        manifest = folder.manifest()
        hashes, done, todo = _plan(items, folder, manifest, force)
        logger.info("%d inputs, %d to build, into %s", len(items), len(todo),
                    f"Dask at {scheduler}" if scheduler else f"up to {workers} local worker(s)")
        reporter = Reporter(len(items), len(items) - sum(r.status == "skipped" for r in done), quiet=quiet,
                            live=live, log=log)
        results: list[Result] = []

        def record(result: Result) -> None:
            _log_result(result)
            if result.status == "skipped":
                manifest.skipped(result.folder, result.source)
            else:
                manifest.record(result, hashes.get(result.slug))
            manifest.save()
            folder.write_index(manifest)

        def finish(result: Result) -> None:
            record(result)
            reporter.add(result)
            results.append(result)

        def finish_again(result: Result) -> None:  # the brief was counted and shown the first time
            record(result)
            results[:] = [r for r in results if r.slug != result.slug] + [result]
            if result.status == "failed":
                reporter.add(result)

        interrupted = False
        with reporter:
            for result in done:
                finish(result)
            runner: Runner = DaskRunner(scheduler, out, timeout) if scheduler else \
                LocalRunner(out, workers, timeout, lock, log)
            try:
                if todo:
                    runner.build(todo, finish)
                    # A brief compares with the last one on its situation that was in the folder when it was
                    # built; one whose predecessor was built after it is built again, now seeing it.
                    again = _compared_too_early(todo, results, out)
                    if again:
                        logger.info("%d brief(s) built again to compare with an earlier one built after them",
                                    len(again))
                        runner.build([j for j in todo if j.slug in again], finish_again, earlier=again)
            except KeyboardInterrupt:
                interrupted = True
                logger.info("interrupted")
            except BriefError as exc:  # the run cannot go on (no Dask, no scheduler); the command line says why
                logger.info("stopped: %s", exc)
                raise
            except Exception:
                # Kept from the terminal: Python prints the traceback there as the exception leaves.
                logger.error("the run stopped on an unexpected error", exc_info=True, extra={"terminal": False})
                raise
            manifest.save()  # also when nothing finished: entries of deleted folders are gone
            folder.write_index(manifest)
        if len(items) > 1 or interrupted:
            reporter.summary(results, out, time.perf_counter() - t0, interrupted=interrupted)
        return BatchSummary(reporter.counts, interrupted)


def _plan(items: list[Job | Rejected], out: OutputFolder, manifest: Manifest,
          force: bool) -> tuple[dict[str, dict], list[Result], list[Job]]:
    """Each job's input hashes; what is settled already (refused inputs, up-to-date briefs); what to build."""
    template = template_hash()
    hashes: dict[str, dict] = {}
    done: list[Result] = []
    todo: list[Job] = []
    for item in items:
        if isinstance(item, Rejected):
            out.record_failure(out.root / item.slug, None, item.error)
            done.append(Result(item.slug, item.source, "failed", item.slug, error=item.error))
            continue
        hashes[item.slug] = input_hashes(item, template)
        try:
            where = out.relative(out.target(item))
        except BriefError:
            where = None
        if not force and where is not None and manifest.up_to_date(where, hashes[item.slug]):
            done.append(Result(item.slug, item.source, "skipped", where))
        else:
            todo.append(item)
    return hashes, done, todo


def _compared_too_early(jobs: list[Job], results: list[Result], out: Path) -> dict[str, Path]:
    """Slug -> the brief.json each job's brief should have been compared with, for those that were not."""
    built = {r.slug: r.folder for r in results if r.status == "built"}
    again = {}
    for job in jobs:
        if job.slug in built and not job.params.compare_with:
            earlier = changes.compared_too_early(out, out / built[job.slug])
            if earlier is not None:
                again[job.slug] = earlier
    return again


def _log_result(result: Result) -> None:
    if result.status != "failed":
        logger.info("%s %s (%.1f s)", result.status, result.folder, result.seconds)
    elif result.traceback:
        logger.info("failed %s: %s\n%s", result.folder, result.error, result.traceback.rstrip())
    else:
        logger.info("failed %s: %s", result.folder, result.error)
