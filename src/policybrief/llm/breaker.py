"""A circuit breaker shared by the processes of one batch, so that a dead endpoint costs the batch a few
timeouts rather than three per brief.

After `threshold` consecutive endpoint failures (no reply in time, no connection, a 5xx answer) requests are
refused at once. After `cooldown` seconds one request is let through: its success closes the breaker, its
failure starts another cool-down. Any other answer, even an unusable one, shows the endpoint is alive.

The state is a few bytes of JSON in a file whose path `run` hands its worker processes (POLICYBRIEF_LLM_BREAKER).
Every read-modify-write holds an exclusive flock on that file, so workers failing at the same moment each count.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .client import LLMUnavailable, _seconds

ENV = "POLICYBRIEF_LLM_BREAKER"
FAILURES_ENV = "POLICYBRIEF_LLM_BREAKER_FAILURES"
COOLDOWN_ENV = "POLICYBRIEF_LLM_BREAKER_COOLDOWN"
DEFAULT_FAILURES = 3
DEFAULT_COOLDOWN = 60.0


class BreakerOpen(LLMUnavailable):
    """The endpoint failed too often lately to be asked now; str() says how often and how."""


@dataclass(frozen=True)
class Breaker:
    path: Path
    threshold: int = DEFAULT_FAILURES
    cooldown: float = DEFAULT_COOLDOWN

    @classmethod
    def from_env(cls) -> Breaker | None:
        """The breaker whose state file is named, if any; without one each brief is bounded by its retries alone."""
        path = os.environ.get(ENV)
        if not path:
            return None
        return cls(Path(path), _count(FAILURES_ENV, DEFAULT_FAILURES), _seconds(COOLDOWN_ENV, DEFAULT_COOLDOWN))

    def admit(self, *, trial: bool = True) -> None:
        """Return if a request may go now; raise BreakerOpen if not. With trial=False only look: a finished
        cool-down is not taken as this caller's trial."""
        with self._state() as state:
            if state["failures"] < self.threshold:
                return
            now = time.time()
            if now - state["since"] >= self.cooldown:
                if trial:
                    # This request is the one trial: restarting the clock keeps the other workers waiting, and
                    # lets another trial through later should this one's process be killed before it reports.
                    state["since"] = now
                return
            raise BreakerOpen(f"the endpoint failed {state['failures']} times in a row ({state['last']})")

    def record(self, failure: str | None) -> None:
        """After a request: why the endpoint failed, or None when it answered (even with something unusable)."""
        with self._state() as state:
            if failure is None:
                state["failures"] = 0
            else:
                state.update(failures=state["failures"] + 1, since=time.time(), last=failure)

    @contextlib.contextmanager
    def _state(self) -> Iterator[dict]:
        try:
            with open(self.path, "a+", encoding="utf-8") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                handle.seek(0)
                state = _parse(handle.read())
                before = dict(state)
                yield state
                if state != before:
                    handle.seek(0)
                    handle.truncate()
                    handle.write(json.dumps(state))
        except OSError as exc:
            raise LLMUnavailable(f"cannot use the circuit breaker's file {self.path}: {exc}") from None


@contextlib.contextmanager
def shared() -> Iterator[None]:
    """A fresh breaker for the worker processes started inside (they inherit the environment)."""
    previous = os.environ.get(ENV)
    with tempfile.TemporaryDirectory(prefix="policybrief-breaker-") as folder:
        os.environ[ENV] = os.path.join(folder, "state.json")
        try:
            yield
        finally:
            if previous is None:
                del os.environ[ENV]
            else:
                os.environ[ENV] = previous


def _parse(text: str) -> dict:
    # Empty (new) or unreadable (a writer killed mid-write) counts as closed: the retry bound still holds.
    try:
        data = json.loads(text)
        return {"failures": int(data["failures"]), "since": float(data["since"]), "last": str(data["last"])}
    except (ValueError, TypeError, KeyError):
        return {"failures": 0, "since": 0.0, "last": ""}


def _count(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    if not value.strip().isdigit() or int(value) < 1:
        raise LLMUnavailable(f"{name} must be a whole number, 1 or more, not {value!r}")
    return int(value)
