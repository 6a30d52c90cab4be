"""The LLM engine: the offline brief in, a brief whose prose the model improved out, or the offline brief
with a visible note saying why the model was not used.

The offline extraction stays the backbone: actors, figures, timeline, themes and risk are kept as they are;
the model may rewrite the bottom line, the key judgments and the tension assessment, and add actors, but only
with statements whose quotes are found in the article. What it could not support is listed under
`unsupported`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__
from ..brief import Actor, Brief, Engine, Judgment, Unsupported
from .answer import Claim, LLMAnswer, NewActor
from .breaker import Breaker, BreakerOpen
from .client import LLMUnavailable, Settings, ask
from .grounding import Grounder, normalise
from .prompt import build_messages

ENGINE_NAME = "policybrief-llm"
_MAX_JUDGMENTS = 5


def improve(brief: Brief, *, model: str | None) -> Brief:
    """A new Brief: the model's grounded prose over the offline analysis, or the offline one saying why."""
    try:
        if not brief.sentences:
            raise LLMUnavailable("the article has no sentences to check the model against")
        settings = Settings.from_env(model)
        answer = ask(settings, build_messages(brief), Breaker.from_env())
    except BreakerOpen as exc:
        return _offline(brief, f"LLM engine skipped: {exc}; offline analysis shown")
    except LLMUnavailable as exc:
        return _offline(brief, f"LLM engine unavailable: {exc}; offline analysis shown")
    return _merge(brief, answer, settings.model)


@dataclass
class _Review:
    """Keeps the model's statements the article supports and records the others."""

    grounder: Grounder
    dropped: list[Unsupported] = field(default_factory=list)

    def evidence(self, claim: Claim) -> list[str] | None:
        check = self.grounder.check(claim.text, claim.quotes)
        if check.problem is None:
            return check.evidence
        self.dropped.append(Unsupported(text=claim.text, quotes=claim.quotes, reason=check.problem))
        return None

    def actor(self, proposed: NewActor) -> Actor | None:
        text = f"{proposed.name} ({proposed.type}): {proposed.role}"
        evidence = self.evidence(Claim(text=text, quotes=proposed.quotes))
        if evidence is None:
            return None
        # A genuine quote that does not name the actor supports nothing about it.
        if not self.grounder.mentions(proposed.name, evidence):
            self.dropped.append(Unsupported(text=text, quotes=proposed.quotes,
                                            reason=f"the quotes do not name {proposed.name!r}"))
            return None
        return Actor(name=proposed.name, type=proposed.type, role=proposed.role,
                     mentions=self.grounder.mentions(proposed.name), evidence=evidence)


def _merge(brief: Brief, answer: LLMAnswer, model: str) -> Brief:
    review = _Review(Grounder(brief.sentences))
    update: dict = {}
    used: list[str] = []
    if review.evidence(answer.bluf) is not None:
        update["bluf"] = answer.bluf.text
        used.append("bottom line")
    judgments = [Judgment(text=c.text, evidence=e) for c in answer.key_judgments
                 if (e := review.evidence(c)) is not None][:_MAX_JUDGMENTS]
    if judgments:
        update["key_judgments"] = judgments
        used.append("key judgments")
    tension = review.evidence(answer.tension_assessment)
    if tension is not None:
        update["tension"] = brief.tension.model_copy(
            update={"assessment": answer.tension_assessment.text, "evidence": tension})
        used.append("tension assessment")
    added = [a for p in _new(brief.actors, answer.new_actors) if (a := review.actor(p)) is not None]
    if added:
        update["actors"] = [*brief.actors, *added]
        used.append(f"{len(added)} added actor{'s' if len(added) > 1 else ''}")
    update["unsupported"] = [*brief.unsupported, *review.dropped]
    if not used:
        return _offline(brief.model_copy(update=update),
                        f"LLM answer not used: the article supports none of model {model}'s statements "
                        "(listed under unsupported); offline analysis shown")
    note = _credit(model, used, len(review.dropped))
    update["engine"] = Engine(name=ENGINE_NAME, version=__version__, model=model, note=note)
    update["notes"] = [*brief.notes, note]
    return brief.model_copy(update=update)


def _new(actors: list[Actor], proposed: list[NewActor]) -> list[NewActor]:
    """Proposals naming no actor the offline engine already found (under its name or an alias), once each."""
    seen = {normalise(n).removeprefix("the ") for a in actors for n in (a.name, *a.aliases)}
    fresh = []
    for p in proposed:
        key = normalise(p.name).removeprefix("the ")
        if key and key not in seen:
            seen.add(key)
            fresh.append(p)
    return fresh


def _credit(model: str, used: list[str], dropped: int) -> str:
    parts = ", ".join(used[:-1]) + (" and " if len(used) > 1 else "") + used[-1]
    note = (f"{parts[0].upper()}{parts[1:]} by model {model}, each statement checked against quotes found in "
            "the article; the rest (actors, figures, dates, themes, risk) by the offline engine.")
    if dropped:
        note += f" {dropped} statement{'s' if dropped > 1 else ''} the article does not support left out."
    return note


def _offline(brief: Brief, note: str) -> Brief:
    return brief.model_copy(update={"engine": brief.engine.model_copy(update={"note": note}),
                                    "notes": [*brief.notes, note]})
