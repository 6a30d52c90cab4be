"""The state a situation is about: where things happen, not whoever is mentioned most.

A great power named in every paragraph of an article about Afghanistan is an actor in it, not its place: the
situation's state is the one the text puts things "in" and the headline names, with mentions to break ties.
"""

from __future__ import annotations

import re

from ..brief import Actor, Sentence


def situation_state(actors: list[Actor], sentences: list[Sentence], headline: str) -> Actor | None:
    states = [a for a in actors if a.type == "state"]
    if not states:
        return None
    text = "\n".join(s.text for s in sentences)

    def weight(state: Actor) -> float:
        forms = [f for f in {state.name, *state.seen_as} if f]
        located = sum(len(re.findall(rf"\b(in|across|inside|within|into) {re.escape(f)}\b", text)) for f in forms)
        titled = any(f in headline for f in forms)
        # "Myanmar's junta", "the Malian army": the state's own bodies acting are the state's situation too
        bodies = sum(a.mentions for a in actors if a.type == "government_body" and state.code and a.code
                     and a.code.startswith(state.code))
        return state.mentions + bodies + 2 * located + 3 * titled

    return max(states, key=weight)
