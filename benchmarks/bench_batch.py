"""A batch of 24 articles with 1 and 2 workers, next to papermill's floor, and where one brief's time goes.

    .venv/bin/python benchmarks/bench_batch.py [--workers 1 2] [--stages 4] [--dask 2] [--repeat 3]

Each figure is the median of --repeat rounds; a round measures the floor, then runs every row once, so that
a machine whose speed drifts (a shared host) moves the floor and the rows together. The Dask row runs a local
cluster of that many worker processes, each with JOBS_PER_WORKER threads (one build process apiece, fed a brief
per stage, like a local worker).

Articles: the dev set (17, full length) and 7 excerpts of it, copied to a temporary folder. Each row is a
fresh output folder run with --force through the command line, as a user runs it. Peak RSS per worker is
the worker process and its kernel together, sampled every 0.2 s. "s/brief/worker" is the steady pace of
the batch: the time between briefs landing in the output folder once every worker has built two, times the
number of workers; it is what a brief costs a worker in a long batch, and what is set against the floor,
papermill's Python API running an empty notebook with the pipeline's kernel settings. A worker holds three
briefs at once, one per stage, so "latency s", the mean time from a brief's start to its landing (from
manifest.json), is longer than the pace. CPU s/brief counts every process of the run (parent, workers, kernels);
the last column splits the machine's CPU time during the row into this run, other programs, and idle, so a
speed-up below the core count can be told apart from a busy machine.
The stage table builds a few briefs in this process with timers around the pipeline's stages and reads the
notebook's own cell timings; the rest of the execute stage is papermill's own work, the kernel's state check
and, where a kernel is replaced, its start. The first two briefs are not counted: the first runs on the
quickly warmed kernel a process starts with, the second may wait for the reusable one to finish warming.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import nbformat
import papermill
import psutil
from traitlets.config import Config

from policybrief.worker import JOBS_PER_WORKER

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
BIN = Path(sys.executable).parent
ARTICLES = 24


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir()
    sources = sorted(p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md", ".html"))
    for src in sources:
        (folder / src.name).write_bytes(src.read_bytes())
    texts = [p for p in sources if p.suffix == ".txt"]
    for i, src in enumerate(texts[: ARTICLES - len(sources)]):
        blocks = src.read_text(encoding="utf-8").split("\n\n")
        (folder / f"9{i:02d}_excerpt_{src.stem}.txt").write_text(
            f"{blocks[0]} (later paragraphs)\n\n" + "\n\n".join(blocks[4:]), encoding="utf-8")
    return sorted(folder.iterdir())


def papermill_floor(tmp: Path, repeat: int = 5) -> float:
    """papermill's API on an empty notebook, with the kernel settings the pipeline uses (IPC, no graceful
    shutdown): what a brief would cost if its notebook did nothing."""
    empty = tmp / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": "python3", "language": "python", "display_name": "Python 3"}}), empty)

    def run() -> float:
        sockets = tmp / "sockets"
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")}})
        sockets.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        papermill.execute_notebook(str(empty), str(tmp / "empty.out.ipynb"), progress_bar=False, config=config,
                                   shutdown_kernel="immediate")
        return time.perf_counter() - t0

    run()  # warm
    return statistics.median(run() for _ in range(repeat))


class Landings(threading.Thread):
    """When each brief's folder appears in the output folder (published whole, by a rename)."""

    def __init__(self, out: Path) -> None:
        super().__init__(daemon=True)
        self.out = out
        self.seen: dict[str, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            try:
                names = [p.name for p in self.out.iterdir() if p.is_dir() and not p.name.startswith(".")]
            except OSError:
                continue
            now = time.perf_counter()
            for name in names:
                self.seen.setdefault(name, now)

    def pace(self, workers: int) -> float:
        times = sorted(self.seen.values())[2 * workers - 1:]  # from the moment every worker is warm
        return workers * (times[-1] - times[0]) / (len(times) - 1)


class PeakRSS(threading.Thread):
    """Samples the run's process tree; a worker's memory is its own RSS plus its kernel's."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak: dict[int, int] = defaultdict(int)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            try:
                workers = [p for p in self.root.children() if "policybrief.worker" in " ".join(p.cmdline())]
                for w in workers:
                    tree = [w, *w.children(recursive=True)]
                    self.peak[w.pid] = max(self.peak[w.pid], sum(_rss(p) for p in tree))
            except psutil.Error:
                pass


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def batch_row(articles: Path, out: Path, workers: int, scheduler: str | None = None) -> dict:
    """One batch through the command line; with `scheduler`, on that Dask cluster of `workers` workers, whose
    processes are not the run's children: their memory and CPU time are not counted."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = psutil.cpu_times()
    t0 = time.perf_counter()
    where = ["--scheduler", scheduler] if scheduler else ["--workers", str(workers)]
    proc = subprocess.Popen([str(BIN / "policybrief"), "run", str(articles), "--out", str(out), *where, "--force",
                             "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler, landings = PeakRSS(proc.pid), Landings(out)
    sampler.start()
    landings.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.done.set()
    landings.done.set()
    landings.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run, its workers and their kernels: all reaped
    machine_after = psutil.cpu_times()
    briefs = json.loads((out / "manifest.json").read_text())["briefs"]
    built = [b for b in briefs if b["status"] == "built"]
    if proc.returncode != 0 or len(built) != ARTICLES:
        raise SystemExit(f"the batch with {workers} worker(s) failed:\n{stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    capacity = seconds * psutil.cpu_count()
    idle = (machine_after.idle + machine_after.iowait) - (machine_before.idle + machine_before.iowait)
    return {"workers": f"dask {workers}" if scheduler else workers, "dask": bool(scheduler), "seconds": seconds,
            "latency": statistics.mean(b["seconds"] for b in built), "pace": landings.pace(workers),
            "rss": max(sampler.peak.values(), default=0), "cpu": cpu / ARTICLES, "ours": cpu / capacity,
            "idle": idle / capacity}


def stages(articles: list[Path], out: Path, n: int) -> dict[str, float]:
    """Mean seconds per stage of one brief, built in this (warm) process."""
    from policybrief import export, pipeline
    from policybrief.jobs import collect_jobs

    spent: dict[str, float] = defaultdict(float)

    def timed(label, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label(*args) if callable(label) else label] += time.perf_counter() - t0
        return wrapper

    pipeline.analyze_file = timed("analyze (worker)", pipeline.analyze_file)
    pipeline._execute = timed("execute (kernel)", pipeline._execute)
    export._render_to = timed(lambda path, *_: f"export {Path(path).suffix.lstrip('.').upper()} (worker)",
                              export._render_to)
    jobs = collect_jobs([str(a) for a in articles[: n + 2]], actors_files=[], engine="rules", model=None,
                        max_words=200_000, paper="A4")
    for job in jobs[:2]:  # imports, caches and the kernels' warming, as a worker's first briefs pay them
        pipeline.build_brief(job, out)
    spent.clear()
    cells: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for job in jobs[2:]:
        outcome = pipeline.build_brief(job, out)
        if outcome.status != "built":
            raise SystemExit(outcome.error)
        nb = nbformat.read(Path(outcome.folder) / "brief.ipynb", as_version=4)
        for cell in nb.cells:
            duration = cell.metadata.get("papermill", {}).get("duration") or 0.0
            if "from policybrief import" in cell.source:
                cells["  kernel: imports (first cell)"] += duration
            elif "charts.show(charts.stance_chart" in cell.source:
                cells["  kernel: first chart (vl-convert start)"] += duration
            else:
                cells["  kernel: other cells"] += duration
    spent["  kernel: papermill, state check"] = spent["execute (kernel)"] - sum(cells.values())
    spent.update(cells)
    spent["whole brief"] = time.perf_counter() - t0
    order = ["analyze (worker)", "execute (kernel)", "  kernel: papermill, state check",
             "  kernel: imports (first cell)", "  kernel: first chart (vl-convert start)", "  kernel: other cells",
             "export HTML (worker)", "export PDF (worker)", "whole brief"]
    return {k: spent[k] / n for k in order}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", type=int, default=4, help="briefs in the stage table (0: none)")
    parser.add_argument("--dask", type=int, default=0, help="also run on a local Dask cluster of this many workers")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each figure is the median over them")
    args = parser.parse_args()
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        articles = write_articles(tmp / "articles")
        for n in range(args.repeat):
            floor = papermill_floor(tmp)
            rows = [batch_row(tmp / "articles", tmp / f"out-{w}-{n}", w) for w in args.workers]
            if args.dask:
                from distributed import LocalCluster

                with LocalCluster(n_workers=args.dask, threads_per_worker=JOBS_PER_WORKER, processes=True,
                                  dashboard_address=":0") as cluster:
                    rows.append(batch_row(tmp / "articles", tmp / f"out-dask-{n}", args.dask,
                                          cluster.scheduler_address))
            rounds.append([{**r, "floor": floor, "x floor": r["pace"] / floor} for r in rows])
        breakdown = stages(articles, tmp / "stages", args.stages) if args.stages else {}
    rows = [{k: v if k in ("workers", "dask") else statistics.median(run[i][k] for run in rounds)
             for k, v in row.items()} for i, row in enumerate(rounds[0])]
    floor = rows[0]["floor"]
    base = rows[0]["seconds"] if rows[0]["workers"] == 1 else None
    print(f"{len(articles)} articles, {psutil.cpu_count()} cores, median of {args.repeat} rounds; papermill API "
          f"empty-notebook floor {floor:.2f} s")
    print(f"{'workers':>7} {'seconds':>8} {'briefs/min':>10} {'speed-up':>8} {'peak RSS/worker':>15} "
          f"{'latency s':>9} {'s/brief/worker':>14} {'x floor':>8} {'CPU s/brief':>11} "
          f"{'machine: ours/others/idle':>26}")
    for r in rows:
        speedup = f"{base / r['seconds']:.2f}x" if base else "-"
        share = f"{r['ours']:.0%} / {max(0.0, 1 - r['ours'] - r['idle']):.0%} / {r['idle']:.0%}"
        if r["dask"]:  # the cluster's processes are not the run's: no memory or CPU figures
            print(f"{r['workers']:>7} {r['seconds']:>8.1f} {60 * ARTICLES / r['seconds']:>10.1f} {speedup:>8} "
                  f"{'-':>15} {r['latency']:>9.2f} {r['pace']:>14.2f} {r['x floor']:>8.2f} {'-':>11} {'-':>26}")
            continue
        print(f"{r['workers']:>7} {r['seconds']:>8.1f} {60 * ARTICLES / r['seconds']:>10.1f} {speedup:>8} "
              f"{r['rss'] / 2**20:>12.0f} MB {r['latency']:>9.2f} {r['pace']:>14.2f} {r['x floor']:>8.2f} "
              f"{r['cpu']:>11.2f} "
              f"{share:>26}")
    if breakdown:
        print(f"\nwhere one brief's time goes (mean of {args.stages}, warm process, wall seconds)")
        for name, seconds in breakdown.items():
            print(f"{name:42} {seconds:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
