"""One exception base, so every failure reaches the user as one line naming the file and the stage."""

from __future__ import annotations


class BriefError(Exception):
    """A failure an analyst can act on. str() is the one-line message shown to them."""

    stage = "brief"

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
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
