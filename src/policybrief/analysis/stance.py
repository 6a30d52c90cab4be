"""Stances: who supports, opposes or hedges on the central development, each shown by the article's words.

An actor takes a stance when it is the subject of a verb of support, opposition or hedging ("the junta
rejected", "Washington has welcomed", "officials were cautious"); the sentence is its quote and its evidence.
An actor that plans, asks or orders something takes a stance on the development only when what it plans is
part of it ("Mali plans to hold elections" says nothing of the peacekeepers leaving).
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
        # ("moving Georgia back into Russia's orbit": an adverb)
        r"\b(welcom\w*|support\w*|back(s|ed|ing)?(?! (into|to|from|in|on|out|down|up|home|off|away)\b)|"
        r"endors\w*|agree[sd]?|approv\w*|prais\w*|call\w* for|"
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
_PLACED = re.compile(r"\b(in|inside|across|within|from|to|at|on|into|over|of)\s+(the\s+)?$", re.I)
# The actor as the subject of a clause about something the sentence named before it: "the blackout ..., a move
# the UN human rights office condemned", "the deal, which Washington welcomed". Its stance is on that thing, which
# is the development only in the development's own sentence.
_RELATIVE = re.compile(r"(\b(move|step|decision|measure|action|policy|proposal|plan|idea|deal|ban)s?\s+"
                       r"(that\s+|which\s+)?|,\s+which\s+)(the\s+)?$", re.I)
_WINDOW = 60  # characters after the actor's name in which its verb must come
# What may stand between a subject and its verb: auxiliaries, adverbs and times ("Washington on Monday
# welcomed", "the junta has also rejected"), and those who speak for it ("Cameroon's opposition leaders
# rejected"). Any other word makes the verb someone else's ("Lukashenko cracked down on protests", "the Bongo
# regime faced accusations", "Dhulbahante leaders as being more favourable").
_BETWEEN_WORDS = """has have had is are was were be been will would could can may might should must shall did
does do also already now then again still later earlier too both all itself themselves on last this next week
month year yesterday today tonight morning afternoon evening night late early monday tuesday wednesday thursday friday
saturday sunday leaders leadership officials spokesman spokeswoman spokesperson"""
_BETWEEN = frozenset(_BETWEEN_WORDS.split())
# The actor reporting its own stance: "Kyrgyzstan said on Friday it agreed a ceasefire", "she said she had approved"
_SAYS_IT = re.compile(r"^\s*(said|says|announced|stated|declared)( (on|late|early|last|this) \w+)*( that)? "
                      r"(it|they|he|she)\b", re.I)
# After a possessive only a noun of stance is one: "the Kremlin's demand that ...", not "Dissanayake's biggest
# challenge".
_STANCE_NOUN = re.compile(r"(demand|call|support|backing|opposition|rejection|refusal|objection|request|plan|"
                          r"proposal|condemnation|criticism)s?$", re.I)
_AFTER_STANCE_NOUN = re.compile(r"\s*([.,;:]|$|(that|to|for|of|against|on|over|in|was|is|has|had)\b)", re.I)
# Nouns the stems of the verbs above also spell: "supporters", "protestors", "rejection", "favourable".
_NOUN_ENDING = re.compile(r"(ers|ors|ion|ions|ance|ances|ment|ments|able|ible|al|als)$", re.I)
# Verbs that take a stance only through their object: an actor that plans, asks or orders something.
_ACTION = re.compile(r"^(plan|decid|announc|mov|order|sign|ask|request|seek|sought|want|pledg|vow|commit|is|are|"
                     r"was|were|tak|push|press|call|demand|urg|insist)", re.I)


def find_stances(actors: list[Actor], sentences: list[Sentence], development: str,
                 development_ids: list[str]) -> list[Actor]:
    """Copies of the actors with their stance, quote and evidence where the article shows one on the development:
    `development` says it (the lead and the headline), `development_ids` are the sentences that report it."""
    text = {s.id: s.text for s in sentences}
    about = _content_words(development)
    out = []
    for actor in actors:
        found = _stance(actor, text, about, set(development_ids))
        out.append(actor.model_copy(update=found) if found else actor)
    return out


def _stance(actor: Actor, text: dict[str, str], about: set[str], development_ids: set[str]) -> dict | None:
    # "UN", "US", "EU" in capitals are names too; as whole words only ("UN" is not in "UNDP")
    forms = sorted({f for f in [actor.name, *actor.seen_as] if len(f) > 2 or len(f) == 2 and f.isupper()},
                   key=len, reverse=True)
    own_words = set().union(*(_content_words(f) for f in forms))
    for sid in actor.evidence:
        sentence = text.get(sid, "")
        for form in forms:
            named = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", sentence)
            at = named.start() if named else -1
            if at < 0 or _PLACED.search(sentence[:at]):
                continue  # "the security situation in Mali has ...": a place in someone else's clause
            if _RELATIVE.search(sentence[:at]) and sid not in development_ids:
                continue  # "a move the UN human rights office condemned": its stance is on the move
            window = re.split(r"[;:]", sentence[at + len(form):at + len(form) + _WINDOW])[0]
            for stance, verbs in _VERBS.items():  # opposition first: "refused to back" is opposition
                m = verbs.search(window)
                if m is None or not _own_verb(window[:m.start()], m[0], stance, window[m.end():]):
                    continue
                if not _ADJECTIVE.match(window, m.start()) and _PASSIVE.search(window[:m.start()]) \
                        and m[0].lower().endswith("ed"):
                    continue
                if stance == "supports" and _ACTION.match(m[0]) and sid not in development_ids \
                        and not (_content_words(sentence[at + len(form) + m.end():]) - own_words) & about:
                    continue
                return {"stance": stance, "stance_quote": sentence, "stance_evidence": sid}
    return None


def _own_verb(between: str, verb: str, stance: str, after: str) -> bool:
    """Whether a verb is the actor's own: next to its name, past nothing but auxiliaries, adverbs and times, not
    negated, not a noun, and no participle of someone else's clause ("wrote to Marco Rubio requesting talks")."""
    between = _SAYS_IT.sub(" ", between)
    if "," in between or _NEGATION.search(between) or _NOUN.search(between):
        return False
    words = between.split()
    if between.startswith(("'s", "’s")):  # "Sudan's opposition groups" are no stance
        return len(words) == 1 and bool(_STANCE_NOUN.match(verb)) and bool(_AFTER_STANCE_NOUN.match(after))
    if stance != "hedges" and " " not in verb and _NOUN_ENDING.search(verb):
        return False
    if verb.lower().endswith("ing") and not words:
        return False
    return all(w.lower() in _BETWEEN or w.lower().endswith("ly") for w in words)


def _content_words(text: str) -> set[str]:
    """Words by their first five letters, so "withdraw" meets "withdrawal"."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _COMMON}


_COMMON_WORDS = """that this with from have will would their there they them been were what when which while
about after before said says also into over under than then more most some such only other year years month
week monday tuesday wednesday thursday friday saturday sunday"""
_COMMON = frozenset(_COMMON_WORDS.split())
