"""Warm worker processes that build briefs three at a time, one per stage, and the pool that hands them jobs.

A worker is a child Python (`python -m policybrief.worker`) that imports papermill, nbconvert and Typst
once and then builds brief after brief, each stage of a different brief at once: while the kernel runs one
brief's notebook, the worker exports the brief before it and analyses the brief after it, so that the kernel
never waits for the worker's own work. So a worker holds up to three jobs. The parent
enforces the per-brief timeout from outside: a worker that overruns is killed (its kernel follows, since
ipykernel exits when its parent dies) and replaced, and the other brief it held is built again. Children
are plain subprocesses rather than multiprocessing ones, because Dask worker processes are daemonic and
multiprocessing refuses to give those children.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from . import logs
from .brief import Brief
from .errors import BriefError
from .jobs import Job
from .output_folder import OutputFolder
from .pipeline import Outcome, Stage, analyze_brief, export_brief, run_notebook, timeout_error

# The jobs a worker holds at once: one being analysed, one in the kernel, one being exported.
JOBS_PER_WORKER = 3
# Time a worker gets past --timeout to report an overrun itself (with the notebook so far) before it is killed.
GRACE = 5.0
# glibc gives each thread that allocates a malloc arena of its own; a worker runs a thread per brief, and over a
# long batch the arenas' fragments grew its memory by about a tenth (benchmarks/bench_memory.py). Two arenas
# keep it flat and cost no measurable time. The variable is passed on, so the worker's kernels get it too.
MALLOC_ARENAS = "2"
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
    """The parent's handle on one worker process, which holds up to three jobs: one being analysed, one whose
    notebook runs and one being exported. A reader thread hands each message of the process to the job it
    answers. `kill` may come from any thread. `log`: the file its stderr goes to (None: this process's stderr)."""

    def __init__(self, inherit: tuple[int, ...] = (), log: Path | None = None) -> None:
        self.proc: subprocess.Popen | None = None
        self.conn: Connection | None = None
        self.stopping = False
        self.inherit = inherit
        self.log = log
        # Reentrant: a process that fails to start is discarded by the thread that holds the lock to start it.
        self._lock = threading.RLock()
        self._tickets = itertools.count()
        self._waiting: dict[int, queue.SimpleQueue] = {}  # the replies of the jobs the process holds
        self._overran: tuple[int, int] | None = None  # (pid, ticket) of the job it was killed for
        # Each process's temporary folder (its TMPDIR), removed once the process is gone, killed or not: a
        # killed worker cannot remove its kernels' sockets itself.
        self._tmp: dict[int, str] = {}

    def build(self, job: Job, out: Path, timeout: float, free: Callable[[], None] = lambda: None) -> Result | None:
        """Build one brief in the worker; None when the pool was stopped meanwhile (nothing is recorded).
        `free` is called once: when the worker can take another job (this one's notebook has started), or
        when this build ends."""
        t0 = time.perf_counter()
        freed = False

        def release() -> None:
            nonlocal freed
            if not freed:
                freed = True
                free()

        try:
            with self._lock:
                if self.proc is None:
                    self._start()
                proc, ticket, waiting = self.proc, next(self._tickets), self._waiting
                replies = waiting[ticket] = queue.SimpleQueue()
                try:
                    self.conn.send((ticket, job, str(out), timeout))
                    sent = True
                except OSError:
                    sent = False
            if not sent:  # the process died after it last said it could take a job: this one never ran
                self._discard(proc)
                return self.build(job, out, timeout, release)
            reply = _wait(replies, time.perf_counter() + timeout + GRACE, release)
            with self._lock:
                waiting.pop(ticket, None)  # a "free" that comes after the result goes nowhere
            if isinstance(reply, Result):
                return reply
            if reply is _OVERRAN:
                self._overran = (proc.pid, ticket)
            code = self._discard(proc)
            OutputFolder(out).discard_partial(job, proc.pid)
            if self.stopping:
                return None
            if reply is _OVERRAN:
                message = str(timeout_error(job.source, timeout))
            elif self._overran is not None and self._overran[0] == proc.pid:
                # Stopped for the other brief it held, which overran: this one is not at fault.
                logger.info("%s: built again, its worker was stopped for another brief", job.source)
                return self.build(job, out, timeout, release)
            else:
                message = f"{job.source}: the worker process died ({_exit_reason(code)}) while building this brief"
            logger.info("worker %d stopped: %s", proc.pid, message)
            return fail(job, out, message, time.perf_counter() - t0)
        finally:
            release()

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        level = logging.getLogger(logs.ROOT).getEffectiveLevel()
        tmp = tempfile.mkdtemp(prefix="pb-worker-")
        with theirs, open(self.log, "ab") if self.log else contextlib.nullcontext() as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "policybrief.worker", str(theirs.fileno()), str(os.getpid()), str(level), tmp],
                pass_fds=(theirs.fileno(), *self.inherit), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=stderr, env={"MALLOC_ARENA_MAX": MALLOC_ARENAS, **os.environ, "TMPDIR": tmp},
                # Its own session: Ctrl-C reaches the parent only, which stops the workers itself.
                start_new_session=True,
            )
        self._tmp[self.proc.pid] = tmp
        logger.info("worker %d started", self.proc.pid)
        self.conn = Connection(ours.detach())
        try:
            ready = self.conn.recv() if self.conn.poll(START_TIMEOUT) else "did not start in time"
        except (EOFError, OSError):
            ready = "exited while starting"
        if ready != "ready":
            conn = self.conn
            self._discard(self.proc)
            conn.close()
            raise WorkerError(f"policybrief worker process: {ready}")
        self._waiting = {}
        threading.Thread(target=self._read, args=(self.conn, self._waiting), daemon=True,
                         name=f"policybrief-worker-{self.proc.pid}").start()

    def _read(self, conn: Connection, waiting: dict[int, queue.SimpleQueue]) -> None:
        """Deliver the process's messages until it is gone; then every job it still held hears so."""
        while True:
            try:
                kind, ticket, payload = conn.recv()
            except (EOFError, OSError):
                break
            if ticket in waiting:
                waiting[ticket].put(payload if kind == "done" else _FREE)
        with self._lock:
            for replies in waiting.values():
                replies.put(_GONE)
            waiting.clear()
        conn.close()

    def kill(self) -> int | None:
        """Kill the process now and return its exit code; safe from any thread."""
        proc = self.proc
        if proc is None:
            return None
        code = _kill(proc)
        self._remove_tmp(proc)
        return code

    def _discard(self, proc: subprocess.Popen) -> int | None:
        """Kill `proc` and forget it, unless a later process has already taken its place. Its connection is
        closed by its reader once the process is gone."""
        code = _kill(proc)
        with self._lock:
            if self.proc is proc:
                self.proc = self.conn = None
        self._remove_tmp(proc)
        return code

    def _remove_tmp(self, proc: subprocess.Popen) -> None:
        tmp = self._tmp.pop(proc.pid, None)  # without the lock, which `_start` holds while a worker starts
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    def close(self) -> None:
        """Let an idle worker exit on its own (its last kernel is already shut down)."""
        proc = self.proc
        if proc is None:
            return
        try:
            self.conn.send(None)
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._discard(proc)


