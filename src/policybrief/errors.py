"""One exception base, so every failure reaches the user as one line naming the file and the stage."""

from __future__ import annotations


class BriefError(Exception):
    """A failure an analyst can act on. str() is the one-line message shown to them."""

    stage = "brief"
    # A traceback raised where this exception did not pass (the notebook's kernel), for error.txt and the log.
    detail: str | None = None

    def __init__(self, path: object, problem: str) -> None:
        # A file name may hold a newline or a terminal escape; the message must stay one harmless line.
        self.path = str(path).encode("unicode_escape").decode("ascii") if not str(path).isprintable() else str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class InputError(BriefError):
    stage = "ingest"


class ParamsError(BriefError):
    stage = "params"


class ExecutionError(BriefError):
    stage = "execute"


class ExportError(BriefError):
    stage = "export"
