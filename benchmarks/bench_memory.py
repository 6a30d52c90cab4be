"""Memory over a long batch: does a worker process grow from brief to brief?

    .venv/bin/python benchmarks/bench_memory.py [--articles 200] [--workers 2]

Articles: the real tuning set, the synthetic dev set and the situation set (real pages), taken in turn until
there are --articles of them, each copied under its own name to a temporary folder and built by the command
line, as a user runs it. Every 0.25 s the run's worker processes are sampled: a worker's own RSS, and with
the kernel it is running at that moment. The table gives each worker's peak up to the 20th finished brief and
over the last 20, and how much it grew. A kernel runs up to 100 notebooks (kernels.MAX_USES) and is replaced
sooner when one leaves anything behind, so both columns matter: the worker's own RSS, and with its kernel.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SOURCES = [ROOT / "tests" / "realset" / "tune", ROOT / "tests" / "devset",
           *sorted((ROOT / "tests" / "situations").iterdir())]


def articles(n: int, into: Path) -> list[Path]:
    pool = sorted(p for folder in SOURCES if folder.is_dir() for p in folder.iterdir()
                  if p.suffix in (".txt", ".html", ".md"))
    out = []
    for i in range(n):
        source = pool[i % len(pool)]
        out.append(into / f"{i:03d}_{source.name}")
        shutil.copyfile(source, out[-1])
    return out


def built(out: Path) -> int:
    try:
        return sum(b["status"] != "skipped" for b in json.loads((out / "manifest.json").read_text())["briefs"])
    except (OSError, ValueError, KeyError):
        return 0


def rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        articles(args.articles, tmp / "in")
        out = tmp / "out"
        t0 = time.perf_counter()
        run = subprocess.Popen([str(BIN / "policybrief"), "run", str(tmp / "in"), "--out", str(out), "--workers",
                                str(args.workers), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
        # worker pid -> [(briefs finished, own RSS, RSS with its kernel)]
        samples: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        done = threading.Event()

        def sample() -> None:
            parent = psutil.Process(run.pid)
            while not done.is_set():
                count = built(out)
                try:
                    workers = [p for p in parent.children() if "policybrief.worker" in " ".join(p.cmdline())]
                except psutil.Error:
                    workers = []
                for w in workers:
                    try:
                        kernels = w.children(recursive=True)
                    except psutil.Error:
                        kernels = []
                    own = rss(w)
                    samples[w.pid].append((count, own, own + sum(rss(k) for k in kernels)))
                time.sleep(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, stderr = run.communicate()
        done.set()
        sampler.join()
        seconds = time.perf_counter() - t0
        total = built(out)
    if run.returncode not in (0, 1):
        print(stderr, file=sys.stderr)
        return run.returncode
    print(f"{total} briefs built with {args.workers} workers in {seconds:.0f} s ({seconds / max(1, total):.2f} s per "
          f"brief); exit status {run.returncode}")
    print(f"{'worker':>8} {'samples':>8} {'own MB, briefs 1-20':>20} {'own MB, last 20':>16} {'growth':>7} "
          f"{'with kernel MB, 1-20':>21} {'last 20':>8}")
    for pid, rows in samples.items():
        early = [r for r in rows if r[0] <= 20]
        late = [r for r in rows if r[0] >= total - 20]
        if not early or not late:
            continue
        e_own, l_own = max(r[1] for r in early), max(r[1] for r in late)
        e_all, l_all = max(r[2] for r in early), max(r[2] for r in late)
        print(f"{pid:>8} {len(rows):>8} {e_own / 2**20:>20.0f} {l_own / 2**20:>16.0f} {l_own / e_own - 1:>7.1%} "
              f"{e_all / 2**20:>21.0f} {l_all / 2**20:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
