"""Tension: where the article sets national sovereignty against security, and which way it leans."""

from __future__ import annotations

from ..brief import Sentence, Tension, Themes
from ..furniture import strip_dateline
from .themes import ON_THEME, SentenceScores

_SIDE_EVIDENCE = 3
_SUBSTANTIAL = 1.5


def assess_tension(sentences: list[Sentence], scores: SentenceScores, themes: Themes, state: str | None) -> Tension:
    sov = _framing(scores.weights["sovereignty"]) if themes.sovereignty.present else {}
    sec = _framing(scores.weights["security"]) if themes.security.present else {}
    sov_total, sec_total = sum(sov.values()), sum(sec.values())
    balance = 0.0 if not (sov_total + sec_total) else (sov_total - sec_total) / (sov_total + sec_total)
    # A sentence sets the two against each other only when both framings are substantial in it, not when a
    # sovereignty sentence happens to mention "forces".
    both = [s.id for s in sentences if sov.get(s.id, 0) >= _SUBSTANTIAL and sec.get(s.id, 0) >= _SUBSTANTIAL]
    sov_side = _top(sov, sentences)
    sec_side = _top(sec, sentences)
    text = {s.id: s.text for s in sentences}
    where = f" for {state}" if state else ""
    if not sov and not sec:
        assessment = "The article does not frame its subject in terms of sovereignty or security."
    elif not sov:
        assessment = (f"The article treats the situation{where} as a security matter; national sovereignty is not "
                      f"at issue in it. Its security case: {_quote(text[sec_side[0]])}")
    elif not sec:
        assessment = (f"The article frames the situation{where} as a question of sovereignty; security threats "
                      f"are not its concern. Its sovereignty case: {_quote(text[sov_side[0]])}")
    else:
        lean = ("leans towards sovereignty" if balance > 0.2 else "leans towards security" if balance < -0.2
                else "weighs the two about evenly")
        assessment = (f"The article sets national sovereignty{where} against security and {lean} "
                      f"(sovereignty framed in {_sentences(len(sov))}, security in {len(sec)}). Sovereignty: "
                      f"{_quote(text[_best(sov)])} Security: {_quote(text[_best(sec)])}")
    order = {s.id: i for i, s in enumerate(sentences)}
    evidence = sorted(set(both[:2] + [_best(w) for w in (sov, sec) if w]), key=order.__getitem__)
    return Tension(balance=round(max(-1.0, min(1.0, balance)), 3), assessment=assessment, evidence=evidence,
                   sovereignty_evidence=sov_side, security_evidence=sec_side)


def _sentences(n: int) -> str:
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def _framing(weights: dict[str, float]) -> dict[str, float]:
    return {sid: w for sid, w in weights.items() if w >= ON_THEME}


def _best(weights: dict[str, float]) -> str:
    return max(weights, key=lambda sid: weights[sid])


def _quote(sentence: str, limit: int = 28) -> str:
    words = strip_dateline(sentence).strip("\"“”' ").split()
    if len(words) > limit:
        return f"“{' '.join(words[:limit])} …”"
    return f"“{' '.join(words).rstrip('.!?')}.”"


def _top(weights: dict[str, float], sentences: list[Sentence]) -> list[str]:
    order = {s.id: i for i, s in enumerate(sentences)}
    best = sorted(weights, key=lambda sid: (-weights[sid], order[sid]))[:_SIDE_EVIDENCE]
    return sorted(best, key=order.__getitem__)
