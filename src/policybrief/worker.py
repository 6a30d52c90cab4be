"""Warm worker processes that build briefs one at a time, and the pool that hands them jobs.

A worker is a child Python (`python -m policybrief.worker`) that imports papermill, nbconvert and Typst
once and then runs `pipeline.build_brief` for job after job. The parent enforces the per-brief timeout from
outside: a worker that overruns is killed (its kernel follows, since ipykernel exits when its parent dies)
and replaced. Children are plain subprocesses rather than multiprocessing ones, because Dask worker
processes are daemonic and multiprocessing refuses to give those children.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from . import logs
from .brief import Brief
from .errors import BriefError
from .jobs import Job
from .output_folder import OutputFolder
from .pipeline import build_brief, timeout_error

# Time a worker gets past --timeout to report an overrun itself (with the notebook so far) before it is killed.
GRACE = 5.0
START_TIMEOUT = 120.0

logger = logging.getLogger(__name__)


@dataclass
class Result:
    """What became of one job; `folder` is relative to the output folder, `files` only travels from Dask."""

    slug: str
    source: str
    status: str  # built | failed | skipped
    folder: str
    seconds: float = 0.0
    error: str | None = None
    summary: dict = field(default_factory=dict)
    files: dict[str, bytes] | None = None
    traceback: str | None = None


class WorkerError(Exception):
    """A worker process could not be started."""


class Worker:
    """The parent's handle on one worker process. Only the thread that calls `build` uses the connection;
    `kill` may come from any thread. `log`: the file its stderr goes to (None: this process's stderr)."""

    def __init__(self, inherit: tuple[int, ...] = (), log: Path | None = None) -> None:
        self.proc: subprocess.Popen | None = None
        self.conn: Connection | None = None
        self.stopping = False
        self.inherit = inherit
        self.log = log

    def build(self, job: Job, out: Path, timeout: float) -> Result | None:
        """Build one brief in the worker; None when the pool was stopped meanwhile (nothing is recorded)."""
        t0 = time.perf_counter()
        if self.proc is None:
            self._start()
        conn, pid = self.conn, self.proc.pid
        died = False
        try:
            conn.send((job, str(out), timeout))
            if conn.poll(timeout + GRACE):
                return conn.recv()
        except (EOFError, OSError):
            died = True
        code = self._discard()
        OutputFolder(out).discard_partial(job, pid)
        if self.stopping:
            return None
        if died:
            message = f"{job.source}: the worker process died ({_exit_reason(code)}) while building this brief"
        else:
            message = str(timeout_error(job.source, timeout))
        logger.info("worker %d stopped: %s", pid, message)
        return fail(job, out, message, time.perf_counter() - t0)

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        level = logging.getLogger(logs.ROOT).getEffectiveLevel()
        with theirs, open(self.log, "ab") if self.log else contextlib.nullcontext() as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "policybrief.worker", str(theirs.fileno()), str(os.getpid()), str(level)],
                pass_fds=(theirs.fileno(), *self.inherit), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=stderr,
                # Its own session: Ctrl-C reaches the parent only, which stops the workers itself.
                start_new_session=True,
            )
        logger.info("worker %d started", self.proc.pid)
        self.conn = Connection(ours.detach())
        try:
            ready = self.conn.recv() if self.conn.poll(START_TIMEOUT) else "did not start in time"
        except (EOFError, OSError):
            ready = "exited while starting"
        if ready != "ready":
            self._discard()
            raise WorkerError(f"policybrief worker process: {ready}")

    def kill(self) -> int | None:
        """Kill the process now and return its exit code; safe from any thread."""
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        return proc.wait()

    def _discard(self) -> int | None:
        code = self.kill()
        self.proc = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        return code

    def close(self) -> None:
        """Let an idle worker exit on its own (its last kernel is already shut down)."""
        if self.conn is not None and self.proc is not None:
            try:
                self.conn.send(None)
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._discard()


class WorkerPool:
    """Idle workers are reused; a caller that finds none idle gets a new one, so the pool grows to the
    number of threads calling `build` at once. `inherit`: file descriptors the workers keep open; `log`: the
    file their stderr goes to."""

    def __init__(self, inherit: tuple[int, ...] = (), log: Path | None = None) -> None:
        self.inherit = inherit
        self.log = log
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        self.stopping = False

    def build(self, job: Job, out: Path, timeout: float) -> Result | None:
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = Worker(self.inherit, self.log)
            with self._lock:
                self._all.append(worker)
        if self.stopping:
            return None
        try:
            return worker.build(job, out, timeout)
        finally:
            self._idle.put(worker)

    def stop(self) -> None:
        """Kill every worker now (Ctrl-C): briefs in flight are abandoned, never recorded as failed."""
        with self._lock:
            self.stopping = True
            for worker in self._all:
                worker.stopping = True
                worker.kill()

    def close(self) -> None:
        """Wait for idle workers to exit; call when no `build` is running."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def fail(job: Job, out: Path, message: str, seconds: float = 0.0) -> Result:
    """Record a failure that the worker could not record itself (it was killed, died or never started)."""
    folder = OutputFolder(out)
    try:
        final = folder.target(job)
    except BriefError:
        final = out.resolve() / job.slug
    folder.record_failure(final, None, message)
    return Result(job.slug, job.source, "failed", folder.relative(final), seconds, message)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


# The child side.


def summarize(brief: Brief) -> dict:
    """The few facts about a brief that the manifest and the index show."""
    top = sorted(brief.actors, key=lambda a: (not a.central, -a.mentions))[:5]
    return {
        "title": brief.article.title,
        "outlet": brief.article.source,
        "published": brief.article.published,
        "risk": brief.risk.rating,
        "actors": [a.name for a in top],
    }


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (kill -9): an orphan would race the next run for the same folders."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def main(fd: int, parent: int, level: int) -> None:
    logs.in_worker(level)
    conn = Connection(fd)
    _watch_parent(parent)
    try:
        # A kernel is started first and warms while papermill and the exporters are imported, so that the
        # first brief finds both ready and is charged for neither.
        from .kernels import pool

        pool()
        import papermill  # noqa: F401

        from . import export  # noqa: F401
    except Exception as exc:  # a worker machine without the package's dependencies: say which
        conn.send(f"cannot import {exc}")
        return
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            # Done: the kernels are stopped and the log flushed here, and the interpreter's teardown of
            # papermill, nbconvert and Typst (a third of a second the run would wait for) is skipped.
            pool().close()
            logging.shutdown()
            os._exit(0)
        job, out, timeout = message
        out = Path(out)
        outcome = build_brief(job, out, timeout=timeout)
        conn.send(Result(
            job.slug, job.source, outcome.status, OutputFolder(out).relative(Path(outcome.folder)), outcome.seconds,
            outcome.error, summarize(outcome.brief) if outcome.brief is not None else {}, traceback=outcome.traceback,
        ))


if __name__ == "__main__":
    # Through the package, so that Result pickles as policybrief.worker.Result, not __main__.Result.
    from policybrief.worker import main as worker_main

    worker_main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
