"""Many briefs: run jobs in parallel (process pool, or Dask beyond one machine) and report each outcome."""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .jobs import Job
from .pipeline import Outcome, build_brief


def run_batch(jobs: list[Job], out: Path, *, workers: int, force: bool = False, timeout: float = 300.0,
              scheduler: str | None = None) -> int:
    """Build every job's brief; returns how many failed."""
    out.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcomes.append(_report(build_brief(job, out, timeout=timeout)))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures = [pool.submit(build_brief, job, out, timeout=timeout) for job in jobs]
            for future in as_completed(futures):
                outcomes.append(_report(future.result()))
    return sum(o.status == "failed" for o in outcomes)


def _report(outcome: Outcome) -> Outcome:
    if outcome.status == "failed":
        print(f"policybrief: error: {outcome.error}", file=sys.stderr)
    else:
        print(f"{outcome.slug}: {outcome.folder} ({outcome.seconds:.1f} s)")
    return outcome
