"""Diagnostics. Modules log to `logging.getLogger(__name__)`, all under "policybrief". The command line shows
warnings on stderr (-v adds progress, -vv details); a batch also keeps everything in `<out>/.logs/<run-id>.log`,
together with the stderr of its worker processes and their kernels, so a failure can be explained afterwards.
What the user is told (progress, summary, one-line errors) is printed, not logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

ROOT = "policybrief"
FOLDER = ".logs"
KEEP = 20  # run logs kept per output folder; a nightly batch must not fill the disk with them
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def to_terminal(verbosity: int) -> None:
    """Show the package's log on stderr: warnings, or with -v progress, with -vv everything."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)  # a run lowers the logger's level for its log file, not for the terminal
    handler.setFormatter(logging.Formatter("policybrief: %(levelname)s: %(name)s: %(message)s"))
    handler.addFilter(lambda record: getattr(record, "terminal", True))
    logger = logging.getLogger(ROOT)
    logger.addHandler(handler)
    logger.setLevel(level)


def in_worker(level: int) -> None:
    """A worker process logs to its stderr, which the batch sends to the run's log."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format=FILE_FORMAT)
    logging.getLogger(ROOT).setLevel(level)


@contextlib.contextmanager
def run_log(out: Path) -> Iterator[Path]:
    """Log the package's records, at least INFO, to a new file in `<out>/.logs/` while the run lasts."""
    folder = out / FOLDER
    folder.mkdir(exist_ok=True)
    _prune(folder)
    path = folder / f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logger = logging.getLogger(ROOT)
    level = logger.level
    logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
    logger.addHandler(handler)
    try:
        yield path
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(level)


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:max(0, len(logs) - KEEP + 1)]:
        old.unlink(missing_ok=True)
