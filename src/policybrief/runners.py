"""Where a batch's briefs are built: warm worker processes on this machine, or the workers of a Dask cluster.

Both take a list of jobs and call `finish` with each Result as soon as its brief is in the output folder;
the batch plans, records and reports, and does not know which one builds. `earlier` names, for a job, the
brief.json in the output folder it is to be compared with: local workers see the folder and need no more, a
Dask task carries it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .jobs import Job
from .llm.breaker import shared as shared_breaker
from .worker import JOBS_PER_WORKER, Result, WorkerPool, fail

logger = logging.getLogger(__name__)

Finish = Callable[[Result], None]


class Runner(Protocol):
    def build(self, jobs: list[Job], finish: Finish, *, earlier: dict[str, Path] | None = None) -> None: ...


@dataclass
class LocalRunner:
    """A thread per job a worker process holds at once (policybrief.worker), each handing a worker a job and
    waiting, at most the timeout. The workers inherit the output folder's lock (`lock`, a file descriptor);
    their stderr, with their kernels', goes to the run's log."""

    out: Path
    workers: int
    timeout: float
    lock: int
    log: Path

    def build(self, jobs: list[Job], finish: Finish, *, earlier: dict[str, Path] | None = None) -> None:
        pool = WorkerPool(self.workers, inherit=(self.lock,), log=self.log)
        executor = ThreadPoolExecutor(max_workers=max(1, min(JOBS_PER_WORKER * self.workers, len(jobs))),
                                      thread_name_prefix="policybrief")
        # One breaker for the batch: a dead LLM endpoint costs it a few timeouts, not one per brief.
        with shared_breaker():
            try:
                futures = {executor.submit(pool.build, job, self.out.resolve(), self.timeout): job for job in jobs}
                for future in as_completed(futures):
                    result = self._result(future, futures[future])
                    if result is not None:
                        finish(result)
            except BaseException:
                pool.stop()
                executor.shutdown(wait=True, cancel_futures=True)
                raise
        executor.shutdown()
        pool.close()

    def _result(self, future, job: Job) -> Result | None:
        try:
            return future.result()
        except Exception as exc:  # the worker could not even start: the brief fails, the batch goes on
            logger.info("%s: no worker", job.source, exc_info=True)
            return fail(job, self.out, f"{job.source}: {exc}")


@dataclass
class DaskRunner:
    """The cluster at `address` (tcp://host:port); Dask is imported only here, when a run asks for it."""

    address: str
    out: Path
    timeout: float

    def build(self, jobs: list[Job], finish: Finish, *, earlier: dict[str, Path] | None = None) -> None:
        from .cluster import run_on_cluster

        run_on_cluster(self.address, jobs, self.out, self.timeout, finish, earlier)
