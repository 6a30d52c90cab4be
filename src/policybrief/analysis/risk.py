"""Power-vacuum risk: a rating that explains itself through named indicators, each with its evidence."""

from __future__ import annotations

import re
from functools import cache

from .. import data
from ..brief import Actor, Indicator, Risk, Sentence, Themes
from .themes import lexicon

_MAX_EVIDENCE = 3


@cache
def _indicators() -> tuple[dict, float, list[dict]]:
    spec = data.load("risk")
    compiled = [
        {**ind, "regexes": [re.compile(p, re.I) for p in ind.get("patterns", [])]} for ind in spec["indicators"]
    ]
    return spec["thresholds"], float(spec["vacuum_theme"]), compiled


def rate_risk(sentences: list[Sentence], actors: list[Actor], themes: Themes) -> Risk:
    thresholds, vacuum_theme, specs = _indicators()
    negation = lexicon().negation
    indicators: list[Indicator] = []
    score = 0.0
    for spec in specs:
        evidence = [s.id for s in sentences if any(_affirmed(rx, s.text, negation) for rx in spec["regexes"])]
        # Outside a security or vacuum story the same words ("gangs", "exit") are not indicators of anything.
        present = bool(evidence) and (themes.security.present or themes.power_vacuum.present)
        if present:
            score += spec["weight"]
        indicators.append(Indicator(id=spec["id"], label=spec["label"], present=present,
                                    evidence=_first(evidence, sentences) if present else []))
    if themes.power_vacuum.present:
        score += vacuum_theme
    rating = "high" if score >= thresholds["high"] else "moderate" if score >= thresholds["moderate"] else "low"
    present = [i for i in indicators if i.present]
    watch = [spec["watch"] for spec, ind in zip(specs, indicators, strict=True) if ind.present]
    explanation = (
        f"Rated {rating} ({score:.1f} points) because: " + "; ".join(i.label.lower() for i in present) + "."
        if present else f"Rated {rating}: none of the power-vacuum indicators appears in the article."
    )
    return Risk(rating=rating, score=round(score, 2), explanation=explanation, indicators=indicators, watch=watch)


def _affirmed(rx: re.Pattern[str], text: str, negation: re.Pattern[str]) -> bool:
    return any(not negation.search(text[max(0, m.start() - 30):m.start()]) for m in rx.finditer(text))


def _first(evidence: list[str], sentences: list[Sentence]) -> list[str]:
    order = {s.id: i for i, s in enumerate(sentences)}
    return sorted(dict.fromkeys(evidence), key=order.__getitem__)[:_MAX_EVIDENCE]
