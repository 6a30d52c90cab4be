"""The LLM engine's circuit breaker, measured through the command line as a user runs a batch.

    .venv/bin/python benchmarks/bench_llm_breaker.py [--timeout 5] [--slow 10]

Ten dev-set articles, `--workers 2 --force --engine llm`, each row in a fresh output folder:
- dead endpoint: a server that accepts every connection and never answers, POLICYBRIEF_LLM_TIMEOUT=--timeout;
- offline: the same ten with `--engine rules`, the floor the dead-endpoint batch is compared with;
- per-brief extra after opening, batch: each brief after the first two (the two workers' first briefs, which
  open the breaker; every later one starts after one of them ended) takes its time inside the worker
  (manifest.json) minus the same brief's offline time: median and worst, as noisy as the machine;
- per-brief extra after opening, in process: `improve()` once the breaker is open, median of 100 calls;
- slow-alive endpoint: four copies of the sample article against the tests' chat server answering every
  request after --slow seconds, timeout --slow + 5: more consecutive slow answers than the breaker's
  threshold, none of which may trip it.
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from policybrief.article_brief import analyze_file
from policybrief.llm import improve

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
SAMPLE = DEVSET / "000_26411969a0d151c5.txt"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))
from llm_server import ChatServer  # noqa: E402 - the tests' server, found through the path set above


class Silent:
    """Accepts connections and never reads or answers them; `connections` counts the requests tried."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.getsockname()[1]}/v1"

    def _accept(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self.server, selectors.EVENT_READ)
            while not self._stop.is_set():
                if selector.select(timeout=0.1):
                    self.connections.append(self.server.accept()[0])

    def __enter__(self) -> Silent:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.server.close()


def run(articles: list[Path], out: Path, engine: str, env: dict[str, str]) -> tuple[float, dict[str, dict]]:
    """Wall seconds of `policybrief run`, and per source its manifest entry with its brief.json."""
    command = [str(BIN / "policybrief"), "run", *map(str, articles), "--out", str(out), "--workers", "2",
               "--force", "--quiet", "--engine", engine, "--model", "bench"]
    t0 = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env})
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}")
    entries = json.loads((out / "manifest.json").read_text())["briefs"]
    return seconds, {e["source"]: {**e, "brief": json.loads((out / e["folder"] / "brief.json").read_text())}
                     for e in entries}


def open_breaker_cost(tmp: Path, env: dict[str, str], calls: int = 100) -> float:
    """Median seconds of improve() in this process once a dead endpoint has opened the breaker."""
    with Silent() as dead:
        os.environ.update({**env, "OPENAI_BASE_URL": dead.base_url, "POLICYBRIEF_LLM_TIMEOUT": "0.2",
                           "POLICYBRIEF_LLM_BREAKER": str(tmp / "breaker.json")})
        brief = analyze_file(SAMPLE)
        improve(brief, model="bench")  # its timeouts open the breaker
        times = []
        for _ in range(calls):
            t0 = time.perf_counter()
            note = improve(brief, model="bench").engine.note
            times.append(time.perf_counter() - t0)
    if not note.startswith("LLM engine skipped"):
        sys.exit(f"the breaker did not open: {note}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0, help="POLICYBRIEF_LLM_TIMEOUT for the dead endpoint")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds the slow-alive endpoint takes to answer")
    args = parser.parse_args()
    articles = sorted(p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md", ".html"))[:10]
    env = {"OPENAI_API_KEY": "unused", "NO_PROXY": "127.0.0.1"}
    with tempfile.TemporaryDirectory(prefix="bench-llm-breaker-") as tmp_name:
        tmp = Path(tmp_name)
        offline_s, offline = run(articles, tmp / "offline", "rules", env)
        with Silent() as dead:
            dead_s, dead_briefs = run(articles, tmp / "dead", "llm", {
                **env, "OPENAI_BASE_URL": dead.base_url, "POLICYBRIEF_LLM_TIMEOUT": f"{args.timeout:g}"})
            dead_requests = len(dead.connections)
        copies = [tmp / f"sample_{i}.txt" for i in range(4)]
        for copy in copies:
            copy.write_bytes(SAMPLE.read_bytes())
        with ChatServer("slow", delay=args.slow) as slow:
            slow_s, slow_briefs = run(copies, tmp / "slow", "llm", {
                **env, "OPENAI_BASE_URL": slow.base_url, "POLICYBRIEF_LLM_TIMEOUT": f"{args.slow + 5:g}"})
            slow_requests = len(slow.requests)
        cost = open_breaker_cost(tmp, env)  # last: it changes this process's environment

    skipped = sum(b["brief"]["engine"]["note"].startswith("LLM engine skipped") for b in dead_briefs.values())
    later = [str(a) for a in articles[2:]]
    extra = [dead_briefs[source]["seconds"] - offline[source]["seconds"] for source in later]
    by_model = sum(b["brief"]["engine"]["name"] == "policybrief-llm" for b in slow_briefs.values())
    tripped = sum(b["brief"]["engine"]["note"].startswith("LLM engine skipped") for b in slow_briefs.values())
    rows = [
        (f"dead endpoint: {len(articles)} briefs, 2 workers, timeout {args.timeout:g} s",
         f"{dead_s:.1f} s; {dead_requests} requests, {skipped} notes say the breaker skipped the model"),
        ("same briefs, offline engine", f"{offline_s:.1f} s"),
        (f"per-brief extra after opening, batch ({len(later)} briefs; median, worst)",
         f"{statistics.median(extra):+.2f} s, {max(extra):+.2f} s"),
        ("per-brief extra after opening, in process (improve(), median)", f"{cost * 1000:.2f} ms"),
        (f"slow-alive endpoint: {len(copies)} briefs, answers in {args.slow:g} s, timeout {args.slow + 5:g} s",
         f"{slow_s:.1f} s; {by_model}/{len(copies)} by the model, {slow_requests} requests, "
         + ("not tripped" if not tripped else f"TRIPPED ({tripped} skipped)")),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'case':<{width}}  result")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
