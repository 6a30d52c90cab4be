"""Files a reader never sees half of: every write goes to a hidden temporary name beside its target and is
renamed into place, and a brief is built in a hidden work folder that is renamed into place when complete.

A run that is killed leaves only hidden names behind, which the next run in the folder clears
(OutputFolder.remove_stale).
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

# What an interrupted run can leave: work folders, replaced folders, temporary files.
STALE = (".*.partial-*", ".*.old-*", ".*.part")


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `path` whole or not at all."""
    # Not mkstemp: its 0600 mode would survive the rename, and briefs are meant to be shared.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def work_folder(final: Path, pid: int | None = None) -> Path:
    """The hidden folder beside `final` in which process `pid` (this one by default) builds it."""
    return final.parent / f".{final.name}.partial-{os.getpid() if pid is None else pid}"


def fresh_work_folder(final: Path) -> Path:
    """This process's work folder for `final`, empty."""
    final.parent.mkdir(parents=True, exist_ok=True)
    work = work_folder(final)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    return work
