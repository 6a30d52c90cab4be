"""The folder a run publishes briefs into (`--out`), and everything that writes to it.

One run at a time holds its lock. A brief is built in a hidden work folder beside its final one and swapped
into place whole (`publish`); a failure leaves error.txt and the notebook that failed, never a brief that
looks complete (`record_failure`). What a killed run leaves is hidden and cleared by the next
(`remove_stale`). The manifest and the index are the folder's too. Every file goes through
files.write_atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import BriefError, ParamsError
from .files import STALE, fresh_work_folder, work_folder, write_atomically
from .index import write_index
from .jobs import Job
from .manifest import Manifest

LOCK = ".policybrief.lock"
LOCK_WAIT = 10.0  # seconds; orphans of a killed run notice within one


class OutputFolder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def manifest(self) -> Manifest:
        """manifest.json as it is now, without the entries of folders deleted since."""
        manifest = Manifest(self.root)
        manifest.forget_missing()
        return manifest

    def write_index(self, manifest: Manifest) -> None:
        write_index(self.root, manifest.briefs())

    @contextlib.contextmanager
    def locked(self) -> Iterator[int]:
        """One run per output folder; yields the lock's file descriptor. Local workers inherit it, so after a
        kill -9 it is held until the orphaned workers have exited too: the next run waits for them rather
        than racing them."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a") as handle:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BriefError(self.root, "another policybrief run is writing to this folder") from None
                    time.sleep(0.2)
            yield handle.fileno()

    def remove_stale(self) -> None:
        """What a killed run left: work folders, folders being replaced, half-written files."""
        for pattern in STALE:
            for path in list(self.root.rglob(pattern)):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)

    def target(self, job: Job) -> Path:
        """The folder a job's brief is published in: its slug, or its output_dir, never outside the root."""
        root = self.root.resolve()
        folder = (root / (job.params.output_dir or job.slug)).resolve()
        if folder == root or root not in folder.parents:
            raise ParamsError(job.source, f"output_dir {job.params.output_dir!r} is outside the output folder "
                                          f"{self.root}")
        return folder

    def relative(self, folder: Path) -> str:
        return folder.resolve().relative_to(self.root.resolve()).as_posix()

    @staticmethod
    def work_folder(final: Path) -> Path:
        """This process's work folder for `final`, empty."""
        return fresh_work_folder(final)

    @staticmethod
    def publish(work: Path, final: Path) -> None:
        """Swap the finished folder into place; an older brief is removed only after the new one is complete."""
        old = final.parent / f".{final.name}.old-{os.getpid()}"
        if final.exists():
            final.rename(old)
        work.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def record_failure(final: Path, work: Path | None, message: str, detail: str | None = None) -> None:
        """Keep what explains the failure (the executed notebook, error.txt: the one-line message, then the
        traceback when there is one); never a brief that looks complete."""
        final.mkdir(parents=True, exist_ok=True)
        for name in ("brief.html", "brief.pdf", "brief.json"):
            (final / name).unlink(missing_ok=True)
        if work is not None and (work / "brief.ipynb").exists():
            os.replace(work / "brief.ipynb", final / "brief.failed.ipynb")
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        write_atomically(final / "error.txt", message + "\n" + (f"\n{detail.rstrip()}\n" if detail else ""))

    def discard_partial(self, job: Job, pid: int) -> None:
        """The work folder of a worker process that was killed while building the job's brief."""
        try:
            final = self.target(job)
        except BriefError:  # a job whose folder is refused never made one
            return
        shutil.rmtree(work_folder(final, pid), ignore_errors=True)
