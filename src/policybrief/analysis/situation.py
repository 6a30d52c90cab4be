"""The state a situation is about: where things happen, not whoever is mentioned most.

A great power named in every paragraph of an article about Afghanistan is an actor in it, not its place: the
situation's state is the one the text puts things "in" and the headline names, with mentions to break ties.
"""

from __future__ import annotations

import functools
import re

from .. import data
from ..brief import Actor, Sentence, Situation


def situation_state(actors: list[Actor], sentences: list[Sentence], headline: str) -> Actor | None:
    states = [a for a in actors if a.type == "state"]
    if not states:
        return None
    text = "\n".join(s.text for s in sentences)

    def forms_of(state: Actor) -> list[str]:
        return [f for f in {state.name, *state.seen_as} if f]

    def regions_of(state: Actor) -> list[str]:
        return [region for region, code in _regions().items() if code == state.code]

    def places_of(state: Actor) -> list[str]:
        return forms_of(state) + regions_of(state)

    def weight(state: Actor) -> tuple[float, bool, int]:
        forms = forms_of(state)
        # Where talks are held is a venue, not the situation: "truce talks in Qatar", "Sudan talks held in Jeddah"
        located = sum(not (m[1] == "in" and _VENUE_BEFORE.search(text, max(0, m.start() - 60), m.start()))
                      for f in forms for m in _rx(rf"\b(in|across|inside|within|into) {_PART}{re.escape(f)}\b")
                      .finditer(text))
        titled = any(f in headline and not _rx(rf"\b{re.escape(f)}(['’]s?)? {_TALKS}|{_VENUE}{re.escape(f)}\b")
                     .search(headline) for f in forms)
        # "US agrees to pull troops out of Niger": the headline places the story in the state it names after
        # a preposition of place or a verb of leaving; the state whose troops move is an outside actor.
        # "a vote in Moldova and Georgia" places it in both; "Chad: Chad Orders French Troops to Leave", a
        # country's name set before a colon, files the story under it
        labelled = any(_rx(rf"^{re.escape(f)}\s*:").search(headline) for f in forms)
        placed = labelled or any(_rx(rf"\b(in|out of|from|leaving|leaves?|quits?|exits?|into|inside|across) "
                         rf"((?-i:[A-Z])\S*( (?-i:[A-Z])\S*)? (and|or|&) )?{re.escape(f)}\b", re.I).search(headline)
                     for f in places_of(state)) or any(
            _rx(rf"\b{re.escape(f)}(['’]s?)?( (and|or|&) (?-i:[A-Z])\S*( (?-i:[A-Z])\S*)?)? {_RULERS}").search(headline)
            for f in [state.name, *regions_of(state)])
        # "Myanmar's junta", the Arakan Army, the Taliban: the state's own bodies and armed groups (their codes
        # start with its code) acting are the state's situation too
        # (an armed group counts double: a state's fighters mark where the situation is, its officials may be
        # speaking about somewhere else; fighters or troops abroad do not count: they are the other state's)
        bodies = sum(a.mentions * counted(a, state) for a in actors
                     if a.type != "state" and state.code and a.code and a.code.startswith(state.code))
        if not (located or placed) and sends_forces(state):
            # "Now that French troops are leaving": the state whose forces leave, its army and its president are
            # named on every line, and it is not where the vacuum opens; nor is the state whose instructors or
            # troops arrive ("Russian instructors to train the armed forces of Equatorial Guinea")
            return 0, placed, located
        # On a tie, the state things happen in.
        return state.mentions + bodies + 4 * located + 3 * titled + 10 * placed, placed, located

    def sends_forces(state: Actor) -> bool:
        lines = f"{headline}\n{text}"
        elsewhere = [f for o in states if o is not state for f in places_of(o)]
        for f in forms_of(state):
            for m in _rx(rf"\b{re.escape(f)}(['’]s?)? {_OWN_FORCE}").finditer(lines):
                end = lines.find("\n", m.end())
                end = end if end >= 0 else len(lines)
                line = lines[lines.rfind("\n", 0, m.start()) + 1:end]
                if _LEAVING.search(line):
                    return True
                # an army also deploys at home: sent abroad, the line names where
                if _ARRIVING.search(line) and any(_rx(rf"\b{re.escape(o)}\b").search(lines, m.end(), end)
                                                  for o in elsewhere):
                    return True
        return False

    def counted(body: Actor, home: Actor) -> int:
        if (body.type == "armed_group" or (body.code or "").endswith("MIL")) and abroad(body, home):
            return 0
        return 2 if body.type == "armed_group" else 1

    def abroad(group: Actor, home: Actor) -> bool:
        """Fighters the text puts in another state and never in their own (Wagner in Mali) are that state's
        situation, not their own state's."""
        said = [s.text for s in sentences if any(f in s.text for f in {group.name, *group.seen_as} if f)]

        def placed_in(forms: list[str]) -> bool:
            return any(_rx(rf"\b(in|inside|into|across) {re.escape(f)}\b").search(t) for t in said for f in forms)

        return not placed_in(places_of(home)) and placed_in([f for o in states if o is not home
                                                              for f in places_of(o)])

    return max(states, key=weight)


