"""One brief end to end next to papermill's floor, measured in the same run.

    .venv/bin/python benchmarks/bench_run.py [--repeat 5]

Rows: papermill executing an empty notebook (its CLI, and its Python API in a warm process), and
`policybrief run` on the sample (execute, HTML, PDF). Prints medians and the ratio to each floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SAMPLE_PARAMS = ROOT / "params" / "000_26411969a0d151c5.yaml"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (papermill, workers, kernels)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    fn()
    return time.perf_counter() - t0, cpu_seconds() - c0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.ipynb"
        nbformat.write(nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                          "display_name": "Python 3"}}), empty)

        def papermill_cli() -> None:
            subprocess.run([str(BIN / "papermill"), str(empty), str(tmp / "out.ipynb"), "--no-progress-bar"],
                           check=True, capture_output=True)

        def papermill_api() -> None:
            papermill.execute_notebook(str(empty), str(tmp / "out.ipynb"), progress_bar=False)

        def brief() -> None:
            subprocess.run([str(BIN / "policybrief"), "run", str(SAMPLE_PARAMS), "--out", str(tmp / "briefings"),
                            "--force"],
                           check=True, capture_output=True, cwd=ROOT)

        cases = {"papermill CLI, empty notebook": papermill_cli, "papermill API, empty notebook": papermill_api,
                 "policybrief run, sample brief": brief}
        for fn in cases.values():
            fn()  # warm caches (pyc files, the vega bundle) so every row is measured the same way
        load = os.getloadavg()[0]
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine falls on every row
            for name, fn in cases.items():
                runs[name].append(timed(fn))
    wall = {name: statistics.median(w for w, _ in r) for name, r in runs.items()}
    cli_floor = wall["papermill CLI, empty notebook"]
    api_floor = wall["papermill API, empty notebook"]
    cores = os.cpu_count() or 1
    print(f"{'':32} {'median s':>9} {'x CLI floor':>12} {'x API floor':>12} {'CPU share':>10}")
    for name, seconds in wall.items():
        # The share of the machine's cores the row kept busy: near 1/cores is one core working alone.
        share = statistics.median(c / (w * cores) for w, c in runs[name])
        print(f"{name:32} {seconds:>9.2f} {seconds / cli_floor:>12.2f} {seconds / api_floor:>12.2f} "
              f"{share:>10.0%}")
    print(f"runs per row: {args.repeat}, interleaved; {cores} cores; load average before: {load:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
