"""One structured answer from an OpenAI-compatible endpoint, within a bounded number of attempts and seconds.

Only the tenacity loop here retries (the openai client's own retries are off), so the worst case is known:
ATTEMPTS x timeout plus the backoff pauses, about 92 s with the defaults. A batch never hangs on a model, and
its circuit breaker (breaker.py) spares later briefs the wait once the endpoint is seen to be down.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from .answer import JSON_OBJECT_FORMAT, LLMAnswer, json_schema_format

if TYPE_CHECKING:
    import tenacity

    from .breaker import Breaker

ATTEMPTS = 3
DEFAULT_TIMEOUT = 30.0
DEFAULT_BACKOFF = 0.5
_BACKOFF_CAP = 8.0
# Retrying cannot cure a bad key, an unknown model or a prompt over the context limit; these can pass.
_TRANSIENT_STATUS = {408, 409, 429}


class LLMUnavailable(Exception):
    """The model gave no usable answer; str() says why, in words for the brief's reader."""


class _Retry(Exception):
    """A failed attempt that another attempt may cure."""


class _EndpointDown(_Retry):
    """No answer at all, or the server's own error: what counts towards opening the circuit breaker."""


class _SchemaRejected(Exception):
    """The server does not offer json_schema structured output; JSON mode may still work."""

    def __str__(self) -> str:
        return "the server rejected structured output"


@dataclass(frozen=True)
class Settings:
    model: str
    base_url: str | None
    api_key: str
    timeout: float = DEFAULT_TIMEOUT
    backoff: float = DEFAULT_BACKOFF

    @classmethod
    def from_env(cls, model: str | None) -> Settings:
        if not model:
            raise LLMUnavailable("no model given (--model, or the notebook's model parameter)")
        base_url = os.environ.get("OPENAI_BASE_URL") or None
        api_key = os.environ.get("OPENAI_API_KEY") or None
        if base_url is None and api_key is None:
            raise LLMUnavailable("set OPENAI_BASE_URL (a local server) or OPENAI_API_KEY (OpenAI)")
        # Local servers ignore the key, but the openai client refuses to start without one.
        return cls(model=model, base_url=base_url, api_key=api_key or "unused",
                   timeout=_seconds("POLICYBRIEF_LLM_TIMEOUT", DEFAULT_TIMEOUT),
                   backoff=_seconds("POLICYBRIEF_LLM_BACKOFF", DEFAULT_BACKOFF))


def ask(settings: Settings, messages: list[dict[str, str]], breaker: Breaker | None = None) -> LLMAnswer:
    """The model's answer, or LLMUnavailable naming the last failure (BreakerOpen when the breaker refused)."""
    if breaker is not None:
        breaker.admit(trial=False)  # first: a skipped brief pays neither the imports nor the client's TLS set-up
    try:
        import openai
    except ImportError:
        raise LLMUnavailable("the openai package is not installed (pip install 'policybrief[llm]')") from None
    import tenacity  # here, not at the top: every batch imports this module, most never ask a model

    backoff = tenacity.wait_exponential(multiplier=settings.backoff, max=_BACKOFF_CAP)

    def pause(state: tenacity.RetryCallState) -> float:
        # A rejected format is answered by a different request, not the same one again: no pause.
        return 0.0 if isinstance(state.outcome.exception(), _SchemaRejected) else backoff(state)

    def give_up(state: tenacity.RetryCallState) -> NoReturn:
        raise LLMUnavailable(f"{state.outcome.exception()} ({state.attempt_number} attempts)")

    retrying = tenacity.Retrying(stop=tenacity.stop_after_attempt(ATTEMPTS), wait=pause,
                                 retry=tenacity.retry_if_exception_type((_Retry, _SchemaRejected)),
                                 retry_error_callback=give_up)
    with openai.OpenAI(api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout,
                       max_retries=0) as client:
        return retrying(_Request(client, settings, messages, breaker))


@dataclass
class _Request:
    """One attempt per call, reported to the breaker; remembers the format the server accepts."""

    client: Any
    settings: Settings
    messages: list[dict[str, str]]
    breaker: Breaker | None
    response_format: dict = field(default_factory=json_schema_format)

    def __call__(self) -> LLMAnswer:
        if self.breaker is not None:
            self.breaker.admit()
        try:
            answer = _attempt(self.client, self.settings, self.messages, self.response_format)
        except _EndpointDown as exc:
            self._report(str(exc))
            raise
        except _SchemaRejected:
            self.response_format = JSON_OBJECT_FORMAT
            self._report(None)
            raise
        except (_Retry, LLMUnavailable):
            self._report(None)
            raise
        self._report(None)
        return answer

    def _report(self, failure: str | None) -> None:
        # Any answer, even one of no use, shows the endpoint alive: only its failures may open the breaker.
        if self.breaker is not None:
            self.breaker.record(failure)


def _attempt(client: Any, settings: Settings, messages: list[dict[str, str]], response_format: dict,
             ) -> LLMAnswer:
    import openai

    try:
        completion = client.chat.completions.create(model=settings.model, messages=messages,
                                                    response_format=response_format)
    except openai.APITimeoutError:
        raise _EndpointDown(f"no reply within {settings.timeout:g} s") from None
    except openai.APIConnectionError:
        raise _EndpointDown(f"cannot reach {client.base_url}") from None
    except openai.APIStatusError as exc:
        raise _status_failure(exc, response_format) from None
    except openai.APIError as exc:
        raise _Retry(f"unusable reply: {_first_line(exc.message)}") from None
    return _parse(completion)


def _status_failure(exc: Any, response_format: dict) -> Exception:
    message = _first_line(exc.message)
    if response_format["type"] == "json_schema" and exc.status_code in (400, 422) and any(
            word in message.lower() for word in ("response_format", "json_schema", "structured")):
        return _SchemaRejected()
    failure = f"HTTP {exc.status_code} from the endpoint: {message}"
    if exc.status_code >= 500:
        return _EndpointDown(failure)
    if exc.status_code not in _TRANSIENT_STATUS:
        return LLMUnavailable(failure)
    return _Retry(failure)


def _parse(completion: Any) -> LLMAnswer:
    content = _content(completion)
    try:
        data = json.loads(content)
    except ValueError:
        raise _Retry(f"the answer was not JSON: {_first_line(content)!r}") from None
    try:
        return LLMAnswer.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "answer"
        raise _Retry(f"the answer did not fit the brief's schema ({where}: {error['msg']})") from None


def _content(completion: Any) -> str:
    """The answer's text. The client does not validate replies, so a broken server's odd shapes end here."""
    choices = getattr(completion, "choices", None)
    choice = choices[0] if isinstance(choices, list) and choices else None
    message = getattr(choice, "message", None)
    refusal = getattr(message, "refusal", None)
    if refusal or getattr(choice, "finish_reason", None) == "content_filter":
        raise _Retry(f"the model refused: {_first_line(str(refusal or 'content filter'))}")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise _Retry("the reply held no answer")
    return content


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise LLMUnavailable(f"{name} must be a positive number of seconds, not {value!r}")
    return seconds


def _first_line(text: str, limit: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