# "Will Solomon Islands new leader bring it closer China", "Peru's Congress removes Boluarte": who rules the state
# named before them is the story; its army or navy may be abroad
# Patterns made per state name, compiled once per process: a batch names more of them than re's own cache holds
_rx = functools.cache(re.compile)
_RULERS = (r"((new|interim|military|transitional|ruling|incoming) )?(leader|president|prime minister|government|"
           r"junta|parliament|congress|election|vote|opposition|coup)s?\b")

_TALK_WORDS = "(?i:talks|negotiations|summit|(?<!press )conference|meeting|meetings)"
_TALKS = rf"({_TALK_WORDS})\b"
_VENUE = rf"\b{_TALK_WORDS}( \w+){{0,2}} in "
# what stands before a venue's "in", with whom the talks were held too: "held talks with Russian President
# Vladimir Putin in Moscow"
_VENUE_BEFORE = re.compile(rf"\b{_TALK_WORDS}( \w+){{0,2}}( (?-i:[A-Z])[\w.'’-]*){{0,5}} $")

# A state's own force: "French troops", "the US military personnel", "France's remaining forces" (a state's
# "withdrawal" may be from a bloc, its "military junta" rules it, and in "South Sudan deploys forces" it acts)
_OWN_FORCE = (r"((?i:own|remaining|last|combat|ground|special|military|army|peacekeeping) )?"
              r"(?i:troops|forces|soldiers|contingent|personnel|instructors|trainers|advisers|advisors|mercenaries)\b")
_LEAVING = re.compile(r"\b(leav\w*|withdr\w*|pull\w* out|pullout|depart\w*|exit\w*|quit\w*|drawdown)\b", re.I)
_ARRIVING = re.compile(r"\b(arriv\w*|deploy\w*|dispatch\w*|sen[dt]|sending|travel\w*|to train)\b", re.I)

# "in northern Kosovo", "across eastern Congo": a part of the state is still the state
_PART = r"((the )?(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(ern)? )?"


@functools.cache
def _regions() -> dict[str, str]:
    return {str(k): str(v) for k, v in (data.load("regions") or {}).items()}


def situation_of(state: Actor | None, actors: list[Actor]) -> Situation | None:
    """The situation's key is its state's code, so a brief on Mali is never filed under Niger; the countries
    are the states the article makes central, the situation's own first."""
    if state is None or not state.code:
        return None
    others = [a.code for a in actors if a.type == "state" and a.central and a.code]
    return Situation(key=state.code.lower(), label=state.name, countries=list(dict.fromkeys([state.code, *others])))
