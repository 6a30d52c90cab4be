"""Power-vacuum risk: a rating that explains itself through named indicators, each with its evidence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib.resources import files

from .. import data
from ..brief import Actor, Indicator, Likelihood, Risk, Sentence, Themes
from .prose import agree, listing, mention, possessive
from .themes import lexicon

_MAX_EVIDENCE = 3


@cache
def indicator_specs() -> tuple[dict, ...]:
    """The indicators of data/risk.yaml, in order, with their patterns compiled."""
    return tuple({**ind, "regexes": [re.compile(p, re.I) for p in ind.get("patterns", [])]}
                 for ind in data.load("risk")["indicators"])


@cache
def fitted_weights() -> dict:
    """The weights and thresholds fitted by scripts/train_risk_model.py."""
    return json.loads(files(data).joinpath("risk_model.json").read_text(encoding="utf-8"))


def rate_risk(sentences: list[Sentence], actors: list[Actor], themes: Themes, state: Actor | None = None) -> Risk:
    specs, fitted = indicator_specs(), fitted_weights()
    thresholds = fitted["thresholds"]
    negation = lexicon().negation
    indicators: list[Indicator] = []
    score = 0.0
    for spec in specs:
        # troops pulling back from a square in a coup are the state's own: a force leaving is a foreign one
        foreign = spec["id"] == "foreign_force_leaving"
        evidence = [s.id for s in sentences if any(_affirmed(rx, s.text, negation) for rx in spec["regexes"])
                    and not (foreign and not _foreign_named(s.text, actors, state))]
        # Outside a security or vacuum story the same words ("gangs", "exit") are not indicators of anything.
        present = bool(evidence) and (themes.security.present or themes.power_vacuum.present)
        if present:
            score += fitted["weights"][spec["id"]]
        indicators.append(Indicator(id=spec["id"], label=spec["label"], present=present,
                                    evidence=_first(evidence, sentences) if present else []))
    if themes.power_vacuum.present:
        score += fitted["vacuum_theme"]
    rating = "high" if score >= thresholds["high"] else "moderate" if score >= thresholds["moderate"] else "low"
    present = {i.id: i for i in indicators if i.present}
    watch = [spec["watch"] for spec, ind in zip(specs, indicators, strict=True) if ind.present]
    likelihood = _likelihood(rating, present)
    judgment = _judgment(likelihood, present, actors, sentences, state, themes.power_vacuum.present)
    evidence = list(dict.fromkeys(e for i in present.values() for e in i.evidence[:1]))
    if not present and themes.power_vacuum.present:
        evidence = themes.power_vacuum.evidence[:1]  # the rating rests on the article's own discussion of a gap
    return Risk(rating=rating, score=round(score, 2), explanation=judgment, indicators=indicators, watch=watch,
                likelihood=likelihood, judgment=judgment, judgment_evidence=evidence)


def _likelihood(rating: str, present: dict[str, Indicator]) -> Likelihood:
    """The ICD 203 word for the rating; the strongest combination of indicators moves it one band up."""
    if rating == "high":
        return "very likely" if {"foreign_force_leaving", "explicit_vacuum"} <= present.keys() else "likely"
    if rating == "moderate":
        return "roughly even chance"
    return "unlikely" if present else "very unlikely"


def _judgment(likelihood: Likelihood, present: dict[str, Indicator], actors: list[Actor],
              sentences: list[Sentence], state: Actor | None, vacuum_discussed: bool) -> str:
    """One sentence that names who is behind the judgment: "A power vacuum in Somalia is likely: the African
    Union mission is leaving and al-Shabaab is active." At most three reasons, strongest first."""
    text = {s.id: s.text for s in sentences}
    reasons = []
    if "explicit_vacuum" in present:
        reasons.append("the article itself warns of a vacuum")
    if "foreign_force_leaving" in present:
        # a government that recalls its troops is not what leaves: "the White House is leaving" says nothing
        forces = [a for a in actors if a.type != "government_body" or _is_force(a)]
        force = _named_in(present["foreign_force_leaving"], forces, text, ("international_org", "government_body"),
                          exclude=state, prefer=_is_force)
        reasons.append(f"{mention(force)} {agree(force.name, 'is', 'are')} leaving" if force
                       else "a foreign force is leaving")
    if "armed_non_state_groups" in present or "territorial_control" in present:
        taking = "territorial_control" in present
        group = _named_in(present.get("territorial_control") or present["armed_non_state_groups"], actors, text,
                          ("armed_group",))
        if group:
            verb = agree(group.name, "holds or takes ground" if taking else "is active",
                         "hold or take ground" if taking else "are active")
            reasons.append(f"{mention(group)} {verb}")
        else:
            reasons.append(f"armed groups are {'taking ground' if taking else 'active'}")
    if "internal_conflict" in present:
        reasons.append("rival forces are fighting")
    if "extremist_resurgence" in present:
        reasons.append("extremists may regain ground")
    if "state_capacity_gap" in present:
        reasons.append(f"{possessive(mention(state))} own forces show gaps" if state
                       else "the state's forces show gaps")
    if "political_instability" in present:
        reasons.append("authority is contested")
    if "outside_competition" in present:
        reasons.append("outside powers compete for influence")
    where = f" in {mention(state)}" if state else ""
    opening = (f"There is a roughly even chance that a power vacuum opens{where}"
               if likelihood == "roughly even chance" else f"A power vacuum{where} is {likelihood}")
    if not reasons and vacuum_discussed:
        # a rating above low with no indicator rests on the theme: a parliament without a speaker, a state
        # without a government
        return (f"{opening}: the article discusses a gap in authority, though it describes no departing force, "
                "armed challenger or failing state.")
    if not reasons:
        # with nothing to place, "a power vacuum in Japan" reads as if one were in question there
        return f"A power vacuum is {likelihood}: the article describes no departing force, armed challenger or " \
            "failing state."
    if likelihood in ("unlikely", "very unlikely"):
        # what the article does describe is short of a vacuum: "unlikely, though rebels are active"
        return f"{opening}, though {listing(reasons[:3])}."
    return f"{opening}: {listing(reasons[:3])}."


