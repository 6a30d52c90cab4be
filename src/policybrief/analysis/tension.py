"""Tension: where the article sets national sovereignty against security, and which way it leans."""

from __future__ import annotations

import re

from ..brief import Sentence, Tension, Themes
from ..furniture import strip_dateline
from ..metadata import is_truncated
from .prose import needs_antecedent, nested, paired_quotes
from .themes import ON_THEME, SentenceScores

_SIDE_EVIDENCE = 3
_SUBSTANTIAL = 1.5
_WHOLLY_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_STOPPED = re.compile(r"[.!?…][’']*$")


def assess_tension(sentences: list[Sentence], scores: SentenceScores, themes: Themes, state: str | None, *,
                   merged: bool = False) -> Tension:
    """The assessment is written from the theme calls it sits beside: a theme the brief marks present is never
    said to be absent, and the reverse."""
    sov = _framing(scores.weights["sovereignty"], themes.sovereignty.evidence) if themes.sovereignty.present else {}
    sec = _framing(scores.weights["security"], themes.security.evidence) if themes.security.present else {}
    sov_total, sec_total = sum(sov.values()), sum(sec.values())
    balance = 0.0 if not (sov_total + sec_total) else (sov_total - sec_total) / (sov_total + sec_total)
    # A sentence sets the two against each other only when both framings are substantial in it, not when a
    # sovereignty sentence happens to mention "forces".
    both = [s.id for s in sentences if sov.get(s.id, 0) >= _SUBSTANTIAL and sec.get(s.id, 0) >= _SUBSTANTIAL]
    sov_side = _top(sov, sentences)
    sec_side = _top(sec, sentences)
    text = {s.id: s.text for s in sentences}
    where = f" in {state}" if state else ""
    # A merged brief speaks of its sources, in the plural.
    who, s = ("The sources", "") if merged else ("The article", "s")
    if not sov and not sec:
        assessment = f"Neither national sovereignty nor security is a theme {who.lower()} develop{s}."
    elif not sov:
        assessment = f"{who} treat{s} the situation{where} as a security question: {_quote(text[_best(sec, text)])}"
    elif not sec:
        assessment = (f"{who} treat{s} the situation{where} as a question of sovereignty: "
                      f"{_quote(text[_best(sov, text)])}")
    else:
        lean = (f"dwell{s} more on sovereignty" if balance > 0.2 else f"dwell{s} more on security"
                if balance < -0.2 else f"give{s} the two about equal weight")
        assessment = (f"{who} weigh{s} sovereignty{where} and security together and {lean}. On sovereignty: "
                      f"{_quote(text[_best(sov, text)])} On security: {_quote(text[_best(sec, text)])}")
    order = {s.id: i for i, s in enumerate(sentences)}
    evidence = sorted(set(both[:2] + [_best(w, text) for w in (sov, sec) if w]), key=order.__getitem__)
    return Tension(balance=round(max(-1.0, min(1.0, balance)), 3), assessment=assessment, evidence=evidence,
                   sovereignty_evidence=sov_side, security_evidence=sec_side)


def _framing(weights: dict[str, float], evidence: list[str]) -> dict[str, float]:
    """Sentences that frame the theme; for a theme present on many light cues, its evidence sentences."""
    framing = {sid: w for sid, w in weights.items() if w >= ON_THEME}
    return framing or {sid: weights.get(sid, 0.1) for sid in evidence}


def _best(weights: dict[str, float], text: dict[str, str]) -> str:
    """The sentence that frames the theme most, among the complete ones (not a heading or a link, which has no
    full stop) that say on their own who is meant."""
    return max(weights, key=lambda sid: (not is_truncated(text[sid]), not needs_antecedent(text[sid]), weights[sid]))


def _quote(sentence: str, limit: int = 28) -> str:
    text = strip_dateline(sentence).strip()
    if _WHOLLY_QUOTED.fullmatch(text):  # a sentence that is one quote is quoted once, not twice
        text = text[1:-1]
    words = text.split()
    if len(words) > limit:
        return f"“{nested(paired_quotes(' '.join(words[:limit]) + ' …'))}”"
    quoted = nested(paired_quotes(" ".join(words)))
    return f"“{quoted if _STOPPED.search(quoted) else quoted.rstrip(',;:') + '.'}”"


def _top(weights: dict[str, float], sentences: list[Sentence]) -> list[str]:
    order = {s.id: i for i, s in enumerate(sentences)}
    best = sorted(weights, key=lambda sid: (-weights[sid], order[sid]))[:_SIDE_EVIDENCE]
    return sorted(best, key=order.__getitem__)
