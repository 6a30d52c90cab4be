"""One brief end to end next to papermill's floor, measured in the same run.

    .venv/bin/python benchmarks/bench_run.py [--repeat 5]

Rows: papermill executing an empty notebook (its CLI, and its Python API in a warm process), and
`policybrief run` on the sample (execute, HTML, PDF). Prints medians and the ratio to each floor.
"""

from __future__ import annotations

import argparse
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


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


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

        rows = {}
        for name, fn in (("papermill CLI, empty notebook", papermill_cli),
                         ("papermill API, empty notebook", papermill_api),
                         ("policybrief run, sample brief", brief)):
            fn()  # warm caches (pyc files, the vega bundle) so every row is measured the same way
            rows[name] = statistics.median(timed(fn) for _ in range(args.repeat))
    cli_floor = rows["papermill CLI, empty notebook"]
    api_floor = rows["papermill API, empty notebook"]
    print(f"{'':32} {'median s':>9} {'x CLI floor':>12} {'x API floor':>12}")
    for name, seconds in rows.items():
        print(f"{name:32} {seconds:>9.2f} {seconds / cli_floor:>12.2f} {seconds / api_floor:>12.2f}")
    print(f"runs per row: {args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