def _kill(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.kill()
    return proc.wait()


# What a job's reply queue can hold besides its Result.
_FREE, _GONE, _OVERRAN = object(), object(), object()


def _wait(replies: queue.SimpleQueue, deadline: float, free: Callable[[], None]) -> object:
    """A job's Result, or _GONE when its process went away, or _OVERRAN at the deadline; `free` is called
    when the process says it can take the next job."""
    while True:
        try:
            reply = replies.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            return _OVERRAN
        if reply is not _FREE:
            return reply
        free()


class WorkerPool:
    """At most `size` worker processes (None: one for each thread calling `build` at once), each given a job
    whenever it can take one: a caller takes a worker that is free, starts a new one while there are fewer
    than `size`, or waits. `inherit`: file descriptors the workers keep open; `log`: the file their stderr
    goes to."""

    def __init__(self, size: int | None = None, inherit: tuple[int, ...] = (), log: Path | None = None) -> None:
        self.size = size
        self.inherit = inherit
        self.log = log
        self._free: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        self.stopping = False

    def build(self, job: Job, out: Path, timeout: float) -> Result | None:
        worker = self._take()
        if self.stopping:
            self._free.put(worker)
            return None
        return worker.build(job, out, timeout, free=lambda: self._free.put(worker))

    def _take(self) -> Worker:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self.size is None or len(self._all) < self.size:
                worker = Worker(self.inherit, self.log)
                self._all.append(worker)
                return worker
        return self._free.get()

    def stop(self) -> None:
        """Kill every worker now (Ctrl-C): briefs in flight are abandoned, never recorded as failed."""
        with self._lock:
            self.stopping = True
            for worker in self._all:
                worker.stopping = True
                worker.kill()

    def close(self) -> None:
        """Wait for the workers to exit; call when no `build` is running."""
        while True:
            try:
                self._free.get_nowait().close()
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


def _watch_parent(parent: int, tmp: str) -> None:
    """Exit when the parent is gone (kill -9): an orphan would race the next run for the same folders."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        _exit_removing(tmp, 1)

    threading.Thread(target=watch, daemon=True).start()


def _exit_removing(tmp: str, status: int) -> None:
    """Exit now with the temporary folder the parent made for this process: a parent that is gone (kill -9, or
    its connection closed) cannot remove it any more. The kernels exit with this process (ipykernel watches its
    parent)."""
    for _ in range(3):  # another thread may have just put a file in it, which the first pass missed
        shutil.rmtree(tmp, ignore_errors=True)
        if not os.path.exists(tmp):
            break
    os._exit(status)


def main(fd: int, parent: int, level: int, tmp: str) -> None:
    logs.in_worker(level)
    conn = Connection(fd)
    _watch_parent(parent, tmp)
    try:
        # A kernel is started first and warms while papermill and the exporters are imported, so that the
        # first brief finds both ready and is charged for neither.
        from .kernels import pool, skip_unused_modules

        skip_unused_modules()
        pool()
        import papermill  # noqa: F401

        from . import export  # noqa: F401
    except Exception as exc:  # a worker machine without the package's dependencies: say which
        conn.send(f"cannot import {exc}")
        return
    try:
        conn.send("ready")
    except OSError:
        # The parent died while this process started. Raised, the error ended the process before its watch on the
        # parent removed the folder: killed runs under load left an empty one in TMPDIR.
        _exit_removing(tmp, 1)
    sending = threading.Lock()

    def send(message: tuple) -> None:
        with sending:
            conn.send(message)

    # The brief before this one (its notebook, then its export) and the one before that.
    last: _Rest | None = None
    older: _Rest | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # a parent killed with this process's messages unread resets the connection
            _exit_removing(tmp, 1)
        if message is None:
            for rest in (older, last):
                if rest is not None:
                    rest.join()
            # Done: the kernels are stopped and the log flushed here, and the interpreter's teardown of
            # papermill, nbconvert and Typst (a third of a second the run would wait for) is skipped.
            pool().close(exiting=True)
            logging.shutdown()
            os._exit(0)
        ticket, job, out, timeout = message
        stage = analyze_brief(job, Path(out), timeout=timeout)
        # One notebook at a time in the kernel, and at most one brief waiting for its export.
        if last is not None:
            last.executed.wait()
        if older is not None:
            older.join()
        older, last = last, _Rest(send, ticket, job, Path(out), stage, last, tmp)
        last.start()
        try:
            send(("free", ticket, None))
        except OSError:  # the parent died between two briefs
            _exit_removing(tmp, 1)


class _Rest(threading.Thread):
    """A brief's notebook, then its export once the brief before it is exported (one export at a time)."""

    def __init__(self, send: Callable[[tuple], None], ticket: int, job: Job, out: Path, stage: Stage | Outcome,
                 before: _Rest | None, tmp: str) -> None:
        super().__init__(daemon=True, name=f"brief-{ticket}")
        self.send, self.ticket, self.job, self.out, self.stage, self.before = send, ticket, job, out, stage, before
        self.tmp = tmp
        self.executed = threading.Event()

    def run(self) -> None:
        try:
            stage = run_notebook(self.stage) if isinstance(self.stage, Stage) else self.stage
            self.executed.set()
            if self.before is not None:
                self.before.join()
                self.before = None  # its brief is no longer kept alive by this one
            outcome = stage if isinstance(stage, Outcome) else export_brief(stage)
            self.send(("done", self.ticket, Result(
                self.job.slug, self.job.source, outcome.status, OutputFolder(self.out).relative(Path(outcome.folder)),
                outcome.seconds, outcome.error, summarize(outcome.brief) if outcome.brief is not None else {},
                traceback=outcome.traceback,
            )))
        except BaseException:
            # Nothing can be reported on this connection any more: the parent, if alive, sees the process die; if
            # it was killed (the usual cause: the connection broke), only this process can remove its folder.
            logger.exception("%s: could not report the brief", self.job.source)
            logging.shutdown()
            _exit_removing(self.tmp, 70)


if __name__ == "__main__":
    # Through the package, so that Result pickles as policybrief.worker.Result, not __main__.Result.
    from policybrief.worker import main as worker_main

    worker_main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
