"""Stances: who supports, opposes or hedges on the central development, each shown by the article's words.

An actor takes a stance when it is the subject of a verb of support, opposition or hedging ("the junta
rejected", "Washington has welcomed", "officials were cautious"); the sentence is its quote and its evidence.
"""

from __future__ import annotations

import re

from ..brief import Actor, Sentence, Stance

_VERBS: dict[Stance, re.Pattern[str]] = {
    "opposes": re.compile(
        r"\b(oppos\w*|reject\w*|condemn\w*|criticis\w*|criticiz\w*|denounc\w*|refus\w*|protest\w*|object\w*|"
        r"resist\w*|accus\w*|dismiss\w*|warn\w* against|vow\w* to fight|vetoe?d?|boycott\w*|blocked|defied|"
        r"challeng\w*|slammed|decr(y|ies|ied))\b", re.I),
    "supports": re.compile(
        r"\b(welcom\w*|support\w*|back(s|ed|ing)?|endors\w*|agree[sd]?|approv\w*|prais\w*|call\w* for|"
        r"push\w* for|press\w* for|demand\w*|want\w*|seek\w*|sought|urg\w*|insist\w*|pledg\w*|vow\w*|"
        r"committed|signed|hailed|favou?r\w*|ask(s|ed)|request\w*|order(s|ed)|plans? to|planned to|decided to|"
        r"(is|are|was|were) (taking steps|moving|working) to|tak(es|ing) steps to|announced|moved to)\b", re.I),
    "hedges": re.compile(
        # whole verbs: "considerably", "reserve troops" and "weight" are no hedging
        # ("has not yet decided" hedges; "the state is not yet ready" describes)
        r"\b(cautious\w*|wait\w* (to|for|and)|undecided|mixed|hedg\w*|reservations?|consider(s|ed|ing)?|"
        r"not yet (decided|committed|agreed|responded|announced|made up|taken a (position|decision|stance))|"
        r"review(s|ed|ing)?|assess(es|ed|ing)?|weigh(s|ed|ing)?|declined to (say|comment)|non-?committal|ambivalent|"
        r"unclear whether)\b", re.I),
}
_NEGATION = re.compile(r"\b(not|never|no longer)\s+$|n['’]t\s+$", re.I)
# "Georgian Dream is accused by the opposition", "the plan was backed by Paris": the actor undergoes the verb,
# someone else holds the stance.
_PASSIVE = re.compile(r"\b(is|are|was|were|be|been|being|get|gets|got)\s+(\w+ly\s+)?$", re.I)
# "the armed groups are opposed to its departure": a stance held, not one undergone
_ADJECTIVE = re.compile(r"(opposed|committed|determined) to\b", re.I)
# "Kyiv renounce NATO forever is a demand to ...": after an article the word is a noun, and the actor before it
# is not its subject
_NOUN = re.compile(r"\b(a|an|the)\s+$", re.I)
_PLACED = re.compile(r"\b(in|inside|across|within|from|to|at|on|into|over)\s+(the\s+)?$", re.I)
_WINDOW = 60  # characters after the actor's name in which its verb must come


def find_stances(actors: list[Actor], sentences: list[Sentence]) -> list[Actor]:
    """Copies of the actors with their stance, quote and evidence where the article shows one."""
    text = {s.id: s.text for s in sentences}
    out = []
    for actor in actors:
        found = _stance(actor, text)
        out.append(actor.model_copy(update=found) if found else actor)
    return out


def _stance(actor: Actor, text: dict[str, str]) -> dict | None:
    forms = sorted({f for f in [actor.name, *actor.seen_as] if len(f) > 2}, key=len, reverse=True)
    for sid in actor.evidence:
        sentence = text.get(sid, "")
        for form in forms:
            at = sentence.find(form)
            if at < 0 or _PLACED.search(sentence[:at]):
                continue  # "the security situation in Mali has ...": a place in someone else's clause
            window = re.split(r"[;:]", sentence[at + len(form):at + len(form) + _WINDOW])[0]
            for stance, verbs in _VERBS.items():  # opposition first: "refused to back" is opposition
                m = verbs.search(window)
                # The verb must be the actor's own: next to its name, not past a comma into another clause.
                if m and "," not in window[:m.start()] and len(window[:m.start()].split()) <= 4 \
                        and not _NEGATION.search(window[:m.start()]) and not _NOUN.search(window[:m.start()]) \
                        and not (_PASSIVE.search(window[:m.start()]) and m[0].lower().endswith("ed")
                                 and not _ADJECTIVE.match(window, m.start())):
                    return {"stance": stance, "stance_quote": sentence, "stance_evidence": sid}
    return None