def _named_in(indicator: Indicator, actors: list[Actor], text: dict[str, str], types: tuple[str, ...],
              exclude: Actor | None = None, prefer: Callable[[Actor], bool] | None = None) -> Actor | None:
    """The most prominent actor of the given types named in the indicator's evidence sentences (see
    `_named`), those `prefer` picks first (MINUSMA, not the United Nations it belongs to)."""
    cited = " ".join(text.get(e, "") for e in indicator.evidence)
    return _named(cited, actors, types, exclude, key=lambda a: (not (prefer and prefer(a)), -a.mentions))


def _named(cited: str, actors: list[Actor], types: tuple[str, ...], exclude: Actor | None,
           key: Callable[[Actor], tuple] = lambda a: -a.mentions) -> Actor | None:
    """The first actor, in `key` order, of the given types that `cited` names, leaving out `exclude` and its own
    bodies (a force leaving Lebanon is not Lebanon's army, whose code starts with LBN)."""
    home = exclude.code if exclude is not None and exclude.code else None
    for actor in sorted((a for a in actors if a.type in types and a is not exclude
                         and not (home and (a.code or "").startswith(home))), key=key):
        if any(form and form in cited for form in [actor.name, *actor.seen_as]):
            return actor
    return None


def _foreign_named(sentence: str, actors: list[Actor], state: Actor | None) -> bool:
    """The sentence names a force from outside the host state: an international body, another state or one of
    its bodies, or a force the text calls foreign or multinational."""
    return bool(_FOREIGN_WORDS.search(sentence)) or _named(
        sentence, actors, ("state", "government_body", "international_org"), state) is not None


def _is_force(actor: Actor) -> bool:
    return any(_FORCE.search(n) for n in [actor.name, *actor.aliases])


# A force rather than the organisation or government that sends it
_FORCE = re.compile(r"\b(mission|forces?|operation|corps|command|peacekeep\w*|troops|soldiers|contingent|army|"
                    r"navy|military)\b", re.I)
_FOREIGN_WORDS = re.compile(r"\b(foreign|international|multinational|peacekeep\w*|blue[- ]helmet\w*|coalition|"
                            r"[Mm]ission|UN|U\.N\.|expeditionary)\b")


def _affirmed(rx: re.Pattern[str], text: str, negation: re.Pattern[str]) -> bool:
    return any(not negation.search(text[max(0, m.start() - 30):m.start()]) for m in rx.finditer(text))


def _first(evidence: list[str], sentences: list[Sentence]) -> list[str]:
    order = {s.id: i for i, s in enumerate(sentences)}
    return sorted(dict.fromkeys(evidence), key=order.__getitem__)[:_MAX_EVIDENCE]
