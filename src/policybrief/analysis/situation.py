"""The state a situation is about: where things happen, not whoever is mentioned most.

A great power named in every paragraph of an article about Afghanistan is an actor in it, not its place: the
situation's state is the one the text puts things "in" and the headline names, with mentions to break ties.
"""

from __future__ import annotations

import re

from ..brief import Actor, Sentence, Situation


def situation_state(actors: list[Actor], sentences: list[Sentence], headline: str) -> Actor | None:
    states = [a for a in actors if a.type == "state"]
    if not states:
        return None
    text = "\n".join(s.text for s in sentences)

    def weight(state: Actor) -> float:
        forms = [f for f in {state.name, *state.seen_as} if f]
        located = sum(len(re.findall(rf"\b(in|across|inside|within|into) {re.escape(f)}\b", text)) for f in forms)
        titled = any(f in headline for f in forms)
        # "Myanmar's junta", the Arakan Army, the Taliban: the state's own bodies and armed groups (their codes
        # start with its code) acting are the state's situation too
        # (an armed group counts double: a state's fighters mark where the situation is, its officials may be
        # speaking about somewhere else)
        bodies = sum(a.mentions * (2 if a.type == "armed_group" else 1) for a in actors
                     if a.type != "state" and state.code and a.code and a.code.startswith(state.code))
        return state.mentions + bodies + 4 * located + 3 * titled

    return max(states, key=weight)


def situation_of(state: Actor | None, actors: list[Actor]) -> Situation | None:
    """The situation's key is its state's code, so a brief on Mali is never filed under Niger; the countries
    are the states the article makes central, the situation's own first."""
    if state is None or not state.code:
        return None
    others = [a.code for a in actors if a.type == "state" and a.central and a.code]
    return Situation(key=state.code.lower(), label=state.name, countries=list(dict.fromkeys([state.code, *others])))
